"""Import core: limits on what a file expands to, counted after decompression, with a clear
message; header names SQLite would trip over are renamed with a note.

The bombs are built here the cheap way attackers build them: gzip members of a megabyte of
zeros concatenated (a 1 MB file that inflates to a gigabyte), or one deflated stream of padding.
"""

from __future__ import annotations

import gzip
import json
import struct
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.ingest import import_file, preview, quarantined_rows, sniff
from iotfin_gui.core.ingest.detect import GuardedFile
from iotfin_gui.core.ingest.readers import MAX_COLUMNS, MAX_JSON_DEPTH

MEGABYTE = 1 << 20


def member_bomb(path: Path, head: bytes, filler: bytes, members: int = 1024) -> Path:
    """``head`` then ``members`` gzip members of a megabyte of ``filler`` each (the gzip trailer
    states the size of the last member only: one megabyte)."""
    member = gzip.compress(filler * (MEGABYTE // len(filler)))
    path.write_bytes(gzip.compress(head) + member * members)
    return path


def deflated_stream(filler: bytes, megabytes: int, head: bytes = b"", tail: bytes = b"",
                    wbits: int = 31) -> bytes:
    """One deflated stream of ``head``, ``megabytes`` of ``filler``, ``tail`` (fast level 1)."""
    packer = zlib.compressobj(1, zlib.DEFLATED, wbits)
    block = filler * (MEGABYTE // len(filler))
    parts = [packer.compress(head), *(packer.compress(block) for _ in range(megabytes)),
             packer.compress(tail), packer.flush()]
    return b"".join(parts)


def test_csv_gz_of_one_endless_line_is_refused_after_16_mb(tmp_path: Path, store) -> None:
    path = member_bomb(tmp_path / "bomb.csv.gz", b"device_id,time,v\n", b"0")
    assert path.stat().st_size < 2 * MEGABYTE
    with pytest.raises(InputError, match="more than 16 MB without a line break"):
        import_file(store, path)
    assert store.datasets() == []


def test_gzip_that_states_a_huge_size_is_refused_before_reading(tmp_path: Path, store) -> None:
    path = tmp_path / "rows.csv.gz"
    path.write_bytes(deflated_stream(b"A,2024-01-01 00:00:00,0\n", 128,
                                     head=b"device_id,time,v\n"))
    with pytest.raises(InputError, match="likely decompression bomb"):
        sniff(path)
    with pytest.raises(InputError, match=r"0\.7 MB compressed file expands to more than 68"):
        import_file(store, path)
    assert store.datasets() == []


def test_json_gz_is_bounded_by_what_it_inflates_to(tmp_path: Path, store) -> None:
    """Its gzip trailer claims one megabyte; the inflated bytes are counted as they come."""
    path = member_bomb(tmp_path / "records.json.gz", b'[{"device_id": "A", "v": 1}, ',
                       b'{"v": 0}, ')
    with pytest.raises(InputError, match="likely decompression bomb"):
        import_file(store, path, format="json")
    assert store.datasets() == []


def test_guarded_stream_counts_inflated_bytes(tmp_path: Path) -> None:
    path = member_bomb(tmp_path / "lines.gz", b"a\n", b"0,0\n", members=80)
    stream = GuardedFile(path, path.name, compression="gzip")
    with pytest.raises(InputError, match="likely decompression bomb"):
        while stream.read(MEGABYTE):
            pass
    assert stream.bytes_out > 64 * MEGABYTE and stream.bytes_read < MEGABYTE
    stream.close()


def test_gzip_cut_short_is_explained(tmp_path: Path, store) -> None:
    whole = gzip.compress(b"device_id,time,v\n" + b"".join(
        b"A%d,2024-01-01 00:00:00,%d\n" % (i, i * 7919 % 10007) for i in range(100_000)))
    path = tmp_path / "cut.csv.gz"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(InputError, match="damaged or cut short"):
        import_file(store, path)
    assert store.datasets() == []


def zip_with(path: Path, sheet: bytes) -> Path:
    """A minimal .xlsx whose first sheet's XML is ``sheet`` (deflated)."""
    book = openpyxl.Workbook()
    book.active.append(["device_id", "v"])
    book.save(path)
    with zipfile.ZipFile(path) as original:
        parts = {info.filename: original.read(info) for info in original.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as rebuilt:
        for name, data in parts.items():
            rebuilt.writestr(name, sheet if name == "xl/worksheets/sheet1.xml" else data)
    return path


def test_xlsx_zip_bomb_is_refused_by_its_stated_sizes(tmp_path: Path, store) -> None:
    path = tmp_path / "bomb.xlsx"
    book = openpyxl.Workbook()
    book.save(path)
    with zipfile.ZipFile(path) as original:
        parts = {info.filename: original.read(info) for info in original.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as rebuilt:
        for name, data in parts.items():
            if name != "xl/worksheets/sheet1.xml":
                rebuilt.writestr(name, data)
        with rebuilt.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(b'<?xml version="1.0"?><worksheet><sheetData>')
            padding = b" " * MEGABYTE
            for _ in range(128):
                sheet.write(padding)
            sheet.write(b"</sheetData></worksheet>")
    assert path.stat().st_size < MEGABYTE
    with pytest.raises(InputError, match="likely decompression bomb"):
        import_file(store, path)
    assert store.datasets() == []


def test_xlsx_part_larger_than_it_states_is_refused(tmp_path: Path, store) -> None:
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>A</t></is></c>'
                   f'<c r="B{r}"><v>{r}</v></c></row>' for r in range(2, 2000))
    sheet = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
             'spreadsheetml/2006/main"><sheetData>' + rows + "</sheetData></worksheet>").encode()
    path = zip_with(tmp_path / "liar.xlsx", sheet)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    # Both the local header and the central directory now state 100 bytes.
    struct.pack_into("<I", data, info.header_offset + 22, 100)
    central = data.index(b"PK\x01\x02")
    while data[central + 46:central + 46 + len(info.filename)] != info.filename.encode():
        central = data.index(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", data, central + 24, 100)
    path.write_bytes(bytes(data))
    with pytest.raises(InputError, match="cannot open the workbook"):
        import_file(store, path)


def test_deeply_nested_json_document_is_refused_without_recursion_error(tmp_path: Path,
                                                                        store) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 200_000 + "]" * 200_000)
    with pytest.raises(InputError, match="nested too deeply"):
        import_file(store, path)


def nested(depth: int) -> dict:
    value: dict = {"v": 1}
    for _ in range(depth - 1):
        value = {"x": value}
    return value


def test_deep_records_are_quarantined_the_rest_imported(tmp_path: Path, store) -> None:
    lines = [json.dumps({"device_id": "A", "time": f"2024-01-01 0{i}:00:00", "v": i})
             for i in range(5)]
    lines[1] = "[" * 100_000 + "]" * 100_000
    lines[3] = json.dumps({"device_id": "A", "time": "2024-01-01 03:00:00",
                           "payload": nested(MAX_JSON_DEPTH + 5)})
    path = tmp_path / "deep.jsonl"
    path.write_text("\n".join(lines) + "\n")
    result = import_file(store, path)
    assert (result.rows_imported, result.rows_quarantined) == (3, 2)
    reasons = quarantined_rows(store, result.dataset_id)
    assert reasons["line"].tolist() == [2, 4]
    assert all(f"nested more than {MAX_JSON_DEPTH} levels" in str(r) for r in reasons["reason"])


def test_twenty_thousand_columns_are_refused_clearly(tmp_path: Path, store) -> None:
    path = tmp_path / "wide.csv"
    names = [f"c{i}" for i in range(20_000)]
    path.write_text(",".join(names) + "\n" + ",".join("1" * 20_000) + "\n")
    with pytest.raises(InputError, match=f"20,000 columns; at most {MAX_COLUMNS:,}"):
        import_file(store, path)
    wide = tmp_path / "wide.jsonl"
    wide.write_text(json.dumps(dict.fromkeys(names, 1)) + "\n")
    with pytest.raises(InputError, match="20,000 columns"):
        preview(wide)
    assert store.datasets() == []


def test_headers_equal_but_for_case_are_renamed_with_a_note(tmp_path: Path, store) -> None:
    path = tmp_path / "case.csv"
    path.write_text("device_id,time,a,A,Amount,AMOUNT\nX,2024-01-01 00:00:00,1,2,3,4\n")
    result = import_file(store, path)
    assert result.columns == ["device_id", "time", "a", "A_2", "Amount", "AMOUNT_2"]
    assert any("'A' was renamed 'A_2'" in str(w) for w in result.warnings)
    frame = store.read_dataset(result.dataset)
    assert frame[["a", "A_2", "Amount", "AMOUNT_2"]].iloc[0].tolist() == [1, 2, 3, 4]


def test_rowid_column_is_renamed_and_rows_keep_file_order(tmp_path: Path, store) -> None:
    path = tmp_path / "rowid.csv"
    path.write_text("rowid,device_id,time,v\n" + "".join(
        f"{100 - i},D{i},2024-01-01 00:0{i}:00,{i}\n" for i in range(5)))
    result = import_file(store, path)
    assert result.columns[0] == "rowid_2"
    assert any("SQLite reserves that name" in str(w) for w in result.warnings)
    frame = store.read_dataset(result.dataset)
    assert frame["v"].tolist() == [0, 1, 2, 3, 4]
    assert frame["rowid_2"].tolist() == [100, 99, 98, 97, 96]


def test_sparse_cell_bomb_is_refused_before_calamine_allocates_its_grid(tmp_path: Path,
                                                                         store) -> None:
    """Two cells, A1 and XFD1048576: calamine would allocate 16,384 x 1,048,576 cells (550 GB)
    and abort the process; the references are scanned first and the file is refused."""
    path = tmp_path / "sparse.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"], book.active["B1"], book.active["A2"] = "device_id", "v", "ATM-1"
    book.active["XFD1048576"] = "far away"
    book.save(path)
    assert path.stat().st_size < 10_000
    with pytest.raises(InputError, match=r"1,048,576 rows x 16,384 columns .*XFD1048576"):
        preview(path)
    with pytest.raises(InputError, match="XFD1048576"):
        import_file(store, path)
    assert store.datasets() == []


@pytest.mark.parametrize(("far_cell", "refused"), [("T1048576", False), ("U1048576", True),
                                                    ("ZZ20000", False), ("AAA40000", True)])
def test_sheet_extent_limit_is_rows_times_columns(tmp_path: Path, far_cell: str,
                                                  refused: bool) -> None:
    from iotfin_gui.core.ingest.workbook_guards import MAX_SHEET_CELLS, check_workbook

    path = tmp_path / "far.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "x"
    book.active[far_cell] = 1
    book.save(path)
    if refused:
        with pytest.raises(InputError, match=f"{MAX_SHEET_CELLS:,} cells"):
            check_workbook(str(path), path.name)
    else:
        check_workbook(str(path), path.name)


def test_ods_repeat_bomb_is_refused_before_calamine_spreads_it(tmp_path: Path, store) -> None:
    """One value cell repeated over 16,384 columns in a row repeated a million times: a few
    bytes of XML, 17 billion cells once calamine spreads the repeats."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name="S")
    for repeat, cells in ((1, [("string", "device_id")]), (1_048_575, [("float", "1")])):
        row = TableRow(numberrowsrepeated=repeat)
        for kind, text in cells:
            cell = TableCell(valuetype=kind, value=text, numbercolumnsrepeated=16_384) \
                if kind == "float" else TableCell(valuetype=kind)
            cell.addElement(P(text=text))
            row.addElement(cell)
        table.addElement(row)
    document.spreadsheet.addElement(table)
    path = tmp_path / "repeats.ods"
    document.save(str(path))
    with pytest.raises(InputError, match="1,048,576 rows x 16,384 columns"):
        import_file(store, path)
    assert store.datasets() == []
