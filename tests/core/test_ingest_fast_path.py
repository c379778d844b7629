"""The CSV fast path (Arrow splitting and conversion) against the general path (csv module).

Most tests import the same file twice, once as it is and once with the fast path switched off,
and require identical datasets, data hashes, quarantined rows and counts. The rest pin down
the premises the fast path relies on and the other hot spots made faster with it (stored time
texts, number reading, the duplicate check).
"""

from __future__ import annotations

import itertools
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.ingest import import_file
from iotfin_gui.core.ingest.detect import sniff
from iotfin_gui.core.ingest.readers import CsvReader, open_reader
from iotfin_gui.core.ingest.validate import _PLAIN
from iotfin_gui.core.store import Store

MAPPING = {"kind": "telemetry", "columns": [
    {"source": "device_id", "name": "device_id", "type": "text", "role": "device_id"},
    {"source": "time", "name": "time", "type": "datetime", "role": "timestamp",
     "format": "ISO8601"},
    {"source": "temp", "name": "temp", "type": "float"},
    {"source": "count", "name": "count", "type": "integer"},
    {"source": "note", "name": "note", "type": "text"},
]}
HEADER = "device_id,time,temp,count,note"


@contextmanager
def fast_path(enabled: bool):
    """Yields the list of fast chunks made; with ``enabled`` false, every block goes to csv."""
    made: list[int] = []
    original = CsvReader._fast_chunk

    def spy(self, *args):
        chunk = original(self, *args) if enabled else None
        if chunk is not None:
            made.append(len(chunk))
        return chunk

    with mock.patch.object(CsvReader, "_fast_chunk", spy):
        yield made


def outcome(store_path: Path, path: Path, fast: bool, **options) -> dict:
    """Everything an import stores, without ids and times."""
    with Store.open(store_path) as store, fast_path(fast) as made:
        try:
            result = import_file(store, path, name="d", allow_duplicate_file=True, **options)
        except InputError as error:
            return {"error": str(error), "fast_chunks": made}
        frame = store.read_dataset("d")
        quarantine = store.conn.execute(
            "SELECT line, column_name, raw, reason FROM quarantine ORDER BY id").fetchall()
        summary = {k: v for k, v in result.summary().items()
                   if k not in ("import_id", "dataset_id")}
        return {"frame": frame, "hash": store.dataset("d").data_hash, "quarantine": quarantine,
                "summary": summary, "fast_chunks": made}


def assert_same(tmp_path: Path, path: Path, *, expect_fast: bool = True, **options) -> dict:
    fast = outcome(tmp_path / "fast.sqlite", path, True, **options)
    slow = outcome(tmp_path / "slow.sqlite", path, False, **options)
    assert not slow["fast_chunks"]
    if expect_fast:
        assert fast["fast_chunks"], "the fast path was never taken"
    if "error" in slow:
        assert fast["error"] == slow["error"]
        return fast
    pd.testing.assert_frame_equal(fast["frame"], slow["frame"])
    for key in ("hash", "quarantine", "summary"):
        assert fast[key] == slow[key], key
    return fast


MESSY = [
    HEADER,
    "A,2024-01-01 00:00:00,1.5,1,plain",
    "B,2024-01-01T00:01:00,-2,2,",
    "",
    "C,2024-01-01 00:02:00,,3,x",
    'D,2024-01-01 00:03:00,4,4,"quoted, with comma"',
    'E,2024-01-01 00:04:00,5,5,"two',
    'lines"',
    "F,2024-01-01 00:05:00,6,6",
    "G,2024-01-01 00:06:00,7,7,a,extra",
    "H,2024-02-30 00:07:00,8,8,bad date",
    "I,2024-01-01 00:08:00,abc,9,bad number",
    "J,2024-01-01 00:09:00,1e400,+5,plus sign",
    "K,2024-01-01 00:10:00, 4,007,space",
    "L,2024-01-01 00:11:00,0x1F,1.5,not whole",
    ",2024-01-01 00:12:00,1,1,no device",
    "M,,1,1,no time",
    "N,2024-01-01 00:13:00,1,1,nul\x00byte",
    "设备1,2024-01-01 00:14:00,1,1,中文",
    "O,2024-01-01 00:15:00.5,1,1,fraction",
    "P,2024-01-01 00:16:00,NA,-,missing tokens",
    'Q,2024-01-01 00:17:00,1,1,bad"quote',
    "R,2024-01-01 00:18:00,1,99999999999999999999,overflow",
    "S,2024-01-01 00:19:00,.5,-0,edge",
    "T,2024-01-01 00:20:00,5.,1,edge",
    "",
    "",
    "U,2024-01-01 00:21:00,1,1,last",
]


