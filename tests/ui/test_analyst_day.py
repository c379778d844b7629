"""An analyst's day on a Chinese bank's daily ATM file, in the real window: the file (GBK, a
title line above the header, 设备号/日期/取款金额/钞箱余额, amounts with thousands separators,
20-digit device numbers) is imported beside the demo fleet, and the Fleet panel is switched to
it with the notice's own button."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QDoubleSpinBox

from iotfin_gui.core.cashplan.routes import CSV_COLUMNS
from iotfin_gui.core.fleet.sources import load_sources
from iotfin_gui.core.ingest import import_file
from iotfin_gui.ui import file_dialogs
from iotfin_gui.ui.main_window import MainWindow
from iotfin_gui.ui.panels.fleet import FleetPanel

pytestmark = pytest.mark.gui

WAIT = 60_000
FULL = 1_000_000.0


def device_numbers(count: int) -> list[str]:
    """20-digit device numbers (bank, branch, sequence), one with a leading zero."""
    numbers = [f"1035820{atm:013d}" for atm in range(count)]
    numbers[0] = "0" + numbers[0][1:]
    return numbers


def write_bank_file(path: Path, atms: int = 3, days: int = 40) -> list[str]:
    """The bank's daily report as it sends it; returns the device numbers."""
    rng = np.random.default_rng(0)
    devices = device_numbers(atms)
    lines = ["ATM取款日报表（单位：元）", "", "设备号,日期,取款金额,钞箱余额"]
    for device in devices:
        cash = FULL
        for date in pd.date_range("2026-10-01", periods=days):
            drawn = float(rng.integers(200, 800) * 100)
            cash = FULL if cash - drawn < FULL / 5 else cash - drawn
            lines.append(f'"{device}",{date:%Y/%m/%d},"{drawn:,.2f}","{cash:,.2f}"')
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    return devices


def fleet_after_import(qtbot, window: MainWindow, path: Path) -> FleetPanel:
    """The Fleet panel on the demo fleet, then once the bank's file is in the store and the
    panel has read the store again (the demo stays its choice until the analyst changes it)."""
    panel = window.panels["fleet"]
    with qtbot.waitSignal(panel.window_ready, timeout=WAIT):
        window.show_panel("fleet")
    import_file(window.store, path, name="atm_daily")
    with qtbot.waitSignal(panel.window_ready, timeout=WAIT):
        window.refresh_all()
    return panel


def fleet_on_bank_file(qtbot, window: MainWindow, path: Path) -> tuple[list[str], FleetPanel]:
    """The bank's ATMs and the Fleet panel once the analyst clicked "use the new data"."""
    devices = write_bank_file(path)
    panel = fleet_after_import(qtbot, window, path)
    with qtbot.waitSignal(panel.window_ready, timeout=WAIT):
        qtbot.mouseClick(panel.source_notice.use_button, Qt.MouseButton.LeftButton)
    return devices, panel


