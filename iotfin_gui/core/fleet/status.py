"""The fleet status at one check time: one row per ATM with its status, flags, cash and reasons.

:func:`fleet_status` is what the Fleet panel's overview table, status counts and "as of" slider
show. For a slider, load the data once with :func:`load_fleet` and pass it as ``data=``; each
call then only evaluates the rules. :func:`fleet_status_job` runs it in the job pool.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd

from iotfin_gui.core.fleet.cash_now import days_to_cash_out, latest_readings
from iotfin_gui.core.fleet.evaluate import Evaluation, evaluate
from iotfin_gui.core.fleet.rules import FLAGGED, STATUSES, FleetRules, chained, load_rules
from iotfin_gui.core.fleet.sources import (
    FleetData,
    FleetSources,
    default_as_of,
    load_fleet_data,
    load_sources,
    parse_time,
    resolve_sources,
)
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message, joined
from iotfin_gui.core.store import Store

TimeLike = str | datetime | pd.Timestamp
TABLE_COLUMNS = (
    "device_id", "name", "branch", "city", "latitude", "longitude", "status", "since",
    "offline", "fault", "low_cash", "open_faults", "cash_level", "capacity", "cash_pct",
    "demand_per_day", "days_to_cashout", "last_fault", "last_fault_component", "last_seen",
    "reasons", "cash_read_at",
)


@dataclass(frozen=True)
class FleetStatus:
    """The fleet at ``as_of`` (naive UTC).

    ``table`` has :data:`TABLE_COLUMNS`: ``status`` (one of :data:`STATUSES`) and ``since``
    (when that status's condition began: the first open fault's start, the last sign of life
    plus the offline limit, the first cash reading of the current low run; NaT for ok), the three
    boolean flags, ``open_faults`` (components, comma-separated), cash level, capacity, cash in %
    of capacity, expected daily demand, days to cash-out (:func:`.cash_now.days_to_cash_out`:
    on the newest forecast run, else cash / demand), the last fault's start
    and component, the last sign of life, ``reasons`` (sentences joined by "; ") and when the
    cash level was read (:mod:`.cash_now`, the definition Forecast and the plan share).
    ``currency``: the cash amounts' currency, as their data named it (``None``: unknown).
    """

    as_of: pd.Timestamp
    as_of_source: str
    table: pd.DataFrame
    counts: dict[str, int]
    flag_counts: dict[str, int]
    rules: FleetRules
    sources: dict[str, str]
    notes: tuple[str, ...]
    currency: str | None = None

    def summary(self) -> dict[str, Any]:
        """A JSON-able summary: as-of, counts, and per ATM status, days to cash-out, reasons."""
        atms = [
            {"device_id": row.device_id, "status": row.status,
             "days_to_cashout": _number(row.days_to_cashout, 1),
             "cash_level": _number(row.cash_level, 0), "reasons": row.reasons}
            for row in self.table.itertuples()
        ]
        return {"as_of": self.as_of.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "as_of_source": self.as_of_source, "counts": self.counts,
                "flag_counts": self.flag_counts, "sources": self.sources,
                "rules": [e["rule"] for e in self.rules.describe()],
                "notes": list(self.notes), "atms": atms}


def load_fleet(
    store: Store,
    start: TimeLike | None = None,
    end: TimeLike | None = None,
    rules: FleetRules | None = None,
    *,
    sources: FleetSources | None = None,
) -> FleetData:
    """Read the fleet data needed for check times in ``[start, end]`` (``None``: all of it)."""
    rules = rules or load_rules(store)
    return load_fleet_data(
        store, sources or load_sources(store),
        start=None if start is None else parse_time(start, "start"),
        end=None if end is None else parse_time(end, "end"),
        lookback=rules.lookback, demand_days=rules.demand_window_days,
    )


def fleet_status(
    store: Store,
    as_of: TimeLike | None = None,
    rules: FleetRules | None = None,
    *,
    sources: FleetSources | None = None,
    data: FleetData | None = None,
) -> FleetStatus:
    """Every ATM's status at ``as_of`` (default: the latest data time, e.g. ``demo.as_of``)."""
    rules = rules or load_rules(store)
    sources = sources or load_sources(store)
    resolved = resolve_sources(store, sources)
    if as_of is None:
        when, origin = default_as_of(store, resolved), "latest data"
        if all(r.info.is_demo for r in resolved.values()) and store.setting("demo.as_of"):
            origin = "demo.as_of"
    else:
        when, origin = parse_time(as_of, "as-of time"), "given"
    if data is None or not _covers(data, when):
        data = load_fleet_data(store, sources, start=when, end=when, lookback=rules.lookback,
                               demand_days=rules.demand_window_days, resolved=resolved)
    return status_at(data, when, rules, as_of_source=origin)


