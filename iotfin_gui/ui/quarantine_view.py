"""The rows an import set aside (quarantined), for the dataset selected in the Data panel."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableView, QVBoxLayout, QWidget

from iotfin_gui.ui.table_model import DataFrameModel

if TYPE_CHECKING:
    from iotfin_gui.core.store import Store

#: More rows than an analyst reads on screen; the full list comes with the CSV export.
SHOWN_ROWS = 5_000

_COUNT = ("SELECT COUNT(*) FROM quarantine q JOIN imports i ON q.import_id = i.id "
          "WHERE i.dataset_id = ?")
_ROWS = ("SELECT q.file, q.line, q.column_name, q.raw, q.reason FROM quarantine q "
         "JOIN imports i ON q.import_id = i.id WHERE i.dataset_id = ? "
         "ORDER BY q.import_id, q.line, q.id LIMIT ?")


class QuarantineView(QWidget):
    """Lists file, line, column, raw value and reason of every row the dataset's import refused."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.count = 0
        self.model = DataFrameModel(parent=self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)

    def show_dataset(self, dataset_id: int) -> int:
        """Show the quarantined rows of the imports that created ``dataset_id``; their count."""
        self.count = int(self.store.conn.execute(_COUNT, [dataset_id]).fetchone()[0])
        rows = self.store.conn.execute(_ROWS, [dataset_id, SHOWN_ROWS]).fetchall()
        frame = pd.DataFrame(rows, columns=["file", "line", "column", "raw", "reason"])
        self.model.set_frame(frame, {
            "file": self.tr("File"), "line": self.tr("Line"), "column": self.tr("Column"),
            "raw": self.tr("Value as read"), "reason": self.tr("Reason")})
        self.view.resizeColumnsToContents()
        if not self.count:
            text = self.tr("No rows were set aside when this dataset was imported.")
        elif self.count > SHOWN_ROWS:
            text = self.tr("%1 rows were set aside; the first %2 are shown.").replace(
                "%1", f"{self.count:,}").replace("%2", f"{SHOWN_ROWS:,}")
        else:
            text = self.tr("%1 rows were set aside when this dataset was imported; they are "
                           "not in the dataset.").replace("%1", f"{self.count:,}")
        self.summary.setText(text)
        return self.count
