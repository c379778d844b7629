"""Writing a dataset's Parquet parts: Arrow columns in, immutable parts out.

:class:`PartWriter` streams rows into a hidden ``.tmp-<folder>`` staging folder of the store's
data folder (bounded memory: one row group is buffered at a time, and at most
:data:`WRITES_AHEAD` more are being encoded and written by its own thread, while the caller reads
and converts the next rows), and :func:`publish` renames it to its final name inside the
transaction that records the dataset, just before the commit (see :mod:`.datafiles` for the
folder layout and why nothing refers to a folder before that commit). A part holds at most
:data:`PART_ROWS` rows, in row groups of :data:`ROW_GROUP_ROWS` with the statistics readers use
to skip row groups, and is made read-only once closed. :func:`arrow_column` turns a pandas
column into the Arrow array the store keeps for its logical type (:data:`ARROW_TYPES`).

A part that cannot be written (a file-size limit, an I/O error, a folder made read-only) stops
the import with a :class:`StoreError` naming the part; a full disk stays the ``OSError`` it is,
for the full-disk message with the figures (:mod:`.disk_space`).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import contextmanager, suppress
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from iotfin_gui.core import disk_space
from iotfin_gui.core.data_hash import text_values, utc_seconds
from iotfin_gui.core.datafiles import PART_NAME, READ_ONLY, DataFile, remove_tree
from iotfin_gui.core.errors import StoreError
from iotfin_gui.core.lineage import file_sha256
from iotfin_gui.core.outputs import describe_os_error
from iotfin_gui.core.store_files import STAGING_PREFIX, data_dir, store_access

#: The Arrow type of each logical column type.
ARROW_TYPES = {"integer": pa.int64(), "float": pa.float64(), "boolean": pa.bool_(),
               "datetime": pa.timestamp("s"), "text": pa.string()}
#: Rows per Parquet row group (the unit readers skip by its min/max statistics).
ROW_GROUP_ROWS = 128 * 1024
#: Rows per part file.
PART_ROWS = 4 * 1024 * 1024
#: Row groups handed to the writing thread and not yet written, at most.
WRITES_AHEAD = 2


def arrow_schema(columns: Sequence[tuple[str, str]]) -> pa.Schema:
    """The Parquet schema of (name, logical type) columns."""
    return pa.schema([pa.field(name, ARROW_TYPES.get(kind, pa.string())) for name, kind in columns])


def _texts(values: np.ndarray) -> pa.Array:
    try:
        return pa.array(values, type=pa.string())
    except (pa.ArrowException, UnicodeError):
        return pa.array([None if v is None else str(v) for v in values], type=pa.string())


def arrow_column(series: pd.Series, kind: str, texts: np.ndarray | None = None) -> pa.Array:
    """A column chunk as the Arrow array stored for logical type ``kind`` (missing as null;
    float NaN as null too, as the store always kept it). ``texts`` are the text column's
    :func:`.data_hash.text_values` when the caller already has them."""
    if kind == "datetime":
        return pa.array(utc_seconds(series), type=pa.timestamp("s"), from_pandas=True)
    if kind in ("integer", "boolean"):
        missing = series.isna().to_numpy()
        numbers = pa.array(series.to_numpy(dtype=np.int64, na_value=0),
                           mask=missing if missing.any() else None)
        return numbers.cast(pa.bool_()) if kind == "boolean" else numbers
    if kind == "float":
        return pa.array(series.to_numpy(dtype=np.float64, na_value=np.nan), from_pandas=True)
    return _texts(text_values(series) if texts is None else texts)


@contextmanager
def _writing(path: Path) -> Iterator[None]:
    """Turn a failure to write the part ``path`` into a :class:`StoreError` naming it (a full
    disk excepted: see the module docstring)."""
    try:
        yield
    except OSError as error:
        if disk_space.could_be_full(error):
            raise
        raise StoreError(disk_space.explain(error, path) or describe_os_error(error, path)) \
            from error


class PartWriter:
    """Streams Arrow batches of one dataset into Parquet parts in a staging folder."""

    def __init__(self, store_path: str | os.PathLike, folder: str,
                 columns: Sequence[tuple[str, str]]) -> None:
        self.root = data_dir(store_path)
        self.folder = folder
        self.staging = self.root / f"{STAGING_PREFIX}{folder}"
        self.schema = arrow_schema(columns)
        self.files: list[DataFile] = []
        self._pending: list[pa.RecordBatch] = []
        self._pending_rows = 0
        self._writer: pq.ParquetWriter | None = None
        self._part_rows = 0
        #: Every file operation after the staging folder is made runs in this one thread.
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="iotfin-parquet")
        self._writing: deque[Future] = deque()
        with store_access():
            self.staging.mkdir(parents=True)

    def write(self, arrays: Sequence[pa.Array]) -> None:
        """Add a chunk of rows (one array per column, in schema order)."""
        batch = pa.RecordBatch.from_arrays(list(arrays), schema=self.schema)
        if not batch.num_rows:
            return
        self._pending.append(batch)
        self._pending_rows += batch.num_rows
        while self._pending_rows >= ROW_GROUP_ROWS:
            self._flush(ROW_GROUP_ROWS)

    def _flush(self, rows: int) -> None:
        """Hand the first ``rows`` buffered rows to the writing thread; an error it met with
        earlier rows (a full disk) is raised here."""
        table = pa.Table.from_batches(self._pending, schema=self.schema)
        group, rest = table.slice(0, rows), table.slice(rows)
        self._pending = rest.to_batches()
        self._pending_rows = rest.num_rows
        self.in_order(self._write_group, group)

    def in_order(self, task: Callable[..., object], *args: object) -> None:
        """Run ``task(*args)`` in the writing thread after everything handed to it before (the
        dataset's hash is taken there too); waits while :data:`WRITES_AHEAD` tasks are pending,
        and raises the error of one that failed."""
        while len(self._writing) >= WRITES_AHEAD:
            self._writing.popleft().result()
        self._writing.append(self._thread.submit(task, *args))

    def _write_group(self, group: pa.Table) -> None:
        with store_access():
            while group.num_rows:
                room = PART_ROWS - self._part_rows
                piece, group = group.slice(0, room), group.slice(room)
                writer = self._part()
                with _writing(self.staging / self.files[-1].name):
                    writer.write_table(piece, row_group_size=ROW_GROUP_ROWS)
                self._part_rows += piece.num_rows
                if self._part_rows >= PART_ROWS:
                    self._close_part()

    def _part(self) -> pq.ParquetWriter:
        if self._writer is None:
            name = PART_NAME.format(len(self.files))
            with _writing(self.staging / name):
                self._writer = pq.ParquetWriter(self.staging / name, self.schema,
                                                compression="zstd")
            self.files.append(DataFile(name, 0, ""))
        return self._writer

    def _close_part(self) -> None:
        assert self._writer is not None
        name = self.files[-1].name
        writer, self._writer = self._writer, None
        with _writing(self.staging / name):
            writer.close()
        digest = file_sha256(self.staging / name)
        os.chmod(self.staging / name, READ_ONLY)
        self.files[-1] = DataFile(name, self._part_rows, digest)
        self._part_rows = 0

    def finish(self) -> list[DataFile]:
        """Write what is buffered and close the parts (an empty dataset gets one empty part,
        so that its schema is on disk); returns the parts, ready for :func:`publish`."""
        if self._pending_rows:
            self._flush(self._pending_rows)
        self._writing.append(self._thread.submit(self._close_last))
        try:
            while self._writing:
                self._writing.popleft().result()
        finally:
            self._thread.shutdown()
        return list(self.files)

    def _close_last(self) -> None:
        with store_access():
            if not self.files or self._writer is not None:
                self._part()
                self._close_part()

    def discard(self) -> None:
        """Remove the staging folder (the dataset was not recorded)."""
        wait(self._writing)
        self._writing.clear()
        self._thread.shutdown()
        writer, self._writer = self._writer, None
        if writer is not None:
            with suppress(OSError):  # the failure that stopped the import, met again
                writer.close()
        with store_access():
            remove_tree(self.staging, ignore_errors=True)


def publish(writer: PartWriter) -> Path:
    """Give the staging folder its final name (call inside the catalogue's transaction, right
    before it commits); returns the folder."""
    final = writer.root / writer.folder
    with store_access():
        os.rename(writer.staging, final)
    return final
