"""Dataset rows in Parquet parts: written all-or-nothing, guarded, read with push-down, checked,
cleaned up after a crash, and migrated forward from a schema-3 store made by the last release."""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iotfin_gui.core import backups, datafiles, leftovers, part_writer
from iotfin_gui.core.data_hash import frame_hash
from iotfin_gui.core.schema import SCHEMA_VERSION
from iotfin_gui.core.store import Column, Store
from iotfin_gui.core.store_files import (
    StoreFileError,
    backups_dir,
    check_input_path,
    data_dir,
    is_store_owned,
    store_access,
)
from iotfin_gui.core.store_health import integrity_check
from tests.damaged_files import replace_part

FIXTURE = Path(__file__).parents[1] / "data" / "store_v3.sqlite"
#: What tests/data/make_store_v3.py stored with the release at 0360be3.
V3_DATASETS = {
    "mixed": (5, "33696c72cedf11810484a5afb89fa3142a487993f1f6fa019c9fbca71fe7c675"),
    "telemetry": (48, "429183bc5bba1e8a2d73a04aff2d2327b5ee86ad4b18efd524a565c67afe96e2"),
}


def telemetry(rows: int) -> pd.DataFrame:
    return pd.DataFrame({
        "device_id": [f"ATM-{i % 7}" for i in range(rows)],
        "time": pd.date_range("2024-01-01", periods=rows, freq="min"),
        "cash": np.arange(rows, dtype=float),
        "count": np.arange(rows, dtype=np.int64),
    })


def parts(store: Store) -> list[str]:
    root = data_dir(store.path)
    return sorted(p.name for p in root.iterdir()) if root.is_dir() else []


# --- writing -------------------------------------------------------------------------------


def test_rows_are_parquet_parts_named_by_the_catalogue(store: Store) -> None:
    info = store.write_dataset("t", telemetry(100), "telemetry", source="test")
    assert parts(store) == [info.table_name]
    assert [f.rows for f in info.files] == [100]
    assert not store.conn.execute("SELECT 1 FROM sqlite_master WHERE name LIKE 'ds_%' "
                                  "AND type = 'table'").fetchone()


def test_parts_are_cut_by_rows_and_keep_the_row_order(store: Store, monkeypatch) -> None:
    monkeypatch.setattr(part_writer, "ROW_GROUP_ROWS", 64)
    monkeypatch.setattr(part_writer, "PART_ROWS", 256)
    frame = telemetry(1000)
    with store.new_dataset("t", "telemetry", [Column(c, t) for c, t in
                                              (("device_id", "text"), ("time", "datetime"),
                                               ("cash", "float"), ("count", "integer"))],
                           source="test") as writer:
        for start in range(0, 1000, 37):
            writer.append(frame.iloc[start:start + 37])
    info = store.dataset("t")
    assert [f.rows for f in info.files] == [256, 256, 256, 232]
    assert info.data_hash == frame_hash(frame)
    pd.testing.assert_frame_equal(store.read_dataset("t"), frame, check_dtype=False)
    window = store.read_dataset("t", columns=["count"], limit=300, offset=500)
    assert window["count"].tolist() == list(range(500, 800))
    assert store.read_dataset("t", limit=5, offset=998)["count"].tolist() == [998, 999]


def test_a_failed_import_leaves_no_folder_and_no_entry(store: Store) -> None:
    with pytest.raises(RuntimeError, match="stopped"), \
            store.new_dataset("t", "table", [Column("x", "integer")], source="test") as writer:
        writer.append(pd.DataFrame({"x": [1, 2, 3]}))
        raise RuntimeError("stopped")
    assert parts(store) == [] and not store.has_dataset("t")


def test_a_failed_commit_removes_the_published_folder(store: Store, monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store, "audit", refuse)
    with pytest.raises(sqlite3.OperationalError):
        store.write_dataset("t", telemetry(10), "telemetry", source="test")
    assert parts(store) == [] and not store.has_dataset("t")


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.one_of(st.none(), st.integers(-2**63, 2**63 - 1)),
                          st.one_of(st.none(), st.floats(allow_nan=True)),
                          st.one_of(st.none(), st.text(max_size=8)),
                          st.one_of(st.none(), st.booleans()),
                          st.one_of(st.none(), st.integers(-2**40, 2**40))),
                min_size=0, max_size=30))
def test_any_values_read_back_with_the_recorded_hash(store: Store, rows) -> None:
    frame = pd.DataFrame({
        "i": pd.array([r[0] for r in rows], dtype="Int64"),
        "f": pd.array([r[1] for r in rows], dtype="float64"),
        "s": pd.Series([r[2] for r in rows], dtype=object),
        "b": pd.array([r[3] for r in rows], dtype="boolean"),
        "t": pd.to_datetime(pd.Series([r[4] for r in rows], dtype="Int64"), unit="s"),
    })
    name = f"h{len(store.datasets())}"
    info = store.write_dataset(name, frame, "table", source="test")
    assert frame_hash(store.read_dataset(name)) == info.data_hash == frame_hash(frame)


