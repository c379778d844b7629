"""Validation: raw chunks become typed frames, and every row that cannot be stored is explained.

:class:`ChunkConverter` parses each mapped column with its one type (and timestamp format, or
number format), vectorised, and turns a row into a
:class:`~iotfin_gui.core.ingest.readers.Reject` when a value cannot be read (not a number, a
number no float holds, an impossible date, a local time that does not exist) or a required role
(device id, timestamp) is missing. An empty metric, or one written as a missing marker
(:data:`~iotfin_gui.core.ingest.numbers.MISSING_MARKERS`: ``—``, ``无``, ``N/A`` …), is a
missing value, never a reason to reject. A text is stored without the white space around it
(padded cells, a tab after an order number), and one of white space alone is missing.
A number column never loses a value: when a chunk holds a fraction in an integer column, or an
identifier-like number (leading zeros, beyond int64, more digits than a float keeps) in a number
column, the chunk's :attr:`Converted.widen` names the wider type the column needs (float, text)
and the importer reads the file again with it. Arrow string columns (the CSV fast path) are
converted with Arrow compute where that gives exactly the same result, and by the general path
otherwise; texts, yes/no values, plain numbers and plain UTC times then stay Arrow arrays (the
types the store keeps) all the way into the Parquet parts, with no Python object per value. A
:class:`DuplicateTracker` finds rows with the same (device, time) in bounded memory: past
:data:`DuplicateTracker.MEMORY_ROWS` rows its keys are spilled to disk in hash partitions.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import weakref
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from iotfin_gui.core.ingest import numbers, timestamps
from iotfin_gui.core.ingest.numbers import MISSING_MARKERS, NumberFormat, normalise
from iotfin_gui.core.ingest.readers import RawChunk, Reject, printable, text_bytes
from iotfin_gui.core.ingest.roles import (
    BOOLEANS,
    REQUIRED_ROLES,
    ROLE_LABELS,
    Mapping,
)
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message

DUPLICATE_POLICIES = ("keep_first", "keep_last", "reject")
#: Number types from narrow to wide: a column only ever widens along this order.
WIDTHS = ("integer", "float", "text")


#: A converted column: a pandas Series (general path), or an Arrow array already of the type
#: the store keeps (fast path: ``string``, ``bool``, ``timestamp[s]``, ``int64`` without
#: missing values, ``float64`` with missing values as nulls, never NaN).
Values = pd.Series | pa.Array


@dataclass
class Converted:
    """A chunk's importable rows (typed, by dataset column name) and its rejected rows."""

    columns: dict[str, Values]
    lines: np.ndarray
    rejects: list[Reject]
    subsecond: bool = False
    #: Source column -> (the wider type it needs, the line of the first value that needs it).
    widen: dict[str, tuple[str, int]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.lines)

    @cached_property
    def frame(self) -> pd.DataFrame:
        """The rows as a pandas frame (Arrow columns as the general path's dtypes)."""
        return pd.DataFrame({name: _series(values) for name, values in self.columns.items()},
                            index=pd.RangeIndex(len(self.lines)))

    def kept(self, keep: np.ndarray, rejects: list[Reject]) -> Converted:
        """Only the rows where ``keep`` is true, with ``rejects`` as the chunk's rejects."""
        mask = pa.array(keep)
        columns = {name: values.filter(mask) if isinstance(values, pa.Array)
                   else values.loc[keep].reset_index(drop=True)
                   for name, values in self.columns.items()}
        return Converted(columns, self.lines[keep], rejects, self.subsecond, self.widen)


def _series(values: Values) -> pd.Series:
    """A column as pandas: Arrow texts as objects (None when missing), yes/no as ``boolean``,
    times as ``datetime64[ns]``, numbers as ``int64`` or ``float64`` (NaN when missing)."""
    if not isinstance(values, pa.Array):
        return values
    if pa.types.is_boolean(values.type):
        return pd.Series(pd.array(values.to_pylist(), dtype="boolean"))
    if pa.types.is_timestamp(values.type):
        return pd.Series(values.to_numpy(zero_copy_only=False).astype("datetime64[ns]"))
    if pa.types.is_int64(values.type) or pa.types.is_float64(values.type):
        return pd.Series(values.to_numpy(zero_copy_only=False))
    return pd.Series(values.to_numpy(zero_copy_only=False), dtype=object)


