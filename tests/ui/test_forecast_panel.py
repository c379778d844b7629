"""The Forecast panel driven like a user: choose, run, read the ATM table, plot and plan."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from iotfin_gui.core.forecast.outlook import CashOutlook
from iotfin_gui.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def run_forecast(qtbot, window: MainWindow, model: str) -> CashOutlook:
    panel = window.panels["forecast"]
    window.show_panel("forecast")
    assert panel.dataset_box.currentText() == "demo_withdrawals"
    panel.model_box.setCurrentIndex(panel.model_box.findData(model))
    panel.horizon_box.setValue(14)
    with qtbot.waitSignal(panel.outlook_ready, timeout=120_000) as blocker:
        qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def test_running_a_forecast_fills_the_table_plot_and_plan(qtbot, window: MainWindow) -> None:
    panel = window.panels["forecast"]
    assert panel.pages.currentIndex() == 0
    outlook = run_forecast(qtbot, window, "weekday_profile")
    assert panel.pages.currentIndex() == 1
    assert outlook.result.model == "weekday_profile" and outlook.result.horizon == 14
    assert window.store.run(outlook.run_id)["kind"] == "forecast"
    atms = panel.atm_model.frame
    assert len(atms) == 8 and {"days_median", "cash", "next_refill"} <= set(atms.columns)
    assert panel.selected_atm() is not None
    curves = panel.plot.getPlotItem().listDataItems()
    assert any(len(c.getOriginalDataset()[0]) == 14 for c in curves)
    assert panel.scores_model.rowCount() >= 1
    assert (panel.plan_model.frame["load"] > 0).all()
    before = len(panel.plot.getPlotItem().listDataItems())
    panel.backtest_box.setChecked(True)
    assert len(panel.plot.getPlotItem().listDataItems()) > before


def test_a_failing_forecast_re_enables_the_panel(qtbot, window: MainWindow, monkeypatch) -> None:
    panel = window.panels["forecast"]
    window.show_panel("forecast")
    panel.horizon_box.setValue(14)
    monkeypatch.setattr(panel.model_box, "currentData", lambda: "no-such-model")
    with qtbot.waitSignal(window.runner.failed, timeout=60_000):
        qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    assert panel.run_button.isEnabled()