@pytest.mark.parametrize("chunk_rows", [1, 2, 3, 5, 8, 50_000])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_messy_file_gives_the_same_dataset_and_quarantine(tmp_path: Path, chunk_rows: int,
                                                         newline: str) -> None:
    path = tmp_path / "messy.csv"
    path.write_bytes(newline.join(MESSY).encode("utf-8"))
    result = assert_same(tmp_path, path, mapping=MAPPING, chunk_rows=chunk_rows,
                         expect_fast=chunk_rows < 50_000)
    # 1e400 is out of range (line 13); 007 and 99999999999999999999 make count text, so the
    # 1.5 and the overflow of lines 15 and 23 are kept as written.
    assert [line for line, *_ in result["quarantine"]] == [9, 10, 11, 12, 13, 15, 16, 17, 18]
    assert result["summary"]["rows"] == 14


@pytest.mark.parametrize("tz", ["UTC", "Europe/Berlin"])
def test_clean_file_is_read_by_the_fast_path_with_exact_lines(tmp_path: Path, tz: str) -> None:
    rows = [f"A{i % 3},2024-03-31 {i % 24:02d}:{i % 60:02d}:00,{i / 7:.4f},{i},n{i}"
            for i in range(200)]
    rows[50] = ""
    rows[120] = "A1,2024-03-31 02:30:00,1,1,inexistent in Berlin"
    path = tmp_path / "clean.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n")
    result = assert_same(tmp_path, path, mapping=MAPPING, chunk_rows=40, tz=tz)
    assert sum(result["fast_chunks"]) + len(result["quarantine"]) >= 199


def test_encodings_with_and_without_bom(tmp_path: Path) -> None:
    rows = [HEADER] + [f"设备{i},2024-01-01 00:{i:02d}:00,{i}.5,{i},备注" for i in range(40)]
    rows += [f"ascii{i},2024-01-01 01:{i:02d}:00,{i},{i},plain" for i in range(40)]
    text = "\n".join(rows) + "\n"
    for name, data in [("gbk.csv", text.encode("gb18030")),
                       ("bom.csv", b"\xef\xbb\xbf" + text.encode("utf-8")),
                       ("utf16.csv", text.encode("utf-16"))]:
        path = tmp_path / name
        path.write_bytes(data)
        folder = tmp_path / name.split(".")[0]
        folder.mkdir()
        assert_same(folder, path, mapping=MAPPING, chunk_rows=10,
                    expect_fast=name != "utf16.csv")


def test_undecodable_rows_are_quarantined_by_either_path(tmp_path: Path) -> None:
    good = [f"A,2024-01-01 00:{i:02d}:00,1,{i},ok".encode() for i in range(30)]
    good[12] = b"A,2024-01-01 00:12:00,1,12,caf\xe9"
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"\n".join([HEADER.encode(), *good]) + b"\n")
    result = assert_same(tmp_path, path, mapping=MAPPING, chunk_rows=5, encoding="utf-8")
    assert [line for line, *_ in result["quarantine"]] == [14]


def test_header_with_a_lone_carriage_return_keeps_lines_exact(tmp_path: Path) -> None:
    path = tmp_path / "cr.csv"
    path.write_bytes(b"x,y\rA,1\nB,2\nC,3\n")
    with open_reader(sniff(path, header=True), chunk_rows=10) as reader:
        chunks = [c.plain() for c in reader.chunks()]
    assert reader.columns == ["x", "y"]
    assert [int(n) for c in chunks for n in c.lines] == [2, 3, 4]
    assert [v for c in chunks for v in c.columns["x"]] == ["A", "B", "C"]


