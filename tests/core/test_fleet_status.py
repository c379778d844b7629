"""Fleet status on the small demo and on imported-style data: statuses, replay, errors."""

from __future__ import annotations

import pandas as pd
import pytest

from iotfin_gui.core.errors import NotFoundError, UserFacingError
from iotfin_gui.core.fleet import (
    FleetRules,
    FleetSources,
    device_history,
    fleet_status,
    fleet_status_job,
    load_fleet,
    save_sources,
    status_at,
)
from iotfin_gui.core.fleet.status import TABLE_COLUMNS
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.messages import Message

RULES = FleetRules()
MINUTE = pd.Timedelta(minutes=1)



def test_scripted_incidents_show_every_status(demo_store) -> None:
    status = fleet_status(demo_store, rules=RULES)
    assert status.as_of == pd.Timestamp(demo_store.setting("demo.as_of"))
    assert status.as_of_source == "demo.as_of"
    assert list(status.table.columns) == list(TABLE_COLUMNS)
    assert len(status.table) == 8 and sum(status.counts.values()) == 8
    assert all(status.counts[s] >= 1 for s in ("offline", "fault", "ok"))
    assert status.counts["low_cash"] + status.counts["cash_out"] >= 1
    table = status.table.set_index("device_id")
    for device, row in table[table["status"] == "offline"].iterrows():
        assert status.as_of - row["last_seen"] > pd.Timedelta(hours=2), device
        assert row["since"] == row["last_seen"] + pd.Timedelta(hours=2)
        assert row["reasons"].startswith("offline: last telemetry")
    faults = table[table["status"] == "fault"]
    assert (faults["open_faults"] != "").all() and faults["since"].notna().all()
    assert all(f"{c} open since" in r for c, r in zip(faults["open_faults"], faults["reasons"],
                                                      strict=True))
    low = table[table["status"] == "low_cash"]
    assert (low["cash_level"] < low["capacity"] * 0.15).all() or \
        (low["cash_level"] < low["demand_per_day"]).all()
    assert table.loc[table["status"] == "ok", "since"].isna().all()
    empty = table[table["status"] == "cash_out"]
    assert (empty["cash_level"] == 0).all() and empty["low_cash"].all()
    assert all(r.startswith("cash out: no cash left") for r in empty["reasons"])
    assert (table["offline"] | table["fault"] | table["low_cash"]).sum() == \
        (table["status"] != "ok").sum()
    known = table["days_to_cashout"].notna()
    assert known.sum() >= 6
    assert all(isinstance(r, Message) for r in table["reasons"])  # the panel translates them
    ratio = table.loc[known, "cash_level"] / table.loc[known, "demand_per_day"]
    assert ratio.round(6).equals(table.loc[known, "days_to_cashout"].round(6))
    assert table["branch"].notna().all() and table["capacity"].gt(0).all()


def test_flags_are_kept_and_precedence_is_configurable(demo_store) -> None:
    default = fleet_status(demo_store, rules=RULES).table.set_index("device_id")
    both = default[default["offline"] & default["fault"]]
    assert not both.empty, "a scripted network fault leaves an ATM offline with an open fault"
    assert (both["status"] == "offline").all()
    swapped = fleet_status(demo_store, rules=FleetRules(precedence=("fault", "offline",
                                                                    "low_cash")))
    assert (swapped.table.set_index("device_id").loc[both.index, "status"] == "fault").all()
    ignoring = FleetRules(ignore_components=("network", "dispenser", "card_reader",
                                             "receipt_printer"))
    assert fleet_status(demo_store, rules=ignoring).flag_counts["fault"] == 0


def _events(store) -> pd.DataFrame:
    return store.read_dataset("demo_events")


def test_a_fault_is_visible_from_its_start_only(demo_store) -> None:
    status = fleet_status(demo_store, rules=RULES)
    row = status.table[status.table["status"] == "fault"].iloc[0]
    device, began = row["device_id"], row["since"]
    component = row["open_faults"].split(", ")[0]
    before = fleet_status(demo_store, began - MINUTE, RULES).table.set_index("device_id")
    at = fleet_status(demo_store, began, RULES).table.set_index("device_id")
    assert component not in before.loc[device, "open_faults"]
    assert component in at.loc[device, "open_faults"] and at.loc[device, "fault"]


