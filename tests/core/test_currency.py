"""The currency amounts were written in: read from the texts, kept in the column's metadata,
shown by the formatter."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.formatting import CHINESE, money
from iotfin_gui.core.ingest import import_file, preview
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
    path.write_text("date,atm,amount,balance\n"
                    '2024-01-01,A1,"¥1,234.50",100\n'
                    '2024-01-02,A1,0,200\n'
                    '2024-01-03,A1,"20.00元",300\n', encoding="utf-8")
    info = store.dataset(import_file(store, path).dataset)
    assert store.read_dataset(info.name)["amount"].tolist() == [1234.5, 0.0, 20.0]
    assert info.currency_of("amount") == "CNY"
    assert info.currency_of("balance") is None
    assert money(1234.5, info.currency_of("amount"), decimals=2) == "¥1,234.50"
    assert money(12_345_678, info.currency_of("amount"), short=True, style=CHINESE) == "¥1,235万"


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_amounts_in_two_currencies_are_refused_naming_both_and_nothing_is_stored(
        tmp_path: Path, store: Store, suffix: str) -> None:
    """Found wherever the second currency first appears (here after 120,000 yuan rows, far
    past any sample), and the whole import is refused: its totals would add yuan to dollars."""
    rows = 120_000 if suffix == "csv" else 300
    frame = pd.DataFrame({"time": pd.date_range("2010-01-01", periods=rows + 2, freq="h"),
                          "atm": "A1",
                          "amount": ["CNY 1,234.00"] * rows + ["USD-12.50", "CNY 7.00"]})
    path = tmp_path / f"mixed.{suffix}"
    if suffix == "csv":
        frame.to_csv(path, index=False)
    else:
        frame.to_excel(path, index=False)
    with pytest.raises(InputError) as caught:
        import_file(store, path)
    assert (caught.value.file, caught.value.row, caught.value.column) == \
        (path.name, rows + 2, "amount")
    assert f"in CNY (line 2) and in USD (line {rows + 2})" in str(caught.value)
    assert store.datasets() == []
    text = import_file(store, path, mapping=preview(path).mapping.changed(types={"amount": "text"}))
    assert store.read_dataset(text.dataset)["amount"].iloc[-2] == "USD-12.50"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789.,' -+()%$¥￥€£RMBCNYUSDrs元円"), max_size=30))
def test_any_text_names_a_currency_or_none_never_raises(text: str) -> None:
    code = currency(text)
    assert code is None or (code and code.strip() == code)
