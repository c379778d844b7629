"""Timestamp columns: guessing ONE format per column, and parsing a column with it into UTC.

A column is never parsed value by value with different formats. :func:`guess_format` tries each
known format on a sample and keeps the one that reads the most values; when day-first and
month-first read equally well (every day is 12 or less) the guess is *ambiguous* and the caller
must ask the user (``dayfirst``). Naive times are taken to be in the source time zone and
converted to UTC; times that do not exist or are ambiguous there (DST) are reported, not guessed.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from iotfin_gui.core.errors import InputError

ISO = "ISO8601"
EPOCH_S = "epoch_s"
EPOCH_MS = "epoch_ms"
DATE_FORMATS = (
    "%Y/%m/%d", "%Y.%m.%d", "%d.%m.%Y", "%d/%m/%Y", "%m/%d/%Y", "%d-%m-%Y", "%m-%d-%Y",
    "%Y年%m月%d日",
)
TIME_SUFFIXES = ("", " %H:%M", " %H:%M:%S", " %H:%M:%S.%f")
_DATE_LIKE = re.compile(r"^\s*\d{1,4}[-/.年]\d{1,2}[-/.月]\d{1,4}")
_ISO_RE = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?\s?(?:Z|[+-]\d{2}:?\d{2})?$"
)
_OFFSET = r"(?:Z|[+-]\d{2}:?\d{2})$"
TIME_NAME = re.compile(r"time|date|^ts$|_ts$|^ts_|epoch|时间|日期", re.IGNORECASE)
_MIN_SHARE = 2 / 3
_YEARS = (pd.Timestamp("1970-01-01"), pd.Timestamp("2100-01-01"))


@dataclass(frozen=True)
class TimestampGuess:
    """The format that reads a column best; several ``candidates`` mean it is ambiguous."""

    candidates: tuple[str, ...]

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1

    @property
    def format(self) -> str | None:
        return None if self.ambiguous else self.candidates[0]

    def resolve(self, dayfirst: bool | None) -> str | None:
        """The format to use given the user's day-first answer (None while still ambiguous)."""
        if not self.ambiguous:
            return self.candidates[0]
        if dayfirst is None:
            return None
        for fmt in self.candidates:
            if fmt.startswith("%d") == dayfirst:
                return fmt
        return None


def guess_format(values: Sequence[str], name: str = "") -> TimestampGuess | None:
    """The timestamp format of a column from a sample of its (non-empty, stripped) texts."""
    sample = [v for v in values if v][:2000]
    if not sample:
        return None
    if TIME_NAME.search(name) and all(re.fullmatch(r"\d{9,13}(\.\d+)?", v) for v in sample):
        numbers = np.array(sample, dtype=np.float64)
        if ((numbers >= 1e8) & (numbers < 1e10)).all():
            return TimestampGuess((EPOCH_S,))
        if ((numbers >= 1e11) & (numbers < 1e13)).all():
            return TimestampGuess((EPOCH_MS,))
        return None
    series = pd.Series(sample, dtype=object)
    if sum(1 for v in sample if _ISO_RE.match(v)) >= _MIN_SHARE * len(sample):
        parsed = pd.to_datetime(series, format=ISO, errors="coerce", utc=True)
        if parsed.notna().sum() >= _MIN_SHARE * len(sample):
            return TimestampGuess((ISO,))
    if not _DATE_LIKE.match(sample[0]):
        return None
    scores: dict[str, int] = {}
    for date in DATE_FORMATS:
        for suffix in TIME_SUFFIXES:
            fmt = date + suffix
            scores[fmt] = int(pd.to_datetime(series, format=fmt, errors="coerce").notna().sum())
    best = max(scores.values())
    if best < _MIN_SHARE * len(sample):
        return None
    winners = tuple(fmt for fmt, score in scores.items() if score == best)
    return TimestampGuess(winners)


def check_timezone(tz: str) -> str:
    """``tz`` if it is a known IANA zone name (or UTC), else an :class:`InputError`."""
    if tz.upper() == "UTC":
        return "UTC"
    try:
        zoneinfo.ZoneInfo(tz)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise InputError(f"unknown time zone {tz!r}; use a name like Asia/Shanghai or UTC.") \
            from error
    return tz


def parse(values: pd.Series, fmt: str, tz: str = "UTC") -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """Parse stripped texts (None = missing) with ``fmt``; naive times are in zone ``tz``.

    Returns UTC-naive datetimes, a mask of values that could not be read, and a mask of local
    times that do not exist or are ambiguous in ``tz``.
    """
    present = values.notna().to_numpy()
    if fmt in (EPOCH_S, EPOCH_MS):
        numbers = pd.to_numeric(values, errors="coerce")
        parsed = pd.to_datetime(numbers, unit="s" if fmt == EPOCH_S else "ms", errors="coerce")
        parsed = parsed.where((parsed >= _YEARS[0]) & (parsed < _YEARS[1]))
        return parsed, present & parsed.isna().to_numpy(), np.zeros(len(values), bool)
    aware = fmt == ISO or "%z" in fmt
    parsed = pd.to_datetime(values, format=fmt, errors="coerce", utc=aware)
    bad = present & parsed.isna().to_numpy()
    if aware:
        parsed = parsed.dt.tz_localize(None)
    zone_bad = np.zeros(len(values), bool)
    if tz != "UTC":
        naive = ~values.astype(str).str.contains(_OFFSET, regex=True).to_numpy() if aware \
            else np.ones(len(values), bool)
        naive &= ~bad & present
        if naive.any():
            local = parsed[naive].dt.tz_localize(tz, ambiguous="NaT", nonexistent="NaT")
            zone_bad[naive] = local.isna().to_numpy()
            parsed = parsed.copy()
            parsed[naive] = local.dt.tz_convert("UTC").dt.tz_localize(None)
    return parsed, bad, zone_bad


def describe(fmt: str) -> str:
    """A human label for a format (for messages and the UI)."""
    if fmt == ISO:
        return "ISO 8601"
    if fmt == EPOCH_S:
        return "Unix time in seconds"
    if fmt == EPOCH_MS:
        return "Unix time in milliseconds"
    return fmt


def resolve_user_format(text: str) -> tuple[str | None, bool | None]:
    """A ``--date-format`` value: ``dayfirst``/``monthfirst`` or a format; (format, dayfirst)."""
    lowered = text.strip().lower()
    if lowered in ("dayfirst", "day-first", "dmy"):
        return None, True
    if lowered in ("monthfirst", "month-first", "mdy"):
        return None, False
    if lowered in ("iso", "iso8601"):
        return ISO, None
    if lowered in (EPOCH_S, EPOCH_MS):
        return lowered, None
    if "%" not in text:
        raise InputError(f"unknown date format {text!r}; use dayfirst, monthfirst, iso, "
                         "epoch_s, epoch_ms or a pattern such as %d.%m.%Y %H:%M.")
    return text, None

