"""Long tables to a regular daily grid per series, with missing days kept apart from zero days.

A :class:`Panel` holds every series on one shared daily calendar as a 2-D float array (series x
days). A day that was not recorded is ``NaN``; a recorded zero stays ``0.0``. Models fit on an
imputed copy (:func:`impute`), but metrics are only ever computed on recorded actuals.

The forecast origin is the last date in the data: a series that stops earlier has its trailing
days treated as missing, and a warning says so.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP

#: A series needs at least this many recorded days to be forecast at all.
MIN_OBSERVED_DAYS = 14

DUPLICATE_RULES = ("error", "sum", "mean", "last")


@dataclass(frozen=True)
class Panel:
    """Daily series on one calendar: ``values[i, t]`` is series ``ids[i]`` on ``dates[t]``."""

    ids: tuple[str, ...]
    dates: pd.DatetimeIndex
    values: np.ndarray
    warnings: tuple[str, ...] = field(default=())

    @property
    def n_series(self) -> int:
        return len(self.ids)

    @property
    def length(self) -> int:
        return len(self.dates)

    @property
    def non_negative(self) -> bool:
        """True when no recorded value is negative (forecasts and bounds are then clipped at 0)."""
        return bool(np.nanmin(self.values) >= 0) if np.isfinite(self.values).any() else True

    def head(self, length: int) -> Panel:
        """The first ``length`` days: what was known at a backtest origin."""
        return Panel(self.ids, self.dates[:length], self.values[:, :length])

    def select(self, ids: list[str]) -> Panel:
        index = [self.ids.index(i) for i in ids]
        return Panel(tuple(ids), self.dates, self.values[index], self.warnings)


def to_panel(
    frame: pd.DataFrame,
    *,
    id_col: str,
    time_col: str,
    value_col: str,
    duplicates: str = "error",
) -> Panel:
    """Validate a long table and put it on a regular daily grid.

    Raises :class:`InputError` naming the column or series for an empty table, missing columns,
    unreadable dates or numbers, duplicate dates (unless ``duplicates`` is ``sum``, ``mean`` or
    ``last``) and series with fewer than :data:`MIN_OBSERVED_DAYS` recorded days.
    """
    if duplicates not in DUPLICATE_RULES:
        raise ValueError(f"duplicates must be one of {DUPLICATE_RULES}")
    roles = ((QT_TRANSLATE_NOOP("Core", "series id"), id_col),
             (QT_TRANSLATE_NOOP("Core", "date"), time_col),
             (QT_TRANSLATE_NOOP("Core", "value"), value_col))
    for role, column in roles:
        if column not in frame.columns:
            raise InputError(QT_TRANSLATE_NOOP(
                "Core", "the table has no {role} column (columns: {columns})").format(
                    role=role, columns=list(frame.columns)), column=column)
    if frame.empty:
        raise InputError(QT_TRANSLATE_NOOP("Core", "the table has no rows to forecast"),
                         column=value_col)
    ids = frame[id_col]
    if ids.isna().any():
        raise InputError(QT_TRANSLATE_NOOP("Core", "{rows} row(s) have no series id").format(
            rows=int(ids.isna().sum())), column=id_col)
    dates = _parse_dates(frame[time_col], time_col)
    values = _parse_numbers(frame[value_col], value_col)
    long = pd.DataFrame({"id": ids.astype(str).to_numpy(), "date": dates, "value": values})
    long = _resolve_duplicates(long, duplicates)
    table = long.pivot(index="id", columns="date", values="value")
    calendar = pd.date_range(table.columns.min(), table.columns.max(), freq="D")
    table = table.reindex(columns=calendar)
    array = table.to_numpy(dtype="float64", copy=True)
    series_ids = tuple(str(i) for i in table.index)
    observed = np.isfinite(array).sum(axis=1)
    for name, count in zip(series_ids, observed, strict=True):
        if count == 0:
            raise InputError(QT_TRANSLATE_NOOP("Core", "series {series!r} has no recorded "
                                               "values").format(series=name), column=value_col)
        if count < MIN_OBSERVED_DAYS:
            raise InputError(QT_TRANSLATE_NOOP(
                "Core", "series {series!r} has only {count} recorded day(s); forecasting needs "
                "at least {needed}").format(series=name, count=int(count),
                                            needed=MIN_OBSERVED_DAYS), column=value_col)
    last_seen = np.array([np.flatnonzero(np.isfinite(row))[-1] for row in array])
    warnings = tuple(
        QT_TRANSLATE_NOOP(
            "Core", "series {series!r} ends on {end}, before the forecast origin {origin}; its "
            "last {days} day(s) count as missing").format(
                series=name, end=str(calendar[last].date()), origin=str(calendar[-1].date()),
                days=int(len(calendar) - 1 - last))
        for name, last in zip(series_ids, last_seen, strict=True)
        if last < len(calendar) - 1
    )
    return Panel(series_ids, calendar, array, warnings)


def _parse_dates(column: pd.Series, name: str) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(column):
        parsed = column
    else:
        parsed = pd.to_datetime(column, errors="coerce", format="mixed")
        bad = parsed.isna() & column.notna()
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0])
            raise InputError(QT_TRANSLATE_NOOP("Core", "cannot read {value!r} as a date").format(
                value=column.iloc[row]), row=row, column=name)
    if parsed.isna().any():
        raise InputError(QT_TRANSLATE_NOOP("Core", "{rows} row(s) have no date").format(
            rows=int(parsed.isna().sum())), column=name)
    if getattr(parsed.dt, "tz", None) is not None:
        parsed = parsed.dt.tz_localize(None)
    return parsed.dt.normalize().astype("datetime64[ns]")


def _parse_numbers(column: pd.Series, name: str) -> np.ndarray:
    if pd.api.types.is_bool_dtype(column):
        raise InputError(QT_TRANSLATE_NOOP("Core", "the value column holds true/false values, "
                                           "not amounts"), column=name)
    parsed = pd.to_numeric(column, errors="coerce")
    bad = parsed.isna() & column.notna()
    if pd.api.types.is_object_dtype(column) or pd.api.types.is_string_dtype(column):
        bad &= column.astype(str).str.strip().ne("")
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise InputError(QT_TRANSLATE_NOOP("Core", "cannot read {value!r} as a number").format(
            value=column.iloc[row]), row=row, column=name)
    result = parsed.to_numpy(dtype="float64", na_value=np.nan)
    if np.isinf(result).any():
        row = int(np.flatnonzero(np.isinf(result))[0])
        raise InputError(QT_TRANSLATE_NOOP("Core", "infinite value"), row=row, column=name)
    return result


def _resolve_duplicates(long: pd.DataFrame, rule: str) -> pd.DataFrame:
    duplicated = long.duplicated(["id", "date"], keep=False)
    if not duplicated.any():
        return long
    if rule == "error":
        first = long[duplicated].iloc[0]
        count = int(duplicated.sum())
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "series {series!r} has more than one row for {date} ({count} rows share a "
            "series and date); aggregate them first or choose a rule for duplicates (sum, mean, "
            "last)").format(series=first["id"], date=str(first["date"].date()), count=count))
    grouped = long.groupby(["id", "date"], sort=False)["value"]
    if rule == "last":
        values = grouped.last()
    elif rule == "sum":
        values = grouped.sum(min_count=1)
    else:
        values = grouped.mean()
    return values.reset_index()


def impute(values: np.ndarray, window_weeks: int = 4) -> np.ndarray:
    """A copy of ``values`` with every missing day filled, for fitting only.

    A missing day takes the median of the same weekday within ``window_weeks`` weeks either side;
    where there is none, the median of that weekday over the series, then the series median,
    then 0. Only ``values`` is read, so at a backtest origin nothing after the origin leaks in.
    """
    filled = values.copy()
    if np.isfinite(filled).all():
        return filled
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        series_median = np.nanmedian(values, axis=1)
    series_median = np.where(np.isfinite(series_median), series_median, 0.0)
    for weekday_start in range(7):
        block = filled[:, weekday_start::7]
        if np.isfinite(block).all():
            continue
        rolled = (
            pd.DataFrame(block.T)
            .rolling(2 * window_weeks + 1, center=True, min_periods=1)
            .median()
            .to_numpy()
            .T
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            weekday_median = np.nanmedian(block, axis=1)
        fallback = np.where(np.isfinite(weekday_median), weekday_median, series_median)
        candidate = np.where(np.isfinite(rolled), rolled, fallback[:, None])
        filled[:, weekday_start::7] = np.where(np.isfinite(block), block, candidate)
    return filled
