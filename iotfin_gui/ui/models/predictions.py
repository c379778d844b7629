"""Predictions of a run's model: the dialog that asks which dataset to apply it to (and
whether to save the result as a dataset), and the view of the predictions."""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from iotfin_gui.ui.table_model import DataFrameModel, table_view


class PredictDialog(QDialog):
    """Which dataset to apply a run's model to, and whether to save the predictions."""

    def __init__(self, run_id: int, datasets: list[str], default: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.run_id = run_id
        self.setWindowTitle(self.tr("Predict with run #%1").replace("%1", str(run_id)))
        self.dataset_box = QComboBox(self)
        self.dataset_box.addItems(datasets)
        if default in datasets:
            self.dataset_box.setCurrentText(default)
        self.save_box = QCheckBox(self.tr("Save the predictions as a dataset"), self)
        self.name_edit = QLineEdit(self)
        self.name_edit.setEnabled(False)
        self.save_box.toggled.connect(self.name_edit.setEnabled)
        self.dataset_box.currentTextChanged.connect(self._suggest_name)
        self._suggest_name()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Predict"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Dataset"), self.dataset_box)
        form.addRow(self.save_box)
        form.addRow(self.tr("New dataset name"), self.name_edit)
        form.addRow(self.buttons)

    def _suggest_name(self, *args: object) -> None:
        self.name_edit.setText(f"{self.dataset_box.currentText()}_scored_run{self.run_id}")

    def save_as(self) -> str | None:
        name = self.name_edit.text().strip()
        return name if self.save_box.isChecked() and name else None


class PredictionsView(QWidget):
    """What the last prediction did, and its rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self.tr("No predictions yet: select a run and click Predict on "
                                    "dataset…"), self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.model = DataFrameModel(parent=self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(table_view(self.model, self), 1)

    def show_frame(self, frame: pd.DataFrame, text: str) -> None:
        self.model.set_frame(frame)
        self.label.setText(text)