def status_at(
    data: FleetData, as_of: pd.Timestamp, rules: FleetRules, *, as_of_source: str = "given"
) -> FleetStatus:
    """The fleet status from already loaded data (no store access)."""
    result = evaluate(data, pd.DatetimeIndex([as_of]), rules)
    table = _table(data, result, as_of, rules)
    counts = table["status"].value_counts()
    return FleetStatus(
        as_of=as_of,
        as_of_source=as_of_source,
        table=table,
        counts={s: int(counts.get(s, 0)) for s in rules.status_order()},
        flag_counts={f: int(table[f].sum()) for f in FLAGGED},
        rules=rules,
        sources=dict(data.used),
        notes=data.notes,
        currency=data.currency,
    )


def fleet_status_job(
    ctx: JobContext, db_path: str | os.PathLike, as_of: str | None = None,
    rules: dict[str, Any] | None = None,
) -> FleetStatus:
    """Job: the fleet status of the store at ``db_path`` (rules: a dict, default the saved)."""
    ctx.progress(None, QT_TRANSLATE_NOOP("Core", "Reading the fleet data"))
    with Store.open(db_path) as store:
        result = fleet_status(store, as_of, None if rules is None else FleetRules.from_dict(rules))
    ctx.progress(1.0, QT_TRANSLATE_NOOP("Core", "Fleet status ready"))
    return result


def _covers(data: FleetData, when: pd.Timestamp) -> bool:
    return (data.start is None or data.start <= when) and (data.end is None or when <= data.end)


def _table(
    data: FleetData, result: Evaluation, as_of: pd.Timestamp, rules: FleetRules
) -> pd.DataFrame:
    table = data.devices.drop(columns="capacity").copy()
    capacity = data.devices["capacity"].to_numpy(dtype=float)
    cash, demand = result.cash[:, 0], result.demand[:, 0]
    table["status"] = np.asarray(STATUSES, dtype=object)[result.status[:, 0]]
    for flag in FLAGGED:
        table[flag] = getattr(result, flag)[:, 0]
    faults = _fault_details(data, as_of, rules)
    table = table.join(faults, how="left")
    table["open_faults"] = table["open_faults"].astype(object).fillna("").astype("str")
    table["cash_level"] = cash
    table["cash_read_at"] = _cash_read_at(data, as_of, rules)
    table["capacity"] = capacity
    with np.errstate(invalid="ignore", divide="ignore"):
        table["cash_pct"] = np.where(capacity > 0, 100 * cash / capacity, np.nan)
        table["demand_per_day"] = demand
    table["days_to_cashout"] = days_to_cash_out(
        pd.DataFrame({"series_id": table["device_id"], "cash": cash,
                      "read_at": table["cash_read_at"]}),
        data.forecast, pd.Series(demand, index=table["device_id"].astype(str)))
    table["last_seen"] = pd.to_datetime(result.last_seen[:, 0])
    low_since = _low_cash_since(data, as_of, result.threshold[:, 0], rules)
    since = {
        "offline": table["last_seen"] + rules.offline_after,
        "fault": table["fault_since"],
        "low_cash": low_since,
    }
    table["since"] = pd.Series(pd.NaT, index=table.index, dtype="datetime64[ns]")
    since["cash_out"] = low_since
    for name in (*FLAGGED, "cash_out"):
        chosen = table["status"] == name
        table.loc[chosen, "since"] = since[name][chosen]
    # object dtype: pandas would turn the translatable Messages into plain str.
    table["reasons"] = pd.Series(_reasons(table, as_of, rules), index=table.index, dtype=object)
    return table[list(TABLE_COLUMNS)]


def _cash_read_at(data: FleetData, as_of: pd.Timestamp, rules: FleetRules) -> np.ndarray:
    """When each ATM's cash now was read (:mod:`.cash_now`; NaT: no reading in the look-back)."""
    readings = pd.DataFrame({"series_id": data.cash["dev"].astype(str), "time": data.cash["time"],
                             "cash": data.cash["cash"]})
    now = latest_readings(readings, as_of, rules.lookback)
    now = now[~now["stale"]].set_index("series_id")["read_at"]
    codes = pd.Index(np.arange(len(data.devices)).astype(str))
    return now.reindex(codes).to_numpy(dtype="datetime64[ns]")


