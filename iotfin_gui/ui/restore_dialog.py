"""File ▸ Restore…: pick one of the store's backups and bring the store back to it.

Lists the backups (newest first) with their time, why they were taken and their size; restoring
asks for confirmation, then runs as a job (it checks the backup's integrity and backs up the
current state first, see :mod:`iotfin_gui.core.backups`) and announces ``restored`` so that the
window refreshes every panel.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
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

from iotfin_gui.core import backups
from iotfin_gui.core.jobs import JobSpec
from iotfin_gui.core.store import Store
from iotfin_gui.core.store_files import backups_dir
from iotfin_gui.ui.dialogs import error_box
from iotfin_gui.ui.i18n import number, translated, when

if TYPE_CHECKING:
    from iotfin_gui.ui.jobs import JobRunner

log = logging.getLogger("iotfin.ui")


class RestoreDialog(QDialog):
    """The store's backups; Restore brings the selected one back (after a confirmation)."""

    restored = Signal(Path)

    def __init__(self, store: Store, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.runner = store, runner
        self.setObjectName("restore_dialog")
        self.setWindowTitle(self.tr("Restore a backup"))
        self.resize(640, 360)
        self.backups = backups.list_backups(store.path)
        note = QLabel(self.tr("Backups of %1 are taken before every delete, removal of the demo, "
                              "emptying of the trash and upgrade. They are kept in %2.")
                      .replace("%1", store.path.name)
                      .replace("%2", str(backups_dir(store.path))), self)
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        self.table = QTableWidget(len(self.backups), 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("Taken (UTC)"), self.tr("Why"),
                                              self.tr("Size")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        for row, item in enumerate(self.backups):
            cells = (when(item.created.replace(tzinfo=None)), translated(item.reason_label),
                     self.tr("%1 MB").replace("%1", number(item.size / 1e6, 1)))
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.itemSelectionChanged.connect(self._update_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.rejected.connect(self.reject)
        self.restore_button = QPushButton(self.tr("&Restore…"), self)
        self.restore_button.clicked.connect(self.restore_selected)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        if not self.backups:
            layout.addWidget(QLabel(self.tr("There are no backups yet."), self))
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self._update_button()

    def _update_button(self) -> None:
        self.restore_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def restore_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        chosen = self.backups[rows[0].row()]
        answer = QMessageBox.question(
            self, self.tr("Restore a backup"),
            self.tr("Bring the store back to the backup of %1 (%2)? Everything done since is "
                    "replaced; the current state is backed up first.")
            .replace("%1", when(chosen.created.replace(tzinfo=None)))
            .replace("%2", translated(chosen.reason_label)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.restore_button.setEnabled(False)
        self.table.setEnabled(False)
        self.runner.submit(
            JobSpec.of(self.tr("Restoring a backup"), backups.restore_job,
                       db_path=str(self.store.path), backup_path=str(chosen.path)),
            key="store.restore", on_done=self._restored, on_error=self._failed,
            on_cancel=lambda: self._failed(""))

    def _restored(self, summary: dict) -> None:
        name = Path(summary["restored"]).name
        if summary["saved_as"] is None:
            log.info(self.tr("Restored the backup %1; the state it replaced was too damaged "
                             "to be backed up.").replace("%1", name))
        else:
            log.info(self.tr("Restored the backup %1; the state it replaced is saved as %2.")
                     .replace("%1", name).replace("%2", Path(summary["saved_as"]).name))
        self.restored.emit(Path(summary["restored"]))
        self.accept()

    def _failed(self, message: str, details: str = "") -> None:
        self.table.setEnabled(True)
        self._update_button()
        if message:
            error_box(self, self.tr("Restore a backup"), message, details)
