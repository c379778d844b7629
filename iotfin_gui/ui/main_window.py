"""The main window: panel navigation, demo banner, menus, status bar with jobs, messages pane."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QPushButton,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from iotfin_gui.core import trash
from iotfin_gui.core.backups import compact_job
from iotfin_gui.core.demo import load_demo_job
from iotfin_gui.core.errors import UserFacingError, user_message
from iotfin_gui.core.jobs import JobSpec
from iotfin_gui.core.leftovers import clean_leftovers
from iotfin_gui.core.store import Store
from iotfin_gui.ui.cluster_dialog import apply_saved_address
from iotfin_gui.ui.dialogs import error_box, show_about
from iotfin_gui.ui.i18n import (
    LANGUAGES,
    SETTINGS_KEY,
    SYSTEM,
    number,
    saved_language,
    translated,
)
from iotfin_gui.ui.jobs import JobRunner
from iotfin_gui.ui.log_pane import LogPane
from iotfin_gui.ui.panels.base import Panel
from iotfin_gui.ui.panels.data import DataPanel
from iotfin_gui.ui.panels.fleet import FleetPanel
from iotfin_gui.ui.panels.forecast import ForecastPanel
from iotfin_gui.ui.panels.models import ModelsPanel
from iotfin_gui.ui.panels.preprocess import PreprocessPanel
from iotfin_gui.ui.panels.reports import ReportsPanel
from iotfin_gui.ui.panels.today import TodayPanel
from iotfin_gui.ui.restore_dialog import RestoreDialog
from iotfin_gui.ui.status import JobStatusWidget
from iotfin_gui.ui.trash_dialog import TrashDialog, restored_text, undo_text
from iotfin_gui.ui.window_actions import WindowActions

log = logging.getLogger("iotfin.ui")

PANEL_KEYS = ("today", "data", "preprocess", "models", "fleet", "forecast", "reports")
#: The window's size at the first start, shrunk to the screen (a 1366x768 laptop included).
DEFAULT_SIZE = (1360, 860)


class DemoBanner(QFrame):
    """A strip that says plainly that the data on screen is simulated, with a way out."""

    remove_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demo_banner")
        self.setStyleSheet("QFrame#demo_banner { background: #fff4ce; border: 1px solid #e0c060;"
                           " border-radius: 4px; }"  # dark text on yellow, in a dark theme too
                           " QFrame#demo_banner QLabel { color: #3d3000; }")
        self.label = QLabel(self.tr(
            "<b>Demo data.</b> You are looking at a simulated fleet of ATMs (not real "
            "machines). Import your own exports on the Data panel, or remove the demo."), self)
        self.label.setWordWrap(True)
        self.remove_button = QPushButton(self.tr("Remove demo data"), self)
        self.remove_button.clicked.connect(self.remove_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.remove_button)


class MainWindow(QMainWindow):
    """Owns the panels; the store and job runner are shared with every panel."""

    #: Emitted once the start-up work (demo loading, first panel content) is done.
    ready = Signal()

    def __init__(self, store: Store, runner: JobRunner, *, load_demo_if_empty: bool = True,
                 settings: QSettings | None = None) -> None:
        super().__init__()
        self.store = store
        self.runner = runner
        self.settings = settings or QSettings()
        self._awaiting_ready = False
        self.setObjectName("main_window")
        self.setWindowTitle(self.tr("IoTFin Workstation — %1").replace("%1", store.path.name))
        self._fit_to_screen(*DEFAULT_SIZE)

        self.data_panel = DataPanel(store, runner, self)
        self.data_panel.load_demo_requested.connect(self.load_demo)
        self.today_panel = TodayPanel(store, runner, self)
        self.today_panel.open_atm.connect(self.open_atm)
        self.panels: dict[str, Panel] = {
            "today": self.today_panel,
            "data": self.data_panel,
            "preprocess": PreprocessPanel(store, runner, self),
            "models": ModelsPanel(store, runner, self),
            "fleet": FleetPanel(store, runner, self),
            "forecast": ForecastPanel(store, runner, self),
            "reports": ReportsPanel(store, runner, self),
        }
        for panel in self.panels.values():
            panel.store_changed.connect(self.refresh_all)

        self.navigation = QListWidget(self)
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(150)
        self.stack = QStackedWidget(self)
        icons = (QStyle.StandardPixmap.SP_MessageBoxInformation, QStyle.StandardPixmap.SP_DirIcon,
                 QStyle.StandardPixmap.SP_FileDialogDetailedView,
                 QStyle.StandardPixmap.SP_ComputerIcon, QStyle.StandardPixmap.SP_DriveNetIcon,
                 QStyle.StandardPixmap.SP_ArrowRight, QStyle.StandardPixmap.SP_DialogSaveButton)
        for (key, panel), icon in zip(self.panels.items(), icons, strict=False):
            item = QListWidgetItem(self.style().standardIcon(icon), panel.title())
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.navigation.addItem(item)
            self.stack.addWidget(panel)
        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)

        self.banner = DemoBanner(self)
        self.banner.remove_requested.connect(self.remove_demo)
        content = QWidget(self)
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(6, 6, 6, 0)
        content_layout.addWidget(self.banner)
        content_layout.addWidget(self.stack, 1)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.navigation)
        layout.addWidget(content, 1)
        self.setCentralWidget(central)

        self.log_pane = LogPane(self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.log_pane)
        for message in clean_leftovers(store):
            log.info("%s", translated(message))
        self.job_status = JobStatusWidget(runner, self)
        self.statusBar().addPermanentWidget(self.job_status)
        self.store_label = QLabel(str(store.path), self)
        self.store_label.setTextFormat(Qt.TextFormat.PlainText)
        self.store_label.setToolTip(self.tr("The store file"))
        self.statusBar().addWidget(self.store_label)
        runner.unhandled_error.connect(self.show_error)
        apply_saved_address(store, runner)

        self._build_menus()
        self._stale: set[str] = set()
        self._restore_settings()
        self.navigation.currentRowChanged.connect(self._refresh_if_stale)
        self.refresh_all()
        if load_demo_if_empty and not store.datasets():
            self.load_demo()
        else:
            self._watch_start_up()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.load_demo_action = QAction(self.tr("Load demo fleet"), self)
        self.load_demo_action.triggered.connect(self.load_demo)
        self.remove_demo_action = QAction(self.tr("Remove demo data"), self)
        self.remove_demo_action.triggered.connect(self.remove_demo)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        for action in (self.load_demo_action, self.remove_demo_action):
            file_menu.addAction(action)
        self.window_actions = WindowActions(self)
        self.window_actions.add_file_actions(file_menu, before=self.load_demo_action)
        file_menu.addSeparator()
        self.restore_action = file_menu.addAction(self.tr("&Restore…"), self.open_restore)
        self.compact_action = file_menu.addAction(self.tr("&Compact store"), self.compact_store)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        self.undo_action = edit_menu.addAction(undo_text(None), self.undo)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.trash_action = edit_menu.addAction(self.tr("&Trash…"), self.open_trash)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        for index, panel in enumerate(self.panels.values()):
            action = QAction(panel.title(), self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _=False, i=index: self.navigation.setCurrentRow(i))
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.log_pane.toggleViewAction())
        view_menu.addMenu(self._language_menu())
        self.menuBar().addMenu(self.window_actions.add_run_menu())

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about_action = QAction(self.tr("&About IoTFin Workstation"), self)
        about_action.triggered.connect(lambda: show_about(self))
        help_menu.addAction(about_action)
        self.window_actions.add_help_actions(help_menu)

    def _language_menu(self) -> QMenu:
        """View ▸ Language: the system's language or a fixed one, applied at the next start."""
        menu = QMenu(self.tr("&Language"), self)
        group = QActionGroup(self)
        saved = saved_language(self.settings)
        self.language_actions: dict[str, QAction] = {}
        choices = {SYSTEM: self.tr("System language"), **LANGUAGES}
        for code, name in choices.items():
            action = QAction(name, self, checkable=True, checked=code == saved)
            action.triggered.connect(lambda _=False, c=code: self.choose_language(c))
            group.addAction(action)
            menu.addAction(action)
            self.language_actions[code] = action
        return menu

    def choose_language(self, code: str) -> None:
        """Save the interface language; it takes effect when the workstation starts again."""
        if code == saved_language(self.settings):
            return
        self.settings.setValue(SETTINGS_KEY, code)
        self.statusBar().showMessage(
            self.tr("The new language is used from the next start of the workstation."), 10_000)
        log.info(self.tr("Interface language set to %1; restart to apply it.").replace(
            "%1", self.language_actions[code].text()))

    def show_panel(self, key: str) -> None:
        self.navigation.setCurrentRow(PANEL_KEYS.index(key))

    def open_atm(self, key: str, device_id: str) -> None:
        """Show ATM ``device_id`` in the Fleet or Forecast panel (from the Today overview)."""
        self.show_panel(key)
        self.panels[key].focus_atm(device_id)

    def _fit_to_screen(self, width: int, height: int) -> None:
        """Resize to ``width`` x ``height``, but never beyond the screen's free area (the
        offscreen platform's 800x800 screen is not a real one: screenshots keep their size)."""
        screen = self.screen().availableGeometry() if self.screen() else None
        if (screen is not None and screen.width() > 0 and screen.height() > 0
                and QGuiApplication.platformName() != "offscreen"):
            width, height = min(width, screen.width()), min(height, screen.height())
        self.resize(width, height)

    def current_panel_key(self) -> str:
        return PANEL_KEYS[self.navigation.currentRow()]

    def refresh_all(self) -> None:
        """The store changed: refresh the panel on screen now, the others when next shown
        (so that start-up and every change cost one panel's reload, not six)."""
        has_demo = self.store.has_demo_data
        self.banner.setVisible(has_demo)
        self.remove_demo_action.setEnabled(has_demo)
        self.load_demo_action.setEnabled(not has_demo)
        newest = trash.newest(self.store)
        self.undo_action.setText(undo_text(newest))
        self.undo_action.setEnabled(newest is not None)
        self._stale = set(self.panels)
        self._refresh_if_stale(self.navigation.currentRow())

    def _refresh_if_stale(self, row: int) -> None:
        key = PANEL_KEYS[row]
        if key in self._stale:
            self._stale.discard(key)
            self.panels[key].refresh()

    def load_demo(self) -> None:
        self.load_demo_action.setEnabled(False)
        self.data_panel.load_demo_button.setEnabled(False)
        self.runner.submit(
            JobSpec.of(self.tr("Loading the demo fleet"), load_demo_job,
                       db_path=str(self.store.path)),
            key="demo.load",
            on_done=self._demo_loaded,
            on_error=self._demo_failed,
            on_cancel=self._demo_failed,
        )

    def _demo_loaded(self, summary: dict) -> None:
        log.info(self.tr("Demo fleet loaded: %1 devices, %2 datasets").replace(
            "%1", number(summary["devices"])).replace("%2", number(len(summary["datasets"]))))
        self.data_panel.load_demo_button.setEnabled(True)
        self.refresh_all()
        self._watch_start_up()

    def _demo_failed(self, message: str = "", details: str = "") -> None:
        self.data_panel.load_demo_button.setEnabled(True)
        self.refresh_all()
        if message:
            self.show_error(self.tr("Loading the demo fleet"), message, details)
        self._watch_start_up()

    def _watch_start_up(self) -> None:
        """Announce ``ready`` once the jobs started by the first refresh have finished."""
        if not self.runner.busy:
            self.ready.emit()
        elif not self._awaiting_ready:
            self._awaiting_ready = True
            self.runner.busy_changed.connect(self._on_runner_busy)

    def _on_runner_busy(self, busy: bool) -> None:
        if busy or not self._awaiting_ready:
            return
        self._awaiting_ready = False
        self.runner.busy_changed.disconnect(self._on_runner_busy)
        self.ready.emit()

    def remove_demo(self) -> None:
        try:
            removed = self.store.remove_demo_data()
        except UserFacingError as error:
            self.show_error(self.tr("Remove demo data"), translated(user_message(error)))
            return
        log.info(self.tr("Removed %n demo datasets", "", removed))
        self.refresh_all()

    def undo(self) -> None:
        """Edit ▸ Undo: bring back what was deleted last."""
        try:
            restored = trash.undo(self.store)
        except UserFacingError as error:
            self.show_error(self.tr("Undo"), translated(user_message(error)))
            return
        if restored is not None:
            log.info(restored_text(restored))
        self.refresh_all()

    def open_trash(self) -> TrashDialog:
        dialog = TrashDialog(self.store, self)
        dialog.store_changed.connect(self.refresh_all)
        dialog.show()
        return dialog

    def open_restore(self) -> RestoreDialog | None:
        if self.runner.busy:
            self.show_error(self.tr("Restore a backup"), self.tr(
                "Wait for the running jobs to finish (or cancel them), then restore."))
            return None
        dialog = RestoreDialog(self.store, self.runner, self)
        dialog.restored.connect(self.refresh_all)
        dialog.show()
        return dialog

    def compact_store(self) -> None:
        """File ▸ Compact store: VACUUM in a worker; the sizes go to the Messages pane."""
        self.compact_action.setEnabled(False)
        self.runner.submit(
            JobSpec.of(self.tr("Compacting the store"), compact_job, db_path=str(self.store.path)),
            key="store.compact", on_done=self._compacted, on_error=self._compact_failed,
            on_cancel=lambda: self.compact_action.setEnabled(True))

    def _compacted(self, sizes: dict) -> None:
        self.compact_action.setEnabled(True)
        log.info(self.tr("Store compacted: %1 MB before, %2 MB after.")
                 .replace("%1", number(sizes["bytes_before"] / 1e6, 1))
                 .replace("%2", number(sizes["bytes_after"] / 1e6, 1)))

    def _compact_failed(self, message: str, details: str = "") -> None:
        self.compact_action.setEnabled(True)
        self.show_error(self.tr("Compacting the store"), message, details)

    def show_error(self, title: str, message: str, details: str = "") -> None:
        error_box(self, title, message, details)

    def _restore_settings(self) -> None:
        geometry = self.settings.value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.value("main_window/state")
        if state is not None:
            self.restoreState(state)
        else:
            self.resizeDocks([self.log_pane], [110], Qt.Orientation.Vertical)
        panel = self.settings.value("main_window/panel", "today")
        self.show_panel(panel if panel in PANEL_KEYS else "today")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("main_window/geometry", self.saveGeometry())
        self.settings.setValue("main_window/state", self.saveState())
        self.settings.setValue("main_window/panel", self.current_panel_key())
        self.runner.abandon_all()
        self.log_pane.detach()
        super().closeEvent(event)