def test_preview_sees_plain_strings(tmp_path: Path) -> None:
    from iotfin_gui.core.ingest import preview

    path = tmp_path / "p.csv"
    path.write_text(HEADER + "\nA,2024-01-01 00:00:00,1.5,1,x\n")
    look = preview(path, rows=5)
    assert look.raw.iloc[0].tolist() == ["A", "2024-01-01 00:00:00", "1.5", "1", "x"]


CELLS = {
    "device_id": ["A", "B", "设备", "", '"Q,1"', "A B"],
    "time": ["2024-01-0{d} 0{h}:00:00", "2024-01-0{d}T0{h}:30:00", "2024-02-30 00:00:00", "",
             "yesterday", "2024-01-0{d} 0{h}:00:00.25", "2024-01-0{d}", "1500-01-01 00:00:00"],
    "temp": ["1.5", "-2", "+3", "1e400", "", "NA", "abc", " 4", "1_0", ".5", "5.", "-0.0",
             "1e-400", "12345678901234567890.123"],
    "count": ["1", "-3", "007", "+5", "", "1.0", "1.5", "99999999999999999999", "x", "0x10",
              "-", "9007199254740993", "1_000", "1e3", "inf"],
    "note": ["", "hello", '"with, comma"', '"multi\nline"', '"quote "" inside"', "中文",
             'a"b', '"unclosed', *["plain", "x y", "", "备注"] * 4],
}


@st.composite
def messy_files(draw) -> bytes:
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    lines = [HEADER]
    for _ in range(draw(st.integers(1, 40))):
        shape = draw(st.sampled_from(["row"] * 8 + ["blank", "short", "long", "nul"]))
        if shape == "blank":
            lines.append("")
            continue
        cells = [draw(st.sampled_from(CELLS[name])).format(d=draw(st.integers(1, 9)),
                                                           h=draw(st.integers(0, 9)))
                 for name in CELLS]
        if shape == "short":
            cells = cells[:-1]
        elif shape == "long":
            cells.append("extra")
        elif shape == "nul":
            cells[4] = "n\x00"
        lines.append(",".join(cells))
    return newline.join(lines).encode(draw(st.sampled_from(["utf-8", "gb18030"])))


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=messy_files(), chunk_rows=st.integers(1, 12))
def test_random_messy_files_give_identical_imports(tmp_path_factory, data: bytes,
                                                   chunk_rows: int) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "f.csv"
    path.write_bytes(data)
    assert_same(folder, path, mapping=MAPPING, chunk_rows=chunk_rows, expect_fast=False)


def _arrow_reads(texts: list[str], kind: pa.DataType) -> list:
    """Each text cast alone (None where Arrow refuses it)."""
    try:
        return pc.cast(pa.array(texts), kind).to_pylist()
    except pa.ArrowInvalid:
        if len(texts) == 1:
            return [None]
        half = len(texts) // 2
        return _arrow_reads(texts[:half], kind) + _arrow_reads(texts[half:], kind)


@pytest.mark.parametrize(("kind", "alphabet", "length", "python"), [
    (pa.float64(), "019+-.eE", 5, float), (pa.int64(), "019-", 7, int)])
def test_arrow_reads_plain_numbers_only_as_python_does(kind, alphabet, length, python) -> None:
    """The fast path's premise (see ``_PLAIN``): over the allowed bytes, whatever Arrow's cast
    reads, Python reads to the same value."""
    table = _PLAIN["float" if python is float else "integer"]
    assert all(table[ord(c)] for c in alphabet)
    texts = ["".join(p) for n in range(1, length + 1)
             for p in itertools.product(alphabet, repeat=n)]
    for text, value in zip(texts, _arrow_reads(texts, kind), strict=True):
        if value is not None:
            assert python(text) == value, text


@pytest.mark.parametrize("kind", ["integer", "float"])
def test_plain_bytes_are_exactly_the_plain_set(kind: str) -> None:
    from iotfin_gui.core.ingest.validate import _plain_bytes

    for byte in range(256):
        data = np.array([ord("1"), byte, ord("2")], dtype=np.uint8)
        assert _plain_bytes(data, kind) == bool(_PLAIN[kind][byte]), byte
    assert _plain_bytes(np.empty(0, dtype=np.uint8), kind)