def test_the_bank_file_replaces_the_demo_without_every_atm_offline(
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    devices = write_bank_file(tmp_path / "ATM取款日报.csv")
    panel = fleet_after_import(qtbot, window, tmp_path / "ATM取款日报.csv")
    assert panel.source_notice.isVisible() and panel.source_notice.use_button.isVisible()

    with qtbot.waitSignal(panel.window_ready, timeout=WAIT):
        qtbot.mouseClick(panel.source_notice.use_button, Qt.MouseButton.LeftButton)

    # The demo's telemetry and events are not the bank's: not used beside its own withdrawals.
    sources = load_sources(window.store)
    assert (sources.withdrawals, sources.telemetry or None, sources.events or None) == \
        ("atm_daily", None, None)
    table = panel.status.table
    assert sorted(table["device_id"].astype(str)) == sorted(devices)
    assert "offline" not in set(table["status"])
    assert not panel.source_notice.isVisible()


def test_a_bank_atm_without_a_registry_entry_is_named_and_mapped_plainly(
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    devices, panel = fleet_on_bank_file(qtbot, window, tmp_path / "ATM取款日报.csv")

    with qtbot.waitSignal(panel.history_ready, timeout=WAIT):
        panel.select_atm(devices[0])
    text = panel.detail_label.text()
    assert text.startswith(f"<b>{devices[0]}</b>: ")  # no name, branch or city to show
    assert "nan" not in text
    assert "nan" not in panel.map._tip(0.0, 0.0, devices[0])
    # The map cannot place the bank's ATMs, and says what would.
    assert panel.map.getPlotItem().titleLabel.text.startswith("3 of 3 ATMs have no coordinates")
    assert "device registry" in panel.map.getPlotItem().titleLabel.text


def test_the_status_timeline_shows_20_digit_device_numbers_whole(
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    devices, panel = fleet_on_bank_file(qtbot, window, tmp_path / "ATM取款日报.csv")

    axis = panel.timeline.rows
    assert axis.names == sorted(devices)
    metrics = QFontMetrics(axis.style.get("tickFont") or axis.font())
    assert axis.width() > max(metrics.horizontalAdvance(d) for d in devices)
    assert axis.tickStrings([0, 1, 2], 1.0, 1.0) == sorted(devices)


def test_the_bank_files_plan_once_its_capacity_is_typed_in_the_route_table(
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    """The file has each ATM's cash but no cassette capacity: no plan until the analyst types
    it for the route; then the run's note asking for it leaves the summary, and the visits
    show whole amounts, the expected cash before a visit (a forecast) too, while the export
    writes the plan itself."""
    write_bank_file(tmp_path / "ATM取款日报.csv", atms=5, days=240)
    import_file(window.store, tmp_path / "ATM取款日报.csv", name="atm_daily")
    panel = window.panels["forecast"]
    window.show_panel("forecast")
    window.refresh_all()
    panel.choose_dataset("atm_daily")  # every model backtested, the best kept (auto)
    panel.holidays_box.setCurrentIndex(panel.holidays_box.findData("CN"))
    panel.horizon_box.setValue(14)
    with qtbot.waitSignal(panel.outlook_ready, timeout=120_000):
        qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    for view in (panel.scores_view, panel.plan_table):  # no model name or ATM cut
        metrics = view.fontMetrics()
        model = view.model()
        for column in range(model.columnCount()):
            widest = max((metrics.horizontalAdvance(model.index(row, column).data() or "")
                          for row in range(model.rowCount())), default=0)
            assert view.columnWidth(column) >= widest
    page = panel.cash_plan
    panel.tabs.setCurrentWidget(panel.cash_plan_tab)
    assert page.plan.outcome is None and "capacity" in page.plan.summary.text()
    assert "capacity" in panel.summary.text()

    view = page.routes.table
    index = page.routes.model.index(0, CSV_COLUMNS.index("capacity"))
    # As wide as in Chinese, where the column fits its header 容量 and the cell's 设备台账.
    view.setColumnWidth(index.column(), view.fontMetrics().horizontalAdvance("设备台账") + 8)
    view.scrollTo(index)
    center = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    qtbot.waitUntil(lambda: isinstance(view.indexWidget(index), QDoubleSpinBox), timeout=5000)
    line = view.indexWidget(index).lineEdit()
    line.selectAll()
    qtbot.keyClicks(line, "1000000")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState, timeout=5000)
    typed = index.data()
    assert typed == "1,000,000"
    assert view.columnWidth(index.column()) >= view.fontMetrics().horizontalAdvance(typed)
    qtbot.mouseClick(page.routes.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.plan.outcome is not None, timeout=120_000)

    plan = page.plan.outcome.plan
    assert "capacity" not in panel.summary.text()  # the run's note is answered: no longer shown
    assert "capacity" not in page.plan.summary.text()
    assert len(plan) > 0 and (plan["expected_cash_before"] % 1 != 0).any()
    column = list(page.plan.model.frame.columns).index("expected_cash_before")
    shown = [page.plan.model.index(row, column).data() for row in range(len(plan))]
    assert all("." not in text for text in shown)
    assert panel.shown_plan() is plan  # Export CSV writes the plan, not the rounded view
    assert panel.export_button.isEnabled()


def test_a_quarantined_duplicate_names_its_20_digit_device_whole(
        qtbot, window: MainWindow, tmp_path: Path, monkeypatch) -> None:
    """Imported through the dialog: a row repeating another's device and day is set aside; the
    summary and its reason (longer than the column, shown whole when the analyst points at
    it) name the duplicate policy as the dialog's choice does, not by its code."""
    path = tmp_path / "ATM取款日报.csv"
    devices = write_bank_file(path)
    lines = path.read_bytes().decode("gbk").split("\r\n")
    lines.insert(5, lines[4])  # the bank's feed sent one row twice
    path.write_bytes("\r\n".join(lines).encode("gbk"))
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *a, **k: (str(path), ""))
    panel = window.data_panel
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    dialog = panel.import_dialog
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=WAIT)
    with qtbot.waitSignal(dialog.imported, timeout=WAIT) as blocker:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0]["quarantined"] == 1
    summary = dialog.status_label.text()  # the policy as the dialog's choice names it
    assert "keep the first" in summary and "keep_first" not in summary

    qtbot.waitUntil(lambda: panel.quarantine_view.count == 1, timeout=WAIT)
    model = panel.quarantine_view.model
    reason = model.index(0, list(model.frame.columns).index("reason"))
    tip = reason.data(Qt.ItemDataRole.ToolTipRole)
    assert devices[0] in tip and tip == reason.data()
    assert "keep the first" in tip and "keep_first" not in tip
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) is None  # a short text