@dataclass
class _Column:
    values: Values
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
                missing = (_missing_values(column.values) if column.missing is None
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
            if spec.type == "datetime" and not isinstance(column.values, pa.Array):
                stamps = column.values.to_numpy()
                subsecond = subsecond or bool(
                    ((stamps != stamps.astype("datetime64[s]")) & ~np.isnat(stamps)).any())
            columns[spec.name] = column.values
        rejects.sort(key=lambda r: r.line or 0)
        converted = Converted(columns, chunk.lines, rejects, subsecond, widen)
        return converted.kept(~bad, rejects) if bad.any() else converted

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
            values = values.map(_trimmed)
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
            if _maybe_padded(texts):
                texts = pc.utf8_trim_whitespace(texts)
            empty = pc.equal(texts, "")
            values = pc.if_else(empty, pa.scalar(None, pa.string()), texts) \
                if pc.any(empty).as_py() else texts
            return _Column(values, missing=empty.to_numpy(zero_copy_only=False))
        if kind == "boolean" and not texts.null_count:
            return _arrow_boolean(texts)
        if kind in ("integer", "float") and number_format.plain:
            empty = pc.equal(texts, "")
            some_empty = pc.any(empty).as_py()
            data = text_bytes(texts)
            if (kind == "integer" and (some_empty or texts.null_count)) or \
                    not _plain_bytes(data, kind):
                return None
            try:
                cast = pc.cast(pc.if_else(empty, None, texts) if some_empty else texts,
                               pa.int64() if kind == "integer" else pa.float64())
            except pa.ArrowInvalid:
                return None
            values = cast.to_numpy(zero_copy_only=False)
            risky = _risky_numbers(texts, data, values)
            if not risky.size:
                return _Column(cast)
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
        if kind == "datetime" and self.tz == "UTC":
            stamps = timestamps.plain_iso_seconds(texts, fmt or timestamps.ISO)
            return None if stamps is None else _Column(stamps)
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
        return np.array([array[i] is None or str(array[i]).strip().lower() in MISSING_MARKERS
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
            texts = [normalise(str(array[i])).strip() for i in retry]
            if fmt == timestamps.ISO:
                texts = [timestamps.iso_date(text) for text in texts]
            stripped = pd.Series(texts, index=retry, dtype=object)
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


def _trimmed(value: Any) -> Any:
    """A text without the white space around it (as Arrow's ``utf8_trim_whitespace`` trims):
    padding, and the tab a payment app writes after an order number so that Excel shows it as
    text, are no part of the value."""
    return value.strip() if isinstance(value, str) else value


#: Bytes a value with white space at its start can start with: ASCII white space (with the
#: separators 1C-1F, as ``str.strip`` takes them) and the lead bytes of U+0085, U+00A0 (``C2``),
#: U+1680 (``E1``), U+2000-U+205F (``E2``) and U+3000 (``E3``).
_PAD_FIRST = np.zeros(256, dtype=bool)
_PAD_FIRST[[*range(0x09, 0x0E), *range(0x1C, 0x21), 0xC2, 0xE1, 0xE2, 0xE3]] = True
#: Bytes a value with white space at its end can end with: ASCII white space and any
#: continuation byte (the last byte of every multi-byte character).
_PAD_LAST = _PAD_FIRST.copy()
_PAD_LAST[0x80:0xC0] = True


def _maybe_padded(texts: pa.Array) -> bool:
    """Whether some value of an Arrow string array may have white space around it, from the
    first and last byte of each (no copy): a column of plain ASCII texts is not trimmed."""
    data = texts.buffers()[2]
    if data is None:
        return False
    offsets = np.frombuffer(texts.buffers()[1], dtype=np.int32, count=len(texts) + 1,
                            offset=texts.offset * 4)
    starts, ends = offsets[:-1], offsets[1:]
    filled = ends > starts
    if not filled.any():
        return False
    content = np.frombuffer(data, dtype=np.uint8)
    return bool(_PAD_FIRST[content[starts[filled]]].any()
                or _PAD_LAST[content[ends[filled] - 1]].any())


def _missing_values(values: Values) -> np.ndarray:
    if isinstance(values, pa.Array):
        return values.is_null().to_numpy(zero_copy_only=False)
    return values.isna().to_numpy()


def _arrow_boolean(texts: pa.Array) -> _Column:
    """Yes/no texts read as :meth:`ChunkConverter._boolean` reads them, each distinct text once
    (a column holds few), as an Arrow ``bool`` array."""
    encoded = pc.dictionary_encode(texts)
    words = encoded.dictionary.to_pylist()
    flags = [BOOLEANS.get(word.strip().lower()) for word in words]
    unreadable = np.array([flag is None and word.strip().lower() not in MISSING_MARKERS
                           for flag, word in zip(flags, words, strict=True)], dtype=bool)
    codes = encoded.indices
    values = pa.array(flags, type=pa.bool_()).take(codes)
    bad = unreadable[codes.to_numpy()] if unreadable.any() else np.zeros(len(texts), bool)
    return _Column(values, [(bad, QT_TRANSLATE_NOOP("Core", "is not a yes/no value"))])


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
    if text.lower() in MISSING_MARKERS:
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
        # Only texts starting with 0 (or a sign) can have a leading zero: the bytes after the
        # first are looked at for those alone.
        first = data.take(starts, mode="clip")
        zero = np.flatnonzero((first == ord("0")) & (lengths > 1))
        risky[zero[_DIGITS[data.take(starts[zero] + 1)]]] = True
        signed = np.flatnonzero(((first == ord("-")) | (first == ord("+"))) & (lengths > 2))
        signed = signed[data.take(starts[signed] + 1) == ord("0")]
        risky[signed[_DIGITS[data.take(starts[signed] + 2)]]] = True
    if values.dtype.kind == "f":
        infinite = ~np.isfinite(values)
        if texts.null_count:
            infinite &= ~texts.is_null().to_numpy(zero_copy_only=False)
        risky |= infinite
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
#: The bytes of :data:`_PLAIN` besides the digits.
_PLAIN_SIGNS = {kind: bytes(np.flatnonzero(table & ~_DIGITS).tolist())
                for kind, table in _PLAIN.items()}


def _plain_bytes(data: np.ndarray, kind: str) -> bool:
    """Whether every byte of ``data`` is one of ``_PLAIN[kind]`` (a few vectorised compares
    cost a quarter of counting every byte value)."""
    outside = (data - np.uint8(ord("0"))) > 9
    for byte in _PLAIN_SIGNS[kind]:
        outside &= data != byte
    return not outside.any()


class DuplicateTracker:
    """Remembers the key of every imported row to find duplicates at the end, in bounded memory.

    The key is (device, time), plus the event type for events (two different errors at the same
    moment are not duplicates): 8 bytes per row for the time (in seconds, the store's
    resolution) and 4 per other key column; the distinct device ids are kept once each. Up to
    :data:`MEMORY_ROWS` rows the keys stay in memory (about 12 MB, and as much again for a
    moment at the end). Past that they are spilled, with each row's ordinal, into
    :data:`PARTITIONS` files of a temporary folder, split by a hash of the key, so that equal
    keys share a file; the end then reads one file at a time. The keys are taken in a thread of
    the tracker's own, chunk after chunk in order, while the importer goes on (at most
    :data:`AHEAD` chunks wait). Call :meth:`close` when done.
    """

    MEMORY_ROWS = 1024 * 1024
    PARTITIONS = 64
    AHEAD = 2

    def __init__(self, time: str, others: Sequence[str] = ()) -> None:
        self.time, self.others = time, list(others)
        self._codes: list[dict[Any, int]] = [{} for _ in self.others]
        #: Each key column's known texts as an Arrow array, in code order (for ``index_in``).
        self._seen: list[pa.Array | None] = [None for _ in self.others]
        self._parts: list[list[np.ndarray]] = [[] for _ in range(len(self.others) + 1)]
        self._rows = 0
        self._spill: _Spill | None = None
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="iotfin-duplicates")
        self._adding: deque[Future] = deque()

    def add(self, columns: Any) -> None:
        """Remember a chunk's keys; ``columns`` maps column names to a chunk's values (a frame
        or :attr:`Converted.columns`, not changed afterwards), in import order. An error met
        with an earlier chunk is raised here."""
        while len(self._adding) >= self.AHEAD:
            self._adding.popleft().result()
        self._adding.append(self._thread.submit(self._add, columns))

    def _add(self, columns: Any) -> None:
        keys = [_seconds(columns[self.time])]
        for index, name in enumerate(self.others):
            keys.append(self._coded(index, columns[name]))
        if self._spill is None and self._rows + len(keys[0]) > self.MEMORY_ROWS:
            self._spill = _Spill(len(self.others), self.PARTITIONS)
            if self._rows:
                self._spill.add([np.concatenate(parts) for parts in self._parts], 0)
            self._parts = [[] for _ in self._parts]
        if self._spill is not None:
            self._spill.add(keys, self._rows)
        else:
            for parts, values in zip(self._parts, keys, strict=True):
                parts.append(values)
        self._rows += len(keys[0])

    def _coded(self, index: int, values: Values) -> np.ndarray:
        """Key column ``index`` of a chunk as int32 codes, the same value always the same code
        (-1 for missing). Arrow texts are looked up among the values seen so far in Arrow;
        only new ones go through Python."""
        known = self._codes[index]
        if isinstance(values, pa.Array) and pa.types.is_string(values.type) and known:
            seen = self._seen[index]
            if seen is None or len(seen) != len(known):
                seen = self._seen[index] = _texts_or_none(list(known))
            found = None if seen is None else pc.index_in(values, value_set=seen)
            if found is not None and found.null_count == values.null_count:
                return found.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int32)
        codes, uniques = _factorized(values)
        lookup = np.array([known.setdefault(u, len(known)) for u in uniques] + [-1],
                          dtype=np.int32)
        return lookup[codes]

    def drops(self, policy: str) -> tuple[np.ndarray, int]:
        """Ordinals (0-based, among imported rows) to drop under ``policy``, and group count.

        Call it once, at the end: it gives up the remembered keys as it goes.
        """
        while self._adding:
            self._adding.popleft().result()
        if self._spill is None:
            columns = [np.concatenate(parts) if parts else np.empty(0, dtype=np.int64)
                       for parts in self._parts]
            self._parts = [[] for _ in self._parts]
            return _drops(columns, None, policy)
        found, groups = [], 0
        for columns, ordinals in self._spill.partitions():
            drop, count = _drops(columns, ordinals, policy)
            found.append(drop)
            groups += count
        return np.sort(np.concatenate(found)), groups

    def close(self) -> None:
        """Stop the tracker's thread and remove the spilled keys, if any."""
        wait(self._adding)
        self._adding.clear()
        self._thread.shutdown()
        if self._spill is not None:
            self._spill.close()


class _Spill:
    """Key columns and ordinals of rows, appended to hash partitions in a temporary folder."""

    def __init__(self, others: int, partitions: int) -> None:
        assert partitions <= 256, "partition numbers are kept in a byte"
        self.folder = Path(tempfile.mkdtemp(prefix="iotfin-duplicates-"))
        self._cleanup = weakref.finalize(self, shutil.rmtree, self.folder, True)
        self.dtype = np.dtype([("ordinal", np.int64), ("time", np.int64),
                               *((f"key{i}", np.int32) for i in range(others))])
        self.count = partitions
        self._files = [open(self.folder / f"{p:03d}.keys", "wb")  # noqa: SIM115
                       for p in range(partitions)]

    def add(self, keys: list[np.ndarray], first: int) -> None:
        mixed = keys[0].view(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        for codes in keys[1:]:
            more = codes.astype(np.uint64)
            more *= np.uint64(0xC2B2AE3D27D4EB4F)
            mixed ^= more
        # The partition from the high bits of the mix (multiply and shift: no division).
        mixed >>= np.uint64(32)
        mixed *= np.uint64(self.count)
        mixed >>= np.uint64(32)
        partition = mixed.astype(np.uint8)
        order = np.argsort(partition, kind="stable")  # a radix sort for bytes
        bounds = np.concatenate([[0], np.cumsum(np.bincount(partition, minlength=self.count))])
        records = np.empty(len(order), dtype=self.dtype)
        records["ordinal"] = order + first
        records["time"] = keys[0].take(order)
        for index, codes in enumerate(keys[1:]):
            records[f"key{index}"] = codes.take(order)
        size = self.dtype.itemsize
        with memoryview(records.view(np.uint8)) as data:
            for index, handle in enumerate(self._files):
                if bounds[index + 1] > bounds[index]:
                    handle.write(data[bounds[index] * size:bounds[index + 1] * size])

    def partitions(self) -> Iterator[tuple[list[np.ndarray], np.ndarray]]:
        """Each partition's key columns and ordinals, in import order, one at a time."""
        for handle in self._files:
            handle.close()
        for index in range(self.count):
            records = np.fromfile(self.folder / f"{index:03d}.keys", dtype=self.dtype)
            names = [name for name in self.dtype.names if name != "ordinal"]
            yield [records[name].copy() for name in names], records["ordinal"].copy()

    def close(self) -> None:
        for handle in self._files:
            handle.close()
        self._cleanup()


def _texts_or_none(values: list[Any]) -> pa.Array | None:
    try:
        return pa.array(values, type=pa.string())
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None


def _seconds(values: Values) -> np.ndarray:
    if isinstance(values, pa.Array):
        return values.cast(pa.int64()).to_numpy(zero_copy_only=False)
    return values.to_numpy().astype("datetime64[s]").astype(np.int64)


def _factorized(values: Values) -> tuple[np.ndarray, list[Any]]:
    """Codes (-1 for missing) and the distinct values of a key column."""
    if isinstance(values, pa.Array):
        encoded = pc.dictionary_encode(values)
        uniques = encoded.dictionary.to_pylist()
        return encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False), uniques
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    return codes, list(uniques)


def _drops(columns: list[np.ndarray], ordinals: np.ndarray | None,
           policy: str) -> tuple[np.ndarray, int]:
    """The ordinals of rows to drop among rows with key ``columns`` (their ``ordinals``, in
    increasing order; None: 0, 1, 2...), and how many groups of equal keys there are."""
    key = _row_keys(columns)
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
    positions = order[drop]
    return np.sort(positions if ordinals is None else ordinals[positions]), int(first.sum())


def _row_keys(columns: list[np.ndarray]) -> np.ndarray:
    """One int64 per row, equal exactly when two rows' keys are all equal (mixed radix over
    the key columns; ranks replace the key so far when the product would not fit)."""
    key = np.empty(0, dtype=np.int64)
    width = 0
    for column in columns:
        column = column.astype(np.int64)
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