@settings(max_examples=300, deadline=None)
@given(number=st.floats(allow_nan=False), style=st.sampled_from(["r", "e", "f", "g"]))
def test_arrow_float_values_equal_python_floats(number: float, style: str) -> None:
    text = {"r": repr(number), "e": f"{number:.17e}", "f": f"{number:.6f}",
            "g": f"{number:.12g}"}[style]
    if "inf" in text:
        return
    assert pc.cast(pa.array([text]), pa.float64())[0].as_py() == float(text)


@pytest.mark.parametrize(("kind", "text", "expected"), [
    ("float", "1,234.5", 1234.5), ("float", "١٢", 12.0), ("integer", "12,34,567", 1234567),
    ("integer", "9007199254740993", 9007199254740993), ("integer", "1e3", 1000)])
def test_a_number_reads_the_same_whatever_else_its_chunk_holds(kind, text, expected) -> None:
    """The general path reads a value alone, or next to a missing or bad one, the same way."""
    from iotfin_gui.core.ingest.readers import RawChunk
    from iotfin_gui.core.ingest.roles import Mapping
    from iotfin_gui.core.ingest.validate import ChunkConverter

    converter = ChunkConverter(Mapping.from_dict(
        {"kind": "table", "columns": [{"source": "c", "name": "c", "type": kind}]}))
    for neighbours in ([], [""], ["bad"]):
        values = (text, *neighbours)
        converted = converter.convert(RawChunk({"c": values}, np.arange(2, 2 + len(values))))
        assert converted.frame["c"].iloc[0] == expected
        assert [r.line for r in converted.rejects] == ([3] if neighbours == ["bad"] else [])


@pytest.mark.parametrize("others", [1, 4])
@pytest.mark.parametrize("policy", ["keep_first", "keep_last", "reject"])
def test_duplicate_tracker_matches_pandas(others: int, policy: str) -> None:
    """Also with keys too wide for one mixed-radix int64 (four columns of 2,000 values)."""
    from iotfin_gui.core.ingest.validate import DuplicateTracker

    rng = np.random.default_rng(others)
    rows = 6000
    seconds = rng.choice([-9_000_000_000, 0, 60, 9_000_000_000], rows)
    frame = pd.DataFrame({"time": seconds.astype("datetime64[s]").astype("datetime64[us]")})
    for k in range(others):
        values = rng.integers(0, 2000 if others > 1 else 3, rows).astype(str).astype(object)
        values[rng.random(rows) < 0.05] = None
        frame[f"o{k}"] = values
    names = [f"o{k}" for k in range(others)]
    tracker = DuplicateTracker("time", names)
    for start in range(0, rows, 1000):
        tracker.add(frame.iloc[start:start + 1000].reset_index(drop=True))
    found, groups = tracker.drops(policy)
    keep = {"keep_first": "first", "keep_last": "last", "reject": False}[policy]
    expected = np.flatnonzero(frame.duplicated(["time", *names], keep=keep))
    assert found.tolist() == expected.tolist()
    assert groups == frame[frame.duplicated(["time", *names], keep=False)].groupby(
        ["time", *names], dropna=False).ngroups


@settings(max_examples=120, deadline=None)
@given(lines=st.lists(st.binary(max_size=12).map(lambda b: b.replace(b"\n", b"")), max_size=40),
       ended=st.booleans(), read_bytes=st.integers(1, 40),
       counts=st.lists(st.integers(1, 9), min_size=1, max_size=8))
def test_lines_are_cut_after_the_asked_line_break_whatever_the_reads(
        lines: list[bytes], ended: bool, read_bytes: int, counts: list[int]) -> None:
    """The reader's blocks hold exactly the lines asked for, however the file's reads fall
    (the line break that ends a block is looked for only in the last read)."""
    import io

    from iotfin_gui.core.ingest import readers

    data = b"\n".join(lines) + (b"\n" if ended and lines else b"")
    taken = readers._Lines(io.BytesIO(data), skip_bom=False)
    blocks = []
    with mock.patch.object(readers, "_READ_BYTES", read_bytes):
        for count in itertools.cycle(counts):
            block, newlines = taken.take(count)
            if not block:
                break
            assert newlines == block.count(b"\n")
            assert newlines == count or b"".join(blocks) + block == data
            assert block.endswith(b"\n") or b"".join(blocks) + block == data
            blocks.append(block)
    assert b"".join(blocks) == data


