"""CSV format: Excel-friendly (BOM, Chinese, ISO dates, delimiter, CRLF) and injection-safe."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iotfin_gui.core.formula_text import FORMULA_TRIGGERS
from iotfin_gui.core.ingest import import_file
from iotfin_gui.core.reports import ExportOptions, export_table
from iotfin_gui.core.reports.csv_writer import CsvFormat, encode_chunk, encode_header
from iotfin_gui.core.reports.registry import Selection, produce
from iotfin_gui.core.reports.tables import TableData

HOSTILE = (
    "device_id,note,amount,备注\n"
    'ATM-001,"=HYPERLINK(""http://evil.example"",""点击"")",-12.5,=1+2\n'
    "ATM-002,-1+2,3.25,@SUM(A1:A9)\n"
    "ATM-003,+cmd|' /C calc'!A0,-7,正常\n"
    'ATM-004,"\tTAB",0.5,"a,b ""q"""\n'
    "ATM-005,＝1+1,-0.001,-\n"
)



def read_back(path: Path, encoding: str = "utf-8-sig", delimiter: str = ",") -> list[list[str]]:
    with open(path, encoding=encoding, newline="") as handle:
        return list(csv.reader(handle, delimiter=delimiter))


def is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def assert_no_formula(rows: list[list[str]], numeric: set[int]) -> None:
    for row in rows:
        for index, cell in enumerate(row):
            if cell.startswith(FORMULA_TRIGGERS):
                assert index in numeric and is_number(cell), (index, cell)


def test_hostile_imported_file_is_neutralised_and_negatives_stay_numbers(store, tmp_path):
    source = tmp_path / "hostile.csv"
    source.write_text(HOSTILE, encoding="utf-8")
    imported = import_file(store, source, name="hostile")
    assert imported.rows_imported == 5
    out = tmp_path / "out.csv"
    export_table(store, "dataset", out, dataset="hostile")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = read_back(out)
    assert rows[0] == ["device_id", "note", "amount", "备注"]
    assert [r[2] for r in rows[1:]] == ["-12.5", "3.25", "-7", "0.5", "-0.001"]
    assert rows[1][1] == "'=HYPERLINK(\"http://evil.example\",\"点击\")"
    assert rows[2][1] == "'-1+2" and rows[2][3] == "'@SUM(A1:A9)"
    # The import trims text cells (08b94fa); a tab-led text that reaches a table otherwise is
    # still neutralised:
    assert rows[4][1] == "TAB" and rows[4][3] == 'a,b "q"'
    assert excel_rows(pd.DataFrame({"note": ["\tTAB", "\r\n=1"]})) == [["'\tTAB"], ["'\r\n=1"]]
    assert rows[5][1] == "'＝1+1" and rows[5][3] == "'-"
    assert_no_formula(rows[1:], numeric={2})
    assert b"\"'=HYPERLINK(" in raw, "a neutralised cell is quoted"
    back = pd.read_csv(out, encoding="utf-8-sig")
    assert back["amount"].dtype == float and back["amount"].tolist()[0] == -12.5


@settings(max_examples=150, deadline=None)
@given(texts=st.lists(st.text(max_size=12), min_size=1, max_size=8),
       numbers=st.lists(st.floats(allow_nan=True, allow_infinity=False), min_size=8,
                        max_size=8),
       delimiter=st.sampled_from([",", ";", "tab", "|"]))
def test_hypothesis_text_never_starts_a_formula(texts, numbers, delimiter) -> None:
    frame = pd.DataFrame({"text": pd.Series(texts, dtype=object),
                          "number": numbers[:len(texts)]})
    data = TableData.of_frame(frame)
    fmt = CsvFormat.of("utf-8", delimiter)
    body = encode_header(data.columns, fmt) + b"".join(
        encode_chunk(c, data.columns, data.kinds, fmt) for c in data.chunks)
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline=""),
                           delimiter=fmt.delimiter))
    assert rows[0] == ["text", "number"]
    assert len(rows) == len(texts) + 1
    assert_no_formula(rows[1:], numeric={1})
    for row, text, number in zip(rows[1:], texts, numbers, strict=False):
        expected = "'" + text if text.startswith(FORMULA_TRIGGERS) else text
        assert row[0] == expected
        assert (row[1] == "") if np.isnan(number) else float(row[1]) == number


