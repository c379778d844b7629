"""Workbook and date shapes the last import audit left open, built by code: rows and columns a
sheet hides (subtotals, detail, rows an AutoFilter filters out) in .xlsx, .xls, .xlsb and .ods;
a one-column cover sheet before the data sheet; .xlsb and .ods with dates and 20-digit accounts;
Minguo dates with one-, two- and three-digit years; dates with the month's name (Oracle's
``02-JAN-24`` and its timestamps), the day of the week (``星期二``) or ``上午``/``下午``;
amounts with a currency code. Every value comes back as the sheet shows it, or its row is set
aside with its sheet row and reason, never imported wrong.
"""

from __future__ import annotations

import datetime
import json
import struct
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import xlwt
from hypothesis import given, settings
from hypothesis import strategies as st

from iotfin_gui.cli import main
from iotfin_gui.core.ingest import import_file, quarantined_rows
from iotfin_gui.core.ingest.timestamps import MINGUO, guess_format, parse
from iotfin_gui.core.ingest.workbook_guards import SheetLayout, _hidden_tags
from iotfin_gui.core.ingest.xls_layout import xls_layouts
from iotfin_gui.core.store import Store

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "statement.xlsb"
HEADER = ["日期", "设备号", "内部码", "金额"]
#: Sheet rows 3 (detail filtered away) and 4 (a subtotal without a label) are hidden (0-based: 2
#: and 3), column C too.
ROWS = [["2024-01-02", "ATM01", "x1", 100.0], ["2024-01-02", "ATM02", "x2", 200.0],
        ["2024-01-02", "", "", 300.0], ["2024-01-03", "ATM01", "x3", 50.0]]
HIDDEN_ROWS, HIDDEN_COLUMN = (2, 3), 2


