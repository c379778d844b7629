"""The import dialog's file side: the mouse wheel scrolls the column table and never changes a
Type or Role; the editable encoding field with detection's confidence; a workbook's sheet and
header row; dates in the preview in the order the user chose."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from iotfin_gui.ui.import_dialog import ImportDialog

pytestmark = pytest.mark.gui

WAIT = 30_000


def wheel(widget, steps: int = -1) -> None:
    """Turn the mouse wheel over the middle of ``widget`` (negative: towards the user)."""
    middle = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(middle, QPointF(widget.mapToGlobal(middle.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * steps), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def opened(qtbot, store, runner, path: Path) -> ImportDialog:
    dialog = ImportDialog(store, runner, path)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT):
        pass
    return dialog


@pytest.fixture
def dialog(qtbot, store, runner, tmp_path: Path) -> ImportDialog:
    """A dialog on a file with 40 columns, so the column table needs scrolling."""
    names = ["device_id", "time", *(f"purpose_{i}" for i in range(38))]
    path = tmp_path / "wide.csv"
    path.write_text(",".join(names) + "\n" + "".join(
        f"ATM-{r},2024-01-0{r + 1} 10:00:00," + ",".join(["cash"] * 38) + "\n"
        for r in range(5)))
    opened = ImportDialog(store, runner, path)
    qtbot.addWidget(opened)
    opened.show()
    with qtbot.waitSignal(opened.preview_ready, timeout=WAIT):
        pass
    return opened


def test_wheel_over_a_combo_scrolls_the_table_and_keeps_the_value(qtbot, dialog) -> None:
    table = dialog.mapping_table
    bar = table.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    row = table.row_of("purpose_0")
    role, kind = table.role_combo(row), table.type_combo(row)
    before = (role.currentData(), kind.currentData(), dialog.preview.mapping)
    for combo in (role, kind):
        wheel(combo)
    assert bar.value() > 0
    assert (role.currentData(), kind.currentData()) == before[:2]
    assert not dialog._preview_pending and dialog.preview.mapping == before[2]


def test_a_focused_combo_takes_the_wheel(qtbot, dialog) -> None:
    table = dialog.mapping_table
    combo = table.role_combo(table.row_of("purpose_0"))
    combo.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(combo.hasFocus, timeout=WAIT)
    start = combo.currentIndex()
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT):
        wheel(combo)
    assert combo.currentIndex() != start
    assert table.verticalScrollBar().value() == 0


def test_encoding_can_be_typed_and_detection_shows_its_confidence(qtbot, store, runner,
                                                                  tmp_path: Path) -> None:
    text = "交易日期,摘要,金額\n" + "".join(f"2024/01/{d:02d},薪資轉入,{5000 + d}\n"
                                             for d in range(1, 21))
    data = text.encode("big5")
    good = tmp_path / "tw.csv"
    good.write_bytes(data)
    dialog = opened(qtbot, store, runner, good)
    assert dialog.encoding_combo.currentData() == "big5"
    assert dialog.encoding_note.text().startswith("detected, ") and "% sure" in \
        dialog.encoding_note.text()
    damaged = tmp_path / "damaged.csv"
    damaged.write_bytes(data[:60] + b"\x80\x80" + data[60:])
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT):
        dialog.set_path(damaged)
    assert dialog.encoding_note.text() == "looks garbled: choose"
    assert not dialog.import_button.isEnabled() and "garbled" in dialog.status_label.text()
    field = dialog.encoding_combo.lineEdit()
    field.selectAll()
    qtbot.keyClicks(field, "big5")
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT):
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert dialog.preview.source.encoding == "big5"
    assert [c.source for c in dialog.preview.mapping.columns] == ["交易日期", "摘要", "金額"]
    assert dialog.encoding_note.text() == "" and dialog.import_button.isEnabled()


def test_sheet_and_header_row_of_a_workbook(qtbot, store, runner, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, first in (("一月", "ATM-1"), ("二月", "ATM-2")):
        sheet = book.create_sheet(name)
        sheet["A1"] = f"{name} 现金报表"
        sheet.merge_cells("A1:C1")
        sheet.append([])
        sheet.append(["设备", "日期", "金额"])
        for day in range(1, 6):
            sheet.append([first, f"2024-01-0{day}", 100 * day])
    path = tmp_path / "report.xlsx"
    book.save(path)
    dialog = opened(qtbot, store, runner, path)
    assert dialog.sheet_row.isVisible()
    assert [dialog.sheet_combo.itemText(i) for i in range(dialog.sheet_combo.count())] == [
        "一月", "二月"]
    assert dialog.header_row_spin.value() == 3
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT):
        dialog.sheet_combo.setCurrentIndex(1)
        dialog.sheet_combo.activated.emit(1)
    assert dialog.preview.source.sheet == "二月"
    assert dialog.preview.raw["设备"].iloc[0] == "ATM-2"
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT):
        dialog.header_row_spin.setValue(1)
    assert dialog.preview.mapping.columns[0].source == "二月 现金报表"


def test_preview_shows_dates_in_the_chosen_order(qtbot, store, runner, tmp_path: Path) -> None:
    path = tmp_path / "amb.csv"
    path.write_text("device,date,value\nA,2/1/2024,1\nA,3/4/2024,2\n")
    dialog = opened(qtbot, store, runner, path)
    assert dialog.ambiguity_box.isVisible()
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT):
        qtbot.mouseClick(dialog.day_first_radio, Qt.MouseButton.LeftButton)
    assert dialog.preview.frame["date"].dt.month.tolist() == [1, 4]
    model = dialog.rows_model
    column = list(model.frame.columns).index("date")
    assert [model.data(model.index(r, column)) for r in range(2)] == ["02/01/2024", "03/04/2024"]
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT):
        qtbot.mouseClick(dialog.month_first_radio, Qt.MouseButton.LeftButton)
    assert dialog.preview.frame["date"].dt.month.tolist() == [2, 3]
    assert model.data(model.index(0, column)) == "02/01/2024"
