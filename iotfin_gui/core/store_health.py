"""Whether a file may be opened as the store, and whether the store is whole.

Before :meth:`Store.open` writes anything it asks :func:`check_existing_file`: a file that is not
SQLite, belongs to another program, carries our application id without our schema, comes from a
newer version, is read-only or locked is refused with a :class:`StoreError`. Every look at the
file goes through SQLite (a read-only connection), never through Python's file functions, which
would drop the locks of a connection this process already holds (see
:mod:`iotfin_gui.core.store_files`).

:func:`quick_check` runs SQLite's ``PRAGMA quick_check`` within a time budget when the app or the
CLI opens a store, and :func:`integrity_check` the quick or full check on request, followed by a
check of the datasets' Parquet parts (present, row counts, and hashes when full); a store that fails
either is refused with a :class:`DamagedStoreError` naming the file and the newest backup to
restore, and is never written.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from contextlib import closing, suppress
from dataclasses import dataclass
from pathlib import Path

from iotfin_gui.core import datafiles, disk_space
from iotfin_gui.core.errors import StoreError
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message
from iotfin_gui.core.schema import APPLICATION_ID, SCHEMA_VERSION

#: Seconds the check on opening may take; a larger store is checked only that far.
QUICK_CHECK_SECONDS = 3.0
#: The tables every IoTFin store has from schema version 1 on.
CORE_TABLES = frozenset({"settings", "datasets", "runs", "audit_log", "devices"})
#: The smallest SQLite database file (one page); SQLite takes a shorter file for an empty one.
MIN_DATABASE_BYTES = 512
#: How many problems a check reports at most.
MAX_PROBLEMS = 20
#: SQLite's extended result codes for a file whose recovery on opening a read-only connection
#: may not run, each with the file beside it that the recovery reads: SQLITE_READONLY_ROLLBACK
#: (a hot ``-journal``), _RECOVERY and _CANTINIT (a ``-wal``). The sqlite3 module names them,
#: and gives an error's code, from Python 3.11 on; on 3.10 such a file is refused.
_RECOVERY_CODES = {776: "-journal", 264: "-wal", 1288: "-wal"}


class DamagedStoreError(StoreError):
    """The store fails SQLite's integrity check; it is refused and never written."""

    def __init__(self, message: str, problems: list[str]) -> None:
        super().__init__(message)
        self.problems = problems


@dataclass(frozen=True)
class CheckResult:
    """What an integrity check found: ``problems`` is empty for a whole store; ``complete`` is
    False when the time budget ran out before the whole file was read."""

    problems: tuple[str, ...]
    complete: bool
    seconds: float

    @property
    def ok(self) -> bool:
        return not self.problems


def _cannot_read(path: Path, error: object) -> Message:
    if isinstance(error, BaseException) and (full := disk_space.explain(error, path)):
        return full
    return QT_TRANSLATE_NOOP("Core", "Cannot read the store {path}: {error}.").format(
        path=str(path), error=str(error))


def cannot_open(path: Path, error: sqlite3.OperationalError) -> Message:
    """Why SQLite could not open or read the store at ``path`` when its file is not damaged: a
    full disk or a file-size limit where the working files (``-wal``, ``-shm``) could not be
    made or grown, an I/O error; the store is never called damaged for these."""
    return disk_space.explain(error, path) or QT_TRANSLATE_NOOP(
        "Core", "Cannot open the store {path}: {error}. The store was not changed; if its disk "
        "or folder has a problem (full, removed, read-only), fix it and try again.").format(
            path=str(path), error=str(error))


