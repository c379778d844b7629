"""The data hash: a SHA-256 of a table's values, the same whatever dtypes they came in.

The data hash (a dataset's ``data_hash``, :func:`frame_hash`, a run's input hash) is a SHA-256
of a canonical form of a table's values that never depends on pandas' dtype names, so a file
hashes the same whatever dtype (int32, int64, Int64; object, string; datetime64 in any unit or
time zone) its columns came in, under any pandas version. The canonical form:

* each column has a logical type (:func:`logical_type`): integer, float, boolean, datetime or
  text, and two SHA-256 digests of its own, fed in row order;
* integer and boolean: the values as int64 little-endian (missing as 0); the second digest gets
  the row numbers (int64 LE, from 0) of the missing ones;
* float: float64 little-endian, every NaN (and every missing value) as the one NaN
  ``0x7ff8000000000000``, -0.0 as 0.0; the second digest stays empty;
* datetime: int64 little-endian seconds since 1970-01-01 UTC (aware times converted to UTC, naive
  ones taken as UTC, cut to the second as the store keeps them); missing as -2**63;
* text: the UTF-8 bytes of the values one after another (a value that is not a string is hashed
  as its ``repr``); the second digest gets each value's byte length as int64 LE, -1 for missing;
* the hash is the SHA-256 of the UTF-8 ``repr`` of the Python list of (name, type) tuples,
  followed by each column's first digest then second digest (32 bytes each), column by column.

:mod:`iotfin_gui.core.lineage` records it, with library versions and times, for every result.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa


def logical_type(series: pd.Series) -> str:
    """The store's logical type for a pandas column."""
    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return "boolean"
    if pd.api.types.is_integer_dtype(dtype):
        return "integer"
    if pd.api.types.is_float_dtype(dtype):
        return "float"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "datetime"
    return "text"


def utc_seconds(series: pd.Series) -> np.ndarray:
    """A datetime column as naive UTC ``datetime64[s]``: cut to the second, as stored."""
    values = series.dt.tz_convert("UTC").dt.tz_localize(None) if series.dt.tz else series
    return values.to_numpy().astype("datetime64[s]")


def text_values(series: pd.Series) -> np.ndarray:
    """A text column as an object array of its values, missing ones as None."""
    return series.astype(object).where(series.notna(), None).to_numpy()


def _little_endian(values: np.ndarray) -> bytes:
    return (values.byteswap() if sys.byteorder == "big" else values).tobytes()


def _update_texts(digest: Any, lengths_digest: Any, values: Sequence[Any]) -> None:
    """Feed texts (None for missing): their UTF-8 bytes to ``digest``, each one's length (-1
    for missing) to ``lengths_digest``."""
    try:
        texts = values if isinstance(values, pa.Array) else pa.array(values, type=pa.string())
    except (pa.ArrowException, UnicodeError):
        texts = pa.array([None if v is None else repr(v) for v in values], type=pa.string())
    offsets = np.frombuffer(texts.buffers()[1], dtype=np.int32, count=len(texts) + 1,
                            offset=texts.offset * 4)
    lengths = np.diff(offsets).astype(np.int64)
    lengths[texts.is_null().to_numpy(zero_copy_only=False)] = -1
    lengths_digest.update(_little_endian(lengths))
    data = texts.buffers()[2]
    if data is not None:
        digest.update(memoryview(data)[offsets[0]:offsets[-1]])


