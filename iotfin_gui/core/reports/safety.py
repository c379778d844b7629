"""CSV injection: text cells a spreadsheet would run as a formula are neutralised (OWASP).

A text cell starting with ``=``, ``+``, ``-``, ``@``, tab, carriage return or line feed (or the
full-width ``＝ ＋ － ＠`` a Chinese input method types) gets a single quote in front and is
quoted, so Excel shows it as text and never evaluates it. Only *text* columns are touched: a
numeric column's ``-12.5`` is written as a number and stays one. A text column's ``-12.5`` is
neutralised too (it is text in the store; the rule stays simple and checkable).
"""

from __future__ import annotations

import re

import pyarrow as pa
import pyarrow.compute as pc

#: First characters that make a spreadsheet treat a cell as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
#: The same characters as an RE2 pattern anchored at the start of a cell.
_STARTS_WITH_TRIGGER = r"^[=+\-@\t\r\n＝＋－＠]"


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet would treat ``text`` as a formula (or a formula-like cell)."""
    return text.startswith(FORMULA_TRIGGERS)


def neutralise(texts: pa.Array) -> tuple[pa.Array, pa.Array]:
    """Prefix formula-like cells with ``'``; returns the new texts and which cells changed."""
    risky = pc.fill_null(pc.match_substring_regex(texts, _STARTS_WITH_TRIGGER), False)
    if not pc.any(risky).as_py():
        return texts, risky
    prefixed = pc.binary_join_element_wise("'", texts, "")
    return pc.if_else(risky, prefixed, texts), risky


def quote_cells(texts: pa.Array, force: pa.Array | None, delimiter: str) -> pa.Array:
    """CSV-quote the cells that need it (delimiter, quote, line break) and those in ``force``."""
    special = re.escape(delimiter) if delimiter != "\t" else r"\t"
    needs = pc.fill_null(pc.match_substring_regex(texts, f'[{special}"\\r\\n]'), False)
    if force is not None:
        needs = pc.or_(needs, force)
    if not pc.any(needs).as_py():
        return texts
    escaped = pc.replace_substring(texts, '"', '""')
    quoted = pc.binary_join_element_wise('"', escaped, '"', "")
    return pc.if_else(needs, quoted, texts)


def safe_text_cells(texts: pa.Array, delimiter: str) -> pa.Array:
    """Text cells ready for the file: neutralised, then quoted where CSV or OWASP needs it."""
    neutral, changed = neutralise(texts)
    return quote_cells(neutral, changed, delimiter)
