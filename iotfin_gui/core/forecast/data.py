"""Long tables to a regular daily grid per series, with missing days kept apart from zero days.

A :class:`Panel` holds every series on one shared daily calendar as a 2-D float array (series x
days). A day that was not recorded is ``NaN``; a recorded zero stays ``0.0``. Models fit on an
imputed copy (:func:`impute`), but metrics are only ever computed on recorded actuals.

The forecast origin is the last date in the data: a series that stops earlier has its trailing
days treated as missing, and a warning says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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
    #: Where the rows came from (a stored dataset's files), so that a cluster worker can read
    #: them itself instead of receiving ``values`` (see :mod:`.stored`); None for a table.
    source: Any = field(default=None, compare=False, repr=False)

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
        position = {name: row for row, name in enumerate(self.ids)}
        unknown = next((i for i in ids if i not in position), None)
        if unknown is not None:
            raise ValueError(f"{unknown!r} is not a series of the panel")
        index = [position[i] for i in ids]
        return Panel(tuple(ids), self.dates, self.values[index], self.warnings)

    def remote_form(self) -> Any:
        """What a cluster worker needs to make this panel itself: its source, or None."""
        return self.source


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
    series_ids, codes = _series_codes(ids)
    days = dates.to_numpy().astype("datetime64[D]").astype("int64")
    first = int(days.min())
    calendar = pd.date_range(pd.Timestamp(first, unit="D"), pd.Timestamp(int(days.max()), unit="D"),
                             freq="D", unit="ns")
    codes, days, values = _resolve_duplicates(codes, days - first, values, duplicates, series_ids,
                                              calendar)
    array = np.full((len(series_ids), len(calendar)), np.nan)
    array[codes, days] = values
    observed = np.isfinite(array).sum(axis=1)
    if (observed < MIN_OBSERVED_DAYS).any():
        row = int(np.flatnonzero(observed < MIN_OBSERVED_DAYS)[0])
        name, count = series_ids[row], int(observed[row])
        if count == 0:
            raise InputError(QT_TRANSLATE_NOOP("Core", "series {series!r} has no recorded "
                                               "values").format(series=name), column=value_col)
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "series {series!r} has only {count} recorded day(s); forecasting needs "
            "at least {needed}").format(series=name, count=count, needed=MIN_OBSERVED_DAYS),
            column=value_col)
    last_seen = len(calendar) - 1 - np.argmax(np.isfinite(array[:, ::-1]), axis=1)
    warnings = tuple(
        QT_TRANSLATE_NOOP(
            "Core", "series {series!r} ends on {end}, before the forecast origin {origin}; its "
            "last {days} day(s) count as missing").format(
                series=series_ids[row], end=str(calendar[last_seen[row]].date()),
                origin=str(calendar[-1].date()), days=int(len(calendar) - 1 - last_seen[row]))
        for row in np.flatnonzero(last_seen < len(calendar) - 1)
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


def _series_codes(ids: pd.Series) -> tuple[tuple[str, ...], np.ndarray]:
    """The series' names (the ids as text, sorted) and each row's index into them, without a
    Python string per row (a fleet's 7 million rows hold only its 10,000 names)."""
    codes, uniques = pd.factorize(ids)
    names, renumber = np.unique(np.asarray(uniques.astype(str), dtype=object),
                                return_inverse=True)
    return tuple(str(name) for name in names), renumber[codes]


def _resolve_duplicates(codes: np.ndarray, days: np.ndarray, values: np.ndarray, rule: str,
                        series_ids: tuple[str, ...], calendar: pd.DatetimeIndex
                        ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The rows with at most one per series and day: duplicates refused (``error``) or
    combined by ``rule``."""
    key = codes.astype("int64") * len(calendar) + days
    if np.bincount(key, minlength=len(series_ids) * len(calendar)).max() <= 1:
        return codes, days, values  # linear: sorting or hashing 7 million keys took ~40 s
    duplicated = pd.Series(key).duplicated(keep=False).to_numpy()
    if rule == "error":
        row = int(np.flatnonzero(duplicated)[0])
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "series {series!r} has more than one row for {date} ({count} rows share a "
            "series and date); aggregate them first or choose a rule for duplicates (sum, mean, "
            "last)").format(series=series_ids[codes[row]], date=str(calendar[days[row]].date()),
                            count=int(duplicated.sum())))
    grouped = pd.Series(values).groupby(key, sort=False)
    if rule == "last":
        combined = grouped.last()
    elif rule == "sum":
        combined = grouped.sum(min_count=1)
    else:
        combined = grouped.mean()
    unique_keys = combined.index.to_numpy()
    return (unique_keys // len(calendar)), unique_keys % len(calendar), combined.to_numpy()


def impute(values: np.ndarray, window_weeks: int = 4) -> np.ndarray:
    """A copy of ``values`` with every missing day filled, for fitting only.

    A missing day takes the median of the same weekday within ``window_weeks`` weeks either side;
    where there is none, the median of that weekday over the series, then the series median,
    then 0. Only ``values`` is read, so at a backtest origin nothing after the origin leaks in.
    """
    filled = values.copy()
    if np.isfinite(filled).all():
        return filled
    series_median = _nanmedian(values)
    series_median = np.where(np.isfinite(series_median), series_median, 0.0)
    for weekday_start in range(7):
        block = filled[:, weekday_start::7]
        if np.isfinite(block).all():
            continue
        rolled = _centred_nanmedian(block, 2 * window_weeks + 1)
        weekday_median = _nanmedian(block)
        fallback = np.where(np.isfinite(weekday_median), weekday_median, series_median)
        candidate = np.where(np.isfinite(rolled), rolled, fallback[:, None])
        filled[:, weekday_start::7] = np.where(np.isfinite(block), block, candidate)
    return filled


def _centred_nanmedian(block: np.ndarray, window: int) -> np.ndarray:
    """Per row, the median of the recorded values in a centred ``window`` (odd) around each
    column, ``NaN`` where there are none: pandas' centred rolling median with
    ``min_periods=1``, for every row at once (a fleet of 10,000 ATMs is one array operation,
    not 10,000 rolling windows). Only the rows with a missing value are computed."""
    rolled = np.full(block.shape, np.nan)
    rows = np.flatnonzero(~np.isfinite(block).all(axis=1))
    reach = window // 2
    for start in range(0, rows.size, _MEDIAN_ROWS):
        chosen = rows[start:start + _MEDIAN_ROWS]
        padded = np.pad(block[chosen], ((0, 0), (reach, reach)), constant_values=np.nan)
        rolled[chosen] = _nanmedian(np.lib.stride_tricks.sliding_window_view(padded, window,
                                                                             axis=1))
    return rolled


def _nanmedian(values: np.ndarray) -> np.ndarray:
    """The median of the recorded values along the last axis (``NaN`` where there are none),
    as ``np.nanmedian`` gives it, by one sort of the whole array instead of a loop over rows."""
    ordered = np.sort(values, axis=-1)  # NaN sorts last
    count = np.isfinite(ordered).sum(axis=-1, keepdims=True)
    low = np.take_along_axis(ordered, np.maximum(count - 1, 0) // 2, axis=-1)[..., 0]
    high = np.take_along_axis(ordered, np.minimum(count // 2, values.shape[-1] - 1),
                              axis=-1)[..., 0]
    return np.where(count[..., 0] > 0, (low + high) / 2, np.nan)


#: Rows whose rolling medians are computed at once (bounds the windows' temporary copy).
_MEDIAN_ROWS = 2048