class ValueHash:
    """The data hash of a table fed chunk by chunk (see the module docstring for its form).

    ``columns`` are (name, logical type) pairs; each chunk's columns are added with
    :meth:`update` and the chunk's row count with :meth:`advance`. The hash depends only on the
    values in row order and the column names and types, never on how the rows were chunked.
    """

    def __init__(self, columns: Sequence[tuple[str, str]]) -> None:
        self.columns = tuple((str(name), str(kind)) for name, kind in columns)
        self._values = [hashlib.sha256() for _ in self.columns]
        self._second = [hashlib.sha256() for _ in self.columns]
        self._rows = 0

    def update(self, index: int, series: pd.Series | pa.Array,
               texts: Sequence[Any] | None = None) -> None:
        """Add column ``index``'s chunk ``series``; a text column's :func:`text_values` may be
        passed as ``texts`` when the caller already has them. An Arrow array (of the type the
        store keeps) hashes as the Series of the same values would."""
        if isinstance(series, pa.Array):
            self._update_arrow(index, series)
            return
        kind, digest = self.columns[index][1], self._values[index]
        if kind in ("integer", "boolean"):
            missing = series.isna().to_numpy()
            digest.update(_little_endian(series.to_numpy(dtype=np.int64, na_value=0)))
            if missing.any():
                rows = np.flatnonzero(missing).astype(np.int64) + self._rows
                self._second[index].update(_little_endian(rows))
        elif kind == "float":
            numbers = series.to_numpy(dtype=np.float64, na_value=np.nan, copy=True)
            numbers[np.isnan(numbers)] = np.nan
            numbers[numbers == 0] = 0.0
            digest.update(_little_endian(numbers))
        elif kind == "datetime":
            digest.update(_little_endian(utc_seconds(series).view(np.int64)))
        else:
            _update_texts(digest, self._second[index],
                          text_values(series) if texts is None else texts)

    def _update_arrow(self, index: int, values: pa.Array) -> None:
        digest = self._values[index]
        if pa.types.is_string(values.type):
            _update_texts(digest, self._second[index], values)
        elif pa.types.is_timestamp(values.type):
            seconds = values.cast(pa.timestamp("s")).cast(pa.int64())
            digest.update(_little_endian(seconds.fill_null(np.iinfo(np.int64).min).to_numpy()))
        elif pa.types.is_boolean(values.type) or pa.types.is_integer(values.type):
            digest.update(_little_endian(values.cast(pa.int64()).fill_null(0).to_numpy()))
            if values.null_count:
                missing = values.is_null().to_numpy(zero_copy_only=False)
                rows = np.flatnonzero(missing).astype(np.int64) + self._rows
                self._second[index].update(_little_endian(rows))
        else:
            self.update(index, values.to_pandas())

    def advance(self, rows: int) -> None:
        """Count a chunk's rows once all its columns were added."""
        self._rows += rows

    def hexdigest(self) -> str:
        digest = hashlib.sha256(repr(list(self.columns)).encode())
        for first, second in zip(self._values, self._second, strict=True):
            digest.update(first.digest() + second.digest())
        return digest.hexdigest()


def frame_hash(frame: pd.DataFrame) -> str:
    """The data hash of a whole table (row order matters, the index does not): the same as a
    dataset's ``data_hash`` when ``frame`` holds its values, whatever the dtypes."""
    hashed = ValueHash([(str(c), logical_type(frame.iloc[:, i]))
                        for i, c in enumerate(frame.columns)])
    for index in range(frame.shape[1]):
        hashed.update(index, frame.iloc[:, index])
    hashed.advance(len(frame))
    return hashed.hexdigest()


def _pandas_hash(frame: pd.DataFrame) -> str:
    """The hash runs recorded before the canonical one: it names pandas' dtypes, so it is only
    reproduced under the pandas (and dtypes) that made it."""
    digest = hashlib.sha256()
    digest.update(repr([(str(c), str(t)) for c, t in frame.dtypes.items()]).encode())
    if len(frame):
        digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return digest.hexdigest()


def same_data(frame: pd.DataFrame, data_hash: str | None) -> bool:
    """Whether ``frame`` holds the values a stored ``data_hash`` was made from: by the canonical
    hash or, for runs recorded before it, by the old dtype-naming hash."""
    if not data_hash:
        return False
    return frame_hash(frame) == data_hash or _pandas_hash(frame) == data_hash
