"""Jobs for the Fleet panel: the fleet data of a replay window, and one ATM's history.

The panel reads the store only through these jobs (run in worker processes). The window's data
(:class:`FleetWindow`) lets the panel recompute the status at any moment of the window with
:func:`.status.status_at`, without touching the store, while the analyst moves the "as of"
slider.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

import pandas as pd

from iotfin_gui.core.fleet.history import device_history
from iotfin_gui.core.fleet.rules import FleetRules, load_rules
from iotfin_gui.core.fleet.sources import (
    FleetData,
    default_as_of,
    load_sources,
    parse_time,
    resolve_sources,
)
from iotfin_gui.core.fleet.status import FleetStatus, fleet_status, load_fleet, status_at
from iotfin_gui.core.fleet.timeline import status_timeline
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.store import Store


@dataclass(frozen=True)
class FleetWindow:
    """The fleet over ``[start, end]``: the data to replay any moment of it, the saved rules,
    the status at ``end`` (the latest data time, stated by ``status.as_of_source``) and the
    status intervals of every ATM on a ``freq`` grid."""

    start: pd.Timestamp
    end: pd.Timestamp
    freq: str
    rules: FleetRules
    data: FleetData
    status: FleetStatus
    timeline: pd.DataFrame
    #: How long one :func:`.status.status_at` on this data took (best of two), in milliseconds.
    status_ms: float


def fleet_window(store: Store, days: float = 7.0, freq: str = "1h") -> FleetWindow:
    """The last ``days`` days of fleet data up to the latest data time, with the saved rules."""
    rules = load_rules(store)
    sources = load_sources(store)
    end = default_as_of(store, resolve_sources(store, sources))
    start = end - pd.Timedelta(days=days)
    data = load_fleet(store, start, end, rules, sources=sources)
    status = fleet_status(store, None, rules, sources=sources, data=data)
    timeline = status_timeline(store, start, end, rules, freq, sources=sources, data=data)
    timings = []
    for moment in (start + (end - start) / 2, start):
        started = time.perf_counter()
        status_at(data, moment, rules)
        timings.append(1000 * (time.perf_counter() - started))
    status_ms = min(timings)
    return FleetWindow(start, end, freq, rules, data, status, timeline, status_ms)


def fleet_window_job(
    ctx: JobContext, db_path: str | os.PathLike, days: float = 7.0, freq: str = "1h"
) -> FleetWindow:
    """Job: :func:`fleet_window` of the store at ``db_path``."""
    ctx.progress(None, QT_TRANSLATE_NOOP("Core", "Reading the fleet data"))
    with Store.open(db_path) as store:
        window = fleet_window(store, days, freq)
    ctx.progress(1.0, QT_TRANSLATE_NOOP("Core", "Fleet data ready"))
    return window


#: The window data last read by this worker process: (key, data).
_WORKER_DATA: dict[tuple[str, str], FleetData] = {}


def fleet_status_at_job(
    ctx: JobContext, db_path: str | os.PathLike, start: str, end: str, as_of: str,
    rules: dict, token: str,
) -> FleetStatus:
    """Job: the fleet status at ``as_of`` within the window ``[start, end]`` under ``rules``.

    For large fleets, where :func:`.status.status_at` is too slow for the GUI thread. The worker
    keeps the window's data under ``token`` (a new token for each new window), so only its
    first call reads the store."""
    fleet_rules = FleetRules.from_dict(rules)
    key = (str(db_path), token)
    data = _WORKER_DATA.get(key)
    if data is None:
        ctx.progress(None, QT_TRANSLATE_NOOP("Core", "Reading the fleet data"))
        with Store.open(db_path) as store:
            data = load_fleet(store, start, end, fleet_rules)
        _WORKER_DATA.clear()
        _WORKER_DATA[key] = data
    ctx.check()
    return status_at(data, parse_time(as_of, "as-of time"), fleet_rules, as_of_source="replay")


def device_history_job(
    ctx: JobContext, db_path: str | os.PathLike, device_id: str, start: str, end: str
) -> dict[str, pd.DataFrame]:
    """Job: :func:`.history.device_history` of one ATM in ``[start, end]`` (UTC text)."""
    ctx.progress(None, QT_TRANSLATE_NOOP("Core", "Reading the history of {device}").format(
        device=device_id))
    with Store.open(db_path) as store:
        frames = device_history(store, device_id, parse_time(start, "start"),
                                parse_time(end, "end"))
    ctx.progress(1.0, QT_TRANSLATE_NOOP("Core", "History ready"))
    return frames
