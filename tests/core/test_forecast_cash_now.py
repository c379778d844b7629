"""Fleet and Forecast read the same cash now for the same ATM (core/fleet/cash_now.py)."""

from __future__ import annotations

import pandas as pd

from iotfin_gui.core.fleet import fleet_status
from iotfin_gui.core.fleet.cash_now import latest_readings
from iotfin_gui.core.forecast.outlook import cash_outlook


def test_fleet_and_forecast_agree_on_cash_now(demo) -> None:
    outlook = cash_outlook(demo, "demo_withdrawals", horizon=7, model="weekday_profile")
    fleet = fleet_status(demo).table.set_index("device_id")
    forecast_cash = outlook.cashout.set_index("series_id")
    shown = fleet["cash_level"].dropna()
    assert len(shown) >= 5
    for atm, cash in shown.items():
        assert forecast_cash.loc[atm, "cash"] == cash, atm
        assert forecast_cash.loc[atm, "read_at"] == fleet.loc[atm, "cash_read_at"], atm
        assert not forecast_cash.loc[atm, "stale"]
    assert {"read_at", "stale"} <= set(outlook.atm_table().columns)


def test_an_old_reading_is_kept_but_flagged_stale() -> None:
    readings = pd.DataFrame({"series_id": ["A", "A", "B", "C"],
                             "time": pd.to_datetime(["2026-01-01", "2026-01-05", "2026-01-01",
                                                     "2026-01-09"]),
                             "cash": [5.0, 0.0, 7.0, 3.0]})
    now = latest_readings(readings, pd.Timestamp("2026-01-06"), pd.Timedelta(days=2))
    assert now["series_id"].tolist() == ["A", "B"]  # C's reading is after the check time
    assert now["cash"].tolist() == [0.0, 7.0]
    assert now["age_hours"].tolist() == [24.0, 120.0]
    assert now["stale"].tolist() == [False, True]
