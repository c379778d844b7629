"""Import core: workbooks (.xlsx, .xls, .ods) as banks send them, read by python-calamine.

The reports are written here the way branch staff make them: a merged title row, a "generated"
line, a blank row, then the table, and a totals row at the foot.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import xlwt
from hypothesis import given
from hypothesis import strategies as st

from iotfin_gui.cli import main
from iotfin_gui.core.errors import InputError
from iotfin_gui.core.ingest import import_file, preview, quarantined_rows
from iotfin_gui.core.ingest.workbooks import find_header_row

TITLE = "ATM 现金取款月报 2024年1月"
HEADER = ["日期", "ATM编号", "取款金额", "笔数", "备注"]
DAYS = 30


def report_rows() -> list[list]:
    rows = [[dt.datetime(2024, 1, 1 + i), f"ATM-{i % 3 + 1:03d}", 1000 + 12.5 * i, 3 + i % 4,
             "周末" if i % 7 in (5, 6) else None] for i in range(DAYS)]
    total = sum(r[2] for r in rows)
    return [*rows, ["合计", None, total, sum(r[3] for r in rows), None]]


def write_xlsx_report(path: Path, sheets: tuple[str, ...] = ("报表",)) -> Path:
    """Title merged over A1:E1, a generated-on line, a blank row, the header on row 4."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name in sheets:
        sheet = book.create_sheet(name)
        sheet["A1"] = TITLE
        sheet.merge_cells("A1:E1")
        sheet["A2"], sheet["B2"] = "生成时间:", "2024-02-01 09:00"
        sheet.append([])
        sheet.append(HEADER)
        for row in report_rows():
            sheet.append(row)
    book.save(path)
    return path


def write_xls_report(path: Path) -> Path:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("报表")
    sheet.write_merge(0, 0, 0, 4, TITLE)
    sheet.write(1, 0, "生成时间:")
    sheet.write(1, 1, "2024-02-01 09:00")
    dates = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for column, name in enumerate(HEADER):
        sheet.write(3, column, name)
    for index, row in enumerate(report_rows(), start=4):
        for column, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, dt.datetime):
                sheet.write(index, column, value, dates)
            else:
                sheet.write(index, column, value)
    book.save(str(path))
    return path


def write_ods_report(path: Path) -> Path:
    rows = [[TITLE, None, None, None, None], ["生成时间:", "2024-02-01 09:00", None, None, None],
            [None] * 5, HEADER, *report_rows()]
    frame = pd.DataFrame(rows).map(lambda v: v.date() if isinstance(v, dt.datetime) else v)
    frame.to_excel(path, engine="odf", sheet_name="报表", header=False, index=False)
    return path


WRITERS = {"xlsx": write_xlsx_report, "xls": write_xls_report, "ods": write_ods_report}


@pytest.mark.parametrize("suffix", sorted(WRITERS))
def test_report_with_title_blank_row_and_totals_imports(tmp_path: Path, store,
                                                        suffix: str) -> None:
    path = WRITERS[suffix](tmp_path / f"atm_cash_202401.{suffix}")
    look = preview(path)
    assert look.source.format == "excel"
    assert (look.source.sheet, look.source.header_row) == ("报表", 4)
    assert look.sheets == ["报表"]
    assert [c.source for c in look.mapping.columns] == HEADER
    result = import_file(store, path)
    assert (result.rows_imported, result.rows_quarantined) == (DAYS, 1)
    frame = store.read_dataset(result.dataset)
    assert str(frame["日期"].iloc[0])[:10] == "2024-01-01"
    assert frame["ATM编号"].tolist()[:3] == ["ATM-001", "ATM-002", "ATM-003"]
    assert frame["取款金额"].iloc[3] == pytest.approx(1037.5)
    [totals] = quarantined_rows(store, result.dataset_id).itertuples(index=False)
    assert totals.line == 5 + DAYS and "totals row" in str(totals.reason)


def test_sheet_choice_skips_hidden_sheets_and_takes_names_or_numbers(tmp_path: Path,
                                                                    store) -> None:
    path = write_xlsx_report(tmp_path / "two.xlsx", sheets=("说明", "一月", "二月"))
    book = openpyxl.load_workbook(path)
    book["说明"].sheet_state = "hidden"
    book["二月"]["B5"] = "ATM-900"
    book.save(path)
    assert preview(path).source.sheet == "一月"
    assert preview(path).sheets == ["说明", "一月", "二月"]
    assert preview(path, sheet="3").raw["ATM编号"].iloc[0] == "ATM-900"
    assert preview(path, sheet="二月").source.sheet == "二月"
    with pytest.raises(InputError, match="no sheet '三月'; sheets: 说明, 一月, 二月"):
        preview(path, sheet="三月")


def test_header_row_can_be_overridden(tmp_path: Path) -> None:
    path = write_xlsx_report(tmp_path / "r.xlsx")
    assert preview(path, header_row=4).source.header_row == 4
    with pytest.raises(InputError, match="beyond the 2 columns"):
        preview(path, header_row=2)
    with pytest.raises(InputError, match="row 3 of the sheet is empty"):
        preview(path, header_row=3)
    assert preview(path, header=False).raw.columns[0] == "column_1"


def test_merged_header_cells_name_every_column(tmp_path: Path, store) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["设备", "时间", "金额", None])
    sheet.merge_cells("C1:D1")
    sheet.append(["ATM-1", "2024-01-01 10:00:00", 10, 20])
    book.save(tmp_path / "m.xlsx")
    look = preview(tmp_path / "m.xlsx")
    assert [c.source for c in look.mapping.columns] == ["设备", "时间", "金额", "金额_2"]


