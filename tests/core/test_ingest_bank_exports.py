"""Bank exports not seen before, built by code in the shapes Chinese, Hong Kong/Taiwan and
European banks export: a report with title rows, a header on two rows (a merged group cell over
its sub-columns), a totals row and note lines below the table, as a workbook and as a CSV;
missing values written ``—``/``无``/``空``; dates written as digits alone; ``1,234`` from a
Chinese export. Every value comes back right, or its row is set aside with file, line and reason.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iotfin_gui.core.ingest import AmbiguousNumberError, import_file, quarantined_rows
from iotfin_gui.core.ingest.numbers import MISSING_MARKERS
from iotfin_gui.core.ingest.readers import RawChunk
from iotfin_gui.core.ingest.report_lines import joined_header, report_rows
from iotfin_gui.core.ingest.roles import ColumnMapping, Mapping
from iotfin_gui.core.ingest.validate import ChunkConverter

GROUPED = ["日期", "设备号", "取款 笔数", "取款 金额", "存款 笔数", "存款 金额", "钞箱余额"]


def report_workbook(path: Path) -> None:
    """Two title rows, 取款/存款 merged over 笔数 | 金额, 日期/设备号/钞箱余额 merged down,
    three rows, a 合计 row, a blank row and two note lines."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["XX银行自助设备交易日报表"])
    sheet.append(["机构：上海分行营业部", None, None, None, "单位：元"])
    sheet.append(["日期", "设备号", "取款", None, "存款", None, "钞箱余额"])
    sheet.append([None, None, "笔数", "金额", "笔数", "金额", None])
    for cells in ("A1:G1", "C3:D3", "E3:F3", "A3:A4", "B3:B4", "G3:G4"):
        sheet.merge_cells(cells)
    sheet.append(["2024-01-02", "ATM0001", 12, 23400.0, 3, 5000.0, 180000.0])
    sheet.append(["2024-01-02", "ATM0002", 7, 9100.5, 0, 0.0, 75300.0])
    sheet.append(["合　计", None, 19, 32500.5, 3, 5000.0, None])
    sheet.append([])
    sheet.append(["制表人：张三", None, None, "复核：李四"])
    sheet.append(["打印日期：2024-01-04 08:30"])
    book.save(path)


def test_workbook_report_reads_its_two_row_header_and_sets_its_foot_aside(
        tmp_path: Path, store) -> None:
    path = tmp_path / "日报.xlsx"
    report_workbook(path)
    result = import_file(store, path)
    frame = store.read_dataset(result.dataset)
    assert list(frame.columns) == GROUPED
    assert frame["取款 金额"].tolist() == [23400.0, 9100.5]
    assert frame["存款 笔数"].tolist() == [3, 0]
    assert frame["日期"].tolist() == [pd.Timestamp("2024-01-02")] * 2
    assert any("3 and 4" in str(w) for w in result.warnings)
    quarantine = quarantined_rows(store, result.dataset_id)
    assert quarantine["line"].tolist() == [7, 9, 10]
    assert [str(r).split(" (")[0] for r in quarantine["reason"]] == [
        "a totals row", "a note line", "a note line"]
    assert set(quarantine["file"]) == {"日报.xlsx"}


def test_csv_report_in_gbk_reads_like_the_workbook(tmp_path: Path, store) -> None:
    """The same report saved as CSV: no merges, the group written once, a trailing empty
    header cell under the last group, quoted thousands."""
    lines = ["XX银行ATM交易汇总表,,,,,,", "统计期间：2024-01-01至2024-01-31,,,,,,",
             "日期,设备号,取款,,存款,,钞箱余额", ",,笔数,金额,笔数,金额,",
             '2024-01-02,ATM0001,12,"23,400.00",3,"5,000.00","180,000.00"',
             "2024-01-02,ATM0002,7,9100.50,0,0.00,75300",
             '合计,,19,"32,500.50",3,"5,000.00",', "制表人：张三,,,,,,",
             "打印日期：2024-02-01,,,,,,"]
    path = tmp_path / "汇总.csv"
    path.write_bytes("\r\n".join(lines).encode("gbk") + b"\r\n")
    result = import_file(store, path)
    frame = store.read_dataset(result.dataset)
    assert list(frame.columns) == GROUPED
    assert frame["取款 金额"].tolist() == [23400.0, 9100.5]
    assert frame["钞箱余额"].tolist() == [180000.0, 75300.0]
    assert quarantined_rows(store, result.dataset_id)["line"].tolist() == [7, 8, 9]