def test_times_outside_four_digit_years_keep_their_seconds(store: Store) -> None:
    times = pd.Series(np.array(["0500-01-02T03:04:05", "2024-01-01T00:00:00", "NaT"],
                               dtype="datetime64[s]"))
    info = store.write_dataset("old", pd.DataFrame({"t": times}), "table", source="test")
    back = store.read_dataset("old")["t"]
    assert back.astype("datetime64[s]").tolist()[:2] == times.tolist()[:2] and back.isna()[2]
    assert info.data_hash == frame_hash(pd.DataFrame({"t": times}))


# --- reading -------------------------------------------------------------------------------


def test_a_filter_is_pushed_down_and_keeps_the_row_order(store: Store) -> None:
    store.write_dataset("t", telemetry(500), "telemetry", source="test")
    start = pd.Timestamp("2024-01-01 02:00")
    got = store.read_dataset("t", columns=["time", "count"],
                             where=(pc.field("time") >= start) & (pc.field("device_id") == "ATM-3"))
    assert got["count"].tolist() == [c for c in range(120, 500) if c % 7 == 3]
    assert list(got.columns) == ["time", "count"]


def test_queries_run_on_the_files_without_loading_rows(store: Store) -> None:
    store.write_dataset("t", telemetry(500), "telemetry", source="test")
    [(count, latest, total)] = store.query_dataset(
        "t", 'SELECT count(*), max("time"), sum("count") FROM data')
    assert (count, total) == (500, sum(range(500)))
    assert pd.Timestamp(latest) == pd.Timestamp("2024-01-01 08:19")
    frame = store.query_dataset_frame("t", 'SELECT "device_id", "cash" FROM data WHERE "count" < ?',
                                      [3])
    assert frame["device_id"].tolist() == ["ATM-0", "ATM-1", "ATM-2"]


# --- the guard -----------------------------------------------------------------------------


def test_the_data_folder_is_owned_and_guarded(store: Store) -> None:
    info = store.write_dataset("t", telemetry(10), "telemetry", source="test")
    part = data_dir(store.path) / info.table_name / info.files[0].name
    assert is_store_owned(part, store.path)
    with pytest.raises(StoreFileError):
        check_input_path(part)
    with pytest.raises(StoreFileError):
        open(part, "rb")  # noqa: SIM115
    with pytest.raises(StoreFileError):
        os.remove(part)
    with pytest.raises(StoreFileError):
        shutil.rmtree(data_dir(store.path))
    with pytest.raises(StoreFileError):
        os.rename(part.parent, part.parent.with_name("elsewhere"))
    with pytest.raises(StoreFileError):
        os.link(part, store.path.parent / "copy.parquet")
    assert store.read_dataset("t")["count"].tolist() == list(range(10))


def test_store_access_opens_the_door_for_its_own_thread_only(store: Store) -> None:
    info = store.write_dataset("t", telemetry(10), "telemetry", source="test")
    part = data_dir(store.path) / info.table_name / info.files[0].name
    refused: list[BaseException] = []
    inside, done = threading.Event(), threading.Event()

    def other_thread() -> None:
        inside.wait(10)
        try:
            open(part, "rb").close()
        except StoreFileError as error:
            refused.append(error)
        done.set()

    thread = threading.Thread(target=other_thread)
    thread.start()
    with store_access():
        with open(part, "rb") as handle:
            assert handle.read(4) == b"PAR1"
        inside.set()
        done.wait(10)
    thread.join(10)
    assert len(refused) == 1


# --- checks and leftovers ------------------------------------------------------------------


def test_check_finds_a_missing_or_changed_part(store: Store) -> None:
    info = store.write_dataset("t", telemetry(50), "telemetry", source="test")
    part = data_dir(store.path) / info.table_name / info.files[0].name
    assert integrity_check(store.path, full=True).ok
    with store_access():
        original = part.read_bytes()
        replace_part(part, original[:-9] + bytes([original[-9] ^ 1]) + original[-8:])
    result = integrity_check(store.path, full=True)
    assert not result.ok
    with store_access():
        replace_part(part, original)
        assert integrity_check(store.path, full=True).ok
        part.unlink()
    assert "missing" in integrity_check(store.path, full=False).problems[0]


