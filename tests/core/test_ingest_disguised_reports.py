"""Files that are not what their name says, and text reports from core banking, built by code in
the shapes bank and ERP systems send them: an ``.xls`` that is an HTML table (UTF-8 or GBK with
its ``<meta charset>``, a title spanning the table, ``&nbsp;``, thousands, 20-digit accounts
formatted as text), tab-separated text (UTF-16 or GBK) or Excel 2003 XML; fixed-width reports
with CJK text and page breaks that repeat the title and the header under footers such as
``第 1 页 共 3 页``; CSV with the header repeated on each page, ``\\r`` line endings, ``|``
borders and quoted cells padded before the delimiter. Every value comes back exactly, or its
row is set aside with its line and the reason.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.ingest import import_file, quarantined_rows, sniff
from iotfin_gui.core.ingest.readers import open_reader

COLUMNS = ["交易日期", "账号", "摘要", "金额", "余额"]
ROWS = [["2024-01-02", "62220212345678901234", "工资", "12,345.67", "20,000.00"],
        ["2024-01-03", "00012345678901234567", "还款", "-1,000.00", "19,000.00"],
        ["2024-01-04", "62220212345678909999", "ATM取款 上海", "-500.00", "18,500.00"]]


def check_statement(store, result, rows: list[list[str]] = ROWS) -> None:
    """The statement's rows are stored exactly: dates, accounts as the digits written, text,
    amounts."""
    frame = store.read_dataset(result.dataset)
    assert list(frame.columns) == COLUMNS
    assert frame["交易日期"].tolist() == [pd.Timestamp(r[0]) for r in rows]
    assert frame["账号"].tolist() == [r[1] for r in rows]
    assert frame["摘要"].tolist() == [r[2] for r in rows]
    assert frame["金额"].tolist() == [float(r[3].replace(",", "")) for r in rows]
    assert frame["余额"].tolist() == [float(r[4].replace(",", "")) for r in rows]


def quarantine(store, result) -> list[tuple[int, str]]:
    rows = quarantined_rows(store, result.dataset_id)
    return [(int(line), str(reason).split(" (")[0].split(",")[0])
            for line, reason in zip(rows["line"], rows["reason"], strict=True)]


def html_statement(charset: str) -> str:
    cells = []
    for date, account, memo, amount, balance in ROWS:
        cells.append(f"<tr><td>{date}</td><td style='mso-number-format:\"\\@\"'>{account}</td>"
                     f"<td>{memo.replace(' ', '&nbsp;')}</td><td>{amount}</td>"
                     f"<td align=right>{balance}</td></tr>")
    return "\n".join([
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">',
        "<style>td { mso-number-format:General; }</style></head><body><table border=1>",
        '<tr><td colspan="5" align="center"><b>账户交易明细</b></td></tr>',
        "<tr>" + "".join(f"<th>{name}</th>" for name in COLUMNS) + "</tr>",
        *cells, "</table></body></html>"])


@pytest.mark.parametrize(("charset", "encoding"), [("utf-8", "utf-8"), ("gb2312", "gbk")])
def test_an_xls_that_is_an_html_table_reads_as_its_table(tmp_path: Path, store, charset: str,
                                                         encoding: str) -> None:
    path = tmp_path / "明细.xls"
    path.write_bytes(html_statement(charset).encode(encoding))
    assert sniff(path).format == "html"
    result = import_file(store, path)
    check_statement(store, result)
    assert any("row 2" in str(w) for w in result.warnings)


def test_html_spans_are_merged_cells(tmp_path: Path, store) -> None:
    """Unclosed cells and rows (as HTML allows), a group over two sub-columns, a device id
    spanning two rows (each row takes it) and a totals row set aside."""
    path = tmp_path / "日报.xls"
    path.write_text("""<table><tr><td colspan=5>ATM 交易日报