def test_chinese_dates_and_times_round_trip(demo, tmp_path) -> None:
    out = tmp_path / "registry.csv"
    export_table(demo, "dataset", out, dataset="demo_atm_registry")
    rows = read_back(out)
    frame = demo.read_dataset("demo_atm_registry")
    assert rows[0] == list(frame.columns)
    assert [r[rows[0].index("name")] for r in rows[1:]] == frame["name"].tolist()
    assert any("支行" in cell for row in rows for cell in row)
    out = tmp_path / "withdrawals.csv"
    export_table(demo, "dataset", out, dataset="demo_withdrawals")
    rows = read_back(out)
    dates = [r[rows[0].index("date")] for r in rows[1:]]
    assert all(len(d) == 10 and d[4] == d[7] == "-" for d in dates)
    out = tmp_path / "telemetry.csv"
    export_table(demo, "dataset", out, dataset="demo_telemetry")
    rows = read_back(out)
    stamps = [r[rows[0].index("timestamp")] for r in rows[1:]]
    assert all(len(s) == 19 and s[10] == " " and s[13] == ":" for s in stamps)
    assert pd.to_datetime(pd.Series(stamps), format="%Y-%m-%d %H:%M:%S").notna().all()


@pytest.mark.parametrize(("delimiter", "char"), [(";", ";"), ("tab", "\t"), ("|", "|")])
def test_delimiter_and_plain_utf8(demo, tmp_path, delimiter, char) -> None:
    out = tmp_path / "runs.csv"
    export_table(demo, "forecast", out, run_id=1,
                 options=ExportOptions(encoding="utf-8", delimiter=delimiter))
    assert not out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = read_back(out, "utf-8", char)
    assert rows[0] == ["series_id", "date", "forecast", "lo_80", "hi_80", "lo_95", "hi_95"]
    assert len(rows) == 1 + 8 * 7


def test_unknown_format_options_are_refused() -> None:
    from iotfin_gui.core.errors import InputError

    with pytest.raises(InputError, match="encoding"):
        CsvFormat.of("latin-1")
    with pytest.raises(InputError, match="delimiter"):
        CsvFormat.of(delimiter="x")


def test_leaderboard_and_audit_log(demo, tmp_path) -> None:
    out = tmp_path / "runs.csv"
    export_table(demo, "runs", out)
    rows = read_back(out)
    header = rows[0]
    assert header[:5] == ["run_id", "kind", "title", "dataset", "model"]
    run = demo.run(1)
    record = dict(zip(header, rows[1], strict=True))
    assert record["model"] == "Weekday profile" and record["dataset"] == "demo_withdrawals"
    assert float(record["backtest_mase"]) == run["metrics"][("backtest", "mase")][0]
    assert len(record["started_at"]) == 19
    out = tmp_path / "audit.csv"
    export_table(demo, "audit_log", out)
    rows = read_back(out)
    assert rows[0] == ["id", "ts", "action", "detail"]
    assert [r[2] for r in rows[1:3]] == ["store.migrate", "dataset.create"]


def test_a_forecast_run_is_streamed_as_read_forecast_gives_it(demo, tmp_path) -> None:
    from iotfin_gui.core.forecast import read_forecast
    from iotfin_gui.core.reports import export_frame

    demo.conn.execute("UPDATE forecasts SET forecast = NULL WHERE run_id = 1 AND rowid = "
                      "(SELECT min(rowid) FROM forecasts WHERE run_id = 1)")  # a missing value
    whole = tmp_path / "whole.csv"  # the table read whole into pandas, as the export was
    export_frame(demo, "forecast", read_forecast(demo, 1), whole, run_id=1)
    streamed = tmp_path / "streamed.csv"
    export_table(demo, "forecast", streamed, run_id=1, options=ExportOptions(chunk_rows=5))
    assert streamed.read_bytes() == whole.read_bytes()
    data = produce(demo, "forecast", Selection(run_id=1, chunk_rows=5))
    sizes = [len(chunk["series_id"]) for chunk in data.chunks]
    assert data.rows == sum(sizes) == 8 * 7 and max(sizes) == 5


