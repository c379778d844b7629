"""The Cash plan tab's route table driven like a user: add a route, tick its weekdays and ATMs in
their editors, type a bad value and read the message naming the route and field, save, reopen
the store and find the routes; import a CSV, export it, and get the same file back; amounts in
the data's currency; the ATM list follows the dataset chosen in the Forecast panel."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDoubleSpinBox, QLineEdit, QSpinBox, QStyleOptionViewItem

from iotfin_gui.core.cashplan import load_routes
from iotfin_gui.core.cashplan.routes import (
    CSV_COLUMNS,
    ROUTES_SETTING,
    WHOLE_RANGES,
    RouteSettings,
)
from iotfin_gui.core.forecast.outlook import cash_outlook
from iotfin_gui.core.store import Store
from iotfin_gui.ui.cashplan import CashPlanPage
from iotfin_gui.ui.cashplan.route_editors import AtmPicker, DateListEditor, WeekdayPicker

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot, demo_store: Store, runner) -> CashPlanPage:
    page = CashPlanPage(demo_store, runner)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    return page


def open_editor(qtbot, page: CashPlanPage, row: int, column: str):
    """Double-click the cell and return the editor that opens over it."""
    view = page.routes.table
    index = page.routes.model.index(row, CSV_COLUMNS.index(column))
    view.scrollTo(index)
    center = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    qtbot.waitUntil(lambda: view.indexWidget(index) is not None, timeout=5000)
    return view.indexWidget(index)


def type_into(qtbot, editor: QLineEdit | QSpinBox | QDoubleSpinBox, text: str) -> None:
    """Replace the editor's text with ``text`` and press Return (the table commits it)."""
    line = editor if isinstance(editor, QLineEdit) else editor.lineEdit()
    line.selectAll()
    qtbot.keyClicks(line, text)
    press_return(qtbot, editor)


def press_return(qtbot, editor) -> None:
    view = editor.parentWidget().parentWidget()
    qtbot.keyClick(editor if isinstance(editor, QLineEdit) else editor.lineEdit(),
                   Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState, timeout=5000)