<tr><th rowspan=2>设备号<th rowspan=2>日期<th colspan=2>取款<th rowspan=2>余额
<tr><th>笔数<th>金额
<tr><td rowspan=2>ATM0001<td>2024-01-02<td>12<td>23,400.00<td>&nbsp;
<tr><td>2024-01-03<td>7<td>9,100.50<td>75,300.00
<tr><td>合计<td>&nbsp;<td>19<td>32,500.50<td>
</table>""", encoding="utf-8")
    result = import_file(store, path)
    frame = store.read_dataset(result.dataset)
    assert list(frame.columns) == ["设备号", "日期", "取款 笔数", "取款 金额", "余额"]
    assert frame["设备号"].tolist() == ["ATM0001", "ATM0001"]
    assert frame["取款 金额"].tolist() == [23400.0, 9100.5]
    assert frame["余额"].isna().tolist() == [True, False]
    assert quarantine(store, result) == [(6, "a totals row")]


def test_the_last_row_of_a_table_never_closed_is_read(tmp_path: Path, store) -> None:
    path = tmp_path / "cut.xls"
    path.write_text("<table><tr><th>日期<th>金额<tr><td>2024-01-02<td>1<tr><td>2024-01-03<td>2",
                    encoding="utf-8")
    frame = store.read_dataset(import_file(store, path).dataset)
    assert frame["金额"].tolist() == [1, 2]


@pytest.mark.parametrize("encoding", ["utf-16", "gbk"])
def test_an_xls_that_is_tab_separated_text(tmp_path: Path, store, encoding: str) -> None:
    path = tmp_path / "export.xls"
    text = "\r\n".join("\t".join(row) for row in [COLUMNS, *ROWS]) + "\r\n"
    path.write_bytes(text.encode(encoding))
    assert (sniff(path).format, sniff(path).delimiter) == ("csv", "\t")
    check_statement(store, import_file(store, path))


def excel_xml(sheets: str) -> str:
    return ('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
            '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
            'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">' + sheets + "</Workbook>")


def data(kind: str, value: object, attrs: str = "") -> str:
    return f'<Cell{attrs}><Data ss:Type="{kind}">{value}</Data></Cell>'


@pytest.mark.parametrize("name", ["statement.xls", "statement.xml"])
def test_excel_2003_xml_reads_as_the_sheet_shows(tmp_path: Path, store, name: str) -> None:
    """A cover sheet passed over; the title merged across; a row and a cell placed by
    ss:Index; an id merged down; numbers, dates, times and yes/no typed."""
    rows = ['<Row><Cell ss:MergeAcross="4"><Data ss:Type="String">账户交易明细</Data></Cell>'
            "</Row>",
            '<Row ss:Index="3">' + "".join(data("String", c) for c in COLUMNS) + "</Row>"]
    for date, account, memo, amount, balance in ROWS:
        rows.append("<Row>" + data("DateTime", f"{date}T00:00:00.000") + data("String", account)
                    + data("String", memo.replace("&", "&amp;"))
                    + data("Number", float(amount.replace(",", "")))
                    + data("Number", float(balance.replace(",", ""))) + "</Row>")
    rows += ['<Row ss:Index="9">' + data("String", "时间") + data("String", "在线") + "</Row>",
             "<Row>" + data("DateTime", "2024-01-02T09:30:00.000", ' ss:MergeDown="1"')
             + data("Boolean", 1) + "</Row>",
             '<Row><Cell ss:Index="2"><Data ss:Type="Boolean">0</Data></Cell></Row>']
    path = tmp_path / name
    path.write_text(excel_xml(
        '<Worksheet ss:Name="封面"><Table><Row>' + data("String", "说明") + "</Row></Table>"
        '</Worksheet><Worksheet ss:Name="明细"><Table>' + "".join(rows[:5])
        + '</Table></Worksheet><Worksheet ss:Name="状态"><Table>' + "".join(rows[5:])
        + "</Table></Worksheet>"), encoding="utf-8")
    assert sniff(path).format == "excel_xml"
    result = import_file(store, path)
    check_statement(store, result)
    assert any("'封面'" in str(w) for w in result.warnings)
    assert quarantine(store, result) == []
    second = import_file(store, path, sheet="3", name="状态",
                         allow_duplicate_file=True)
    frame = store.read_dataset(second.dataset)
    assert frame["时间"].tolist() == [pd.Timestamp("2024-01-02 09:30")] * 2
    assert frame["在线"].tolist() == [True, False]


def test_excel_xml_declaring_entities_is_refused(tmp_path: Path, store) -> None:
    path = tmp_path / "bomb.xls"
    path.write_text('<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>'
                    '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet>'
                    "<Table><Row><Cell><Data>&b;</Data></Cell></Row></Table></Worksheet>"
                    "</Workbook>", encoding="utf-8")
    with pytest.raises(InputError, match="document type or entities"):
        import_file(store, path)


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def padded(text: str, size: int, right: bool, measure) -> str:
    space = " " * (size - measure(text))
    return space + text if right else text + space


def fixed_report(rows: list[list[str]], footer: str, measure=width, per_page: int = 2,
                 sizes: tuple[int, ...] = (10, 20, 16, 12, 12)) -> list[str]:
    """The statement printed page by page: a title and an account line, the header under a
    rule, the page's rows, a blank line and the footer; a form feed before each new page."""
    right = (False, False, False, True, True)

    def line(cells: list[str]) -> str:
        return "  ".join(padded(c, n, r, measure) for c, n, r in
                         zip(cells, sizes, right, strict=True)).rstrip()

    pages = [rows[i:i + per_page] for i in range(0, len(rows), per_page)]
    lines: list[str] = []
    for number, page in enumerate(pages, start=1):
        lines += ["\f" * (number > 1) + "                 XX银行 账户交易明细",
                  "账号：6222021234567890123   币种：人民币", "", line(COLUMNS),
                  "  ".join("-" * n for n in sizes), *map(line, page), "",
                  footer.format(page=number, pages=len(pages))]
    return lines