def _fault_details(data: FleetData, as_of: pd.Timestamp, rules: FleetRules) -> pd.DataFrame:
    """Per device code: open fault components and since when, and the last fault before t."""
    faults = data.faults[data.faults["start"] <= as_of]
    last = faults.sort_values("start").groupby("dev").last()
    details = pd.DataFrame({"last_fault": last["start"],
                            "last_fault_component": last["component"]})
    is_open = faults["end"].isna() | (faults["end"] > as_of)
    open_ = faults[is_open & ~faults["component"].isin(rules.ignore_components)]
    open_ = open_.sort_values("start")
    grouped = open_.groupby("dev")
    details = details.join(pd.DataFrame({
        "open_faults": grouped["component"].agg(lambda c: ", ".join(dict.fromkeys(c))),
        "fault_since": grouped["start"].min(),
    }), how="outer")
    return details.reindex(np.arange(len(data.devices))).astype(
        {"last_fault": "datetime64[ns]", "fault_since": "datetime64[ns]"})


def _low_cash_since(
    data: FleetData, as_of: pd.Timestamp, threshold: np.ndarray, rules: FleetRules
) -> pd.Series:
    """First reading of the current run of readings below today's threshold, per device."""
    recent = data.cash[data.cash["time"].between(as_of - rules.lookback, as_of)]
    below = recent["cash"].to_numpy() < threshold[recent["dev"].to_numpy(dtype=np.int64)]
    recent = recent.assign(below=below)
    last_ok = recent[~recent["below"]].groupby("dev")["time"].max()
    after = recent["time"] > last_ok.reindex(recent["dev"]).fillna(pd.Timestamp.min).to_numpy()
    first = recent[recent["below"] & after].groupby("dev")["time"].min()
    return first.reindex(np.arange(len(data.devices))).astype("datetime64[ns]")


def _reasons(table: pd.DataFrame, as_of: pd.Timestamp, rules: FleetRules) -> list[str]:
    check = _time(as_of)
    reasons: list[str] = []
    for row in table.itertuples():
        parts: list[Message] = []
        if row.offline:
            if pd.isna(row.last_seen):
                parts.append(QT_TRANSLATE_NOOP(
                    "Core", "offline: no telemetry in the {days:g} days before {check}").format(
                        days=rules.lookback_days, check=check))
            else:
                parts.append(QT_TRANSLATE_NOOP(
                    "Core", "offline: last telemetry {seen}, {hours:.1f} h before the check at "
                    "{check} (limit {limit:g} h)").format(
                        seen=_time(row.last_seen), hours=(as_of - row.last_seen) / pd.Timedelta(
                            hours=1), check=check, limit=rules.offline_after_minutes / 60))
        if row.fault:
            parts.append(QT_TRANSLATE_NOOP("Core", "fault: {components} open since {since}")
                         .format(components=row.open_faults, since=_time(row.fault_since)))
        if row.low_cash:
            parts.append(_low_cash_reason(row, rules))
        reasons.append(joined(parts, "; ") if parts else
                       QT_TRANSLATE_NOOP("Core", "ok at {check}").format(check=check))
    return reasons


def _low_cash_reason(row: Any, rules: FleetRules) -> Message:
    if row.cash_level <= 0:
        return QT_TRANSLATE_NOOP("Core", "cash out: no cash left")
    limits: list[Message] = []
    if rules.low_cash_amount is not None and row.cash_level < rules.low_cash_amount:
        limits.append(QT_TRANSLATE_NOOP("Core", "the minimum {amount:,.0f}").format(
            amount=rules.low_cash_amount))
    if rules.low_cash_pct is not None and row.cash_level < row.capacity * rules.low_cash_pct / 100:
        limits.append(QT_TRANSLATE_NOOP("Core", "{percent:g}% of capacity {capacity:,.0f}")
                      .format(percent=rules.low_cash_pct, capacity=row.capacity))
    if rules.low_cash_days is not None and row.cash_level < row.demand_per_day * \
            rules.low_cash_days:
        limits.append(QT_TRANSLATE_NOOP("Core", "{days:g} day(s) of demand ({demand:,.0f}/day)")
                      .format(days=rules.low_cash_days, demand=row.demand_per_day))
    if not limits:
        return QT_TRANSLATE_NOOP("Core", "low cash: {cash:,.0f} left").format(cash=row.cash_level)
    return QT_TRANSLATE_NOOP("Core", "low cash: {cash:,.0f} left, below {limits}").format(
        cash=row.cash_level,
        limits=chained(limits, QT_TRANSLATE_NOOP("Core", "{first} and {second}")))


def _time(stamp: pd.Timestamp) -> str:
    return stamp.strftime("%Y-%m-%d %H:%M UTC")


def _number(value: float, digits: int) -> float | None:
    return None if value is None or not np.isfinite(value) else round(float(value), digits)
