"""The Models panel's default set-up follows the target: on a store whose first dataset has a
measure (decimal numbers) as its label the task is regression, and clicking Train trains
without touching the form; a column of a few codes stays a classification."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import Qt

from iotfin_gui.core.models.classes import default_task
from iotfin_gui.core.store import Store

pytestmark = pytest.mark.gui


def readings(rows: int = 90, seed: int = 11) -> pd.DataFrame:
    """Sensor readings whose label is energy in kWh: a measure with about 40 distinct
    values, several held by a single row (classification would refuse them)."""
    rng = np.random.default_rng(seed)
    load, temperature = rng.normal(size=(2, rows))
    energy = np.round(50 + 8 * load - 3 * temperature + rng.normal(0, 2, rows), 0) / 2
    return pd.DataFrame({"load": load, "temperature": temperature, "energy_kwh": energy})


@pytest.fixture
def measure_window(qtbot, store_path, runner, settings, monkeypatch):
    from iotfin_gui.ui.main_window import MainWindow

    with Store.open(store_path) as store:
        store.write_dataset("readings", readings(), "table", roles={"energy_kwh": "label"},
                            source="test")
        settings.setValue("main_window/panel", "data")
        with qtbot.waitSignal(runner.busy_changed, timeout=60_000,
                              check_params_cb=lambda busy: not busy):
            window = MainWindow(store, runner, settings=settings)
            qtbot.addWidget(window)
            window.show()
        yield window
        runner.cancel_all()
        window.log_pane.detach()


def test_a_measure_label_defaults_to_regression_and_trains(qtbot, measure_window,
                                                           monkeypatch) -> None:
    failures: list[Any] = []
    monkeypatch.setattr("iotfin_gui.ui.panels.models.error_box",
                        lambda parent, title, message, details: failures.append(message))
    measure_window.show_panel("models")
    panel = measure_window.panels["models"]
    setup = panel.setup
    assert setup.dataset_box.currentText() == "readings"
    assert setup.target_box.currentText() == "energy_kwh"
    assert setup.task() == "regression"
    assert setup.cv_box.currentData() == "kfold"
    setup.folds_box.setValue(3)
    trained: list[Any] = []
    panel.trained.connect(trained.append)
    qtbot.mouseClick(setup.train_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(trained or failures), timeout=120_000)
    assert not failures
    assert {r["task"] for r in trained[0]} == {"regression"}
    assert "rmse" in trained[0][1]["metrics"] or "mae" in trained[0][1]["metrics"]


@pytest.mark.parametrize(("kind", "counts", "task"), [
    ("integer", {0: 40, 1: 12}, "classification"),
    ("float", {1.0: 30, 2.0: 30}, "classification"),
    ("text", {f"c{n}": 3 for n in range(30)}, "classification"),
    ("boolean", {True: 5, False: 9}, "classification"),
    ("float", {0.5: 10, 1.0: 10}, "regression"),
    ("integer", {n: 3 for n in range(11)}, "regression"),
    ("integer", {0: 40, 1: 1}, "regression"),
    ("float", {}, "classification"),
])
def test_default_task_follows_the_target(kind: str, counts: dict, task: str) -> None:
    assert default_task(kind, counts) == task
