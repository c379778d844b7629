"""User data is shown literally: a dataset named with HTML draws no heading and loads no image,
in the Data panel, its questions, the export dialog, error boxes and the report's summary.md."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from iotfin_gui.core.errors import UserFacingError
from iotfin_gui.core.forecast import forecast_dataset, store_forecast
from iotfin_gui.core.reports import build_report
from iotfin_gui.ui.dialogs import error_box
from iotfin_gui.ui.main_window import MainWindow

HOSTILE = '<h1>x</h1><img src="file:///etc/passwd">'


def hostile_dataset(window: MainWindow) -> str:
    frame = window.store.read_dataset("demo_withdrawals")
    window.store.write_dataset(HOSTILE, frame, "withdrawals", source="test",
                               roles={"device_id": "device_id", "date": "timestamp",
                                      "amount": "amount"})
    window.data_panel.refresh()
    return HOSTILE


def test_the_data_panel_shows_a_hostile_name_literally(qtbot, window: MainWindow) -> None:
    panel = window.data_panel
    window.show_panel("data")
    panel.select_dataset(hostile_dataset(window))
    assert panel.details.textFormat() == Qt.TextFormat.PlainText
    assert panel.details.text().startswith(HOSTILE + " · ")
    assert window.store_label.textFormat() == Qt.TextFormat.PlainText


def test_questions_and_errors_show_a_hostile_name_literally(qtbot, window: MainWindow,
                                                           monkeypatch) -> None:
    panel = window.data_panel
    window.show_panel("data")
    panel.select_dataset(hostile_dataset(window))
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, *a: (
        asked.append(text), QMessageBox.StandardButton.No)[1])
    panel.delete_button.click()
    assert len(asked) == 1 and "&lt;h1&gt;x&lt;/h1&gt;&lt;img src=\"file:" in asked[0]
    assert "<h1>" not in asked[0] and "<img" not in asked[0]
    assert window.store.has_dataset(HOSTILE)
    box = error_box(window, "Error", f"There is no dataset {HOSTILE!r}.")
    assert box.textFormat() == Qt.TextFormat.PlainText and HOSTILE in box.text()
    box.close()


def test_the_export_dialog_escapes_a_hostile_name(qtbot, window: MainWindow,
                                                  tmp_path: Path) -> None:
    panel = window.data_panel
    window.show_panel("data")
    panel.select_dataset(hostile_dataset(window))
    panel.tabs.setCurrentIndex(1)
    panel.export_button.click()
    dialog = panel.export_dialog
    heading = next(label for label in dialog.findChildren(QLabel) if "—" in label.text())
    assert "&lt;h1&gt;" in heading.text() and "<h1>" not in heading.text()
    dialog.set_path(window.store.path)
    assert not dialog.start_export()
    assert dialog.status.textFormat() == Qt.TextFormat.RichText
    assert "belongs to the store" in dialog.status.text() and dialog.job_id is None
    dialog.close()


def test_summary_markdown_escapes_a_hostile_name(window: MainWindow, tmp_path: Path) -> None:
    name = hostile_dataset(window)
    result = forecast_dataset(window.store, name, horizon=7, model="weekday_profile")
    run_id = store_forecast(window.store, result, window.store.dataset(name))
    report = build_report(window.store, run_id, tmp_path / "report")
    markdown = (report.folder / "summary.md").read_text("utf-8")
    assert "<h1>" not in markdown and "<img" not in markdown
    assert "&lt;h1&gt;x&lt;/h1&gt;&lt;img src=\"file:///etc/passwd\"&gt;" in markdown
    html = (report.folder / "summary.html").read_text("utf-8")
    assert "<h1>x</h1>" not in html and "&lt;img" in html
    with pytest.raises(UserFacingError, match="holds the store"):
        build_report(window.store, run_id, Path(window.store.path).parent, force=True)
