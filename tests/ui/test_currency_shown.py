"""The demo fleet's amounts are yuan: Today's and Fleet's cash columns show ¥."""

from __future__ import annotations

import pandas as pd
import pytest
from PySide6.QtCore import Qt

from iotfin_gui.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def cash_texts(model) -> list[str]:
    """The displayed texts of a table model's known cash levels."""
    frame = model.frame
    column = list(frame.columns).index("cash_level")
    return [model.data(model.index(row, column)) for row in range(len(frame))
            if not pd.isna(frame.iat[row, column])]


def test_today_and_fleet_show_the_demo_fleets_yuan(qtbot, demo_store, runner, settings) -> None:
    assert demo_store.dataset("demo_telemetry").currency_of("cash_level") == "CNY"
    window = MainWindow(demo_store, runner, settings=settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.today_panel.overview_ready, timeout=60_000):
        window.show()
    today = window.today_panel
    assert today.overview.currency == "CNY"
    texts = cash_texts(today.attention_model)
    assert texts and all(t.startswith("¥") for t in texts)
    fleet = window.panels["fleet"]
    with qtbot.waitSignal(fleet.history_ready, timeout=60_000):
        qtbot.mouseClick(today.fleet_button, Qt.MouseButton.LeftButton)
    texts = cash_texts(fleet.model)
    assert texts and all(t.startswith("¥") for t in texts)
    assert "¥" in fleet.history_plots.cash.getAxis("left").labelText
    runner.cancel_all()
    window.log_pane.detach()
