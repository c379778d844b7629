"""The rows an import set aside (quarantined), for the dataset selected in the Data panel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableView, QVBoxLayout, QWidget

from iotfin_gui.core.ingest import DUPLICATE_POLICIES, quarantine_count, quarantined_rows
from iotfin_gui.core.messages import Message
from iotfin_gui.ui.i18n import number, translated
from iotfin_gui.ui.table_model import DataFrameModel

if TYPE_CHECKING:
    from iotfin_gui.core.store import Store

#: More rows than an analyst reads on screen; the full list comes with the CSV export.
SHOWN_ROWS = 5_000


def policy_labels() -> dict[str, str]:
    """The duplicate policies as the import dialog names them, in the interface language."""
    translate = QCoreApplication.translate
    return {"keep_first": translate("ImportDialog", "keep the first"),
            "keep_last": translate("ImportDialog", "keep the last"),
            "reject": translate("ImportDialog", "keep none")}


def with_policy_named(text: str) -> str:
    """``text`` translated, a duplicate policy in it (``keep_first``) named as the import
    dialog's choice names it (保留第一条), not by its code."""
    if isinstance(text, Message) and text.params.get("policy") in DUPLICATE_POLICIES:
        text = Message(text.context, text.template,
                       {**text.params, "policy": policy_labels()[text.params["policy"]]})
    return translated(text)


class QuarantineView(QWidget):
    """Lists file, line, column, raw value and reason of every row the dataset's import refused.

    Reasons are stored in English with what is needed to translate them, and shown in the
    interface language."""

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
        self.count = quarantine_count(self.store, dataset_id)
        frame = quarantined_rows(self.store, dataset_id, SHOWN_ROWS)
        shown: dict[int, str] = {}  # rows with the same stored reason share its object
        for reason in frame["reason"]:
            if id(reason) not in shown:
                shown[id(reason)] = with_policy_named(reason)
        frame["reason"] = [shown[id(reason)] for reason in frame["reason"]]
        self.model.set_frame(frame, {
            "file": self.tr("File"), "line": self.tr("Line"), "column": self.tr("Column"),
            "raw": self.tr("Value as read"), "reason": self.tr("Reason")})
        self.view.resizeColumnsToContents()
        if not self.count:
            text = self.tr("No rows were set aside when this dataset was imported.")
        elif self.count > SHOWN_ROWS:
            text = self.tr("%1 rows were set aside; the first %2 are shown.").replace(
                "%1", number(self.count)).replace("%2", number(SHOWN_ROWS))
        else:
            text = self.tr("%1 rows were set aside when this dataset was imported; they are "
                           "not in the dataset.").replace("%1", number(self.count))
        self.summary.setText(text)
        return self.count
