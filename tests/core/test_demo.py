"""The demo fleet: deterministic, realistic in the ways analysts check, stored all or nothing."""

from __future__ import annotations

import pandas as pd
import pytest

from iotfin_gui.core.data_hash import frame_hash
from iotfin_gui.core.demo import DEMO_DATASETS, DemoConfig, load_demo, simulate_fleet
from iotfin_gui.core.demo.fleet import COMPONENTS
from iotfin_gui.core.errors import StoreError
from iotfin_gui.core.store import Store


@pytest.fixture(scope="module")
def fleet():
    return simulate_fleet()


def test_same_seed_same_fleet_other_seed_other_fleet(fleet) -> None:
    small = DemoConfig(n_atms=5, days=120, telemetry_days=3, credit_rows=50)
    again, other = simulate_fleet(small), simulate_fleet(DemoConfig(
        n_atms=5, days=120, telemetry_days=3, credit_rows=50, seed=1))
    first = simulate_fleet(small)
    for table in ("registry", "withdrawals", "telemetry", "events", "credit"):
        assert frame_hash(getattr(first, table)) == frame_hash(getattr(again, table))
    assert frame_hash(first.withdrawals) != frame_hash(other.withdrawals)


def test_size_of_the_embedded_fleet(fleet) -> None:
    assert len(fleet.registry) >= 50
    assert fleet.registry["device_id"].is_unique
    days = fleet.withdrawals.groupby("device_id")["date"].nunique()
    assert (days >= 730).all()
    hours = fleet.telemetry["timestamp"]
    assert (hours.max() - hours.min()) >= pd.Timedelta(days=29)
    assert {"cash_level", "temperature_c", "heartbeat"} <= set(fleet.telemetry.columns)
    assert len(fleet.credit) >= 1000 and 0.1 < fleet.credit["defaulted"].mean() < 0.35
    assert {"latitude", "longitude", "cassette_capacity", "install_date", "branch",
            "city", "model"} <= set(fleet.registry.columns)


def test_weekday_and_payday_effects(fleet) -> None:
    w = fleet.withdrawals
    by_weekday = w.groupby(w["date"].dt.day_of_week)["amount"].mean()
    assert by_weekday.max() / by_weekday.min() > 1.1
    tenth = w[w["date"].dt.day == 10]["amount"].mean()
    mid_month = w[w["date"].dt.day.isin([5, 6, 7])]["amount"].mean()
    assert tenth > 1.05 * mid_month


def test_spring_festival_rush_then_lull(fleet) -> None:
    daily = fleet.withdrawals.groupby("date")["amount"].sum()
    eve = pd.Timestamp("2026-02-16")
    rush = daily[eve - pd.Timedelta(days=7):eve - pd.Timedelta(days=1)].mean()
    lull = daily[eve + pd.Timedelta(days=2):eve + pd.Timedelta(days=6)].mean()
    normal = daily["2026-03-10":"2026-04-10"].mean()
    assert rush > 1.3 * normal
    assert lull < 0.8 * normal


def test_cash_never_negative_nor_over_capacity(fleet) -> None:
    w = fleet.withdrawals.merge(fleet.registry[["device_id", "cassette_capacity"]])
    assert (w["cash_level_end"] >= 0).all()
    assert (w["cash_level_end"] <= w["cassette_capacity"]).all()
    assert (w["replenished"] > 0).groupby(w["device_id"]).sum().min() > 50
    assert (fleet.telemetry["cash_level"] >= 0).all()


def test_faults_recover_and_some_are_open_at_the_end(fleet) -> None:
    events = fleet.events
    assert set(events["event_type"]) == {"fault", "recovery", "replenishment", "cash_out"}
    faults = events[events["event_type"] == "fault"]
    assert set(faults["component"]) == set(COMPONENTS)
    recoveries = events[events["event_type"] == "recovery"]
    assert 0 < len(faults) - len(recoveries) < 20
    assert events["timestamp"].max() <= fleet.as_of


def test_some_atms_are_offline_at_the_end(fleet) -> None:
    last_seen = fleet.telemetry.groupby("device_id")["timestamp"].max()
    assert (last_seen < fleet.as_of - pd.Timedelta(hours=2)).sum() >= 2
    assert (last_seen == fleet.as_of).sum() >= 40


def test_precursors_before_dispenser_faults(fleet) -> None:
    t = fleet.telemetry
    faults = fleet.events[(fleet.events["event_type"] == "fault")
                          & (fleet.events["component"] == "dispenser")
                          & (fleet.events["timestamp"] > t["timestamp"].min()
                             + pd.Timedelta(days=2))]
    assert len(faults)
    before = [t[(t["device_id"] == f.device_id) & (t["timestamp"] < f.timestamp)
                & (t["timestamp"] >= f.timestamp - pd.Timedelta(hours=24))]["dispense_retries"]
              .mean() for f in faults.itertuples()]
    assert pd.Series(before).mean() > 3 * t["dispense_retries"].mean()


def test_load_demo_writes_marked_datasets_once(store: Store) -> None:
    summary = load_demo(store, DemoConfig(n_atms=6, days=90, telemetry_days=2, credit_rows=40))
    assert set(summary["datasets"]) == set(DEMO_DATASETS)
    assert all(d.is_demo for d in store.datasets())
    assert len(store.devices()) == 6 and store.devices()["is_demo"].all()
    assert store.setting("demo.as_of") is not None
    events = store.read_dataset("demo_events")
    assert events["timestamp"].max() <= pd.Timestamp(store.setting("demo.as_of"))
    with pytest.raises(StoreError, match="already holds"):
        load_demo(store)
    assert store.remove_demo_data() == len(DEMO_DATASETS)
    assert store.datasets() == [] and store.devices().empty


def test_load_demo_refuses_to_overwrite_a_users_dataset(store: Store) -> None:
    store.write_dataset("demo_events", pd.DataFrame({"x": [1]}), "table", source="import")
    with pytest.raises(StoreError, match="already exist"):
        load_demo(store)
    assert [d.name for d in store.datasets()] == ["demo_events"]


@pytest.mark.parametrize("n_atms", [1, 3])
def test_a_fleet_smaller_than_the_scripted_incidents_still_simulates(n_atms: int) -> None:
    small = simulate_fleet(DemoConfig(n_atms=n_atms, days=40, telemetry_days=1, credit_rows=5))
    assert small.registry["device_id"].nunique() == n_atms
    assert (small.events["event_type"] == "fault").any()
