"""A damaged store, or a file that only looks like one, is refused before anything is written."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from store_samples import damage, healthy_store

from iotfin_gui.core import backups
from iotfin_gui.core.errors import StoreError
from iotfin_gui.core.schema import APPLICATION_ID
from iotfin_gui.core.store import Store
from iotfin_gui.core.store_health import DamagedStoreError, integrity_check, run_check

ROOT = Path(__file__).resolve().parents[2]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, cwd=ROOT)


def test_a_damaged_store_is_refused_naming_the_file_and_left_as_it_was(tmp_path: Path) -> None:
    path = healthy_store(tmp_path / "bank.sqlite")
    damage(path)
    before = digest(path)
    with pytest.raises(DamagedStoreError, match=r"bank\.sqlite is damaged") as caught:
        Store.open(path, verify=True)
    assert "There is no backup" in str(caught.value)
    assert caught.value.problems
    assert digest(path) == before
    assert not Path(f"{path}-wal").exists()


def test_the_message_names_the_newest_backup_and_restoring_it_brings_the_data_back(
        tmp_path: Path) -> None:
    path = healthy_store(tmp_path / "bank.sqlite")
    with Store.open(path) as store:
        taken = backups.backup(store, "manual")
    damage(path)
    with pytest.raises(DamagedStoreError) as caught:
        Store.open(path, verify=True)
    assert str(taken) in str(caught.value)
    assert "main.py restore" in str(caught.value)
    done = cli("check", "--db", str(path))
    assert done.returncode == 2
    assert "is damaged" in done.stderr and str(taken) in done.stderr
    assert "Traceback" not in done.stderr
    restored = cli("restore", "--db", str(path))
    assert restored.returncode == 0, restored.stderr
    assert str(taken) in restored.stdout
    kept = backups.list_backups(path)[0]
    assert kept.reason == "damaged"  # the damaged state is kept, but never offered to restore
    assert backups.newest_backup(path).path == taken
    with Store.open(path, verify=True) as store:
        assert store.read_dataset("big").shape == (20_000, 2)
    assert cli("check", "--full", "--db", str(path)).returncode == 0


def test_check_reports_a_whole_store_without_writing_to_it(tmp_path: Path) -> None:
    path = healthy_store(tmp_path / "bank.sqlite", rows=100)
    before = digest(path)
    done = cli("check", "--full", "--db", str(path), "--json")
    assert done.returncode == 0, done.stderr
    assert '"result": "ok"' in done.stdout and '"check": "integrity_check"' in done.stdout
    assert digest(path) == before
    assert cli("check", "--db", str(tmp_path / "missing.sqlite")).returncode == 2


def marked_file(path: Path, version: int, tables: bool) -> Path:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {version}")
    if tables:
        conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize(("version", "tables"), [(-1, False), (-7, True), (0, True), (2, True)])
def test_a_file_with_our_mark_but_not_our_schema_is_refused_untouched(
        tmp_path: Path, version: int, tables: bool) -> None:
    path = marked_file(tmp_path / "odd.sqlite", version, tables)
    before = digest(path)
    with pytest.raises(StoreError, match="carries the IoTFin store mark but not an IoTFin "
                                         "schema"):
        Store.open(path)
    assert digest(path) == before
    done = cli("datasets", "--db", str(path))
    assert done.returncode == 2 and "Traceback" not in done.stderr


def test_the_check_on_opening_stops_at_its_time_budget(tmp_path: Path) -> None:
    path = healthy_store(tmp_path / "bank.sqlite")
    conn = sqlite3.connect(path)
    try:
        result = run_check(conn, seconds=0.0)
    finally:
        conn.close()
    assert not result.complete and result.ok
    whole = integrity_check(path)
    assert whole.complete and whole.ok


def test_the_sqlite_codes_written_as_numbers_are_the_ones_sqlite3_names() -> None:
    """Numbers, so that Python 3.10 (whose sqlite3 module names no result code) imports the
    store at all; checked here against the names of a newer Python."""
    from iotfin_gui.core import store_health

    recovery, busy = store_health._RECOVERY_CODES, backups._BUSY_CODES
    assert recovery == {sqlite3.SQLITE_READONLY_ROLLBACK: "-journal",
                        sqlite3.SQLITE_READONLY_RECOVERY: "-wal",
                        sqlite3.SQLITE_READONLY_CANTINIT: "-wal"}
    assert busy == (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
