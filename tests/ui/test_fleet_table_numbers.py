"""The Fleet table's one-decimal cells (cash in % of capacity, days to cash-out) are grouped as
every other number of the app (core/formatting.grouped), under the C locale, whose own number
format leaves the digits ungrouped, and in Chinese."""

from __future__ import annotations

import pandas as pd
import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QTableView

from iotfin_gui.ui.panels.fleet import FleetTableModel

pytestmark = pytest.mark.gui


@pytest.fixture
def use_locale():
    """Set the default locale by name for one test; the one before comes back after it."""
    before = QLocale()
    yield lambda name: QLocale.setDefault(QLocale(name))
    QLocale.setDefault(before)


@pytest.mark.parametrize("name", ["C", "zh_CN"])
def test_percent_and_days_are_grouped_with_one_decimal(qtbot, use_locale, name) -> None:
    use_locale(name)
    frame = pd.DataFrame({"device_id": ["A", "B", "C"],
                          "cash_pct": [1500.26, 42.04, float("nan")],
                          "days_to_cashout": [1234.5, 0.0, float("nan")]})
    model = FleetTableModel()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    model.set_frame(frame)

    def cell(row: int, column: str) -> str:
        index = model.index(row, frame.columns.get_loc(column))
        return model.data(index, Qt.ItemDataRole.DisplayRole)

    assert cell(0, "days_to_cashout") == "1,234.5"
    assert cell(0, "cash_pct") == "1,500.3"
    assert (cell(1, "cash_pct"), cell(1, "days_to_cashout")) == ("42.0", "0.0")
    assert (cell(2, "cash_pct"), cell(2, "days_to_cashout")) == ("", "")
