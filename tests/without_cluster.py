"""The window's forecast and training with no cluster set, as a script for a fresh interpreter
(``python tests/without_cluster.py STORE SETTINGS``; tests/ui/test_cluster_forecast.py watches
which of its processes import Dask). Prints ``done`` when both jobs finished."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from iotfin_gui.core.jobs import JobSpec
from iotfin_gui.core.models.jobs import train_job
from iotfin_gui.core.store import Store
from iotfin_gui.ui.jobs import JobRunner
from iotfin_gui.ui.main_window import MainWindow


def _wait(app: QApplication, done: Callable[[], bool], seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the window's job did not finish")
        app.processEvents()
        time.sleep(0.02)


def main(store_path: str, settings_path: str) -> None:
    app = QApplication.instance() or QApplication([])
    runner = JobRunner(max_workers=1)
    ended: list[object] = []
    with Store.open(store_path) as store:
        window = MainWindow(store, runner,
                            settings=QSettings(settings_path, QSettings.Format.IniFormat))
        window.show()
        _wait(app, lambda: not runner.busy)
        panel = window.panels["forecast"]
        window.show_panel("forecast")
        _wait(app, lambda: not runner.busy)
        panel.model_box.setCurrentIndex(panel.model_box.findData("auto"))
        panel.horizon_box.setValue(7)
        panel.outlook_ready.connect(ended.append)
        panel.run_button.click()
        _wait(app, lambda: len(ended) == 1)
        runner.submit(JobSpec.of("Training", train_job, db_path=store_path,
                                 dataset="demo_credit_applications", target="defaulted",
                                 task="classification", models=["logistic", "random_forest"],
                                 cv="stratified", folds=3, seed=7),
                      on_done=ended.append, on_error=lambda *error: ended.append(error))
        _wait(app, lambda: len(ended) == 2)
        assert isinstance(ended[1], list), ended[1]
        runner.shutdown()
        window.close()
    print("done")


if __name__ == "__main__":
    main(*sys.argv[1:3])
