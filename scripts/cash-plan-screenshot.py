"""Take the README's picture of the Cash plan tab: the route table being edited, the visits.

    QT_QPA_PLATFORM=offscreen python scripts/cash-plan-screenshot.py OUT.png [--lang zh_CN]
        [--size 1366x768]

On a throw-away demo store: the CLI forecasts the demo withdrawals and imports two routes, then
the window reopens that run on the Forecast panel's Cash plan tab, re-plans from today's cash
and opens the visit-days editor of the first route, as a user would, before the picture.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QPoint, QSettings, QTimer
from PySide6.QtGui import QPainter

from iotfin_gui.cli import main as cli
from iotfin_gui.core.cashplan.routes import CSV_COLUMNS
from iotfin_gui.core.store import Store
from iotfin_gui.ui.app import application
from iotfin_gui.ui.i18n import install_language
from iotfin_gui.ui.jobs import JobRunner
from iotfin_gui.ui.main_window import MainWindow

ROUTES = ("route,atms,visit_days,cit_holidays,lead_days,denomination,notes_per_bundle,"
          "visit_cost,surcharge,idle_rate,stockout_penalty,max_interval\n"
          "North,ATM-0001;ATM-0002;ATM-0003,Mon-Sat,2026-11-11,1,100,100,300,150,5%,2000,14\n"
          "City,*,Mon-Fri,,1,100,100,200,100,5%,1000,21\n")


def wait_until(condition, timeout_s: float = 300.0) -> None:
    loop, waited = QEventLoop(), 0.0
    while not condition():
        QTimer.singleShot(100, loop.quit)
        loop.exec()
        waited += 0.1
        if waited > timeout_s:
            raise SystemExit("the window did not get there in time")


def prepare_store(folder: Path) -> Path:
    db = folder / "demo.sqlite"
    routes = folder / "routes.csv"
    routes.write_text(ROUTES, encoding="utf-8")
    for args in (["demo"], ["forecast", "--dataset", "demo_withdrawals", "--horizon", "28",
                            "--model", "weekday_profile", "--out", str(folder / "forecast.csv")],
                 ["routes", "import", str(routes)]):
        if cli([*args, "--db", str(db), "--quiet"]) != 0:
            raise SystemExit(f"main.py {' '.join(args)} failed")
    return db


def shoot(db: Path, out: Path, language: str, size: tuple[int, int]) -> None:
    app = application()
    install_language(language)
    settings = QSettings(str(db.with_suffix(".ini")), QSettings.Format.IniFormat)
    runner = JobRunner()
    with Store.open(db) as store:
        window = MainWindow(store, runner, load_demo_if_empty=False, settings=settings)
        window.resize(*size)
        window.show()
        window.show_panel("forecast")
        panel = window.panels["forecast"]
        wait_until(lambda: panel.outlook is not None)
        panel.tabs.setCurrentWidget(panel.cash_plan_tab)
        page = panel.cash_plan
        wait_until(lambda: page.plan.outcome is not None)  # the run's visits, without a click
        view = page.routes.table
        view.resizeColumnsToContents()
        index = page.routes.model.index(0, CSV_COLUMNS.index("visit_days"))
        view.setCurrentIndex(index)
        view.edit(index)
        app.processEvents()
        picture = window.grab()
        editor = view.indexWidget(index)  # a popup window: painted where it opened
        painter = QPainter(picture)
        painter.drawPixmap(editor.geometry().topLeft() - window.mapToGlobal(QPoint(0, 0)),
                           editor.grab())
        painter.end()
        picture.save(str(out))
        window.close()
    runner.shutdown()
    print(f"screenshot saved to {out}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", default="en")
    parser.add_argument("--size", default="1366x768")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    with tempfile.TemporaryDirectory() as folder:
        shoot(prepare_store(Path(folder)), args.out, args.lang, (width, height))
