"""Validation: raw chunks become typed frames, and every row that cannot be stored is explained.

:class:`ChunkConverter` parses each mapped column with its one type (and timestamp format, or
number format), vectorised, and turns a row into a
:class:`~iotfin_gui.core.ingest.readers.Reject` when a value cannot be read (not a number, a
number no float holds, an impossible date, a local time that does not exist) or a required role
(device id, timestamp) is missing. An empty metric is a missing value, never a reason to reject.
A number column never loses a value: when a chunk holds a fraction in an integer column, or an
identifier-like number (leading zeros, beyond int64, more digits than a float keeps) in a number
column, the chunk's :attr:`Converted.widen` names the wider type the column needs (float, text)
and the importer reads the file again with it. Arrow string columns (the CSV fast path) are
converted with Arrow compute where that gives exactly the same result, and by the general path
otherwise. :class:`DuplicateTracker` finds rows with the same (device, time).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from iotfin_gui.core.ingest import numbers, timestamps
from iotfin_gui.core.ingest.numbers import NumberFormat
from iotfin_gui.core.ingest.readers import RawChunk, Reject, printable, text_bytes
from iotfin_gui.core.ingest.roles import (
    BOOLEANS,
    NA_TOKENS,
    REQUIRED_ROLES,
    ROLE_LABELS,
    Mapping,
)
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message

DUPLICATE_POLICIES = ("keep_first", "keep_last", "reject")
#: Number types from narrow to wide: a column only ever widens along this order.
WIDTHS = ("integer", "float", "text")


@dataclass
class Converted:
    """A chunk's importable rows (typed, dataset column names) and its rejected rows."""

    frame: pd.DataFrame
    lines: np.ndarray
    rejects: list[Reject]
    subsecond: bool = False
    #: Source column -> (the wider type it needs, the line of the first value that needs it).
    widen: dict[str, tuple[str, int]] = field(default_factory=dict)


@dataclass
class _Column:
    values: pd.Series
    problems: list[tuple[np.ndarray, Message]] = field(default_factory=list)
    #: Which values are missing, when already known (saves ``isna`` on object columns).
    missing: np.ndarray | None = None
    #: The wider type the column needs and the index of the first value that needs it.
    widen: tuple[str, int] | None = None