def hidden_xlsx(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "明细"
    for row in [HEADER, *ROWS]:
        sheet.append([v if v != "" else None for v in row])
    for row in HIDDEN_ROWS:
        sheet.row_dimensions[row + 1].hidden = True
    sheet.column_dimensions["C"].hidden = True
    book.save(path)
    return path


def hidden_xls(path: Path) -> Path:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("明细")
    for index, row in enumerate([HEADER, *ROWS]):
        for column, value in enumerate(row):
            if value != "":
                sheet.write(index, column, value)
    for row in HIDDEN_ROWS:
        sheet.row(row).hidden = True
    sheet.col(HIDDEN_COLUMN).hidden = True
    book.save(str(path))
    return path


def ods_table(path: Path, rows: list[list], name: str = "明细", hidden_rows: dict | None = None,
              hidden_columns: tuple[int, ...] = (), cover: list | None = None) -> Path:
    """An .ods of ``rows`` (str, float or datetime.date cells); ``hidden_rows`` maps a row to
    its ``table:visibility`` (``collapse``, or ``filter`` for an AutoFilter's)."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import P

    def cell(value: object) -> TableCell:
        if isinstance(value, datetime.date):
            made = TableCell(valuetype="date", datevalue=value.isoformat())
        elif isinstance(value, float):
            made = TableCell(valuetype="float", value=value)
        elif value in ("", None):
            return TableCell()
        else:
            made = TableCell(valuetype="string")
        made.addElement(P(text=str(value)))
        return made

    def table(title: str, cells: list[list]) -> Table:
        made = Table(name=title)
        for column in range(max(map(len, cells))):
            made.addElement(TableColumn(**({"visibility": "collapse"}
                                           if column in hidden_columns else {})))
        for index, values in enumerate(cells):
            shown = (hidden_rows or {}).get(index)
            row = TableRow(**({"visibility": shown} if shown else {}))
            for value in values:
                row.addElement(cell(value))
            made.addElement(row)
        return made

    document = OpenDocumentSpreadsheet()
    if cover is not None:
        document.spreadsheet.addElement(table("说明", [[v] for v in cover]))
    document.spreadsheet.addElement(table(name, rows))
    document.save(str(path))
    return path


def _record(kind: int, body: bytes = b"") -> bytes:
    """A BIFF12 record: its type and length as 7-bit varints, then its body."""
    def varint(value: int) -> bytes:
        out = bytearray()
        while True:
            byte, value = value & 0x7F, value >> 7
            out.append(byte | (0x80 if value else 0))
            if not value:
                return bytes(out)
    return varint(kind) + varint(len(body)) + body


def xlsb(path: Path, rows: list[list], hidden_rows: tuple[int, ...] = (),
         hidden_columns: tuple[int, ...] = ()) -> Path:
    """An .xlsb of ``rows``: the workbook, styles and relationships of tests/data/statement.xlsb
    (style 1 is a date) with its sheet written again (strings inline, BrtCellSt)."""
    width = max(map(len, rows))
    sheet = _record(0x81) + _record(0x94, struct.pack("<IIII", 0, len(rows) - 1, 0, width - 1))
    for column in hidden_columns:
        sheet += _record(0x3C, struct.pack("<IIIIH", column, column, 2304, 0, 0x01))
    sheet += _record(0x91)
    for index, row in enumerate(rows):
        flags = 0x10 if index in hidden_rows else 0
        sheet += _record(0x00, struct.pack("<IIHBBBIII", index, 0, 300, 0, flags, 0, 1, 0,
                                           width - 1))
        for column, value in enumerate(row):
            if isinstance(value, datetime.date):
                serial = (value - datetime.date(1899, 12, 30)).days
                sheet += _record(0x05, struct.pack("<IId", column, 1, float(serial)))
            elif isinstance(value, float):
                sheet += _record(0x05, struct.pack("<IId", column, 0, value))
            elif value:
                sheet += _record(0x06, struct.pack("<III", column, 0, len(value))
                                 + value.encode("utf-16-le"))
    sheet += _record(0x92) + _record(0x82)
    with zipfile.ZipFile(FIXTURE) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, sheet if item.filename == "xl/worksheets/sheet1.bin" else data)
    return path


def cli_import(path: Path, db: Path, capsys) -> dict:
    assert main(["import", str(path), "--db", str(db), "--json", "--quiet"]) == 0
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".xlsb", ".ods"])
def test_hidden_rows_are_set_aside_and_hidden_columns_left_out(tmp_path: Path, capsys,
                                                               suffix: str) -> None:
    """Before, every hidden row (a subtotal that doubles the sum, detail filtered away) and
    hidden column was imported without a word."""
    path = tmp_path / f"明细{suffix}"
    if suffix == ".xlsx":
        hidden_xlsx(path)
    elif suffix == ".xls":
        hidden_xls(path)
    elif suffix == ".xlsb":
        xlsb(path, [HEADER, *ROWS], HIDDEN_ROWS, (HIDDEN_COLUMN,))
    else:
        ods_table(path, [HEADER, *ROWS], hidden_rows=dict.fromkeys(HIDDEN_ROWS, "collapse"),
                  hidden_columns=(HIDDEN_COLUMN,))
    db = tmp_path / "s.sqlite"
    summary = cli_import(path, db, capsys)
    assert summary["columns"] == ["日期", "设备号", "金额"]
    assert any("hides column(s) C (内部码)" in w for w in summary["warnings"])
    assert any("hides 2 row(s)" in w and "rows 3, 4" in w for w in summary["warnings"])
    with Store.open(db) as store:
        dataset = store.datasets()[-1]
        frame = store.read_dataset(dataset.name)
        assert frame["金额"].tolist() == [100, 50]
        assert frame["设备号"].tolist() == ["ATM01", "ATM01"]
        aside = quarantined_rows(store, dataset.id)
    assert aside["line"].tolist() == [3, 4]
    assert set(aside["reason"]) == {"is hidden in the sheet"}
    assert "200" in aside["raw"].iloc[0] and "300" in aside["raw"].iloc[1]


def test_a_row_with_values_only_in_hidden_columns_is_set_aside_with_its_reason(
        tmp_path: Path, store) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [HEADER, ROWS[0], [None, None, "只在隐藏列", None], ROWS[3]]:
        sheet.append(row)
    sheet.column_dimensions["C"].hidden = True
    path = tmp_path / "hidden_only.xlsx"
    book.save(path)
    result = import_file(store, path)
    assert store.read_dataset(result.dataset)["金额"].tolist() == [100, 50]
    aside = quarantined_rows(store, result.dataset_id)
    assert aside["line"].tolist() == [3]
    assert aside["reason"].tolist() == ["holds values only in columns the sheet hides"]
    assert "只在隐藏列" in aside["raw"].iloc[0]


def test_rows_an_autofilter_hides_are_named_so(tmp_path: Path, store) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["日期", "设备号", "金额"])
    for day, device in zip((2, 3, 4, 5), ("ATM01", "ATM02", "ATM01", "ATM02"), strict=True):
        sheet.append([f"2024-01-0{day}", device, float(day)])
    sheet.auto_filter.ref = "A1:C5"
    sheet.auto_filter.add_filter_column(1, ["ATM01"])
    for row in (3, 5):  # as Excel writes the rows its filter hides
        sheet.row_dimensions[row].hidden = True
    book.save(tmp_path / "filtered.xlsx")
    result = import_file(store, tmp_path / "filtered.xlsx")
    assert store.read_dataset(result.dataset)["设备号"].tolist() == ["ATM01", "ATM01"]
    aside = quarantined_rows(store, result.dataset_id)
    assert aside["line"].tolist() == [3, 5]
    assert set(aside["reason"]) == {"is filtered out by the sheet's AutoFilter"}
    assert any("2 of them filtered out by its AutoFilter" in str(w) for w in result.warnings)


def test_rows_an_ods_filter_hides_are_named_so(tmp_path: Path, store) -> None:
    path = ods_table(tmp_path / "f.ods", [["设备号", "金额"], ["ATM01", 1.0], ["ATM02", 2.0]],
                     hidden_rows={2: "filter"})
    result = import_file(store, path)
    assert store.read_dataset(result.dataset)["金额"].tolist() == [1]
    assert quarantined_rows(store, result.dataset_id)["reason"].tolist() == [
        "is filtered out by the sheet's AutoFilter"]


def test_a_sheet_hiding_nothing_says_nothing(tmp_path: Path, store) -> None:
    book = openpyxl.Workbook()
    book.active.append(["设备号", "金额"])
    book.active.append(["ATM01", 1.5])
    book.active.column_dimensions["A"].width = 30  # a <col> element that hides nothing
    book.save(tmp_path / "plain.xlsx")
    result = import_file(store, tmp_path / "plain.xlsx")
    assert result.warnings == [] and result.rows_quarantined == 0


@given(st.binary(min_size=0, max_size=2048))
@settings(max_examples=60, deadline=None)
def test_a_damaged_xls_gives_no_layout_and_no_error(tail: bytes) -> None:
    """The layout is read before python-calamine loads the file: a damaged compound file gives
    none (calamine then says what is wrong), never an exception of its own."""
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".xls", delete=False) as file:
        file.write(bytes.fromhex("D0CF11E0A1B11AE1") + tail)
    try:
        assert isinstance(xls_layouts(file.name), dict)
    finally:
        Path(file.name).unlink()


def test_hidden_in_a_cells_text_hides_nothing() -> None:
    layout = SheetLayout()
    _hidden_tags(b'<row r="2"><c r="A2" t="inlineStr"><is><t> hidden="1" autoFilter ref="A1:B9"'
                 b'</t></is></c></row><row r="3" spans="1:2" hidden="true"><c r="A3"/></row>',
                 layout)
    assert layout.hidden_rows == {2} and layout.filtered is None


@given(st.lists(st.sampled_from([b"<row ", b"<col ", b'r="3" ', b'min="2" max="4" ',
                                 b' hidden="1"', b">", b"<", b"<autoFilter ", b' ref="A1:B4"',
                                 b"text "]), max_size=80))
def test_any_sheet_xml_is_scanned_without_error(parts: list[bytes]) -> None:
    layout = SheetLayout()
    _hidden_tags(b"".join(parts), layout)
    assert all(row >= -1 for row in layout.hidden_rows)


@pytest.mark.parametrize("part", ["xl/_rels/workbook.xml.rels", "xl/workbook.xml"])
def test_a_workbook_whose_sheet_names_are_damaged_is_refused_plainly(tmp_path: Path, store,
                                                                     part: str) -> None:
    """The parts naming the sheets are read for the layout before calamine opens the book: a
    damaged one gives no layout there, and calamine's refusal is the message."""
    from iotfin_gui.core.errors import InputError

    source = hidden_xlsx(tmp_path / "source.xlsx")
    path = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(source) as before, zipfile.ZipFile(path, "w") as after:
        for item in before.infolist():
            after.writestr(item, b"<broken" if item.filename == part else before.read(item))
    with pytest.raises(InputError, match="workbook"):
        import_file(store, path)


def test_an_ods_whose_content_is_not_xml_is_refused_plainly(tmp_path: Path, store) -> None:
    """Before, ElementTree's ParseError came out of the import."""
    from iotfin_gui.core.errors import InputError

    source = ods_table(tmp_path / "source.ods", [["设备号", "金额"], ["ATM01", 1.0]])
    path = tmp_path / "damaged.ods"
    with zipfile.ZipFile(source) as before, zipfile.ZipFile(path, "w") as after:
        for item in before.infolist():
            after.writestr(item, b"<broken" if item.filename == "content.xml"
                           else before.read(item))
    with pytest.raises(InputError, match="cannot open the workbook"):
        import_file(store, path)


def test_an_xls_whose_sector_chains_loop_gives_no_layout(tmp_path: Path) -> None:
    """A hostile compound file: its FAT sends the directory's sector to itself, and its DIFAT
    sector names itself as the next one. Each chain ends at its loop."""
    end, free = 0xFFFFFFFE, 0xFFFFFFFF
    header = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(16) + struct.pack(
        "<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6) + struct.pack(
        "<IIIIIIIII", 0, 50, 1, 0, 4096, end, 0, 2, 1) + struct.pack("<109I", 0, *[free] * 108)
    fat = struct.pack("<128I", 0xFFFFFFFD, 1, *[free] * 126)
    difat = struct.pack("<128I", *[free] * 127, 2)
    path = tmp_path / "loop.xls"
    path.write_bytes(header + fat + bytes(512) + difat)
    assert xls_layouts(str(path)) == {}


@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".ods"])
@pytest.mark.parametrize("cover", [["本表由系统生成", "单位：元", "请核对"],
                                   [1001.0, 1002.0, 1003.0]],
                         ids=["text", "numbers"])
