"""Writes the simulated demo fleet into a store, all of it or nothing, marked as demo data."""

from __future__ import annotations

import os
import time
from typing import Any

import pandas as pd

from iotfin_gui.core.demo.fleet import DEMO_TIMEZONE, DemoConfig, DemoFleet, simulate_fleet
from iotfin_gui.core.errors import StoreError
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message
from iotfin_gui.core.store import Store

#: The demo fleet's amounts are yuan: recorded in their columns' metadata, shown as ¥ / CNY.
DEMO_CURRENCIES = {
    "demo_withdrawals": {"amount": "CNY", "cash_level_end": "CNY", "replenished": "CNY"},
    "demo_telemetry": {"cash_level": "CNY"}, "demo_events": {"amount": "CNY"}}

#: dataset name -> (kind, roles, note); the note is stored in English and shown translated.
DEMO_DATASETS: dict[str, tuple[str, dict[str, str], Message]] = {
    "demo_atm_registry": (
        "registry", {"device_id": "device_id"},
        QT_TRANSLATE_NOOP("Core", "Demo data: simulated ATM registry (not real machines)."),
    ),
    "demo_withdrawals": (
        "withdrawals",
        {"device_id": "device_id", "date": "timestamp", "amount": "amount", "count": "count",
         "cash_level_end": "cash_level", "replenished": "metric"},
        QT_TRANSLATE_NOOP(
            "Core", "Demo data: simulated daily cash withdrawals in CNY (local calendar days)."),
    ),
    "demo_telemetry": (
        "telemetry",
        {"device_id": "device_id", "timestamp": "timestamp", "cash_level": "cash_level",
         "temperature_c": "metric", "dispense_retries": "metric", "heartbeat": "metric"},
        QT_TRANSLATE_NOOP(
            "Core", "Demo data: simulated hourly telemetry (UTC; source zone {zone}).").format(
                zone=DEMO_TIMEZONE),
    ),
    "demo_events": (
        "events",
        {"device_id": "device_id", "timestamp": "timestamp", "event_type": "event_type",
         "component": "category", "severity": "severity", "amount": "amount"},
        QT_TRANSLATE_NOOP(
            "Core", "Demo data: simulated faults, recoveries, refills, cash-outs (UTC; source "
            "zone {zone}).").format(zone=DEMO_TIMEZONE),
    ),
    "demo_credit_applications": (
        "table", {"defaulted": "label"},
        QT_TRANSLATE_NOOP(
            "Core", "Demo data: simulated credit applications; names and phones are fake."),
    ),
}


def _to_utc(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    local = frame[column].dt.tz_localize(DEMO_TIMEZONE)
    return frame.assign(**{column: local.dt.tz_convert("UTC").dt.tz_localize(None)})


def demo_tables(fleet: DemoFleet) -> dict[str, pd.DataFrame]:
    """The fleet's tables under their dataset names, times converted to UTC where instants."""
    return {
        "demo_atm_registry": fleet.registry,
        "demo_withdrawals": fleet.withdrawals,
        "demo_telemetry": _to_utc(fleet.telemetry, "timestamp"),
        "demo_events": _to_utc(fleet.events, "timestamp"),
        "demo_credit_applications": fleet.credit,
    }


def load_demo(
    store: Store, config: DemoConfig | None = None, ctx: JobContext | None = None
) -> dict[str, Any]:
    """Simulate the fleet and store it as demo datasets in one transaction; returns a summary."""
    ctx = ctx or JobContext()
    if store.has_demo_data:
        raise StoreError(QT_TRANSLATE_NOOP(
            "Core", "The store already holds the demo data; remove it first to reload."))
    taken = [name for name in DEMO_DATASETS if store.has_dataset(name)]
    if taken:
        raise StoreError(QT_TRANSLATE_NOOP(
            "Core", "Datasets named {names} already exist; rename them to load the demo.").format(
                names=str(taken)))
    started = time.perf_counter()
    ctx.progress(0.0, QT_TRANSLATE_NOOP("Core", "Simulating the demo ATM fleet"))
    fleet = simulate_fleet(config)
    tables = demo_tables(fleet)
    rows: dict[str, int] = {}
    with store.atomic():
        for index, (name, frame) in enumerate(tables.items()):
            ctx.progress(0.5 + 0.5 * index / len(tables),
                         QT_TRANSLATE_NOOP("Core", "Writing {dataset}").format(dataset=name))
            kind, roles, note = DEMO_DATASETS[name]
            info = store.write_dataset(name, frame, kind, roles=roles, source="demo",
                                       is_demo=True, note=note,
                                       currencies=DEMO_CURRENCIES.get(name))
            rows[name] = info.row_count
            if kind == "registry":
                store.upsert_devices(frame, dataset_id=info.id, is_demo=True)
        as_of = pd.Timestamp(fleet.as_of).tz_localize(DEMO_TIMEZONE).tz_convert("UTC")
        store.set_setting("demo.as_of", as_of.strftime("%Y-%m-%d %H:%M:%S"))
        store.set_setting("demo.config", {"seed": fleet.config.seed,
                                          "n_atms": fleet.config.n_atms,
                                          "days": fleet.config.days,
                                          "end": str(fleet.config.end)})
        store.audit("demo.load", seed=fleet.config.seed, rows=rows)
    ctx.progress(1.0, QT_TRANSLATE_NOOP("Core", "Demo fleet loaded"))
    return {"datasets": rows, "devices": len(fleet.registry),
            "as_of_utc": as_of.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "seconds": round(time.perf_counter() - started, 2)}


def load_demo_job(ctx: JobContext, db_path: str | os.PathLike, seed: int | None = None) -> dict:
    """Job: load the demo fleet into the store at ``db_path``."""
    config = DemoConfig() if seed is None else DemoConfig(seed=seed)
    with Store.open(db_path) as store:
        return load_demo(store, config, ctx)