def test_a_totals_row_in_a_plain_csv_is_never_summed_in(tmp_path: Path, store) -> None:
    """No quotes: the block is split by Arrow, and the totals and note rows still go aside."""
    rows = [f"2024-01-{d:02d},ATM01,{d * 100}" for d in range(1, 21)]
    path = tmp_path / "plain.csv"
    path.write_text("\n".join(["日期,设备号,取款金额", *rows, "合计,,21000", "制表人：张三,,",
                               "Total:,,21000"]) + "\n", encoding="utf-8")
    result = import_file(store, path, chunk_rows=8)
    frame = store.read_dataset(result.dataset)
    assert frame["取款金额"].sum() == 21000 and len(frame) == 20
    assert frame["日期"].dtype.kind == "M"
    assert quarantined_rows(store, result.dataset_id)["line"].tolist() == [22, 23, 24]


def test_groups_of_three_over_a_sparse_group_row(tmp_path: Path, store) -> None:
    """The group row fills under 60% of the width, so the row of sub-names is found first:
    the group row above it still names the groups."""
    lines = ["报表,,,,,,,", "日期,设备号,取款,,,存款,,", ",,笔数,金额,手续费,笔数,金额,手续费",
             "2024-01-02,ATM1,3,300.0,1.5,1,100.0,0.0"]
    path = tmp_path / "wide.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    book = openpyxl.Workbook()
    sheet = book.active
    for line in lines:
        sheet.append([None if not c else float(c) if c[0].isdigit() and "-" not in c else c
                      for c in line.split(",")])
    for cells in ("A1:H1", "C2:E2", "F2:H2", "A2:A3", "B2:B3"):
        sheet.merge_cells(cells)
    book.save(tmp_path / "wide.xlsx")
    for name in ("wide.csv", "wide.xlsx"):
        result = import_file(store, tmp_path / name)
        assert result.columns == ["日期", "设备号", "取款 笔数", "取款 金额", "取款 手续费",
                                  "存款 笔数", "存款 金额", "存款 手续费"], name
        assert store.read_dataset(result.dataset)["存款 金额"].tolist() == [100.0]


@pytest.mark.parametrize(("header", "below"), [
    (["日期", "金额", None], ["2024-01-02", "12.5", "ATM1"]),     # data with digits
    (["设备", "城市", None], ["ATM-A", "上海", "浦东"]),           # words, every column filled
    (["日期", "金额", "备注"], [None, "笔数", "说明"]),             # no group: nothing is unnamed
])
def test_a_first_row_of_data_is_never_taken_for_names(header, below) -> None:
    assert joined_header(header, below) is None


def test_a_group_over_its_sub_columns_names_each() -> None:
    assert joined_header(["日期", "取款", None, "备注"], [None, "笔数", "金额", None]) == [
        "日期", "取款 笔数", "取款 金额", "备注"]
    assert joined_header(["Date", "Withdrawals", "Withdrawals"], [None, "Count", "Amount"],
                         [False, False, True]) == ["Date", "Withdrawals Count",
                                                   "Withdrawals Amount"]
    title = ["XX银行日报", "XX银行日报", "XX银行日报"]
    assert joined_header(title, ["日期", "设备号", "金额"], [False, True, True]) is None


def test_times_and_wide_rows_are_not_note_lines() -> None:
    columns = [["9:05", "Jan 2, 2024 09:05", "备注：见附件", "备注：", "A"],
               [None, None, None, "x", "B"],
               [None, None, None, None, "C"]]
    found = report_rows(columns)
    assert sorted(found) == [2]
    assert "备注：见附件" in str(found[2])
    assert report_rows([["制表人：张三"], [None]]) == {}  # two columns: too narrow to tell


AMOUNTS = st.decimals(min_value=Decimal("-99999999.99"), max_value=Decimal("99999999.99"),
                      places=2, allow_nan=False, allow_infinity=False)
STYLES = ("plain", "full-width", "yuan sign", "yuan after", "RMB", "parentheses",
          "trailing minus")
FULL_WIDTH = str.maketrans("0123456789,.", "０１２３４５６７８９，．")


