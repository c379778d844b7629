"""The Today panel, the window's landing page: which ATMs need attention, the latest runs and how
fresh each dataset is (:class:`iotfin_gui.core.today.TodayOverview`, read in a job).

One click on an ATM opens it in the Fleet panel (double-click, or the button) or in the
Forecast panel; the panel only asks, the main window switches.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

import pandas as pd
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from iotfin_gui.core.jobs import JobSpec
from iotfin_gui.core.store import DATASET_KIND_LABELS
from iotfin_gui.core.today import CASHOUT_SOON_DAYS, TodayOverview, today_overview_job
from iotfin_gui.ui.fleet_plots import STATUS_ORDER
from iotfin_gui.ui.i18n import number, translated, when
from iotfin_gui.ui.panels.base import EmptyState, Panel
from iotfin_gui.ui.panels.fleet import MONEY_COLUMNS, FleetTableModel, StatusTile
from iotfin_gui.ui.table_model import DataFrameModel, table_view

if TYPE_CHECKING:
    from iotfin_gui.core.store import Store
    from iotfin_gui.ui.jobs import JobRunner

Index = QModelIndex | QPersistentModelIndex
STALE_COLOR = "#b35c00"


class FreshnessModel(DataFrameModel):
    """Datasets with their newest time; stale ones in orange with the reason on hover."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        stale = bool(self.frame.iloc[index.row()].get("stale", False))
        if role == Qt.ItemDataRole.ForegroundRole and stale:
            return QColor(STALE_COLOR)
        if role == Qt.ItemDataRole.ToolTipRole and stale:
            return self.tr("No new rows for more than two days")
        column = self.frame.columns[index.column()]
        value = self.frame.iat[index.row(), index.column()]
        if role == Qt.ItemDataRole.DisplayRole and column == "stale":
            return self.tr("stale") if value else self.tr("fresh")
        if role == Qt.ItemDataRole.DisplayRole and column == "age_days":
            return "" if pd.isna(value) else self.tr("%n day(s)", "", round(value))
        return super().data(index, role)


