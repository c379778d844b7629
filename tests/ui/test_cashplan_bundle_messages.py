"""A route whose bundle is larger than an ATM's cassettes, in the window: the route table marks
the route's capacity cell and names the ATM, the capacity and the bundle as soon as the bundle
is typed (Save waits), and a plan on such routes fails with the same message in the Messages
pane instead of planning fills of 0."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from iotfin_gui.core.cashplan.routes import CSV_COLUMNS, RouteSettings, save_routes
from iotfin_gui.core.forecast.outlook import cash_outlook
from iotfin_gui.core.store import Store
from iotfin_gui.ui.cashplan import CashPlanPage
from iotfin_gui.ui.main_window import MainWindow

pytestmark = pytest.mark.gui

#: 5,000 notes of 100: a bundle of 500,000, more than any demo ATM's cassettes (200,000-300,000).
HUGE = RouteSettings(notes_per_bundle=5_000)


def test_the_route_table_names_an_atm_too_small_for_the_bundle(qtbot, demo_store: Store,
                                                                runner) -> None:
    page = CashPlanPage(demo_store, runner)
    qtbot.addWidget(page)
    page.set_dataset("demo_withdrawals")
    routes = page.routes
    assert routes.model.problems() == []
    bundle = routes.model.index(0, CSV_COLUMNS.index("notes_per_bundle"))
    assert routes.model.setData(bundle, 5_000)
    assert [(row, column) for row, column, _ in routes.model.problems()] == [(0, "capacity")]
    text = routes.message.text()
    assert text.startswith("Route 'default', Capacity: ATM 'ATM-0001' holds 300,000")
    assert "less than one bundle of 500,000 (5,000 notes of 100)" in text
    assert "8 ATM(s) of the route too small" in text
    cell = routes.model.index(0, CSV_COLUMNS.index("capacity"))
    assert cell.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "holds 300,000" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert not routes.save_button.isEnabled()
    assert routes.model.setData(bundle, 1_000)  # 100,000 fits every cassette
    assert routes.model.problems() == [] and routes.save_button.isEnabled()


@pytest.fixture
def huge_bundles(demo_store: Store) -> int:
    """A forecast run of the demo, then routes whose bundle fits no cassette (saved by a
    version that did not check them); list it before ``window``."""
    run_id = cash_outlook(demo_store, "demo_withdrawals", horizon=14,
                          model="weekday_profile").run_id
    save_routes(demo_store, [HUGE])
    return run_id


def test_a_plan_on_too_large_bundles_says_why_in_the_messages_pane(
        qtbot, huge_bundles, window: MainWindow) -> None:
    panel = window.panels["forecast"]
    with qtbot.waitSignal(panel.outlook_ready, timeout=120_000) as blocker:
        window.show_panel("forecast")
    outlook = blocker.args[0]
    assert outlook.run_id == huge_bundles and outlook.plan.empty
    assert any("less than one bundle of 500,000" in note for note in outlook.notes)
    panel.tabs.setCurrentWidget(panel.cash_plan_tab)
    page = panel.cash_plan
    assert page.routes.model.problems()[0][1] == "capacity"
    qtbot.waitUntil(page.plan.replan_button.isEnabled, timeout=60_000)
    with qtbot.waitSignal(window.runner.failed, timeout=60_000):
        qtbot.mouseClick(page.plan.replan_button, Qt.MouseButton.LeftButton)
    log = window.log_pane.text.toPlainText()
    assert "route 'default': ATM 'ATM-0001' holds 300,000 in its cassettes" in log
    assert "one bundle of 500,000 (5,000 notes of 100)" in log
    assert page.plan.model.rowCount() == 0
    for box in window.findChildren(QMessageBox, "error_box"):
        box.close()
