"""Workbooks and payment-app bills in shapes the bank-export audit did not cover, built by code:
a device id merged down over its rows (.xlsx, .xls, .ods), a cover sheet before the table,
formula cells with cached values, numbers and dates typed as text (``1,234.50`` beside number
cells, year-first dates with mixed marks), and bill cells padded with spaces or followed by a tab
(WeChat Pay order numbers, Alipay's padded columns). Every value comes back as the sheet or the
bill shows it.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from unittest import mock

import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest
import xlwt
from hypothesis import given
from hypothesis import strategies as st

from iotfin_gui.cli import main
from iotfin_gui.core.ingest import import_file, quarantined_rows
from iotfin_gui.core.ingest.readers import CsvReader
from iotfin_gui.core.ingest.timestamps import iso_date
from iotfin_gui.core.ingest.validate import _maybe_padded, _trimmed

DEVICES = ["ATM0001"] * 3 + ["ATM0002"] * 3
DATES = [pd.Timestamp(f"2024-01-0{d}") for d in (2, 3, 4)] * 2
AMOUNTS = [100.5, 200.0, 0.25, 7.0, 8.5, 9.0]


def merged_down(path: Path) -> Path:
    """设备号 | 日期 | 金额, each device id written once and merged down over its three rows."""
    dates = [d.strftime("%Y-%m-%d") for d in DATES]
    if path.suffix == ".xlsx":
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["设备号", "日期", "金额"])
        for index, (date, amount) in enumerate(zip(dates, AMOUNTS, strict=True)):
            sheet.append([DEVICES[index] if index % 3 == 0 else None, date, amount])
        sheet.merge_cells("A2:A4")
        sheet.merge_cells("A5:A7")
        book.save(path)
    elif path.suffix == ".xls":
        book = xlwt.Workbook(encoding="utf-8")
        sheet = book.add_sheet("明细")
        for column, name in enumerate(["设备号", "日期", "金额"]):
            sheet.write(0, column, name)
        sheet.write_merge(1, 3, 0, 0, "ATM0001")
        sheet.write_merge(4, 6, 0, 0, "ATM0002")
        for index, (date, amount) in enumerate(zip(dates, AMOUNTS, strict=True), start=1):
            sheet.write(index, 1, date)
            sheet.write(index, 2, amount)
        book.save(str(path))
    else:
        from odf.opendocument import OpenDocumentSpreadsheet
        from odf.table import CoveredTableCell, Table, TableCell, TableRow
        from odf.text import P

        def cell(value: object, **spans: int) -> TableCell:
            number = isinstance(value, float)
            made = TableCell(valuetype="float" if number else "string",
                             **({"value": value} if number else {}), **spans)
            made.addElement(P(text=str(value)))
            return made

        document = OpenDocumentSpreadsheet()
        table = Table(name="明细")
        rows = [["设备号", "日期", "金额"], *([None, d, a] for d, a in
                                             zip(dates, AMOUNTS, strict=True))]
        for index, values in enumerate(rows):
            row = TableRow()
            for column, value in enumerate(values):
                if column == 0 and index and index % 3 == 1:
                    row.addElement(cell(DEVICES[index - 1], numberrowsspanned=3))
                elif column == 0 and index:
                    row.addElement(CoveredTableCell())
                else:
                    row.addElement(cell(value))
            table.addElement(row)
        document.spreadsheet.addElement(table)
        document.save(str(path))
    return path


@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".ods"])
def test_a_device_id_merged_down_over_its_rows_names_each_row(tmp_path: Path, store,
                                                              suffix: str) -> None:
    """Before, the rows under a merge had no device id and were quarantined (4 of 6)."""
    result = import_file(store, merged_down(tmp_path / f"日报{suffix}"))
    frame = store.read_dataset(result.dataset)
    assert (result.rows_imported, result.rows_quarantined) == (6, 0)
    assert frame["设备号"].tolist() == DEVICES
    assert frame["日期"].tolist() == DATES
    assert frame["金额"].tolist() == AMOUNTS
    assert any("merged down" in str(w) and "A2:A4" in str(w) for w in result.warnings)


def test_a_merge_in_the_data_fills_only_its_own_column_and_rows(tmp_path: Path, store) -> None:
    """A device merged down over B3:C4 fills its first column only, and one merged down over a
    blank row (B6:B7) makes no row of it."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["日期", "设备号", "地点", "金额"])
    sheet.append(["2024-01-02", "ATM0001", "上海", 1.0])
    sheet.append(["2024-01-03", "ATM0002", None, 2.0])
    sheet.append(["2024-01-04", None, None, 3.0])
    sheet.append(["2024-01-05", "ATM0003", "北京", 4.0])
    sheet.append(["2024-01-06", "ATM0004", None, 5.0])
    sheet.append([])
    sheet.merge_cells("B3:C4")
    sheet.merge_cells("B6:B7")
    book.save(tmp_path / "block.xlsx")
    frame = store.read_dataset(import_file(store, tmp_path / "block.xlsx").dataset)
    assert frame["设备号"].tolist() == ["ATM0001", "ATM0002", "ATM0002", "ATM0003", "ATM0004"]
    assert frame["地点"].isna().tolist() == [False, True, True, False, True]
    assert frame["金额"].tolist() == [1.0, 2.0, 3.0, 4.0, 5.0]