def excel_shows(cell: str) -> str | None:
    """What Excel shows for a CSV cell, as far as digits go (None: Excel changes it): the text
    of an ``="…"`` literal; digits as written when Excel keeps them (no leading zero, at most
    11 digits in the General format); None for other digits and for digits with an exponent
    (``12E3`` is 12000); any other cell as it is (this model knows digits only)."""
    if cell.startswith('="') and cell.endswith('"'):
        return cell[2:-1]
    if cell.isdigit():
        return cell if len(cell) <= 11 and not (cell.startswith("0") and len(cell) > 1) \
            else None
    mantissa, _, exponent = cell.upper().partition("E")
    return None if mantissa.isdigit() and exponent.isdigit() else cell


def excel_rows(frame: pd.DataFrame) -> list[list[str]]:
    data = TableData.of_frame(frame)
    fmt = CsvFormat.of("utf-8-sig", ",")
    body = encode_header(data.columns, fmt) + b"".join(
        encode_chunk(c, data.columns, data.kinds, fmt) for c in data.chunks)
    return list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))[1:]


def test_account_numbers_open_in_excel_with_every_digit(store, tmp_path) -> None:
    source = tmp_path / "accounts.csv"
    source.write_text("device,account,card,amount,note\n"
                      "00012345678901234567,622848123456789012,6228481234567890123,5,012\n"
                      "00012345678901234568,123456789012,42,-6,1E5\n", encoding="utf-8")
    imported = import_file(store, source, name="accounts")
    assert {c.name: c.type for c in store.dataset(imported.dataset).columns}["card"] == \
        "integer"
    out = tmp_path / "out.csv"
    export_table(store, "dataset", out, dataset="accounts", options=ExportOptions(
        auto_mask=False))
    rows = read_back(out)
    assert rows[1] == ['="00012345678901234567"', '="622848123456789012"',
                       '="6228481234567890123"', "5", '="012"']
    assert rows[2] == ['="00012345678901234568"', "123456789012", "42", "-6", '="1E5"']
    back = import_file(store, out, name="back")
    frame = store.read_dataset(back.dataset)
    assert frame["device"].tolist() == ["00012345678901234567", "00012345678901234568"]
    assert frame["note"].tolist() == ["012", "1E5"]
    plain = tmp_path / "plain.csv"
    export_table(store, "dataset", plain, dataset="accounts", options=ExportOptions(
        auto_mask=False, encoding="utf-8"))
    assert read_back(plain, encoding="utf-8")[1][:2] == ["00012345678901234567",
                                                        "622848123456789012"]


@settings(max_examples=150, deadline=None)
@given(texts=st.lists(st.from_regex(r"-?[0-9]{1,22}([eE][0-9]{1,3})?", fullmatch=True) |
                      st.text(max_size=12), min_size=1, max_size=8),
       whole=st.lists(st.integers(min_value=-2**63, max_value=2**63 - 1), min_size=8,
                      max_size=8))
def test_hypothesis_excel_shows_every_text_and_whole_number_as_stored(texts, whole) -> None:
    frame = pd.DataFrame({"text": pd.Series(texts, dtype=object),
                          "whole": pd.Series(whole[:len(texts)], dtype="int64")})
    for row, text, number in zip(excel_rows(frame), texts, whole, strict=False):
        shown = row[0][1:] if text.startswith(FORMULA_TRIGGERS) else excel_shows(row[0])
        if row[0].startswith("="):
            assert row[0] == f'="{text}"' and text.isalnum()
        assert shown == text, (row[0], text)
        cell = row[1]
        assert cell == f'="{number}"' if len(str(abs(number))) > 15 else cell == str(number)