def test_a_one_column_first_sheet_is_passed_over_for_the_data(tmp_path: Path, store, suffix: str,
                                                              cover: list) -> None:
    rows = [["日期", "设备号", "金额"], ["2024-01-02", "ATM01", 1.5], ["2024-01-03", "ATM02", 2.5]]
    path = tmp_path / f"book{suffix}"
    if suffix == ".ods":
        ods_table(path, rows, name="数据", cover=cover)
    elif suffix == ".xls":
        book = xlwt.Workbook(encoding="utf-8")
        first = book.add_sheet("说明")
        for index, value in enumerate(cover):
            first.write(index, 0, value)
        data = book.add_sheet("数据")
        for index, row in enumerate(rows):
            for column, value in enumerate(row):
                data.write(index, column, value)
        book.save(str(path))
    else:
        book = openpyxl.Workbook()
        book.active.title = "说明"
        for value in cover:
            book.active.append([value])
        data = book.create_sheet("数据")
        for row in rows:
            data.append(row)
        book.save(path)
    result = import_file(store, path)
    assert store.read_dataset(result.dataset)["金额"].tolist() == [1.5, 2.5]
    assert any("'说明'" in str(w) and "'数据'" in str(w) for w in result.warnings)


ACCOUNTS = ["62220202001123456789", "01234567890123456789"]