def cover_then_table(path: Path) -> Path:
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "说明"
    cover.append(["本报表由系统自动生成"])
    cover.append(["请勿修改表格结构"])
    table = book.create_sheet("明细")
    table.append(["日期", "设备号", "金额"])
    table.append(["2024-01-02", "ATM0001", 5.5])
    table.append(["2024-01-03", "ATM0001", 6.0])
    totals = book.create_sheet("汇总")
    totals.append(["设备号", "合计金额"])
    totals.append(["ATM0001", 11.5])
    book.save(path)
    return path


def test_a_cover_sheet_is_passed_over_and_named(tmp_path: Path, capsys) -> None:
    """Before, the first sheet's two note lines were imported as a one-column table."""
    path = cover_then_table(tmp_path / "报表.xlsx")
    db = str(tmp_path / "s.sqlite")
    assert main(["import", str(path), "--db", db, "--json", "--quiet"]) == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["columns"] == ["日期", "设备号", "金额"] and summary["rows"] == 2
    assert any("'说明'" in w and "'明细'" in w for w in summary["warnings"])
    assert main(["import", str(path), "--db", db, "--json", "--quiet", "--name", "t",
                 "--sheet", "汇总", "--allow-duplicate-file"]) == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["columns"] == ["设备号", "合计金额"] and summary["warnings"] == []


def test_a_workbook_of_cover_sheets_only_reads_the_first(tmp_path: Path, store) -> None:
    book = openpyxl.Workbook()
    book.active.append(["只有说明"])
    book.active.append(["第二行"])
    book.create_sheet("二").append(["也只有说明"])
    book.save(tmp_path / "notes.xlsx")
    result = import_file(store, tmp_path / "notes.xlsx", kind="table")
    assert store.read_dataset(result.dataset).columns.tolist() == ["只有说明"]