@pytest.mark.parametrize(("name", "footer", "encoding"), [
    ("report.txt", "                     第 {page} 页 共 {pages} 页", "gbk"),
    ("report.prn", "Page {page} of {pages}", "utf-8"),
])
def test_a_fixed_width_report_reads_across_its_pages(tmp_path: Path, store, name: str,
                                                    footer: str, encoding: str) -> None:
    path = tmp_path / name
    path.write_bytes(("\r\n".join(fixed_report(ROWS, footer)) + "\r\n").encode(encoding))
    assert sniff(path).format == "fixed_width"
    result = import_file(store, path)
    check_statement(store, result)
    assert quarantine(store, result) == [
        (9, "a page footer"), (10, "the report's heading again"),
        (11, "the report's heading again"), (13, "the column names again"),
        (14, "a rule line"), (17, "a page footer")]


def utf8_bytes(text: str) -> int:
    return len(text.encode("utf-8"))


@pytest.mark.parametrize(("measure", "encoding"), [
    (width, "utf-8"), (len, "utf-8"), (utf8_bytes, "utf-8"),
    (lambda t: len(t.encode("gbk")), "gbk")])
def test_columns_are_measured_as_the_report_was_written(tmp_path: Path, store, measure,
                                                        encoding: str) -> None:
    """Padded by display width, by characters (Python's ljust), by UTF-8 bytes (C's printf)
    or by GBK bytes (where a dash — is two wide): each reads back exactly."""
    rows = [[*ROWS[0][:2], "工资—奖金", *ROWS[0][3:]], *ROWS[1:]]
    lines = fixed_report(rows, "- {page} -", measure, per_page=5, sizes=(12, 20, 24, 12, 12))
    path = tmp_path / "report.dat"
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    check_statement(store, import_file(store, path), rows)