@pytest.mark.parametrize("suffix", [".xlsb", ".ods"])
def test_binary_and_open_document_workbooks_keep_dates_and_20_digit_accounts(
        tmp_path: Path, store, suffix: str) -> None:
    rows = [["交易日期", "账号", "金额"],
            [datetime.date(2024, 1, 2), ACCOUNTS[0], 1500.25],
            [datetime.date(2024, 2, 29), ACCOUNTS[1], -20.5]]
    path = tmp_path / f"statement{suffix}"
    if suffix == ".xlsb":
        xlsb(path, rows)
    else:
        ods_table(path, rows)
    frame = store.read_dataset(import_file(store, path).dataset)
    assert frame["交易日期"].tolist() == [pd.Timestamp("2024-01-02"), pd.Timestamp("2024-02-29")]
    assert frame["账号"].tolist() == ACCOUNTS  # exact, leading zero kept, never a float
    assert frame["金额"].tolist() == [1500.25, -20.5]


def imported(tmp_path: Path, store, header: str, texts: list[str]) -> pd.DataFrame:
    path = tmp_path / "t.csv"
    path.write_text(f"{header},金额\n" + "".join(f'"{t}",1\n' for t in texts), encoding="utf-8")
    result = import_file(store, path)
    return store.read_dataset(result.dataset), quarantined_rows(store, result.dataset_id)