def test_formulas_read_their_cached_values(tmp_path: Path, store) -> None:
    """Excel stores a formula with the value it last showed; that value is imported."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["日期", "设备号", "取款", "存款", "净额", "方向"])
    sheet.append(["2024-01-02", "ATM0001", 100.5, 20.25, "=C2-D2", '=IF(E2>0,"出","入")'])
    sheet.append(["2024-01-03", "ATM0001", 10, 30, "=C3-D3", '=IF(E3>0,"出","入")'])
    book.save(tmp_path / "plain.xlsx")
    cached = {"E2": ("", "80.25"), "E3": ("", "-20"), "F2": (' t="str"', "出"),
              "F3": (' t="str"', "入")}
    with zipfile.ZipFile(tmp_path / "plain.xlsx") as source, \
            zipfile.ZipFile(tmp_path / "f.xlsx", "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                for ref, (kind, value) in cached.items():
                    text = re.sub(rf'<c r="{ref}"[^>]*><f>(.*?)</f><v\s*/>',
                                  rf'<c r="{ref}"{kind}><f>\1</f><v>{value}</v>', text)
                data = text.encode()
            target.writestr(item, data)
    frame = store.read_dataset(import_file(store, tmp_path / "f.xlsx").dataset)
    assert frame["净额"].tolist() == [80.25, -20.0]
    assert frame["方向"].tolist() == ["出", "入"]


def test_numbers_and_dates_typed_as_text_read_as_the_sheet_shows(tmp_path: Path,
                                                                 store) -> None:
    """``1,234.50`` typed beside number cells, counts stored as text (Excel's green triangle),
    and dates typed year first with three different marks (before, the dates stayed text)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["日期", "设备号", "金额", "笔数"])
    sheet.append(["2024-01-02", "ATM0001", 1234.5, "12"])
    sheet.append(["2024/1/3", "ATM0001", "1,234.50", "7"])
    sheet.append(["2024年1月4日", "ATM0001", 99, "40"])
    book.save(tmp_path / "typed.xlsx")
    frame = store.read_dataset(import_file(store, tmp_path / "typed.xlsx").dataset)
    assert frame["日期"].tolist() == [pd.Timestamp(f"2024-01-0{d}") for d in (2, 3, 4)]
    assert frame["金额"].tolist() == [1234.5, 1234.5, 99.0]
    assert frame["笔数"].tolist() == [12, 7, 40]


def test_a_year_first_date_in_an_iso_column_is_not_set_aside(tmp_path: Path, store) -> None:
    """Before, ``2024年1月4日`` among ISO dates was quarantined."""
    path = tmp_path / "d.csv"
    path.write_text("日期,设备号,金额\n2024-01-02,A,1\n2024-01-03,A,2\n2024-01-05,A,4\n"
                    "2024年1月4日 09:30,A,3\n", encoding="utf-8")
    result = import_file(store, path)
    frame = store.read_dataset(result.dataset)
    assert result.rows_quarantined == 0
    assert frame["日期"].iloc[-1] == pd.Timestamp("2024-01-04 09:30")


@given(st.integers(1900, 2100), st.integers(1, 12), st.integers(1, 28),
       st.sampled_from(["{y}/{m}/{d}", "{y}.{m:02d}.{d:02d}", "{y}年{m}月{d}日",
                        "{y} 年 {m} 月 {d} 日"]))
def test_year_first_dates_are_written_as_iso(year: int, month: int, day: int,
                                             pattern: str) -> None:
    text = pattern.format(y=year, m=month, d=day)
    assert iso_date(text) == f"{year}-{month:02d}-{day:02d}"
    assert iso_date(f"{text} 14:30") == f"{year}-{month:02d}-{day:02d} 14:30"
    assert iso_date(f"{year}{month:02d}{day:02d}") == f"{year}{month:02d}{day:02d}"


@given(st.text())
def test_text_is_trimmed_alike_on_both_paths(text: str) -> None:
    """The general path trims as Arrow does on the fast path, whatever the white space."""
    assert _trimmed(text) == pc.utf8_trim_whitespace(pa.array([text])).to_pylist()[0]


HEADER = ("交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,"
          "备注")


