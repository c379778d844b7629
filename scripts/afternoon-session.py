"""An analyst's afternoon, scripted, to show what the log file holds after real use.

On a fresh store in a temporary folder: the CLI loads the demo fleet, exports the withdrawals
and imports them back as a new dataset, stores and applies a recipe, trains two models, runs a
forecast with its plan and exports the leaderboard; then a window session (offscreen) runs the
Forecast panel's job with Ctrl+R's action, applies the Fleet rules, runs the forecast again and
cancels it with Esc's action, starts the Models panel's training as it is set up, and opens the
user guide. Every step writes to the log folder given (default: a
temporary one), whose log file is printed at the end.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/afternoon-session.py [--log-dir DIR]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RECIPE = {"name": "weekly_demand", "target": "amount", "note": "weekly demand per ATM",
          "steps": [
              {"type": "resample", "params": {"frequency": "weekly", "aggregations": {
                  "amount": "sum", "count": "sum", "cash_level_end": "last"}}},
              {"type": "lags", "params": {"columns": ["amount"], "lags": [1, 2]}},
              {"type": "calendar", "params": {"features": ["month", "is_month_end"]}}]}


def cli(db: Path, *args: str) -> None:
    command = [sys.executable, str(ROOT / "main.py"), *args, "--db", str(db), "--quiet"]
    print("$ iotfin", " ".join(args), flush=True)
    done = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    print((done.stdout.strip().splitlines() or [""])[-1][:160],
          f"(exit {done.returncode})", flush=True)


def cli_part(folder: Path) -> Path:
    import json

    db = folder / "store.sqlite"
    cli(db, "demo")
    cli(db, "export", "dataset", "--dataset", "demo_withdrawals", "--out",
        str(folder / "withdrawals.csv"))
    cli(db, "import", str(folder / "withdrawals.csv"), "--name", "october_withdrawals",
        "--kind", "withdrawals")
    recipe = folder / "weekly_demand.json"
    recipe.write_text(json.dumps(RECIPE), encoding="utf-8")
    cli(db, "recipe", "import", str(recipe))
    cli(db, "recipe", "apply", "weekly_demand", "--dataset", "demo_withdrawals",
        "--save-as", "weekly_demand")
    cli(db, "train", "--dataset", "demo_credit_applications", "--target", "defaulted",
        "--task", "classification", "--models", "logistic,random_forest", "--cv", "3")
    cli(db, "forecast", "--dataset", "demo_withdrawals", "--horizon", "28", "--out",
        str(folder / "forecast.csv"), "--plan-out", str(folder / "plan.csv"))
    cli(db, "forecast", "--dataset", "no_such_dataset", "--out", str(folder / "x.csv"))
    cli(db, "export", "runs", "--out", str(folder / "leaderboard.csv"))
    cli(db, "export", "fleet_status", "--out", str(folder / "fleet_status.csv"))
    return db


def gui_part(db: Path) -> int:
    """The window on the same store, driven through its actions as the shortcuts do."""
    from PySide6.QtCore import QSettings, QTimer

    from iotfin_gui.core.logs import setup_logging
    from iotfin_gui.core.store import Store
    from iotfin_gui.ui.app import application, install_error_hook
    from iotfin_gui.ui.i18n import install_language
    from iotfin_gui.ui.jobs import JobRunner
    from iotfin_gui.ui.main_window import MainWindow

    setup_logging()
    app = application()
    install_language("zh_CN")
    settings = QSettings(str(db.parent / "settings.ini"), QSettings.Format.IniFormat)
    store = Store.open(db)
    runner = JobRunner()
    window = MainWindow(store, runner, settings=settings)
    install_error_hook(window)
    window.show()
    actions = window.window_actions
    steps = [
        lambda: (window.show_panel("forecast"), actions.run_current()),
        lambda: (window.show_panel("fleet"), actions.run_current()),
        lambda: (window.show_panel("forecast"), actions.run_current(),
                 QTimer.singleShot(3000, actions.cancel_jobs)),
        lambda: (window.show_panel("models"), actions.run_current()),
        lambda: actions.open_guide().close(),
        window.close,
    ]

    def next_step() -> None:
        if not steps:
            return
        steps.pop(0)()
        QTimer.singleShot(1000, wait_idle)

    def wait_idle() -> None:
        if runner.busy:
            QTimer.singleShot(500, wait_idle)
        else:
            next_step()

    window.ready.connect(lambda: QTimer.singleShot(500, next_step))
    app.exec()
    runner.shutdown()
    store.close()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--log-dir", type=Path, help="log folder (default: a temporary one)")
    parser.add_argument("--gui-part", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.gui_part:
        return gui_part(args.gui_part)
    folder = Path(tempfile.mkdtemp(prefix="iotfin-afternoon-"))
    logs = args.log_dir or folder / "logs"
    os.environ["IOTFIN_LOG_DIR"] = str(logs)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    db = cli_part(folder)
    print("$ (window session, zh_CN: forecast, fleet, forecast cancelled, training, user guide)")
    subprocess.run([sys.executable, __file__, "--gui-part", str(db)], check=True, timeout=1800)
    print(f"\n----- {logs / 'iotfin.log'} -----")
    print((logs / "iotfin.log").read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
