"""The window's file dialogs: they never look inside the files they list.

Qt's file dialog, and the platform's where it runs inside our process, open files to choose their
icons and type names. Opening and closing an open store's ``-wal`` or ``-shm`` file that way drops
the locks SQLite holds on it, and another process can then corrupt the store (see
:mod:`iotfin_gui.core.store_files`). These dialogs use Qt's own widget dialog with an icon provider
that goes by the file's kind only (file or folder), and hide the files of the stores open in this
process, so they cannot be picked either. Every dialog of the window that asks for a file or a
folder comes from here.
"""

from __future__ import annotations

from PySide6.QtCore import QFileInfo, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFileSystemModel,
    QStyle,
    QWidget,
)

from iotfin_gui.core.store_files import guarded_store


class NamesOnlyIcons(QAbstractFileIconProvider):
    """Icons and type names from the entry's kind, never from its content."""

    def icon(self, what: QFileInfo | QAbstractFileIconProvider.IconType) -> QIcon:
        folder = (what.isDir() if isinstance(what, QFileInfo)
                  else what == QAbstractFileIconProvider.IconType.Folder)
        pixmap = QStyle.StandardPixmap.SP_DirIcon if folder else QStyle.StandardPixmap.SP_FileIcon
        return QApplication.style().standardIcon(pixmap)

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return QApplication.translate("FileDialogs", "Folder")
        suffix = info.suffix()
        file = QApplication.translate("FileDialogs", "File")
        return f"{suffix.upper()} {file}" if suffix else file


class HideStoreFiles(QSortFilterProxyModel):
    """Leaves out the database, WAL, SHM and journal files of every store open in this process."""

    def filterAcceptsRow(self, row: int,
                         parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        if not isinstance(model, QFileSystemModel):
            return True
        return guarded_store(model.filePath(model.index(row, 0, parent))) is None


def prepare(dialog: QFileDialog) -> QFileDialog:
    """Make ``dialog`` Qt's widget dialog with :class:`NamesOnlyIcons` and
    :class:`HideStoreFiles`; the caller asks before replacing a file."""
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, True)
    dialog.icons = NamesOnlyIcons()
    dialog.setIconProvider(dialog.icons)
    dialog.setProxyModel(HideStoreFiles(dialog))
    return dialog


def _run(dialog: QFileDialog) -> tuple[str, str]:
    accepted = prepare(dialog).exec() == QFileDialog.DialogCode.Accepted
    chosen = dialog.selectedFiles()
    if not accepted or not chosen:
        return "", ""
    return chosen[0], dialog.selectedNameFilter()


def open_file_name(parent: QWidget | None, caption: str, directory: str = "",
                   filters: str = "") -> tuple[str, str]:
    """Ask for an existing file; ``("", "")`` when cancelled (as ``getOpenFileName``)."""
    dialog = QFileDialog(parent, caption, directory, filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    return _run(dialog)


def save_file_name(parent: QWidget | None, caption: str, directory: str = "",
                   filters: str = "") -> tuple[str, str]:
    """Ask for a file to write; the caller asks before replacing one (as ``getSaveFileName``
    with ``DontConfirmOverwrite``)."""
    dialog = QFileDialog(parent, caption, directory, filters)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    return _run(dialog)


def existing_directory(parent: QWidget | None, caption: str, directory: str = "") -> str:
    """Ask for a folder; ``""`` when cancelled (as ``getExistingDirectory``)."""
    dialog = QFileDialog(parent, caption, directory)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return _run(dialog)[0]