def test_a_line_that_does_not_line_up_is_set_aside(tmp_path: Path, store) -> None:
    """A memo running into the amount's column, a totals line, and the counts under the rule
    that closes the table."""
    lines = fixed_report(ROWS, "", per_page=5)[3:-2]
    lines.insert(3, "2024-01-03  00012345678901234567  这一行的摘要太长了超出了栏位  -1.00")
    lines += [padded("合计", 69, False, width) + "10,845.67", "-" * 78, "共 3 笔"]
    path = tmp_path / "report.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = import_file(store, path)
    check_statement(store, result)
    assert quarantine(store, result) == [
        (4, "the text runs across the gap between columns '摘要' and '金额': the line does not "
            "line up with the columns under the header's rule"),
        (7, "a totals row"), (8, "a rule line"), (9, "below the rule on line 8 that closes the "
                                                     "table")]


CELL = st.text(st.sampled_from("0123456789abcxyz.账户金额日期工资还款上海—"), min_size=1,
               max_size=8)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=st.lists(CELL, min_size=2, max_size=5, unique=True),
       body=st.lists(st.lists(st.one_of(CELL, st.just("")), min_size=5, max_size=5),
                     min_size=1, max_size=6),
       slack=st.integers(0, 3), encoding=st.sampled_from(["utf-8", "gb18030"]),
       right=st.booleans())
def test_random_cjk_and_ascii_cells_read_back_exactly(tmp_path: Path, header: list[str],
                                                      body: list[list[str]], slack: int,
                                                      encoding: str, right: bool) -> None:
    """Columns as wide as their widest cell (plus slack), cells padded left or right, in
    display columns (UTF-8) or GB18030 bytes: every cell reads back as written."""
    measure = width if encoding == "utf-8" else (lambda t: len(t.encode("gb18030")))
    rows = [row[: len(header)] for row in body]
    assume(all(any(rows_cell for rows_cell in row) for row in rows))
    assume(all(row != header for row in rows))
    sizes = [max(measure(c) for c in column) + slack for column in zip(header, *rows,
                                                                        strict=True)]
    sizes[0] = max(sizes[0], 2)  # a rule of single dashes only ("- -") is no rule

    def line(cells: list[str]) -> str:
        return "  ".join(padded(c, n, right, measure) for c, n in
                         zip(cells, sizes, strict=True)).rstrip()

    path = tmp_path / "random.txt"
    lines = [line(header), "  ".join("-" * n for n in sizes), *map(line, rows)]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    source = sniff(path, encoding=encoding)
    assert source.format == "fixed_width"
    with open_reader(source) as reader:
        assert reader.columns == header
        chunks = [chunk.plain() for chunk in reader.chunks()]
    assert [r.reason for c in chunks for r in c.rejects] == []
    read = [list(cells) for c in chunks for cells in zip(*c.columns.values(), strict=True)]
    assert read == rows


def test_a_csv_report_with_a_header_on_each_page(tmp_path: Path, store) -> None:
    """Page titles, footers and the header again between the pages of a GBK CSV: set aside
    with their reason, the rows between them read."""
    lines = ["账户交易明细,,,,", ",".join(COLUMNS)]
    for index, row in enumerate(ROWS):
        if index == 2:
            lines += ["第 1 页 共 2 页", "账户交易明细,,,,", ",".join(COLUMNS)]
        lines.append(",".join(f'"{c}"' if "," in c else c for c in row))
    lines.append("第 2 页 共 2 页,,,,")
    path = tmp_path / "pages.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    result = import_file(store, path)
    check_statement(store, result)
    assert quarantine(store, result) == [
        (5, "a page footer"), (6, "the report's heading again"), (7, "the column names again"),
        (9, "a page footer")]


@pytest.mark.parametrize("quoted", [False, True])
def test_carriage_returns_alone_end_the_lines(tmp_path: Path, store, quoted: bool) -> None:
    """Old Mac exports: ``\\r`` only, plain (``|``-separated) or quoted."""
    delimiter = "," if quoted else "|"
    lines = [delimiter.join(f'"{c}"' if quoted else c for c in row) for row in [COLUMNS, *ROWS]]
    path = tmp_path / "classic.csv"
    path.write_text("\r".join(lines) + "\r", encoding="utf-8", newline="")
    check_statement(store, import_file(store, path))