def bank_style(value: Decimal, style: str) -> str:
    """``value`` as a bank export writes it in ``style``."""
    body = f"{abs(value):,.2f}"
    negative = value < 0
    if style == "parentheses":
        return f"({body})" if negative else body
    if style == "trailing minus":
        return body + "-" if negative else body
    sign = "-" if negative else ""
    return {"plain": sign + body, "full-width": (sign + body).translate(FULL_WIDTH),
            "yuan sign": f"{sign}¥{body}", "yuan after": f"{sign}{body}元",
            "RMB": f"RMB {sign}{body}"}[style]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.tuples(AMOUNTS, st.sampled_from(STYLES)),
                          st.sampled_from(sorted(MISSING_MARKERS))), min_size=1, max_size=12))
def test_amounts_in_any_bank_style_and_missing_markers_read_exactly(cells) -> None:
    texts = [c if isinstance(c, str) else bank_style(*c) for c in cells]
    column = ColumnMapping(source="金额", name="金额", type="float", decimal=".",
                           thousands=",")
    chunk = RawChunk({"金额": texts}, np.arange(2, len(texts) + 2))
    converted = ChunkConverter(Mapping("table", (column,))).convert(chunk)
    assert converted.rejects == []
    expected = [np.nan if isinstance(c, str) else float(c[0]) for c in cells]
    np.testing.assert_array_equal(converted.frame["金额"].to_numpy(), expected)


@pytest.mark.parametrize("fees", [
    ["12.50", "—", "3.00", "无", "4.25", "--", "5.00", "空", "6.00", "7.00", "N/A", "9", "1", "2",
     "3"],
    ["—", "无", "--", "空", "－", "——", "12.50", "—", "3.00", "无", "/", "4.25"],
], ids=["mostly numbers", "mostly markers"])
def test_missing_markers_in_a_fee_column_are_missing_values(tmp_path: Path, store,
                                                            fees: list[str]) -> None:
    """The type is guessed from the cells that hold a value: a column of markers and a few
    numbers is a number column."""
    path = tmp_path / "fees.csv"
    path.write_text("流水号,手续费\n" + "".join(f"{i},{f}\n" for i, f in enumerate(fees, 1)),
                    encoding="utf-8")
    result = import_file(store, path)
    values = store.read_dataset(result.dataset)["手续费"].tolist()
    assert result.rows_quarantined == 0
    assert [None if pd.isna(v) else v for v in values] == [
        None if not f[0].isdigit() else float(f) for f in fees]


@pytest.mark.parametrize(("texts", "expected"), [
    (["20240102", "20240113", "20241231"], ["2024-01-02", "2024-01-13", "2024-12-31"]),
    (["202401020930", "202401131745"], ["2024-01-02 09:30", "2024-01-13 17:45"]),
    (["20240102093005", "20241231235959"], ["2024-01-02 09:30:05", "2024-12-31 23:59:59"]),
])
def test_dates_written_as_digits_read_as_dates(tmp_path: Path, store, texts, expected) -> None:
    """``202401020930`` was read as milliseconds since 1970, a day of 1976."""
    path = tmp_path / "compact.csv"
    path.write_text("交易日期,金额\n" + "".join(f"{t},1\n" for t in texts), encoding="utf-8")
    frame = store.read_dataset(import_file(store, path).dataset)
    assert frame["交易日期"].tolist() == [pd.Timestamp(e) for e in expected]


def test_digits_that_are_not_all_dates_stay_numbers(tmp_path: Path, store) -> None:
    path = tmp_path / "not_dates.csv"
    path.write_text("交易日期,code\n20240102,20240102\n20241332,20240103\n", encoding="utf-8")
    frame = store.read_dataset(import_file(store, path).dataset)
    assert frame["交易日期"].tolist() == [20240102, 20241332]
    assert frame["code"].tolist() == [20240102, 20240103]  # not named like a date


def test_thousands_from_a_chinese_export_are_thousands(tmp_path: Path, store) -> None:
    """``3,000`` alone reads both ways; a Big5 file or a column named in Chinese writes only
    the decimal point. A file that shows nothing either way still asks."""
    lines = ["交易日期,摘要,提款金額,餘額", '2024/01/02,跨行提款,"3,000","45,210"',
             '2024/01/08,自動櫃員機提款,"1,000","44,210"']
    big5 = tmp_path / "big5.csv"
    big5.write_bytes("\r\n".join(lines).encode("big5") + b"\r\n")
    frame = store.read_dataset(import_file(store, big5).dataset)
    assert frame["提款金額"].tolist() == [3000, 1000]
    assert frame["餘額"].tolist() == [45210, 44210]
    named = tmp_path / "named.csv"
    named.write_text('atm,余额\nA,"1,234"\nB,"5,678"\n', encoding="utf-8")
    assert store.read_dataset(import_file(store, named).dataset)["余额"].tolist() == [1234, 5678]
    plain = tmp_path / "plain.csv"
    plain.write_text('atm,paid\nA,"1,234"\nB,"5,678"\n', encoding="utf-8")
    with pytest.raises(AmbiguousNumberError):
        import_file(store, plain)