def test_add_edit_validate_save_and_reopen(qtbot, page: CashPlanPage, store_path) -> None:
    routes = page.routes
    assert [r.route for r in routes.model.routes()] == ["default"]
    assert not routes.save_button.isEnabled() and routes.export_button.isEnabled()

    qtbot.mouseClick(routes.add_button, Qt.MouseButton.LeftButton)
    assert routes.model.rowCount() == 2
    # A second route that takes every other ATM: named at once, and Save waits for a fix.
    assert "Route 2" in routes.message.text() and "ATMs" in routes.message.text()
    assert not routes.save_button.isEnabled()

    name = open_editor(qtbot, page, 1, "route")
    assert isinstance(name, QLineEdit)
    type_into(qtbot, name, "north")
    assert routes.model.routes()[1].route == "north"

    picker = open_editor(qtbot, page, 1, "atms")
    assert isinstance(picker, AtmPicker)
    assert picker.all_others.isChecked() and picker.atms.count() == 8
    box = picker.all_others  # clicked on its box: a check box reacts to its box and text only
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert not box.isChecked() and picker.atms.isEnabled()
    picker.tick("ATM-0001")
    picker.tick("ATM-0002")
    qtbot.mouseClick(picker.done_button, Qt.MouseButton.LeftButton)
    assert routes.model.routes()[1].atms == ("ATM-0001", "ATM-0002")

    days = open_editor(qtbot, page, 1, "visit_days")
    assert isinstance(days, WeekdayPicker)
    assert days.value() == (0, 1, 2, 3, 4)
    days.tick(5)
    days.tick(0, False)
    qtbot.mouseClick(days.done_button, Qt.MouseButton.LeftButton)
    assert routes.model.routes()[1].visit_days == (1, 2, 3, 4, 5)
    shown = routes.model.index(1, CSV_COLUMNS.index("visit_days")).data()
    assert shown == "Tue, Wed, Thu, Fri, Sat"

    holidays = open_editor(qtbot, page, 1, "cit_holidays")
    assert isinstance(holidays, DateListEditor)
    holidays.date_box.setDate(holidays.date_box.date().fromString("2026-12-25", "yyyy-MM-dd"))
    qtbot.mouseClick(holidays.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(holidays.done_button, Qt.MouseButton.LeftButton)
    assert routes.model.routes()[1].cit_holidays == ("2026-12-25",)

    lead = open_editor(qtbot, page, 1, "lead_days")
    assert isinstance(lead, QSpinBox)
    assert (lead.minimum(), lead.maximum()) == WHOLE_RANGES["lead_days"]
    type_into(qtbot, lead, "3")
    rate = open_editor(qtbot, page, 1, "idle_rate")
    type_into(qtbot, rate, "7.5")
    assert routes.model.routes()[1].lead_days == 3
    assert routes.model.routes()[1].idle_rate == pytest.approx(0.075)

    # A bad value: a note value of 0. The cell turns red and the message names route and field.
    note = open_editor(qtbot, page, 1, "denomination")
    assert isinstance(note, QDoubleSpinBox) and note.prefix().startswith("¥")
    type_into(qtbot, note, "0")
    assert "'north'" in routes.message.text() and "Note value" in routes.message.text()
    assert "positive" in routes.message.text()
    bad = routes.model.index(1, CSV_COLUMNS.index("denomination"))
    assert bad.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "Note value" in bad.data(Qt.ItemDataRole.ToolTipRole)
    assert not routes.save_button.isEnabled()
    # ... and the same name twice is named too, by the same rules as the CSV import.
    name = open_editor(qtbot, page, 1, "route")
    type_into(qtbot, name, "default")
    assert "appears twice" in routes.message.text()
    name = open_editor(qtbot, page, 1, "route")
    type_into(qtbot, name, "north")
    note = open_editor(qtbot, page, 1, "denomination")
    type_into(qtbot, note, "50")
    assert routes.model.problems() == [] and routes.save_button.isEnabled()
    assert not routes.export_button.isEnabled()
    assert routes.model.index(1, CSV_COLUMNS.index("denomination")).data() == "¥50"

    with qtbot.waitSignal(routes.changed):
        qtbot.mouseClick(routes.save_button, Qt.MouseButton.LeftButton)
    assert "2 route(s) saved" in routes.message.text()
    assert not routes.save_button.isEnabled()
    with Store.open(store_path) as reopened:
        saved = load_routes(reopened)
    assert saved == routes.model.routes()
    assert saved[1] == RouteSettings(
        route="north", atms=("ATM-0001", "ATM-0002"), visit_days=(1, 2, 3, 4, 5),
        cit_holidays=("2026-12-25",), lead_days=3, denomination=50.0, idle_rate=0.075)

    # Revert drops unsaved edits; Remove takes the selected route out of the draft.
    routes.table.setCurrentIndex(routes.model.index(1, 0))
    qtbot.mouseClick(routes.remove_button, Qt.MouseButton.LeftButton)
    assert routes.model.rowCount() == 1 and routes.revert_button.isEnabled()
    qtbot.mouseClick(routes.revert_button, Qt.MouseButton.LeftButton)
    assert routes.model.routes() == saved


def test_untouched_editors_keep_values_with_more_decimals(qtbot, page: CashPlanPage) -> None:
    page.routes.model.set_routes([RouteSettings(idle_rate=0.0512345, visit_cost=150.125)])
    for column in ("idle_rate", "visit_cost"):
        press_return(qtbot, open_editor(qtbot, page, 0, column))
    assert not page.routes.model.is_dirty()


def test_import_export_round_trip(qtbot, page: CashPlanPage, tmp_path) -> None:
    source = tmp_path / "routes.csv"
    source.write_text(
        "route,atms,visit_days,cit_holidays,lead_days,capacity,denomination,notes_per_bundle,"
        "visit_cost,surcharge,idle_rate,stockout_penalty,max_interval\n"
        "=north,ATM-0001;ATM-0002,Mon-Sat,2026-12-25;2026-12-26,2,\"400,000\",100,100,200,120,"
        "7%,5000,14\nrest,*,\"Mon,Wed,Fri\",,1,,50,200,150,100,0.05,1000,\n", encoding="utf-8")
    with qtbot.waitSignal(page.routes.changed):
        assert page.routes.import_file(str(source))
    imported = page.routes.model.routes()
    assert [r.route for r in imported] == ["=north", "rest"]
    assert page.routes.model.index(0, CSV_COLUMNS.index("capacity")).data() == "¥400,000"
    assert page.routes.model.index(0, CSV_COLUMNS.index("idle_rate")).data() == "7%"
    atms = page.routes.model.index(0, CSV_COLUMNS.index("atms"))
    assert atms.data(Qt.ItemDataRole.ToolTipRole) == "ATM-0001; ATM-0002"

    out = tmp_path / "exported.csv"
    assert page.routes.export_file(str(out))
    assert "exported" in page.routes.message.text()
    text = out.read_text(encoding="utf-8-sig")
    assert text.splitlines()[1].startswith("'=north,")  # a spreadsheet shows it as text
    assert not page.routes.export_file(str(out), replace=False)
    assert page.routes.export_file(str(out), replace=True)

    page.routes.model.set_routes([RouteSettings()])
    assert page.routes.import_file(str(out))
    assert page.routes.model.routes() == imported
    again = tmp_path / "again.csv"
    assert page.routes.export_file(str(again))
    assert again.read_bytes() == out.read_bytes()

    bad = tmp_path / "bad.csv"
    bad.write_text("route,lead_days\nx,99\n", encoding="utf-8")
    assert not page.routes.import_file(str(bad))
    assert "row 1" in page.routes.message.text() and "lead_days" in page.routes.message.text()
    assert page.routes.model.routes() == imported


def test_a_click_outside_a_popup_keeps_its_ticks_and_blank_names_are_named(
        qtbot, page: CashPlanPage) -> None:
    routes = page.routes
    days = open_editor(qtbot, page, 0, "visit_days")
    days.tick(6)
    days.close()  # what a click outside a popup does
    qtbot.waitUntil(lambda: routes.table.state() != routes.table.State.EditingState)
    assert routes.model.routes()[0].visit_days == (0, 1, 2, 3, 4, 6)
    for blank in ("   ", ""):
        type_into(qtbot, open_editor(qtbot, page, 0, "route"), blank)
        assert "Route ''" in routes.message.text() and "needs a name" in routes.message.text()
        assert not routes.save_button.isEnabled()
    days = open_editor(qtbot, page, 0, "visit_days")
    for day in range(7):
        days.tick(day, False)
    qtbot.mouseClick(days.done_button, Qt.MouseButton.LeftButton)
    assert [c for _, c, _ in routes.model.problems()] == ["route", "visit_days"]
    assert "(1 more problem(s))" in routes.message.text()


def test_stored_routes_the_rules_refuse_are_named_not_fatal(qtbot, demo_store, runner) -> None:
    demo_store.set_setting(ROUTES_SETTING, [{"route": "old", "lead_days": 99}])
    page = CashPlanPage(demo_store, runner)
    qtbot.addWidget(page)
    assert "cannot be used" in page.routes.message.text()
    assert "lead_days" in page.routes.message.text()
    assert [r.route for r in page.routes.model.routes()] == ["default"]
    assert demo_store.setting(ROUTES_SETTING) == [{"route": "old", "lead_days": 99}]


def test_choosing_a_dataset_fills_the_atm_list_at_once(qtbot, window) -> None:
    """The ATMs of the chosen dataset are offered as soon as it is chosen, not once its
    forecast run has been reopened (a background job); the visits planned on the previous
    dataset's run leave the screen when the new run is shown."""
    store, panel = window.store, window.panels["forecast"]
    days = pd.date_range("2026-01-01", periods=60, freq="D")
    branch = ["BR-1", "BR-2", "BR-3"]
    store.write_dataset("branch_withdrawals", pd.DataFrame({
        "atm": np.repeat(branch, len(days)), "day": np.tile(days, len(branch)),
        "amount": 1000.0 + 100.0 * np.tile(days.day_of_week, len(branch))}), "withdrawals",
        roles={"atm": "device_id", "day": "timestamp", "amount": "amount"}, source="test")
    for dataset in ("demo_withdrawals", "branch_withdrawals"):
        cash_outlook(store, dataset, horizon=7, model="weekday_profile")
    registry = [f"ATM-{i:04d}" for i in range(1, 9)]
    window.refresh_all()
    window.show_panel("forecast")
    with qtbot.waitSignal(panel.outlook_ready, timeout=60_000,
                          check_params_cb=lambda o: o.dataset == "demo_withdrawals"):
        panel.dataset_box.setCurrentText("demo_withdrawals")
        panel.show_latest_run()
    panel.tabs.setCurrentWidget(panel.cash_plan_tab)
    page = panel.cash_plan
    qtbot.mouseClick(page.plan.replan_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.plan.outcome is not None, timeout=60_000)
    assert page.plan.model.rowCount() > 0

    def picker_atms() -> list[str]:
        """The ATM picker the route table opens on row 0, made now, with its list."""
        table = page.routes.table
        index = page.routes.model.index(0, CSV_COLUMNS.index("atms"))
        picker = page.routes.delegate.createEditor(table.viewport(), QStyleOptionViewItem(),
                                                   index)
        page.routes.delegate.setEditorData(picker, index)
        atms = [picker.atms.item(i).text() for i in range(picker.atms.count())]
        picker.deleteLater()
        return atms

    assert picker_atms() == registry
    panel.dataset_box.setCurrentText("branch_withdrawals")
    # No event has run yet: its forecast run is still being reopened in the background.
    assert panel.outlook.dataset == "demo_withdrawals"
    assert picker_atms() == registry + branch
    qtbot.waitUntil(lambda: panel.outlook.dataset == "branch_withdrawals", timeout=60_000)
    # The demo's visits are not left on screen under the other dataset's run.
    assert page.plan.outcome is None and page.plan.model.rowCount() == 0
    assert page.plan.summary.text().startswith("No plan: branch_withdrawals has no cash-level")
    picker = open_editor(qtbot, page, 0, "atms")
    assert isinstance(picker, AtmPicker)
    assert [picker.atms.item(i).text() for i in range(picker.atms.count())] == registry + branch
    picker.close()
