"""Backups of the store: taken before every destructive action, rotated, restorable.

A backup is a consistent copy of the whole store made with SQLite's online backup API while the
store stays open (nothing but SQLite reads the store's files: see
:mod:`iotfin_gui.core.store_files`). It goes to ``<stem>_backups/`` beside the store, named after
its UTC time and the reason, e.g. ``2026-12-02T10-31-05Z_delete-dataset.sqlite``: written under a
temporary name, switched to a single file (rollback journal) and renamed. The Parquet parts of
every dataset the copied catalogue names go beside it, in ``<name>_data/`` (laid out like the
store's own data folder, so a backup is a store): hard links where the file system has them
(parts are never written again once published, and are read-only, so a backup costs no space
for them; nothing may ever write a part in place, which would change every backup that links
it), else copies. The data folder is complete before the database file gets its final name, so
a listed backup always has its parts. After each backup the folder is rotated: at most
:data:`DEFAULT_KEEP` backups and :data:`DEFAULT_MAX_BYTES` bytes (settings ``backups.keep`` and
``backups.max_bytes``; a backup's size counts the bytes only it holds), the newest always kept.

:func:`restore` checks that a file is an intact IoTFin store, backs up the current state, then
copies the backup INTO the live database with the backup API (the store's files are never
replaced under an open connection). The backup's parts are linked into the store's data folder
before the catalogue that names them is copied in (a part the store lost, or whose bytes are no
longer those the backup recorded, is put back from the backup), and the parts no restored entry
names are removed after, under the write lock (an import elsewhere publishes its folder only
while it holds that lock). It refuses when another program is writing to the store, and backs
up the current state again when another program committed while it was being copied, so that
no commit made before the restore's own is lost without a backup.

:func:`compact` (File ▸ Compact store, ``iotfin compact``) runs ``VACUUM`` so that the file gives
back the space of deleted data (SQLite never shrinks it by itself).
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import sqlite3
import stat
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from iotfin_gui.core import datafiles, disk_space, store_health
from iotfin_gui.core.errors import StoreError
from iotfin_gui.core.lineage import file_sha256
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message
from iotfin_gui.core.schema import APPLICATION_ID, SCHEMA_VERSION
from iotfin_gui.core.store_files import (
    STAGING_PREFIX,
    backups_dir,
    data_dir,
    sqlite_files,
    store_access,
)

if TYPE_CHECKING:
    from iotfin_gui.core.jobs import JobContext
    from iotfin_gui.core.store import Store

DEFAULT_KEEP = 10
DEFAULT_MAX_BYTES = 2 * 1024**3
KEEP_SETTING, MAX_BYTES_SETTING = "backups.keep", "backups.max_bytes"
SUFFIX = ".sqlite"
#: How long a restore waits for another program's write to finish before refusing.
BUSY_SECONDS = 2.0
#: How many times a restore backs up the state it replaces while other programs keep writing.
SAVE_ATTEMPTS = 3
#: How many names a backup tries when other processes back up in the same second. A name is
#: lost only to another process's backup that took it, so the losses are bounded by what the
#: others back up meanwhile: a process taking six backups in a row beside another lost five
#: names in a row (1 run in 3), and refused its backup with 5.
NAME_ATTEMPTS = 100

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


def _own_bytes(folder: Path) -> int:
    """Bytes of the files under ``folder`` that no other name links to."""
    total = 0
    for item in folder.rglob("*") if folder.is_dir() else ():
        info = item.stat()
        if item.is_file() and info.st_nlink == 1:
            total += info.st_size
    return total


def _parse(path: Path) -> Backup | None:
    match = _NAME.match(path.name)
    if match is None or not path.is_file():
        return None
    created = datetime.strptime(match[1], _STAMP).replace(tzinfo=timezone.utc)
    size = path.stat().st_size + _own_bytes(data_dir(path))
    return Backup(path, created, match[3], size, int(match[2] or 0))


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
    folder = backups_dir(store_path)
    while True:  # a backup being written in another process holds its name by its data folder
        name = f"{stamp}Z{f'-{sequence}' if sequence else ''}_{_slug(reason)}{SUFFIX}"
        if not (folder / name).exists() and not data_dir(folder / name).exists():
            return name
        sequence += 1


def _setting(conn: sqlite3.Connection, key: str, default: int) -> int:
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return max(1, int(row[0])) if row else default
    except (sqlite3.Error, ValueError, TypeError):
        return default


def _link_folders(source_store: Path, target_root: Path,
                  folders: dict[str, list[datafiles.DataFile]], *,
                  skip_missing: bool = False) -> None:
    """Link (or copy) each folder's parts from ``source_store``'s data folder into
    ``target_root`` (which exists); with ``skip_missing``, parts the store lost are left out."""
    for folder, files in folders.items():
        (target_root / folder).mkdir()
        for item in files:
            part = data_dir(source_store) / folder / item.name
            if skip_missing and not part.is_file():
                continue
            datafiles.link_or_copy(part, target_root / folder / item.name)


def _remove_tree(path: Path) -> None:
    with store_access():
        datafiles.remove_tree(path, ignore_errors=True)


def copy_store(conn: sqlite3.Connection, store_path: str | os.PathLike,
               target: str | os.PathLike, *, skip_missing: bool = False) -> Path:
    """A consistent copy of the store at ``store_path`` (open as ``conn``) at ``target``, a new
    file: the catalogue through SQLite's backup API, as a single file, and the parts of every
    dataset it names linked (or copied) into ``target``'s data folder, which is complete before
    the database gets its name (but for the parts the store lost, with ``skip_missing``).

    The temporary files carry this copy's own token, and the data folder is made (not renamed
    over) to claim the name: two processes copying to one name at the same moment never write
    into each other's files, and the second gets FileExistsError. Raises OSError or
    sqlite3.Error (partial copies removed)."""
    target = Path(target)
    token = f"{STAGING_PREFIX}{os.getpid()}-{secrets.token_hex(4)}-"
    temporary = target.with_name(f"{token}{target.name}")
    data = data_dir(target)
    staging = data.with_name(f"{token}{data.name}")
    claimed = False
    try:
        copy = sqlite3.connect(temporary)
        try:
            conn.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
            folders = datafiles.catalogue_files(copy)
        finally:
            copy.close()
        with store_access():
            staging.mkdir()
            _link_folders(Path(store_path), staging, folders, skip_missing=skip_missing)
            data.mkdir()
            claimed = True
            for folder in folders:
                os.rename(staging / folder, data / folder)
            staging.rmdir()
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        _remove_tree(staging)
        if claimed:
            _remove_tree(data)
        raise
    return target


def duplicate(source: str | os.PathLike, target: str | os.PathLike) -> Path:
    """:func:`copy_store` of the store at ``source`` (through a read-only connection) to
    ``target``: the way to copy a store, whose data folder must come along."""
    conn = store_health.read_only_connection(Path(source), timeout=BUSY_SECONDS)
    try:
        return copy_store(conn, source, target)
    finally:
        conn.close()


def _copy(conn: sqlite3.Connection, store_path: Path, reason: str,
          protect: Path | None = None, *, damaged_ok: bool = False) -> Path | None:
    """Back up the database of ``conn`` (the store at ``store_path``), then rotate. With
    ``damaged_ok``, a store too damaged to be read whole gives None instead of an error, and
    parts the store lost are left out of the backup."""
    folder = backups_dir(store_path)
    name = _new_name(store_path, reason)
    try:
        folder.mkdir(exist_ok=True)
        for _ in range(NAME_ATTEMPTS):
            try:
                copy_store(conn, store_path, folder / name, skip_missing=damaged_ok)
                break
            except FileExistsError:  # another process took the name meanwhile
                name = _new_name(store_path, reason)
        else:
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(folder / name))
    except (OSError, sqlite3.Error) as error:
        if damaged_ok and isinstance(error, sqlite3.DatabaseError) and not isinstance(
                error, sqlite3.OperationalError):
            return None
        raise StoreError(disk_space.explain(error, folder / name) or QT_TRANSLATE_NOOP(
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
            _remove_tree(data_dir(item.path))
            removed.append(item.path)
    remove_leftovers(store_path)
    return removed


def _unfinished(path: Path) -> bool:
    """Whether ``path`` in a backups folder is what a backup cut short left: its temporary
    database or data folder (``.tmp-``), or the data folder of a backup whose database never
    got its name."""
    if path.name.startswith(STAGING_PREFIX):
        return True
    stem = path.name[:-len("_data")]
    return path.name.endswith("_data") and bool(_NAME.match(stem + SUFFIX)) and \
        not path.with_name(stem + SUFFIX).exists()


def remove_leftovers(store_path: str | os.PathLike,
                     min_age: float = datafiles.ORPHAN_AGE_SECONDS) -> list[Path]:
    """Remove what backups killed mid-copy left in the backups folder, once nothing wrote to it
    for ``min_age`` seconds (a backup in another process may be writing a younger one; its
    data folder is renamed before its database, so it looks unfinished meanwhile). Returns what
    was removed."""
    folder = backups_dir(store_path)
    now, removed = time.time(), []
    for path in sorted(folder.iterdir()) if folder.is_dir() else ():
        if not _unfinished(path):
            continue
        with store_access():
            try:
                written = max([path.lstat().st_mtime, *(child.lstat().st_mtime for child in (
                    path.iterdir() if path.is_dir() and not path.is_symlink() else ()))])
            except FileNotFoundError:  # its backup, in another process, finished meanwhile
                continue
            if now - written < min_age:
                continue
            if path.is_dir() and not path.is_symlink():
                datafiles.remove_tree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        removed.append(path)
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
    if 1 <= version <= SCHEMA_VERSION:
        missing = _missing_parts(source)
        if missing:
            raise _damaged(source, missing[0])
    if not 1 <= version <= SCHEMA_VERSION:
        raise StoreError(QT_TRANSLATE_NOOP(
            "Core", "The backup {path} has schema version {version}; this version restores "
            "1 to {supported}. The store is unchanged.").format(
                path=str(source), version=version, supported=SCHEMA_VERSION))
    return version


def _missing_parts(source: Path) -> list[str]:
    """What is missing (or unreadable, or of another row count) of the Parquet parts the
    catalogue of the backup (or store) at ``source`` names."""
    conn = store_health.read_only_connection(source, timeout=BUSY_SECONDS)
    try:
        folders = datafiles.catalogue_files(conn)
    finally:
        conn.close()
    found = []
    for folder, files in folders.items():
        found += datafiles.problems(source, folder, files, hashes=False)
    return found


def _parts_damaged(store_path: Path) -> bool:
    """Whether a part the store's catalogue names is missing or unreadable (a catalogue SQLite
    cannot read counts as damaged too)."""
    try:
        return bool(_missing_parts(store_path))
    except sqlite3.OperationalError:
        raise
    except sqlite3.DatabaseError:
        return True


def _bring_parts(store_path: Path, source: Path) -> list[str]:
    """Link the backup's dataset folders that the store lacks into its data folder (under a
    staging name, then renamed: unnamed by the catalogue until the restore copies it in);
    returns the folders added."""
    conn = store_health.read_only_connection(source, timeout=BUSY_SECONDS)
    try:
        folders = datafiles.catalogue_files(conn)
    finally:
        conn.close()
    live = data_dir(store_path)
    wanted = {f: files for f, files in folders.items() if not (live / f).exists()}
    _repair_parts(store_path, source, {f: files for f, files in folders.items()
                                       if f not in wanted})
    if not wanted:
        return []
    staging = live / f"{STAGING_PREFIX}restore-{os.getpid()}"
    with store_access():
        live.mkdir(exist_ok=True)
        staging.mkdir()
        try:
            _link_folders(source, staging, wanted)
            for folder in wanted:
                os.rename(staging / folder, live / folder)
        finally:
            datafiles.remove_tree(staging, ignore_errors=True)
    return list(wanted)


def _repair_parts(store_path: Path, source: Path,
                  folders: dict[str, list[datafiles.DataFile]]) -> list[str]:
    """Put the backup's part back where the store has the dataset's folder but that part is
    missing or no longer has the bytes the backup recorded (a failing disk, a file replaced
    behind the store's back), so that a restore repairs it. The backup's part is linked under a
    staging name and renamed over the store's: the damaged file's other links (the backup of the
    state the restore replaces) keep it. Returns the parts put back."""
    repaired = []
    with store_access():
        for folder, files in folders.items():
            for item in files:
                ours = datafiles.folder_path(store_path, folder) / item.name
                theirs = datafiles.folder_path(source, folder) / item.name
                if ours.is_file() and (os.path.samefile(ours, theirs)
                                       or file_sha256(ours) == item.sha256):
                    continue
                if file_sha256(theirs) != item.sha256:
                    continue  # the backup's copy is no better
                fresh = ours.with_name(f"{STAGING_PREFIX}{item.name}")
                fresh.unlink(missing_ok=True)
                datafiles.link_or_copy(theirs, fresh)
                _replace(fresh, ours)
                repaired.append(f"{folder}/{item.name}")
    return repaired


def _replace(fresh: Path, target: Path) -> None:
    """Rename ``fresh`` over ``target``; Windows refuses to replace a read-only file, which is
    then made writable first (its mode, not its bytes)."""
    try:
        os.replace(fresh, target)
    except PermissionError:
        os.chmod(target, stat.S_IREAD | stat.S_IWRITE)
        os.replace(fresh, target)


def _drop_unnamed_parts(store_path: Path) -> None:
    """Remove the store's dataset folders its (restored) catalogue no longer names, holding the
    write lock meanwhile: an import in another program publishes its folder only while it holds
    it, so a folder being committed is never taken for an unnamed one. When another program keeps
    the lock, the folders are left to the next start's cleanup
    (:func:`iotfin_gui.core.leftovers.remove_data_orphans`)."""
    conn = sqlite3.connect(store_path, timeout=BUSY_SECONDS)
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:
        conn.close()
        return
    try:
        named = set(datafiles.catalogue_files(conn))
        live = data_dir(store_path)
        with store_access():
            present = [p.name for p in live.iterdir() if p.is_dir()] if live.is_dir() else []
        datafiles.remove_folders(store_path, [f for f in present if f not in named
                                              and not f.startswith(STAGING_PREFIX)])
    finally:
        conn.rollback()
        conn.close()


def _locked_message(store_path: Path) -> Message:
    return QT_TRANSLATE_NOOP(
        "Core", "Another program is writing to the store {path}; let it finish (or close it) "
        "and restore again. The store is unchanged.").format(path=str(store_path))


def restore(store_path: str | os.PathLike, backup_path: str | os.PathLike) -> Path | None:
    """Bring the store back to the state of ``backup_path`` (upgraded to this version's schema
    when it is older); returns the backup of the state it replaced, or None when that state was
    too damaged to be backed up (restoring a damaged store is what backups are for)."""
    store_path, source = Path(store_path), Path(backup_path).expanduser()
    if source.exists() and any(os.path.samefile(source, f) for f in sqlite_files(store_path)
                               if f.exists()):  # by inode: a hard link is the store too
        raise StoreError(QT_TRANSLATE_NOOP(
            "Core", "{path} is the store itself, not one of its backups.").format(
                path=str(source)))
    check_backup(source)
    live = sqlite3.connect(store_path, timeout=BUSY_SECONDS)
    try:
        live.execute("BEGIN IMMEDIATE")
        live.execute("ROLLBACK")
        damaged = not store_health.run_check(
            live, seconds=store_health.QUICK_CHECK_SECONDS).ok or _parts_damaged(store_path)
        before = _save_state(live, store_path, DAMAGED if damaged else "restore", source)
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
    _bring_parts(store_path, source)  # again: a trash emptied meanwhile may have taken some
    if before is not None:
        _drop_unnamed_parts(store_path)
    return before


def _save_state(live: sqlite3.Connection, store_path: Path, reason: str,
                source: Path) -> Path | None:
    """Back up the state a restore replaces and bring the backup's parts in; both again when
    another program committed meanwhile (``PRAGMA data_version`` moved), so that the backup
    holds every commit made before the restore's own. Raises :class:`_Busy` when the store
    keeps changing."""
    for _ in range(SAVE_ATTEMPTS):
        version = live.execute("PRAGMA data_version").fetchone()[0]
        before = _copy(live, store_path, reason, protect=source.resolve(), damaged_ok=True)
        _bring_parts(store_path, source)
        if live.execute("PRAGMA data_version").fetchone()[0] == version:
            return before
    raise _Busy


class _Busy(Exception):
    """The store was locked by another writer while the backup was being copied back."""


#: SQLite's result codes SQLITE_BUSY and SQLITE_LOCKED (named by the sqlite3 module only from
#: Python 3.11 on).
_BUSY_CODES = (5, 6)


def _refuse_when_busy(status: int, remaining: int, total: int) -> None:
    if status in _BUSY_CODES:
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
