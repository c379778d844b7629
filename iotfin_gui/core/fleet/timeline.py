"""Status intervals per ATM over a period, for the Fleet panel's timeline (one band per ATM).

The period is sampled on a regular grid (``freq``, default hourly): the status at each grid time
holds until the next one, and runs of equal status are merged. Intervals of an ATM are therefore
contiguous, do not overlap and cover ``[start, end)``; at every grid time they agree with
:func:`fleet_status` because both evaluate the same rules with :func:`.evaluate.evaluate`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from iotfin_gui.core.errors import UserFacingError
from iotfin_gui.core.fleet.evaluate import evaluate
from iotfin_gui.core.fleet.rules import STATUSES, FleetRules, load_rules
from iotfin_gui.core.fleet.sources import FleetData, FleetSources, load_sources, parse_time
from iotfin_gui.core.fleet.status import TimeLike, load_fleet
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.store import Store

#: Largest (ATMs x grid times) evaluated at once; beyond it, ask for a coarser step.
MAX_CELLS = 5_000_000


def status_timeline(
    store: Store,
    start: TimeLike,
    end: TimeLike,
    rules: FleetRules | None = None,
    freq: str = "1h",
    *,
    sources: FleetSources | None = None,
    data: FleetData | None = None,
    devices: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Columns ``device_id, status, start, end``: each ATM's status intervals in ``[start, end)``.

    ``devices`` limits the ATMs shown; ``data`` (from :func:`load_fleet`) skips reading."""
    rules = rules or load_rules(store)
    begin, finish = parse_time(start, "timeline start"), parse_time(end, "timeline end")
    if finish <= begin:
        raise UserFacingError(QT_TRANSLATE_NOOP("Core", "The timeline must end after it "
                                                "starts."))
    try:
        grid = pd.date_range(begin, finish, freq=freq, inclusive="left")
    except ValueError as error:
        raise UserFacingError(QT_TRANSLATE_NOOP(
            "Core", "Cannot use the step {step!r}; write it like 1h, 30min or 1D.").format(
                step=freq)) from error
    if data is None:
        data = load_fleet(store, begin, finish, rules, sources=sources or load_sources(store))
    return timeline_from(data, grid, finish, rules, devices)


def timeline_from(
    data: FleetData,
    grid: pd.DatetimeIndex,
    end: pd.Timestamp,
    rules: FleetRules,
    devices: Sequence[str] | None = None,
) -> pd.DataFrame:
    """The intervals from loaded data, sampled at ``grid`` (sorted), the last ending at ``end``."""
    if len(data.devices) * len(grid) > MAX_CELLS:
        raise UserFacingError(QT_TRANSLATE_NOOP(
            "Core", "The timeline would hold {cells:,} cells; choose a shorter period or a "
            "coarser step.").format(cells=len(data.devices) * len(grid)))
    status = evaluate(data, grid, rules).status
    ids = data.devices["device_id"].to_numpy(dtype=object)
    if devices is not None:
        keep = np.isin(ids, np.asarray(list(devices), dtype=object))
        status, ids = status[keep], ids[keep]
    n, g = status.shape
    starts = np.ones((n, g), dtype=bool)
    starts[:, 1:] = status[:, 1:] != status[:, :-1]
    flat = np.flatnonzero(starts)
    dev, begin = np.divmod(flat, g)
    following = np.append(begin[1:], g)
    last_of_device = np.append(dev[1:] != dev[:-1], True)
    stop = np.where(last_of_device, g, following)
    times = np.append(grid.to_numpy(), end.to_datetime64())
    return pd.DataFrame({
        "device_id": ids[dev],
        "status": np.asarray(STATUSES, dtype=object)[status.reshape(-1)[flat]],
        "start": pd.to_datetime(times[begin]),
        "end": pd.to_datetime(times[stop]),
    })
