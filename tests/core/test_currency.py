"""The currency amounts were written in: read from the texts, kept in the column's metadata,
shown by the formatter."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iotfin_gui.core.formatting import CHINESE, money
from iotfin_gui.core.ingest import import_file
from iotfin_gui.core.ingest.numbers import currency
from iotfin_gui.core.store import Store


@pytest.mark.parametrize(("text", "code"), [
    ("¥1,234.50", "CNY"), ("￥12.00-", "CNY"), ("1 234,50 RMB", "CNY"), ("(€1.00)", "EUR"),
    ("HK$ 300", "HKD"), ("5 usd", "USD"), ("$5", "$"), ("1,234.50", None), ("¥", None),
    ("CNY shop", None), ("", None)])
def test_the_currency_a_text_names(text: str, code: str | None) -> None:
    assert currency(text) == code


def test_a_csv_of_yuan_amounts_records_cny(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "cash.csv"
    path.write_text("date,atm,amount,balance,mixed\n"
                    '2024-01-01,A1,"¥1,234.50",100,¥1\n'
                    '2024-01-02,A1,0,200,$2\n'
                    '2024-01-03,A1,"￥20.00",300,3\n', encoding="utf-8")
    info = store.dataset(import_file(store, path).dataset)
    assert store.read_dataset(info.name)["amount"].tolist() == [1234.5, 0.0, 20.0]
    assert info.currency_of("amount") == "CNY"
    assert info.currency_of("balance") is None
    assert info.currency_of("mixed") is None, "two currencies in one column name none"
    assert money(1234.5, info.currency_of("amount"), decimals=2) == "¥1,234.50"
    assert money(12_345_678, info.currency_of("amount"), short=True, style=CHINESE) == "¥1,235万"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789.,' -+()%$¥￥€£RMBCNYUSDrs元円"), max_size=30))
def test_any_text_names_a_currency_or_none_never_raises(text: str) -> None:
    code = currency(text)
    assert code is None or (code and code.strip() == code)
