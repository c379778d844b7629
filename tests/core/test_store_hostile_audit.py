"""A hostile audit of the store: real file-size limits, stores reached through links or in
another case, and the restore racing another program's commits.

The file-size limit is real (``RLIMIT_FSIZE`` in a child process, with SIGXFSZ ignored so that
writes fail with EFBIG as a full quota or a FAT32 stick makes them fail), not a monkeypatch: the
store must stay whole and the message must name the file that could not be written.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest

from iotfin_gui.core import backups, store_files, store_health, trash
from iotfin_gui.core.errors import StoreError
from iotfin_gui.core.leftovers import clean_leftovers
from iotfin_gui.core.outputs import OutputError, check_file_target
from iotfin_gui.core.schema import SCHEMA_VERSION
from iotfin_gui.core.store import Store
from iotfin_gui.core.store_files import data_dir, store_access

ROOT = Path(__file__).resolve().parents[2]
OLD_STORE = ROOT / "tests" / "data" / "store_v3.sqlite"
posix_only = pytest.mark.skipif(os.name != "posix", reason="RLIMIT_FSIZE is POSIX")


def _frame(rows: int) -> pd.DataFrame:
    return pd.DataFrame({"device_id": [f"ATM-{i % 50:03d}" for i in range(rows)],
                         "amount": [float(i) * 1.5 for i in range(rows)]})


@pytest.fixture
def small_store(tmp_path: Path) -> Path:
    path = tmp_path / "store.sqlite"
    with Store.open(path) as store:
        store.write_dataset("cash", _frame(200), "table", source="test")
    return path


def _limited(code: str, limit: int, tmp_path: Path) -> subprocess.CompletedProcess:
    """Run ``code`` in a Python child that may write files of at most ``limit`` bytes."""
    prologue = textwrap.dedent(f"""
        import resource, signal, sys
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
        sys.path.insert(0, {str(ROOT)!r})
    """)
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    return subprocess.run([sys.executable, "-c", prologue + textwrap.dedent(code)], env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def _cli(args: list[str], limit: int, tmp_path: Path) -> subprocess.CompletedProcess:
    return _limited(f"""
        from iotfin_gui.cli import main
        sys.exit(main({args!r}))
    """, limit, tmp_path)


def _whole(path: Path) -> None:
    result = store_health.integrity_check(path, full=True)
    assert result.ok, result.problems


@posix_only
def test_an_import_over_the_file_size_limit_names_the_part_and_leaves_the_store_whole(
        small_store: Path, tmp_path: Path) -> None:
    source = tmp_path / "big.csv"
    _frame(150_000).to_csv(source, index=False)
    done = _cli(["import", str(source), "--kind", "table", "--name", "big", "--db",
                 str(small_store)], 300_000, tmp_path)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "part-00000.parquet" in done.stderr and "file-size limit" in done.stderr
    _whole(small_store)
    with Store.open(small_store) as store:
        assert [d.name for d in store.datasets()] == ["cash"]
        folder = store.dataset("cash").table_name
    assert [p.name for p in data_dir(small_store).iterdir()] == [folder]


@posix_only
def test_a_backup_over_the_limit_names_the_backup_and_keeps_no_half_copy(
        small_store: Path, tmp_path: Path) -> None:
    limit = small_store.stat().st_size // 2
    done = _limited(f"""
        from iotfin_gui.core import backups
        from iotfin_gui.core.errors import StoreError
        from iotfin_gui.core.store import Store
        store = Store.open({str(small_store)!r})
        try:
            backups.backup(store, "manual")
        except StoreError as error:
            print(error)
    """, max(limit, 40_000), tmp_path)
    assert "_backups" in done.stdout and "file-size limit" in done.stdout, done.stdout + \
        done.stderr
    assert backups.list_backups(small_store) == []
    leftovers = list(store_files.backups_dir(small_store).glob(".tmp-*"))
    assert leftovers == []
    _whole(small_store)


@posix_only
def test_a_store_opened_under_a_tiny_limit_is_not_called_damaged(small_store: Path,
                                                                  tmp_path: Path) -> None:
    """SQLite cannot make its shared-memory file (32 kB) and says "disk I/O error": the store is
    fine, and must not be reported as damaged (the analyst would restore a backup for nothing)."""
    done = _limited(f"""
        from iotfin_gui.core.errors import StoreError
        from iotfin_gui.core.store import Store
        from iotfin_gui.core.store_health import DamagedStoreError
        try:
            Store.open({str(small_store)!r}, verify=True)
        except DamagedStoreError as error:
            print("DAMAGED", error)
        except StoreError as error:
            print("REFUSED", error)
    """, 8_000, tmp_path)
    assert done.stdout.startswith("REFUSED"), done.stdout + done.stderr
    assert "file-size limit" in done.stdout and str(small_store) in done.stdout
    _whole(small_store)


@posix_only
def test_an_export_over_the_limit_names_the_file_and_leaves_nothing(
        small_store: Path, tmp_path: Path) -> None:
    with Store.open(small_store) as store:
        store.write_dataset("bigger", _frame(20_000), "table", source="test")
    out = tmp_path / "out" / "export.csv"
    out.parent.mkdir()
    done = _cli(["export", "dataset", "--dataset", "bigger", "--out", str(out), "--db",
                 str(small_store)], 200_000, tmp_path)
    assert done.returncode == 2 and str(out) in done.stderr, done.stderr
    assert "file-size limit" in done.stderr
    assert list(out.parent.iterdir()) == []
    _whole(small_store)


def test_a_store_opened_through_a_link_keeps_its_folders_beside_the_real_file(
        tmp_path: Path) -> None:
    """SQLite follows a link to the store file (its -wal goes beside the real file); the data,
    backups and models folders must too, or the datasets are "missing" when the store is opened
    by its other name, and the guard protects a folder nothing writes to."""
    (tmp_path / "real").mkdir()
    (tmp_path / "view").mkdir()
    real = tmp_path / "real" / "store.sqlite"
    link = tmp_path / "view" / "shortcut.sqlite"
    with Store.open(real) as store:
        store.write_dataset("cash", _frame(100), "table", source="test")
    link.symlink_to(real)
    with Store.open(link) as store:
        assert store.path == real
        store.write_dataset("more", _frame(50), "table", source="test")
        with pytest.raises(OutputError):
            check_file_target(data_dir(real) / "x.csv", store=store)
        backup = backups.backup(store, "manual")
    assert backup.parent == tmp_path / "real" / "store_backups"
    assert not (tmp_path / "view" / "shortcut_data").exists()
    with Store.open(real) as store:
        assert len(store.read_dataset("more")) == 50
    _whole(real)
    assert store_health.integrity_check(link, full=True).ok


def test_a_store_file_named_in_another_case_is_refused_where_case_is_ignored(
        small_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On macOS and Windows ``STORE.SQLITE-WAL`` is the store's write-ahead log, even before it
    exists; an output there would be read by SQLite as the log."""
    monkeypatch.setattr(store_files, "_ignores_case", lambda existing: True)
    with Store.open(small_store) as store:
        for name in ("STORE.SQLITE-WAL", "Store.sqlite-journal", "store.SQLITE-shm"):
            with pytest.raises(OutputError, match="belongs to the store"):
                check_file_target(small_store.with_name(name), store=store, force=True)
    monkeypatch.undo()
    with Store.open(small_store) as store:
        assert check_file_target(small_store.with_name("STORE.SQLITE-WAL"), store=store)


