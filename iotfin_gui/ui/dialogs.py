"""Small dialogs: the error message with details, and About with library versions.

Texts that carry user data (names, paths, messages) are shown literally, never as rich text:
the error box is in plain-text format, questions go through :func:`literal`.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from iotfin_gui import __version__
from iotfin_gui.core.lineage import library_versions


def error_box(parent: QWidget | None, title: str, message: str, details: str = "") -> QMessageBox:
    """A non-modal error message; the traceback, if any, sits under "Show Details"."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok,
                      parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setObjectName("error_box")
    if details:
        box.setDetailedText(details)
    box.setModal(False)
    box.show()
    return box


def literal(text: str) -> str:
    """``text`` as rich text that shows it literally (for a message box's auto-detected format:
    a name like ``<h1>`` or ``<img src=...>`` is shown, not rendered)."""
    return "<p>" + html.escape(text, quote=False).replace("\n", "<br>") + "</p>"


def ask_replace(parent: QWidget, title: str, path: object) -> bool:
    """Ask whether to replace ``path``, which already exists; No is the default."""
    answer = QMessageBox.question(
        parent, title,
        literal(QCoreApplication.translate("Dialogs", "%1 already exists. Replace it?").replace(
            "%1", str(path))),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def about_text() -> str:
    rows = "".join(f"<tr><td>{name}</td><td>{version}</td></tr>"
                   for name, version in library_versions().items())
    intro = QCoreApplication.translate(
        "About", "Offline workstation for ATM and IoT fleet analytics: import, preprocess, "
        "model, forecast and report, on this computer only.")
    return (f"<h3>IoTFin Workstation {__version__}</h3><p>{intro}</p>"
            f"<table cellspacing='6'>{rows}</table>")


def show_about(parent: QWidget | None) -> None:
    QMessageBox.about(parent, QCoreApplication.translate("About", "About IoTFin Workstation"),
                      about_text())
