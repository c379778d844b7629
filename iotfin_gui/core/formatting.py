"""Numbers for people: money and counts grouped, and shortened the way the reader's language does.

English shortens by thousands (``1.2K``, ``5M``, ``3.4B``); Chinese by 万 (10⁴) and 亿 (10⁸)
(``1.2万``, ``4.5亿``). Never scientific notation. Qt-free: the caller passes a
:class:`NumberStyle` (language and separators; the UI builds it from ``QLocale``). A currency
is shown when the data names one (a code such as ``CNY`` or a sign such as ``¥``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

#: (divisor, suffix) from the largest, per language.
UNITS = {
    "en": ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")),
    "zh": ((1e12, "万亿"), (1e8, "亿"), (1e4, "万")),
}
CURRENCY_SIGNS = {"CNY": "¥", "RMB": "¥", "USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥",
                  "HKD": "HK$"}


@dataclass(frozen=True)
class NumberStyle:
    """How numbers are written: ``language`` ``"en"`` or ``"zh"`` and the separators."""

    language: str = "en"
    group: str = ","
    decimal: str = "."

    @property
    def units(self) -> tuple[tuple[float, str], ...]:
        return UNITS["zh" if self.language.startswith("zh") else "en"]


ENGLISH = NumberStyle()
CHINESE = NumberStyle("zh")


def grouped(value: float, decimals: int = 0, style: NumberStyle = ENGLISH) -> str:
    """``value`` with its thousands grouped: ``1,234,567.8``; ``""`` for missing values."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", style.decimal).replace("\0", style.group)


def compact(value: float, style: NumberStyle = ENGLISH, digits: int = 3) -> str:
    """``value`` shortened to about ``digits`` significant digits with the language's unit:
    ``1.23M`` / ``123万``; below the smallest unit, grouped with up to two decimals."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    size = abs(value)
    for divisor, suffix in style.units:
        if size >= divisor:
            return _significant(value / divisor, digits, style) + suffix
    if float(value).is_integer():
        return grouped(value, 0, style)
    return _significant(value, digits, style)


def money(value: float, currency: str | None = None, *, short: bool = False,
          style: NumberStyle = ENGLISH, decimals: int = 0) -> str:
    """An amount: grouped (or ``short``: compact), with the currency's sign or code."""
    text = compact(value, style) if short else grouped(value, decimals, style)
    if not text or not currency:
        return text
    sign = currency_sign(currency)
    if sign == currency and sign.isalpha():
        return f"{text} {sign}"
    return f"-{sign}{text[1:]}" if text.startswith("-") else f"{sign}{text}"


def currency_sign(currency: str) -> str:
    """The sign a currency code is written with (``CNY``: ``¥``); the code when it has none."""
    return CURRENCY_SIGNS.get(currency.upper(), currency)


def tick_labels(values: list[float], spacing: float,
                style: NumberStyle = ENGLISH) -> list[str]:
    """Axis labels for ticks ``spacing`` apart: compact, with just enough decimals that
    neighbouring ticks read differently (``0``, ``500K``, ``1M``, ``1.5M``)."""
    if not values:
        return []
    top = max(abs(v) for v in values)
    divisor, suffix = next(((d, s) for d, s in style.units if top >= d), (1.0, ""))
    step = spacing / divisor if spacing > 0 else 1.0
    decimals = next((d for d in range(7) if abs(round(step, d) - step) <= 1e-9 * step), 6)
    labels = []
    for value in values:
        scaled = value / divisor
        text = grouped(round(scaled, decimals), decimals, style) if decimals else grouped(
            round(scaled), 0, style)
        if decimals:
            text = text.rstrip("0").rstrip(style.decimal)
        labels.append("0" if scaled == 0 or text in ("-0", "0") else text + suffix)
    return labels


def days(value: float, style: NumberStyle = ENGLISH) -> str:
    """A number of days: one decimal below ten, whole days above."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    return grouped(value, 1 if abs(value) < 10 else 0, style)


def _significant(value: float, digits: int, style: NumberStyle) -> str:
    size = abs(value)
    whole = 1 if size < 1 else math.floor(math.log10(size)) + 1
    decimals = max(0, digits - whole)
    text = grouped(value, decimals, style)
    if decimals:
        text = text.rstrip("0").rstrip(style.decimal)
    return text
