"""Which text a spreadsheet runs as a formula: the one rule (OWASP's CSV injection list plus the
full-width signs a Chinese input method types), for the Arrow-based CSV exports
(:mod:`~iotfin_gui.core.reports.safety`) and the plain-Python route files alike."""

from __future__ import annotations

#: First characters that make a spreadsheet treat a cell as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
#: The same characters as an RE2 pattern anchored at the start of a cell.
STARTS_WITH_TRIGGER = r"^[=+\-@\t\r\n＝＋－＠]"


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet would treat ``text`` as a formula (or a formula-like cell)."""
    return text.startswith(FORMULA_TRIGGERS)
