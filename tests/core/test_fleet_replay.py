"""The slider's fast step (:mod:`iotfin_gui.core.fleet.replay`) against plain pandas, on random
fleets: the vectorised grid evaluation, cash now (:func:`.cash_now.latest_readings`), fault
details and the start of a low-cash run, as the status table computed them before the index."""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iotfin_gui.core.fleet import FleetRules, load_fleet, status_at
from iotfin_gui.core.fleet.cash_now import latest_readings
from iotfin_gui.core.fleet.evaluate import evaluate
from iotfin_gui.core.fleet.replay import ReplayIndex, replay_index
from iotfin_gui.core.fleet.rules import STATUSES
from iotfin_gui.core.fleet.sources import FleetData

START = pd.Timestamp("2024-03-01")
HOUR = pd.Timedelta(hours=1)
COMPONENTS = ("dispenser", "printer", "network", "")


def _stamp(hours: float) -> pd.Timestamp:
    return (START + pd.Timedelta(hours=hours)).floor("min")


@st.composite
def fleets(draw: st.DrawFn) -> tuple[FleetData, pd.Timestamp, FleetRules]:
    """A random fleet of 1-6 ATMs over about six days: repeated times, ATMs without rows, cash
    at zero, faults open and recovered, some of ignored components."""
    n = draw(st.integers(1, 6))
    hours = st.floats(0, 144, allow_nan=False).map(_stamp)
    devs = st.integers(0, n - 1)
    seen = draw(st.lists(st.tuples(devs, hours), max_size=60))
    cash = draw(st.lists(st.tuples(devs, hours, st.sampled_from(
        [0.0, 500.0, 2_000.0, 9_000.0, 40_000.0])), max_size=60))
    daily = draw(st.lists(st.tuples(devs, st.integers(0, 6), st.floats(0, 5_000)),
                          max_size=30))
    faults = draw(st.lists(st.tuples(devs, st.sampled_from(COMPONENTS), hours,
                                     st.none() | st.floats(0.5, 48)), max_size=12))
    devices = pd.DataFrame({"device_id": [f"ATM-{i}" for i in range(n)], "name": None,
                            "branch": "North", "city": None, "latitude": np.nan,
                            "longitude": np.nan,
                            "capacity": draw(st.lists(st.sampled_from([np.nan, 0.0, 50_000.0]),
                                                      min_size=n, max_size=n))})
    seen_frame = pd.DataFrame({"dev": np.array([d for d, _ in seen], dtype=np.int64),
                               "time": pd.to_datetime([t for _, t in seen]).as_unit("ns")})
    cash_frame = pd.DataFrame({"dev": np.array([d for d, _, _ in cash], dtype=np.int64),
                               "time": pd.to_datetime([t for _, t, _ in cash]).as_unit("ns"),
                               "cash": [c for _, _, c in cash]})
    daily_frame = pd.DataFrame({
        "dev": np.array([d for d, _, _ in daily], dtype=np.int64),
        "date": pd.to_datetime([START + pd.Timedelta(days=k) for _, k, _ in daily]).as_unit("ns"),
        "amount": [a for _, _, a in daily]}).groupby(["dev", "date"], as_index=False).sum()
    fault_frame = pd.DataFrame({
        "dev": np.array([d for d, _, _, _ in faults], dtype=np.int64),
        "component": [c for _, c, _, _ in faults], "severity": "",
        "start": pd.to_datetime([s for _, _, s, _ in faults]).as_unit("ns"),
        "end": pd.to_datetime([pd.NaT if e is None else s + pd.Timedelta(hours=e)
                               for _, _, s, e in faults]).as_unit("ns")})
    data = FleetData(
        devices=devices,
        seen=seen_frame.sort_values("time", kind="stable", ignore_index=True),
        cash=cash_frame.sort_values("time", kind="stable", ignore_index=True),
        daily=daily_frame,
        faults=fault_frame.sort_values(["dev", "start"], kind="stable", ignore_index=True),
        telemetry_start=draw(st.sampled_from([pd.NaT, START, START + pd.Timedelta(days=2)])),
        start=None, end=None, used={}, notes=())
    rules = FleetRules(
        offline_after_minutes=draw(st.sampled_from([30.0, 120.0, 600.0])),
        ignore_components=draw(st.sampled_from([(), ("printer",)])),
        low_cash_amount=draw(st.sampled_from([None, 0.0, 1_000.0])),
        low_cash_pct=draw(st.sampled_from([None, 15.0])),
        low_cash_days=draw(st.sampled_from([None, 1.0, 3.0])),
        demand_window_days=draw(st.integers(1, 5)),
        lookback_days=draw(st.sampled_from([1.0, 2.0])),
        precedence=draw(st.permutations(("offline", "fault", "low_cash"))))
    as_of = draw(st.one_of(hours, st.sampled_from([t for _, t in seen] or [START])))
    return data, as_of, rules


