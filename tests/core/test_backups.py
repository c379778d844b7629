"""Backups: taken through SQLite's backup API, rotated, restored into the live store; bad
backups (unknown, not a store, damaged, the store itself) refused with the store untouched."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from iotfin_gui.cli import main
from iotfin_gui.core import backups, trash
from iotfin_gui.core.errors import StoreError
from iotfin_gui.core.schema import MIGRATIONS, SCHEMA_VERSION
from iotfin_gui.core.store import Store
from iotfin_gui.core.store_files import backups_dir, data_dir

NAME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ(-\d+)?_[a-z-]+\.sqlite$")


def frame(rows: int = 50, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"device_id": [f"ATM{i % 7}" for i in range(rows)],
                         "amount": rng.normal(100, 20, rows),
                         "note": ["x" * 40] * rows})


def state(store: Store) -> list[tuple[str, str | None, int]]:
    return [(d.name, d.data_hash, d.row_count) for d in store.datasets()]


def test_a_backup_is_a_single_file_copy_of_the_store_with_its_data_folder(store: Store) -> None:
    info = store.write_dataset("cash", frame(), "table", source="test")
    path = backups.backup(store, "manual")
    assert path.parent == backups_dir(store.path) and NAME.match(path.name)
    data = data_dir(path)
    # no -wal, no temporary; the parts are hard links to the store's (parts never change)
    assert sorted(p.name for p in path.parent.iterdir()) == sorted([path.name, data.name])
    [part] = info.files
    linked = data / info.table_name / part.name
    assert linked.stat().st_ino == (data_dir(store.path) / info.table_name / part.name).stat(
        ).st_ino
    with Store.open(path) as copy:
        assert state(copy) == state(store)
    [listed] = backups.list_backups(store.path)
    assert listed.path == path and listed.reason == "manual" and listed.size > 0
    assert listed.reason_label == "taken by hand"


def test_backups_before_every_destructive_action(store: Store) -> None:
    for name in ("a", "b", "c"):
        store.write_dataset(name, frame(), "table", source="test")
    store.delete_dataset("a")
    store.delete_dataset("b")
    trash.empty(store)
    reasons = [b.reason for b in backups.list_backups(store.path)]
    assert reasons == ["empty-trash", "delete-dataset", "delete-dataset"]
    with Store.open(backups.list_backups(store.path)[-1].path) as first:
        assert [d.name for d in first.datasets()] == ["a", "b", "c"]


def test_rotation_keeps_the_newest_within_count_and_size(store: Store) -> None:
    store.write_dataset("cash", frame(), "table", source="test")
    store.set_setting(backups.KEEP_SETTING, 3)
    made = [backups.backup(store, "manual") for _ in range(5)]
    assert [b.path for b in backups.list_backups(store.path)] == made[:-4:-1]
    store.set_setting(backups.MAX_BYTES_SETTING, 1)
    newest = backups.backup(store, "manual")
    assert [b.path for b in backups.list_backups(store.path)] == [newest]


def test_restore_brings_the_state_back_and_saves_the_current_one(store: Store) -> None:
    store.write_dataset("cash", frame(), "table", source="test")
    before = state(store)
    store.delete_dataset("cash")
    trash.empty(store)
    store.write_dataset("later", frame(10, seed=1), "table", source="test")
    oldest = backups.list_backups(store.path)[-1].path
    saved = backups.restore(store.path, oldest)
    assert state(store) == before  # the open connection sees the restored store
    assert store.read_dataset("cash").shape == (50, 3)
    with Store.open(saved) as previous:
        assert [d.name for d in previous.datasets()] == ["later"]
    assert backups.newest_backup(store.path).reason == "restore"
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def _untouched(store: Store, action) -> None:
    before = (state(store), store.audit_log()["id"].max())
    with pytest.raises(StoreError) as raised:
        action()
    assert (state(store), store.audit_log()["id"].max()) == before
    assert "unchanged" in str(raised.value) or "backup" in str(raised.value)


def test_bad_backups_are_refused_and_the_store_is_untouched(store: Store, tmp_path: Path) -> None:
    store.write_dataset("cash", frame(), "table", source="test")
    good = backups.backup(store, "manual")
    text = tmp_path / "notes.sqlite"
    text.write_text("not a database at all " * 200)
    foreign = tmp_path / "other.sqlite"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE t (x)")
    damaged = tmp_path / "damaged.sqlite"
    data = bytearray(good.read_bytes())
    page = 4096
    data[2 * page:len(data) - page] = bytes(range(256)) * ((len(data) - 3 * page) // 256)
    damaged.write_bytes(bytes(data))
    for bad in (tmp_path / "missing.sqlite", text, foreign, damaged, store.path):
        _untouched(store, lambda bad=bad: backups.restore(store.path, bad))
    assert backups.list_backups(store.path)[0].path == good  # nothing backed up for nothing


def test_restore_refuses_while_another_program_writes(store: Store) -> None:
    store.write_dataset("cash", frame(), "table", source="test")
    good = backups.backup(store, "manual")
    store.write_dataset("more", frame(5), "table", source="test")
    writer = sqlite3.connect(store.path)
    writer.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError, match="Another program is writing"):
            backups.restore(store.path, good)
    finally:
        writer.rollback()
        writer.close()
    assert [d.name for d in store.datasets()] == ["cash", "more"]


def test_upgrading_an_older_store_backs_it_up_first(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    for statements in MIGRATIONS[:2]:
        for statement in statements:
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        [made] = backups.list_backups(path)
    assert made.reason == "migrate"
    with sqlite3.connect(made.path) as copy:
        assert copy.execute("PRAGMA user_version").fetchone()[0] == 2


def test_a_new_store_is_not_backed_up(store: Store) -> None:
    assert backups.list_backups(store.path) == []


def test_compact_gives_the_space_back(store: Store) -> None:
    with store.atomic():
        store.conn.executemany("INSERT INTO audit_log (ts, action, detail) VALUES (?, 'x', ?)",
                               [("2026-01-01T00:00:00Z", "y" * 200) for _ in range(20_000)])
    store.conn.execute("DELETE FROM audit_log WHERE action = 'x'")
    store.conn.commit()
    sizes = backups.compact(store)
    assert sizes["bytes_after"] < sizes["bytes_before"] / 4


def test_emptying_the_trash_removes_the_parts_and_a_backup_keeps_them(store: Store) -> None:
    info = store.write_dataset("big", frame(2_000), "table", source="test")
    folder = data_dir(store.path) / info.table_name
    store.delete_dataset("big")
    assert folder.is_dir()  # trashed: the parts stay for undo
    trash.empty(store)
    assert not folder.exists()
    newest = backups.newest_backup(store.path)
    assert newest is not None and newest.reason == "empty-trash"
    backups.restore(store.path, newest.path)
    assert folder.is_dir()
    [entry] = trash.entries(store)
    trash.restore(store, entry.id)
    assert store.read_dataset("big").equals(frame(2_000))


def cli(capsys, *args: str) -> tuple[int, dict | None, str]:
    code = main([*args, "--json"])
    out, err = capsys.readouterr()
    lines = out.strip().splitlines()
    return code, json.loads(lines[-1]) if lines else None, err


def test_cli_backup_list_restore_compact(capsys, store_path: Path) -> None:
    with Store.open(store_path) as store:
        store.write_dataset("cash", frame(), "table", source="test")
    db = ("--db", str(store_path))
    code, made, _ = cli(capsys, "backup", *db)
    assert code == 0 and Path(made["backup"]).is_file()
    with Store.open(store_path) as store:
        store.delete_dataset("cash")
    code, listed, _ = cli(capsys, "restore", "--list", *db)
    assert [b["reason"] for b in listed["backups"]] == ["delete-dataset", "manual"]
    code, restored, _ = cli(capsys, "restore", Path(made["backup"]).name, *db)
    assert code == 0 and restored["restored"] == made["backup"]
    with Store.open(store_path) as store:
        assert [d.name for d in store.datasets()] == ["cash"]
    code, sizes, _ = cli(capsys, "compact", *db)
    assert code == 0 and sizes["bytes_after"] <= sizes["bytes_before"]


def damage(path: Path, keep_header: bool = True) -> None:
    """Overwrite the middle of a closed store (or all of its first page) with junk."""
    data = bytearray(path.read_bytes())
    start, end = (4 * 4096, len(data) - 4 * 4096) if keep_header else (0, 100)
    data[start:end] = (bytes(range(256)) * (end // 256 + 1))[:end - start]
    path.write_bytes(bytes(data))


def test_cli_restores_a_damaged_store(capsys, store_path: Path) -> None:
    with Store.open(store_path) as store:
        store.write_dataset("cash", frame(5000), "table", source="test")
        expected = state(store)
        made = backups.backup(store, "manual")
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    damage(store_path)
    code, restored, err = cli(capsys, "restore", "--db", str(store_path))
    assert code == 0, err
    assert restored == {"restored": str(made), "previous_state_saved_as": None}
    with Store.open(store_path, verify=True) as store:
        assert state(store) == expected


def test_a_store_sqlite_cannot_write_into_is_refused_with_what_to_do(store_path: Path) -> None:
    with Store.open(store_path) as store:
        store.write_dataset("cash", frame(), "table", source="test")
        made = backups.backup(store, "manual")
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    damage(store_path, keep_header=False)
    with pytest.raises(StoreError, match="move the store file away, and copy the backup"):
        backups.restore(store_path, made)


def test_cli_refuses_bad_backups_with_one_line(capsys, store_path: Path, tmp_path: Path) -> None:
    with Store.open(store_path) as store:
        store.write_dataset("cash", frame(), "table", source="test")
    db = ("--db", str(store_path))
    code, _, err = cli(capsys, "restore", *db)
    assert code == 2 and "has no backups yet" in err
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"\x00" * 10_000)
    with Store.open(tmp_path / "other.sqlite") as other:
        other.write_dataset("big", frame(5000), "table", source="test")
        damaged = backups.backup(other, "manual")
    damage(damaged)
    for bad, words in (("nope.sqlite", "There is no backup"), (str(junk), "not a backup"),
                       (str(damaged), "is damaged")):
        code, _, err = cli(capsys, "restore", bad, *db)
        assert code == 2 and words in err and len(err.strip().splitlines()) == 1
    with Store.open(store_path) as store:
        assert [d.name for d in store.datasets()] == ["cash"]
        assert backups.list_backups(store_path) == []