class ChunkConverter:
    """Applies a :class:`Mapping` to raw chunks (one instance per import)."""

    def __init__(self, mapping: Mapping, *, decimal: str = ".", thousands: str | None = None,
                 tz: str = "UTC") -> None:
        self.mapping = mapping
        self.numbers = NumberFormat.from_options(decimal, thousands)
        self.tz = tz
        self.required = {c.name for c in mapping.included
                         if c.role in REQUIRED_ROLES[mapping.kind]}

    def convert(self, chunk: RawChunk) -> Converted:
        count = len(chunk)
        rejects = list(chunk.rejects)
        columns: dict[str, pd.Series] = {}
        bad = np.zeros(count, dtype=bool)
        subsecond = False
        widen: dict[str, tuple[str, int]] = {}
        for spec in self.mapping.included:
            raw = chunk.columns[spec.source]
            column = self._convert(raw, spec.type, spec.format,
                                   spec.number_format(self.numbers))
            if column.widen is not None:
                widen[spec.source] = (column.widen[0], int(chunk.lines[column.widen[1]]))
            if spec.name in self.required:
                missing = (column.values.isna().to_numpy() if column.missing is None
                           else column.missing).copy()
                for mask, _ in column.problems:
                    missing &= ~mask
                column.problems.append((missing, QT_TRANSLATE_NOOP(
                    "Core", "the required {role} is missing").format(
                        role=ROLE_LABELS.get(spec.role, spec.role))))
            for mask, reason in column.problems:
                fresh = np.flatnonzero(mask & ~bad)
                if fresh.size and isinstance(raw, pa.Array):
                    raw = raw.to_numpy(zero_copy_only=False)
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
        return Converted(frame, lines, rejects, subsecond, widen)

    def _convert(self, raw: Sequence[Any], kind: str, fmt: str | None,
                 number_format: NumberFormat) -> _Column:
        if isinstance(raw, pa.Array):
            fast = self._arrow(raw, kind, fmt, number_format)
            if fast is not None:
                return fast
            raw = raw.to_numpy(zero_copy_only=False)
        array = raw if isinstance(raw, np.ndarray) else np.array(raw, dtype=object)
        if array.dtype.kind in "biufM" and kind != "text":
            return self._typed(array, kind)
        if kind == "text":
            values = pd.Series(array, dtype=object)
            if array.dtype.kind != "O":
                values = values.astype(str).where(pd.notna(array), None)
            return _Column(values.where(values != "", None))
        if kind in ("integer", "float"):
            texts = _string_array(array) if number_format.plain else None
            fast = None if texts is None else self._arrow(texts, kind, fmt, number_format)
            return fast if fast is not None else _number(array, kind, number_format)
        if kind == "boolean":
            return self._boolean(array)
        return self._datetime(array, fmt or timestamps.ISO)

    def _arrow(self, texts: pa.Array, kind: str, fmt: str | None,
               number_format: NumberFormat) -> _Column | None:
        """The column converted by Arrow compute, or None when only the general path may do it.

        Taken only where the result is the general path's, value for value and dtype for dtype:
        texts; numbers made only of digits, signs, ``.`` and exponents (``.`` decimal point;
        whole numbers with no empty cell), the few that might not fit (leading zeros, an
        exponent, more than 16 characters) read again one by one as the general path does; ISO
        times of the form ``YYYY-MM-DD HH:MM:SS`` that all exist.
        """
        if kind == "text":
            empty = pc.equal(texts, "").to_numpy(zero_copy_only=False)
            values = _objects(texts)
            values[empty] = None
            return _Column(pd.Series(values, dtype=object), missing=empty)
        if kind in ("integer", "float") and number_format.plain:
            empty = pc.equal(texts, "")
            some_empty = pc.any(empty).as_py()
            data = text_bytes(texts)
            if (kind == "integer" and (some_empty or texts.null_count)) or \
                    not _PLAIN[kind][data].all():
                return None
            try:
                cast = pc.cast(pc.if_else(empty, None, texts) if some_empty else texts,
                               pa.int64() if kind == "integer" else pa.float64())
            except pa.ArrowInvalid:
                return None
            values = cast.to_numpy(zero_copy_only=False)
            risky = _risky_numbers(texts, data, values)
            if not risky.size:
                return _Column(pd.Series(values))
            again = _number(texts.take(pa.array(risky)).to_numpy(zero_copy_only=False), kind,
                            number_format)
            if again.widen is not None:
                return _Column(pd.Series(values), widen=(again.widen[0], risky[again.widen[1]]))
            if kind == "integer" and any(mask.any() for mask, _ in again.problems):
                return None
            values = pd.Series(values, copy=True)  # Arrow's buffer may be read-only
            values.iloc[risky] = again.values.to_numpy()
            return _Column(values, [(_spread(mask, risky, len(texts)), reason)
                                    for mask, reason in again.problems])
        if kind == "datetime":
            parsed = timestamps.parse_plain_iso(texts, fmt or timestamps.ISO, self.tz)
            if parsed is None:
                return None
            values, zone_bad = parsed
            return _Column(values, [(zone_bad, _zone_problem(self.tz))])
        return None

    def _typed(self, array: np.ndarray, kind: str) -> _Column:
        values = pd.Series(array)
        if kind == "datetime":
            if array.dtype.kind != "M":
                return _Column(pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]"),
                               [(values.notna().to_numpy(),
                                 QT_TRANSLATE_NOOP("Core", "is not a date/time"))])
            return self._localise(values)
        if kind == "integer" and array.dtype.kind == "f":
            return _whole_numbers(array)
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
                       [(problem, _zone_problem(self.tz))])

    def _missing(self, array: np.ndarray, positions: np.ndarray) -> np.ndarray:
        """Which of ``positions`` hold a missing-value token rather than a bad value."""
        return np.array([array[i] is None or str(array[i]).strip().lower() in NA_TOKENS
                         for i in positions], dtype=bool)

    def _boolean(self, array: np.ndarray) -> _Column:
        flags = [BOOLEANS.get(str(v).strip().lower()) if v is not None else None for v in array]
        values = pd.Series(flags, dtype="boolean")
        unknown = values.isna().to_numpy()
        positions = np.flatnonzero(unknown)
        bad = np.zeros(len(array), dtype=bool)
        bad[positions[~self._missing(array, positions)]] = True
        return _Column(values, [(bad, QT_TRANSLATE_NOOP("Core", "is not a yes/no value"))])

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
            (bad, QT_TRANSLATE_NOOP(
                "Core", "is not a valid date/time in the column's format ({format})").format(
                    format=label)),
            (zone_bad, _zone_problem(self.tz)),
        ])


