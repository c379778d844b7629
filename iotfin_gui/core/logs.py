"""The app's log file and crash reports.

Everything logged under the ``iotfin`` logger (what the Messages pane shows, and the job pool's
start, end, error and timing records) also goes to a rotating file, ``iotfin.log`` (1 MB, five
old files kept), in the platform's log folder (platformdirs ``user_log_dir``; ``IOTFIN_LOG_DIR``
overrides it, as the tests do). Library warnings (root logger, WARNING and up) go there too.

An unhandled exception, in the main thread or any other, writes a crash report
(``crash-<time>.txt``: version, platform, libraries, the traceback) beside the log, and the
callback given to :func:`install_crash_handlers` tells the user where it is. Qt-free.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType

from iotfin_gui import __version__

LOG_DIR_VARIABLE = "IOTFIN_LOG_DIR"
LOG_FILE = "iotfin.log"
MAX_BYTES, BACKUPS = 1_000_000, 5
#: Records that only the file gets (the Messages pane shows INFO and up): job timings.
DETAIL_LOGGERS = ("iotfin.jobs.pool", "iotfin.cli.run")
FORMAT = "%(asctime)s %(levelname)-7s %(process)d %(name)s: %(message)s"
#: Libraries whose distribution versions a crash report lists (read without importing them).
REPORTED_DISTRIBUTIONS = ("PySide6-Essentials", "pandas", "numpy", "scikit-learn", "pyqtgraph",
                          "sqlite-utils", "pyarrow", "joblib")

_file_handler: logging.Handler | None = None


class _LogFile(logging.handlers.RotatingFileHandler):
    """The rotating log file. A record it cannot write (disk full, a file-size limit) is left
    out with one warning on stderr for the whole process, not a traceback per record (the
    job's own message names the problem; the log is not worth burying it)."""

    warned = False

    def handleError(self, record: logging.LogRecord) -> None:
        if not self.warned:
            self.warned = True
            print(f"warning: the log file {self.baseFilename} cannot be written "
                  f"({sys.exc_info()[1]}); records are left out of it", file=sys.stderr)


def log_dir() -> Path:
    """Where the log file and crash reports go (``IOTFIN_LOG_DIR``, else the platform's)."""
    override = os.environ.get(LOG_DIR_VARIABLE)
    if override:
        return Path(override).expanduser()
    import platformdirs

    from iotfin_gui.core.paths import APP_AUTHOR, APP_NAME

    return platformdirs.user_log_path(APP_NAME, APP_AUTHOR)


def log_file() -> Path:
    return log_dir() / LOG_FILE


def setup_logging() -> Path | None:
    """Send the app's log to the rotating file (once per process); the file, or None when the
    folder cannot be written (then nothing is logged to a file and the app goes on)."""
    global _file_handler
    if _file_handler is not None:
        return Path(_file_handler.baseFilename)  # type: ignore[attr-defined]
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = _LogFile(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True)
    except OSError as error:
        print(f"warning: no log file ({path}: {error})", file=sys.stderr)
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.WARNING or root.level == logging.NOTSET:
        root.setLevel(logging.WARNING)
    app = logging.getLogger("iotfin")
    if app.level == logging.NOTSET or app.level > logging.INFO:
        app.setLevel(logging.INFO)
    for name in DETAIL_LOGGERS:
        logging.getLogger(name).setLevel(logging.DEBUG)
    logging.captureWarnings(True)
    _file_handler = handler
    logging.getLogger("iotfin.app").info(
        "IoTFin Workstation %s started (%s, Python %s, pid %d): %s", __version__,
        platform.platform(), platform.python_version(), os.getpid(),
        " ".join(sys.argv[1:]) or "(window)")
    return path


def installed_versions(names: tuple[str, ...] = REPORTED_DISTRIBUTIONS) -> dict[str, str]:
    """Name -> version of the distributions ``names`` that are installed, read from their
    metadata (none is imported)."""
    from importlib import metadata

    versions = {}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return versions


def version_text() -> str:
    """The app's version, Python's and the key libraries' (``--version``, crash reports)."""
    libraries = ", ".join(f"{name} {number}" for name, number in installed_versions().items())
    frozen = " (frozen app)" if getattr(sys, "frozen", False) else ""
    return (f"IoTFin Workstation {__version__}\n"
            f"Python {platform.python_version()}{frozen} on {platform.platform()}\n{libraries}")


def write_crash_report(kind: type[BaseException], error: BaseException,
                       trace: TracebackType | None, where: str = "main thread") -> Path | None:
    """Write a crash report for ``error`` beside the log; its path, or None if it could not be
    written (the traceback is then at least on stderr)."""
    details = "".join(traceback.format_exception(kind, error, trace))
    now = datetime.now()
    text = (f"Crash report, {now.isoformat(timespec='seconds')}, in the {where}\n"
            f"{version_text()}\ncommand line: {' '.join(sys.argv)}\n\n{details}")
    logging.getLogger("iotfin.app").critical("Unhandled exception in the %s:\n%s", where, details)
    folder = log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = _new_file(folder, f"crash-{now:%Y%m%d-%H%M%S}-{os.getpid()}", text)
    except OSError as failure:
        print(f"{details}\n(no crash report written: {failure})", file=sys.stderr)
        return None
    return path


def _new_file(folder: Path, stem: str, text: str) -> Path:
    """Write ``text`` to a new file ``stem.txt`` (``stem-2.txt``, ... if taken) in ``folder``."""
    for number in range(1, 1000):
        path = folder / (f"{stem}.txt" if number == 1 else f"{stem}-{number}.txt")
        try:
            with path.open("x", encoding="utf-8") as out:
                out.write(text)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"{folder / stem}: too many crash reports this second")


def install_crash_handlers(notify: Callable[[Path | None, BaseException, str], None]
                           | None = None) -> None:
    """Write a crash report for every unhandled exception (``sys.excepthook``,
    ``threading.excepthook``), then call ``notify(report, error, traceback text)`` so that the
    user is told where it is."""

    def report(kind: type[BaseException], error: BaseException, trace: TracebackType | None,
               where: str) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        path = write_crash_report(kind, error, trace, where)
        if notify is not None:
            notify(path, error, "".join(traceback.format_exception(kind, error, trace)))
        else:
            sys.__excepthook__(kind, error, trace)
            if path is not None:
                print(f"A crash report was written to {path}", file=sys.stderr)

    def main_hook(kind: type[BaseException], error: BaseException,
                  trace: TracebackType | None) -> None:
        report(kind, error, trace, "main thread")

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        name = args.thread.name if args.thread is not None else "?"
        report(args.exc_type, args.exc_value, args.exc_traceback, f"thread {name}")

    sys.excepthook = main_hook
    threading.excepthook = thread_hook
