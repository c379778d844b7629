"""Two processes share a store while code in one of them reaches for the store's files.

On Linux and macOS, closing any descriptor of a file drops every POSIX lock the process holds on
it, and SQLite then lets another process checkpoint and delete the WAL under the first one: the
store is corrupted (``bench/store_lock_pitfall.py`` shows it on this machine without the guard).
These tests replay the issue's scenario and random interleavings of two processes writing,
deleting, reading and poking at the store's files, and check that every poke is refused, every
process sees every committed dataset, and the store ends whole.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import store_peer

from iotfin_gui.core.ingest import import_file
from iotfin_gui.core.store import Store
from iotfin_gui.core.store_files import (
    StoreFileError,
    check_input_path,
    is_store_owned,
    open_stores,
    sqlite_files,
)

ROOT = Path(__file__).resolve().parents[2]


def integrity(db: Path) -> list[tuple[str]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()


def cli_import(db: Path, csv: Path) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "import", str(csv), "--db",
                           str(db)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr


def write_csv(path: Path, rows: int) -> Path:
    lines = ["device_id,reading"] + [f"ATM-{i % 7:04d},{i * 1.5}" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_issue_scenario_with_the_cli_as_second_process(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite"
    cli_import(db, write_csv(tmp_path / "one.csv", 200))
    with Store.open(db) as a:
        a.set_setting("step", 1)
        assert [d.name for d in a.datasets()] == ["one"]
        for file in sqlite_files(db)[:3]:
            with pytest.raises(StoreFileError, match="belongs to the open store"):
                os.close(os.open(file, os.O_RDONLY | os.O_CREAT))
        cli_import(db, write_csv(tmp_path / "two.csv", 300))
        for i in range(50):
            a.set_setting(f"a{i}", i)
        assert {d.name for d in a.datasets()} == {"one", "two"}
        cli_import(db, write_csv(tmp_path / "three.csv", 400))
        for i in range(50):
            a.set_setting(f"b{i}", i)
        assert {d.name for d in a.datasets()} == {"one", "two", "three"}
        a.delete_dataset("one")
    assert integrity(db) == [("ok",)]
    with Store.open(db) as fresh:
        assert {d.name for d in fresh.datasets()} == {"two", "three"}
        assert fresh.read_dataset("three").shape == (400, 2)


class Peer:
    """Process B: a spawned process holding its own connection to the store."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=store_peer.serve, args=(child,), daemon=True)
        self.process.start()

    def __call__(self, operation: str, argument: Any = None) -> Any:
        self.conn.send((operation, argument))
        status, result = self.conn.recv()
        assert status == "ok", f"process B failed at {operation}({argument!r}): {result}"
        return result

    def stop(self) -> None:
        self.conn.send(("stop", None))
        self.process.join(timeout=30)


@pytest.fixture(scope="module")
def peer() -> Iterator[Peer]:
    process = Peer()
    yield process
    process.stop()


