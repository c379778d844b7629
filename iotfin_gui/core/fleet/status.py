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

from iotfin_gui.core.fleet.cash_now import days_to_cash_out
from iotfin_gui.core.fleet.evaluate import Evaluation
from iotfin_gui.core.fleet.replay import replay_index
from iotfin_gui.core.fleet.rules import FLAGGED, STATUSES, FleetRules, chained, load_rules
from iotfin_gui.core.fleet.sources import (
    FleetData,
    FleetSources,
    default_as_of,
    load_fleet_data,
    load_sources,
    parse_time,
    resolve_sources,
    simulated_now,
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
        when = default_as_of(store, resolved)
        simulated = simulated_now(store, resolved) is not None
        origin = "demo.as_of" if simulated else "latest data"
    else:
        when, origin = parse_time(as_of, "as-of time"), "given"
    if data is None or not _covers(data, when):
        data = load_fleet_data(store, sources, start=when, end=when, lookback=rules.lookback,
                               demand_days=rules.demand_window_days, resolved=resolved)
    return status_at(data, when, rules, as_of_source=origin)


def status_at(
    data: FleetData, as_of: pd.Timestamp, rules: FleetRules, *, as_of_source: str = "given"
) -> FleetStatus:
    """The fleet status from already loaded data (no store access). The first call on ``data``
    sorts it once (:mod:`.replay`); each later call costs O(ATMs log rows)."""
    result = replay_index(data).evaluate(data, as_of, rules)
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
    """When each ATM's cash now was read (:mod:`.cash_now`'s latest reading; NaT: no reading in
    the look-back, or a stale one)."""
    return replay_index(data).cash_now(as_of, rules.lookback)[1]


def _fault_details(data: FleetData, as_of: pd.Timestamp, rules: FleetRules) -> pd.DataFrame:
    """Per device code: open fault components and since when, and the last fault before t."""
    return replay_index(data).fault_details(data, as_of, rules)


def _low_cash_since(
    data: FleetData, as_of: pd.Timestamp, threshold: np.ndarray, rules: FleetRules
) -> pd.Series:
    """First reading of the current run of readings below today's threshold, per device."""
    return pd.Series(replay_index(data).low_cash_since(as_of, threshold, rules.lookback),
                     dtype="datetime64[ns]")


#: The reasons' sentences (made once: a step writes thousands of reasons).
OK_AT = QT_TRANSLATE_NOOP("Core", "ok at {check}")
NO_TELEMETRY = QT_TRANSLATE_NOOP("Core", "offline: no telemetry in the {days:g} days before "
                                 "{check}")
LAST_TELEMETRY = QT_TRANSLATE_NOOP("Core", "offline: last telemetry {seen}, {hours:.1f} h before "
                                   "the check at {check} (limit {limit:g} h)")
FAULT_OPEN = QT_TRANSLATE_NOOP("Core", "fault: {components} open since {since}")
CASH_OUT = QT_TRANSLATE_NOOP("Core", "cash out: no cash left")
BELOW_MINIMUM = QT_TRANSLATE_NOOP("Core", "the minimum {amount:,.0f}")
BELOW_PERCENT = QT_TRANSLATE_NOOP("Core", "{percent:g}% of capacity {capacity:,.0f}")
BELOW_DAYS = QT_TRANSLATE_NOOP("Core", "{days:g} day(s) of demand ({demand:,.0f}/day)")
LOW_CASH = QT_TRANSLATE_NOOP("Core", "low cash: {cash:,.0f} left")
LOW_CASH_BELOW = QT_TRANSLATE_NOOP("Core", "low cash: {cash:,.0f} left, below {limits}")
AND = QT_TRANSLATE_NOOP("Core", "{first} and {second}")


def _reasons(table: pd.DataFrame, as_of: pd.Timestamp, rules: FleetRules) -> list[str]:
    """Each ATM's reasons; only flagged ATMs need a loop (plain arrays, not row objects)."""
    check = _time(as_of)
    ok = OK_AT.format(check=check)
    reasons: list[str] = [ok] * len(table)
    flagged = (table["offline"] | table["fault"] | table["low_cash"]).to_numpy()
    rows = table[flagged]
    hours = ((as_of - rows["last_seen"]) / pd.Timedelta(hours=1)).to_numpy()
    columns = (rows["offline"].to_numpy(), rows["last_seen"].isna().to_numpy(),
               _times(rows["last_seen"]), hours, rows["fault"].to_numpy(),
               rows["open_faults"].to_numpy(dtype=object), _times(rows["fault_since"]),
               rows["low_cash"].to_numpy(), rows["cash_level"].to_numpy(dtype=float),
               rows["capacity"].to_numpy(dtype=float),
               rows["demand_per_day"].to_numpy(dtype=float))
    never_seen = NO_TELEMETRY.format(days=rules.lookback_days, check=check)
    limits = _Limits(rules)
    for place, (offline, never, seen, gap, fault, components, since, low, cash, capacity,
                demand) in zip(np.flatnonzero(flagged), zip(*columns, strict=True),
                               strict=True):
        parts: list[Message] = []
        if offline:
            parts.append(never_seen if never else LAST_TELEMETRY.format(
                seen=seen, hours=gap, check=check, limit=rules.offline_after_minutes / 60))
        if fault:
            parts.append(FAULT_OPEN.format(components=components, since=since))
        if low:
            parts.append(limits.reason(cash, capacity, demand))
        reasons[place] = parts[0] if len(parts) == 1 else joined(parts, "; ")
    return reasons


class _Limits:
    """The low-cash sentence of one ATM under ``rules``; the sentences that do not depend on
    the ATM (or only on its capacity) are written once."""

    def __init__(self, rules: FleetRules) -> None:
        self.rules = rules
        self.minimum = None if rules.low_cash_amount is None else BELOW_MINIMUM.format(
            amount=rules.low_cash_amount)
        self.percent: dict[float, Message] = {}

    def reason(self, cash: float, capacity: float, demand: float) -> Message:
        rules = self.rules
        if cash <= 0:
            return CASH_OUT
        limits: list[Message] = []
        if self.minimum is not None and cash < rules.low_cash_amount:
            limits.append(self.minimum)
        if rules.low_cash_pct is not None and cash < capacity * rules.low_cash_pct / 100:
            if capacity not in self.percent:
                self.percent[capacity] = BELOW_PERCENT.format(percent=rules.low_cash_pct,
                                                              capacity=capacity)
            limits.append(self.percent[capacity])
        if rules.low_cash_days is not None and cash < demand * rules.low_cash_days:
            limits.append(BELOW_DAYS.format(days=rules.low_cash_days, demand=demand))
        if not limits:
            return LOW_CASH.format(cash=cash)
        return LOW_CASH_BELOW.format(cash=cash, limits=chained(limits, AND))


def _times(stamps: pd.Series) -> np.ndarray:
    """:func:`_time` of each stamp, at once ("NaT" where missing)."""
    text = np.datetime_as_string(stamps.to_numpy(dtype="datetime64[ns]"), unit="m")
    return np.array([f"{t.replace('T', ' ')} UTC" for t in text], dtype=object)


def _time(stamp: pd.Timestamp) -> str:
    return stamp.strftime("%Y-%m-%d %H:%M UTC")


def _number(value: float, digits: int) -> float | None:
    return None if value is None or not np.isfinite(value) else round(float(value), digits)
