"""The leaderboard: every training run of a task (kept in the store), best first, with the mean
± spread over the folds of each score, each column naming its metric and where it was measured
(``ROC AUC (CV)``, ``F1 at threshold (CV)``, ``RMSE (test rows)``), models by their display
names, and the threshold the kept model applies (the one every plot of the run shows)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import pandas as pd
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from iotfin_gui.core.models import (
    CLASSIFICATION_METRICS,
    CLUSTERING_METRICS,
    REGRESSION_METRICS,
    leaderboard,
)
from iotfin_gui.ui.i18n import number, translated
from iotfin_gui.ui.models.score_names import cv_header, metric_name, test_header
from iotfin_gui.ui.table_model import DataFrameModel, table_view

if TYPE_CHECKING:
    from iotfin_gui.core.store import Store

#: Leaderboard metric columns per task, the ones analysts rank by first.
TASK_METRICS = {
    "classification": ("roc_auc", "pr_auc", "expected_cost", "threshold",
                       *(m for m in CLASSIFICATION_METRICS if m not in (
                           "roc_auc", "pr_auc", "expected_cost", "threshold"))),
    "regression": ("rmse", "mae", "r2", *(m for m in REGRESSION_METRICS
                                          if m not in ("rmse", "mae", "r2"))),
    "clustering": CLUSTERING_METRICS,
}


class LeaderboardModel(DataFrameModel):
    """Metric means shown as ``mean ± std`` (sorted by the mean); the ``<metric>_std``
    columns stay in the frame (hidden by the view)."""

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return super().data(index, role)
        frame = self.frame
        name = str(frame.columns[index.column()])
        value = frame.iat[index.row(), index.column()]
        if isinstance(value, float) and math.isfinite(value) and name not in ("run_id", "seed"):
            decimals = 0 if abs(value) >= 1e4 else 3
            text = number(value, decimals)
            spread_column = f"{name}_std"
            if spread_column in frame.columns:
                spread = frame.at[index.row(), spread_column]
                if isinstance(spread, float) and math.isfinite(spread):
                    text += " ± " + number(spread, decimals)
            return text
        return super().data(index, role)


def board_frame(frame: pd.DataFrame, task: str) -> pd.DataFrame:
    """The leaderboard's shown columns: the run, model, data and set-up, each metric's mean
    (``threshold``: the kept model's, which its predictions apply) and spread, test scores and
    timings; display texts translated."""
    metrics = [m for m in TASK_METRICS[task] if m in frame.columns]
    tests = [c for c in frame.columns if c.startswith("test_") and not c.endswith("_std")]
    setup = ["target", "recipe", "cv", "search_label"] if task != "clustering" else ["recipe"]
    columns = ["run_id", "label", "dataset", *setup, *metrics, *tests, "fit_seconds",
               "predict_seconds"]
    spreads = [f"{m}_std" for m in metrics if f"{m}_std" in frame.columns and m != "threshold"]
    shown = frame[[c for c in columns if c in frame.columns] + spreads].copy()
    if "threshold" in shown.columns and "applied_threshold" in frame.columns:
        applied = pd.to_numeric(frame["applied_threshold"], errors="coerce")
        shown["threshold"] = applied.where(applied.notna(), frame["threshold"]).astype(float)
    for column in ("label", "cv", "search_label"):
        if column in shown.columns:
            shown[column] = pd.Series([None if v is None or v != v else translated(v)
                                       for v in frame[column]], dtype=object)
    if "partial" in frame.columns and "label" in shown.columns:
        partial_text = QCoreApplication.translate("Leaderboard", "%1 (partial run)")
        shown["label"] = [partial_text.replace("%1", str(label))
                          if partial else label
                          for label, partial in zip(shown["label"], frame["partial"],
                                                    strict=True)]
    return shown


def board_headers(task: str, two_class: bool) -> dict[str, str]:
    """Column headers naming each score's metric and where it was measured (``two_class``:
    the precision, recall... of every run were taken at a threshold)."""
    names = {*TASK_METRICS["classification"], *TASK_METRICS["regression"],
             *TASK_METRICS["clustering"]}
    headers = {m: cv_header(m, two_class=two_class) if task != "clustering"
               else metric_name(m) for m in names}
    headers |= {f"test_{m}": test_header(m) for m in names}
    headers |= {"fit_seconds": metric_name("fit_seconds"),
                "predict_seconds": metric_name("predict_seconds")}
    return headers


class Leaderboard(QWidget):
    """The title, the Learning curve and Predict buttons, and the runs' table (several rows
    selectable: the first drives the plots, two are compared)."""

    #: The selected runs changed.
    selection_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.predict_button = QPushButton(self.tr("Predict on dataset…"), self)
        self.curve_button = QPushButton(self.tr("Learning curve"), self)
        self.curve_button.setToolTip(self.tr("Retrain the selected run's model on growing "
                                             "shares of the training rows (background job)"))
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.curve_button)
        header.addWidget(self.predict_button)
        self.model = LeaderboardModel(parent=self)
        self.view = table_view(self.model, self)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.selectionModel().selectionChanged.connect(self.selection_changed)
        self.view.setToolTip(self.tr("Select a run to see its evaluation; select two "
                                     "(Ctrl+click) to compare them"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.view, 1)

    def reload(self, store: Store, task: str, task_label: str) -> int:
        """Show ``task``'s runs, keeping the selected ones (else selecting the best); returns
        how many runs there are."""
        kept = self.selected_runs()
        frame = leaderboard(store, task=task)
        shown = board_frame(frame, task)
        # Multiclass runs have no threshold: their F1... are of the most probable class.
        two_class = "threshold" in frame.columns and bool(frame["threshold"].notna().all())
        headers = board_headers(task, two_class) | {
            "run_id": self.tr("Run"), "label": self.tr("Model"), "dataset": self.tr("Dataset"),
            "target": self.tr("Target"), "recipe": self.tr("Recipe"), "cv": self.tr("CV"),
            "search_label": self.tr("Search")}
        self.view.selectionModel().blockSignals(True)
        self.model.set_frame(shown, headers)
        self.view.selectionModel().blockSignals(False)
        for position, name in enumerate(shown.columns):
            self.view.setColumnHidden(position, str(name).endswith("_std"))
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.resizeColumnsToContents()
        if task == "clustering":
            scope = self.tr("scores on all rows")
        else:
            scope = self.tr("CV: mean ± standard deviation over the test folds")
        self.title.setText(self.tr("<b>Leaderboard</b> — %1 %2 runs, best first (%3)")
                           .replace("%1", number(len(shown))).replace("%2", task_label.lower())
                           .replace("%3", scope))
        ids = set(shown["run_id"]) if len(shown) else set()
        # The runs selected before, else the best one, so the plots are never empty for nothing.
        self.select_runs([r for r in kept if r in ids] or [int(r) for r in shown["run_id"][:1]])
        return len(shown)

    def run_ids(self) -> list[int]:
        frame = self.model.frame
        return [int(r) for r in frame["run_id"]] if "run_id" in frame.columns else []

    def select_runs(self, run_ids: list[int]) -> None:
        """Select the rows of ``run_ids`` (one selection_changed signal)."""
        selection = self.view.selectionModel()
        ids = self.run_ids()
        selection.blockSignals(True)
        selection.clearSelection()
        for run_id in run_ids:
            if run_id in ids:
                index = self.model.index(ids.index(run_id), 0)
                selection.select(index, selection.SelectionFlag.Select
                                 | selection.SelectionFlag.Rows)
        selection.blockSignals(False)
        self.view.viewport().update()
        self.selection_changed.emit()

    def selected_runs(self) -> list[int]:
        """The selected runs' ids, top row first."""
        ids = self.run_ids()
        if not ids:
            return []
        rows = sorted(i.row() for i in self.view.selectionModel().selectedRows())
        return [ids[r] for r in rows]

    def run_label(self, run_id: int) -> str:
        """``#id model`` as the table shows it (the display name already translated)."""
        frame = self.model.frame
        label = frame.loc[frame["run_id"] == run_id, "label"] if len(frame) else []
        return f"#{run_id} {label.iloc[0] if len(label) else ''}".strip()

    def dataset_of(self, run_id: int) -> str:
        frame = self.model.frame
        dataset = frame.loc[frame["run_id"] == run_id, "dataset"] if len(frame) else []
        return str(dataset.iloc[0]) if len(dataset) else ""
