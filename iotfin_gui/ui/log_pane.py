"""The messages pane: everything the app logs (jobs started, finished, failed) for the user."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDockWidget, QPlainTextEdit, QWidget


class _Emitter(QObject):
    message = Signal(str)


class _PaneFormatter(logging.Formatter):
    """Time, the level in the interface language, and the (already translated) message."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s  %(level)s  %(message)s", "%H:%M:%S")
        self.levels = {
            logging.INFO: QCoreApplication.translate("LogPane", "info"),
            logging.WARNING: QCoreApplication.translate("LogPane", "warning"),
            logging.ERROR: QCoreApplication.translate("LogPane", "error"),
        }

    def format(self, record: logging.LogRecord) -> str:
        record.level = self.levels.get(record.levelno, record.levelname)
        return super().format(record)


class _QtLogHandler(logging.Handler):
    """Forwards log records to the GUI thread through a queued signal."""

    def __init__(self, emitter: _Emitter) -> None:
        super().__init__(logging.INFO)
        self.emitter = emitter
        self.setFormatter(_PaneFormatter())

    def emit(self, record: logging.LogRecord) -> None:
        self.emitter.message.emit(self.format(record))


class LogPane(QDockWidget):
    """A dock with the app's log; attaches a handler to the ``iotfin`` logger while alive."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Messages"), parent)
        self.setObjectName("messages_dock")
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setMaximumBlockCount(5000)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setWidget(self.text)
        self._emitter = _Emitter(self)
        self._emitter.message.connect(self.text.appendPlainText)
        self._handler = _QtLogHandler(self._emitter)
        logger = logging.getLogger("iotfin")
        logger.setLevel(logging.INFO)
        logger.addHandler(self._handler)
        self.destroyed.connect(lambda: logger.removeHandler(self._handler))

    def detach(self) -> None:
        logging.getLogger("iotfin").removeHandler(self._handler)
