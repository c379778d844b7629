"""Numbers as people write them: the number format of a column, and exact parsing with it.

Owns :class:`NumberFormat` (the decimal mark and the thousands separators a column accepts),
:func:`detect` (a column's format from every value of its sample; ``1,234`` alone reads as
1234 or 1.234, so it is *ambiguous* and the user is asked, like a day-first date) and
:func:`parse` (one text to an exact :class:`~decimal.Decimal`). Accepted around the digits:
thousands separators (``,`` ``.`` ``'`` and spaces, thin or not, in groups of three or the
Indian ``12,34,567``), currency signs and codes before or after (``¥ ￥ $ € £ CNY RMB HKD``...),
accounting negatives ``(1,234.00)``, a trailing minus, the Unicode minus, full-width digits, a
percent sign (``12.5%`` is 0.125), debit/credit markers (``1,234.56 DR`` is negative, ``CR``
not; ``借``/``贷``), Chinese units (``1.2万`` is 12,000, ``亿`` 10^8) and Arabic-Indic digits with
the Arabic decimal mark (``١٢٣٫٤٥``); :func:`shapes` names those a column uses, for the preview.
:func:`classify` says what a parsed value can be stored as without losing anything: a whole
number (int64, written without leading zeros), a float64 that
gives back the written digits, text (long identifiers, leading zeros, more digits than a float
keeps) or out of range (``1e400`` would become infinity, ``1e-400`` zero).
"""

from __future__ import annotations

import codecs
import decimal
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

#: What a parsed number can be stored as (see :func:`classify`).
INTEGER, FLOAT, TEXT, TOO_LARGE, TOO_SMALL = "integer", "float", "text", "too_large", "too_small"
DECIMAL_MARKS = (".", ",")
#: Thousands separators accepted by default: every one that is not the decimal mark.
SEPARATORS = ",.' "
CURRENCY_SIGNS = ("US$", "HK$", "NT$", "MOP$", "S$", "A$", "C$", "R$", "$", "¥", "€", "£", "₹",
                  "₩", "₽", "₺", "₫", "₱", "฿", "₪", "元", "円", "圆", "Rs.", "Rs", "R")
CURRENCY_CODES = ("CNY", "RMB", "CNH", "HKD", "USD", "EUR", "GBP", "JPY", "TWD", "NTD", "MOP",
                  "KRW", "SGD", "AUD", "CAD", "CHF", "NZD", "INR", "THB", "MYR", "PHP", "IDR",
                  "VND", "RUB", "BRL", "ZAR", "SEK", "NOK", "DKK", "MXN", "AED", "SAR", "TRY",
                  "PLN", "CZK", "HUF", "ILS")
#: Signs and codes that name one currency, as its ISO code (``$`` alone names none: it stays
#: ``$``); ``¥`` is read as the yuan, the currency of the analysts' data (``円`` is the yen).
CURRENCY_ISO = {"¥": "CNY", "元": "CNY", "圆": "CNY", "RMB": "CNY", "CNH": "CNY", "US$": "USD",
                "HK$": "HKD", "NT$": "TWD", "NTD": "TWD", "MOP$": "MOP", "S$": "SGD",
                "A$": "AUD", "C$": "CAD", "R$": "BRL", "€": "EUR", "£": "GBP", "₹": "INR",
                "Rs.": "INR", "Rs": "INR", "₩": "KRW", "₽": "RUB", "₺": "TRY", "₫": "VND",
                "₱": "PHP", "฿": "THB", "₪": "ILS", "円": "JPY", "R": "ZAR"}
#: Look-alikes NFKC leaves alone: minus signs, the apostrophe Swiss thousands are set with and
#: the Arabic percent sign (the Arabic decimal and thousands marks are read in :func:`parse`).
_LOOKALIKES = {"\u2212": "-", "\u2012": "-", "\u2013": "-", "\ufe63": "-", "\u2019": "'",
               "\u066a": "%"}
ARABIC_DECIMAL, ARABIC_THOUSANDS = "\u066b", "\u066c"
#: Chinese units after the digits (``1.2万`` is 12,000): the power of ten each stands for.
UNITS = {"万": 4, "萬": 4, "亿": 8, "億": 8}
#: How exports write "no value" in a number, date or yes/no column, compared stripped and
#: lower-cased: dashes of every width (``-``, ``--``, ``—``, full-width ``－``), ``N/A``, ``/``,
#: and the Chinese ``无``/``無`` (none) and ``空`` (empty). Such a cell is a missing value, never a
#: reason to quarantine its row.
MISSING_MARKERS = frozenset({"", "na", "n/a", "n.a.", "#n/a", "nan", "null", "none", "/",
                             "-", "--", "---", "–", "—", "——", "―",
                             "－", "－－", "无", "無", "空"})
