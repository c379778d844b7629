"""Backups of the store: taken before every destructive action, rotated, restorable.

A backup is a consistent copy of the whole store made with SQLite's online backup API while the
store stays open (nothing but SQLite reads the store's files: see
:mod:`iotfin_gui.core.store_files`). It goes to ``<stem>_backups/`` beside the store, named after
its UTC time and the reason, e.g. ``2026-12-02T10-31-05Z_delete-dataset.sqlite``: written under a
temporary name, switched to a single file (rollback journal) and renamed. After each backup the
folder is rotated: at most :data:`DEFAULT_KEEP` backups and :data:`DEFAULT_MAX_BYTES` bytes
(settings ``backups.keep`` and ``backups.max_bytes``), the newest always kept.

:func:`restore` checks that a file is an intact IoTFin store, backs up the current state, then
copies the backup INTO the live database with the backup API (the store's files are never
replaced under an open connection). It refuses when another program is writing to the store.

:func:`compact` (File ▸ Compact store, ``iotfin compact``) runs ``VACUUM`` so that the file gives
back the space of deleted data (SQLite never shrinks it by itself).
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from iotfin_gui.core import store_health
from iotfin_gui.core.errors import StoreError
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message
from iotfin_gui.core.schema import APPLICATION_ID, SCHEMA_VERSION
from iotfin_gui.core.store_files import backups_dir, sqlite_files

if TYPE_CHECKING:
    from iotfin_gui.core.jobs import JobContext
    from iotfin_gui.core.store import Store

DEFAULT_KEEP = 10
DEFAULT_MAX_BYTES = 2 * 1024**3
KEEP_SETTING, MAX_BYTES_SETTING = "backups.keep", "backups.max_bytes"
SUFFIX = ".sqlite"
#: How long a restore waits for another program's write to finish before refusing.
BUSY_SECONDS = 2.0

#: Why backups are taken, as shown in the Restore dialog.
REASON_LABELS: dict[str, Message] = {
    "delete-dataset": QT_TRANSLATE_NOOP("Core", "before deleting a dataset"),
    "delete-run": QT_TRANSLATE_NOOP("Core", "before deleting a run"),
    "delete-recipe": QT_TRANSLATE_NOOP("Core", "before deleting a recipe"),
    "remove-demo": QT_TRANSLATE_NOOP("Core", "before removing the demo data"),
    "empty-trash": QT_TRANSLATE_NOOP("Core", "before emptying the trash"),
    "migrate": QT_TRANSLATE_NOOP("Core", "before upgrading the store"),
    "restore": QT_TRANSLATE_NOOP("Core", "before restoring a backup"),
    "damaged": QT_TRANSLATE_NOOP("Core", "the damaged state a restore replaced"),
    "manual": QT_TRANSLATE_NOOP("Core", "taken by hand"),
}

#: The reason of the backup of a damaged state that a restore replaced.
DAMAGED = "damaged"
_NAME = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d)Z(?:-(\d+))?_([a-z0-9-]+)\.sqlite$")
_STAMP = "%Y-%m-%dT%H-%M-%S"


@dataclass(frozen=True)
class Backup:
    """One backup file: where it is, when (UTC) and why it was taken, and its size in bytes."""

    path: Path
    created: datetime
    reason: str
    size: int
    sequence: int = 0

    @property
    def reason_label(self) -> Message | str:
        """Why it was taken, translatable for the known reasons."""
        return REASON_LABELS.get(self.reason, self.reason)


def _parse(path: Path) -> Backup | None:
    match = _NAME.match(path.name)
    if match is None or not path.is_file():
        return None
    created = datetime.strptime(match[1], _STAMP).replace(tzinfo=timezone.utc)
    return Backup(path, created, match[3], path.stat().st_size, int(match[2] or 0))


def list_backups(store_path: str | os.PathLike) -> list[Backup]:
    """The store's backups, newest first (other files in the folder are ignored)."""
    folder = backups_dir(store_path)
    if not folder.is_dir():
        return []
    found = [b for b in map(_parse, folder.iterdir()) if b is not None]
    return sorted(found, key=lambda b: (b.created, b.sequence), reverse=True)


def newest_backup(store_path: str | os.PathLike) -> Backup | None:
    """The newest backup to restore: copies of a damaged state (kept for a closer look) never
    are."""
    return next((b for b in list_backups(store_path) if b.reason != DAMAGED), None)


