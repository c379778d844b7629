"""Validation: raw chunks become typed frames, and every row that cannot be stored is explained.

:class:`ChunkConverter` parses each mapped column with its one type (and timestamp format),
vectorised, and turns a row into a :class:`~iotfin_gui.core.ingest.readers.Reject` when a value
cannot be read (not a number, not a whole number, an impossible date, a local time that does not
exist) or a required role (device id, timestamp) is missing. An empty metric is a missing value,
never a reason to reject. :class:`DuplicateTracker` finds rows with the same (device, time).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from iotfin_gui.core.ingest import timestamps
from iotfin_gui.core.ingest.readers import RawChunk, Reject, printable
from iotfin_gui.core.ingest.roles import (
    BOOLEANS,
    NA_TOKENS,
    REQUIRED_ROLES,
    Mapping,
    normalise_number,
)

DUPLICATE_POLICIES = ("keep_first", "keep_last", "reject")


@dataclass
class Converted:
    """A chunk's importable rows (typed, dataset column names) and its rejected rows."""

    frame: pd.DataFrame
    lines: np.ndarray
    rejects: list[Reject]
    subsecond: bool = False


@dataclass
class _Column:
    values: pd.Series
    problems: list[tuple[np.ndarray, str]] = field(default_factory=list)


class ChunkConverter:
    """Applies a :class:`Mapping` to raw chunks (one instance per import)."""

    def __init__(self, mapping: Mapping, *, decimal: str = ".", thousands: str | None = None,
                 tz: str = "UTC") -> None:
        self.mapping = mapping
        self.decimal, self.thousands, self.tz = decimal, thousands, tz
        self.required = {c.name for c in mapping.included
                         if c.role in REQUIRED_ROLES[mapping.kind]}

    def convert(self, chunk: RawChunk) -> Converted:
        count = len(chunk)
        rejects = list(chunk.rejects)
        columns: dict[str, pd.Series] = {}
        bad = np.zeros(count, dtype=bool)
        subsecond = False
        for spec in self.mapping.included:
            raw = chunk.columns[spec.source]
            column = self._convert(raw, spec.type, spec.format, count)
            if spec.name in self.required:
                missing = column.values.isna().to_numpy().copy()
                for mask, _ in column.problems:
                    missing &= ~mask
                column.problems.append((missing, f"the required {spec.role} is missing"))
            for mask, reason in column.problems:
                fresh = np.flatnonzero(mask & ~bad)
                for index in fresh:
                    value = raw[index]
                    rejects.append(Reject(int(chunk.lines[index]), spec.source,
                                          None if value is None else printable(str(value)),
                                          reason))
                bad[fresh] = True
            if spec.type == "datetime":
                stamps = column.values.to_numpy()
                subsecond = subsecond or bool(
                    ((stamps != stamps.astype("datetime64[s]")) & ~np.isnat(stamps)).any())
            columns[spec.name] = column.values
        frame = pd.DataFrame(columns)
        lines = chunk.lines
        if bad.any():
            keep = ~bad
            frame = frame.loc[keep].reset_index(drop=True)
            lines = lines[keep]
        rejects.sort(key=lambda r: r.line or 0)
        return Converted(frame, lines, rejects, subsecond)

    def _convert(self, raw: Sequence[Any], kind: str, fmt: str | None, count: int) -> _Column:
        array = raw if isinstance(raw, np.ndarray) else np.array(raw, dtype=object)
        if array.dtype.kind in "biufM" and kind != "text":
            return self._typed(array, kind)
        if kind == "text":
            values = pd.Series(array, dtype=object)
            if array.dtype.kind != "O":
                values = values.astype(str).where(pd.notna(array), None)
            return _Column(values.where(values != "", None))
        if kind in ("integer", "float"):
            return self._number(array, kind)
        if kind == "boolean":
            return self._boolean(array)
        return self._datetime(array, fmt or timestamps.ISO)

    def _typed(self, array: np.ndarray, kind: str) -> _Column:
        values = pd.Series(array)
        if kind == "datetime":
            if array.dtype.kind != "M":
                return _Column(pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]"),
                               [(values.notna().to_numpy(), "is not a date/time")])
            return self._localise(values)
        if kind == "integer" and array.dtype.kind == "f":
            whole = values.isna() | (values == values.round())
            return _Column(values.where(whole).astype("Int64"),
                           [(~whole.to_numpy(), "is not a whole number")])
        if kind == "boolean":
            return _Column(values.astype("boolean"))
        return _Column(values.astype("float64") if kind == "float" else values)

    def _localise(self, values: pd.Series) -> _Column:
        if values.dt.tz is not None:
            return _Column(values.dt.tz_convert("UTC").dt.tz_localize(None))
        if self.tz == "UTC":
            return _Column(values)
        local = values.dt.tz_localize(self.tz, ambiguous="NaT", nonexistent="NaT")
        problem = (local.isna() & values.notna()).to_numpy()
        return _Column(local.dt.tz_convert("UTC").dt.tz_localize(None),
                       [(problem, f"does not exist or is ambiguous in time zone {self.tz}")])

    def _missing(self, array: np.ndarray, positions: np.ndarray) -> np.ndarray:
        """Which of ``positions`` hold a missing-value token rather than a bad value."""
        return np.array([array[i] is None or str(array[i]).strip().lower() in NA_TOKENS
                         for i in positions], dtype=bool)

    def _number(self, array: np.ndarray, kind: str) -> _Column:
        dtype = np.int64 if kind == "integer" else np.float64
        text = array
        if self.decimal == "," or self.thousands:
            text = np.array([None if v is None else normalise_number(v, self.decimal,
                                                                      self.thousands)
                             for v in array], dtype=object)
        try:
            return _Column(pd.Series(np.array(text, dtype=dtype)))
        except (ValueError, TypeError, OverflowError):
            pass
        numbers = pd.to_numeric(pd.Series(text, dtype=object), errors="coerce")
        failed = np.flatnonzero(numbers.isna().to_numpy())
        not_number = np.zeros(len(array), dtype=bool)
        not_number[failed[~self._missing(array, failed)]] = True
        problems = [(not_number, "is not a number")]
        if kind == "integer":
            whole = numbers.isna() | (numbers == numbers.round())
            problems.append((~whole.to_numpy(), "is not a whole number"))
            numbers = numbers.where(whole).astype("Int64")
        else:
            numbers = numbers.astype("float64")
        return _Column(numbers, problems)

    def _boolean(self, array: np.ndarray) -> _Column:
        flags = [BOOLEANS.get(str(v).strip().lower()) if v is not None else None for v in array]
        values = pd.Series(flags, dtype="boolean")
        unknown = values.isna().to_numpy()
        positions = np.flatnonzero(unknown)
        bad = np.zeros(len(array), dtype=bool)
        bad[positions[~self._missing(array, positions)]] = True
        return _Column(values, [(bad, "is not a yes/no value")])

    def _datetime(self, array: np.ndarray, fmt: str) -> _Column:
        if fmt == "native":
            return self._typed(pd.to_datetime(pd.Series(array), errors="coerce").to_numpy(),
                               "datetime")
        values = pd.Series(array, dtype=object)
        parsed, bad, zone_bad = timestamps.parse(values, fmt, self.tz)
        positions = np.flatnonzero(bad)
        if positions.size:
            missing = self._missing(array, positions)
            bad[positions[missing]] = False
            retry = positions[~missing]
            stripped = pd.Series([str(array[i]).strip() for i in retry], index=retry,
                                 dtype=object)
            again, still_bad, again_zone = timestamps.parse(stripped, fmt, self.tz)
            fixed = ~still_bad & ~again_zone
            if fixed.any():
                parsed = parsed.copy()
                parsed.iloc[retry[fixed]] = again.to_numpy()[fixed]
                bad[retry[fixed]] = False
            zone_bad[retry[again_zone]] = True
            bad[retry[again_zone]] = False
        label = timestamps.describe(fmt)
        return _Column(parsed, [
            (bad, f"is not a valid date/time in the column's format ({label})"),
            (zone_bad, f"does not exist or is ambiguous in time zone {self.tz}"),
        ])


