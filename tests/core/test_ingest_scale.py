"""Imports at bank scale: Arrow columns end to end, the bounded duplicate check, big files.

The fast path now keeps texts, yes/no values and plain UTC times as Arrow arrays into the
Parquet parts and the data hash; these tests require the very dataset, hash and quarantine the
general path (the csv module, pandas columns) gives, on random clean files with every column
type, duplicates and bad cells. The duplicate check spills its keys to disk past a row budget;
it must find what pandas finds whether it spilled or not. A bad cell four million rows into a
file is quarantined naming its file, line and column.
"""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iotfin_gui.core.data_hash import ValueHash
from iotfin_gui.core.ingest import import_file
from iotfin_gui.core.ingest.validate import DuplicateTracker
from iotfin_gui.core.store import Store
from tests.core.test_ingest_fast_path import assert_same

MAPPING = {"kind": "telemetry", "columns": [
    {"source": "device_id", "name": "device_id", "type": "text", "role": "device_id"},
    {"source": "time", "name": "time", "type": "datetime", "role": "timestamp",
     "format": "ISO8601"},
    {"source": "cash", "name": "cash", "type": "float"},
    {"source": "door", "name": "door", "type": "boolean"},
    {"source": "errors", "name": "errors", "type": "integer"},
    {"source": "status", "name": "status", "type": "text"},
]}
HEADER = "device_id,time,cash,door,errors,status"
WORDS = ["true", "false", "yes", "No", "T", "f", "是", "否", "", "NA", " true "]


@st.composite
def clean_files(draw) -> bytes:
    """Plain CSV rows (no quotes) of every column type; some repeat a (device, time), some
    hold a yes/no value that is none, or an impossible date."""
    lines = [HEADER]
    for _ in range(draw(st.integers(1, 60))):
        device = draw(st.sampled_from(["ATM-1", "ATM-2", "设备3", "ATM 4"]))
        day, hour = draw(st.integers(1, 3)), draw(st.integers(0, 2))
        stamp = f"2024-01-0{day} 0{hour}:00:00"
        if draw(st.integers(0, 30)) == 0:
            stamp = "2024-02-30 00:00:00"
        door = draw(st.sampled_from(WORDS + (["maybe"] if draw(st.booleans()) else [])))
        cash = draw(st.sampled_from(["1.5", "-2", "200000.25", "", "0", "1e3"]))
        errors = draw(st.sampled_from(["0", "4", "-1", "12"]))
        status = draw(st.sampled_from(["in service", "maintenance", "", "维护"]))
        lines.append(",".join([device, stamp, cash, door, errors, status]))
    return "\n".join(lines).encode("utf-8")


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=clean_files(), chunk_rows=st.integers(2, 25),
       policy=st.sampled_from(["keep_first", "keep_last", "reject"]))
def test_random_clean_files_give_the_same_dataset_by_either_path(
        tmp_path_factory, data: bytes, chunk_rows: int, policy: str) -> None:
    folder = tmp_path_factory.mktemp("clean")
    path = folder / "clean.csv"
    path.write_bytes(data)
    assert_same(folder, path, mapping=MAPPING, chunk_rows=chunk_rows, duplicates=policy)


@pytest.mark.parametrize("spill", [False, True])
@pytest.mark.parametrize("policy", ["keep_first", "keep_last", "reject"])
def test_duplicate_check_finds_what_pandas_finds_spilled_or_not(spill: bool,
                                                                policy: str) -> None:
    rng = np.random.default_rng(7)
    rows = 20_000
    frame = pd.DataFrame({
        "time": (rng.integers(0, 50, rows) * 3600).astype("datetime64[s]"),
        "device": rng.choice(["A", "B", "C", None, "设备"], rows).astype(object),
    })
    budget = 3_000 if spill else rows + 1
    with mock.patch.object(DuplicateTracker, "MEMORY_ROWS", budget), \
            mock.patch.object(DuplicateTracker, "PARTITIONS", 5):
        tracker = DuplicateTracker("time", ["device"])
        for start in range(0, rows, 1000):
            part = frame.iloc[start:start + 1000].reset_index(drop=True)
            # Alternate pandas columns (general path) and Arrow ones (fast path).
            tracker.add(part if start % 2000 else {
                "time": pa.array(part["time"].to_numpy(), type=pa.timestamp("s")),
                "device": pa.array(part["device"].to_numpy(), type=pa.string(), from_pandas=True)})
        found, groups = tracker.drops(policy)
        spilled = tracker._spill is not None
        folder = tracker._spill.folder if spilled else None
        tracker.close()
    assert spilled == spill
    assert folder is None or not folder.exists()
    keep = {"keep_first": "first", "keep_last": "last", "reject": False}[policy]
    expected = np.flatnonzero(frame.duplicated(["time", "device"], keep=keep))
    assert found.tolist() == expected.tolist()
    assert groups == frame[frame.duplicated(["time", "device"], keep=False)].groupby(
        ["time", "device"], dropna=False).ngroups