def test_restore_backs_up_again_what_another_program_committed_meanwhile(
        small_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A commit landing between the backup of the current state and the copy-in would be lost
    with no backup holding it; the restore notices (data_version) and backs up again."""
    with Store.open(small_store) as store:
        old = backups.backup(store, "manual")
    bring = backups._bring_parts
    committed = []

    def commit_elsewhere(store_path: Path, source: Path) -> list[str]:
        if not committed:
            other = sqlite3.connect(small_store)
            other.execute("INSERT INTO settings (key, value) VALUES ('late', '1')")
            other.commit()
            other.close()
            committed.append(True)
        return bring(store_path, source)

    monkeypatch.setattr(backups, "_bring_parts", commit_elsewhere)
    before = backups.restore(small_store, old)
    assert before is not None
    saved = store_health.read_only_connection(before)
    try:
        assert saved.execute("SELECT value FROM settings WHERE key = 'late'").fetchone() == ("1",)
    finally:
        saved.close()
    _whole(small_store)


def test_restore_keeps_a_folder_another_program_is_publishing(
        small_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An import elsewhere renames its folder into place while it holds the write lock, just
    before its commit: the restore's removal of unnamed folders must wait for that lock, not
    take the folder for a leftover."""
    monkeypatch.setattr(backups, "BUSY_SECONDS", 0.1)
    publishing = data_dir(small_store) / "ds_99_publishing"
    other = sqlite3.connect(small_store)
    other.execute("BEGIN IMMEDIATE")
    with store_access():
        publishing.mkdir()
    try:
        backups._drop_unnamed_parts(small_store)
        assert publishing.is_dir()
    finally:
        other.rollback()
        other.close()
    backups._drop_unnamed_parts(small_store)
    assert not publishing.exists()


def test_emptying_the_trash_keeps_a_folder_the_catalogue_names_again(
        small_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A restore in another program may bring back a trashed dataset's entry between the
    trash's commit and the removal of its folder; the removal then leaves that folder."""
    with Store.open(small_store) as store:
        folder = store.dataset("cash").table_name
        trash.trash_dataset(store, "cash")
        named_again = {folder: []}
        monkeypatch.setattr(trash.datafiles, "catalogue_files", lambda conn: named_again)
        trash.empty(store)
    with store_access():
        assert (data_dir(small_store) / folder).is_dir()


def test_an_output_pointed_at_the_store_by_any_spelling_is_refused(
        small_store: Path, tmp_path: Path) -> None:
    (tmp_path / "links").mkdir()
    (tmp_path / "links" / "here").symlink_to(tmp_path)
    with Store.open(small_store) as store:
        with store_access():
            part = next(data_dir(small_store).rglob("*.parquet"))
        for spelling in (tmp_path / "links" / "here" / "store.sqlite",
                         tmp_path / "links" / ".." / "store.sqlite",
                         f"{small_store}/", f"{small_store}/.",
                         tmp_path / "links" / "here" / "store.sqlite-wal",
                         tmp_path / "links" / "here" / "store_data" / "new.csv",
                         part, tmp_path / "store_backups" / "x.csv"):
            with pytest.raises(OutputError):
                check_file_target(spelling, store=store, force=True)


def test_restoring_a_hard_link_to_the_store_itself_is_refused(small_store: Path) -> None:
    """A second name of the store file (a hard link, with a link to its data folder) would get
    a -wal of its own beside it: two logs for one database, SQLite's classic way to corruption."""
    twin = small_store.with_name("twin.sqlite")
    os.link(small_store, twin)
    twin.with_name("twin_data").symlink_to(data_dir(small_store))
    with pytest.raises(StoreError, match="is the store itself"):
        backups.restore(small_store, twin)
    assert not twin.with_name("twin.sqlite-wal").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_pipe_or_device_is_refused_as_a_store_before_sqlite_opens_it(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.sqlite"
    os.mkfifo(pipe)
    device = tmp_path / "null.sqlite"
    device.symlink_to(os.devnull)
    for path in (pipe, device):
        with pytest.raises(StoreError, match="not a regular file"):
            Store.open(path)


def test_what_a_killed_backup_left_is_removed_once_old_and_a_young_one_kept(
        small_store: Path) -> None:
    """A backup killed mid-copy leaves ``.tmp-NAME.sqlite`` and its data folder (renamed before
    the database); the next start removes them once old, and leaves a younger one alone: a backup
    in another process may be between those two renames."""
    with Store.open(small_store) as store:
        kept = backups.backup(store, "manual")
    folder = store_files.backups_dir(small_store)
    stem = "2026-01-01T00-00-00Z_manual"
    left = [folder / f".tmp-{stem}.sqlite", folder / f"{stem}_data", folder / ".tmp-x_data"]
    left[0].write_bytes(b"half a database")
    for path in left[1:]:
        path.mkdir()
        (path / "part-00000.parquet").write_bytes(b"part")
    with Store.open(small_store) as store:
        assert backups.remove_leftovers(store.path) == []
        old = kept.stat().st_mtime - 3600
        for path in [*left, *left[1].iterdir(), *left[2].iterdir()]:
            os.utime(path, (old, old))
        messages = clean_leftovers(store)
    assert not any(path.exists() for path in left)
    assert any("backup" in str(m) for m in messages)
    assert [b.path for b in backups.list_backups(small_store)] == [kept]
    backups.check_backup(kept)


def test_an_old_store_migrated_by_another_process_meanwhile_is_not_migrated_twice(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two processes open the same old store: both back it up, one migrates; the other must
    read the version again under the write lock instead of running the migration a second time
    (which failed on 'duplicate column name', or worse moved already moved rows)."""
    path = tmp_path / "old.sqlite"
    shutil.copy(OLD_STORE, path)
    real_backup, others = backups.backup, []
    migrations = "SELECT count(*) FROM audit_log WHERE action = 'store.migrate'"
    conn = store_health.read_only_connection(path)
    before = conn.execute(migrations).fetchone()[0]
    conn.close()

    def backup_while_another_migrates(store: Store, reason: str) -> Path:
        made = real_backup(store, reason)
        if not others:
            others.append(True)
            Store.open(path).close()  # "the other process" migrates the store now
        return made

    monkeypatch.setattr(backups, "backup", backup_while_another_migrates)
    with Store.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert len(store.read_dataset("telemetry")) == 48
        assert store.conn.execute(migrations).fetchone()[0] == before + 1
    _whole(path)


def test_two_processes_backing_up_in_the_same_second_make_whole_backups(
        small_store: Path, tmp_path: Path) -> None:
    """Both used to write the same .tmp- file and data folder (the name is the second and the
    reason): one failed or, worse, a listed backup mixed both copies."""
    code = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from iotfin_gui.core import backups
        from iotfin_gui.core.store import Store
        with Store.open({str(small_store)!r}) as store:
            store.set_setting(backups.KEEP_SETTING, 100)
            for _ in range(6):
                backups.backup(store, "manual")
    """)
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    runs = [subprocess.Popen([sys.executable, "-c", code], env=env, stderr=subprocess.PIPE,
                             text=True) for _ in range(2)]
    errors = [run.communicate(timeout=120)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], errors
    made = backups.list_backups(small_store)
    assert len(made) == 12
    for item in made:
        backups.check_backup(item.path)
    assert not [p for p in store_files.backups_dir(small_store).iterdir()
                if p.name.startswith(".tmp-")]


def test_a_store_left_with_a_hot_journal_opens_rolled_back(small_store: Path,
                                                           tmp_path: Path) -> None:
    """A store in rollback-journal mode (a copy, a backup copied into place, a restore cut short
    before the store is switched back to WAL) killed mid-write keeps a hot -journal. The check
    before opening used only a read-only connection, which SQLite refuses for such a file
    ('attempt to write a readonly database'), so the store could never be opened again."""
    copy = tmp_path / "copy.sqlite"
    backups.duplicate(small_store, copy)
    killed = subprocess.run([sys.executable, "-c", textwrap.dedent(f"""
        import os, signal, sqlite3
        conn = sqlite3.connect({str(copy)!r}, isolation_level=None)
        conn.execute("PRAGMA cache_size = 1")
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("DELETE FROM audit_log")
        conn.execute("CREATE TABLE spill (x)")
        conn.executemany("INSERT INTO spill VALUES (?)", [(os.urandom(1000),)] * 3000)
        os.kill(os.getpid(), signal.SIGKILL)
    """)], check=False)
    assert killed.returncode == -9 and copy.with_name("copy.sqlite-journal").exists()
    assert "cut short" in store_health.integrity_check(copy).problems[0]
    with pytest.raises(StoreError, match="cut short"):  # main.py check never writes
        store_health.check_existing_file(copy, recover=False)
    assert copy.with_name("copy.sqlite-journal").exists()
    with Store.open(copy, verify=True) as store:
        assert [d.name for d in store.datasets()] == ["cash"]
        assert store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] > 0
        assert "spill" not in {r[0] for r in store.conn.execute(
            "SELECT name FROM sqlite_master")}
    _whole(copy)
