"""The window's file dialogs list a folder without reading its files and hide open stores."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileInfo
from PySide6.QtWidgets import QFileDialog, QListView

from iotfin_gui.core.store import Store
from iotfin_gui.ui.file_dialogs import NamesOnlyIcons, prepare


def listed_names(qtbot, folder: Path, expected: int) -> list[str]:
    dialog = prepare(QFileDialog(None, "Pick", str(folder)))
    qtbot.addWidget(dialog)
    dialog.setFilter(dialog.filter())
    dialog.show()
    view = dialog.findChild(QListView, "listView")
    qtbot.waitUntil(lambda: view.model().rowCount(view.rootIndex()) >= expected, timeout=5000)
    model = view.model()
    names = [model.index(row, 0, view.rootIndex()).data()
             for row in range(model.rowCount(view.rootIndex()))]
    dialog.close()
    return names


def test_the_files_of_an_open_store_are_not_listed(qtbot, tmp_path: Path) -> None:
    (tmp_path / "atm.csv").write_text("device_id,value\nATM-1,2\n", encoding="utf-8")
    with Store.open(tmp_path / "bank.sqlite") as store:
        store.set_setting("busy", True)
        assert Path(f"{store.path}-wal").exists()
        names = listed_names(qtbot, tmp_path, expected=1)
        assert "atm.csv" in names
        assert not [n for n in names if n.startswith("bank.sqlite")]
        assert store.setting("busy") is True
    names = listed_names(qtbot, tmp_path, expected=2)
    assert "bank.sqlite" in names


def test_icons_and_types_come_from_the_name_only(qtbot, tmp_path: Path) -> None:
    icons = NamesOnlyIcons()
    (tmp_path / "notes").mkdir()
    file = tmp_path / "readings.bin"
    file.write_bytes(b"\x89PNG\r\n\x1a\n")
    assert icons.type(QFileInfo(str(file))) == "BIN File"
    assert icons.type(QFileInfo(str(tmp_path / "notes"))) == "Folder"
    assert not icons.icon(QFileInfo(str(file))).isNull()
