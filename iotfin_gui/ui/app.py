"""Starting the GUI: the QApplication and its identity (name, icon, desktop file, palette-aware
plots), the log file and crash reports, one window per store, the store (or a clear refusal),
the window, screenshots."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QIcon, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QMessageBox

from iotfin_gui import __version__
from iotfin_gui.core.backups import newest_backup
from iotfin_gui.core.backups import restore as restore_backup
from iotfin_gui.core.errors import StoreError, user_message
from iotfin_gui.core.jobs import describe_error
from iotfin_gui.core.logs import install_crash_handlers, setup_logging
from iotfin_gui.core.paths import APP_AUTHOR, APP_NAME, resolve_store_path
from iotfin_gui.core.store import Store
from iotfin_gui.core.store_health import DamagedStoreError
from iotfin_gui.package_data import data_file
from iotfin_gui.ui.dialogs import literal
from iotfin_gui.ui.i18n import choose_language, install_language, translated
from iotfin_gui.ui.jobs import JobRunner
from iotfin_gui.ui.main_window import PANEL_KEYS, MainWindow
from iotfin_gui.ui.single_instance import InstanceGuard

SCREENSHOT_TIMEOUT_MS = 60_000
#: The app id: the name of the Linux .desktop file (iotfin_gui/desktop/) and of the Windows
#: taskbar group, so that the desktop shows the app's icon and name for its windows.
DESKTOP_FILE_NAME = "iotfin-workstation"
WINDOWS_APP_ID = "IoTFin.Workstation"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
log = logging.getLogger("iotfin.ui")


def _offer_restore(path: Path, error: DamagedStoreError) -> bool:
    """Tell the user the store is damaged; True when they chose to restore the newest backup
    and it was restored."""
    newest = newest_backup(path)
    box = QMessageBox(QMessageBox.Icon.Critical,
                      QCoreApplication.translate("App", "The store is damaged"),
                      translated(user_message(error)))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDetailedText("\n".join(error.problems))
    restore = None
    if newest is not None:
        restore = box.addButton(QCoreApplication.translate("App", "Restore the newest backup"),
                                QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QCoreApplication.translate("App", "Quit"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if restore is None or box.clickedButton() is not restore:
        return False
    try:
        restore_backup(path, newest.path)
    except StoreError as failure:
        _refuse(failure)
        return False
    return True


def _refuse(error: StoreError) -> None:
    QMessageBox.critical(None, QCoreApplication.translate("App", "Cannot open the store"),
                         literal(translated(user_message(error))))


def open_store(path: Path, *, create_parents: bool = False, ask: bool = True) -> Store | None:
    """The store at ``path``, checked (see :meth:`Store.open`); None, once the user has been
    told why, when it cannot be opened. A damaged store is never opened: the user may restore
    its newest backup instead (``ask``; without it the reason goes to stderr)."""
    while True:
        try:
            return Store.open(path, create_parents=create_parents, verify=True)
        except DamagedStoreError as error:
            if not ask:
                print(f"error: {error}", file=sys.stderr)
                return None
            if not _offer_restore(path, error):
                return None
        except StoreError as error:
            if ask:
                _refuse(error)
            else:
                print(f"error: {error}", file=sys.stderr)
            return None


def app_icon() -> QIcon:
    """The app's icon at every size shipped in the package (read as bytes, so that it works
    from any installed form)."""
    icon = QIcon()
    for size in ICON_SIZES:
        pixmap = QPixmap()
        if pixmap.loadFromData(data_file("icons", f"iotfin-{size}.png").read_bytes()):
            icon.addPixmap(pixmap)
    return icon


def follow_palette_in_plots(app: QGuiApplication) -> None:
    """Plots take their background and text colours from the palette, so that they follow
    the system's dark mode like the rest of the window."""
    palette = app.palette()
    pg.setConfigOptions(antialias=True,
                        background=palette.color(QPalette.ColorRole.Base),
                        foreground=palette.color(QPalette.ColorRole.Text))