def read_only_connection(path: Path, timeout: float = 1.0) -> sqlite3.Connection:
    """A connection that cannot write to ``path`` (it is not created when missing)."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=timeout)


def _not_sqlite(path: Path) -> StoreError:
    return StoreError(QT_TRANSLATE_NOOP(
        "Core", "{path} is not an IoTFin store: it is not an SQLite database.").format(
            path=str(path)))


def _cut_short(path: Path) -> Message:
    return QT_TRANSLATE_NOOP(
        "Core", "The store {path} holds a write that was cut short. SQLite rolls it back, to "
        "the last commit, when the store is next opened to work in (the window, or any command "
        "but check); do that once, then check again.").format(path=str(path))


def check_existing_file(path: Path, *, recover: bool = True) -> None:
    """Refuse, without writing anything, a file we must not open read-write. A write cut short
    (a hot journal) is rolled back by SQLite first, unless ``recover`` is False (``main.py
    check``, which never writes: it is then refused, saying so). A file refused keeps nothing
    beside it: even a read-only connection makes an empty ``-wal`` and ``-shm`` for a file whose
    header reads as a WAL database (random bytes do, 3 times in 1,000)."""
    made = [Path(f"{path}{suffix}") for suffix in ("-wal", "-shm")]
    made = [file for file in made if not file.exists()]
    try:
        _check_existing_file(path, recover)
    except BaseException:
        for file in made:
            with suppress(OSError):
                file.unlink()
        raise


def _check_existing_file(path: Path, recover: bool) -> None:
    if path.stat().st_size < MIN_DATABASE_BYTES:
        raise _not_sqlite(path)
    no_write_bits = not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    if no_write_bits or not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        if not os.access(path, os.R_OK):
            raise StoreError(_cannot_read(path, os.strerror(13)))
        raise StoreError(QT_TRANSLATE_NOOP(
            "Core", "The store {path} is read-only. IoTFin writes to its store; copy the file to "
            "a writable folder or choose another store with --db.").format(path=str(path)))
    try:
        try:
            application_id, version, tables = _identity_of(read_only_connection(path))
        except sqlite3.OperationalError as error:
            if not needs_recovery(error, path):
                raise
            if not recover:
                raise StoreError(_cut_short(path)) from error
            # A write cut short (a hot journal): SQLite rolls it back on the first read of a
            # read-write connection, back to the last commit, as every SQLite program does.
            application_id, version, tables = _identity_of(sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=1.0))
    except sqlite3.OperationalError as error:
        if "locked" in str(error):
            raise StoreError(QT_TRANSLATE_NOOP(
                "Core", "The store {path} is locked by another program.").format(
                    path=str(path))) from error
        raise StoreError(_cannot_read(path, error)) from error
    except sqlite3.DatabaseError as error:
        if "not a database" in str(error):
            raise _not_sqlite(path) from error
        raise damaged(path, [str(error)]) from error
    check_identity(path, application_id, version, tables)


def needs_recovery(error: sqlite3.Error, path: Path) -> bool:
    """Whether SQLite refused a read-only connection to ``path`` because the file needs the
    recovery it runs on opening (a hot journal of a write cut short to roll back, a WAL index
    to rebuild), which takes a read-write connection: the file is not damaged. Only when the
    journal or write-ahead log to recover from is there: random bytes whose header happens to
    read as a WAL database give the same code, and must be refused without a file written
    beside them."""
    beside = _RECOVERY_CODES.get(getattr(error, "sqlite_errorcode", None))
    return beside is not None and Path(f"{path}{beside}").exists()


def _identity_of(conn: sqlite3.Connection) -> tuple[int, int, set[str]]:
    """The application id, schema version and table names of the database ``conn`` (closed)."""
    with closing(conn):
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
    return application_id, version, tables


def check_identity(path: Path, application_id: int, version: int, tables: set[str]) -> None:
    """Refuse a database that is not (or no longer) an IoTFin store this version can open."""
    if application_id != APPLICATION_ID:
        if tables or application_id:
            raise StoreError(QT_TRANSLATE_NOOP(
                "Core", "{path} is an SQLite database of another program, not an IoTFin store.")
                .format(path=str(path)))
        return
    if version > SCHEMA_VERSION:
        raise StoreError(QT_TRANSLATE_NOOP(
            "Core", "The store {path} was written by a newer IoTFin Workstation (schema "
            "{version}; this version reads up to {supported}). Update the app to open it.").format(
                path=str(path), version=version, supported=SCHEMA_VERSION))
    if version < 0 or (version == 0 and tables) or (version > 0 and CORE_TABLES - tables):
        raise StoreError(QT_TRANSLATE_NOOP(
            "Core", "{path} carries the IoTFin store mark but not an IoTFin schema (schema "
            "version {version}, {tables} tables): it was damaged or made by another program. "
            "It was not changed; restore a backup or choose another store.").format(
                path=str(path), version=version, tables=len(tables)))


def check_not_locked(conn: sqlite3.Connection, path: Path) -> None:
    """Fail fast if another program holds the write lock (checked without writing)."""
    conn.execute("PRAGMA busy_timeout = 2000")
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    except sqlite3.OperationalError as error:
        with suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        if "locked" in str(error) or "busy" in str(error):
            raise StoreError(QT_TRANSLATE_NOOP(
                "Core", "The store {path} is locked by another program; close it and try "
                "again.").format(path=str(path))) from error
        raise StoreError(QT_TRANSLATE_NOOP("Core", "Cannot open the store {path}: {error}.")
                         .format(path=str(path), error=str(error))) from error
    finally:
        conn.execute("PRAGMA busy_timeout = 10000")


def run_check(conn: sqlite3.Connection, *, full: bool = False,
              seconds: float | None = None) -> CheckResult:
    """``PRAGMA quick_check`` (or ``integrity_check`` with ``full``), stopped after ``seconds``."""
    pragma = "integrity_check" if full else "quick_check"
    start = time.monotonic()
    if seconds is not None:
        deadline = start + seconds
        conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
    try:
        rows = [row[0] for row in conn.execute(f"PRAGMA {pragma}({MAX_PROBLEMS})")]
        complete = True
    except sqlite3.OperationalError as error:
        if "interrupt" not in str(error):
            rows, complete = [str(error)], True
        else:
            rows, complete = [], False
    except sqlite3.DatabaseError as error:
        rows, complete = [str(error)], True
    finally:
        conn.set_progress_handler(None, 0)
    problems = tuple(r for r in rows if r != "ok")
    return CheckResult(problems, complete, time.monotonic() - start)


def damaged(path: Path, problems: list[str]) -> DamagedStoreError:
    """The error for a store that failed its check: names the file and how to recover."""
    from iotfin_gui.core.backups import newest_backup  # it imports the store, which imports us

    newest = newest_backup(path)
    backup = newest.path if newest else None
    first = problems[0] if problems else ""
    if backup is None:
        message = QT_TRANSLATE_NOOP(
            "Core", "The store {path} is damaged ({problem}) and was not opened, so nothing "
            "more is written to it. There is no backup of it; keep a copy of the file and "
            "start a new store with --db.").format(path=str(path), problem=first)
    else:
        message = QT_TRANSLATE_NOOP(
            "Core", "The store {path} is damaged ({problem}) and was not opened, so nothing "
            "more is written to it. The newest backup is {backup}: restore it with "
            "'main.py restore --db {path}' or File > Restore.").format(
                path=str(path), problem=first, backup=str(backup))
    return DamagedStoreError(message, problems)


def integrity_check(path: str | os.PathLike, *, full: bool = True,
                    seconds: float | None = None) -> CheckResult:
    """Check the store at ``path`` through a read-only connection (``main.py check``), then its
    dataset files: each part present with the recorded row count, and with ``full`` the
    recorded SHA-256."""
    path = Path(path)
    try:
        with closing(read_only_connection(path, timeout=10.0)) as conn:
            conn.execute("PRAGMA schema_version").fetchone()  # a file SQLite must recover first
            result = run_check(conn, full=full, seconds=seconds)
            if not result.ok:
                return result
            start = time.monotonic()
            found = []
            for folder, files in datafiles.catalogue_files(conn).items():
                found += datafiles.problems(path, folder, files, hashes=full)
    except sqlite3.DatabaseError as error:
        if needs_recovery(error, path):
            return CheckResult((str(_cut_short(path)),), True, 0.0)
        return CheckResult((str(error),), True, 0.0)
    return CheckResult(tuple(found[:MAX_PROBLEMS]), result.complete,
                       result.seconds + time.monotonic() - start)