@pytest.mark.parametrize(("texts", "expected"), [
    (["113/01/02", "113/1/15", "113/12/31"], ["2024-01-02", "2024-01-15", "2024-12-31"]),
    (["113.01.02 09:05", "113.02.29 23:59"], ["2024-01-02 09:05", "2024-02-29 23:59"]),
    (["1130102", "1131231"], ["2024-01-02", "2024-12-31"]),
])
def test_minguo_dates_from_a_taiwanese_bank(tmp_path: Path, store, texts, expected) -> None:
    """A Minguo year is the Gregorian year less 1911 (民國113年 is 2024)."""
    path = tmp_path / "statement.csv"
    rows = "".join(f'{t},ATM提款,"2,000"\r\n' for t in texts)
    path.write_bytes(("交易時間,摘要,支出\r\n" + rows).encode("big5"))
    frame = store.read_dataset(import_file(store, path).dataset)
    assert frame["交易時間"].tolist() == [pd.Timestamp(e) for e in expected]
    assert frame["支出"].tolist() == [2000] * len(texts)


def test_a_minguo_column_with_an_impossible_day_stays_text(tmp_path: Path, store) -> None:
    """Every value of the Minguo shape must be a real date, as for Excel day numbers."""
    path = tmp_path / "codes.csv"
    path.write_text("日期,b\n113/02/30,1\n113/01/02,2\n", encoding="utf-8")
    frame = store.read_dataset(import_file(store, path).dataset)
    assert frame["日期"].tolist() == ["113/02/30", "113/01/02"]  # as written, never guessed


def test_a_set_aside_row_keeps_its_cells_apart(tmp_path: Path, store) -> None:
    path = tmp_path / "report.csv"
    path.write_text('日期,设备号,取款金额\n2024-01-02,ATM01,"1,000.00"\n合计,,"1,000.00"\n',
                    encoding="utf-8")
    result = import_file(store, path)
    assert quarantined_rows(store, result.dataset_id)["raw"].tolist() == ['合计,,"1,000.00"']


def test_account_lines_above_the_header_of_a_csv(tmp_path: Path, store) -> None:
    """``账号:,6222…,户名:,张三`` first: its number made the file look headerless, and every
    line, names included, was imported as data in column_1 … column_4."""
    lines = ["账号:,6222020200012345678,户名:,张三", "币种:,人民币,,", ",,,",
             "交易日期,摘要,金额,余额", "2024-01-02,ATM取款,-1000.00,5000.00",
             "2024-01-03,工资,8000.00,13000.00"]
    path = tmp_path / "明细.csv"
    path.write_bytes("\r\n".join(lines).encode("gb18030") + b"\r\n")
    result = import_file(store, path)
    frame = store.read_dataset(result.dataset)
    assert list(frame.columns) == ["交易日期", "摘要", "金额", "余额"]
    assert frame["金额"].tolist() == [-1000.0, 8000.0]
    assert any("line 4" in str(w) for w in result.warnings)


def test_excel_text_formulas_read_as_the_text_they_show(tmp_path: Path, store) -> None:
    path = tmp_path / "accounts.csv"
    path.write_text('账号,户名,金额\n="00012345678901234567",张三,100.00\n'
                    '"=""6222020200012345678""",李四,200.00\n', encoding="utf-8")
    frame = store.read_dataset(import_file(store, path).dataset)
    assert frame["账号"].tolist() == ["00012345678901234567", "6222020200012345678"]
    assert frame["金额"].tolist() == [100.0, 200.0]


def test_times_typed_in_full_width_read_as_times(tmp_path: Path, store) -> None:
    path = tmp_path / "typed.csv"
    path.write_text("交易时间,金额\n2024-01-02 09：05：00,1\n２０２４-01-03 10:00:00,2\n"
                    "2024-01-04 11:00:00,3\n", encoding="utf-8")
    frame = store.read_dataset(import_file(store, path).dataset)
    assert frame["交易时间"].tolist() == [pd.Timestamp("2024-01-02 09:05"),
                                      pd.Timestamp("2024-01-03 10:00"),
                                      pd.Timestamp("2024-01-04 11:00")]
