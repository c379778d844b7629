"""The window enforces the ranges of the command line's option table, and the Preprocess
preview shows the whole run's size and why it would be refused."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from test_preprocess_panel import PREVIEW_TIMEOUT, add_step, open_panel, type_into

from iotfin_gui.core import options
from iotfin_gui.core.recipes.estimate import COLUMNS_SETTING
from iotfin_gui.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_forecast_fields_take_the_table_ranges(qtbot, window: MainWindow) -> None:
    panel = window.panels["forecast"]
    window.show_panel("forecast")
    assert (panel.horizon_box.minimum(), panel.horizon_box.maximum()) == options.HORIZON.bounds
    assert (panel.service_box.minimum(), panel.service_box.maximum()) == \
        options.SERVICE_LEVEL.bounds
    panel.horizon_box.lineEdit().selectAll()
    qtbot.keyClicks(panel.horizon_box, "-5")
    qtbot.keyClick(panel.horizon_box, Qt.Key.Key_Enter)
    assert options.HORIZON.contains(panel.horizon_box.value())


def test_models_fields_take_the_table_ranges(window: MainWindow) -> None:
    panel = window.panels["models"]
    for box, spec in (("folds_box", options.FOLDS), ("repeats_box", options.REPEATS),
                      ("inner_folds_box", options.INNER_FOLDS), ("seed_box", options.SEED),
                      ("cost_fp_box", options.COST_FP), ("cost_fn_box", options.COST_FN)):
        widget = getattr(panel, box, None) or getattr(panel.setup, box)
        assert (widget.minimum(), widget.maximum()) == spec.bounds, box


def test_the_preview_shows_the_run_size_and_the_refusal(qtbot, window: MainWindow,
                                                        demo_store) -> None:
    panel = open_panel(qtbot, window)
    type_into(qtbot, panel.name_edit, "wide")
    form = add_step(panel, "lags")
    with qtbot.waitSignal(panel.preview_ready, timeout=PREVIEW_TIMEOUT,
                          check_params_cb=lambda _: panel.preview_is_current()):
        form["columns"].set_checked(["amount"])
        type_into(qtbot, form["lags"], "1, 2")
    assert "A run on the whole dataset: about 960 rows x" in panel.preview_status.text()
    demo_store.set_setting(COLUMNS_SETTING, 8)
    type_into(qtbot, form["lags"], "1, 2, 3, 4, 5")
    qtbot.waitUntil(lambda: "limit of 8 columns" in panel.preview_status.text(),
                    timeout=PREVIEW_TIMEOUT)
    assert "960 rows x 11 columns" in panel.preview_status.text()
