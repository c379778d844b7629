"""Two cash readings of one ATM at the same time (a telemetry reading at midnight and the day's
end-of-day cash from the withdrawals) count the lower cash, in Fleet, Forecast and the plan
alike (core/fleet/cash_now.py)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iotfin_gui.core.fleet import FleetRules, FleetSources, fleet_status
from iotfin_gui.core.fleet.cash_now import dataset_cash_now, latest_readings, reading_order

MIDNIGHT = pd.Timestamp("2025-03-02 00:00")
CHECK = MIDNIGHT + pd.Timedelta(hours=6)
cash = st.floats(min_value=0, max_value=1e9, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(tied=st.lists(cash, min_size=2, max_size=4), earlier=cash,
       order=st.randoms(use_true_random=False))
def test_equal_times_count_the_lower_cash_in_any_order(tied, earlier, order) -> None:
    rows = [("A", MIDNIGHT, value) for value in tied]
    rows.append(("A", MIDNIGHT - pd.Timedelta(hours=1), earlier))
    order.shuffle(rows)
    readings = pd.DataFrame(rows, columns=["series_id", "time", "cash"])
    now = latest_readings(readings, CHECK, pd.Timedelta(days=2))
    assert now["cash"].tolist() == [min(tied)]
    assert now["read_at"].tolist() == [MIDNIGHT]
    ordered = reading_order(readings)
    assert ordered["cash"].iloc[-1] == min(tied)
    assert ordered["time"].is_monotonic_increasing


@settings(max_examples=100, deadline=None)
@given(first=cash, second=cash)
def test_a_later_reading_still_wins_over_a_lower_earlier_one(first, second) -> None:
    readings = pd.DataFrame({"series_id": ["A", "A"],
                             "time": [MIDNIGHT - pd.Timedelta(minutes=1), MIDNIGHT],
                             "cash": [first, second]})
    now = latest_readings(readings, CHECK, pd.Timedelta(days=2))
    assert now["cash"].tolist() == [second]


def _store_with_a_tie(store, telemetry_cash: float, day_end_cash: float) -> pd.DataFrame:
    """ATM T1 read at midnight by telemetry and by the previous day's end-of-day cash."""
    telemetry = pd.DataFrame({"terminal": ["T1", "T1"],
                              "ts": [MIDNIGHT - pd.Timedelta(hours=2), MIDNIGHT],
                              "cash_level": [90_000.0, telemetry_cash], "hb": [1, 1]})
    store.write_dataset("t", telemetry, "telemetry",
                        roles={"terminal": "device_id", "ts": "timestamp",
                               "cash_level": "cash_level", "hb": "metric"}, source="test")
    days = pd.date_range(MIDNIGHT - pd.Timedelta(days=3), periods=3, freq="D")
    withdrawals = pd.DataFrame({"terminal": "T1", "day": days, "amount": 1_000.0,
                                "cash_level_end": [95_000.0, 94_000.0, day_end_cash]})
    store.write_dataset("w", withdrawals, "withdrawals",
                        roles={"terminal": "device_id", "day": "timestamp",
                               "amount": "amount", "cash_level_end": "cash_level"}, source="test")
    return withdrawals


@pytest.mark.parametrize(("telemetry_cash", "day_end_cash"),
                         [(30_000.0, 50_000.0), (50_000.0, 30_000.0), (0.0, 40_000.0)])
def test_fleet_and_forecast_count_the_lower_of_a_midnight_tie(
        store, telemetry_cash, day_end_cash) -> None:
    withdrawals = _store_with_a_tie(store, telemetry_cash, day_end_cash)
    lower = min(telemetry_cash, day_end_cash)
    sources = FleetSources(telemetry="t", withdrawals="w")
    status = fleet_status(store, CHECK, FleetRules(), sources=sources)
    row = status.table.set_index("device_id").loc["T1"]
    assert row["cash_level"] == lower
    assert row["cash_read_at"] == MIDNIGHT
    forecast = dataset_cash_now(store, withdrawals, ["T1"], id_col="terminal", time_col="day",
                                cash_col="cash_level_end")
    assert forecast["cash"].tolist() == [lower]
    assert forecast["read_at"].tolist() == [MIDNIGHT]