@given(texts=st.lists(st.one_of(st.none(), st.text(max_size=5)), max_size=30),
       flags=st.lists(st.one_of(st.none(), st.booleans()), max_size=30),
       seconds=st.lists(st.integers(-2**40, 2**40), max_size=30))
@settings(max_examples=80, deadline=None)
def test_arrow_columns_hash_as_the_same_series(texts, flags, seconds) -> None:
    columns = [("t", "text"), ("b", "boolean"), ("s", "datetime")]
    rows = min(len(texts), len(flags), len(seconds))
    texts, flags, seconds = texts[:rows], flags[:rows], seconds[:rows]
    stamps = np.array(seconds, dtype="datetime64[s]")
    by_arrow, by_series = ValueHash(columns), ValueHash(columns)
    for index, values in enumerate([pa.array(texts, type=pa.string()),
                                    pa.array(flags, type=pa.bool_()),
                                    pa.array(stamps, type=pa.timestamp("s"))]):
        by_arrow.update(index, values)
    for index, values in enumerate([pd.Series(texts, dtype=object),
                                    pd.Series(pd.array(flags, dtype="boolean")),
                                    pd.Series(stamps)]):
        by_series.update(index, values)
    by_arrow.advance(rows)
    by_series.advance(rows)
    assert by_arrow.hexdigest() == by_series.hexdigest()


def test_a_bad_cell_four_million_rows_in_is_quarantined_naming_its_row(tmp_path: Path) -> None:
    """4,000,000 good rows, then row 4,000,001 (line 4,000,002) with a cash that is no number,
    then more good rows: the one row is set aside, every other row stored."""
    path = tmp_path / "big.csv"
    conn = duckdb.connect()
    conn.execute(f"""
        COPY (SELECT printf('ATM-%04d', i % 1000) AS device_id,
                     TIMESTAMP '2024-01-01' + to_hours(CAST(i // 1000 AS BIGINT)) AS time,
                     CASE WHEN i = 4000000 THEN '12,5x' ELSE CAST(i % 977 AS VARCHAR) END
                         AS cash,
                     i % 7 = 0 AS door
              FROM range(4000100) t(i)) TO '{path}' (HEADER, DELIMITER ',')""")
    conn.close()
    with Store.open(tmp_path / "s.sqlite") as store:
        result = import_file(store, path, name="big", kind="telemetry")
        rows = store.conn.execute(
            "SELECT file, line, column_name, raw FROM quarantine").fetchall()
        stored = store.dataset("big").row_count
    assert rows == [("big.csv", 4_000_002, "cash", "12,5x")]
    assert result.rows_quarantined == 1
    assert stored == result.rows_imported == 4_000_099


def test_digits_signs_and_points_name_no_currency() -> None:
    """The premise that lets the importer skip the currency sample of such chunks."""
    import itertools

    from iotfin_gui.core.ingest.numbers import currency

    texts = ("".join(t) for n in range(1, 6) for t in itertools.product("019+-.", repeat=n))
    assert not [text for text in texts if currency(text) is not None]


def test_read_ahead_keeps_order_raises_where_the_reader_failed_and_stops() -> None:
    import threading

    from iotfin_gui.core.ingest.pipeline import read_ahead

    def items():
        yield from range(5)
        raise ValueError("damaged at 5")

    seen = []
    with pytest.raises(ValueError, match="damaged at 5"), read_ahead(items()) as chunks:
        seen.extend(chunks)
    assert seen == [0, 1, 2, 3, 4]
    endless = iter(lambda: 1, None)
    with read_ahead(endless, depth=1) as chunks:
        assert next(chunks) == 1
    assert not [t for t in threading.enumerate() if t.name == "iotfin-read-ahead"]


def test_a_cancelled_big_import_stops_its_threads_and_stores_nothing(tmp_path: Path) -> None:
    import itertools
    import threading

    from iotfin_gui.core.errors import JobCancelled
    from iotfin_gui.core.jobs import JobContext

    path = tmp_path / "t.csv"
    path.write_text(HEADER + "\n" + "".join(
        f"ATM-{i % 50},2024-01-{1 + i // 5000:02d} {i % 24:02d}:00:00,1.5,yes,0,ok\n"
        for i in range(60_000)))
    calls = itertools.count()
    with Store.open(tmp_path / "s.sqlite") as store:
        with pytest.raises(JobCancelled):
            import_file(store, path, name="t", mapping=MAPPING, chunk_rows=5_000,
                        allow_duplicate_file=True,
                        ctx=JobContext(cancel_requested=lambda: next(calls) > 4))
        assert not store.has_dataset("t")
        assert store.conn.execute("SELECT count(*) FROM imports").fetchone()[0] == 0
    assert not [t for t in threading.enumerate()
                if t.name.startswith(("iotfin-read-ahead", "iotfin-parquet", "iotfin-duplicates"))]
    data = tmp_path / "s_data"
    assert not data.exists() or not list(data.iterdir())
