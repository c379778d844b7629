"""A text above two tables side by side: the shape of the Search and Compare tabs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from iotfin_gui.ui.table_model import DataFrameModel, table_view


class TablePair(QWidget):
    """``label`` above ``left_model`` and ``right_model``, in a splitter."""

    def __init__(self, left_model: DataFrameModel, right_model: DataFrameModel,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.left_view = table_view(left_model, split)
        self.right_view = table_view(right_model, split)
        split.addWidget(self.left_view)
        split.addWidget(self.right_view)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(split, 1)

    def fit_columns(self) -> None:
        self.left_view.resizeColumnsToContents()
        self.right_view.resizeColumnsToContents()
