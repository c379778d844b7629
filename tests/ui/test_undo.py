"""Undo, the Trash view, File ▸ Restore… and File ▸ Compact store, driven like a user."""

from __future__ import annotations

import pandas as pd
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from iotfin_gui.core import backups, trash
from iotfin_gui.ui.main_window import MainWindow
from tests.ui.test_main_window import click_dataset

pytestmark = pytest.mark.gui


@pytest.fixture
def say_yes(monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)


def listed(window: MainWindow) -> list[str]:
    return window.data_panel.datasets_model.frame["name"].tolist()


def menu_action(window: MainWindow, menu_title: str, action):
    """``action`` after checking that it sits in the menu bar's ``menu_title`` menu."""
    [menu] = [a.menu() for a in window.menuBar().actions() if a.text() == menu_title]
    assert action in menu.actions()
    return action


def delete_by_clicking(qtbot, window: MainWindow, name: str) -> None:
    click_dataset(qtbot, window, name)
    qtbot.mouseClick(window.data_panel.delete_button, Qt.MouseButton.LeftButton)
    assert name not in listed(window)


def test_undo_brings_a_deleted_dataset_back_identical(qtbot, window: MainWindow,
                                                      say_yes) -> None:
    store = window.store
    name = "demo_withdrawals"
    before, info = store.read_dataset(name), store.dataset(name)
    undo = menu_action(window, "&Edit", window.undo_action)
    assert not undo.isEnabled() and undo.text() == "&Undo"
    assert undo.shortcut().toString() == "Ctrl+Z"
    delete_by_clicking(qtbot, window, name)
    assert undo.isEnabled() and undo.text() == f"&Undo delete of dataset {name}"
    undo.trigger()
    assert name in listed(window)
    back = store.dataset(name)
    assert (back.id, back.data_hash, back.row_count) == (info.id, info.data_hash, info.row_count)
    pd.testing.assert_frame_equal(store.read_dataset(name), before)
    assert not undo.isEnabled() and undo.text() == "&Undo"
    assert "Restored from the trash: dataset demo_withdrawals" in \
        window.log_pane.text.toPlainText()


def test_the_trash_view_restores_and_empties(qtbot, window: MainWindow, say_yes) -> None:
    delete_by_clicking(qtbot, window, "demo_events")
    delete_by_clicking(qtbot, window, "demo_telemetry")
    menu_action(window, "&Edit", window.trash_action)
    dialog = window.open_trash()
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2 and not dialog.restore_button.isEnabled()
    assert dialog.table.item(1, 2).text() == "demo_events"
    dialog.table.selectRow(1)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert "demo_events" in listed(window) and dialog.table.rowCount() == 1
    qtbot.mouseClick(dialog.empty_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 0 and not dialog.empty_button.isEnabled()
    assert trash.entries(window.store) == [] and not window.undo_action.isEnabled()
    assert "demo_telemetry" not in listed(window)
    assert backups.newest_backup(window.store.path).reason == "empty-trash"


def wait_idle(qtbot, window: MainWindow) -> None:
    if window.runner.busy:
        with qtbot.waitSignal(window.runner.busy_changed, timeout=60_000,
                              check_params_cb=lambda busy: not busy):
            pass


def test_restore_dialog_brings_a_backup_back(qtbot, window: MainWindow, say_yes) -> None:
    delete_by_clicking(qtbot, window, "demo_events")
    menu_action(window, "&File", window.restore_action)
    if window.runner.busy:  # the overview of the clicked dataset is still being computed
        assert window.open_restore() is None
        wait_idle(qtbot, window)
    dialog = window.open_restore()
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() == "before deleting a dataset"
    dialog.table.selectRow(0)
    with qtbot.waitSignal(dialog.restored, timeout=60_000):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert "demo_events" in listed(window)
    assert trash.entries(window.store) == []  # the trash of that moment: empty
    assert [b.reason for b in backups.list_backups(window.store.path)][:1] == ["restore"]


def test_compact_runs_as_a_job_and_reports_sizes(qtbot, window: MainWindow) -> None:
    action = menu_action(window, "&File", window.compact_action)
    with qtbot.waitSignal(window.runner.succeeded, timeout=60_000):
        action.trigger()
    assert action.isEnabled()
    assert "Store compacted:" in window.log_pane.text.toPlainText()