class TodayPanel(Panel):
    """What needs doing today, with one click to the ATM in Fleet or Forecast."""

    #: (panel key "fleet" or "forecast", device id): the analyst wants to see that ATM there.
    open_atm = Signal(str, str)
    #: The overview was read and shown.
    overview_ready = Signal(object)

    def __init__(self, store: Store, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(store, runner, parent)
        self.overview: TodayOverview | None = None
        self.headline = QLabel(self)
        self.headline.setObjectName("today_headline")
        self.headline.setWordWrap(True)
        self.headline.setTextFormat(Qt.TextFormat.RichText)
        self.tiles = {status: StatusTile(status, self) for status in STATUS_ORDER}
        tiles = QHBoxLayout()
        for tile in self.tiles.values():
            tiles.addWidget(tile, 1)

        self.attention_model = FleetTableModel(parent=self)
        attention = QGroupBox(self.tr("ATMs needing attention"), self)
        self.attention_view = self._table_in(attention, self.attention_model, single_row=True)
        self.attention_view.doubleClicked.connect(lambda _: self._open("fleet"))
        self.attention_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.fleet_button = QPushButton(self.tr("Open in Fleet"), self)
        self.fleet_button.setToolTip(self.tr("Show the selected ATM's status, cash and telemetry "
                                             "(or double-click it)"))
        self.fleet_button.clicked.connect(lambda: self._open("fleet"))
        self.forecast_button = QPushButton(self.tr("Open in Forecast"), self)
        self.forecast_button.setToolTip(self.tr("Show the selected ATM's cash-demand forecast"))
        self.forecast_button.clicked.connect(lambda: self._open("forecast"))
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.clicked.connect(self.refresh)
        buttons = QHBoxLayout()
        buttons.addWidget(self.fleet_button)
        buttons.addWidget(self.forecast_button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        attention.layout().addLayout(buttons)

        self.runs_model = DataFrameModel(parent=self)
        runs = QGroupBox(self.tr("Latest runs and imports"), self)
        self.runs_view = self._table_in(runs, self.runs_model)
        self.freshness_model = FreshnessModel(parent=self)
        freshness = QGroupBox(self.tr("Data freshness"), self)
        self.freshness_view = self._table_in(freshness, self.freshness_model)
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(runs)
        right.addWidget(freshness)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(attention)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        content = QWidget(self)
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(self.headline)
        content_layout.addLayout(tiles)
        content_layout.addWidget(split, 1)
        self.empty_state = EmptyState(self._empty_text(self.tr("Reading today's overview…")),
                                      self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.empty_state)
        self.pages.addWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self._update_buttons()

    def title(self) -> str:
        return self.tr("Today")

    @staticmethod
    def _table_in(box: QGroupBox, model: DataFrameModel, *, single_row: bool = False
                  ) -> QTableView:
        """A compact table of ``model`` filling ``box``."""
        view = table_view(model, box, single_row=single_row)
        view.verticalHeader().hide()
        view.horizontalHeader().setStretchLastSection(True)
        QVBoxLayout(box).addWidget(view, 1)
        return view

    def _empty_text(self, message: str) -> str:
        return self.tr("<h2>Today</h2><p>%1</p><p>Here you will see the ATMs that need "
                       "attention, the latest runs and how fresh each dataset is.</p>"
                       ).replace("%1", escape(message))

    def refresh(self) -> None:
        self.runner.submit(
            JobSpec.of(self.tr("Reading today's overview"), today_overview_job,
                       db_path=str(self.store.path)),
            key="today.overview", on_done=self.show_overview, on_error=self._failed)

    def _failed(self, message: str, details: str = "") -> None:
        self.empty_state.setText(self._empty_text(message))
        self.pages.setCurrentIndex(0)

    def show_overview(self, overview: TodayOverview) -> None:
        self.overview = overview
        self.headline.setText(self._headline(overview))
        for status, tile in self.tiles.items():
            tile.set_count(overview.counts.get(status, 0), overview.total)
        attention = overview.attention.assign(
            reasons=overview.attention["reasons"].astype(object))
        self.attention_model.set_currency(MONEY_COLUMNS, overview.currency)
        self.attention_model.set_frame(attention, {
            "device_id": self.tr("ATM"), "name": self.tr("Name"), "city": self.tr("City"),
            "status": self.tr("Status"), "since": self.tr("Since (UTC)"),
            "cash_level": self.tr("Cash"), "cash_pct": self.tr("Cash %"),
            "days_to_cashout": self.tr("Days to cash-out"), "reasons": self.tr("Reasons")})
        runs = overview.runs.assign(kind=overview.runs["kind"].map(self._kind_label),
                                    title=overview.runs["title"].map(translated))
        self.runs_model.set_frame(runs, {
            "kind": self.tr("What"), "id": self.tr("#"), "title": self.tr("Title"),
            "dataset": self.tr("Dataset"), "finished": self.tr("Finished (UTC)")})
        freshness = overview.freshness.drop(columns=["is_demo"])
        freshness["kind"] = freshness["kind"].map(
            lambda kind: translated(DATASET_KIND_LABELS.get(kind, kind)))
        self.freshness_model.set_frame(freshness, {
            "dataset": self.tr("Dataset"), "kind": self.tr("Kind"), "rows": self.tr("Rows"),
            "newest": self.tr("Newest row (UTC)"), "age_days": self.tr("Age"),
            "stale": self.tr("State")})
        for view in (self.attention_view, self.runs_view, self.freshness_view):
            view.resizeColumnsToContents()
        if len(self.attention_model.frame):
            self.attention_view.selectRow(0)
        self.pages.setCurrentIndex(1)
        self._update_buttons()
        self.overview_ready.emit(overview)

    def _headline(self, overview: TodayOverview) -> str:
        if overview.as_of is None:
            return self.tr("<b>No fleet status</b>: %1").replace(
                "%1", escape(translated(overview.fleet_problem or "")))
        flagged = len(overview.attention)
        origin = (self.tr(" (the demo's simulated now)")
                  if overview.as_of_source == "demo.as_of" else "")
        sources = ", ".join(escape(name) for name in overview.fleet_sources.values())
        text = self.tr("<b>%1 of %2 ATMs need attention</b> as of %3 UTC%4 (problems, or cash "
                       "for less than %5 days). Fleet data: %6.").replace(
            "%1", number(flagged)).replace("%2", number(overview.total)).replace(
            "%3", when(overview.as_of)).replace("%4", origin).replace(
            "%5", number(CASHOUT_SOON_DAYS)).replace("%6", sources)
        notes = [escape(translated(note)) for note in overview.notes]
        return text + ("<br><small>" + " ".join(notes) + "</small>" if notes else "")

    def _kind_label(self, kind: str) -> str:
        labels = {"train": self.tr("training"), "forecast": self.tr("forecast"),
                  "preprocess": self.tr("preprocessing"), "predict": self.tr("prediction"),
                  "import": self.tr("import")}
        return labels.get(kind, kind)

    def selected_atm(self) -> str | None:
        rows = self.attention_view.selectionModel().selectedRows()
        if not rows:
            return None
        return str(self.attention_model.frame.iloc[rows[0].row()]["device_id"])

    def _update_buttons(self, *args: object) -> None:
        chosen = self.selected_atm() is not None
        self.fleet_button.setEnabled(chosen)
        self.forecast_button.setEnabled(chosen)

    def _open(self, panel: str) -> None:
        atm = self.selected_atm()
        if atm is not None:
            self.open_atm.emit(panel, atm)