def _slug(reason: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", reason.lower()).strip("-") or "backup"


def _new_name(store_path: Path, reason: str) -> str:
    """A name after the current second, numbered after the newest backup of the same second."""
    stamp = datetime.now(timezone.utc).strftime(_STAMP)
    newest = newest_backup(store_path)
    sequence = 0
    if newest is not None and newest.created.strftime(_STAMP) == stamp:
        sequence = newest.sequence + 1
    return f"{stamp}Z{f'-{sequence}' if sequence else ''}_{_slug(reason)}{SUFFIX}"


def _setting(conn: sqlite3.Connection, key: str, default: int) -> int:
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return max(1, int(row[0])) if row else default
    except (sqlite3.Error, ValueError, TypeError):
        return default


def _copy(conn: sqlite3.Connection, store_path: Path, reason: str,
          protect: Path | None = None, *, damaged_ok: bool = False) -> Path | None:
    """Back up the database of ``conn`` (the store at ``store_path``), then rotate. With
    ``damaged_ok``, a store too damaged to be read whole gives None instead of an error."""
    folder = backups_dir(store_path)
    try:
        folder.mkdir(exist_ok=True)
        name = _new_name(store_path, reason)
        temporary = folder / f".tmp-{name}"
        target = sqlite3.connect(temporary)
        try:
            conn.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        os.replace(temporary, folder / name)
    except (OSError, sqlite3.Error) as error:
        for leftover in folder.glob(".tmp-*"):
            leftover.unlink(missing_ok=True)
        if damaged_ok and isinstance(error, sqlite3.DatabaseError) and not isinstance(
                error, sqlite3.OperationalError):
            return None
        raise StoreError(QT_TRANSLATE_NOOP(
            "Core", "Cannot back up the store into {folder}: {error}. Nothing was changed.")
            .format(folder=str(folder), error=str(error))) from error
    rotate(store_path, _setting(conn, KEEP_SETTING, DEFAULT_KEEP),
           _setting(conn, MAX_BYTES_SETTING, DEFAULT_MAX_BYTES), protect=protect)
    return folder / name


def backup(store: Store, reason: str) -> Path:
    """Back up ``store`` now (outside any transaction of its connection); returns the file."""
    if store.conn.in_transaction:
        raise RuntimeError("a backup must be taken before the transaction starts")
    path = _copy(store.conn, Path(store.path), reason)
    assert path is not None
    return path


def rotate(store_path: str | os.PathLike, keep: int = DEFAULT_KEEP,
           max_bytes: int = DEFAULT_MAX_BYTES, *, protect: Path | None = None) -> list[Path]:
    """Delete the oldest backups beyond ``keep`` files or ``max_bytes`` in all; the newest (and
    ``protect``) always stay. Returns the deleted files."""
    removed, total = [], 0
    for index, item in enumerate(list_backups(store_path)):
        total += item.size
        if index == 0 or (protect is not None and item.path.resolve() == protect.resolve()):
            continue
        if index >= keep or total > max_bytes:
            item.path.unlink(missing_ok=True)
            removed.append(item.path)
    return removed


def _damaged(path: Path, problem: str) -> StoreError:
    return StoreError(QT_TRANSLATE_NOOP(
        "Core", "The backup {path} is damaged ({problem}); it cannot be restored. The store "
        "is unchanged.").format(path=str(path), problem=problem))


def check_backup(path: str | os.PathLike) -> int:
    """Check that ``path`` is an intact IoTFin store this version can open; returns its schema
    version. Raises :class:`StoreError` saying what is wrong."""
    source = Path(path).expanduser()
    if not source.is_file():
        raise StoreError(QT_TRANSLATE_NOOP("Core", "There is no backup {path}.").format(
            path=str(source)))
    try:
        conn = store_health.read_only_connection(source, timeout=BUSY_SECONDS)
        try:
            application_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            problems = store_health.run_check(conn, full=True).problems
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        if "not a database" not in str(error):
            raise _damaged(source, str(error)) from error
        raise StoreError(QT_TRANSLATE_NOOP(
            "Core", "{path} is not a backup of an IoTFin store: {error}. The store is "
            "unchanged.").format(path=str(source), error=str(error))) from error
    if application_id != APPLICATION_ID:
        raise StoreError(QT_TRANSLATE_NOOP(
            "Core", "{path} is not a backup of an IoTFin store. The store is unchanged.")
            .format(path=str(source)))
    if problems:
        raise _damaged(source, problems[0])
    if not 1 <= version <= SCHEMA_VERSION:
        raise StoreError(QT_TRANSLATE_NOOP(
            "Core", "The backup {path} has schema version {version}; this version restores "
            "1 to {supported}. The store is unchanged.").format(
                path=str(source), version=version, supported=SCHEMA_VERSION))
    return version


def _locked_message(store_path: Path) -> Message:
    return QT_TRANSLATE_NOOP(
        "Core", "Another program is writing to the store {path}; let it finish (or close it) "
        "and restore again. The store is unchanged.").format(path=str(store_path))


def restore(store_path: str | os.PathLike, backup_path: str | os.PathLike) -> Path | None:
    """Bring the store back to the state of ``backup_path`` (upgraded to this version's schema
    when it is older); returns the backup of the state it replaced, or None when that state was
    too damaged to be backed up (restoring a damaged store is what backups are for)."""
    store_path, source = Path(store_path), Path(backup_path).expanduser()
    if source.exists() and any(source.resolve() == f.resolve() for f in sqlite_files(store_path)
                               if f.exists()):
        raise StoreError(QT_TRANSLATE_NOOP(
            "Core", "{path} is the store itself, not one of its backups.").format(
                path=str(source)))
    check_backup(source)
    live = sqlite3.connect(store_path, timeout=BUSY_SECONDS)
    try:
        live.execute("BEGIN IMMEDIATE")
        live.execute("ROLLBACK")
        damaged = not store_health.run_check(
            live, seconds=store_health.QUICK_CHECK_SECONDS).ok
        before = _copy(live, store_path, DAMAGED if damaged else "restore",
                       protect=source.resolve(), damaged_ok=True)
        reader = store_health.read_only_connection(source, timeout=BUSY_SECONDS)
        try:
            reader.backup(live, progress=_refuse_when_busy)
        finally:
            reader.close()
    except (_Busy, sqlite3.OperationalError) as error:
        raise StoreError(_locked_message(store_path)) from error
    except sqlite3.DatabaseError as error:
        raise StoreError(QT_TRANSLATE_NOOP(
            "Core", "The store {path} is too damaged for SQLite to write the backup into it "
            "({error}). Close IoTFin, move the store file away, and copy the backup {backup} "
            "in its place.").format(path=str(store_path), error=str(error),
                                    backup=str(source))) from error
    finally:
        live.close()
    from iotfin_gui.core.store import Store  # it imports this module

    Store.open(store_path).close()  # upgrades a backup of an older schema
    return before


class _Busy(Exception):
    """The store was locked by another writer while the backup was being copied back."""


def _refuse_when_busy(status: int, remaining: int, total: int) -> None:
    if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        raise _Busy


def store_size(store_path: str | os.PathLike) -> int:
    """Bytes the store takes on disk: its database file and its write-ahead log."""
    return sum(f.stat().st_size for f in sqlite_files(store_path)[:2] if f.exists())


def compact(store: Store) -> dict[str, int]:
    """``VACUUM`` the store and fold the write-ahead log back into it; returns the size on disk
    before and after, in bytes."""
    before = store_size(store.path)
    store.conn.execute("VACUUM")
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    sizes = {"bytes_before": before, "bytes_after": store_size(store.path)}
    store.audit("store.compact", **sizes)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return sizes


def compact_job(ctx: JobContext, db_path: str | os.PathLike) -> dict[str, int]:
    """Job: :func:`compact` the store at ``db_path``."""
    from iotfin_gui.core.store import Store

    ctx.progress(None, QT_TRANSLATE_NOOP("Core", "Compacting the store"))
    with Store.open(db_path) as store:
        return compact(store)


def restore_job(ctx: JobContext, db_path: str | os.PathLike,
                backup_path: str | os.PathLike) -> dict[str, str | None]:
    """Job: :func:`restore` ``backup_path`` into the store at ``db_path`` (the window's own
    connection stays open and sees the restored store)."""
    ctx.progress(None, QT_TRANSLATE_NOOP("Core", "Restoring the backup {name}").format(
        name=Path(backup_path).name))
    before = restore(db_path, backup_path)
    return {"restored": str(backup_path), "saved_as": None if before is None else str(before)}
