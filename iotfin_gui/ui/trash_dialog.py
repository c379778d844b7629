"""The Trash view (Edit ▸ Trash…) and the wording of Edit ▸ Undo.

Lists what was deleted (newest first) with restore and, after a confirmation, empty; every
change is announced with ``store_changed`` so the window refreshes its panels.
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from iotfin_gui.core import trash
from iotfin_gui.core.errors import UserFacingError, user_message
from iotfin_gui.core.store import Store
from iotfin_gui.ui.dialogs import error_box
from iotfin_gui.ui.i18n import number, translated, when

log = logging.getLogger("iotfin.ui")


def undo_text(entry: trash.TrashEntry | None) -> str:
    """The text of Edit ▸ Undo: what it would bring back, or plain "Undo" when nothing."""
    if entry is None:
        return QCoreApplication.translate("TrashDialog", "&Undo")
    texts = {
        "dataset": QCoreApplication.translate("TrashDialog", "&Undo delete of dataset %1"),
        "run": QCoreApplication.translate("TrashDialog", "&Undo delete of run %1"),
        "recipe": QCoreApplication.translate("TrashDialog", "&Undo delete of recipe %1"),
        "demo": QCoreApplication.translate("TrashDialog", "&Undo removal of %1"),
    }
    return texts[entry.kind].replace("%1", translated(entry.label))


def restored_text(restored: trash.Restored) -> str:
    """What a restore brought back, for the Messages pane."""
    text = QCoreApplication.translate("TrashDialog", "Restored from the trash: %1 %2").replace(
        "%1", translated(trash.KIND_LABELS[restored.entry.kind])).replace(
        "%2", translated(restored.entry.label))
    for old, new in restored.renamed.items():
        text += " " + QCoreApplication.translate(
            "TrashDialog", "(%1 is back as %2: its name had been taken.)").replace(
            "%1", old).replace("%2", new)
    return text


class TrashDialog(QDialog):
    """What is in the trash; restore one entry, or empty the trash."""

    store_changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setObjectName("trash_dialog")
        self.setWindowTitle(self.tr("Trash"))
        self.resize(640, 360)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("Deleted (UTC)"), self.tr("Kind"),
                                              self.tr("What")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.summary = QLabel(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.restore_button = QPushButton(self.tr("&Restore"), self)
        self.restore_button.clicked.connect(self.restore_selected)
        self.empty_button = QPushButton(self.tr("&Empty trash…"), self)
        self.empty_button.clicked.connect(self.empty)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.empty_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        self.entries = trash.entries(self.store)
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            cells = (when(datetime.strptime(entry.deleted_at, "%Y-%m-%dT%H:%M:%SZ")),
                     translated(trash.KIND_LABELS[entry.kind]), translated(entry.label))
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.summary.setText(
            self.tr("Deleted datasets, runs and recipes wait here until the trash is emptied. "
                    "%1 entries.").replace("%1", number(len(self.entries)))
            if self.entries else self.tr("The trash is empty."))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(bool(self.table.selectionModel().selectedRows()))
        self.empty_button.setEnabled(bool(self.entries))

    def restore_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        try:
            restored = trash.restore(self.store, self.entries[rows[0].row()].id)
        except UserFacingError as error:
            error_box(self, self.tr("Restore"), translated(user_message(error)))
            return
        log.info(restored_text(restored))
        self.reload()
        self.store_changed.emit()

    def empty(self) -> None:
        answer = QMessageBox.question(
            self, self.tr("Empty trash"),
            self.tr("Delete everything in the trash for good? The store is backed up first; "
                    "File ▸ Restore… can bring that backup back."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            counts = trash.empty(self.store)
        except UserFacingError as error:
            error_box(self, self.tr("Empty trash"), translated(user_message(error)))
            return
        log.info(self.tr("Trash emptied: %1 datasets, %2 runs, %3 recipe versions deleted.")
                 .replace("%1", number(counts["datasets"])).replace("%2", number(counts["runs"]))
                 .replace("%3", number(counts["recipes"])))
        self.reload()
        self.store_changed.emit()
