"""The main window's keyboard actions and help: File ▸ Import… (Ctrl+O) and Export… (Ctrl+E),
Run ▸ Run the current panel's job (Ctrl+R), Cancel running jobs (Esc) and Dask cluster… (where
heavy jobs run), Help ▸ User guide (F1,
on the page of the panel on screen) and Open log folder. The shortcuts are listed in the menus.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QMenu

from iotfin_gui.core.logs import log_dir
from iotfin_gui.ui.cluster_dialog import ClusterDialog
from iotfin_gui.ui.help_browser import GuideWindow, page_for_panel

if TYPE_CHECKING:
    from iotfin_gui.ui.main_window import MainWindow

#: The button that starts each panel's main job (Run ▸ Run, Ctrl+R).
RUN_BUTTONS = {"preprocess": "run_button", "models": "train_button", "forecast": "run_button",
               "fleet": "apply_button", "reports": "build_button"}
#: Panels with an export of their own (File ▸ Export…, Ctrl+E); the others go to Reports,
#: which lists every table's export.
EXPORTING_PANELS = ("data", "forecast")


class WindowActions(QObject):
    """Adds the actions to ``window``'s menus and carries them out."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.guide: GuideWindow | None = None

    def add_file_actions(self, menu: QMenu, before: QAction | None) -> None:
        """File ▸ Import… and Export…, above ``before``."""
        self.import_action = self._action(self.tr("&Import…"), "Ctrl+O", self.import_file)
        self.export_action = self._action(self.tr("&Export…"), "Ctrl+E", self.export_current)
        menu.insertActions(before, [self.import_action, self.export_action])
        menu.insertSeparator(before)

    def add_run_menu(self) -> QMenu:
        """Run ▸ Run the current panel's job (Ctrl+R), Cancel running jobs (Esc)."""
        menu = QMenu(self.tr("&Run"), self.window)
        self.run_action = self._action(self.tr("&Run the current panel's job"), "Ctrl+R",
                                       self.run_current)
        self.cancel_action = self._action(self.tr("&Cancel running jobs"), "Esc", self.cancel_jobs)
        self.cluster_action = self._action(self.tr("&Dask cluster…"), None, self.open_cluster)
        menu.addActions([self.run_action, self.cancel_action])
        menu.addSeparator()
        menu.addAction(self.cluster_action)
        return menu

    def add_help_actions(self, menu: QMenu) -> None:
        """Help ▸ User guide (F1) and Open log folder, above what the menu already holds."""
        first = menu.actions()[0] if menu.actions() else None
        self.guide_action = self._action(self.tr("&User guide"),
                                         QKeySequence.StandardKey.HelpContents, self.open_guide)
        self.log_folder_action = self._action(self.tr("Open &log folder"), None,
                                              self.open_log_folder)
        menu.insertActions(first, [self.guide_action, self.log_folder_action])
        menu.insertSeparator(first)

    def _action(self, text: str, shortcut: str | QKeySequence.StandardKey | None,
                slot: Callable[[], object]) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _=False: slot())
        self.window.addAction(action)  # the shortcut works wherever the focus is
        return action

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)

    def import_file(self) -> None:
        """Ctrl+O: the Data panel's import (choose a file, then the import dialog)."""
        self.window.show_panel("data")
        self.window.data_panel.open_import_dialog()

    def export_current(self) -> None:
        """Ctrl+E: the export of the panel on screen, else the Reports panel's table list."""
        key = self.window.current_panel_key()
        if key in EXPORTING_PANELS:
            if self.window.panels[key].open_export_dialog() is None:
                self._status(self.tr("Select what to export first."))
            return
        self.window.show_panel("reports")
        self._status(self.tr("Every table's export is listed on the Reports panel."))

    def run_current(self) -> None:
        """Ctrl+R: press the panel's run button, when it has one and it is enabled."""
        panel = self.window.panels[self.window.current_panel_key()]
        button = getattr(panel, RUN_BUTTONS.get(self.window.current_panel_key(), ""), None)
        if not isinstance(button, QAbstractButton) or not button.isEnabled():
            self._status(self.tr("Nothing to run on this panel now."))
            return
        button.click()

    def cancel_jobs(self) -> None:
        """Esc: cancel every running job."""
        if not self.window.runner.busy:
            return
        self.window.runner.cancel_all()
        self._status(self.tr("Cancelling the running jobs…"))

    def open_cluster(self) -> ClusterDialog:
        """Run ▸ Dask cluster…: where heavy jobs run (see :mod:`iotfin_gui.ui.cluster_dialog`)."""
        dialog = ClusterDialog(self.window.store, self.window.runner, self.window)
        dialog.open()
        return dialog

    def open_guide(self) -> GuideWindow:
        """F1: the user guide, on the page of the panel on screen."""
        if self.guide is None:
            self.guide = GuideWindow(self.window)
        self.guide.show_page(page_for_panel(self.window.current_panel_key()))
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()
        return self.guide

    def open_log_folder(self) -> None:
        """The folder of the log file and crash reports, in the system's file manager."""
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self._status(self.tr("The log folder is %1").replace("%1", str(folder)))
