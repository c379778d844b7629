"""The Fleet panel driven like a user: tiles, filters, map, timeline, replay slider, rules."""

from __future__ import annotations

import pandas as pd
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication

from iotfin_gui.core.fleet import fleet_status, load_fleet, load_rules, status_at
from iotfin_gui.ui.main_window import MainWindow
from iotfin_gui.ui.panels.fleet import FleetPanel, utc_text

pytestmark = pytest.mark.gui


def fleet_panel(qtbot, window: MainWindow) -> FleetPanel:
    panel = window.panels["fleet"]
    window.show_panel("fleet")
    if panel.window is None:
        qtbot.waitUntil(lambda: panel.window is not None, timeout=30_000)
    if panel.history is None:
        qtbot.waitUntil(lambda: panel.history is not None, timeout=30_000)
    return panel


def statuses(frame: pd.DataFrame) -> dict[str, str]:
    return dict(zip(frame["device_id"].astype(str), frame["status"].astype(str), strict=True))


def click_plot(qtbot, plot, view_point: QPointF) -> None:
    qtbot.waitExposed(plot)
    QApplication.processEvents()  # lay the plot out before mapping the point
    scene = plot.getPlotItem().getViewBox().mapViewToScene(view_point)
    qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=plot.mapFromScene(scene))


def test_overview_matches_the_core(qtbot, window: MainWindow) -> None:
    panel = fleet_panel(qtbot, window)
    core = fleet_status(window.store)
    assert panel.pages.currentIndex() == 1
    assert {s: int(t.count_label.text()) for s, t in panel.tiles.items()} == core.counts
    assert panel.model.rowCount() == 8
    assert statuses(panel.model.frame) == statuses(core.table)
    assert utc_text(pd.Timestamp("2026-10-31 15:00")) in panel.as_of_label.text()
    assert "latest data" in panel.as_of_label.text()
    bars = sum(len(b.opts["x0"]) for b in panel.timeline.bars.values())
    assert bars == len(panel.window.timeline) and panel.timeline.device_ids == sorted(
        core.table["device_id"])
    assert "Offline when" in panel.rules_editor.description.text()


def test_status_and_text_filters(qtbot, window: MainWindow) -> None:
    panel = fleet_panel(qtbot, window)
    table = panel.status.table
    for status in ("fault", "low_cash", "offline", "ok"):
        panel.status_box.setCurrentIndex(panel.status_box.findData(status))
        shown = panel.model.frame
        assert len(shown) == (table["status"] == status).sum()
        assert set(shown["status"].astype(str)) <= {status}
    qtbot.mouseClick(panel.tiles["fault"], Qt.MouseButton.LeftButton)
    assert panel.status_box.currentData() == "fault"
    panel.status_box.setCurrentIndex(0)
    city = str(table["city"].iloc[0])
    qtbot.keyClicks(panel.filter_edit, city.lower())
    assert len(panel.model.frame) == (table["city"] == city).sum() < len(table) or \
        table["city"].nunique() == 1
    assert set(panel.model.frame["city"]) == {city}
    panel.filter_edit.clear()
    assert panel.model.rowCount() == 8


def test_clicking_the_map_the_timeline_or_the_table_selects_an_atm(
    qtbot, window: MainWindow
) -> None:
    panel = fleet_panel(qtbot, window)
    window.resize(1360, 860)
    qtbot.waitExposed(window)
    table = panel.status.table
    target = str(table.loc[table["device_id"] != panel.selected, "device_id"].iloc[-1])
    row = table[table["device_id"] == target].iloc[0]
    panel.tabs.setCurrentWidget(panel.map)
    with qtbot.waitSignal(panel.history_ready, timeout=30_000) as blocker:
        click_plot(qtbot, panel.map, QPointF(row["longitude"], row["latitude"]))
    assert blocker.args == [target] and panel.selected == target
    assert panel.tabs.tabText(panel.tabs.indexOf(panel.detail)) == target
    counts = panel.history_plots.data_counts()
    assert counts["cash"] > 0 and counts["withdrawals"] > 0 and counts["telemetry"] > 0
    selected_rows = panel.table.selectionModel().selectedRows()
    assert [panel.model.frame.iloc[r.row()]["device_id"] for r in selected_rows] == [target]

    other = panel.timeline.device_ids[2]
    middle = (panel.window.start + (panel.window.end - panel.window.start) / 2)
    x = (middle - pd.Timestamp(0)) / pd.Timedelta(seconds=1)
    with qtbot.waitSignal(panel.history_ready, timeout=30_000):
        click_plot(qtbot, panel.timeline, QPointF(x, 2))
    assert panel.selected == other

    first = str(panel.model.frame.iloc[0]["device_id"])
    if first == panel.selected:
        first = str(panel.model.frame.iloc[1]["device_id"])
    row_index = panel.model.frame.index[panel.model.frame["device_id"] == first][0]
    rect = panel.table.visualRect(panel.model.index(int(row_index), 0))
    with qtbot.waitSignal(panel.history_ready, timeout=30_000):
        qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.selected == first and first in panel.detail_label.text()


