"""Days to cash-out per ATM and a replenishment plan, from a demand forecast and its uncertainty.

Cumulative demand from the day after the forecast origin is the running total of the daily
forecast; its bounds come from the conformal quantiles of cumulative backtest errors (see
:class:`.intervals.Calibration`), not from adding up daily bounds, which would overstate them.
An ATM runs out on the first day its cumulative demand exceeds the cash it holds at the origin:
at the median forecast, early (demand at the upper quantile of the service level) and late.

The plan keeps each ATM's probability of running out before the next visit below
``1 - service_level``: an ATM is loaded on the morning of the first day on which its cumulative
demand at that quantile since the last visit would exceed the cash in it, filled up to cassette
capacity, and the walk goes on from there to the end of the planning horizon.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.forecast.service import ForecastResult
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message

#: What the cash and capacity checks call the cash level in their messages.
CASH_LEVEL = QT_TRANSLATE_NOOP("Core", "cash level")

#: The ``reason`` of a plan row: English text in the table and its exports, translatable on screen.
REASONS: dict[str, Message] = {
    "runs_out": QT_TRANSLATE_NOOP("Core", "cash at the service level runs out"),
    "at_risk": QT_TRANSLATE_NOOP("Core", "at risk before first visit"),
    "capacity": QT_TRANSLATE_NOOP("Core", "capacity cannot cover the demand until the next day"),
}


def current_cash(frame: pd.DataFrame, *, id_col: str, time_col: str, cash_col: str) -> pd.Series:
    """Each series' last recorded cash level (e.g. ``cash_level_end`` of the withdrawals data)."""
    for column in (id_col, time_col, cash_col):
        if column not in frame.columns:
            raise InputError(QT_TRANSLATE_NOOP("Core", "the table has no such column"),
                             column=column)
    known = frame[[id_col, time_col, cash_col]].dropna(subset=[cash_col])
    known = known.sort_values([id_col, time_col])
    last = known.groupby(known[id_col].astype(str))[cash_col].last()
    return pd.to_numeric(last, errors="coerce").astype(float).rename("cash")


def _per_series(values: float | Mapping | pd.Series, ids: list[str],
                what: Message) -> np.ndarray:
    if isinstance(values, (int, float, np.number)):
        return np.full(len(ids), float(values))
    mapping = pd.Series(values, dtype=float)
    mapping.index = mapping.index.astype(str)
    missing = [i for i in ids if i not in mapping.index or not np.isfinite(mapping.get(i))]
    if missing:
        shown = ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
        raise InputError(QT_TRANSLATE_NOOP("Core", "No {what} for series {series}.").format(
            what=what, series=shown))
    result = mapping.reindex(ids).to_numpy(dtype=float)
    if (result < 0).any():
        bad = ids[int(np.flatnonzero(result < 0)[0])]
        raise InputError(QT_TRANSLATE_NOOP("Core", "Negative {what} for series {series!r}.")
                         .format(what=what, series=bad))
    return result


def _check_level(service_level: float) -> float:
    if not 0.5 <= service_level < 1:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "The service level must be between 0.5 and 1 (e.g. 0.95), not {value!r}.")
            .format(value=service_level))
    return float(service_level)


def _daily(result: ForecastResult) -> tuple[list[str], np.ndarray, pd.DatetimeIndex]:
    ids = result.series_ids
    table = result.forecast.pivot(index="series_id", columns="date", values="forecast")
    table = table.reindex(ids)
    demand = np.maximum(table.to_numpy(dtype=float), 0.0) if result.non_negative else \
        table.to_numpy(dtype=float)
    return ids, demand, pd.DatetimeIndex(table.columns)


def _first_exceeding(cumulative: np.ndarray, cash: np.ndarray) -> np.ndarray:
    """Per row, the 1-based first day whose cumulative demand exceeds the cash (0 = never)."""
    over = cumulative > cash[:, None]
    return np.where(over.any(axis=1), over.argmax(axis=1) + 1, 0)