@pytest.mark.parametrize(("header", "texts", "expected"), [
    ("民國日期", ["99/12/31", "9/1/2", "113/01/02"], ["2010-12-31", "1920-01-02", "2024-01-02"]),
    ("民国", ["99/12/31", "98.01.02"], ["2010-12-31", "2009-01-02"]),
    ("交易日期", ["99/12/31", "113/01/02", "100/1/1"], ["2010-12-31", "2024-01-02", "2011-01-01"]),
    ("交易日期", ["民國99年12月31日", "民國9年1月2日"], ["2010-12-31", "1920-01-02"]),
    ("交易時間", ["113/01/02 9:05", "113/01/03 23:59"], ["2024-01-02 09:05", "2024-01-03 23:59"]),
])
def test_minguo_years_of_one_two_or_three_digits(tmp_path: Path, store, header, texts,
                                                 expected) -> None:
    frame, _ = imported(tmp_path, store, header, texts)
    assert frame[header].tolist() == [pd.Timestamp(e) for e in expected]


def test_two_digit_years_alone_are_never_read_as_1999(tmp_path: Path, store) -> None:
    """``99/12/31`` in a column not named 民國 is ROC 99 (2010) as much as 1999: kept as
    written."""
    frame, _ = imported(tmp_path, store, "日期", ["99/12/31", "98/01/02"])
    assert frame["日期"].tolist() == ["99/12/31", "98/01/02"]


@pytest.mark.parametrize(("date_format", "expected"), [
    ("minguo", ["2010-12-31", "2009-01-02"]), ("%y/%m/%d", ["1999-12-31", "1998-01-02"])])
def test_the_analyst_says_what_two_digit_years_are(tmp_path: Path, capsys, date_format,
                                                   expected) -> None:
    """A column typed as a date by the analyst (``--type``) is read in the ``--date-format``
    they give: before, it was read as ISO and every row refused."""
    path = tmp_path / "t.csv"
    path.write_text("日期,金额\n99/12/31,1\n98/01/02,2\n", encoding="utf-8")
    db = tmp_path / "s.sqlite"
    assert main(["import", str(path), "--db", str(db), "--type", "日期=datetime",
                 "--date-format", date_format, "--quiet"]) == 0
    with Store.open(db) as store:
        frame = store.read_dataset(store.datasets()[0].name)
    assert frame["日期"].tolist() == [pd.Timestamp(e) for e in expected]


STYLES = ["{y}/{m:02d}/{d:02d}", "{y}/{m}/{d}", "{y}.{m}.{d}", "{y}-{m:02d}-{d:02d}",
          "{y}年{m}月{d}日", "民國{y}年{m}月{d}日", "民国{y}/{m}/{d}", "{y:03d}{m:02d}{d:02d}"]


@settings(max_examples=120, deadline=None)
@given(st.dates(datetime.date(1912, 1, 1), datetime.date(2110, 12, 31)),
       st.sampled_from(STYLES), st.sampled_from(["民國日期", "交易日期", "日期"]))
