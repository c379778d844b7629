"""Cash now is read at the newest time known from the fleet and the dataset together
(core/fleet/cash_now.py): a dataset whose end-of-day cash is newer than the fleet's newest
reading is not cut off at the fleet's time, and a fleet reading older than the check time shows
its true age."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iotfin_gui.core.fleet.cash_now import (
    FleetReadings,
    combined_cash_now,
    dataset_cash_now,
)

DAY = pd.Timestamp("2025-03-02")
LOOKBACK = pd.Timedelta(days=2)


def _telemetry(store, rows: list[tuple[str, pd.Timestamp, float]]) -> None:
    """The fleet: telemetry cash readings ``(terminal, time, cash)``."""
    frame = pd.DataFrame(rows, columns=["terminal", "ts", "cash_level"]).assign(hb=1)
    store.write_dataset("t", frame, "telemetry",
                        roles={"terminal": "device_id", "ts": "timestamp",
                               "cash_level": "cash_level", "hb": "metric"}, source="test")


def _day_ends(rows: list[tuple[str, pd.Timestamp, float]]) -> pd.DataFrame:
    """A forecast dataset's rows ``(terminal, day, end-of-day cash)``, not in the store."""
    return pd.DataFrame(rows, columns=["terminal", "day", "cash_level_end"])


def _cash_now(store, frame: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    now = dataset_cash_now(store, frame, ids, id_col="terminal", time_col="day",
                           cash_col="cash_level_end")
    return now.set_index("series_id")


def test_a_dataset_newer_than_the_fleet_gives_its_cash_and_time(store) -> None:
    _telemetry(store, [("T1", DAY + pd.Timedelta(hours=10), 50_000.0),
                       ("T2", DAY + pd.Timedelta(hours=10), 40_000.0)])
    frame = _day_ends([("T1", DAY + pd.Timedelta(days=d), 30_000.0 - d) for d in range(4)])
    now = _cash_now(store, frame, ["T1", "T2"])
    newest = DAY + pd.Timedelta(days=4)  # the fourth day's end-of-day cash, read at midnight
    assert now.loc["T1", "cash"] == 29_997.0
    assert now.loc["T1", "read_at"] == newest
    assert now.loc["T1", "age_hours"] == 0.0
    assert not now.loc["T1", "stale"]
    # T2's only reading is the fleet's, 86 hours before the check time: its true age, stale.
    assert now.loc["T2", "cash"] == 40_000.0
    assert now.loc["T2", "age_hours"] == 86.0
    assert now.loc["T2", "stale"]


def test_dataset_days_written_with_a_utc_offset_compare_with_the_fleets_times(store) -> None:
    """Days as text with a UTC offset (mixed ones too) are read in UTC as the fleet's readings
    are; before, comparing them with the fleet's naive times raised a TypeError."""
    _telemetry(store, [("T1", DAY + pd.Timedelta(hours=10), 50_000.0)])
    frame = _day_ends([("T1", "2025-03-03T00:00:00+08:00", 30_000.0),
                       ("T1", "2025-03-04T12:00:00+01:00", 20_000.0)])
    now = _cash_now(store, frame, ["T1"])
    assert now.loc["T1", "cash"] == 20_000.0
    assert now.loc["T1", "read_at"] == pd.Timestamp("2025-03-05")  # 11:00 UTC's day, ended


def test_a_fleet_newer_than_the_dataset_gives_its_reading(store) -> None:
    read = DAY + pd.Timedelta(days=3, hours=6)
    _telemetry(store, [("T1", read, 10_000.0)])
    frame = _day_ends([("T1", DAY, 70_000.0)])
    now = _cash_now(store, frame, ["T1"])
    assert now.loc["T1", "cash"] == 10_000.0
    assert now.loc["T1", "read_at"] == read
    assert now.loc["T1", "age_hours"] == 0.0


@pytest.mark.parametrize(("fleet_cash", "day_end_cash"),
                         [(20_000.0, 60_000.0), (60_000.0, 20_000.0)])
def test_equal_times_of_fleet_and_dataset_count_the_lower_cash(store, fleet_cash,
                                                               day_end_cash) -> None:
    midnight = DAY + pd.Timedelta(days=1)
    _telemetry(store, [("T1", midnight, fleet_cash)])
    now = _cash_now(store, _day_ends([("T1", DAY, day_end_cash)]), ["T1"])
    assert now.loc["T1", "cash"] == min(fleet_cash, day_end_cash)
    assert now.loc["T1", "read_at"] == midnight


atm = st.sampled_from(["A", "B", "C"])
hour = st.integers(min_value=0, max_value=24 * 5)
cash = st.floats(min_value=0, max_value=1e6, allow_nan=False)
reading = st.tuples(atm, hour, cash)


def _readings(rows: list[tuple[str, int, float]]) -> pd.DataFrame:
    return pd.DataFrame({"series_id": pd.Series([r[0] for r in rows], dtype=str),
                         "time": pd.Series([DAY + pd.Timedelta(hours=r[1]) for r in rows],
                                           dtype="datetime64[ns]"),
                         "cash": pd.Series([r[2] for r in rows], dtype=float)})


@settings(max_examples=300, deadline=None)
@given(dataset=st.lists(reading, max_size=12), fleet=st.lists(reading, max_size=12),
       later=st.integers(min_value=0, max_value=72), fixed=st.booleans(),
       ids=st.sets(atm, min_size=1))
def test_the_chosen_reading_is_the_newest_at_the_check_time(dataset, fleet, later, fixed,
                                                            ids) -> None:
    ids = sorted(ids)
    fleet_time = DAY + pd.Timedelta(hours=max((r[1] for r in fleet), default=0) + later)
    if fixed:  # a set clock (the demo's "now") may fall before readings the data holds
        fleet_time -= pd.Timedelta(hours=2 * later)
    own = [r for r in fleet if r[0] in ids]
    now = combined_cash_now(_readings(dataset), FleetReadings(
        _readings(fleet), fleet_time, LOOKBACK, fixed), ids)

    newest = [DAY + pd.Timedelta(hours=r[1]) for r in dataset]
    if not own:
        check = max(newest, default=None)
    elif fixed or not newest:
        check = fleet_time
    else:
        check = max(max(newest), fleet_time)
    candidates = [(a, DAY + pd.Timedelta(hours=h), c) for a, h, c in dataset + own
                  if a in ids and check is not None and DAY + pd.Timedelta(hours=h) <= check]
    expected = {}
    for a, t, c in candidates:  # the greatest time; of equal times, the lowest cash
        if a not in expected or (t, -c) > (expected[a][0], -expected[a][1]):
            expected[a] = (t, c)
    assert now["series_id"].tolist() == sorted(expected)
    for row in now.itertuples():
        t, c = expected[row.series_id]
        assert (row.read_at, row.cash) == (t, c)
        assert row.age_hours == (check - t) / pd.Timedelta(hours=1)
        assert row.stale == (check - t > LOOKBACK)