def test_a_recovery_before_the_check_closes_the_fault(demo_store) -> None:
    events = _events(demo_store)
    recoveries = events[(events["event_type"] == "recovery")
                        & (events["component"] == "receipt_printer")]
    recovery = recoveries.iloc[-1]
    device, ended = recovery["device_id"], recovery["timestamp"]
    rules = FleetRules(ignore_components=("network", "dispenser", "card_reader"))
    before = fleet_status(demo_store, ended - MINUTE, rules).table.set_index("device_id")
    after = fleet_status(demo_store, ended, rules).table.set_index("device_id")
    assert before.loc[device, "open_faults"] == "receipt_printer"
    assert after.loc[device, "open_faults"] == "" and not after.loc[device, "fault"]
    assert after.loc[device, "last_fault_component"] == "receipt_printer"


def test_replaying_an_earlier_moment(demo_store) -> None:
    now = fleet_status(demo_store, rules=RULES)
    earlier = fleet_status(demo_store, "2026-10-30 03:00", RULES)
    assert earlier.as_of == pd.Timestamp("2026-10-30 03:00") and earlier.as_of_source == "given"
    assert earlier.table["last_seen"].max() <= earlier.as_of
    assert (earlier.table["last_fault"].dropna() <= earlier.as_of).all()
    assert not earlier.table["status"].equals(now.table["status"])
    offline_now = now.table.loc[now.table["offline"], "last_seen"]
    assert (offline_now > earlier.as_of).any(), "an ATM offline now was still online then"
    zoned = fleet_status(demo_store, "2026-10-30T11:00:00+08:00", RULES)
    assert zoned.as_of == earlier.as_of and zoned.table.equals(earlier.table)


def test_cached_data_gives_the_same_answer(demo_store) -> None:
    data = load_fleet(demo_store, rules=RULES)
    for when in ("2026-10-29 20:00", "2026-10-31 15:00"):
        direct = fleet_status(demo_store, when, RULES).table
        cached = status_at(data, pd.Timestamp(when), RULES).table
        pd.testing.assert_frame_equal(direct, cached)


def test_summary_and_job(demo_path) -> None:
    status = fleet_status_job(JobContext(), str(demo_path), as_of="2026-10-31 12:00",
                              rules={"low_cash_pct": 30})
    summary = status.summary()
    assert summary["as_of"] == "2026-10-31T12:00:00Z"
    assert status.rules.low_cash_pct == 30
    assert set(summary["atms"][0]) == {"device_id", "status", "days_to_cashout", "cash_level",
                                       "reasons"}
    assert summary["sources"] == {"telemetry": "demo_telemetry", "events": "demo_events",
                                  "withdrawals": "demo_withdrawals"}


def test_bad_as_of_is_a_clear_error(demo_store) -> None:
    with pytest.raises(UserFacingError, match="Cannot read the as-of time"):
        fleet_status(demo_store, "yesterday-ish")


def test_device_history_on_a_shared_axis(demo_store) -> None:
    status = fleet_status(demo_store, rules=RULES)
    device = status.table.loc[status.table["status"] == "fault", "device_id"].iloc[0]
    history = device_history(demo_store, device, rules=RULES)
    assert set(history) == {"cash", "withdrawals", "telemetry", "faults", "replenishments",
                            "status"}
    assert history["faults"]["open"].any()
    assert {"time", "cash_level", "heartbeat"} <= set(history["telemetry"].columns)
    assert history["cash"]["source"].isin(["telemetry", "withdrawals"]).all()
    assert history["status"]["status"].iloc[-1] == "fault"
    assert history["status"]["end"].iloc[-1] == status.as_of
    end = status.as_of
    for name in ("cash", "telemetry", "withdrawals", "replenishments"):
        times = history[name]["time"]
        assert times.between(end - pd.Timedelta(days=30), end).all(), name
    with pytest.raises(NotFoundError, match="no ATM 'ATM-9999'"):
        device_history(demo_store, "ATM-9999")


# --- imported-style data ------------------------------------------------------------------

T0 = pd.Timestamp("2025-03-01 12:00")


def _import(store) -> None:
    hours = pd.date_range(T0 - pd.Timedelta(hours=24), T0, freq="h")
    rows = []
    for terminal, last_hour, cash in (("T1", T0 - pd.Timedelta(hours=5), 50_000.0),
                                      ("T2", T0, 40_000.0), ("T3", T0, 500.0),
                                      ("T4", T0, 30_000.0)):
        rows += [(terminal, h, cash, 60) for h in hours if h <= last_hour]
    rows.append(("T4", T0 - pd.Timedelta(minutes=30), 30_000.0, 0))
    telemetry = pd.DataFrame(rows, columns=["terminal", "ts", "cash_remaining", "hb"])
    store.write_dataset("my_telemetry", telemetry, "telemetry",
                        roles={"terminal": "device_id", "ts": "timestamp",
                               "cash_remaining": "metric", "hb": "metric"}, source="test")
    events = pd.DataFrame({
        "terminal": ["T2", "T2", "T2", "T4"],
        "when": [T0 - pd.Timedelta(hours=10), T0 - pd.Timedelta(hours=8),
                 T0 - pd.Timedelta(hours=3), T0 + pd.Timedelta(hours=1)],
        "what": ["FAULT", "Recovery", "fault", "fault"],
        "part": ["net", "net", "card", "card"],
    })
    store.write_dataset("my_events", events, "events",
                        roles={"terminal": "device_id", "when": "timestamp",
                               "what": "event_type", "part": "category"}, source="test")


