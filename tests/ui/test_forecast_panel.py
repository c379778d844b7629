"""The Forecast panel driven like a user: choose, run, read the ATM table, plot and plan; a
stored run is reopened when the panel is shown."""

from __future__ import annotations

import pandas as pd
import pytest
from PySide6.QtCore import Qt

from iotfin_gui.core.forecast.outlook import CashOutlook, cash_outlook
from iotfin_gui.core.store import Store
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
    plan = panel.plan_model.frame  # the cash plan's visits, as the Cash plan tab shows them
    assert len(plan) and (plan["fill_to"] > 0).all()
    cash = list(atms.columns).index("cash")  # the demo's amounts are yuan
    assert panel.atm_model.data(panel.atm_model.index(0, cash)).startswith("¥")
    assert "¥" in panel.plot.getAxis("left").labelText
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


@pytest.fixture
def stored_runs(demo_store: Store) -> dict[str, int]:
    """Forecast runs recorded before the window opens (listed before ``window`` in a test):
    demo_withdrawals, and a dataset without a cash column."""
    days = pd.date_range("2026-06-01", periods=70, freq="D")
    plain = pd.DataFrame({"device_id": ["A"] * 70, "date": days,
                          "amount": [100.0 + 10 * d.day_of_week for d in days]})
    demo_store.write_dataset("plain", plain, "table", source="test",
                             roles={"device_id": "device_id", "date": "timestamp",
                                    "amount": "amount"})
    return {name: cash_outlook(demo_store, name, horizon=14, model="weekday_profile").run_id
            for name in ("demo_withdrawals", "plain")}


def test_a_stored_run_fills_the_panel_without_a_click(qtbot, stored_runs, window) -> None:
    panel = window.panels["forecast"]
    runs = window.store.conn.execute("SELECT count(*) FROM runs").fetchone()[0]
    with qtbot.waitSignal(panel.outlook_ready, timeout=60_000) as blocker:
        window.show_panel("forecast")
    outlook = blocker.args[0]
    assert panel.dataset_box.currentText() == "demo_withdrawals"
    assert outlook.reopened and outlook.run_id == stored_runs["demo_withdrawals"]
    assert panel.pages.currentIndex() == 1
    assert f"Forecast run #{outlook.run_id} of " in panel.summary.text()
    assert "reopened from the store" in panel.summary.text()
    atms = panel.atm_model.frame
    assert len(atms) == 8 and atms["days_median"].notna().any()
    curves = panel.plot.getPlotItem().listDataItems()
    assert any(len(c.getOriginalDataset()[0]) == 14 for c in curves)
    assert panel.scores_model.rowCount() == 2  # weekday profile and its baseline
    plan = panel.plan_model.frame  # the cash plan's visits, as the Cash plan tab shows them
    assert len(plan) and (plan["fill_to"] > 0).all()
    assert not panel.backtest_box.isEnabled() and panel.backtest_box.toolTip()
    assert panel.export_button.isEnabled()
    assert window.store.conn.execute("SELECT count(*) FROM runs").fetchone()[0] == runs

    with qtbot.waitSignal(panel.outlook_ready, timeout=60_000) as blocker:
        panel.dataset_box.setCurrentText("plain")
    plain = blocker.args[0]
    assert plain.dataset == "plain" and plain.run_id == stored_runs["plain"]
    assert list(panel.atm_model.frame.columns) == ["series_id"]
    assert "no cash-level column" in panel.summary.text()

    panel.horizon_box.setValue(14)
    panel.model_box.setCurrentIndex(panel.model_box.findData("weekday_profile"))
    with qtbot.waitSignal(panel.outlook_ready, timeout=120_000) as blocker:
        qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    fresh = blocker.args[0]
    assert not fresh.reopened and fresh.run_id > max(stored_runs.values())
    assert panel.backtest_box.isEnabled() and "reopened" not in panel.summary.text()


def test_fleet_and_forecast_show_one_atm_the_same_days_to_cash_out(qtbot, stored_runs,
                                                                   window) -> None:
    panel = window.panels["forecast"]
    with qtbot.waitSignal(panel.outlook_ready, timeout=60_000):
        window.show_panel("forecast")
    atms = panel.atm_model.frame
    atm = str(atms.loc[atms["days_median"].idxmax(), "series_id"])  # one with cash left
    row = atms["series_id"].astype(str).tolist().index(atm)
    column = list(panel.atm_model.frame.columns).index("days_median")
    in_forecast = panel.atm_model.frame.iloc[row]["days_median"]
    forecast_text = panel.atm_model.data(panel.atm_model.index(row, column))
    fleet = window.panels["fleet"]
    window.show_panel("fleet")
    qtbot.waitUntil(lambda: fleet.window is not None, timeout=30_000)
    frame = fleet.model.frame
    place = frame["device_id"].astype(str).tolist().index(atm)
    in_fleet = frame.iloc[place]["days_to_cashout"]
    fleet_text = fleet.model.data(fleet.model.index(place, list(frame.columns).index(
        "days_to_cashout")))
    assert in_fleet == pytest.approx(in_forecast, rel=1e-12) and in_fleet > 0
    assert f"{float(forecast_text):.1f}" == fleet_text  # 2 decimals there, 1 here
