"""Status timelines: contiguous, non-overlapping intervals that agree with the fleet status,
checked on the demo and, with hypothesis, against a plain reference of the rules."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iotfin_gui.core.errors import UserFacingError
from iotfin_gui.core.fleet import FleetRules, fleet_status, status_timeline
from iotfin_gui.core.store import Store

RULES = FleetRules()



def _check_partition(timeline: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> None:
    for device, bands in timeline.groupby("device_id"):
        assert bands["start"].iloc[0] == start and bands["end"].iloc[-1] == end, device
        assert (bands["start"].iloc[1:].to_numpy() == bands["end"].iloc[:-1].to_numpy()).all()
        assert (bands["end"] > bands["start"]).all()
        assert (bands["status"].iloc[1:].to_numpy() != bands["status"].iloc[:-1].to_numpy()).all()


def _status_at(timeline: pd.DataFrame, when: pd.Timestamp) -> dict[str, str]:
    hit = timeline[(timeline["start"] <= when) & (when < timeline["end"])]
    return dict(zip(hit["device_id"], hit["status"], strict=True))


def test_demo_timeline_agrees_with_fleet_status(demo_store) -> None:
    end = pd.Timestamp(demo_store.setting("demo.as_of")) + pd.Timedelta(hours=1)
    start = end - pd.Timedelta(days=2)
    timeline = status_timeline(demo_store, start, end, RULES)
    assert set(timeline["device_id"]) == {f"ATM-{i:04d}" for i in range(1, 9)}
    assert set(timeline["status"]) == {"offline", "fault", "cash_out", "low_cash", "ok"}
    _check_partition(timeline, start, end)
    for hours in (0, 7, 20, 33, 47):
        when = start + pd.Timedelta(hours=hours)
        table = fleet_status(demo_store, when, RULES).table
        assert _status_at(timeline, when) == dict(zip(table["device_id"], table["status"],
                                                      strict=True)), when
    daily = status_timeline(demo_store, start, end, RULES, freq="6h", devices=["ATM-0001"])
    assert set(daily["device_id"]) == {"ATM-0001"}
    _check_partition(daily, start, end)


def test_bad_timeline_requests(demo_store) -> None:
    with pytest.raises(UserFacingError, match="end after it starts"):
        status_timeline(demo_store, "2026-10-31", "2026-10-30")
    with pytest.raises(UserFacingError, match="Cannot use the step"):
        status_timeline(demo_store, "2026-10-30", "2026-10-31", freq="fortnightly")
    with pytest.raises(UserFacingError, match="coarser step"):
        status_timeline(demo_store, "2000-01-01", "2026-10-31", freq="1min")


# --- property: random event sequences against a plain reference ---------------------------

T0 = pd.Timestamp("2026-01-01")
HOURS = 36
DEVICES = ("A", "B", "C")
COMPONENTS = ("dispenser", "network")
PROPERTY_RULES = FleetRules(low_cash_amount=100, low_cash_pct=None, low_cash_days=None)

events = st.lists(st.tuples(st.sampled_from(DEVICES), st.integers(0, HOURS * 60),
                            st.sampled_from(("fault", "recovery")), st.sampled_from(COMPONENTS)),
                  max_size=25)
telemetry = st.lists(st.tuples(st.sampled_from(DEVICES), st.integers(0, HOURS - 1),
                               st.sampled_from((50.0, 500.0))), min_size=1, max_size=60)


def _reference(event_rows: list, telemetry_rows: list, when: pd.Timestamp) -> dict[str, str]:
    """The rules written out directly, one device and one time at a time."""
    first_seen = min(T0 + pd.Timedelta(hours=h) for _, h, _ in telemetry_rows)
    result = {}
    for device in sorted({d for d, *_ in event_rows} | {d for d, *_ in telemetry_rows}):
        seen = sorted((T0 + pd.Timedelta(hours=h), cash) for d, h, cash in telemetry_rows
                      if d == device and T0 + pd.Timedelta(hours=h) <= when)
        limit = pd.Timedelta(hours=2)
        offline = when - limit >= first_seen and (not seen or when - seen[-1][0] > limit)
        mine = [(T0 + pd.Timedelta(minutes=m), kind, part) for d, m, kind, part in event_rows
                if d == device]
        fault = any(
            kind == "fault" and at <= when and not any(
                k == "recovery" and p == part and at < t <= when for t, k, p in mine)
            for at, kind, part in mine)
        # of readings at the same time the lowest counts (cash_now.reading_order)
        low = bool(seen) and min(cash for at, cash in seen if at == seen[-1][0]) < 100
        result[device] = ("offline" if offline else "fault" if fault
                          else "low_cash" if low else "ok")
    return result


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(event_rows=events, telemetry_rows=telemetry, probes=st.lists(
    st.integers(0, HOURS * 60 - 1), min_size=1, max_size=3))
def test_timeline_and_status_follow_the_rules(event_rows, telemetry_rows, probes) -> None:
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "s.sqlite") as store:
        rows = sorted(set(telemetry_rows))
        store.write_dataset("tel", pd.DataFrame({
            "dev": [d for d, _, _ in rows],
            "at": [T0 + pd.Timedelta(hours=h) for _, h, _ in rows],
            "cash": [c for _, _, c in rows],
        }), "telemetry", roles={"dev": "device_id", "at": "timestamp", "cash": "cash_level"},
            source="test")
        store.write_dataset("ev", pd.DataFrame({
            "dev": pd.Series([d for d, *_ in event_rows], dtype=object),
            "at": pd.Series([T0 + pd.Timedelta(minutes=m) for _, m, _, _ in event_rows],
                            dtype="datetime64[ns]"),
            "kind": pd.Series([k for _, _, k, _ in event_rows], dtype=object),
            "part": pd.Series([p for *_, p in event_rows], dtype=object),
        }), "events", roles={"dev": "device_id", "at": "timestamp", "kind": "event_type",
                             "part": "category"}, source="test")
        end = T0 + pd.Timedelta(hours=HOURS)
        timeline = status_timeline(store, T0, end, PROPERTY_RULES, freq="1h")
        _check_partition(timeline, T0, end)
        for hour in range(HOURS):
            when = T0 + pd.Timedelta(hours=hour)
            assert _status_at(timeline, when) == _reference(event_rows, rows, when), when
        for minute in probes:
            when = T0 + pd.Timedelta(minutes=minute)
            table = fleet_status(store, when, PROPERTY_RULES).table
            assert dict(zip(table["device_id"], table["status"], strict=True)) == \
                _reference(event_rows, rows, when), when
