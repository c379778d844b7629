"""The Data panel: the datasets in the store, their rows, columns and course over time."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from iotfin_gui.core.errors import UserFacingError, user_message
from iotfin_gui.core.ingest import ROLE_LABELS
from iotfin_gui.core.jobs import JobSpec
from iotfin_gui.core.overview import (
    DailySeries,
    DatasetOverview,
    column_summary_job,
    daily_series_job,
    kept_column_summary,
    kept_daily_series,
)
from iotfin_gui.core.store import DATASET_KIND_LABELS, TYPE_LABELS, DatasetInfo
from iotfin_gui.ui.dialogs import error_box, literal
from iotfin_gui.ui.export_dialog import ExportDialog
from iotfin_gui.ui.i18n import number, translated, when
from iotfin_gui.ui.import_dialog import ImportDialog, choose_file
from iotfin_gui.ui.panels.base import EmptyState, Panel
from iotfin_gui.ui.plots import TimeSeriesPlot
from iotfin_gui.ui.quarantine_view import QuarantineView
from iotfin_gui.ui.table_model import DataFrameModel, table_view

if TYPE_CHECKING:
    from iotfin_gui.core.store import Store
    from iotfin_gui.ui.jobs import JobRunner

PREVIEW_ROWS = 200
#: The job key of the overview jobs (per-day series, column summary) of the dataset shown.
OVERVIEW_JOB = "data.overview"


def _label(labels: dict, key: str) -> str:
    """The translated label of ``key`` in ``labels``, or the key itself when it has none."""
    return translated(labels[key]) if key in labels else key


class DataPanel(Panel):
    """Lists datasets; selecting one previews its rows and computes its overview in two jobs:
    the per-day series first (the plot is drawn as soon as it arrives: ``series_ready``), then
    the column summary, slow on tens of millions of rows (``overview_ready``, with both). An
    overview the store keeps for the dataset's present content is shown at once, without a job.

    Files are imported through :class:`ImportDialog` (the Import… buttons, or dropping a file
    on the panel); the rows an import set aside are on the Quarantine tab."""

    series_ready = Signal(object)
    overview_ready = Signal(object)
    load_demo_requested = Signal()

    def __init__(self, store: Store, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(store, runner, parent)
        self.datasets_model = DataFrameModel(parent=self)
        self.rows_model = DataFrameModel(parent=self)
        self.columns_model = DataFrameModel(parent=self)

        self.datasets_view = table_view(self.datasets_model, self, single_row=True)
        self.datasets_view.selectionModel().selectionChanged.connect(self._on_selection)
        self.delete_button = QPushButton(self.tr("Delete dataset…"), self)
        self.delete_button.setEnabled(False)
        self.delete_button.clicked.connect(self._delete_selected)
        self.import_button = QPushButton(self.tr("Import…"), self)
        self.import_button.setToolTip(self.tr("Import a CSV, Excel, Parquet or JSON file "
                                              "(or drop one on this panel)"))
        self.import_button.clicked.connect(lambda: self.open_import_dialog())
        self.import_dialog: ImportDialog | None = None
        self.setAcceptDrops(True)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("<b>Datasets</b>"), left))
        left_layout.addWidget(self.datasets_view)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        left_layout.addLayout(buttons)

        self.details = QLabel(self)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tabs = QTabWidget(self)
        self.rows_view = table_view(self.rows_model, self)
        self.columns_view = table_view(self.columns_model, self)
        self.plot = TimeSeriesPlot(self)
        self.quarantine_view = QuarantineView(store, self)
        self.tabs.addTab(self.plot, self.tr("Over time"))
        self.tabs.addTab(self.rows_view, self.tr("Rows"))
        self.tabs.addTab(self.columns_view, self.tr("Columns"))
        self.quarantine_tab = self.tabs.addTab(self.quarantine_view, self.tr("Quarantine"))
        self.export_button = QPushButton(self.tr("Export CSV…"), self)
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(lambda: self.open_export_dialog())
        self.tabs.setCornerWidget(self.export_button)
        self.tabs.currentChanged.connect(self._update_export_button)
        self.export_dialog: ExportDialog | None = None
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.details)
        right_layout.addWidget(self.tabs, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([380, 900])

        self.load_demo_button = QPushButton(self.tr("Load the demo fleet"), self)
        self.load_demo_button.clicked.connect(self.load_demo_requested)
        self.empty_import_button = QPushButton(self.tr("Import a file…"), self)
        self.empty_import_button.clicked.connect(lambda: self.open_import_dialog())
        empty = QWidget(self)
        empty_layout = QVBoxLayout(empty)
        empty_layout.addWidget(EmptyState(self.tr(
            "<h2>No datasets yet</h2><p>The store is empty. Load the simulated demo fleet to "
            "explore the workstation, or import your own exports (CSV, Excel, Parquet, "
            "JSON).</p>"), empty))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.load_demo_button)
        row.addWidget(self.empty_import_button)
        row.addStretch(1)
        empty_layout.addLayout(row)
        empty_layout.addStretch(1)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(empty)
        self.pages.addWidget(splitter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

    def title(self) -> str:
        return self.tr("Data")

    def selected_dataset(self) -> str | None:
        rows = self.datasets_view.selectionModel().selectedRows()
        if not rows:
            return None
        return str(self.datasets_model.frame.iloc[rows[0].row()]["name"])

    def select_dataset(self, name: str) -> None:
        names = self.datasets_model.frame["name"].tolist()
        if name in names:
            self.datasets_view.selectRow(names.index(name))

    def refresh(self) -> None:
        previous = self.selected_dataset()
        datasets = self.store.datasets()
        frame = pd.DataFrame(
            [(d.name, _label(DATASET_KIND_LABELS, d.kind), d.row_count, len(d.columns),
              self.tr("demo") if d.is_demo else "") for d in datasets],
            columns=["name", "kind", "rows", "columns", "origin"],
        )
        self.datasets_model.set_frame(frame, {
            "name": self.tr("Name"), "kind": self.tr("Kind"), "rows": self.tr("Rows"),
            "columns": self.tr("Columns"), "origin": self.tr("Origin")})
        self.datasets_view.resizeColumnsToContents()
        self.pages.setCurrentIndex(1 if datasets else 0)
        if datasets:
            names = [d.name for d in datasets]
            self.select_dataset(previous if previous in names else self._first_choice(datasets))

    @staticmethod
    def _first_choice(datasets: list[DatasetInfo]) -> str:
        """The dataset to open first: cash withdrawals if any (what ATM analysts watch most)."""
        for kind in ("withdrawals", "telemetry", "events"):
            match = next((d.name for d in datasets if d.kind == kind), None)
            if match is not None:
                return match
        return datasets[0].name

    def _on_selection(self, *args: object) -> None:
        name = self.selected_dataset()
        # The overview job of the dataset shown before, if still running, is no longer wanted;
        # the new one may be kept and need no job that would replace it.
        self.runner.supersede(OVERVIEW_JOB)
        self.delete_button.setEnabled(name is not None)
        self._update_export_button()
        if name is None:
            return
        info = self.store.dataset(name)
        roles = ", ".join(f"{c} → {_label(ROLE_LABELS, r)}" for c, r in info.roles.items()) \
            or self.tr("none")
        self.details.setText(
            self.tr("%1 · %2 · %3 rows · created %4 (UTC)\n%5\nRoles: %6")
            .replace("%1", info.name).replace("%2", _label(DATASET_KIND_LABELS, info.kind))
            .replace("%3", number(info.row_count))
            .replace("%4", when(datetime.fromisoformat(info.created_at)))
            .replace("%5", translated(info.note) if info.note else info.source)
            .replace("%6", roles)
        )
        self.rows_model.set_frame(self.store.read_dataset(name, limit=PREVIEW_ROWS))
        self.rows_view.resizeColumnsToContents()
        count = self.quarantine_view.show_dataset(info.id)
        self.tabs.setTabText(self.quarantine_tab,
                             self.tr("Quarantine (%1)").replace("%1", number(count)))
        self._update_export_button()
        self.columns_model.set_frame(pd.DataFrame())
        self.plot.clear()
        kept = kept_daily_series(self.store, name)
        if kept is None:
            self._summarise(name, daily_series_job, self._show_series)
        else:
            self._show_series(kept)

    def _summarise(self, name: str, job: Callable[..., Any],
                   on_done: Callable[[Any], None]) -> None:
        self.runner.submit(
            JobSpec.of(self.tr("Summarising %1").replace("%1", name), job,
                       db_path=str(self.store.path), name=name),
            key=OVERVIEW_JOB,
            on_done=on_done,
        )

    def _show_series(self, series: DailySeries) -> None:
        if series.name != self.selected_dataset():
            return
        has_time = bool(len(series.daily))
        self.tabs.setTabEnabled(0, has_time)
        if has_time:
            measure = translated(series.measure)
            self.plot.show_series(series.daily["day"], series.daily["value"], measure)
            self.plot.setTitle(self.tr("%1: %2 per day").replace("%1", html.escape(series.name))
                               .replace("%2", html.escape(measure)))
        elif self.tabs.currentIndex() == 0:
            self.tabs.setCurrentIndex(1)
        self.series_ready.emit(series)
        kept = kept_column_summary(self.store, series.name)
        if kept is None:
            self._summarise(series.name, column_summary_job,
                            lambda columns: self._show_columns(series, columns))
        else:
            self._show_columns(series, kept)

    def _show_columns(self, series: DailySeries, columns: pd.DataFrame) -> None:
        if series.name != self.selected_dataset():
            return
        shown = columns.copy()
        shown["type"] = [_label(TYPE_LABELS, t) for t in shown["type"]]
        shown["role"] = [_label(ROLE_LABELS, r) for r in shown["role"]]
        self.columns_model.set_frame(shown, {
            "column": self.tr("Column"), "type": self.tr("Type"), "role": self.tr("Role"),
            "missing": self.tr("Missing"), "minimum": self.tr("Minimum"),
            "maximum": self.tr("Maximum"), "distinct": self.tr("Distinct")})
        self.columns_view.resizeColumnsToContents()
        self.overview_ready.emit(DatasetOverview(series.name, columns, series.daily,
                                                 series.measure))

    def _delete_selected(self) -> None:
        name = self.selected_dataset()
        if name is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete dataset"),
            literal(self.tr("Delete the dataset %1? It goes to the trash: Edit ▸ Undo or Edit ▸ "
                            "Trash… bring it back until the trash is emptied.").replace("%1",
                                                                                       name)),
        )
        if answer == QMessageBox.StandardButton.Yes:
            try:
                self.store.delete_dataset(name)
            except UserFacingError as error:
                error_box(self, self.tr("Delete dataset"), translated(user_message(error)))
                return
            self.store_changed.emit()

    def _update_export_button(self, *args: object) -> None:
        name = self.selected_dataset()
        if self.tabs.currentIndex() == self.quarantine_tab:
            self.export_button.setEnabled(name is not None and self.quarantine_view.count > 0)
            self.export_button.setToolTip(self.tr("Export the rows set aside by the imports of "
                                                  "this dataset"))
        else:
            self.export_button.setEnabled(name is not None)
            self.export_button.setToolTip(self.tr("Export every row of this dataset"))

    def open_export_dialog(self) -> ExportDialog | None:
        """The export dialog for the selected dataset, or its quarantined rows when the
        Quarantine tab is shown; None if no dataset is selected."""
        name = self.selected_dataset()
        if name is None:
            return None
        if self.tabs.currentIndex() == self.quarantine_tab:
            dialog = ExportDialog(self.store, self.runner, "quarantine", self, dataset=name,
                                  what=self.tr("dataset %1").replace("%1", name))
        else:
            dialog = ExportDialog(self.store, self.runner, "dataset", self, dataset=name,
                                  what=name)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.export_dialog = dialog
        return dialog

    def open_import_dialog(self, path: str | Path | None = None) -> ImportDialog | None:
        """Show the import dialog for ``path`` (asking for a file if None); None if cancelled."""
        if path is None:
            path = choose_file(self)
            if path is None:
                return None
        dialog = ImportDialog(self.store, self.runner, path, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(self._on_imported)
        dialog.show()
        self.import_dialog = dialog
        return dialog

    def _on_imported(self, summary: dict) -> None:
        self.store_changed.emit()
        self.select_dataset(summary["dataset"])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.open_import_dialog(files[0])