def _zone_problem(tz: str) -> Message:
    return QT_TRANSLATE_NOOP("Core", "does not exist or is ambiguous in time zone {zone}").format(
        zone=tz)


def _whole_numbers(array: np.ndarray) -> _Column:
    """Typed floats (Parquet, Excel) as ``Int64``; a fraction or a value beyond int64 means
    the column needs float."""
    absent = np.isnan(array)
    wide = ~absent & ((array != np.round(array)) | (np.abs(array) >= 2.0**63))
    if wide.any():
        return _Column(pd.Series(array), widen=("float", int(np.flatnonzero(wide)[0])))
    integers = np.zeros(len(array), dtype=np.int64)
    integers[~absent] = array[~absent]
    return _Column(pd.Series(pd.arrays.IntegerArray(integers, absent)))


#: What :func:`_read_number` found: missing, a value as the column's type, a value that needs a
#: wider type (float, text), and the problems that quarantine a row.
_MISSING, _FITS, _NEEDS_FLOAT, _NEEDS_TEXT, _TOO_LARGE, _TOO_SMALL, _NOT_NUMBER = range(7)
_NUMBER_PROBLEMS = {
    _TOO_LARGE: QT_TRANSLATE_NOOP("Core", "is too large to be stored as a number (it would "
                                  "become infinity)"),
    _TOO_SMALL: QT_TRANSLATE_NOOP("Core", "is too close to zero to be stored as a number (it "
                                  "would become 0)"),
    _NOT_NUMBER: QT_TRANSLATE_NOOP("Core", "is not a number"),
}
_PLAIN_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")


def _read_number(value: Any, kind: str, fmt: NumberFormat) -> tuple[int, int | float | None]:
    """One cell of an integer or float column: what it is (see above) and its value."""
    if value is None:
        return _MISSING, None
    text = str(value).strip()
    if text.lower() in NA_TOKENS:
        return _MISSING, None
    if fmt.plain and len(text) <= 16 and _PLAIN_NUMBER.fullmatch(text):
        if "." not in text:
            return _FITS, int(text) if kind == "integer" else float(text)
        number = float(text)
        if kind == "float":
            return _FITS, number
        return (_FITS, int(number)) if number.is_integer() else (_NEEDS_FLOAT, None)
    parsed = numbers.parse(text, fmt)
    if parsed is None:
        return _NOT_NUMBER, None
    found, exact = numbers.classify(parsed), parsed[0]
    if found == numbers.TEXT:
        return _NEEDS_TEXT, None
    if found == numbers.TOO_LARGE:
        return _TOO_LARGE, None
    if found == numbers.TOO_SMALL:
        return _TOO_SMALL, None
    if kind == "float":
        number = float(exact)
        if found == numbers.INTEGER and abs(exact) > 2**53 and not numbers.fits_float(exact,
                                                                                     number):
            return _NEEDS_TEXT, None
        return _FITS, number
    if found == numbers.INTEGER or (exact == exact.to_integral_value()
                                    and -(2**63) <= exact < 2**63):
        return _FITS, int(exact)
    return _NEEDS_FLOAT, None


def _number(array: np.ndarray, kind: str, fmt: NumberFormat) -> _Column:
    """An integer or float column read value by value (each distinct text once)."""
    codes, uniques = pd.factorize(pd.Series(array, dtype=object), use_na_sentinel=True)
    found = [_read_number(u, kind, fmt) for u in uniques] + [(_MISSING, None)]
    states = np.array([f[0] for f in found], dtype=np.int8)[codes]
    for state, wider in ((_NEEDS_TEXT, "text"), (_NEEDS_FLOAT, "float")):
        if (states == state).any():
            return _Column(pd.Series(np.full(len(array), np.nan)),
                           widen=(wider, int(np.flatnonzero(states == state)[0])))
    problems = [(states == state, reason) for state, reason in _NUMBER_PROBLEMS.items()]
    fits = states == _FITS
    if kind == "float":
        table = np.array([np.nan if v is None else v for _, v in found], dtype=np.float64)
        return _Column(pd.Series(table[codes]), problems)
    table = np.array([0 if v is None else v for _, v in found], dtype=np.int64)
    return _Column(pd.Series(pd.arrays.IntegerArray(table[codes], ~fits)), problems)


