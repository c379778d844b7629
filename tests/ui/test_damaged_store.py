"""Starting on a damaged store: the window is not opened on it; its newest backup is offered."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from store_samples import damage, healthy_store

from iotfin_gui.core import backups
from iotfin_gui.core.store import Store
from iotfin_gui.ui.app import open_store


def answer_the_box(qtbot, button_text: str, seen: list[str]) -> QTimer:
    """Click ``button_text`` on the message box once it shows (it runs its own event loop)."""
    timer = QTimer()

    def look() -> None:
        boxes = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QMessageBox) and w.isVisible()]
        if not boxes:
            return
        timer.stop()
        seen.append(boxes[0].text())
        button = next(b for b in boxes[0].buttons() if b.text() == button_text)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    timer.timeout.connect(look)
    timer.start(50)
    return timer


def test_a_damaged_store_can_be_brought_back_from_its_newest_backup(qtbot,
                                                                    tmp_path: Path) -> None:
    path = healthy_store(tmp_path / "bank.sqlite", rows=5_000)
    with Store.open(path) as store:
        taken = backups.backup(store, "manual")
    damage(path)
    seen: list[str] = []
    timer = answer_the_box(qtbot, "Restore the newest backup", seen)
    store = open_store(path)
    timer.stop()
    assert store is not None
    try:
        assert store.read_dataset("big").shape == (5_000, 2)
    finally:
        store.close()
    assert "bank.sqlite is damaged" in seen[0] and str(taken) in seen[0]


def test_quitting_leaves_the_damaged_store_untouched(qtbot, tmp_path: Path) -> None:
    path = healthy_store(tmp_path / "bank.sqlite", rows=5_000)
    damage(path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    seen: list[str] = []
    timer = answer_the_box(qtbot, "Quit", seen)
    assert open_store(path) is None
    timer.stop()
    assert "There is no backup" in seen[0]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
