"""One ATM's recent history on a shared time axis, for the Fleet panel's per-ATM view.

:func:`device_history` returns plain frames, each with a ``time`` column (or ``start``/``end``
for intervals) in naive UTC: the cash level readings, daily withdrawals, the raw telemetry, fault
intervals, replenishments and the status intervals of :func:`.timeline.status_timeline`.
"""

from __future__ import annotations

import pandas as pd

from iotfin_gui.core.errors import NotFoundError
from iotfin_gui.core.fleet.rules import FleetRules, load_rules
from iotfin_gui.core.fleet.sources import (
    FleetSources,
    Resolved,
    default_as_of,
    load_fleet_data,
    load_sources,
    parse_time,
    read_source,
    resolve_sources,
)
from iotfin_gui.core.fleet.status import TimeLike
from iotfin_gui.core.fleet.timeline import timeline_from
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.store import Store

DEFAULT_DAYS = 30


def device_history(
    store: Store,
    device_id: str,
    start: TimeLike | None = None,
    end: TimeLike | None = None,
    *,
    rules: FleetRules | None = None,
    sources: FleetSources | None = None,
    freq: str = "1h",
) -> dict[str, pd.DataFrame]:
    """Frames ``cash``, ``withdrawals``, ``telemetry``, ``faults``, ``replenishments`` and
    ``status`` of one ATM in ``[start, end]`` (default: the 30 days to the latest data time).

    ``cash``: time, cash, source (telemetry or withdrawals end of day). ``withdrawals``: the
    dataset's columns with ``time`` for its date. ``telemetry``: its columns with ``time``,
    and ``cash_level`` and ``heartbeat`` for those the fleet reads as such (:func:`_fleet_names`).
    ``faults``: component, severity, start, end (NaT: still open at ``end``), open.
    ``replenishments``: time, amount. ``status``: status, start, end."""
    rules = rules or load_rules(store)
    sources = sources or load_sources(store)
    resolved = resolve_sources(store, sources)
    finish = default_as_of(store, resolved) if end is None else parse_time(end, "end")
    begin = (finish - pd.Timedelta(days=DEFAULT_DAYS) if start is None
             else parse_time(start, "start"))
    if finish <= begin:
        raise NotFoundError(QT_TRANSLATE_NOOP("Core", "The history period must end after it "
                                              "starts."))
    device_id = str(device_id)
    data = load_fleet_data(store, sources, start=begin, end=finish, lookback=rules.lookback,
                           demand_days=rules.demand_window_days, resolved=resolved,
                           device=device_id)
    registered = (store.devices()["device_id"].astype(str) == device_id).any()
    if data.devices.empty and not registered:
        raise NotFoundError(QT_TRANSLATE_NOOP(
            "Core", "There is no ATM {device!r} in the fleet data or registry.").format(
                device=device_id))
    frames: dict[str, pd.DataFrame] = {}
    for kind in ("telemetry", "withdrawals"):
        if kind in resolved:
            rows = read_source(store, resolved[kind], [], start=begin, end=finish,
                               device=device_id, all_columns=True)
            frames[kind] = _fleet_names(rows.drop(columns="device_id"), resolved[kind])
        else:
            frames[kind] = pd.DataFrame({"time": pd.Series([], dtype="datetime64[ns]")})
    cash = data.cash[data.cash["time"].between(begin, finish)]
    frames["cash"] = cash[["time", "cash", "source"]].reset_index(drop=True)
    faults = data.faults[(data.faults["start"] <= finish)
                         & (data.faults["end"].isna() | (data.faults["end"] >= begin))]
    frames["faults"] = faults.drop(columns="dev").assign(
        open=faults["end"].isna() | (faults["end"] > finish),
        end=faults["end"].where(faults["end"] <= finish),
    ).reset_index(drop=True)
    frames["replenishments"] = _replenishments(store, resolved, sources, device_id, begin, finish)
    grid = pd.date_range(begin, finish, freq=freq, inclusive="left")
    frames["status"] = (timeline_from(data, grid, finish, rules).drop(columns="device_id")
                        if len(data.devices) else
                        pd.DataFrame(columns=["status", "start", "end"]))
    return frames


def _fleet_names(rows: pd.DataFrame, source: Resolved) -> pd.DataFrame:
    """A source's rows with the columns the fleet reads under its names, whatever the bank
    called them: ``time``, and for telemetry ``cash_level`` and ``heartbeat`` (钞箱余额 is the
    cash level the cash plot draws, not one more telemetry line)."""
    rows = rows.rename(columns={"timestamp": "time"})
    for field, name in (("cash", "cash_level"), ("heartbeat", "heartbeat")):
        column = source.columns.get(field)
        if column is not None and column != name and column in rows:
            rows = rows.drop(columns=name, errors="ignore").rename(columns={column: name})
    return rows


def _replenishments(
    store: Store, resolved: dict, sources: FleetSources, device_id: str,
    begin: pd.Timestamp, finish: pd.Timestamp,
) -> pd.DataFrame:
    if "events" not in resolved:
        return pd.DataFrame({"time": pd.Series([], dtype="datetime64[ns]"), "amount": []})
    rows = read_source(store, resolved["events"], ["amount"], start=begin, end=finish,
                       device=device_id, event_types=list(sources.replenishment_values))
    if "amount" not in rows:
        rows["amount"] = float("nan")
    return (rows.rename(columns={"timestamp": "time"})[["time", "amount"]]
            .sort_values("time", ignore_index=True))
