"""The Cash plan tab shows its visits as soon as it shows a forecast run: when the window opens
on a dataset with a stored run, and after a forecast run, without pressing Re-plan; the plan
comes with the outlook's background job, so the window never waits for it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from iotfin_gui.core.cashplan.jobs import replan
from iotfin_gui.core.forecast.outlook import cash_outlook
from iotfin_gui.core.store import Store
from iotfin_gui.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def stored_run(demo_store: Store) -> int:
    """A forecast run of the demo recorded before the window opens (list it before
    ``window``)."""
    return cash_outlook(demo_store, "demo_withdrawals", horizon=14,
                        model="weekday_profile").run_id


def test_opening_the_tab_on_a_stored_run_shows_its_visits(qtbot, stored_run,
                                                          window: MainWindow) -> None:
    panel = window.panels["forecast"]
    page = panel.cash_plan
    assert page.plan.model.rowCount() == 0
    window.show_panel("forecast")
    panel.tabs.setCurrentWidget(panel.cash_plan_tab)
    qtbot.waitUntil(lambda: page.plan.model.rowCount() > 0, timeout=60_000)
    assert page.plan.outcome.run_id == stored_run
    expected = replan(window.store, stored_run, service_level=0.95).plan
    shown = page.plan.model.frame
    assert len(shown) == len(expected)
    assert list(shown["series_id"]) == list(expected["series_id"])
    assert list(shown["fill_to"]) == list(expected["fill_to"])
    assert "visits for 8 ATMs from forecast run" in page.plan.summary.text()
    assert page.plan.replan_button.isEnabled()
    assert panel.export_button.isEnabled()  # Export writes the visits on screen


def test_a_forecast_run_fills_the_visits_without_a_click(qtbot, window: MainWindow) -> None:
    panel = window.panels["forecast"]
    window.show_panel("forecast")
    panel.tabs.setCurrentWidget(panel.cash_plan_tab)
    page = panel.cash_plan
    assert page.plan.model.rowCount() == 0
    panel.model_box.setCurrentIndex(panel.model_box.findData("weekday_profile"))
    panel.horizon_box.setValue(14)
    with qtbot.waitSignal(panel.outlook_ready, timeout=120_000) as blocker:
        qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    outlook = blocker.args[0]
    assert page.plan.outcome is outlook.planned is not None
    assert page.plan.model.rowCount() == len(outlook.plan) > 0
    assert page.plan.outcome.today == outlook.planned.today


def test_a_replan_of_the_previous_run_never_lands_on_the_next(qtbot, stored_run,
                                                              window: MainWindow) -> None:
    """Re-plan pressed, then another run shown before it ends: the old run's visits must not
    appear under the new run (the CI once saw them, with a Re-plan still running)."""
    panel = window.panels["forecast"]
    page = panel.cash_plan
    window.show_panel("forecast")
    panel.tabs.setCurrentWidget(panel.cash_plan_tab)
    qtbot.waitUntil(lambda: page.plan.outcome is not None, timeout=60_000)
    qtbot.mouseClick(page.plan.replan_button, Qt.MouseButton.LeftButton)
    page.plan.set_run(stored_run + 1, 0.95)  # another run, before any event turns
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=60_000)
    qtbot.wait(100)
    assert page.plan.outcome is None and page.plan.model.rowCount() == 0
