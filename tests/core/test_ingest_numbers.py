"""Numbers as people write them: every style parses back to the exact value, formats are
detected per column, ``1,234`` alone is ambiguous, and bank-export columns import as numbers."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iotfin_gui.cli import main
from iotfin_gui.core.ingest import AmbiguousNumberError, import_file, preview
from iotfin_gui.core.ingest.numbers import (
    FLOAT,
    INTEGER,
    TEXT,
    TOO_LARGE,
    TOO_SMALL,
    NumberFormat,
    classify,
    detect,
    parse,
)
from iotfin_gui.core.store import Store

FULL_WIDTH = str.maketrans("0123456789,.-", "０１２３４５６７８９，．－")


def grouped(digits: str, separator: str, indian: bool = False) -> str:
    """``digits`` with thousands (or Indian lakh/crore) groups."""
    if len(digits) <= 3:
        return digits
    head, tail = digits[:-3], digits[-3:]
    size = 2 if indian else 3
    groups = []
    while head:
        groups.insert(0, head[-size:])
        head = head[:-size]
    return separator.join([*groups, tail])


def write(value: Decimal, style: str) -> tuple[str, NumberFormat]:
    """``value`` written in ``style``, and the format that reads that style."""
    negative = value < 0
    whole, _, fraction = f"{abs(value):f}".partition(".")
    dot = NumberFormat.for_decimal(".")
    comma = NumberFormat.for_decimal(",")
    if style == "percent":
        return f"{value * 100:f}%", dot
    body, fmt = {
        "plain": (f"{whole}.{fraction}" if fraction else whole, dot),
        "comma thousands": (grouped(whole, ",") + (f".{fraction}" if fraction else ""), dot),
        "indian": (grouped(whole, ",", indian=True) + (f".{fraction}" if fraction else ""), dot),
        "swiss": (grouped(whole, "'") + (f".{fraction}" if fraction else ""), dot),
        "thin space": (grouped(whole, "\u2009") + (f",{fraction}" if fraction else ""), comma),
        "european": (grouped(whole, ".") + (f",{fraction}" if fraction else ""), comma),
        "full width": ((grouped(whole, ",") + (f".{fraction}" if fraction else ""))
                       .translate(FULL_WIDTH), dot),
    }.get(style, (grouped(whole, ",") + (f".{fraction}" if fraction else ""), dot))
    sign = {"accounting": ("(", ")"), "trailing minus": ("", "-"),
            "unicode minus": ("\u2212", ""), "yen": ("-¥", ""), "full-width yen": ("￥-", ""),
            "code after": ("-", " CNY"), "code before": ("RMB -", ""),
            "dollar": ("-$", "")}.get(style, ("-", ""))
    if not negative:
        sign = {"yen": ("¥", ""), "full-width yen": ("￥", ""), "code after": ("", " CNY"),
                "code before": ("RMB ", ""), "dollar": ("$", "")}.get(style, ("", ""))
    return f"{sign[0]}{body}{sign[1]}", fmt


STYLES = ["plain", "comma thousands", "indian", "swiss", "thin space", "european", "full width",
          "accounting", "trailing minus", "unicode minus", "yen", "full-width yen", "code after",
          "code before", "dollar", "percent"]


@settings(max_examples=400, deadline=None)
@given(value=st.decimals(min_value=-10**15, max_value=10**15, places=2, allow_nan=False,
                         allow_infinity=False),
       style=st.sampled_from(STYLES))
def test_every_style_parses_back_exactly(value: Decimal, style: str) -> None:
    text, fmt = write(value, style)
    parsed = parse(text, fmt)
    assert parsed is not None, text
    assert parsed[0] == value, text


@pytest.mark.parametrize(("text", "value"), [
    ("7,335.51", "7335.51"), ("¥4,870.61", "4870.61"), ("￥4,870.61", "4870.61"),
    ("(1,234.00)", "-1234.00"), ("12,34,567", "1234567"), ("1,234.00-", "-1234.00"),
    ("−5", "-5"), ("１２３．５", "123.5"), ("12.5%", "0.125"), ("HK$ 12", "12"),
    ("1’234.50", "1234.50"), ("USD -3", "-3")])
def test_bank_shapes(text: str, value: str) -> None:
    assert parse(text, NumberFormat())[0] == Decimal(value)


@pytest.mark.parametrize("text", ["abc", "2024-01-31", "1.2.3", "12,3456", "0,123", "--5",
                                  "(-5)", "1,23,4", "$", "5 5"])
def test_not_numbers(text: str) -> None:
    assert parse(text, NumberFormat()) is None


@pytest.mark.parametrize(("text", "kind"), [
    ("12", INTEGER), ("-3.5", FLOAT), ("007", TEXT), ("12345678901234567890", TEXT),
    ("0.30000000000000004", FLOAT), ("1.23456789012345678901", TEXT), ("1e400", TOO_LARGE),
    ("1e-400", TOO_SMALL), ("9223372036854775807", INTEGER), ("9223372036854775808", TEXT),
    ("1e99999999999999999999", TOO_LARGE), ("-1e-99999999999999999999", TOO_SMALL)])
def test_what_a_number_can_be_stored_as(text: str, kind: str) -> None:
    assert classify(parse(text, NumberFormat())) == kind


def test_detection_per_column() -> None:
    assert detect(["1,234", "5,678"]).ambiguous
    assert detect(["1.234", "5.678"]).ambiguous
    assert detect(["1,234", "5,678.5"]).marks == (".",)
    assert detect(["1.234", "5,5"]).marks == (",",)
    assert detect(["1.234", "0.5"]).marks == (".",)
    assert detect(["12", "-3"]).numbers == 0


def test_quoted_thousands_and_currency_import_as_numbers(tmp_path: Path, store) -> None:
    path = tmp_path / "statement.csv"
    path.write_text("date,desc,amount,balance\n"
                    '2024-01-01,salary,"7,335.51","12,335.51"\n'
                    '2024-01-02,rent,"(1,234.00)","11,101.51"\n'
                    '2024-01-03,shop,"¥4,870.61","6,230.90"\n'
                    '2024-01-04,fee,"￥12.00-","6,218.90"\n', encoding="utf-8")
    result = import_file(store, path)
    frame = store.read_dataset(result.dataset)
    assert result.rows_quarantined == 0
    assert frame["amount"].tolist() == [7335.51, -1234.0, 4870.61, -12.0]
    assert frame["balance"].tolist() == [12335.51, 11101.51, 6230.9, 6218.9]


def test_each_column_keeps_its_own_decimal_mark(tmp_path: Path, store) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text('us,eu\n"1,234.5","1.234,5"\n"2,000.25","2,25"\n')
    frame = store.read_dataset(import_file(store, path).dataset)
    assert frame["us"].tolist() == [1234.5, 2000.25]
    assert frame["eu"].tolist() == [1234.5, 2.25]


def test_ambiguous_thousands_ask_and_the_answer_decides(tmp_path: Path, store) -> None:
    path = tmp_path / "whole.csv"
    path.write_text('atm,paid\nA,"1,234"\nB,"5,678"\n')
    look = preview(path)
    assert look.ambiguous_numbers == {"paid": (".", ",")}
    with pytest.raises(AmbiguousNumberError, match="--decimal"):
        import_file(store, path)
    assert store.datasets() == []
    result = import_file(store, path, decimal=".")
    assert store.read_dataset(result.dataset)["paid"].tolist() == [1234, 5678]
    again = import_file(store, path, thousands=".", name="eu", allow_duplicate_file=True)
    assert store.read_dataset(again.dataset)["paid"].tolist() == [1.234, 5.678]


def test_a_decided_column_settles_an_ambiguous_one(tmp_path: Path, store) -> None:
    path = tmp_path / "hint.csv"
    path.write_text('paid,balance\n"1,234","10,000.50"\n"5,678","4,322.50"\n')
    frame = store.read_dataset(import_file(store, path).dataset)
    assert frame["paid"].tolist() == [1234, 5678]


def test_cli_decimal_and_thousands_options(tmp_path: Path, store_path: Path, capsys) -> None:
    path = tmp_path / "swiss.csv"
    path.write_text("konto,betrag\nA,1'234.50\nB,2'000\n")
    assert main(["import", str(path), "--db", str(store_path), "--thousands", "'",
                 "--json"]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[-1])["quarantined"] == 0
    assert main(["import", str(path), "--db", str(store_path), "--thousands", "none",
                 "--name", "strict", "--allow-duplicate-file", "--json"]) == 0
    capsys.readouterr()
    ambiguous = tmp_path / "whole.csv"
    ambiguous.write_text('atm,paid\nA,"1,234"\nB,"5,678"\n')
    assert main(["import", str(ambiguous), "--db", str(store_path)]) == 2
    assert "--decimal" in capsys.readouterr().err
    assert main(["import", str(ambiguous), "--db", str(store_path), "--decimal", ",",
                 "--json"]) == 0
    two = tmp_path / "two.csv"
    two.write_text('atm,fee,paid\nA,"2.500","1,234"\nB,"3.750","5,678"\n')
    assert main(["import", str(two), "--db", str(store_path), "--column-decimal", "fee=.",
                 "--column-decimal", "paid=,", "--json"]) == 0
    assert main(["import", str(two), "--db", str(store_path), "--column-decimal", "fee=;",
                 "--allow-duplicate-file"]) == 2
    assert "must be . or ," in capsys.readouterr().err
    with Store.open(store_path) as store:
        assert store.read_dataset("two")["fee"].tolist() == [2.5, 3.75]
        assert store.read_dataset("two")["paid"].tolist() == [1.234, 5.678]
        assert store.read_dataset("swiss")["betrag"].tolist() == [1234.5, 2000.0]
        assert store.read_dataset("strict")["betrag"].tolist() == ["1'234.50", "2'000"]
        assert store.read_dataset("whole")["paid"].tolist() == [1.234, 5.678]


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("0123456789.,' -+()%$¥€eE\u2009\u2212０９，．USDCNY"),
                    max_size=40),
       mark=st.sampled_from([".", ","]))
def test_any_text_parses_or_is_refused_never_raises(text: str, mark: str) -> None:
    parsed = parse(text, NumberFormat.for_decimal(mark))
    assert parsed is None or isinstance(parsed[0], Decimal)
    if parsed is not None:
        assert classify(parsed) in (INTEGER, FLOAT, TEXT, TOO_LARGE, TOO_SMALL)


@pytest.mark.parametrize("text", ["1 " * 20_000 + "x", "1" * 50_000 + "x", "-" + "1," * 20_000,
                                  "1." * 20_000])
def test_long_hostile_cells_are_refused_without_backtracking(text: str) -> None:
    """The patterns are possessive: these return at once instead of running for hours."""
    assert parse(text, NumberFormat()) is None
    assert detect([text, "1.5"]).marks == (".",)