def test_rows_are_numbered_as_in_the_sheet(tmp_path: Path, store) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["C3"] = "device_id"
    sheet["D3"], sheet["E3"] = "time", "v"
    for row in range(4, 9):
        sheet.cell(row, 3, f"A{row}")
        sheet.cell(row, 4, "2024-13-45" if row == 7 else f"2024-01-0{row} 00:00:00")
        sheet.cell(row, 5, row)
    book.save(tmp_path / "offset.xlsx")
    result = import_file(store, tmp_path / "offset.xlsx")
    assert result.rows_imported == 4
    [bad] = quarantined_rows(store, result.dataset_id).itertuples(index=False)
    assert (bad.line, bad.column) == (7, "time")


def test_sheet_of_numbers_only_has_no_header(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    for i in range(5):
        book.active.append([i, i * 1.5, dt.date(2024, 1, 1 + i)])
    book.save(tmp_path / "n.xlsx")
    look = preview(tmp_path / "n.xlsx")
    assert list(look.raw.columns) == ["column_1", "column_2", "column_3"]
    assert look.raw["column_1"].tolist() == ["0", "1", "2", "3", "4"]
    assert not look.source.header


@given(titles=st.integers(0, 4), blanks=st.integers(0, 3), width=st.integers(2, 12),
       data=st.integers(1, 20))
def test_header_found_past_any_title_and_blank_rows(titles: int, blanks: int, width: int,
                                                    data: int) -> None:
    top: list[list] = [["Report", *[None] * (width - 1)]] * titles
    top += [[None] * width] * blanks
    top.append([f"name {i}" for i in range(width)])
    top += [[float(j), *(f"{j}-{i}" if i % 2 else j * i for i in range(1, width))]
            for j in range(data)]
    assert find_header_row(top) == titles + blanks


def test_cli_sheet_and_header_row(tmp_path: Path, capsys) -> None:
    path = write_xlsx_report(tmp_path / "r.xlsx", sheets=("一月", "二月"))
    store = str(tmp_path / "s.sqlite")
    code = main(["import", str(path), "--db", store, "--sheet", "2", "--header-row", "4",
                 "--json"])
    out, _err = capsys.readouterr()
    assert code == 0
    summary = json.loads(out.strip().splitlines()[-1])
    assert (summary["rows"], summary["quarantined"]) == (DAYS, 1)
    code = main(["import", str(path), "--db", store, "--name", "x", "--header-row", "3"])
    assert code == 2 and "row 3 of the sheet is empty" in capsys.readouterr().err


def test_broken_workbook_is_explained(tmp_path: Path, store) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    with pytest.raises(InputError, match="cannot open the workbook"):
        import_file(store, path)
    assert store.datasets() == []


def test_xlsb_statement_with_title_and_totals_imports(tmp_path: Path, store) -> None:
    """tests/data/statement.xlsb (3 KB, made once with pyxlsbwriter; see tests/data/README.md):
    a title row, a blank row, the header, three rows and a 合计 line, as a bank sends it."""
    fixture = Path(__file__).resolve().parents[1] / "data" / "statement.xlsb"
    look = preview(fixture)
    assert look.source.header_row == 3
    assert [c.source for c in look.mapping.columns] == \
        ["交易日期", "账号", "摘要", "金额", "余额"]
    result = import_file(store, fixture)
    assert (result.rows_imported, result.rows_quarantined) == (3, 1)
    frame = store.read_dataset(result.dataset)
    assert [str(v) for v in frame["账号"]] == ["6222020200112345678"] * 3  # exact, no float
    assert frame["金额"].tolist() == [-1500.0, 12000.5, -250.0]
    assert frame["交易日期"].dt.day.tolist() == [5, 6, 7]
    assert "合计" in quarantined_rows(store, result.dataset_id)["raw"].iloc[0]


@given(st.lists(st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.just("")),
                min_size=1, max_size=30))
def test_number_cells_become_the_texts_each_cell_would(cells: list) -> None:
    """A column of numbers is written as text in one vectorised step: whole numbers exactly as
    cell-by-cell (integers), others reading back the same float; empty cells empty."""
    from iotfin_gui.core.ingest.workbooks import _excel_text, sheet_column

    texts = sheet_column(tuple(cells))
    texts = texts.to_pylist() if hasattr(texts, "to_pylist") else texts
    for cell, text in zip(cells, texts, strict=True):
        one = _excel_text(cell)
        if one is None or ("." not in one and "e" not in one):
            assert (text or None) == one
        else:
            assert float(text) == cell


def test_an_import_checks_and_loads_its_workbook_once(tmp_path: Path, store) -> None:
    """The preview inside the import and the import pass share one checked, loaded book."""
    from unittest import mock

    from iotfin_gui.core.ingest import workbooks

    path = write_xlsx_report(tmp_path / "report.xlsx")
    with mock.patch.object(workbooks, "check_workbook", wraps=workbooks.check_workbook) as check:
        result = import_file(store, path)
    assert check.call_count == 1 and result.rows_imported == DAYS
    with mock.patch.object(workbooks, "check_workbook", wraps=workbooks.check_workbook) as check:
        preview(path)
        preview(path)
    assert check.call_count == 2  # outside an import nothing is kept
