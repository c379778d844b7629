"""The import dialog driven like an analyst: preview, override, map, import, cancel, re-import."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from iotfin_gui.ui import file_dialogs
from iotfin_gui.ui.import_dialog import ImportDialog
from iotfin_gui.ui.main_window import MainWindow
from iotfin_gui.ui.panels.base import EmptyState
from iotfin_gui.ui.panels.data import DataPanel

pytestmark = pytest.mark.gui

WAIT = 30_000


def write_gbk(path: Path) -> Path:
    """A GBK export with Chinese headers; file lines 5 (bad date) and 8 (bad amount) are bad."""
    rows = [f"ATM-{i % 3:03d},2024-03-{1 + i // 3:02d} 10:00:00,{100 * i}.5" for i in range(10)]
    rows.insert(3, "ATM-009,2024-03-99 10:00:00,100")
    rows.insert(6, "ATM-009,2024-03-05 10:00:00,abc")
    path.write_bytes(("设备编号,时间,取款金额\n" + "\n".join(rows) + "\n").encode("gbk"))
    return path


def wait_preview(qtbot, dialog: ImportDialog) -> None:
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT):
        pass


def choose(qtbot, dialog: ImportDialog, combo, value) -> None:
    """Pick ``value`` in a combo box of the dialog and wait for the preview it triggers."""
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT):
        combo.setCurrentIndex(combo.findData(value))


def sources(dialog: ImportDialog) -> list[str]:
    return [c.source for c in dialog.preview.mapping.columns]


@pytest.fixture
def open_dialog(qtbot, store, runner):
    """A dialog on its own (no main window) for ``path``, after its first preview."""

    def make(path: Path) -> ImportDialog:
        dialog = ImportDialog(store, runner, path)
        qtbot.addWidget(dialog)
        dialog.show()
        wait_preview(qtbot, dialog)
        return dialog

    return make


def test_gbk_file_previewed_overridden_mapped_imported_and_quarantined(
        qtbot, window: MainWindow, tmp_path: Path, monkeypatch) -> None:
    path = write_gbk(tmp_path / "atm_20240301.csv")
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *a, **k: (str(path), ""))
    panel = window.data_panel
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    dialog = panel.import_dialog
    assert dialog is not None and not dialog.import_button.isEnabled()
    wait_preview(qtbot, dialog)

    assert dialog.encoding_combo.currentData() == "gb18030"
    assert dialog.delimiter_combo.currentData() == "," and dialog.header_check.isChecked()
    assert sources(dialog) == ["设备编号", "时间", "取款金额"]
    assert dialog.kind_combo.currentData() == "withdrawals"
    assert dialog.preview_tabs.tabText(1) == "Problems (2)"
    assert [r[0] for r in dialog.rejects_model.frame.itertuples(index=False)] == [5, 8]

    choose(qtbot, dialog, dialog.encoding_combo, "latin-1")
    assert dialog.preview.source.encoding == "latin-1" and "设备编号" not in sources(dialog)
    choose(qtbot, dialog, dialog.encoding_combo, "gbk")
    assert sources(dialog) == ["设备编号", "时间", "取款金额"]

    table = dialog.mapping_table
    amount = table.row_of("取款金额")
    choose(qtbot, dialog, table.role_combo(amount), "metric")
    assert dialog.preview.mapping.roles()["取款金额"] == "metric"

    dialog.name_edit.clear()
    qtbot.keyClicks(dialog.name_edit, "demo_withdrawals")
    assert not dialog.import_button.isEnabled()
    assert "already a dataset" in dialog.status_label.text()
    dialog.name_edit.clear()
    qtbot.keyClicks(dialog.name_edit, "cash_march")
    assert dialog.import_button.isEnabled()

    with qtbot.waitSignal(dialog.imported, timeout=WAIT) as blocker:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    summary = blocker.args[0]
    assert (summary["rows"], summary["quarantined"]) == (10, 2)
    assert "2 rows quarantined" in dialog.status_label.text()
    stored = window.store.read_dataset("cash_march")
    assert len(stored) == 10 and stored["取款金额"].iloc[1] == 100.5
    assert window.store.dataset("cash_march").roles == {
        "设备编号": "device_id", "时间": "timestamp", "取款金额": "metric"}

    assert panel.selected_dataset() == "cash_march"
    assert "cash_march" in panel.datasets_model.frame["name"].tolist()
    assert panel.tabs.tabText(panel.quarantine_tab) == "Quarantine (2)"
    quarantined = panel.quarantine_view.model.frame
    assert quarantined["line"].tolist() == [5, 8]
    assert quarantined["column"].tolist() == ["时间", "取款金额"]
    assert quarantined["raw"].tolist() == ["2024-03-99 10:00:00", "abc"]
    assert set(quarantined["file"]) == {path.name}
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)


def test_ambiguous_dates_block_import_until_the_user_chooses(qtbot, open_dialog, store,
                                                             tmp_path: Path) -> None:
    path = tmp_path / "visits.csv"
    path.write_text("device,date,value\nA,01/02/2024,1\nA,03/04/2024,2\nB,05/06/2024,3\n")
    dialog = open_dialog(path)
    assert dialog.ambiguity_box.isVisible() and "date" in dialog.ambiguity_label.text()
    assert not dialog.import_button.isEnabled() and dialog.preview_tabs.tabText(1) == "Problems (0)"
    assert "day-first or month-first" in dialog.blocking_problem()
    dialog.start_import()
    assert dialog.cancel_import_button.isHidden() and store.datasets() == []

    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT):
        qtbot.mouseClick(dialog.day_first_radio, Qt.MouseButton.LeftButton)
    table = dialog.mapping_table
    assert table.item(table.row_of("date"), 4).text() == "%d/%m/%Y"
    assert dialog.preview.frame["date"].dt.month.tolist() == [2, 4, 6]
    assert dialog.rows_model.frame["date"].tolist() == ["01/02/2024", "03/04/2024", "05/06/2024"]
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=WAIT):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    dates = store.read_dataset("visits")["date"]
    assert dates.dt.month.tolist() == [2, 4, 6] and dates.dt.day.tolist() == [1, 3, 5]


def test_ambiguous_thousands_ask_for_the_decimal_mark(qtbot, window: MainWindow,
                                                     tmp_path: Path) -> None:
    path = tmp_path / "amounts.csv"
    path.write_text('atm,day,paid\nA,2024-01-01,"1,234"\nB,2024-01-02,"5,678"\n')
    dialog = window.data_panel.open_import_dialog(path)
    wait_preview(qtbot, dialog)
    assert dialog.numbers_box.isVisible()
    assert not dialog.import_button.isEnabled()
    assert "decimals" in dialog.status_label.text()
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT):
        qtbot.mouseClick(dialog.decimal_comma_radio, Qt.MouseButton.LeftButton)
    assert not dialog.numbers_box.isVisible()
    assert dialog.rows_model.frame["paid"].tolist() == [1.234, 5.678]
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT):
        dialog.decimal_combo.setCurrentIndex(dialog.decimal_combo.findData("."))
    assert dialog.rows_model.frame["paid"].tolist() == [1234, 5678]
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=WAIT):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert window.store.read_dataset("amounts")["paid"].tolist() == [1234, 5678]


def test_each_ambiguous_column_is_asked_and_answered_on_its_own(qtbot, open_dialog,
                                                                tmp_path: Path) -> None:
    path = tmp_path / "two.csv"
    path.write_text('atm,fee,paid\nA,"2.500","1,234"\nB,"3.750","5,678"\n')
    dialog = open_dialog(path)
    assert dialog.numbers_box.isVisible()
    assert "fee" in dialog.numbers_question.text() and "paid" not in \
        dialog.numbers_question.text()
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT):
        qtbot.mouseClick(dialog.decimal_point_radio, Qt.MouseButton.LeftButton)
    assert dialog.numbers_box.isVisible() and "paid" in dialog.numbers_question.text()
    assert not dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT):
        qtbot.mouseClick(dialog.decimal_comma_radio, Qt.MouseButton.LeftButton)
    assert not dialog.numbers_box.isVisible()
    marks = {c.source: c.decimal for c in dialog.preview.mapping.columns}
    assert (marks["fee"], marks["paid"]) == (".", ",")
    assert dialog.rows_model.frame["fee"].tolist() == [2.5, 3.75]
    assert dialog.rows_model.frame["paid"].tolist() == [1.234, 5.678]
    with qtbot.waitSignal(dialog.imported, timeout=WAIT):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    frame = dialog.store.read_dataset("two")
    assert (frame["fee"].tolist(), frame["paid"].tolist()) == ([2.5, 3.75], [1.234, 5.678])


def test_semicolon_decimal_comma_and_reimport_asks(qtbot, window: MainWindow, tmp_path: Path,
                                                   monkeypatch) -> None:
    path = tmp_path / "sensors.csv"
    path.write_text("device;time;temp\nA;2024-01-01 00:00;1,5\nB;2024-01-01 01:00;2,25\n")
    dialog = window.data_panel.open_import_dialog(path)
    wait_preview(qtbot, dialog)
    assert dialog.delimiter_combo.currentData() == ";"
    assert dialog.decimal_combo.currentData() is None
    assert "temp: 1.234,5" in dialog.numbers_label.text()
    assert dialog.rows_model.frame["temp"].tolist() == [1.5, 2.25]
    with qtbot.waitSignal(dialog.imported, timeout=WAIT):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert window.store.read_dataset("sensors")["temp"].tolist() == [1.5, 2.25]
    before = [d.name for d in window.store.datasets()]

    again = window.data_panel.open_import_dialog(path)
    wait_preview(qtbot, again)
    assert again.name_edit.text() == "sensors (2)"
    asked: list[str] = []

    def answer(reply):
        def question(parent, title, text, *args, **kwargs):
            asked.append(text)
            return reply
        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    with qtbot.waitSignal(again.import_finished, timeout=WAIT) as blocker:
        qtbot.mouseClick(again.import_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["declined"] and "imported before" in asked[0]
    assert [d.name for d in window.store.datasets()] == before
    assert again.import_button.isEnabled()

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    with qtbot.waitSignal(again.imported, timeout=WAIT):
        qtbot.mouseClick(again.import_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 2 and window.store.has_dataset("sensors (2)")
    assert window.data_panel.selected_dataset() == "sensors (2)"


def test_excel_file_and_profile_saved_then_suggested(qtbot, open_dialog, store, tmp_path: Path,
                                                     monkeypatch) -> None:
    frame = pd.DataFrame({"terminal": ["A", "B"], "time": pd.to_datetime(
        ["2024-01-01 00:00", "2024-01-01 01:00"]), "cash": [1500.0, 2500.0]})
    frame.to_excel(tmp_path / "cash_0101.xlsx", index=False)
    dialog = open_dialog(tmp_path / "cash_0101.xlsx")
    assert "Excel" in dialog.format_label.text() and not dialog.encoding_combo.isEnabled()
    assert not dialog.delimiter_combo.isEnabled()
    table = dialog.mapping_table
    choose(qtbot, dialog, table.role_combo(table.row_of("cash")), "amount")
    choose(qtbot, dialog, dialog.kind_combo, "withdrawals")
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT):
        dialog.zone_combo.setCurrentText("Asia/Shanghai")
    assert str(dialog.rows_model.frame["time"].iloc[0]) == "2023-12-31 16:00:00"

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("cash sheets", True))
    qtbot.mouseClick(dialog.save_profile_button, Qt.MouseButton.LeftButton)
    assert "cash_*.xlsx" in dialog.profile_note.text()
    with qtbot.waitSignal(dialog.imported, timeout=WAIT):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert store.read_dataset("cash_0101")["cash"].tolist() == [1500.0, 2500.0]

    frame.to_excel(tmp_path / "cash_0102.xlsx", index=False)
    second = open_dialog(tmp_path / "cash_0102.xlsx")
    assert second.profile_combo.currentData() == "cash sheets"
    assert "cash sheets" in second.profile_note.text()
    assert second.kind_combo.currentData() == "withdrawals"
    assert second.zone_combo.currentText() == "Asia/Shanghai"
    assert second.preview.mapping.roles()["cash"] == "amount"


def test_cancel_during_a_large_import_leaves_no_dataset(qtbot, window: MainWindow,
                                                        tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with open(path, "w") as handle:
        handle.write("device_id,time,value\n")
        handle.writelines(f"ATM-{i % 50:03d},{1704067200 + (i // 50) * 60},{i * 0.5}\n"
                          for i in range(400_000))
    store, runner = window.store, window.runner
    imports = store.conn.execute("SELECT COUNT(*) FROM imports").fetchone()[0]
    dialog = window.data_panel.open_import_dialog(path)
    wait_preview(qtbot, dialog)
    with qtbot.waitSignal(runner.progressed, timeout=WAIT,
                          check_params_cb=lambda job, fraction, message: "MB" in message):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    status = window.job_status
    assert status.isVisible() and status.label.text() == "Importing big.csv"
    assert "rows" in status.bar.toolTip() and dialog.progress.isVisible()
    assert not dialog.close_button.isEnabled()
    with qtbot.waitSignal(dialog.import_finished, timeout=WAIT) as blocker:
        qtbot.mouseClick(status.cancel_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["cancelled"] and "nothing was stored" in dialog.status_label.text()
    assert not store.has_dataset("big")
    assert store.conn.execute("SELECT COUNT(*) FROM imports").fetchone()[0] == imports
    assert dialog.import_button.isEnabled() and dialog.close_button.isEnabled()


def test_empty_store_offers_import_and_accepts_a_dropped_file(qtbot, store, runner,
                                                              tmp_path: Path) -> None:
    panel = DataPanel(store, runner)
    qtbot.addWidget(panel)
    panel.refresh()
    panel.show()
    assert panel.pages.currentIndex() == 0 and panel.empty_import_button.isVisible()
    assert "iotfin import" not in panel.pages.currentWidget().findChild(EmptyState).text()
    path = write_gbk(tmp_path / "dropped.csv")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime, buttons, keys)
    panel.dragEnterEvent(enter)  # Qt delivers drag events only from a real drag: call directly
    assert enter.isAccepted()
    panel.dropEvent(QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, buttons, keys))
    dialog = panel.import_dialog
    assert dialog is not None and dialog.path_edit.text() == str(path)
    wait_preview(qtbot, dialog)
    assert dialog.name_edit.text() == "dropped"


def test_bad_input_is_explained_and_blocks_import(qtbot, store, runner, open_dialog,
                                                  tmp_path: Path) -> None:
    empty = tmp_path / "empty_export.csv"
    empty.write_text("device_id,time,value\n")
    dialog = ImportDialog(store, runner, empty)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.preview_failed, timeout=WAIT) as blocker:
        pass
    assert "empty_export.csv" in blocker.args[0] and "no data rows" in blocker.args[0]
    assert dialog.status_label.text() == blocker.args[0]
    assert not dialog.import_button.isEnabled() and not dialog.save_profile_button.isEnabled()

    path = tmp_path / "readings.csv"
    path.write_text("device_id,time,value\nA,2024-01-01 00:00:00,1\n")
    dialog = open_dialog(path)
    assert dialog.import_button.isEnabled()
    table = dialog.mapping_table
    choose(qtbot, dialog, table.role_combo(table.row_of("time")), "")
    assert not dialog.import_button.isEnabled()
    assert "needs a timestamp column" in dialog.status_label.text()
    choose(qtbot, dialog, table.role_combo(table.row_of("value")), "timestamp")
    assert table.type_combo(table.row_of("value")).currentData() == "datetime"
    assert dialog.preview_tabs.tabText(1) == "Problems (1)"
    assert "value" in dialog.rejects_model.frame["column"].tolist()


def test_hostile_column_names_are_shown_literally(qtbot, open_dialog, tmp_path: Path) -> None:
    path = tmp_path / "hostile.csv"
    path.write_text('device,"<img src=""file:///etc/passwd"">",value\n'
                    "A,01/02/2024,1\nA,03/04/2024,2\nB,05/06/2024,3\n")
    dialog = open_dialog(path)
    assert dialog.ambiguity_box.isVisible()
    assert dialog.ambiguity_label.textFormat() == Qt.TextFormat.RichText
    text = dialog.ambiguity_label.text()
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in text and "<img" not in text
    assert "<img" not in dialog.status_label.text()


def test_wide_table_is_offered_an_unpivot_and_previews_long(qtbot, open_dialog,
                                                             tmp_path: Path) -> None:
    path = tmp_path / "atm_wide.csv"
    days = pd.date_range("2024-01-01", periods=6, freq="D").strftime("%Y-%m-%d")
    path.write_text("date,ATM-01,ATM-02,ATM-03\n" + "".join(
        f"{d},{100 + i},{200 + i},{'' if i == 2 else 300 + i}\n" for i, d in enumerate(days)))
    dialog = open_dialog(path)
    assert dialog.unpivot_check.isVisible() and not dialog.unpivot_check.isChecked()
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT):
        qtbot.mouseClick(dialog.unpivot_check, Qt.MouseButton.LeftButton)
    assert dialog.unpivot_check.isChecked()
    assert list(dialog.rows_model.frame.columns) == ["device_id", "date", "value"]
    assert dialog.kind_combo.currentData() == "withdrawals"
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT):
        qtbot.mouseClick(dialog.unpivot_check, Qt.MouseButton.LeftButton)
    assert list(dialog.rows_model.frame.columns) == ["date", "ATM-01", "ATM-02", "ATM-03"]
    assert dialog.unpivot_check.isVisible() and not dialog.unpivot_check.isChecked()
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT):
        qtbot.mouseClick(dialog.unpivot_check, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.imported, timeout=WAIT):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    frame = dialog.store.read_dataset("atm_wide")
    assert len(frame) == 18 and frame["value"].isna().sum() == 1


def test_a_rename_that_clashes_ignoring_case_blocks_import(qtbot, open_dialog,
                                                           tmp_path: Path) -> None:
    from iotfin_gui.ui.mapping_table import NAME

    path = tmp_path / "fees.csv"
    path.write_text("amount,fee\n1,2\n3,4\n")
    dialog = open_dialog(path)
    assert dialog.import_button.isEnabled()
    table = dialog.mapping_table
    item = table.item(table.row_of("fee"), NAME)
    table.editItem(item)
    editor = table.findChild(QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "AMOUNT")
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert [c.name for c in dialog.preview.mapping.columns] == ["amount", "AMOUNT"]
    assert not dialog.import_button.isEnabled()
    shown = html.unescape(dialog.status_label.text())
    assert "'amount' and 'fee'" in shown and "ignoring case" in shown