#: Code pages (as :func:`codecs.lookup` names them) of the locales that write only the decimal
#: point: Chinese (mainland, Hong Kong, Taiwan), Japanese and Korean.
POINT_ENCODINGS = frozenset({"gb18030", "gbk", "gb2312", "big5", "big5hkscs", "cp950",
                             "cp932", "shift_jis", "euc_jp", "euc_kr", "cp949"})
_CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
#: Debit / credit markers: a debit is money out (negative), a credit money in.
DEBITS = frozenset({"dr", "借"})
CREDITS = frozenset({"cr", "贷", "貸"})
_CURRENCY = "|".join(re.escape(c) for c in sorted(CURRENCY_SIGNS + CURRENCY_CODES,
                                                 key=len, reverse=True))
#: A number with its signs and currency; the possessive ``++`` keeps matching linear in the
#: length of the text (no backtracking through long runs of digits and spaces).
_SHAPE = re.compile(
    rf"(?P<lead>[-+])?\s*(?P<side>借|贷|貸)?\s*(?:(?P<before>{_CURRENCY})\s*)?(?P<sign>[-+])?\s*"
    r"(?P<body>[0-9.,' ]++)(?P<exponent>[eE][-+]?[0-9]++)?\s*(?P<unit>[万萬亿億])?\s*"
    rf"(?P<percent>%)?\s*(?:(?P<after>{_CURRENCY})\s*)?(?P<trail>-)?\s*(?P<mark>CR|DR|借|贷|貸)?",
    re.IGNORECASE)
_WESTERN = re.compile(r"[1-9][0-9]{0,2}(?:S[0-9]{3})+")
_INDIAN = re.compile(r"[1-9][0-9]?(?:S[0-9]{2})*S[0-9]{3}")
#: Plain ``-12.5`` texts: read alike by every format with ``.`` as decimal mark.
_PLAIN_DOT = re.compile(r"[-+]?[0-9]*+(?:\.[0-9]*+)?(?:[eE][-+]?[0-9]++)?")
#: Plain texts that ``,``-as-decimal reads too (``.`` then being the thousands separator).
_DOT_GROUPED = re.compile(r"[-+]?(?:[1-9][0-9]{0,2}(?:\.[0-9]{3})+"
                          r"|[1-9][0-9]?(?:\.[0-9]{2})*\.[0-9]{3})")