def days_to_cashout(
    result: ForecastResult,
    cash: Mapping[str, float] | pd.Series,
    *,
    service_level: float = 0.95,
) -> pd.DataFrame:
    """Per series: the day cash runs out at the median forecast and at the service-level bounds.

    Columns: ``series_id, cash, days_median, date_median, days_early, date_early, days_late,
    date_late`` (days counted from the first forecast day as day 1; empty when cash lasts beyond
    the horizon) and ``beyond_horizon`` (the median demand does not exhaust the cash).
    """
    level = _check_level(service_level)
    ids, demand, dates = _daily(result)
    cash_values = _per_series(cash, ids, CASH_LEVEL)
    scale = result.scale.reindex(ids).to_numpy()
    cumulative = np.cumsum(demand, axis=1)
    steps = cumulative.shape[1]
    upper = result.calibration.quantiles(level, cumulative=True)[:steps]
    lower = result.calibration.quantiles(1 - level, cumulative=True)[:steps]
    early = np.maximum.accumulate(np.maximum(cumulative + upper * scale[:, None], cumulative),
                                  axis=1)
    late = np.maximum.accumulate(np.minimum(cumulative + lower * scale[:, None], cumulative),
                                 axis=1)
    table = pd.DataFrame({"series_id": ids, "cash": cash_values})
    for name, path in (("median", cumulative), ("early", early), ("late", late)):
        day = _first_exceeding(path, cash_values)
        table[f"days_{name}"] = pd.array(np.where(day > 0, day, 0), dtype="Int64")
        table.loc[day == 0, f"days_{name}"] = pd.NA
        table[f"date_{name}"] = pd.Series(
            [dates[d - 1] if d > 0 else pd.NaT for d in day], dtype="datetime64[ns]"
        )
    table["beyond_horizon"] = table["days_median"].isna()
    return table


def replenishment_plan(
    result: ForecastResult,
    cash: Mapping[str, float] | pd.Series,
    capacity: float | Mapping[str, float] | pd.Series,
    *,
    horizon: int | None = None,
    service_level: float = 0.95,
    first_visit_day: int = 1,
    round_to: float = 0.0,
) -> pd.DataFrame:
    """Which ATM to load on which day and how much, over the first ``horizon`` forecast days.

    ``capacity`` is the cassette capacity (one number or per series), ``first_visit_day`` the
    earliest forecast day a crew can come (1 = the first forecast day) and ``round_to`` rounds
    loads down to a multiple (e.g. a bundle of notes). Each row: ``series_id, date, day, load,
    expected_cash_before, cash_after, reason``; an ATM whose cash is expected to run out before
    the first possible visit is marked ``at risk before first visit``. Export with
    ``to_csv``.
    """
    level = _check_level(service_level)
    ids, demand, dates = _daily(result)
    steps = demand.shape[1] if horizon is None else int(horizon)
    if not 1 <= steps <= demand.shape[1]:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "The planning horizon must be 1 to {days} days, not {value!r}.").format(
                days=demand.shape[1], value=horizon))
    if not 1 <= first_visit_day <= steps:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "The first visit day must be within the {days}-day horizon.").format(
                days=steps))
    cash_values = _per_series(cash, ids, CASH_LEVEL)
    capacities = _per_series(capacity, ids, QT_TRANSLATE_NOOP("Core", "cassette capacity"))
    scale = result.scale.reindex(ids).to_numpy()
    upper = np.maximum(result.calibration.quantiles(level, cumulative=True), 0.0)
    cumulative = np.concatenate([np.zeros((len(ids), 1)), np.cumsum(demand, axis=1)], axis=1)
    rows = []
    for index, series_id in enumerate(ids):
        available, since = cash_values[index], 0
        while True:
            ahead = np.arange(since + 1, steps + 1)
            spent = cumulative[index, ahead] - cumulative[index, since]
            risky = spent + upper[ahead - since - 1] * scale[index]
            over = np.flatnonzero(risky > available)
            if over.size == 0:
                break
            day = int(ahead[over[0]])
            reason = REASONS["runs_out"]
            if day < first_visit_day:
                reason = REASONS["at_risk"]
            day = max(day, first_visit_day, since + 1)
            remaining = max(available - (cumulative[index, day - 1] - cumulative[index, since]),
                            0.0)
            load = max(capacities[index] - remaining, 0.0)
            if round_to > 0:
                load = np.floor(load / round_to) * round_to
            if load <= 0:
                reason = REASONS["capacity"]
            rows.append({
                "series_id": series_id, "date": dates[day - 1], "day": day,
                "load": float(load), "expected_cash_before": float(remaining),
                "cash_after": float(remaining + load), "reason": reason,
            })
            if load <= 0:
                break
            available, since = remaining + load, day - 1
    columns = ["series_id", "date", "day", "load", "expected_cash_before", "cash_after", "reason"]
    plan = pd.DataFrame(rows, columns=columns)
    # object dtype: pandas would turn the translatable Messages into plain str.
    plan["reason"] = pd.Series([row["reason"] for row in rows], index=plan.index, dtype=object)
    return plan