def test_minguo_dates_in_any_style_read_right_or_not_at_all(day: datetime.date, style: str,
                                                            name: str) -> None:
    year = day.year - 1911
    if style.startswith("{y:03d}") and year < 100:
        return  # seven digits only: 0990102 is no one's way of writing ROC 99
    text = style.format(y=year, m=day.month, d=day.day)
    guess = guess_format([text], name)
    if guess is None or guess.format is None:
        sure = year >= 100 or "民" in text or name == "民國日期"
        assert not sure, text  # a date that can only be ROC is read
        return
    parsed, bad, _ = parse(pd.Series([text], dtype=object), guess.format)
    assert not bad[0] and parsed.iloc[0] == pd.Timestamp(day), (text, guess.format)
    assert guess.format.startswith(MINGUO) or year >= 1000


@pytest.mark.parametrize(("texts", "expected"), [
    (["02-JAN-24", "15-FEB-24"], ["2024-01-02", "2024-02-15"]),
    (["02-JAN-24 09.05.00.000000 AM", "02-JAN-24 03.05.00.000000 PM"],
     ["2024-01-02 09:05", "2024-01-02 15:05"]),
    (["2-Jan-2024", "15-Feb-2024"], ["2024-01-02", "2024-02-15"]),
    (["Jan 2, 2024", "Feb 15, 2024"], ["2024-01-02", "2024-02-15"]),
    (["2024年1月2日 星期二", "2024年1月3日（星期三）"], ["2024-01-02", "2024-01-03"]),
    (["2024-01-02 上午 09:05", "2024-01-02 下午 03:05", "2024-01-02 上午 12:30"],
     ["2024-01-02 09:05", "2024-01-02 15:05", "2024-01-02 00:30"]),
])
def test_dates_with_names_and_meridiem(tmp_path: Path, store, texts, expected) -> None:
    frame, _ = imported(tmp_path, store, "日期", texts)
    assert frame["日期"].tolist() == [pd.Timestamp(e) for e in expected]


def test_a_two_digit_year_programs_read_differently_is_set_aside(tmp_path: Path, store) -> None:
    """``15-MAR-55`` is 1955 to Oracle and Excel, 2055 to Python: set aside, never guessed."""
    frame, aside = imported(tmp_path, store, "日期", ["02-JAN-24", "15-MAR-55", "03-JAN-99"])
    assert frame["日期"].tolist() == [pd.Timestamp("2024-01-02"), pd.Timestamp("1999-01-03")]
    assert aside["raw"].tolist() == ["15-MAR-55"]


def test_a_column_of_such_years_stays_as_written(tmp_path: Path, store) -> None:
    frame, _ = imported(tmp_path, store, "出生日期", ["15-MAR-55", "16-APR-56"])
    assert frame["出生日期"].tolist() == ["15-MAR-55", "16-APR-56"]


def test_a_day_of_the_week_that_is_not_the_dates_is_set_aside(tmp_path: Path, store) -> None:
    frame, aside = imported(tmp_path, store, "日期", ["2024年1月2日 星期二", "2024年1月3日 星期二",
                                                    "2024年1月4日 周四"])
    assert frame["日期"].tolist() == [pd.Timestamp("2024-01-02"), pd.Timestamp("2024-01-04")]
    assert aside["raw"].tolist() == ["2024年1月3日 星期二"]


def test_amounts_with_a_currency_code_read_exactly(tmp_path: Path, store) -> None:
    path = tmp_path / "fx.csv"
    path.write_text('日期,金额,余额\n2024-01-02,"CNY 1,234.00","1,234.00 CNY"\n'
                    '2024-01-03,CNY-12.50,"-12.50 CNY"\n', encoding="utf-8")
    result = import_file(store, path)
    frame = store.read_dataset(result.dataset)
    assert frame["金额"].tolist() == [1234.0, -12.5]
    assert frame["余额"].tolist() == [1234.0, -12.5]
    assert result.rows_quarantined == 0