_EXACT = decimal.Context(prec=2000, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
_INT64 = (-(2**63), 2**63)
#: Texts that read the same with either decimal mark, left out of :func:`detect`'s count.
_WHOLE = re.compile(r"[-+]?[0-9]+")
_DETECT_LIMIT = 2000
#: The longest exponent kept as written (longer ones are clamped, see :func:`_clamped`).
_EXPONENT_DIGITS = 15
_DIGIT = re.compile(r"[0-9]")
#: A column none of whose first 200 such texts is a number is not looked at further.
_DETECT_HEAD = 200


@dataclass(frozen=True)
class NumberFormat:
    """The decimal mark of a column and the thousands separators it accepts (``""``: none)."""

    decimal: str = "."
    thousands: str = ",' "

    @classmethod
    def for_decimal(cls, mark: str) -> NumberFormat:
        """The format with decimal mark ``mark`` that takes every other separator."""
        return cls(mark, "".join(s for s in SEPARATORS if s != mark))

    @classmethod
    def from_options(cls, decimal_mark: str | None, thousands: str | None) -> NumberFormat:
        """The format a user's choice gives: ``thousands`` ``none`` (or ``""``) forbids
        separators; a thousands ``,`` or ``.`` implies the other as decimal mark."""
        if thousands is not None and thousands.lower() in ("", "none"):
            return cls(decimal_mark or ".", "")
        if thousands is not None:
            separator = " " if thousands.lower() == "space" else normalise(thousands)
            mark = decimal_mark or ("," if separator == "." else ".")
            return cls(mark, separator)
        return cls.for_decimal(decimal_mark or ".")

    @property
    def plain(self) -> bool:
        """Whether plain ``123.45`` texts read as Python's ``float`` reads them."""
        return self.decimal == "."


@dataclass(frozen=True)
class NumberGuess:
    """The decimal marks that read a column best; two means it is ambiguous (``1,234``)."""

    marks: tuple[str, ...]
    #: How many distinct texts that are not plain whole numbers read with the best mark (0:
    #: nothing showed which mark the column uses).
    numbers: int

    @property
    def ambiguous(self) -> bool:
        return len(self.marks) > 1


def point_locale(name: str, encoding: str | None) -> bool:
    """Whether a column's ambiguous ``1,234`` is one thousand two hundred and thirty-four
    because of where it comes from: its name is written in Chinese, Japanese or Korean, or its
    file in one of their code pages (:data:`POINT_ENCODINGS`). Those locales write only the
    decimal point and group thousands with commas."""
    if _CJK.search(name):
        return True
    if not encoding:
        return False
    try:
        return codecs.lookup(encoding).name in POINT_ENCODINGS
    except LookupError:
        return False


def normalise(text: str) -> str:
    """Full-width and other compatibility characters as ASCII, digits of any script as ASCII
    digits, Unicode minus signs as ``-``, a typographic apostrophe as ``'``, every space (thin,
    no-break) as `` ``; ASCII texts come back as they are."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKC", text)
    for sign, ascii_sign in _LOOKALIKES.items():
        text = text.replace(sign, ascii_sign)
    text = "".join(str(unicodedata.decimal(c)) if not c.isascii() and c.isdecimal() else c
                   for c in text)
    return re.sub(r"\s", " ", text)


def parse(text: str, fmt: NumberFormat) -> tuple[Decimal, bool, bool] | None:
    """``text`` as (exact value, written as a whole number, has a leading zero), or None when
    it is not a number in ``fmt``. ``(…)``, a trailing minus, ``-`` before or after a currency
    sign and a debit marker (``DR`` after, ``借`` before or after) negate, a credit marker
    (``CR``, ``贷``) does not; two signs or markers are refused, never guessed between. ``%``
    divides by 100, ``万`` multiplies by 10,000 and ``亿`` by 100,000,000; the Arabic decimal
    mark ``٫`` is the decimal mark whatever the column's, and its thousands mark ``٬`` a
    thousands separator."""
    text = normalise(text).strip()
    if not text.isascii() and (ARABIC_DECIMAL in text or ARABIC_THOUSANDS in text):
        text = text.replace(ARABIC_DECIMAL, fmt.decimal).replace(
            ARABIC_THOUSANDS, fmt.thousands[:1] or ARABIC_THOUSANDS)
    negative = False
    if text.startswith("(") and text.endswith(")"):
        text, negative = text[1:-1].strip(), True
    match = _SHAPE.fullmatch(text)
    if match is None:
        return None
    signs = [s for s in (match["lead"], match["sign"], match["trail"]) if s]
    markers = [m.lower() for m in (match["side"], match["mark"]) if m]
    if len(signs) + len(markers) > 1 or (negative and (signs or markers)):
        return None
    negative = negative or signs == ["-"] or (markers and markers[0] in DEBITS)
    digits = _digits(match["body"].strip(), fmt) if _DIGIT.search(match["body"]) else None
    if digits is None:
        return None
    whole, fraction = digits
    exponent = _clamped(match["exponent"] or "")
    try:
        value = Decimal(f"{'-' if negative else ''}{whole or '0'}.{fraction}{exponent}"
                        if fraction else f"{'-' if negative else ''}{whole}{exponent}")
    except decimal.InvalidOperation:
        return None
    if match["percent"]:
        value = value.scaleb(-2, _EXACT)
    if match["unit"]:
        value = value.scaleb(UNITS[match["unit"]], _EXACT)
    integral = fmt.decimal not in match["body"] and not exponent and not match["percent"]
    return value, integral, len(whole) > 1 and whole.startswith("0")


def currency(text: str) -> str | None:
    """The currency a number text names (``¥1,234.50`` and ``1 234,50 RMB``: ``CNY``), as
    its ISO code when the sign names one; ``None`` when it names none or is not a number."""
    text = normalise(text).strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    match = _SHAPE.fullmatch(text)
    if match is None or not _DIGIT.search(match["body"]):
        return None
    named = match["before"] or match["after"]
    if not named:
        return None
    upper = named.upper()
    return CURRENCY_ISO.get(named, CURRENCY_ISO.get(upper, upper if upper.isalpha() else named))


def _clamped(exponent: str) -> str:
    """An exponent beyond what a Decimal holds (``e99999999999999999999``) made one that is
    still far beyond any float's range, so the value reads as too large or too small."""
    digits = exponent.lstrip("eE+-")
    if len(digits) <= _EXPONENT_DIGITS:
        return exponent
    return exponent[: len(exponent) - len(digits)] + "9" * _EXPONENT_DIGITS


def _digits(body: str, fmt: NumberFormat) -> tuple[str, str] | None:
    """The integer and fraction digits of ``body``; None if its separators are misplaced."""
    if body.count(fmt.decimal) > 1:
        return None
    whole, _, fraction = body.partition(fmt.decimal)
    if not (whole or fraction) or (not fraction.isdigit() and fraction):
        return None
    if whole.isdigit() or not whole:
        return whole, fraction
    used = {c for c in whole if not c.isdigit()}
    if len(used) != 1 or not used <= set(fmt.thousands):
        return None
    separator = used.pop()
    shape = whole.replace(separator, "S")
    if not (_WESTERN.fullmatch(shape) or _INDIAN.fullmatch(shape)):
        return None
    return whole.replace(separator, ""), fraction


def classify(parsed: tuple[Decimal, bool, bool]) -> str:
    """What a parsed value is stored as without loss: :data:`INTEGER`, :data:`FLOAT`,
    :data:`TEXT` (an identifier: leading zeros, a whole number beyond int64, more digits than
    a float64 gives back) or, for values no float64 holds, :data:`TOO_LARGE` / :data:`TOO_SMALL`.
    """
    value, integral, leading_zero = parsed
    if leading_zero:
        return TEXT
    if integral:
        return INTEGER if _INT64[0] <= value < _INT64[1] else TEXT
    number = float(value)
    if math.isinf(number):
        return TOO_LARGE
    if number == 0 and value != 0:
        return TOO_SMALL
    return FLOAT if fits_float(value, number) else TEXT


def fits_float(value: Decimal, number: float) -> bool:
    """Whether the float ``number`` written with ``value``'s digits gives ``value`` back."""
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int):
        return False
    try:
        return Decimal(number).quantize(Decimal(1).scaleb(exponent), context=_EXACT) == value
    except decimal.InvalidOperation:
        return False