IMPORT_RULES = FleetRules(low_cash_amount=1000, low_cash_pct=None, low_cash_days=None)
IMPORT_SOURCES = FleetSources(columns={"telemetry.cash": "cash_remaining",
                                       "telemetry.heartbeat": "hb"})


def test_imported_data_with_other_column_names(store) -> None:
    _import(store)
    status = fleet_status(store, rules=IMPORT_RULES, sources=IMPORT_SOURCES)
    assert status.as_of == T0 + pd.Timedelta(hours=1) and status.as_of_source == "latest data"
    status = fleet_status(store, T0, IMPORT_RULES, sources=IMPORT_SOURCES)
    table = status.table.set_index("device_id")
    assert table["status"].to_dict() == {"T1": "offline", "T2": "fault", "T3": "low_cash",
                                         "T4": "ok"}
    assert table.loc["T2", "open_faults"] == "card"
    assert table.loc["T2", "since"] == T0 - pd.Timedelta(hours=3)
    assert table.loc["T4", "last_seen"] == T0
    assert "below the minimum 1,000" in table.loc["T3", "reasons"]
    assert table["capacity"].isna().all() and table["days_to_cashout"].isna().all()
    assert any("withdrawals" in note for note in status.notes)


def test_sources_saved_in_the_store_are_used(store) -> None:
    _import(store)
    save_sources(store, IMPORT_SOURCES)
    table = fleet_status(store, T0, IMPORT_RULES).table
    assert table.set_index("device_id").loc["T3", "status"] == "low_cash"


def test_heartbeat_zero_is_not_a_sign_of_life(store) -> None:
    _import(store)
    rules = FleetRules(offline_after_minutes=20, low_cash_pct=None, low_cash_days=None)
    table = fleet_status(store, T0 + pd.Timedelta(minutes=50), rules,
                         sources=IMPORT_SOURCES).table.set_index("device_id")
    assert table.loc["T4", "last_seen"] == T0 and table.loc["T4", "offline"]


def test_imported_data_takes_precedence_over_the_demo(demo_path, tmp_path) -> None:
    from iotfin_gui.core.backups import duplicate
    from iotfin_gui.core.store import Store

    copy = tmp_path / "both.sqlite"
    duplicate(demo_path, copy)
    with Store.open(copy) as store:
        _import(store)
        status = fleet_status(store, T0, IMPORT_RULES, sources=IMPORT_SOURCES)
        assert status.sources == {"telemetry": "my_telemetry", "events": "my_events"}
        assert set(status.table["device_id"]) == {"T1", "T2", "T3", "T4"}
        demo = FleetSources(telemetry="demo_telemetry", events="demo_events",
                            withdrawals="demo_withdrawals")
        assert len(fleet_status(store, sources=demo).table) == 8


def test_missing_roles_and_columns_are_named(store) -> None:
    frame = pd.DataFrame({"terminal": ["A"], "ts": [T0], "cash": [1.0]})
    store.write_dataset("no_time_role", frame, "telemetry", roles={"terminal": "device_id"},
                        source="test")
    with pytest.raises(NotFoundError, match=r"no_time_role.*role 'timestamp'.*telemetry.times"):
        fleet_status(store)
    fixed = FleetSources(columns={"telemetry.timestamp": "ts"})
    assert fleet_status(store, T0, sources=fixed).table["device_id"].tolist() == ["A"]
    with pytest.raises(NotFoundError, match="no column 'stamp'"):
        fleet_status(store, sources=FleetSources(columns={"telemetry.timestamp": "stamp"}))
    with pytest.raises(UserFacingError, match="Unknown fleet column key"):
        FleetSources(columns={"telemetry.time": "ts"})
    with pytest.raises(NotFoundError, match="no dataset 'nope'"):
        fleet_status(store, sources=FleetSources(events="nope", columns=fixed.columns))


def test_empty_store_or_no_fleet_data_is_a_clear_error(store) -> None:
    with pytest.raises(NotFoundError, match="needs telemetry, events or withdrawals"):
        fleet_status(store)
    store.write_dataset("other", pd.DataFrame({"x": [1]}), "table", source="test")
    with pytest.raises(NotFoundError, match="Load the demo fleet or import"):
        fleet_status(store)
