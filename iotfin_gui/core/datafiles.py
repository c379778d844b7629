"""The store's dataset files: Parquet parts in ``<stem>_data/<folder>/``, immutable once published.

A dataset's rows live in one folder of the store's data folder (``ds_<id>_<token>``, the catalogue's
``table_name``), as ``part-00000.parquet``, ``part-00001.parquet``... in row order (a part holds at
most :data:`PART_ROWS` rows, in row groups of :data:`ROW_GROUP_ROWS`, with the statistics readers
use to skip row groups). The row order is part of a dataset (its data hash is taken in that
order), so parts are cut by row count, never re-sorted by month or device. The catalogue records
each part's name, row count and SHA-256 (``datasets.files``); ``check --full`` compares them.

Writing is all-or-nothing: :class:`PartWriter` streams rows into a hidden ``.tmp-<folder>`` staging
folder (bounded memory: one row group is buffered at a time, and at most :data:`WRITES_AHEAD`
more are being encoded and written by its own thread, while the caller reads and converts the
next rows), and :func:`publish` renames it to its
final name inside the transaction that records the dataset, just before the commit. Nothing
refers to a folder until that commit, so a process killed at any moment leaves at most a folder no
catalogue row names; :func:`orphans` finds those for :mod:`iotfin_gui.core.leftovers`. Every file
operation here runs inside :func:`store_files.store_access`: the audit hook refuses them anywhere
else while the store is open.

A published part is never written again: backups and copies of the store share it as a hard link
(:mod:`iotfin_gui.core.backups`), so a part written in place would change every backup with it.
Parts are made read-only once closed, so that a program writing one in place fails instead (an
account other than the file's owner or an administrator; root ignores the mode), and are removed
with :func:`remove_tree`, which deletes read-only files on Windows too.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import sqlite3
import stat
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from iotfin_gui.core.lineage import file_sha256, text_values, utc_seconds
from iotfin_gui.core.store_files import STAGING_PREFIX, data_dir, store_access

#: The Arrow type of each logical column type.
ARROW_TYPES = {"integer": pa.int64(), "float": pa.float64(), "boolean": pa.bool_(),
               "datetime": pa.timestamp("s"), "text": pa.string()}
#: Rows per Parquet row group (the unit readers skip by its min/max statistics).
ROW_GROUP_ROWS = 128 * 1024
#: Rows per part file.
PART_ROWS = 4 * 1024 * 1024
PART_NAME = "part-{:05d}.parquet"
#: Row groups handed to the writing thread and not yet written, at most.
WRITES_AHEAD = 2
#: The mode of a closed part: read-only for everyone.
READ_ONLY = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH
#: A folder no catalogue row names is removed once nothing was written to it for this long (a
#: slower import in another process may still be writing it, as with model files).
ORPHAN_AGE_SECONDS = 15 * 60


@dataclass(frozen=True)
class DataFile:
    """One published part: its file name in the dataset's folder, row count and SHA-256."""

    name: str
    rows: int
    sha256: str

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "rows": self.rows, "sha256": self.sha256}

    @classmethod
    def from_dict(cls, item: dict[str, object]) -> DataFile:
        return cls(str(item["name"]), int(item["rows"]), str(item["sha256"]))  # type: ignore[arg-type]


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
    :func:`lineage.text_values` when the caller already has them."""
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


def new_folder_name(dataset_id: int) -> str:
    """A fresh folder name for dataset ``dataset_id`` (ids can be reused once the trash is
    emptied; the token keeps an old folder and a new one apart)."""
    return f"ds_{dataset_id}_{secrets.token_hex(4)}"


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
                self._part().write_table(piece, row_group_size=ROW_GROUP_ROWS)
                self._part_rows += piece.num_rows
                if self._part_rows >= PART_ROWS:
                    self._close_part()

    def _part(self) -> pq.ParquetWriter:
        if self._writer is None:
            name = PART_NAME.format(len(self.files))
            self._writer = pq.ParquetWriter(self.staging / name, self.schema, compression="zstd")
            self.files.append(DataFile(name, 0, ""))
        return self._writer

    def _close_part(self) -> None:
        assert self._writer is not None
        self._writer.close()
        self._writer = None
        name = self.files[-1].name
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
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        with store_access():
            remove_tree(self.staging, ignore_errors=True)


def publish(writer: PartWriter) -> Path:
    """Give the staging folder its final name (call inside the catalogue's transaction, right
    before it commits); returns the folder."""
    final = writer.root / writer.folder
    with store_access():
        os.rename(writer.staging, final)
    return final


def folder_path(store_path: str | os.PathLike, folder: str) -> Path:
    """Where dataset folder ``folder`` of the store at ``store_path`` lies."""
    return data_dir(store_path) / folder


def file_paths(store_path: str | os.PathLike, folder: str,
               files: Iterable[DataFile]) -> list[str]:
    """The part files of a dataset, in row order, as path strings."""
    base = folder_path(store_path, folder)
    return [str(base / f.name) for f in files]


def remove_folders(store_path: str | os.PathLike, folders: Iterable[str]) -> list[Path]:
    """Delete dataset folders (once no catalogue row names them); returns those removed."""
    removed = []
    with store_access():
        for folder in folders:
            path = folder_path(store_path, folder)
            if path.exists():
                remove_tree(path)
                removed.append(path)
    return removed


def remove_tree(path: Path, *, ignore_errors: bool = False) -> None:
    """Delete a folder holding parts (call inside :func:`store_access`). Windows refuses to
    delete a read-only file: such a file is made writable, then deleted (its hard links
    elsewhere, e.g. in a backup, keep their bytes, but the mode belongs to the file: they become
    writable too)."""

    def retry_writable(function, name: str, error) -> None:
        failure = error[1] if isinstance(error, tuple) else error  # onerror gives exc_info
        if function in (os.unlink, os.remove, os.rmdir):
            try:
                os.chmod(name, stat.S_IREAD | stat.S_IWRITE)
                function(name)
                return
            except OSError as again:
                failure = again
        if not ignore_errors:
            raise failure

    handler = "onexc" if sys.version_info >= (3, 12) else "onerror"
    try:
        shutil.rmtree(path, **{handler: retry_writable})
    except OSError:
        if not ignore_errors:
            raise


def _last_written(path: Path) -> float:
    return max([path.stat().st_mtime, *(child.stat().st_mtime for child in path.iterdir())])


def orphans(store_path: str | os.PathLike, referenced: set[str],
            min_age: float = ORPHAN_AGE_SECONDS) -> list[Path]:
    """Folders of the data folder that no catalogue row names (published, or staging folders of
    a killed import) and that nothing wrote to for ``min_age`` seconds."""
    root = data_dir(store_path)
    if not root.is_dir():
        return []
    now, found = time.time(), []
    with store_access():
        for path in sorted(root.iterdir()):
            if path.name in referenced or not path.is_dir():
                continue
            if now - _last_written(path) >= min_age:
                found.append(path)
    return found


def link_or_copy(source: Path, target: Path) -> None:
    """``target`` becomes a hard link to ``source`` (free: parts never change), or a copy where
    the file system has no hard links."""
    with store_access():
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)


def catalogue_files(conn: sqlite3.Connection) -> dict[str, list[DataFile]]:
    """The dataset folders a store's catalogue names (trashed datasets included), with their
    parts; empty for a store of schema 3 or older (its rows are SQLite tables)."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(datasets)")}
    if "files" not in columns:
        return {}
    return {folder: [DataFile.from_dict(f) for f in json.loads(files)]
            for folder, files in conn.execute("SELECT table_name, files FROM datasets")}


def problems(store_path: str | os.PathLike, folder: str, files: Sequence[DataFile],
             *, hashes: bool) -> list[str]:
    """What is wrong with a dataset's parts: missing, a row count other than recorded, and
    (with ``hashes``) a SHA-256 other than recorded. Empty when all is well."""
    found = []
    base = folder_path(store_path, folder)
    with store_access():
        for item in files:
            path = base / item.name
            if not path.is_file():
                found.append(f"{folder}/{item.name}: missing")
                continue
            try:
                rows = pq.ParquetFile(path).metadata.num_rows
            except (pa.ArrowException, OSError) as error:
                found.append(f"{folder}/{item.name}: unreadable ({error})")
                continue
            if rows != item.rows:
                found.append(f"{folder}/{item.name}: {rows} rows, the catalogue says {item.rows}")
            elif hashes and file_sha256(path) != item.sha256:
                found.append(f"{folder}/{item.name}: its content changed (SHA-256 differs)")
    return found