def _risky_numbers(texts: pa.Array, data: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Positions of the plain number texts Arrow's cast (``values``) may not have read
    losslessly: a leading zero (``007``, ``-00.5``), more than 16 characters (more digits than
    a float keeps), or an exponent out of range (``1e400`` read as infinity, ``1e-400`` as 0;
    a text of at most 16 characters has too few digits for any other loss)."""
    offsets = np.frombuffer(texts.buffers()[1], dtype=np.int32, count=len(texts) + 1,
                            offset=texts.offset * 4)
    starts, lengths = offsets[:-1] - offsets[0], np.diff(offsets)
    risky = lengths > 16
    if data.size:
        first, second = data.take(starts, mode="clip"), data.take(starts + 1, mode="clip")
        risky |= (first == ord("0")) & _DIGITS[second] & (lengths > 1)
        signed = np.flatnonzero(((first == ord("-")) | (first == ord("+"))) &
                                (second == ord("0")) & (lengths > 2))
        third = data.take(starts[signed] + 2, mode="clip")
        risky[signed[_DIGITS[third]]] = True
    if values.dtype.kind == "f":
        present = ~texts.is_null().to_numpy(zero_copy_only=False)
        risky |= present & ~np.isfinite(values)
        zeros = np.flatnonzero(values == 0)
        if zeros.size:
            exponent = pc.match_substring_regex(texts.take(pa.array(zeros)), "[eE]") \
                .fill_null(False)
            risky[zeros[exponent.to_numpy(zero_copy_only=False)]] = True
    return np.flatnonzero(risky)


def _string_array(values: np.ndarray) -> pa.Array | None:
    """An object array of texts (None for empty cells) as an Arrow string array, so that a
    number column read by a reader other than the CSV fast path (workbooks, JSON) can take the
    Arrow conversion too; None when it holds anything else."""
    try:
        texts = pa.array(values, from_pandas=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    return texts if texts.type == pa.string() else None


def _spread(mask: np.ndarray, positions: np.ndarray, count: int) -> np.ndarray:
    """A mask over ``positions`` as a mask over all ``count`` values."""
    full = np.zeros(count, dtype=bool)
    full[positions[mask]] = True
    return full


def _byte_set(characters: str) -> np.ndarray:
    table = np.zeros(256, dtype=bool)
    table[np.frombuffer(characters.encode(), dtype=np.uint8)] = True
    return table


#: The bytes a number may hold for Arrow to read it. Over these bytes, every text Arrow's cast
#: reads is one Python's ``int``/``float`` reads, to the same value (Arrow may refuse more, e.g.
#: ``+5`` as an integer, which then goes the general way); a test checks this exhaustively.
_PLAIN = {"integer": _byte_set("0123456789-"), "float": _byte_set("0123456789+-.eE")}
_DIGITS = _byte_set("0123456789")


def _objects(texts: pa.Array) -> np.ndarray:
    """An Arrow string array as a writable object array; repeated texts share one ``str``."""
    encoded = pc.dictionary_encode(texts)
    return encoded.dictionary.to_numpy(zero_copy_only=False)[encoded.indices.to_numpy()]


class DuplicateTracker:
    """Remembers the key of every imported row to find duplicates at the end.

    The key is (device, time), plus the event type for events (two different errors at the same
    moment are not duplicates). Memory: 8 bytes per row for the time (in seconds, the store's
    resolution) and 4 per other key column, e.g. 120 MB for 10 million telemetry rows; the
    distinct device ids themselves are kept once each. Finding the duplicates at the end takes
    about 12 bytes per row more, for a moment.
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
        """Ordinals (0-based, among imported rows) to drop under ``policy``, and group count.

        Call it once, at the end: it gives up the remembered keys as it goes.
        """
        key = self._row_keys()
        if len(key) < 2:
            return np.empty(0, dtype=np.int64), 0
        order = np.argsort(key, kind="stable")
        key = key[order]
        same = key[1:] == key[:-1]
        del key
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

    def _row_keys(self) -> np.ndarray:
        """One int64 per row, equal exactly when two rows' keys are all equal (mixed radix over
        the key columns; ranks replace the key so far when the product would not fit)."""
        key = np.empty(0, dtype=np.int64)
        width = 0
        for index, parts in enumerate(self._parts):
            column = np.concatenate(parts) if parts else np.empty(0, dtype=np.int64)
            column = column.astype(np.int64, copy=False)
            self._parts[index] = []
            if not column.size:
                return column
            low = column.min()
            span = int(column.max()) - int(low) + 1
            column -= low
            if not width:
                key, width = column, span
                continue
            if width * span >= 2**62:
                uniques, key = np.unique(key, return_inverse=True)
                width = len(uniques)
            key *= span
            key += column
            width *= span
        return key
