"""Number and date shapes of real statements: CR/DR and 借/贷 markers, 万/亿 units, Arabic-Indic
digits, 下午3:30 times, Excel day numbers in a CSV date column and month-only dates. Each is read
per column from the sample, shown in the preview, and never guessed when it could be wrong."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iotfin_gui.core.ingest import import_file, preview, quarantined_rows
from iotfin_gui.core.ingest.numbers import NumberFormat, parse, shapes
from iotfin_gui.core.ingest.timestamps import EXCEL_SERIAL, guess_format

ARABIC = str.maketrans("0123456789.,", "٠١٢٣٤٥٦٧٨٩٫٬")
AMOUNTS = st.decimals(min_value=-10**12, max_value=10**12, places=2, allow_nan=False,
                      allow_infinity=False)


def with_commas(value: Decimal) -> str:
    return f"{abs(value):,.2f}"


@settings(max_examples=200, deadline=None)
@given(value=AMOUNTS, marker=st.sampled_from([(" CR", " DR"), ("CR", "DR"), (" Cr", " Dr"),
                                              ("贷", "借")]))
def test_debit_credit_markers_round_trip(value: Decimal, marker: tuple[str, str]) -> None:
    text = with_commas(value) + (marker[1] if value < 0 else marker[0])
    assert parse(text, NumberFormat())[0] == value, text


@settings(max_examples=200, deadline=None)
@given(value=st.decimals(min_value=-10**6, max_value=10**6, places=4, allow_nan=False,
                         allow_infinity=False),
       unit=st.sampled_from([("万", 4), ("亿", 8), ("萬", 4)]), currency=st.sampled_from(["",
                                                                                       "元"]))
def test_chinese_units_round_trip(value: Decimal, unit: tuple[str, int], currency: str) -> None:
    text = f"{value:f}{unit[0]}{currency}"
    assert parse(text, NumberFormat())[0] == value.scaleb(unit[1]), text


@settings(max_examples=200, deadline=None)
@given(value=AMOUNTS, mark=st.sampled_from([".", ","]))
def test_arabic_indic_digits_round_trip(value: Decimal, mark: str) -> None:
    text = ("-" if value < 0 else "") + with_commas(value).translate(ARABIC)
    assert parse(text, NumberFormat.for_decimal(mark))[0] == value, text


@pytest.mark.parametrize("text", ["-100 DR", "(100) CR", "借 100 贷", "CR", "5 CRC", "DR 5",
                                  "1.2万万", "-借100"])
def test_conflicting_or_stray_markers_are_not_numbers(text: str) -> None:
    assert parse(text, NumberFormat()) is None


def test_shapes_name_what_a_column_uses() -> None:
    assert shapes(["1,234.56 CR", "20.00 DR"]) == ("CR/DR",)
    assert shapes(["贷 1,234.56", "借20.00"]) == ("借/贷",)
    assert shapes(["1.2万", "3亿"]) == ("万/亿",)
    assert shapes(["١٢٣٫٤٥"]) == ("Arabic digits",)
    assert shapes(["1,234.56", "7"]) == ()


def test_statement_with_markers_units_and_arabic_digits_imports(tmp_path: Path, store) -> None:
    path = tmp_path / "statement.csv"
    path.write_text("date,amount,limit,local\n"
                    '2024-01-02,"1,234.56 CR",1.2万,١٢٣٫٤٥\n'
                    '2024-01-03,"20.00 DR",3亿,٧\n'
                    '2024-01-04,"5.00DR",0.5万元,٠٫٥\n', encoding="utf-8")
    look = preview(path)
    assert look.number_shapes == {"amount": ("CR/DR",), "limit": ("万/亿",),
                                  "local": ("Arabic digits",)}
    result = import_file(store, path)
    frame = store.read_dataset(result.dataset)
    assert result.rows_quarantined == 0
    assert frame["amount"].tolist() == [1234.56, -20.0, -5.0]
    assert frame["limit"].tolist() == [12_000, 300_000_000, 5_000]
    assert frame["local"].tolist() == [123.45, 7, 0.5]


@pytest.mark.parametrize(("values", "name", "expected"), [
    (["2024/1/5 下午3:30:00", "2024/1/6 上午9:05:00"], "交易时间",
     ["2024-01-05 15:30:00", "2024-01-06 09:05:00"]),
    (["2024年1月5日 下午12:30", "2024年1月6日 上午12:05"], "时间",
     ["2024-01-05 12:30:00", "2024-01-06 00:05:00"]),
    (["45292", "45293", "45300.5"], "date", ["2024-01-01", "2024-01-02", "2024-01-09 12:00"]),
    (["2024年1月", "2024年12月"], "月份", ["2024-01-01", "2024-12-01"]),
    (["2024-01", "2024-02"], "period", ["2024-01-01", "2024-02-01"]),
    (["Jan 2024", "Feb 2024"], "period", ["2024-01-01", "2024-02-01"]),
    (["2024.01", "2024.11"], "month_date", ["2024-01-01", "2024-11-01"]),
])
def test_date_shapes_import(tmp_path: Path, store, values: list[str], name: str,
                            expected: list[str]) -> None:
    path = tmp_path / "dates.csv"
    path.write_text(f"{name},amount\n" + "".join(f"{v},{i}\n" for i, v in enumerate(values)),
                    encoding="utf-8")
    column = next(c for c in preview(path).mapping.columns if c.source == name)
    assert column.type == "datetime" and column.format
    frame = store.read_dataset(import_file(store, path).dataset)
    assert frame[name].tolist() == [pd.Timestamp(e) for e in expected]


@pytest.mark.parametrize(("values", "name"), [
    (["45292", "45293"], "amount"),  # day numbers only in a column named like a date
    (["45292", "12345"], "date"),  # and only when every value is a plausible one
    (["2024.01", "2024.11"], "rate"),  # 2024.01 is a number unless the name says date
])
def test_numbers_are_not_taken_for_dates(values: list[str], name: str) -> None:
    guess = guess_format(values, name)
    assert guess is None or guess.format != EXCEL_SERIAL


def test_one_bad_day_number_is_quarantined_not_the_column(tmp_path: Path, store) -> None:
    path = tmp_path / "serial.csv"
    rows = "".join(f"{45292 + i},{i}\n" for i in range(30)) + "x,5\n"
    path.write_text("date,amount\n" + rows)
    result = import_file(store, path)
    assert (result.rows_imported, result.rows_quarantined) == (30, 1)
    assert quarantined_rows(store, result.dataset_id)["raw"].tolist() == ["x"]