def test_wechat_order_numbers_lose_their_tab(tmp_path: Path, store) -> None:
    """WeChat writes a tab after each order number so that Excel shows it as text; before, the
    stored number kept the tab and matched no other record of the same order."""
    title = ["微信支付账单明细", "起始时间：[2024-03-01 00:00:00] 终止时间：[2024-03-31 23:59:59]",
             "导出时间：[2024-04-01 09:30:12]", "", "共2笔记录",
             "----------------------微信支付账单明细列表--------------------"]
    rows = ["2024-03-30 12:01:09,商户消费,餐厅,午餐,支出,¥12.00,零钱,支付成功,"
            "4200002024033012345678901\t,10001\t,/",
            "2024-03-10 09:00:00,转账,公司,工资,收入,¥8000.00,/,已存入零钱,"
            "1000039901202403100001\t,\t,/"]
    path = tmp_path / "微信支付账单.csv"
    path.write_bytes("\r\n".join([*(t + "," * 10 for t in title), HEADER, *rows])
                     .encode("utf-8-sig"))
    frame = store.read_dataset(import_file(store, path).dataset)
    assert frame["交易单号"].tolist() == ["4200002024033012345678901",
                                      "1000039901202403100001"]
    assert frame["金额(元)"].tolist() == [12.0, 8000.0]
    assert frame["收/支"].tolist() == ["支出", "收入"]


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "general"])
def test_alipay_padded_cells_are_stored_without_padding(tmp_path: Path, store,
                                                        fast: bool) -> None:
    """GBK, title lines, every cell padded with spaces, a footer of dashes; before, ``支出``
    was stored as ``支出      `` and an empty 备注 as spaces. Read by Arrow (the fast path)
    and by the csv module alike."""
    names = ["交易号", "交易创建时间", "交易对方", "金额（元）", "收/支", "备注"]
    rows = [["2024033122001400001234567890", "2024-03-31 10:00:01", "某某超市", "128.80",
             "支出", ""],
            ["2024033022001400001234567891", "2024-03-30 21:15:44", "张三", "1024.00",
             "收入", "还款"]]
    table = [",".join(f"{c:<{len(c) + 6}}" for c in r) + "," for r in [names, *rows]]
    lines = ["支付宝交易记录明细查询", "账号:[20880012345678900156]",
             "起始日期:[2024-03-01 00:00:00]    终止日期:[2024-04-01 00:00:00]",
             "-" * 40 + "交易记录明细列表" + "-" * 40, *table, "-" * 88, "共2笔记录",
             "导出时间:[2024-04-01 08:00:00]"]
    path = tmp_path / "alipay_record.csv"
    path.write_bytes("\r\n".join(lines).encode("gbk") + b"\r\n")
    with mock.patch.object(CsvReader, "_fast_chunk", CsvReader._fast_chunk if fast
                           else lambda *_: None):
        result = import_file(store, path)
    frame = store.read_dataset(result.dataset)
    assert result.rows_imported == 2
    assert frame["交易号"].tolist() == [r[0] for r in rows]
    assert frame["交易对方"].tolist() == ["某某超市", "张三"]
    assert frame["收/支"].tolist() == ["支出", "收入"]
    assert frame["金额（元）"].tolist() == [128.8, 1024.0]
    assert frame["备注"].fillna("").tolist() == ["", "还款"]


@given(st.lists(st.one_of(st.none(), st.text()), max_size=8), st.integers(0, 3))
def test_a_column_is_trimmed_whenever_a_value_needs_it(values: list, start: int) -> None:
    """The byte check that spares plain columns the trim never misses a padded value (slices
    of an array included)."""
    texts = pa.array(["x", *values, "y"], type=pa.string()).slice(min(start, len(values)))
    padded = any(v is not None and v != _trimmed(v) for v in texts.to_pylist())
    assert _maybe_padded(texts) or not padded


def test_a_bill_footer_is_set_aside_as_a_footer(tmp_path: Path, store) -> None:
    """Before, each footer line was quarantined as "expected 3 fields, found 1"; a full row
    after the rule is still data, and a short row with no rule above it keeps its reason."""
    path = tmp_path / "bill.csv"
    path.write_text("日期,设备号,金额\n2024-01-02,A,1\n2024-01-03,A\n" + "-" * 30 + "\n"
                    "共2笔记录\n已收入:1笔,1.00元\n2024-01-04,B,2\n", encoding="utf-8")
    result = import_file(store, path)
    assert store.read_dataset(result.dataset)["金额"].tolist() == [1, 2]
    reasons = quarantined_rows(store, result.dataset_id).set_index("line")["reason"].map(str)
    assert reasons[3] == "expected 3 fields, found 2"
    assert reasons[4] == "a rule line, not data"
    assert reasons[5] == reasons[6] == "below the rule on line 4 that closes the table, not data"
