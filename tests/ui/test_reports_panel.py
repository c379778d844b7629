"""CSV exports and the Reports panel driven like a user: buttons, the export dialog, reports."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from iotfin_gui.core.forecast import forecast_dataset, store_forecast
from iotfin_gui.core.ingest.importer import import_file
from iotfin_gui.ui import file_dialogs
from iotfin_gui.ui.export_dialog import ExportDialog
from iotfin_gui.ui.i18n import number
from iotfin_gui.ui.main_window import MainWindow

pytestmark = pytest.mark.gui

WAIT = 60_000
BOM = b"\xef\xbb\xbf"


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def export(qtbot, dialog: ExportDialog, path: Path) -> dict:
    """Set the file, click Export, wait for the summary."""
    dialog.set_path(path)
    with qtbot.waitSignal(dialog.exported, timeout=WAIT) as blocker:
        click(qtbot, dialog.export_button)
    return blocker.args[0]


def answer(monkeypatch, reply: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return reply

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def make_run(window: MainWindow) -> int:
    store = window.store
    result = forecast_dataset(store, "demo_withdrawals", horizon=7, model="weekday_profile")
    return store_forecast(store, result, "demo_withdrawals")


def exports_rows(window: MainWindow) -> list[tuple]:
    return window.store.conn.execute("SELECT what, path, row_count FROM exports").fetchall()


def test_data_panel_exports_a_dataset_and_asks_before_replacing(
        qtbot, window: MainWindow, tmp_path: Path, monkeypatch) -> None:
    panel = window.data_panel
    window.show_panel("data")
    panel.select_dataset("demo_withdrawals")
    panel.tabs.setCurrentIndex(1)
    click(qtbot, panel.export_button)
    dialog = panel.export_dialog
    assert dialog is not None and dialog.table == "dataset"
    out = tmp_path / "withdrawals.csv"
    summary = export(qtbot, dialog, out)

    data = out.read_bytes()
    rows = window.store.dataset("demo_withdrawals").row_count
    assert data.startswith(BOM)
    assert summary["rows"] == rows and data.count(b"\r\n") == rows + 1
    assert exports_rows(window) == [("dataset", str(out), rows)]
    assert number(rows) in dialog.status.text() and dialog.show_folder_button.isVisible()

    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    dialog.delimiter_box.setCurrentIndex(dialog.delimiter_box.findData(";"))
    assert not dialog.start_export()
    assert asked and str(out) in asked[0]
    assert out.read_bytes() == data and dialog.job_id is None
    assert len(exports_rows(window)) == 1

    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    export(qtbot, dialog, out)
    replaced = out.read_bytes()
    assert replaced != data and replaced.split(b"\r\n")[0].count(b";") >= 2
    assert len(exports_rows(window)) == 2


def test_quarantine_and_plan_buttons_open_the_right_export(
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    source = tmp_path / "w.csv"
    source.write_text("device_id,timestamp,amount\nATM1,2024-01-01 10:00,100\n"
                      "ATM1,not a date,200\nATM2,2024-01-02 11:00,abc\n", encoding="utf-8")
    import_file(window.store, source, name="with_bad_rows")
    panel = window.data_panel
    window.refresh_all()
    panel.select_dataset("demo_withdrawals")
    panel.tabs.setCurrentIndex(panel.quarantine_tab)
    assert not panel.export_button.isEnabled()  # nothing was set aside
    panel.select_dataset("with_bad_rows")
    assert panel.export_button.isEnabled()
    click(qtbot, panel.export_button)
    assert panel.export_dialog.table == "quarantine"
    summary = export(qtbot, panel.export_dialog, tmp_path / "quarantine.csv")
    written = pd.read_csv(tmp_path / "quarantine.csv", encoding="utf-8-sig")
    assert summary["rows"] == 2 and written["raw"].tolist() == ["not a date", "abc"]
    panel.export_dialog.close()

    forecast = window.panels["forecast"]
    window.show_panel("forecast")
    assert not forecast.export_button.isEnabled()
    forecast.dataset_box.setCurrentText("demo_withdrawals")
    forecast.model_box.setCurrentIndex(forecast.model_box.findData("weekday_profile"))
    forecast.horizon_box.setValue(7)
    with qtbot.waitSignal(forecast.outlook_ready, timeout=WAIT) as blocker:
        click(qtbot, forecast.run_button)
    outlook = blocker.args[0]
    forecast.tabs.setCurrentIndex(2)
    click(qtbot, forecast.export_button)
    dialog = forecast.export_dialog
    assert dialog.table == "replenishment_plan"
    summary = export(qtbot, dialog, tmp_path / "plan.csv")
    assert summary["rows"] == len(outlook.plan) and summary["run_id"] == outlook.run_id
    forecast.tabs.setCurrentIndex(0)
    click(qtbot, forecast.export_button)
    summary = export(qtbot, forecast.export_dialog, tmp_path / "forecast.csv")
    assert summary["table"] == "forecast" and summary["rows"] == 8 * 7


def test_credit_export_masks_personal_columns_by_default(
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    reports = window.panels["reports"]
    window.show_panel("reports")
    row = reports.table_rows["dataset"]
    row.box.setCurrentIndex(row.box.findData("demo_credit_applications"))
    click(qtbot, row.button)
    dialog = reports.export_dialog
    assert dialog.handling() == {"customer_name": "mask", "phone": "mask"}
    summary = export(qtbot, dialog, tmp_path / "credit.csv")
    assert set(summary["masking"]["masked"]) == {"customer_name", "phone"}

    original = window.store.read_dataset("demo_credit_applications")
    written = pd.read_csv(tmp_path / "credit.csv", encoding="utf-8-sig", dtype=str)
    assert len(written) == len(original)
    assert written["phone"].str.fullmatch(r"\d{3}\*{4}\d{4}").all()
    assert not written["customer_name"].isin(original["customer_name"]).any()
    assert written["customer_name"].str.contains(r"\*").all()
    assert "masked" in dialog.status.text()

    dialog.set_handling("phone", "hash")
    dialog.set_handling("customer_name", "keep")
    assert dialog.card_scan_box.isEnabled() and "customer_name" in dialog.privacy_note.text()
    export(qtbot, dialog, tmp_path / "credit-hashed.csv")
    written = pd.read_csv(tmp_path / "credit-hashed.csv", encoding="utf-8-sig", dtype=str)
    assert written["phone"].str.fullmatch(r"[0-9a-f]{64}").all()
    assert written["customer_name"].tolist() == original["customer_name"].tolist()


@pytest.fixture
def pick_folder(monkeypatch, tmp_path: Path) -> Path:
    """The folder dialog answers tmp_path/picked."""
    folder = tmp_path / "picked"
    folder.mkdir()
    monkeypatch.setattr(file_dialogs, "existing_directory",
                        lambda *args, **kwargs: str(folder))
    return folder


def test_reports_panel_lists_runs_with_lineage_and_builds_reports(
        qtbot, window: MainWindow, tmp_path: Path, pick_folder: Path) -> None:
    reports = window.panels["reports"]
    window.show_panel("reports")
    assert reports.runs_pages.currentIndex() == 0
    run_id = make_run(window)
    reports.refresh()
    assert reports.runs_pages.currentIndex() == 1
    assert reports.runs_model.frame["run_id"].tolist() == [run_id]
    assert {"smape", "mase"} <= set(reports.runs_model.frame.columns)
    reports.select_run(run_id)
    info = window.store.dataset("demo_withdrawals")
    lineage = reports.lineage.toPlainText()
    assert "demo_withdrawals" in lineage and info.data_hash in lineage
    assert "weekday_profile" in lineage and "pandas" in lineage
    assert "no images" in reports.images_hint.text()

    with qtbot.waitSignal(reports.report_built, timeout=WAIT) as blocker:
        assert reports.build_report(tmp_path)
    summary = blocker.args[0]
    folder = Path(summary["out"])
    assert folder == tmp_path / f"report-run-{run_id}"
    text = (folder / "summary.md").read_text()
    assert "demo_withdrawals" in text and info.data_hash in text
    assert not list(folder.glob("*.png")) and "Images: none" in text
    assert "no images" in reports.report_status.text()

    # The Forecast panel showing a run: its plot goes into that run's report.
    forecast = window.panels["forecast"]
    window.show_panel("forecast")
    forecast.model_box.setCurrentIndex(forecast.model_box.findData("weekday_profile"))
    forecast.horizon_box.setValue(7)
    with qtbot.waitSignal(forecast.outlook_ready, timeout=WAIT) as blocker:
        click(qtbot, forecast.run_button)
    shown = blocker.args[0].run_id
    window.show_panel("reports")
    assert reports.runs_model.frame["run_id"].tolist() == [shown, run_id]
    reports.select_run(shown)
    assert "Forecast" in reports.images_hint.text()
    reports.zip_box.setChecked(True)
    with qtbot.waitSignal(reports.report_built, timeout=WAIT) as blocker:
        click(qtbot, reports.build_button)
    summary = blocker.args[0]
    folder = Path(summary["out"])
    assert folder == pick_folder / f"report-run-{shown}"
    pngs = list(folder.glob("*.png"))
    assert len(pngs) == 1 and pngs[0].read_bytes().startswith(b"\x89PNG")
    with zipfile.ZipFile(summary["zip"]) as archive:
        assert f"{folder.name}/{pngs[0].name}" in archive.namelist()
    assert pngs[0].name in (folder / "summary.md").read_text()
    assert "report.build" in reports.audit_model.frame["action"].tolist()


def test_tables_export_without_runs_and_building_twice_asks(
        qtbot, window: MainWindow, tmp_path: Path, monkeypatch) -> None:
    reports = window.panels["reports"]
    window.show_panel("reports")
    assert reports.runs_pages.currentIndex() == 0
    assert not reports.table_rows["forecast"].button.isEnabled()
    assert "forecast" in reports.table_rows["forecast"].button.toolTip()
    click(qtbot, reports.table_rows["audit_log"].button)
    summary = export(qtbot, reports.export_dialog, tmp_path / "audit.csv")
    assert summary["rows"] > 0
    assert str(tmp_path / "audit.csv") in reports.exports_model.frame["path"].tolist()

    run_id = make_run(window)
    reports.refresh()
    assert reports.table_rows["forecast"].button.isEnabled()
    with qtbot.waitSignal(reports.report_built, timeout=WAIT):
        reports.build_report(tmp_path)
    marker = tmp_path / f"report-run-{run_id}" / "summary.md"
    before = marker.read_text()
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    assert not reports.build_report(tmp_path) and asked
    assert marker.read_text() == before


def test_cancelling_a_large_export_leaves_no_file(
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    n = 300_000
    rng = np.random.default_rng(1)
    window.store.write_dataset("big", pd.DataFrame({
        "device_id": [f"ATM{i % 500:04d}" for i in range(n)],
        "amount": rng.random(n) * 1000,
        "phone": [f"138{i:08d}" for i in range(n)],
    }), "table", source="test")
    reports = window.panels["reports"]
    window.show_panel("reports")
    row = reports.table_rows["dataset"]
    row.box.setCurrentIndex(row.box.findData("big"))
    click(qtbot, row.button)
    dialog = reports.export_dialog
    out = tmp_path / "out" / "big.csv"
    out.parent.mkdir()
    dialog.set_path(out)
    with qtbot.waitSignal(window.runner.progressed, timeout=WAIT,
                          check_params_cb=lambda job, fraction, message:
                          job == dialog.job_id and bool(fraction)):
        click(qtbot, dialog.export_button)
    assert dialog.cancel_button.isVisible()
    with qtbot.waitSignal(dialog.export_cancelled, timeout=WAIT):
        click(qtbot, dialog.cancel_button)
    assert os.listdir(out.parent) == []
    assert exports_rows(window) == []
    assert "cancelled" in dialog.status.text() and dialog.export_button.isEnabled()


def test_screenshot_of_the_reports_panel(qtbot, window: MainWindow, tmp_path: Path) -> None:
    make_run(window)
    window.resize(1360, 860)
    window.show_panel("reports")
    qtbot.waitUntil(lambda: window.panels["reports"].lineage.toPlainText() != "")
    folder = Path(os.environ.get("IOTFIN_SCREENSHOT_DIR", tmp_path))
    out = folder / "reports-panel.png"
    assert window.grab().save(str(out))
    assert out.stat().st_size > 10_000
