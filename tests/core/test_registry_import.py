"""Only a registry import (or an explicit edit) writes the device registry; deleting a dataset
that is not a registry never takes devices out of it; the fleet derives devices from data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from iotfin_gui.core.fleet import FleetRules, FleetSources, fleet_status
from iotfin_gui.core.ingest import import_file
from iotfin_gui.core.store import Store

REGISTRY = ("device_id,name,branch,city,cassette_capacity\n"
            "ATM-1,Lobby,Central,Wuhan,200000\n"
            "ATM-2,Mall,East,Nanjing,150000\n"
            "ATM-3,Airport,West,Chengdu,100000\n")


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def registered(store: Store, tmp_path: Path) -> Store:
    result = import_file(store, _write(tmp_path, "registry.csv", REGISTRY))
    assert store.dataset(result.dataset_id).kind == "registry"
    return store


def _registry(store: Store) -> dict[str, dict]:
    devices = store.devices().set_index("device_id")
    return devices.drop(columns="is_demo").astype(object).where(devices.notna(), None) \
        .to_dict("index")


TELEMETRY = ("device_id,city,timestamp,cash\n"
             "ATM-1,Nowhere,2024-05-01 10:00:00,5000\n"
             "ATM-9,Elsewhere,2024-05-01 10:00:00,7000\n")


@pytest.mark.parametrize("kind", ["telemetry", "withdrawals", "table"])
def test_an_import_of_another_kind_never_writes_the_registry(registered: Store, tmp_path: Path,
                                                             kind: str) -> None:
    before = _registry(registered)
    result = import_file(registered, _write(tmp_path, f"{kind}.csv", TELEMETRY), kind=kind)
    assert registered.dataset(result.dataset_id).kind == kind
    assert _registry(registered) == before
    registered.delete_dataset(result.dataset_id)
    assert _registry(registered) == before


def test_a_partial_registry_updates_fields_but_its_deletion_keeps_the_devices(
        registered: Store, tmp_path: Path) -> None:
    partial = import_file(registered, _write(tmp_path, "cities.csv",
                                             "device_id,city\nATM-1,Suzhou\nATM-2,Xiamen\n"))
    assert registered.dataset(partial.dataset_id).kind == "registry"
    devices = _registry(registered)
    assert devices["ATM-1"]["city"] == "Suzhou" and devices["ATM-1"]["name"] == "Lobby"
    registered.delete_dataset(partial.dataset_id)
    assert set(_registry(registered)) == {"ATM-1", "ATM-2", "ATM-3"}


def test_a_newer_full_registry_takes_the_devices_over(registered: Store, tmp_path: Path) -> None:
    first = registered.dataset("registry").id
    newer = import_file(registered, _write(tmp_path, "registry_2025.csv",
                                           REGISTRY.replace("Wuhan", "Hefei")))
    registered.delete_dataset(first)
    devices = _registry(registered)
    assert set(devices) == {"ATM-1", "ATM-2", "ATM-3"} and devices["ATM-1"]["city"] == "Hefei"
    registered.delete_dataset(newer.dataset_id)
    assert _registry(registered) == {}


def test_the_users_registry_takes_devices_over_from_the_demo(store: Store,
                                                             tmp_path: Path) -> None:
    demo = store.write_dataset("demo_registry", pd.DataFrame({"device_id": ["ATM-1"]}),
                               "registry", source="demo", is_demo=True)
    store.upsert_devices(pd.DataFrame({"device_id": ["ATM-1"], "city": ["Demo"]}),
                         dataset_id=demo.id, is_demo=True)
    import_file(store, _write(tmp_path, "mine.csv", "device_id,city\nATM-1,Wuhan\n"))
    store.remove_demo_data()
    assert _registry(store)["ATM-1"]["city"] == "Wuhan"


def test_only_a_registry_dataset_may_write_devices(store: Store) -> None:
    table = store.write_dataset("t", pd.DataFrame({"device_id": ["A"], "city": ["X"]}), "table",
                                source="test")
    with pytest.raises(ValueError, match="not a registry"):
        store.upsert_devices(pd.DataFrame({"device_id": ["A"]}), dataset_id=table.id)
    assert store.devices().empty


def test_the_fleet_lists_devices_seen_only_in_data(registered: Store, tmp_path: Path) -> None:
    import_file(registered, _write(tmp_path, "telemetry.csv", TELEMETRY), kind="telemetry")
    status = fleet_status(registered, rules=FleetRules(low_cash_pct=None, low_cash_days=None),
                          sources=FleetSources(columns={"telemetry.cash": "cash"}))
    table = status.table.set_index("device_id")
    assert set(table.index) == {"ATM-1", "ATM-9"}
    assert table.loc["ATM-1", "city"] == "Wuhan" and pd.isna(table.loc["ATM-9", "city"])
    assert "ATM-9" not in set(registered.devices()["device_id"])