ACCOUNT_MAPPING = {"kind": "telemetry", "columns": [
    {"source": "device_id", "name": "device_id", "type": "text", "role": "device_id"},
    {"source": "time", "name": "time", "type": "datetime", "role": "timestamp",
     "format": "ISO8601"},
    {"source": "amount", "name": "amount", "type": "float"},
    {"source": "account", "name": "account", "type": "integer"},
    {"source": "note", "name": "note", "type": "text"},
]}
HOSTILE = {
    "device_id": ["ATM-{i}", "ATM-{i}", "柜员机{i}", ""],
    "time": ["2024-01-01 {h:02d}:00:00"] * 6 + ["2024-02-30 00:00:00", "", "2024-13-01 00:00:00",
                                               "01/02/2024"],
    "amount": ["{i}.5", "-{i}", "1,234.50", "12,345,678.25", "", "NA", "abc", "1e400", "{i}"],
    "account": ["{i}", "62220210{i:012d}", "00{i}", "", "1234567890123456", "x{i}"],
    "note": ["", "plain", "备注{i}", "中文 text", "1,5"],
}


@st.composite
def hostile_files(draw) -> tuple[bytes, str]:
    """Semicolon tables of telemetry with hostile cells: thousands separators, blanks, bad and
    impossible dates, Chinese text (UTF-8 or GBK) and 20-digit account numbers."""
    rows = ["device_id;time;amount;account;note"]
    clean = draw(st.booleans())
    for i in range(draw(st.integers(1, 30))):
        cells = [draw(st.sampled_from(HOSTILE[name][:2] if clean else HOSTILE[name]))
                 .format(i=i, h=i % 24) for name in HOSTILE]
        rows.append(";".join(cells))
    encoding = draw(st.sampled_from(["utf-8", "gb18030"]))
    return "\n".join(rows).encode(encoding) + b"\n", encoding


@settings(max_examples=50, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(file=hostile_files(), chunk_rows=st.integers(1, 12))
def test_hostile_cells_give_the_same_rows_and_quarantine_by_either_path(
        tmp_path_factory, file: tuple[bytes, str], chunk_rows: int) -> None:
    data, encoding = file
    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "hostile.csv"
    path.write_bytes(data)
    assert_same(folder, path, mapping=ACCOUNT_MAPPING, chunk_rows=chunk_rows, delimiter=";",
                encoding=encoding, expect_fast=False)


def test_account_numbers_and_thousands_read_alike_by_either_path(tmp_path: Path) -> None:
    """Clean blocks go the fast way, with numbers kept as Arrow arrays; a block with a
    thousands separator, blanks and a bad date the careful way; a 20-digit account number in
    the last block makes the account column text. Both give the same dataset."""
    rows = ["device_id;time;amount;account;note"]
    rows += [f"ATM-{i % 7};2024-01-01 {i % 24:02d}:{i % 60:02d}:00;{i}.25;{i};备注"
             for i in range(60)]
    rows[25] = "ATM-1;2024-02-30 00:00:00;1,234.50;;"
    rows[26] = "ATM-2;;;7;blank time"
    rows.append("ATM-3;2024-01-02 00:00:00;5;62220210000000000001;twenty digits")
    path = tmp_path / "accounts.csv"
    path.write_bytes(("\n".join(rows) + "\n").encode("gb18030"))
    result = assert_same(tmp_path, path, mapping=ACCOUNT_MAPPING, chunk_rows=10,
                         delimiter=";", encoding="gb18030")
    frame = result["frame"]
    assert frame["account"].iloc[-1] == "62220210000000000001"
    assert frame["account"].iloc[0] == "0"
    assert [line for line, *_ in result["quarantine"]] == [26, 27]
