"""The store's dataset files: Parquet parts in ``<stem>_data/<folder>/``, immutable once published.

A dataset's rows live in one folder of the store's data folder (``ds_<id>_<token>``, the catalogue's
``table_name``), as ``part-00000.parquet``, ``part-00001.parquet``... in row order (written by
:mod:`iotfin_gui.core.part_writer`). The row order is part of a dataset (its
data hash is taken in that order), so parts are cut by row count, never re-sorted by month or
device. The catalogue records each part's name, row count and SHA-256 (``datasets.files``);
``check --full`` compares them.

Writing is all-or-nothing: the parts are written into a hidden ``.tmp-<folder>`` staging folder
and renamed to the final folder inside the transaction that records the dataset, just before the
commit. Nothing refers to a folder until that commit, so a process killed at any moment leaves at
most a folder no catalogue row names; :func:`orphans` finds those for
:mod:`iotfin_gui.core.leftovers`. Every file operation here runs inside
:func:`store_files.store_access`: the audit hook refuses them anywhere else while the store is
open. This module is the folders' bookkeeping and imports neither pandas nor Arrow (only
:func:`problems` reads the parts' footers), so the store's catalogue loads without them.

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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from iotfin_gui.core.lineage import file_sha256
from iotfin_gui.core.store_files import data_dir, store_access

#: The file name of part N of a dataset folder.
PART_NAME = "part-{:05d}.parquet"
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


def new_folder_name(dataset_id: int) -> str:
    """A fresh folder name for dataset ``dataset_id`` (ids can be reused once the trash is
    emptied; the token keeps an old folder and a new one apart)."""
    return f"ds_{dataset_id}_{secrets.token_hex(4)}"


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
    import pyarrow as pa  # the parts' footers: only for the checks that read them
    import pyarrow.parquet as pq

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
