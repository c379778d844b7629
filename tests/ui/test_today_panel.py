"""The Today landing panel and the fleet's source choice, driven like an analyst."""

from __future__ import annotations

import pandas as pd
import pytest
from PySide6.QtCore import Qt

from iotfin_gui.core.fleet.sources import load_sources
from iotfin_gui.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def landing(qtbot, demo_store, runner, settings):
    """A first start: no saved panel, so the window lands on Today."""
    window = MainWindow(demo_store, runner, settings=settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.today_panel.overview_ready, timeout=60_000):
        window.show()
    yield window
    runner.cancel_all()
    window.log_pane.detach()


def test_today_is_the_landing_panel_and_opens_an_atm_in_fleet(qtbot, landing) -> None:
    today = landing.today_panel
    assert landing.current_panel_key() == "today" and landing.navigation.currentRow() == 0
    overview = today.overview
    assert overview.as_of is not None and overview.total == 8
    assert today.attention_model.rowCount() == len(overview.attention) > 0
    assert "need attention" in today.headline.text()
    assert today.freshness_model.rowCount() >= 3
    atm = today.selected_atm()
    assert atm == str(overview.attention.iloc[0]["device_id"])
    fleet = landing.panels["fleet"]
    with qtbot.waitSignal(fleet.history_ready, timeout=60_000):
        qtbot.mouseClick(today.fleet_button, Qt.MouseButton.LeftButton)
    assert landing.current_panel_key() == "fleet" and fleet.selected_atm() == atm
    assert fleet.tabs.currentWidget() is fleet.detail
    landing.show_panel("today")
    qtbot.mouseClick(today.forecast_button, Qt.MouseButton.LeftButton)
    assert landing.current_panel_key() == "forecast"


def test_an_import_is_offered_in_fleet_not_used(qtbot, window) -> None:
    fleet = window.panels["fleet"]
    with qtbot.waitSignal(fleet.window_ready, timeout=60_000):
        window.show_panel("fleet")
    assert fleet.source_bar.current("telemetry") == "demo_telemetry"
    assert not fleet.source_notice.isVisible()
    frame = pd.DataFrame({"machineID": [1, 2], "datetime": [pd.Timestamp("2015-01-01")] * 2,
                          "volt": [170.0, 160.0]})
    window.store.write_dataset("pdm_telemetry", frame, "telemetry",
                               roles={"machineID": "device_id", "datetime": "timestamp"},
                               source="test")
    with qtbot.waitSignal(fleet.window_ready, timeout=60_000) as blocker:
        window.refresh_all()
    assert blocker.args[0].data.used["telemetry"] == "demo_telemetry"
    assert fleet.source_notice.isVisible() and "pdm_telemetry" in fleet.source_notice.label.text()
    with qtbot.waitSignal(fleet.window_ready, timeout=60_000) as blocker:
        qtbot.mouseClick(fleet.source_notice.use_button, Qt.MouseButton.LeftButton)
    assert load_sources(window.store).telemetry == "pdm_telemetry"
    assert blocker.args[0].data.used["telemetry"] == "pdm_telemetry"
    assert not fleet.source_notice.isVisible()
    box = fleet.source_bar.boxes["telemetry"]
    with qtbot.waitSignal(fleet.window_ready, timeout=60_000) as blocker:
        box.setCurrentIndex(box.findData("demo_telemetry"))
    assert blocker.args[0].data.used["telemetry"] == "demo_telemetry"