def detect(texts: Iterable[str]) -> NumberGuess:
    """The decimal mark that reads the most of ``texts`` (stripped, non-empty), counted over
    their distinct texts that are not plain whole numbers (the first 2,000 unless all are plain
    ``-12.5`` texts; none when the first 200 hold no number); both marks when they read as many
    and give different values (only ``1,234``-like texts)."""
    distinct = [t for t in dict.fromkeys(texts) if not _WHOLE.fullmatch(t)]
    if all(_PLAIN_DOT.fullmatch(t) for t in distinct):
        grouped = sum(1 for t in distinct if _DOT_GROUPED.fullmatch(t))
        numbers = sum(1 for t in distinct if _DIGIT.search(t))
        return NumberGuess((".", ",") if numbers and grouped == numbers else (".",), numbers)
    distinct = distinct[:_DETECT_LIMIT]
    head = distinct[:_DETECT_HEAD]
    if not any(parse(t, NumberFormat.for_decimal(m)) for t in head for m in DECIMAL_MARKS):
        return NumberGuess((".",), 0)
    read = {mark: [parse(t, NumberFormat.for_decimal(mark)) for t in distinct]
            for mark in DECIMAL_MARKS}
    scores = {mark: sum(p is not None for p in parsed) for mark, parsed in read.items()}
    best = max(scores.values())
    marks = tuple(m for m in DECIMAL_MARKS if scores[m] == best)
    if not best or (len(marks) > 1 and all(a is None or b is None or a[0] == b[0]
                                           for a, b in zip(read["."], read[","], strict=True))):
        marks = (".",)
    return NumberGuess(marks, best)


#: What :func:`shapes` looks for in a column's texts, and how the preview names it.
_SHAPES = (
    ("CR/DR", re.compile(r"(?:CR|DR)\s*$", re.IGNORECASE)),
    ("借/贷", re.compile(r"^[-+]?\s*[借贷貸]|[借贷貸]\s*$")),
    ("万/亿", re.compile(r"\d\s*[万萬亿億]")),
    ("Arabic digits", re.compile("[\u0660-\u0669\u06f0-\u06f9\u066b]")),
)


def shapes(texts: Iterable[str]) -> tuple[str, ...]:
    """The less common ways of writing numbers that ``texts`` (a number column's sample) use:
    debit/credit markers, Chinese units, Arabic digits; shown in the preview beside the format
    (each such text was read by :func:`parse`, none was guessed)."""
    sample = [t for t in dict.fromkeys(texts)
              if not t.isascii() or t[-1:].isalpha()][:_DETECT_LIMIT]
    return tuple(label for label, pattern in _SHAPES if any(pattern.search(t) for t in sample))


def format_label(fmt: NumberFormat) -> str:
    """``1,234.5``-style example of ``fmt`` for the preview."""
    separator = next((s for s in fmt.thousands if s in ",.'"), fmt.thousands[:1])
    return f"1{separator}234{fmt.decimal}5"