def test_leftovers_remove_unnamed_folders_once_old(store: Store) -> None:
    store.write_dataset("t", telemetry(10), "telemetry", source="test")
    named = parts(store)
    writer = part_writer.PartWriter(store.path, "ds_9_deadbeef", [("x", "integer")])
    writer.write([pa.array([1, 2], type=pa.int64())])
    writer.finish()
    part_writer.publish(writer)
    assert leftovers.remove_data_orphans(store) == []  # young: it may still be committing
    old = time.time() - datafiles.ORPHAN_AGE_SECONDS - 10
    folder = data_dir(store.path) / "ds_9_deadbeef"
    for path in (folder, *folder.iterdir()):
        os.utime(path, (old, old))
    messages = leftovers.clean_leftovers(store)
    assert parts(store) == named
    assert any("dataset folder" in str(m) for m in messages)


# --- migration from schema 3 ---------------------------------------------------------------


def test_a_store_of_the_last_release_migrates_to_parquet(tmp_path: Path) -> None:
    path = tmp_path / "bank.sqlite"
    shutil.copy(FIXTURE, path)
    with Store.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        for name, (rows, digest) in V3_DATASETS.items():
            info = store.dataset(name)
            frame = store.read_dataset(name)
            assert (info.row_count, info.data_hash) == (rows, digest)
            assert frame_hash(frame) == digest
        assert store.read_dataset("telemetry")["cash"].tolist() == [i * 100.0 for i in range(48)]
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
        assert not {t for t in tables if t.startswith("ds_")}
        [(detail,)] = store.conn.execute(
            "SELECT detail FROM audit_log WHERE action = 'store.parquet'").fetchall()
        assert '"datasets": 3' in detail and '"other_hash": 0' in detail
        [made] = backups.list_backups(path)
        assert made.reason == "migrate"
        # the trashed dataset moved too, and comes back with its rows
        from iotfin_gui.core import trash

        [entry] = trash.entries(store)
        trash.restore(store, entry.id)
        assert store.read_dataset("gone")["cash"].tolist() == [0.0, 100.0, 200.0, 300.0, 400.0]
    assert integrity_check(path, full=True).ok
    with sqlite3.connect(made.path) as old:
        assert old.execute("PRAGMA user_version").fetchone()[0] == 3


def test_a_migration_that_fails_leaves_the_old_store_whole(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "bank.sqlite"
    shutil.copy(FIXTURE, path)
    calls = {"n": 0}
    real = part_writer.publish

    def publish_then_fail(writer):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk full")
        return real(writer)

    monkeypatch.setattr(part_writer, "publish", publish_then_fail)
    with pytest.raises(OSError, match="disk full"):
        Store.open(path)
    root = data_dir(path)
    assert not root.exists() or list(root.iterdir()) == []
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
        assert conn.execute("SELECT count(*) FROM ds_2").fetchone()[0] == 48
    monkeypatch.setattr(part_writer, "publish", real)
    with Store.open(path) as store:
        assert store.dataset("telemetry").data_hash == V3_DATASETS["telemetry"][1]


def test_a_rotated_backup_takes_its_parts_and_a_copy_is_a_store(store: Store,
                                                                tmp_path: Path) -> None:
    store.write_dataset("t", telemetry(20), "telemetry", source="test")
    store.set_setting(backups.KEEP_SETTING, 2)
    made = [backups.backup(store, "manual") for _ in range(3)]
    assert not made[0].exists() and not data_dir(made[0]).exists()
    assert all(data_dir(path).is_dir() for path in made[1:])
    copy = backups.duplicate(made[-1], tmp_path / "copy.sqlite")
    with Store.open(copy) as other:
        assert other.read_dataset("t")["count"].tolist() == list(range(20))
    assert integrity_check(copy, full=True).ok


def test_restoring_a_backup_of_the_last_release_migrates_it(store: Store) -> None:
    """A schema-3 backup restored into a Parquet store: its tables move to Parquet, and the
    parts of the state it replaced go (they are in the backup taken before the restore)."""
    replaced = store.write_dataset("now", telemetry(10), "telemetry", source="test")
    old = backups_dir(store.path) / "2026-01-01T00-00-00Z_manual.sqlite"
    old.parent.mkdir(exist_ok=True)
    shutil.copy(FIXTURE, old)
    before = backups.restore(store.path, old)
    assert before is not None and data_dir(before).joinpath(replaced.table_name).is_dir()
    assert not (data_dir(store.path) / replaced.table_name).exists()
    assert {d.name for d in store.datasets()} == set(V3_DATASETS)
    for name, (_rows, digest) in V3_DATASETS.items():
        assert frame_hash(store.read_dataset(name)) == digest
    assert parts(store) == sorted(r[0] for r in store.conn.execute(
        "SELECT table_name FROM datasets"))
