"""Fleet and Forecast read the same cash now and the same days to cash-out for the same ATM
(core/fleet/cash_now.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iotfin_gui.core.fleet import fleet_status
from iotfin_gui.core.fleet.cash_now import days_to_cash_out, latest_readings
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


def test_fleet_and_forecast_agree_on_days_to_cash_out_for_every_atm(demo) -> None:
    outlook = cash_outlook(demo, "demo_withdrawals", horizon=14, model="weekday_profile")
    fleet = fleet_status(demo).table.set_index("device_id")
    forecast_days = outlook.cashout.set_index("series_id")["days_median"]
    shown = fleet["days_to_cashout"].dropna()
    assert len(shown) == len(outlook.result.series_ids) == 8
    for atm, days in shown.items():
        assert forecast_days[atm] == pytest.approx(days, rel=1e-12), atm
    table = outlook.atm_table().set_index("series_id")
    assert table["days_median"].to_dict() == pytest.approx(shown.to_dict())
    # the rate it replaced (cash / recent demand) is not what either shows
    rate = (fleet["cash_level"] / fleet["demand_per_day"]).reindex(shown.index)
    assert not np.allclose(rate.to_numpy(), shown.to_numpy())


def test_without_a_forecast_run_the_fleet_counts_at_its_recent_demand(demo_store) -> None:
    fleet = fleet_status(demo_store).table
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = np.where(fleet["demand_per_day"] > 0,
                        fleet["cash_level"] / fleet["demand_per_day"], np.nan)
    np.testing.assert_allclose(fleet["days_to_cashout"].to_numpy(float), rate)


DEMAND = pd.DataFrame({"series_id": ["A"] * 3 + ["B"] * 3,
                       "date": pd.to_datetime(["2026-01-02", "2026-01-03", "2026-01-04"] * 2),
                       "demand": [10.0, 20.0, 30.0, 5.0, 5.0, 5.0]})


def reading(atm: str, cash: float, at: str) -> dict:
    return {"series_id": atm, "cash": cash, "read_at": pd.Timestamp(at)}


def test_days_count_from_the_reading_through_the_forecast_and_beyond() -> None:
    now = pd.DataFrame([
        reading("A", 25, "2026-01-02 00:00"),  # 10 on day 1, 15 of day 2's 20
        reading("A", 15, "2026-01-02 12:00"),  # half of day 1 (5), then 10 of day 2's 20
        reading("B", 100, "2026-01-02 00:00"),  # 15 in the forecast, 85 more at 5 a day
        reading("B", 7, "2026-01-01 00:00"),  # the day before: the first week's (mean) 5
        reading("B", 2, "2025-12-20 00:00"),  # long before the forecast: the fallback rate
        reading("C", 10, "2026-01-02 00:00"),  # no forecast: the fallback rate
        reading("A", 0, "2026-01-02 00:00"),  # cash out now
        reading("D", 10, "2026-01-02 00:00"),  # no forecast and no rate: not known
    ])
    days = days_to_cash_out(now, DEMAND, pd.Series({"B": 4.0, "C": 2.0}))
    np.testing.assert_allclose(days, [1.75, 1.0, 20.0, 1.4, 0.5, 5.0, 0.0, np.nan])
    assert np.isnan(days_to_cash_out(now.iloc[[0]], None)).all()


@settings(max_examples=60, deadline=None)
@given(cash=st.floats(0, 1e7, allow_nan=False),
       daily=st.lists(st.one_of(st.just(0.0), st.floats(1e-3, 1e5)), min_size=1, max_size=30),
       hour=st.integers(0, 23))
def test_the_demand_until_cash_out_adds_up_to_the_cash(cash, daily, hour) -> None:
    """Hostile amounts (zero days, tiny days, huge cash, one-day forecasts): never negative,
    and the demand from the reading to the cash-out time equals the cash."""
    dates = pd.date_range("2026-03-01", periods=len(daily), freq="D")
    demand = pd.DataFrame({"series_id": "A", "date": dates, "demand": daily})
    now = pd.DataFrame([reading("A", cash, f"2026-03-01 {hour:02d}:00")])
    days = float(days_to_cash_out(now, demand)[0])
    tail = np.mean(daily[-7:])
    if np.isnan(days):
        assert tail == 0 and cash > 0
        return
    assert days >= 0
    share = 1 - hour / 24
    starts = np.concatenate([[0.0], share + np.arange(len(daily) - 1)])
    widths = np.concatenate([[share], np.ones(len(daily) - 1)])
    used = float(np.sum(np.array(daily) * np.clip(days - starts, 0, widths)))
    used += tail * max(days - (share + len(daily) - 1), 0.0)
    assert used == pytest.approx(cash, rel=1e-6, abs=1e-6)