def reference_cash_read_at(data: FleetData, as_of: pd.Timestamp,
                           rules: FleetRules) -> np.ndarray:
    readings = pd.DataFrame({"series_id": data.cash["dev"].astype(str),
                             "time": data.cash["time"], "cash": data.cash["cash"]})
    now = latest_readings(readings, as_of, rules.lookback)
    now = now[~now["stale"]].set_index("series_id")["read_at"]
    codes = pd.Index(np.arange(len(data.devices)).astype(str))
    return now.reindex(codes).to_numpy(dtype="datetime64[ns]")


def reference_fault_details(data: FleetData, as_of: pd.Timestamp,
                            rules: FleetRules) -> pd.DataFrame:
    faults = data.faults[data.faults["start"] <= as_of]
    last = faults.sort_values("start", kind="stable").groupby("dev").last()
    details = pd.DataFrame({"last_fault": last["start"],
                            "last_fault_component": last["component"]})
    is_open = faults["end"].isna() | (faults["end"] > as_of)
    open_ = faults[is_open & ~faults["component"].isin(rules.ignore_components)]
    grouped = open_.sort_values("start", kind="stable").groupby("dev")
    details = details.join(pd.DataFrame({
        "open_faults": grouped["component"].agg(lambda c: ", ".join(dict.fromkeys(c))),
        "fault_since": grouped["start"].min(),
    }), how="outer")
    return details.reindex(np.arange(len(data.devices))).astype(
        {"last_fault": "datetime64[ns]", "fault_since": "datetime64[ns]"})


def reference_low_cash_since(data: FleetData, as_of: pd.Timestamp, threshold: np.ndarray,
                             rules: FleetRules) -> np.ndarray:
    recent = data.cash[data.cash["time"].between(as_of - rules.lookback, as_of)]
    below = recent["cash"].to_numpy() < threshold[recent["dev"].to_numpy(dtype=np.int64)]
    recent = recent.assign(below=below)
    last_ok = recent[~recent["below"]].groupby("dev")["time"].max()
    after = recent["time"] > last_ok.reindex(recent["dev"]).fillna(pd.Timestamp.min).to_numpy()
    first = recent[recent["below"] & after].groupby("dev")["time"].min()
    return first.reindex(np.arange(len(data.devices))).to_numpy(dtype="datetime64[ns]")


def assert_same(fast: np.ndarray, slow: np.ndarray, what: str) -> None:
    assert fast.shape == slow.shape, what
    if fast.dtype.kind == "M":
        np.testing.assert_array_equal(fast.astype("datetime64[ns]"),
                                      slow.astype("datetime64[ns]"), err_msg=what)
    else:
        np.testing.assert_array_equal(fast, slow, err_msg=what)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fleets())
def test_the_fast_step_equals_the_pandas_path(fleet) -> None:
    data, as_of, rules = fleet
    index = ReplayIndex.of(data)
    fast = index.evaluate(data, as_of, rules)
    slow = evaluate(data, pd.DatetimeIndex([as_of]), rules)
    for name in ("offline", "fault", "low_cash", "status", "last_seen", "cash", "demand",
                 "threshold"):
        assert_same(getattr(fast, name), getattr(slow, name), name)
    assert_same(index.cash_now(as_of, rules.lookback)[1],
                reference_cash_read_at(data, as_of, rules), "cash read at")
    assert_same(index.low_cash_since(as_of, slow.threshold[:, 0], rules.lookback),
                reference_low_cash_since(data, as_of, slow.threshold[:, 0], rules),
                "low cash since")
    details = index.fault_details(data, as_of, rules)
    expected = reference_fault_details(data, as_of, rules)
    for column in ("last_fault", "fault_since"):
        assert_same(details[column].to_numpy(), expected[column].to_numpy(), column)
    for column in ("last_fault_component", "open_faults"):
        assert details[column].fillna("<none>").tolist() == \
            expected[column].astype(object).fillna("<none>").tolist(), column


@settings(max_examples=40, deadline=None)
@given(fleets())
def test_a_status_table_is_the_same_from_the_index_after_a_pickle(fleet) -> None:
    data, as_of, rules = fleet
    first = status_at(data, as_of, rules).table
    copy = pickle.loads(pickle.dumps(data))
    pd.testing.assert_frame_equal(status_at(copy, as_of, rules).table, first)


def test_the_index_is_built_once_per_load_and_not_pickled(demo_store) -> None:
    data = load_fleet(demo_store)
    index = replay_index(data)
    assert replay_index(data) is index
    assert b"ReplayIndex" not in pickle.dumps(data)
    assert replay_index(pickle.loads(pickle.dumps(data))) is not index


def test_demo_statuses_at_every_hour_match_the_grid(demo_store) -> None:
    """On the demo fleet, the slider's status at each hour of its last two days is the one the
    timeline's grid evaluation gives."""
    rules = FleetRules()
    data = load_fleet(demo_store)
    end = pd.Timestamp(demo_store.setting("demo.as_of"))
    grid = pd.date_range(end - pd.Timedelta(days=2), end, freq="1h")
    slow = evaluate(data, grid, rules)
    for column, moment in enumerate(grid):
        table = status_at(data, moment, rules).table
        expected = [STATUSES[code] for code in slow.status[:, column]]
        assert table["status"].tolist() == expected, moment
        np.testing.assert_array_equal(table["cash_level"].to_numpy(), slow.cash[:, column])