def test_the_slider_replays_an_earlier_moment(qtbot, window: MainWindow) -> None:
    panel = fleet_panel(qtbot, window)
    panel.direct_limit_ms = float("inf")  # on the GUI thread, as for small fleets
    assert not panel.uses_job()
    start, end = panel.window.start, panel.window.end
    panel.slider.setFocus()
    with qtbot.waitSignal(panel.status_shown, timeout=10_000) as blocker:
        qtbot.keyClick(panel.slider, Qt.Key.Key_Home)
    shown = blocker.args[0]
    assert shown.as_of == start == panel.as_of
    assert "Status as of " + utc_text(start) in panel.as_of_label.text()
    assert "replay" in panel.as_of_label.text()
    rules = load_rules(window.store)
    expected = status_at(load_fleet(window.store, start, end, rules), start, rules)
    assert statuses(panel.model.frame) == statuses(expected.table)
    assert statuses(fleet_status(window.store, start).table) == statuses(expected.table)
    assert {s: int(t.count_label.text()) for s, t in panel.tiles.items()} == expected.counts
    assert panel.last_recompute_ms > 0

    # Six hours on with Page Up; the date edit follows the slider.
    with qtbot.waitSignal(panel.status_shown, timeout=10_000) as blocker:
        qtbot.keyClick(panel.slider, Qt.Key.Key_PageUp)
    assert blocker.args[0].as_of == start + pd.Timedelta(hours=6)
    edit_time = pd.Timestamp(panel.as_of_edit.dateTime().toSecsSinceEpoch(), unit="s")
    assert edit_time == start + pd.Timedelta(hours=6)

    # The date-time edit sets any minute of the period.
    when = end - pd.Timedelta(hours=30, minutes=7)
    with qtbot.waitSignal(panel.status_shown, timeout=10_000) as blocker:
        panel.as_of_edit.setDateTime(panel._qt_time(when))
    assert blocker.args[0].as_of == when

    with qtbot.waitSignal(panel.status_shown, timeout=10_000) as blocker:
        qtbot.mouseClick(panel.latest_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].as_of == end and "latest data" in panel.as_of_label.text()


def test_large_fleets_replay_in_a_job(qtbot, window: MainWindow) -> None:
    panel = fleet_panel(qtbot, window)
    panel.direct_limit_ms = -1.0  # as if one status computation took too long for the GUI
    assert panel.uses_job()
    when = panel.window.end - pd.Timedelta(days=2)
    with qtbot.waitSignal(panel.status_shown, timeout=30_000) as blocker:
        panel.set_as_of(when)
    rules = load_rules(window.store)
    expected = status_at(load_fleet(window.store, panel.window.start, panel.window.end, rules),
                         when, rules)
    assert blocker.args[0].as_of == when
    assert statuses(panel.model.frame) == statuses(expected.table)


def test_editing_a_rule_recomputes_and_saves_it(qtbot, window: MainWindow) -> None:
    panel = fleet_panel(qtbot, window)
    panel.tabs.setCurrentIndex(2)
    editor = panel.rules_editor
    before = panel.status.counts["low_cash"]
    assert editor.pct_check.isChecked()
    editor.pct.setValue(90.0)
    with qtbot.waitSignal(panel.window_ready, timeout=30_000):
        qtbot.mouseClick(editor.apply_button, Qt.MouseButton.LeftButton)
    assert load_rules(window.store).low_cash_pct == 90.0
    core = fleet_status(window.store)
    assert core.counts["low_cash"] > before
    assert statuses(panel.model.frame) == statuses(core.table)
    assert int(panel.tiles["low_cash"].count_label.text()) == core.counts["low_cash"]
    assert "90% of the cassette capacity" in editor.description.text()

    # A rule that cannot be used is explained next to the editor and nothing is saved.
    editor.lookback.setValue(0.1)
    editor.offline_minutes.setValue(600)
    qtbot.mouseClick(editor.apply_button, Qt.MouseButton.LeftButton)
    assert "look-back" in editor.error.text()
    assert load_rules(window.store).offline_after_minutes == 120.0


def test_an_empty_store_shows_what_is_missing(qtbot, store, runner) -> None:
    panel = FleetPanel(store, runner)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.load_failed, timeout=30_000) as blocker:
        panel.refresh()
    assert "needs telemetry, events or withdrawals" in blocker.args[0]
    assert panel.pages.currentIndex() == 0
    assert "needs telemetry, events or withdrawals" in panel.empty_state.text()


def test_screenshot_of_the_fleet_panel(qtbot, window: MainWindow, tmp_path) -> None:
    fleet_panel(qtbot, window)
    window.resize(1360, 860)
    qtbot.waitExposed(window)
    out = tmp_path / "fleet-panel.png"
    image = window.grab()
    assert image.save(str(out)) and image.width() >= 1000 and out.stat().st_size > 20_000
