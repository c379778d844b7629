"""Numbers in the interface's sentences are grouped as the tables group them, under every
locale: :func:`iotfin_gui.ui.i18n.number` under the C locale (whose own number format leaves
the digits ungrouped) and in Chinese, for integers and decimals, and the export dialog's
summary after exporting 12,345 rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QLocale, Qt

from iotfin_gui.core.ingest import import_file
from iotfin_gui.ui.export_dialog import ExportDialog
from iotfin_gui.ui.i18n import number

pytestmark = pytest.mark.gui

LOCALES = ["C", "zh_CN"]


@pytest.fixture
def use_locale():
    """Set the default locale by name for one test; the one before comes back after it."""
    before = QLocale()
    yield lambda name: QLocale.setDefault(QLocale(name))
    QLocale.setDefault(before)


@pytest.mark.parametrize("name", LOCALES)
def test_integers_and_decimals_are_grouped(use_locale, name) -> None:
    use_locale(name)
    assert number(12345) == "12,345"
    assert number(50_000_000) == "50,000,000"
    assert number(999) == "999" and number(0) == "0"
    assert number(1234567.891, 2) == "1,234,567.89"
    assert number(-9876543.21, 1) == "-9,876,543.2"
    assert number(0.5, 2) == "0.50"
    assert number(float("nan")) == ""


def test_a_locale_with_other_separators_keeps_them(use_locale) -> None:
    use_locale("de_DE")
    assert number(1234567.891, 2) == "1.234.567,89"


def _read_back(text: str) -> str:
    """``text`` ungrouped, after checking its groups: one to three leading digits, then three."""
    whole = text.lstrip("-").split(".")[0]
    head, *groups = whole.split(",")
    assert 1 <= len(head) <= 3 and all(len(group) == 3 for group in groups), text
    return text.replace(",", "")


@given(value=st.integers(-10**15, 10**15), name=st.sampled_from(LOCALES))
def test_any_integer_reads_back(value: int, name: str) -> None:
    before = QLocale()
    QLocale.setDefault(QLocale(name))
    try:
        assert _read_back(number(value)) == str(value)
    finally:
        QLocale.setDefault(before)


@given(value=st.floats(-1e12, 1e12), decimals=st.integers(0, 4),
       name=st.sampled_from(LOCALES))
def test_any_decimal_reads_back(value: float, decimals: int, name: str) -> None:
    before = QLocale()
    QLocale.setDefault(QLocale(name))
    try:
        assert _read_back(number(value, decimals)) == f"{value:.{decimals}f}"
    finally:
        QLocale.setDefault(before)


@pytest.mark.parametrize("name", LOCALES)
def test_the_export_dialog_groups_the_rows_it_exported(qtbot, store, runner, tmp_path: Path,
                                                        use_locale, name) -> None:
    csv = tmp_path / "branches.csv"
    csv.write_text("branch,staff\n" + "".join(f"B{i},{i % 40}\n" for i in range(12_345)),
                   encoding="utf-8")
    import_file(store, csv, name="branches")
    use_locale(name)
    dialog = ExportDialog(store, runner, "dataset", dataset="branches", what="dataset branches")
    qtbot.addWidget(dialog)
    dialog.set_path(tmp_path / "out.csv")
    with qtbot.waitSignal(dialog.exported, timeout=60_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "Exported 12,345 rows" in dialog.status.text()
    assert "12345" not in dialog.status.text()