class Local:
    """Process A (the test's own), with the same operations as the peer."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.store: Store | None = None

    def __call__(self, operation: str, argument: Any = None) -> Any:
        if operation == "open":
            self.store = Store.open(argument)
            return None
        if operation == "touch":
            refused = []
            for file in sqlite_files(self.db)[:3]:
                with pytest.raises(StoreFileError):
                    check_input_path(file)
                refused.append(file)
            return store_peer.touch_files(str(self.db))
        if operation == "close":
            self.store.close()
            self.store = None
            return None
        if operation == "names":
            return sorted(d.name for d in self.store.datasets())
        if operation == "write":
            self.store.write_dataset(argument, store_peer.frame_for(argument), "table",
                                     source="local")
        elif operation == "delete":
            self.store.delete_dataset(argument)
        elif operation == "read":
            return self.store.read_dataset(argument).equals(store_peer.frame_for(argument))
        elif operation == "settings":
            for i in range(argument):
                self.store.set_setting(f"local{i}", i)
        return None


def _interleaving(seed: int, db: Path, a: Local, b: Peer) -> list[str]:
    """Run a random interleaving; returns the log of what was done."""
    rng = random.Random(seed)
    expected: set[str] = set()
    processes = {"A": a, "B": b}
    a("open", db)
    b("open", str(db))
    log, counter = [], 0
    for _ in range(rng.randint(10, 18)):
        who = rng.choice("AB")
        run = processes[who]
        choice = rng.choice(["write", "write", "delete", "read", "settings", "touch", "reopen"])
        if choice == "write":
            counter += 1
            name = f"d{seed}_{counter}"
            run("write", name)
            expected.add(name)
        elif choice in ("delete", "read") and expected:
            name = rng.choice(sorted(expected))
            if choice == "delete":
                run("delete", name)
                expected.discard(name)
            else:
                assert run("read", name), f"{who} read other rows of {name}"
        elif choice == "settings":
            run("settings", rng.randint(1, 40))
        elif choice == "touch":
            assert run("touch") == ["refused"] * 3
        elif choice == "reopen":
            run("close")
            run("open", str(db) if who == "B" else db)
        log.append(f"{who}.{choice}")
        for other in processes.values():
            assert other("names") == sorted(expected), f"after {log}"
    a("close")
    b("close")
    assert integrity(db) == [("ok",)], f"after {log}"
    b("open", str(db))
    assert b("names") == sorted(expected)
    b("close")
    return log


def test_random_interleavings_keep_the_store_whole_and_seen_by_all(
        tmp_path: Path, peer: Peer) -> None:
    runs = 100
    for seed in range(runs):
        folder = tmp_path / f"run{seed}"
        folder.mkdir()
        log = _interleaving(seed, folder / "store.sqlite", Local(folder / "store.sqlite"), peer)
        assert log
        assert (folder / "store.sqlite").resolve() not in open_stores()


def test_the_guard_covers_links_renames_removals_and_folders(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite"
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    Store.open(db).close()
    (outside / "link.sqlite").symlink_to(db)
    os.link(db, outside / "hard.sqlite")
    with Store.open(db) as store:
        store.set_setting("x", 1)
        with pytest.raises(StoreFileError):
            os.link(db, outside / "second-hard.sqlite")
        for path in (db, outside / "link.sqlite", outside / "hard.sqlite", f"{db}-wal"):
            with pytest.raises(StoreFileError):
                Path(path).read_bytes()
            with pytest.raises(StoreFileError):
                check_input_path(path)
        with pytest.raises(StoreFileError):
            os.replace(outside / "link.sqlite", db)
        with pytest.raises(StoreFileError):
            os.remove(f"{db}-wal")
        with pytest.raises(StoreFileError):
            os.truncate(db, 0)
        with pytest.raises(StoreFileError):
            shutil.rmtree(tmp_path)
        with pytest.raises(StoreFileError):
            shutil.copyfile(db, outside / "copy.sqlite")
        (outside / "notes.txt").write_text("other files stay usable", encoding="utf-8")
        assert (outside / "notes.txt").read_text(encoding="utf-8").startswith("other")
        with Store.open(db) as second:
            assert second.setting("x") == 1
        store.set_setting("y", 2)
        assert store.setting("x") == 1
    assert integrity(db) == [("ok",)]
    assert db.read_bytes().startswith(b"SQLite format 3\x00")


def test_store_owned_names_the_store_files_and_folders(tmp_path: Path) -> None:
    db = tmp_path / "bank.sqlite"
    owned = [db, Path(f"{db}-wal"), Path(f"{db}-shm"), Path(f"{db}-journal"),
             tmp_path / "bank_models", tmp_path / "bank_models" / "m.joblib",
             tmp_path / "bank_backups" / "old.sqlite"]
    for path in owned:
        assert is_store_owned(path, db), path
    for path in (tmp_path / "bank.csv", tmp_path / "other_models" / "m.joblib", tmp_path):
        assert not is_store_owned(path, db), path
    db.touch()
    (tmp_path / "alias.sqlite").symlink_to(db)
    assert is_store_owned(tmp_path / "alias.sqlite", db)


def test_importing_the_open_store_itself_is_refused_before_it_is_read(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite"
    with Store.open(db) as store:
        store.set_setting("x", 1)
        for target in (db, Path(f"{db}-wal")):
            with pytest.raises(StoreFileError, match="belongs to the open store"):
                import_file(store, target)
        assert store.datasets() == []
    assert integrity(db) == [("ok",)]
