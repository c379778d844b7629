"""Numbers for people: grouping, K/M/B and 万/亿, axis ticks, never scientific notation."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from iotfin_gui.core.formatting import (
    CHINESE,
    ENGLISH,
    NumberStyle,
    compact,
    days,
    grouped,
    money,
    tick_labels,
)


def test_grouping_and_separators() -> None:
    assert grouped(1234567.891, 2) == "1,234,567.89"
    assert grouped(1234567.891, 1, NumberStyle("de", ".", ",")) == "1.234.567,9"
    assert grouped(float("nan")) == "" and grouped(None) == ""


def test_compact_english_and_chinese() -> None:
    assert compact(5_000_000) == "5M" and compact(1234) == "1.23K"
    assert compact(2_300_000_000) == "2.3B" and compact(999) == "999" and compact(2.345) == "2.35"
    assert compact(12_345, CHINESE) == "1.23万" and compact(450_000_000, CHINESE) == "4.5亿"
    assert compact(-12_345, CHINESE) == "-1.23万"


def test_money_with_the_currency_of_the_data() -> None:
    assert money(1234.6) == "1,235" and money(1234.6, "CNY") == "¥1,235"
    assert money(-2_000_000, "GBP", short=True) == "-£2M"
    assert money(10_000, "CHF") == "10,000 CHF"
    assert money(120_000, "CNY", short=True, style=CHINESE) == "¥12万"


def test_axis_ticks_read_apart_and_never_in_scientific_notation() -> None:
    assert tick_labels([0, 500_000, 1_000_000, 1_500_000], 500_000) == ["0", "0.5M", "1M",
                                                                        "1.5M"]
    assert tick_labels([0, 2e7, 4e7], 2e7, CHINESE) == ["0", "2,000万", "4,000万"]
    assert tick_labels([0.1, 0.2, 0.3], 0.1) == ["0.1", "0.2", "0.3"]
    assert tick_labels([0, 2.5e6, 5e6], 2.5e6) == ["0", "2.5M", "5M"]
    assert tick_labels([], 1.0) == []


def test_days() -> None:
    assert days(2.34) == "2.3" and days(23.4) == "23" and days(float("inf")) == ""


@given(st.floats(min_value=-1e15, max_value=1e15, allow_nan=False),
       st.sampled_from([ENGLISH, CHINESE]))
def test_no_scientific_notation_ever(value: float, style: NumberStyle) -> None:
    for text in (compact(value, style), grouped(value, 2, style), money(value, "CNY")):
        assert "e+" not in text and "e-" not in text and text
    assert not math.isnan(value)


@given(st.lists(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False), min_size=1,
                max_size=8), st.floats(min_value=1e-3, max_value=1e12))
def test_tick_labels_one_per_value(values: list[float], spacing: float) -> None:
    labels = tick_labels(values, spacing)
    assert len(labels) == len(values) and all("e+" not in t for t in labels)