def test_a_table_drawn_with_pipes(tmp_path: Path, store) -> None:
    """``| a | b |`` lines: the border makes no column; a line that lost its first ``|``
    would read one column off and is set aside."""
    lines = ["| " + " | ".join(row) + " |" for row in [COLUMNS, *ROWS]]
    lines.insert(2, " | ".join(["2024-01-09", *ROWS[0][1:]]) + " |")
    path = tmp_path / "extract.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = import_file(store, path)
    check_statement(store, result)
    assert quarantine(store, result) == [(3, "text before the first | of the line")]


def test_quoted_cells_padded_before_the_delimiter(tmp_path: Path, store) -> None:
    """``"还款"   ,`` is 还款 (padding after the closing quote, as before the opening one);
    other text after a closing quote is still malformed quoting."""
    lines = [",".join(f'"{c}"   ' for c in row) for row in [COLUMNS, *ROWS]]
    lines.insert(2, '2024-01-09,"1","工资"x,"1.00","2.00"')
    lines.append(",".join(f'  "{c}"' for c in ROWS[0]))
    path = tmp_path / "padded.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = import_file(store, path)
    check_statement(store, result, [*ROWS, ROWS[0]])
    assert quarantine(store, result) == [(3, "malformed quoting")]


def test_the_bytes_decide_not_the_name(tmp_path: Path, store) -> None:
    """A workbook saved as .csv is read as a workbook."""
    book = openpyxl.Workbook()
    book.active.append(COLUMNS)
    for date, account, memo, amount, balance in ROWS:
        book.active.append([date, account, memo, float(amount.replace(",", "")),
                            float(balance.replace(",", ""))])
    path = tmp_path / "export.csv"
    book.save(path)
    assert sniff(path).format == "excel"
    check_statement(store, import_file(store, path))


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("a.xls", '<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN">\n'
              '<html xmlns="http://www.w3.org/1999/xhtml"><body><table>', "html"),
    ("a.xls", "<!-- exported -->\n<TABLE border=1><TR><TD>1", "html"),
    ("a.parquet", "日期\t金额\n2024-01-02\t1\n", "csv"),
    ("a.xml", '<?xml version="1.0"?><rows><row a="1"/></rows>', "csv"),
])
def test_the_format_is_sniffed_from_the_bytes(tmp_path: Path, name: str, content: str,
                                              expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-16" if "TABLE" in content else "utf-8"))
    assert sniff(path).format == expected


MARKUP = st.lists(st.sampled_from([
    "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th>", "<td colspan=3>",
    "<td rowspan=2>", "<td colspan=x>", "<td rowspan=99999>", "<br>", "&nbsp;", "&#0;", "&amp;",
    "<!--", "-->", "<script>", "</script>", "<", ">", "1,234.50", "日期", "合计", "第 1 页",
    " ", "\n", "\x00", "\udcff"]), max_size=60).map("".join)


@settings(max_examples=60, deadline=None)
@given(body=MARKUP)
def test_hostile_html_is_read_or_refused_with_a_reason(tmp_path_factory, body: str) -> None:
    """Any soup of tags, spans, entities and stray bytes gives rows or an InputError."""
    path = tmp_path_factory.mktemp("html") / "soup.xls"
    path.write_bytes(("<html><body>" + body).encode("utf-8", "surrogateescape"))
    try:
        with open_reader(sniff(path, format="html")) as reader:
            for chunk in reader.chunks():
                assert all(len(v) == len(chunk) for v in chunk.columns.values())
    except InputError:
        pass


CELLS = st.lists(st.sampled_from([
    "<Row>", "</Row>", "<Row ss:Index=\"3\">", "<Row ss:Index=\"0\">", "<Cell>", "</Cell>",
    "<Cell ss:Index=\"99999\">", "<Cell ss:MergeAcross=\"2\">", "<Cell ss:MergeDown=\"1\">",
    "<Data ss:Type=\"Number\">", "<Data ss:Type=\"DateTime\">", "<Data ss:Type=\"Boolean\">",
    "<Data>", "</Data>", "1.5", "2024-01-02T00:00:00", "日期", "&amp;", "&bogus;", "<"]),
    max_size=40).map("".join)


@settings(max_examples=60, deadline=None)
@given(body=CELLS)
def test_hostile_excel_xml_is_read_or_refused_with_a_reason(tmp_path_factory, body: str) -> None:
    path = tmp_path_factory.mktemp("xml") / "soup.xml"
    path.write_text(excel_xml('<Worksheet ss:Name="S"><Table>' + body + "</Table></Worksheet>"),
                    encoding="utf-8")
    try:
        with open_reader(sniff(path)) as reader:
            for chunk in reader.chunks():
                assert all(len(v) == len(chunk) for v in chunk.columns.values())
    except InputError:
        pass


LINE = st.lists(st.sampled_from(["2024-01-02", "账户", "工资", "1,234.50", " ", "  ", "    ", "-",
                                 "------", "\t", "\f", "第 1 页 共 2 页", "合计", "：", "\x00",
                                 "交易日期", "金额", "—", "é\u0301"]), max_size=12).map("".join)


@settings(max_examples=60, deadline=None)
@given(lines=st.lists(LINE, max_size=25))
def test_every_line_of_a_report_is_a_row_or_set_aside(tmp_path_factory, lines: list[str]) -> None:
    """Whatever follows the rule, each line that is not blank comes back as a row or as a
    reject with its line number: none is lost without a reason."""
    path = tmp_path_factory.mktemp("fixed") / "report.txt"
    head = ["交易日期    摘要              金额", "----------  ----------  --------"]
    path.write_text("\n".join(head + lines) + "\n", encoding="utf-8")
    with open_reader(sniff(path, format="fixed_width", encoding="utf-8")) as reader:
        chunks = list(reader.chunks())
    seen = sorted([int(n) for c in chunks for n in c.lines]
                  + [r.line for c in chunks for r in c.rejects])
    expected = [n for n, text in enumerate(lines, start=3)
                if text.replace("\f", "").strip()]
    assert seen == expected


@pytest.mark.parametrize("markup", ["html", "excel_xml"])
def test_a_cell_past_the_size_limit_is_refused_naming_its_row(tmp_path: Path, store, monkeypatch,
                                                             markup: str) -> None:
    """A table of data never holds a cell of megabytes; the readers stop at the limit rather
    than hold it in memory (the limit made small here, so the file stays small)."""
    from iotfin_gui.core.ingest import excel_xml, grid, html_tables

    for module in (grid, html_tables, excel_xml):
        monkeypatch.setattr(module, "MAX_LINE_BYTES", 2 << 20)
    big = "9" * (3 << 20)
    if markup == "html":
        text = (f"<html><body><table><tr><th>日期</th><th>金额</th></tr>"
                f"<tr><td>2024-01-02</td><td>1</td></tr><tr><td>2024-01-03</td><td>{big}</td>"
                "</tr></table></body></html>")
    else:
        text = ('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:'
                'spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
                "<Worksheet ss:Name=\"s\"><Table><Row><Cell><Data ss:Type=\"String\">日期</Data>"
                "</Cell><Cell><Data ss:Type=\"String\">金额</Data></Cell></Row><Row><Cell><Data "
                "ss:Type=\"String\">2024-01-02</Data></Cell><Cell><Data ss:Type=\"String\">"
                f"{big}</Data></Cell></Row></Table></Worksheet></Workbook>")
    path = tmp_path / "report.xls"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="holds more than 2 MB of text") as caught:
        import_file(store, path)
    assert caught.value.file == "report.xls"
    assert f"on row {3 if markup == 'html' else 2}" in str(caught.value)
    assert store.datasets() == []
