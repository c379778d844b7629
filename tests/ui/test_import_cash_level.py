"""The import dialog's mapping step states which column is the ATM's cash level: the guess is
shown, another column can take the role (one column only), and the stored dataset's cash level
is the one the analyst chose."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from iotfin_gui.core.fleet.cash_now import cash_column
from iotfin_gui.ui.import_dialog import ImportDialog

pytestmark = pytest.mark.gui

WAIT = 30_000


def bank_file(path: Path) -> Path:
    """A GBK daily export: device, date, amount drawn, cassette balance and a second balance."""
    rows = [f"ATM-{atm},2026-02-{day:02d},{1000 + day}.00,{90_000 - 1000 * day}.00,"
            f"{80_000 - 900 * day}.00" for atm in range(3) for day in range(1, 21)]
    header = "设备号,日期,取款金额,钞箱余额,尾箱余额"
    path.write_bytes((header + "\n" + "\n".join(rows) + "\n").encode("gbk"))
    return path


def test_the_mapping_step_states_the_cash_level(qtbot, store, runner, tmp_path: Path) -> None:
    dialog = ImportDialog(store, runner, bank_file(tmp_path / "atm_daily.csv"))
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT):
        pass
    table = dialog.mapping_table
    guessed, other = table.role_combo(table.row_of("钞箱余额")), \
        table.role_combo(table.row_of("尾箱余额"))
    assert guessed.currentData() == "cash_level" and guessed.currentText() == "cash level"
    assert other.currentData() == "metric"

    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT):
        other.setCurrentIndex(other.findData("cash_level"))
    roles = dialog.preview.mapping.roles()
    assert roles["尾箱余额"] == "cash_level" and "钞箱余额" not in roles  # one column only
    assert guessed.currentData() == ""

    with qtbot.waitSignal(dialog.imported, timeout=WAIT):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert cash_column(store.dataset(dialog.name_edit.text())) == "尾箱余额"
