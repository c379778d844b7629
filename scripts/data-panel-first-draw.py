"""Time the Data panel's first draw of a dataset's "over time" plot, and take its picture.

    QT_QPA_PLATFORM=offscreen python scripts/data-panel-first-draw.py STORE DATASET [--out PNG]
        [--size 1366x768]

Opens the window on an existing store (e.g. a 50M-row telemetry import, see
bench/bench_scale.py), goes to the Data panel and selects ``DATASET`` as a click would, and prints
the seconds until the plot holds the per-day series and until the Columns tab is filled: on
opening (the job workers starting, the Today panel reading its own overview beside it) and again
on a second click once the window is idle, with the process's peak memory (the rows are never
loaded: only the 200-row preview). The first figure is a scan when the store keeps no overview
of the dataset, and a lookup when it does (``--forget`` deletes the kept ones first).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, QTimer

from iotfin_gui.core.store import Store
from iotfin_gui.ui.app import application
from iotfin_gui.ui.jobs import JobRunner
from iotfin_gui.ui.main_window import MainWindow


def wait_until(condition, timeout_s: float = 600.0) -> None:
    loop, waited = QEventLoop(), 0.0
    while not condition():
        QTimer.singleShot(20, loop.quit)
        loop.exec()
        waited += 0.02
        if waited > timeout_s:
            raise SystemExit("the panel did not get there in time")


def forget_overviews(db: Path) -> None:
    """Delete the overviews the store keeps, so that the next view scans."""
    with Store.open(db) as store, store.atomic():
        store.conn.execute("DELETE FROM overviews")


def first_draw(db: Path, dataset: str, out: Path | None, size: tuple[int, int]) -> dict:
    app = application()
    settings = QSettings(str(db.with_suffix(".ini")), QSettings.Format.IniFormat)
    settings.setValue("main_window/panel", "today")  # opens on Today, then goes to Data
    runner = JobRunner()
    with Store.open(db) as store:
        window = MainWindow(store, runner, load_demo_if_empty=False, settings=settings)
        window.resize(*size)
        window.show()
        panel = window.data_panel
        drawn, summarised = [], []
        panel.series_ready.connect(
            lambda series: series.name == dataset and drawn.append(time.perf_counter()))
        panel.overview_ready.connect(
            lambda overview: overview.name == dataset and summarised.append(time.perf_counter()))
        start = time.perf_counter()
        window.show_panel("data")
        panel.select_dataset(dataset)
        wait_until(lambda: bool(drawn))
        curve = panel.plot.getPlotItem().listDataItems()[0]
        days = len(curve.getOriginalDataset()[0])
        app.processEvents()
        if out is not None:
            window.grab().save(str(out))
        wait_until(lambda: bool(summarised) and not runner.busy)
        panel.datasets_view.clearSelection()
        again = time.perf_counter()
        panel.select_dataset(dataset)
        wait_until(lambda: len(drawn) > 1)
        wait_until(lambda: len(summarised) > 1)
        window.close()
    runner.shutdown()
    return {"first_draw_s": round(drawn[0] - start, 2),
            "columns_s": round(summarised[0] - start, 2), "days": days,
            "idle_click_first_draw_s": round(drawn[1] - again, 2),
            "idle_click_columns_s": round(summarised[1] - again, 2),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "load": "load {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("dataset")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--forget", action="store_true",
                        help="delete the overviews the store keeps first")
    args = parser.parse_args()
    if args.forget:
        forget_overviews(args.store)
    width, height = (int(v) for v in args.size.split("x"))
    print(json.dumps(first_draw(args.store, args.dataset, args.out, (width, height))))
