"""Import core against hostile input: every failure is explained and the store is unchanged."""

from __future__ import annotations

import errno
import itertools
import os
import sqlite3
from pathlib import Path

import pytest

from iotfin_gui.core.errors import InputError, JobCancelled, StoreError
from iotfin_gui.core.ingest import DuplicateFileError, import_file, preview
from iotfin_gui.core.ingest.detect import sniff
from iotfin_gui.core.ingest.readers import open_reader
from iotfin_gui.core.jobs import JobContext


def snapshot(store) -> tuple:
    """Everything an import could touch: the schema and every table's rows."""
    tables = [r[0] for r in store.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return tuple((t, tuple(store.conn.execute(f'SELECT * FROM "{t}"').fetchall()))
                 for t in tables)


@pytest.fixture
def seeded(store, tmp_path: Path):
    """A store that already holds one import, which must survive every failure."""
    path = tmp_path / "seed.csv"
    path.write_text("device_id,time,v\nA,2024-01-01 00:00:00,1\n")
    import_file(store, path, name="seed")
    return store


def quarantine(store) -> list[tuple]:
    return store.conn.execute(
        "SELECT line, column_name, raw, reason FROM quarantine ORDER BY id").fetchall()


@pytest.mark.parametrize(("content", "message"), [
    (b"", "empty"),
    (b"device_id,time,v\n", "no data rows"),
    (bytes(range(256)) * 64, "binary"),
])
def test_files_that_cannot_be_imported_at_all(tmp_path: Path, seeded, content, message) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    before = snapshot(seeded)
    with pytest.raises(InputError, match=message) as caught:
        import_file(seeded, path)
    assert "bad.csv" in str(caught.value)
    assert snapshot(seeded) == before


def test_ragged_truncated_nul_impossible_date_and_missing_roles(tmp_path: Path, store) -> None:
    path = tmp_path / "messy.csv"
    path.write_bytes(
        b"device_id,time,v\n"
        b"A,2024-01-01 00:00:00,1\n"          # 2 ok
        b"A,2024-01-01 01:00:00,1,extra\n"    # 3 ragged
        b"A,2023-02-30 00:00:00,1\n"          # 4 impossible date
        b"A,2024-01-01 02:00:00,abc\n"        # 5 not a number
        b",2024-01-01 03:00:00,1\n"           # 6 missing device
        b"A,2024-01-01 04:00:00,\n"           # 7 missing metric: fine
        b"A,2024-01-01 05:\x0000:00,1\n"      # 8 NUL byte
        b'A,"2024-01-01\n06:00:00",1\n'       # 9-10 quoted newline: bad date on line 9
        b"A,2024-01-01 07:00:00,9\n"          # 11 ok
        b"A,2024-01-01 08:0"                  # 12 truncated last line
    )
    result = import_file(store, path)
    assert (result.rows_imported, result.rows_quarantined, result.rows_read) == (3, 7, 10)
    lines = {line: (column, reason) for line, column, _, reason in quarantine(store)}
    assert set(lines) == {3, 4, 5, 6, 8, 9, 12}
    assert "expected 3 fields, found 4" in lines[3][1]
    assert lines[4][0] == "time" and "not a valid date" in lines[4][1]
    assert lines[5] == ("v", "is not a number")
    assert "missing" in lines[6][1]
    assert "NUL" in lines[8][1]
    assert store.read_dataset(result.dataset)["v"].isna().tolist() == [False, True, False]


def test_unclosed_quote_is_quarantined_with_its_line(tmp_path: Path, store) -> None:
    path = tmp_path / "quote.csv"
    path.write_text('device_id,time,v\nA,2024-01-01 00:00:00,1\nA,"2024-01-01 01:00:00,2\n'
                    "A,2024-01-01 02:00:00,3\n")
    result = import_file(store, path)
    assert result.rows_imported == 1
    [(line, _, _, reason)] = quarantine(store)
    assert line == 3 and "unclosed quote" in reason


def test_mixed_encodings_in_one_file(tmp_path: Path, store) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes("设备,时间,值\nA,2024-01-01 00:00:00,1\n".encode()
                     + "北京,2024-01-01 01:00:00,2\n".encode("gbk"))
    result = import_file(store, path)
    [(line, column, raw, reason)] = quarantine(store)
    assert (line, column) == (3, "设备") and "not valid utf-8" in reason and "\\x" in raw
    assert result.rows_imported == 1


def test_huge_sparse_file_is_refused_without_reading_it_into_memory(tmp_path: Path,
                                                                    seeded) -> None:
    path = tmp_path / "huge.csv"
    with open(path, "wb") as handle:
        handle.write(b"device_id,time,v\n" + b"A,2024-01-01 00:00:00,1\n" * 5000)
        handle.truncate(2 * 1024**3)
    before = snapshot(seeded)
    with pytest.raises(InputError, match="without a line break after line 5002"):
        import_file(seeded, path)
    assert snapshot(seeded) == before


def test_reading_streams_chunk_by_chunk(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with open(path, "w") as handle:
        handle.write("device_id,time,v\n")
        handle.writelines(f"A,2024-01-01 00:00:00,{i}\n" for i in range(200_000))
    with open_reader(sniff(path), chunk_rows=1000) as reader:
        first = next(reader.chunks())
        assert len(first) == 1000
        assert reader.bytes_read < path.stat().st_size / 2


def test_cancel_and_file_deleted_mid_import_leave_the_store_unchanged(tmp_path: Path,
                                                                     seeded) -> None:
    path = tmp_path / "t.csv"
    path.write_text("device_id,time,v\n" + "".join(
        f"A,2024-01-01 {h:02d}:{m:02d}:00,1\n" for h, m in itertools.product(range(24), range(60))))
    before = snapshot(seeded)
    calls = itertools.count()
    with pytest.raises(JobCancelled):
        import_file(seeded, path, chunk_rows=100,
                    ctx=JobContext(cancel_requested=lambda: next(calls) > 5))
    assert snapshot(seeded) == before

    def delete(fraction, message) -> None:
        if path.exists() and "rows" in message:
            path.unlink()

    with pytest.raises(InputError, match="deleted"):
        import_file(seeded, path, chunk_rows=100, ctx=JobContext(delete))
    assert snapshot(seeded) == before


def test_disk_full_and_read_only_store(tmp_path: Path, seeded, store_path: Path,
                                      monkeypatch) -> None:
    from iotfin_gui.core import datafiles, part_writer

    path = tmp_path / "t.csv"
    path.write_text("device_id,time,v\n" + "".join(
        f"A{i},2024-01-01 00:00:00,{i}\n" for i in range(20_000)))
    folders = sorted(p.name for p in datafiles.data_dir(store_path).iterdir())

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(part_writer.PartWriter, "_flush", full)
    before = snapshot(seeded)
    with pytest.raises(StoreError, match="full"):
        import_file(seeded, path, chunk_rows=1000)
    assert snapshot(seeded) == before
    assert sorted(p.name for p in datafiles.data_dir(store_path).iterdir()) == folders
    seeded.close()
    os.chmod(store_path, 0o444)
    try:
        from iotfin_gui.core.store import Store

        with pytest.raises(StoreError, match="read-only"):
            Store.open(store_path)
    finally:
        os.chmod(store_path, 0o644)
    with sqlite3.connect(store_path) as conn:
        assert conn.execute("SELECT count(*) FROM datasets").fetchone()[0] == 1


def test_sql_keyword_and_quoted_column_names_and_2000_columns(tmp_path: Path, store) -> None:
    path = tmp_path / "odd.csv"
    path.write_text('select,"we""ird",from,"drop table x;--"\n1,2,3,4\n')
    result = import_file(store, path)
    assert result.columns == ["select", 'we"ird', "from", "drop table x;--"]
    assert store.read_dataset(result.dataset).iloc[0].tolist() == [1, 2, 3, 4]
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(f"c{i}" for i in range(2000)) + "\n"
                    + ",".join(str(i) for i in range(2000)) + "\n")
    assert import_file(store, wide).rows_imported == 1
    assert len(preview(wide, rows=1).frame.columns) == 2000


@pytest.mark.parametrize(("policy", "kept", "quarantined"), [
    ("keep_first", [1, 3], 1), ("keep_last", [2, 3], 1), ("reject", [3], 2)])
def test_duplicate_policies(tmp_path: Path, store, policy, kept, quarantined) -> None:
    path = tmp_path / "dup.csv"
    path.write_text("device_id,time,v\nA,2024-01-01 00:00:00,1\nA,2024-01-01 00:00:00,2\n"
                    "B,2024-01-01 00:00:00,3\n")
    result = import_file(store, path, duplicates=policy)
    assert store.read_dataset(result.dataset)["v"].tolist() == kept
    assert result.rows_quarantined == quarantined == result.duplicates
    assert all("duplicate" in reason for *_, reason in quarantine(store))
    assert store.dataset(result.dataset).row_count == len(kept)


def test_reimport_of_same_content_is_refused_unless_allowed(tmp_path: Path, seeded) -> None:
    copy = tmp_path / "copy.csv"
    copy.write_bytes((tmp_path / "seed.csv").read_bytes())
    before = snapshot(seeded)
    with pytest.raises(DuplicateFileError) as caught:
        import_file(seeded, copy)
    assert caught.value.previous[0]["id"] == 1
    assert snapshot(seeded) == before
    assert import_file(seeded, copy, allow_duplicate_file=True).rows_imported == 1


def test_a_file_whose_dataset_was_deleted_imports_again(tmp_path: Path, seeded) -> None:
    copy = tmp_path / "copy.csv"
    copy.write_bytes((tmp_path / "seed.csv").read_bytes())
    first = seeded.datasets()[0].name
    seeded.delete_dataset(first)
    again = import_file(seeded, copy)
    assert again.rows_imported == 1
    with pytest.raises(DuplicateFileError):
        import_file(seeded, tmp_path / "seed.csv")
