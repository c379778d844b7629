"""CSV injection: text cells a spreadsheet would run as a formula are neutralised (OWASP).

A text cell starting with ``=``, ``+``, ``-``, ``@``, tab, carriage return or line feed (or the
full-width ``＝ ＋ － ＠`` a Chinese input method types; the rule is
:mod:`~iotfin_gui.core.formula_text`'s) gets a single quote in front and is quoted, so Excel
shows it as text and never evaluates it. Only *text* columns are touched: a numeric column's
``-12.5`` is written as a number and stays one. A text column's ``-12.5`` is neutralised too (it
is text in the store; the rule stays simple and checkable).

Excel also changes digits it reads as a number: ``00012345678901234567`` (a device or account
number) loses its leading zeros and every digit after the 15th, and a 12-digit one shows as
``1.23457E+11``. For Excel (:func:`excel_literals`), such a text cell, and a whole number of
more than 15 digits, is written as the formula ``="00012345678901234567"``, which Excel shows as
the text itself and this app's import reads back as those digits (bank exports do the same).
The formula holds only the digits, so it cannot run anything.
"""

from __future__ import annotations

import re

import pyarrow as pa
import pyarrow.compute as pc

from iotfin_gui.core.formula_text import STARTS_WITH_TRIGGER


def neutralise(texts: pa.Array) -> tuple[pa.Array, pa.Array]:
    """Prefix formula-like cells with ``'``; returns the new texts and which cells changed."""
    risky = pc.fill_null(pc.match_substring_regex(texts, STARTS_WITH_TRIGGER), False)
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


#: Digits Excel would change on reading them as a number: a leading zero, 12 digits or more
#: (shown in scientific notation; after 15, digits are lost), or an exponent (``12E3``).
_EXCEL_CHANGES_TEXT = r"^(?:0[0-9]+|[0-9]{12,}|[0-9]+[eE][0-9]+)$"
#: Whole numbers Excel cannot hold exactly: more than 15 digits.
_EXCEL_CHANGES_NUMBER = r"^-?[0-9]{16,}$"


def excel_literals(texts: pa.Array, numbers: bool = False) -> tuple[pa.Array, pa.Array]:
    """Write as ``="…"`` the cells Excel would change by reading them as a number (text
    cells, or ``numbers``: the texts of a whole-number column); returns the new texts and which
    cells changed (they need CSV quotes)."""
    pattern = _EXCEL_CHANGES_NUMBER if numbers else _EXCEL_CHANGES_TEXT
    literal = pc.fill_null(pc.match_substring_regex(texts, pattern), False)
    if not pc.any(literal).as_py():
        return texts, literal
    return pc.if_else(literal, pc.binary_join_element_wise('="', texts, '"', ""),
                      texts), literal


def safe_text_cells(texts: pa.Array, delimiter: str, excel: bool = True) -> pa.Array:
    """Text cells ready for the file: neutralised, written so that Excel keeps them as they
    are (``excel``, :func:`excel_literals`), then quoted where CSV or OWASP needs it."""
    neutral, changed = neutralise(texts)
    if excel:
        neutral, literal = excel_literals(neutral)
        changed = pc.or_(changed, literal)
    return quote_cells(neutral, changed, delimiter)
