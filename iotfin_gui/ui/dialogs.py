"""Small dialogs: the error message with details, and About with library versions."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from iotfin_gui import __version__
from iotfin_gui.core.lineage import library_versions


def error_box(parent: QWidget | None, title: str, message: str, details: str = "") -> QMessageBox:
    """A non-modal error message; the traceback, if any, sits under "Show Details"."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok,
                      parent)
    box.setObjectName("error_box")
    if details:
        box.setDetailedText(details)
    box.setModal(False)
    box.show()
    return box


def ask_replace(parent: QWidget, title: str, path: object) -> bool:
    """Ask whether to replace ``path``, which already exists; No is the default."""
    answer = QMessageBox.question(
        parent, title,
        QCoreApplication.translate("Dialogs", "%1 already exists. Replace it?").replace(
            "%1", str(path)),
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