class DuplicateTracker:
    """Remembers the key of every imported row to find duplicates at the end.

    The key is (device, time), plus the event type for events (two different errors at the same
    moment are not duplicates). Memory: 8 bytes per row for the time (in seconds, the store's
    resolution) and 4 per other key column, e.g. 120 MB for 10 million telemetry rows; the
    distinct device ids themselves are kept once each.
    """

    def __init__(self, time: str, others: Sequence[str] = ()) -> None:
        self.time, self.others = time, list(others)
        self._codes: list[dict[Any, int]] = [{} for _ in self.others]
        self._parts: list[list[np.ndarray]] = [[] for _ in range(len(self.others) + 1)]

    def add(self, frame: pd.DataFrame) -> None:
        seconds = frame[self.time].to_numpy().astype("datetime64[s]").astype(np.int64)
        self._parts[0].append(seconds)
        for index, name in enumerate(self.others):
            codes, uniques = pd.factorize(frame[name], use_na_sentinel=True)
            known = self._codes[index]
            lookup = np.array([known.setdefault(u, len(known)) for u in uniques] + [-1],
                              dtype=np.int32)
            self._parts[index + 1].append(lookup[codes])

    def drops(self, policy: str) -> tuple[np.ndarray, int]:
        """Ordinals (0-based, among imported rows) to drop under ``policy``, and group count."""
        if not self._parts[0]:
            return np.empty(0, dtype=np.int64), 0
        keys = [np.concatenate(parts) for parts in self._parts]
        order = np.lexsort(keys)
        same = np.ones(len(order) - 1, dtype=bool) if len(order) else np.empty(0, dtype=bool)
        for key in keys:
            ordered = key[order]
            same &= ordered[1:] == ordered[:-1]
        if not same.any():
            return np.empty(0, dtype=np.int64), 0
        in_group = np.zeros(len(order), dtype=bool)
        in_group[1:] |= same
        in_group[:-1] |= same
        first = in_group & ~np.concatenate([[False], same])
        last = in_group & ~np.concatenate([same, [False]])
        if policy == "keep_first":
            drop = in_group & ~first
        elif policy == "keep_last":
            drop = in_group & ~last
        else:
            drop = in_group
        return np.sort(order[drop]), int(first.sum())