def application(argv: list[str] | None = None) -> QApplication:
    """The process's QApplication, created once with the app's identity: names, version, icon
    and desktop file name. High-DPI scaling and the system's light or dark palette are Qt 6's
    defaults; nothing here overrides them."""
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName(APP_AUTHOR)
        QCoreApplication.setApplicationName(APP_NAME)
        QCoreApplication.setApplicationVersion(__version__)
        QGuiApplication.setDesktopFileName(DESKTOP_FILE_NAME)
        if sys.platform == "win32":  # the taskbar groups our windows under our icon
            import ctypes

            ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID(WINDOWS_APP_ID)
        app = QApplication(argv or sys.argv[:1])
        app.setWindowIcon(app_icon())
        follow_palette_in_plots(app)
    return app  # type: ignore[return-value]


class _CrashNotice(QObject):
    """Carries a crash to the GUI thread (the signal is queued when emitted elsewhere)."""

    crashed = Signal(str, str, str)


def install_error_hook(window: MainWindow) -> None:
    """Unhandled exceptions, in GUI-thread slots or any thread, write a crash report to the log
    folder and are shown as a message that says where the report is; never only on a console."""
    notice = _CrashNotice(window)

    def show(message: str, details: str, report: str) -> None:
        if report:
            message += "\n\n" + QCoreApplication.translate(
                "App", "A crash report was saved to %1").replace("%1", report)
        window.show_error(QCoreApplication.translate("App", "Unexpected error"), message,
                          details)

    notice.crashed.connect(show)

    def notify(report: Path | None, error: BaseException, details: str) -> None:
        message, _ = describe_error(error)
        try:
            notice.crashed.emit(translated(message), details, str(report or ""))
        except RuntimeError:  # the window is gone: the report and stderr remain
            print(details, file=sys.stderr)

    install_crash_handlers(notify)


def bring_forward(window: MainWindow) -> None:
    """Show ``window`` on top, restored if minimised (another launch asked for this store)."""
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
    log.info(QCoreApplication.translate(
        "App", "The workstation was started again on this store; this window is used."))


def _screenshot_settings() -> QSettings:
    """Fresh, throw-away settings, so that screenshots look the same on every machine and
    never touch the user's saved window layout."""
    folder = tempfile.mkdtemp(prefix="iotfin-screenshot-")
    return QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)


def save_screenshot(window: MainWindow, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(out)):
        raise OSError(f"could not write {out}")


def display_problem() -> str | None:
    """Why a window cannot open here (Linux without X11 or Wayland), or None."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return ("No display found (DISPLAY and WAYLAND_DISPLAY are not set). Run the workstation "
            "on a desktop, under xvfb-run, or save a picture with --screenshot OUT.png "
            "(QT_QPA_PLATFORM=offscreen).")


def run_gui(args: argparse.Namespace) -> int:
    """Open the workstation window; returns the process exit code."""
    started = time.perf_counter()
    if args.screenshot and display_problem():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    problem = display_problem()
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    setup_logging()
    app = application()
    settings = _screenshot_settings() if args.screenshot else QSettings()
    requested = getattr(args, "lang", None)
    if args.screenshot:  # the same picture on every machine: English unless --lang asks
        install_language(requested or "en")
    else:
        install_language(choose_language(requested, settings))
    path, is_default = resolve_store_path(getattr(args, "db", None))
    guard = InstanceGuard(path)
    if not args.screenshot and not guard.claim():
        print(translated(QCoreApplication.translate(
            "App", "The workstation is already open on %1; its window was brought forward.")
            .replace("%1", str(path))), file=sys.stderr)
        return 0
    store = open_store(path, create_parents=is_default, ask=not args.screenshot)
    if store is None:
        guard.release()
        return 2
    runner = JobRunner()
    window = MainWindow(store, runner, load_demo_if_empty=not args.no_demo, settings=settings)
    guard.activation_requested.connect(lambda: bring_forward(window))
    install_error_hook(window)
    if args.panel in PANEL_KEYS:
        window.show_panel(args.panel)
    if getattr(args, "size", None):
        window.resize(*args.size)
    window.show()
    exit_code = [0]
    if args.screenshot:
        out = Path(args.screenshot)

        def shoot() -> None:
            app.processEvents()
            save_screenshot(window, out)
            print(f"screenshot saved to {out} ({time.perf_counter() - started:.1f} s after start)")
            window.close()

        window.ready.connect(lambda: QTimer.singleShot(300, shoot))

        def give_up() -> None:
            print("error: the window did not become ready in time", file=sys.stderr)
            exit_code[0] = 1
            window.close()

        QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, give_up)
    try:
        app.exec()
    finally:
        runner.shutdown()
        store.close()
        guard.release()
    return exit_code[0]
