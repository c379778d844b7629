"""The Forecast panel: cash-demand forecasts per ATM with intervals, cash-out days, refill plan.

The analyst picks a withdrawals dataset, a model (or auto), a horizon and a service level and
runs the forecast as a background job; the result is recorded as a run. The panel then lists
every ATM with its days to cash-out, plots the chosen ATM's history, forecast and interval
bands (and, on request, the backtest forecasts), and shows the models' backtest scores and the
replenishment plan, and the Cash plan tab (:mod:`iotfin_gui.ui.cashplan`: routes, re-plan,
policy backtest; its ATM list follows the dataset as soon as it is chosen). Export writes the
run, or on a plan tab the plan on screen. When the chosen dataset already has forecast runs,
the newest is reopened from the store (without forecasting again) as soon as the panel is shown.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from iotfin_gui.core import source_choice
from iotfin_gui.core.forecast import MODEL_NAMES, metric_label, model_label
from iotfin_gui.core.forecast.calendar import holidays_for
from iotfin_gui.core.forecast.outlook import (
    CashOutlook,
    cash_outlook_job,
    latest_forecast_run,
    stored_outlook_job,
)
from iotfin_gui.core.formatting import currency_sign
from iotfin_gui.core.jobs import JobSpec
from iotfin_gui.core.options import HORIZON, SERVICE_LEVEL
from iotfin_gui.ui.cashplan import CashPlanPage
from iotfin_gui.ui.cashplan.plan_view import MONEY_COLUMNS as PLAN_MONEY_COLUMNS
from iotfin_gui.ui.cashplan.plan_view import plan_headers, visits_on_screen
from iotfin_gui.ui.dialogs import error_box
from iotfin_gui.ui.export_dialog import ExportDialog
from iotfin_gui.ui.i18n import number, translated, when
from iotfin_gui.ui.panels.base import EmptyState, Panel
from iotfin_gui.ui.plots import TimeSeriesPlot, epoch_seconds, outside_legend
from iotfin_gui.ui.source_bar import SourceNotice
from iotfin_gui.ui.table_model import DataFrameModel, table_view

if TYPE_CHECKING:
    from iotfin_gui.core.store import Store
    from iotfin_gui.ui.jobs import JobRunner

BAND_COLORS = {80: (31, 119, 180, 90), 95: (31, 119, 180, 45)}
PLAN_TAB = 2
#: The job key of both running and reopening a forecast: a run supersedes a pending reopen.
JOB_KEY = "forecast.run"
#: The tables' columns of amounts, shown with the data's currency.
MONEY_COLUMNS = {"atm": ("cash",), "plan": PLAN_MONEY_COLUMNS}


def widget_png(widget: QWidget) -> bytes:
    """The widget as it looks now, as PNG bytes (for report bundles)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    widget.grab().save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def _score(value: float | None, decimals: int) -> str:
    """A backtest score in the user's locale; "–" when it is unknown."""
    return "–" if value is None or value != value else number(value, decimals)


class ForecastPlot(TimeSeriesPlot):
    """History, forecast with interval bands and optional backtest forecasts of one ATM."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.legend = outside_legend(self)

    def show_atm(self, outlook: CashOutlook, series_id: str, with_backtest: bool,
                 currency: str | None = None) -> None:
        """Plot ``series_id``; its amounts' axis names ``currency`` when the data named one."""
        self.clear()
        self.legend.clear()
        history = outlook.history[outlook.history["series_id"] == series_id]
        future = outlook.result.forecast[outlook.result.forecast["series_id"] == series_id]
        x = epoch_seconds(future["date"])
        edge = pg.mkPen((31, 119, 180, 120), width=0.5)
        for level in sorted(outlook.result.levels, reverse=True):
            lower = self.plot(x, future[f"lo_{level}"].to_numpy(float), pen=edge)
            upper = self.plot(x, future[f"hi_{level}"].to_numpy(float), pen=edge)
            brush = pg.mkBrush(BAND_COLORS.get(level, (31, 119, 180, 60)))
            self.addItem(pg.FillBetweenItem(lower, upper, brush=brush))
            # A legend entry must not be the FillBetweenItem itself: pyqtgraph's legend sample
            # crashes painting one, so a filled, empty curve stands in for it.
            proxy = pg.PlotDataItem([], [], pen=None, fillLevel=0, fillBrush=brush)
            self.legend.addItem(proxy, self.tr("%1% interval").replace("%1", str(level)))
        self.plot(epoch_seconds(history["date"]), history["value"].to_numpy(float),
                  pen=pg.mkPen("#444444", width=1.2), name=self.tr("history"))
        self.plot(x, future["forecast"].to_numpy(float), pen=pg.mkPen("#1f77b4", width=2),
                  name=self.tr("forecast (%1)").replace(
                      "%1", translated(model_label(outlook.result.model))))
        if with_backtest:
            backtest = outlook.result.backtest
            mine = backtest[(backtest["series_id"] == series_id)
                            & (backtest["model"] == outlook.result.model)]
            dashed = pg.mkPen("#d62728", width=1, style=Qt.PenStyle.DashLine)
            for _origin, part in mine.groupby("origin"):
                self.plot(epoch_seconds(part["date"]), part["forecast"].to_numpy(float),
                          pen=dashed)
        self.setTitle(series_id)
        self.setLabel("left", self.tr("Withdrawals (%1)").replace("%1", currency_sign(currency))
                      if currency else "")
        self.enableAutoRange()


class ForecastPanel(Panel):
    """Runs cash outlooks and shows them per ATM."""

    outlook_ready = Signal(object)

    def __init__(self, store: Store, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(store, runner, parent)
        self.outlook: CashOutlook | None = None
        #: The currency of the outlook's amounts, as its data named it (``None``: unknown).
        self.currency: str | None = None
        self._pending_atm: str | None = None
        self.forecasting = False
        self.reopening: int | None = None
        self.dataset_box = QComboBox(self)
        self.dataset_box.setToolTip(self.tr("The withdrawals dataset to forecast; your choice "
                                            "is saved and a new import never replaces it"))
        self.dataset_box.currentTextChanged.connect(self.choose_dataset)
        self.source_notice = SourceNotice(self)
        self.source_notice.accepted.connect(self.use_new_dataset)
        self.source_notice.dismissed.connect(self.keep_dataset)
        self.model_box = QComboBox(self)
        self.model_box.addItem(self.tr("auto (best backtest)"), "auto")
        for name in MODEL_NAMES:
            self.model_box.addItem(translated(model_label(name)), name)
        self.horizon_box = QSpinBox(self)
        self.horizon_box.setRange(*HORIZON.bounds)
        self.horizon_box.setValue(28)
        self.horizon_box.setSuffix(self.tr(" days"))
        self.holidays_box = QComboBox(self)
        for name, code in ((self.tr("Automatic (where the ATMs are)"), "auto"),
                           (self.tr("China"), "CN"), (self.tr("England"), "GB-ENG"),
                           (self.tr("none"), "")):
            self.holidays_box.addItem(name, code)
        self.holidays_box.setToolTip(self.tr(
            "Automatic: the calendar of the country where the registry's ATMs stand, else of "
            "your language and region; the forecast warns when demand dips on days the "
            "calendar does not know"))
        self.service_box = QDoubleSpinBox(self)
        self.service_box.setRange(*SERVICE_LEVEL.bounds)
        self.service_box.setSingleStep(0.01)
        self.service_box.setValue(0.95)
        self.run_button = QPushButton(self.tr("Run forecast"), self)
        self.run_button.clicked.connect(self.run_forecast)

        controls = QGridLayout()
        pairs = ((self.tr("Dataset"), self.dataset_box), (self.tr("Model"), self.model_box),
                 (self.tr("Horizon"), self.horizon_box), (self.tr("Holidays"), self.holidays_box),
                 (self.tr("Service level"), self.service_box))
        for index, (label, widget) in enumerate(pairs):
            row, column = divmod(index, 2)
            controls.addWidget(QLabel(label, self), row, 2 * column)
            controls.addWidget(widget, row, 2 * column + 1)
        controls.addWidget(self.run_button, 2, 3)
        controls.setColumnStretch(4, 1)
        for box in (self.dataset_box, self.model_box):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(14)

        self.atm_model = DataFrameModel(parent=self)
        self.scores_model = DataFrameModel(parent=self)
        self.plan_model = DataFrameModel(parent=self)
        self.atm_view = table_view(self.atm_model, self, single_row=True)
        self.atm_view.selectionModel().selectionChanged.connect(self._show_selected_atm)
        self.plot = ForecastPlot(self)
        self.backtest_box = QCheckBox(self.tr("Show backtest forecasts"), self)
        self.backtest_box.toggled.connect(self._show_selected_atm)
        plot_page = QWidget(self)
        plot_layout = QVBoxLayout(plot_page)
        plot_layout.setContentsMargins(0, 0, 0, 0)
        plot_layout.addWidget(self.plot, 1)
        plot_layout.addWidget(self.backtest_box)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(plot_page, self.tr("Forecast"))
        self.scores_view = table_view(self.scores_model, self)
        self.plan_table = table_view(self.plan_model, self)
        self.tabs.addTab(self.scores_view, self.tr("Backtest scores"))
        self.tabs.addTab(self.plan_table, self.tr("Replenishment plan"))
        self.cash_plan = CashPlanPage(self.store, self.runner, self)
        #: The Cash plan tab: the page in a scroll area, taller than a 1366x768 screen allows.
        self.cash_plan_tab = QScrollArea(self)
        self.cash_plan_tab.setWidgetResizable(True)
        self.cash_plan_tab.setFrameShape(QScrollArea.Shape.NoFrame)
        self.cash_plan_tab.setWidget(self.cash_plan)
        self.tabs.addTab(self.cash_plan_tab, self.tr("Cash plan"))
        self.export_button = QPushButton(self.tr("Export CSV…"), self)
        self.export_button.clicked.connect(lambda: self.open_export_dialog())
        self.tabs.setCornerWidget(self.export_button)
        self.tabs.currentChanged.connect(self._update_export_button)
        self.cash_plan.plan.planned.connect(self._update_export_button)
        self.cash_plan.plan.planned.connect(self._plan_shown)
        self.export_dialog: ExportDialog | None = None
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.atm_view)
        splitter.addWidget(self.tabs)
        splitter.setSizes([420, 860])
        results = QWidget(self)
        results_layout = QVBoxLayout(results)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addWidget(self.summary)
        results_layout.addWidget(splitter, 1)

        self.intro = self.tr(
            "<h2>Cash-demand forecast</h2><p>Choose a withdrawals dataset and run a forecast: "
            "every model is backtested on past data, the best one forecasts each ATM with 80% "
            "and 95% intervals, and you get the days to cash-out and a refill plan.</p>")
        self.empty_state = EmptyState(self.intro, self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.empty_state)
        self.pages.addWidget(results)
        layout = QVBoxLayout(self)
        layout.addWidget(self.source_notice)
        layout.addLayout(controls)
        layout.addWidget(self.pages, 1)
        self._update_export_button()

    def title(self) -> str:
        return self.tr("Forecast")

    def refresh(self) -> None:
        """List the datasets to forecast, select the saved (pinned) one, offer new imports."""
        current, notes = source_choice.pin_forecast_dataset(self.store)
        usable = source_choice.forecast_candidates(self.store)
        candidates = [d.name for d in sorted(usable, key=lambda d: d.kind != "withdrawals")]
        self.dataset_box.blockSignals(True)
        self.dataset_box.clear()
        self.dataset_box.addItems(candidates)
        if current in candidates:
            self.dataset_box.setCurrentText(current)
        self.dataset_box.blockSignals(False)
        self.cash_plan.set_dataset(self.dataset_box.currentText() or None)
        self.source_notice.show_offers(source_choice.forecast_offers(self.store),
                                       [translated(note) for note in notes])
        self.run_button.setEnabled(bool(candidates) and not self.forecasting)
        self.show_latest_run()

    def choose_dataset(self, name: str) -> None:
        """The analyst picked ``name``: save the choice, offer its ATMs to the cash plan's
        routes and show its latest run."""
        if name:
            source_choice.choose_forecast_dataset(self.store, name)
            self.source_notice.show_offers(source_choice.forecast_offers(self.store))
        self.cash_plan.set_dataset(name or None)
        self.show_latest_run()

    def use_new_dataset(self) -> None:
        offers = self.source_notice.offers
        if offers:
            self.dataset_box.setCurrentText(offers[-1].dataset)
        self.keep_dataset()

    def keep_dataset(self) -> None:
        source_choice.dismiss_forecast_offers(self.store)
        self.source_notice.show_offers([])

    def show_latest_run(self, *args: object) -> None:
        """Reopen the chosen dataset's newest forecast run from the store in the background,
        unless it is on screen (or on its way); without one, show the empty state."""
        if self.forecasting:
            return
        dataset = self.dataset_box.currentText()
        latest = latest_forecast_run(self.store, dataset) if dataset else None
        if latest is None:
            self.reopening = None
            self._show_empty(self.intro)
            return
        if latest == self.reopening or (self.outlook is not None
                                        and self.outlook.run_id == latest):
            return
        self.reopening = latest
        self.runner.submit(
            JobSpec.of(self.tr("Opening forecast run #%1").replace("%1", str(latest)),
                       stored_outlook_job, db_path=str(self.store.path), run_id=latest),
            key=JOB_KEY,
            on_done=self._reopened,
            on_error=self._reopen_failed,
            on_cancel=self._reopen_failed,
        )

    def _reopened(self, outlook: CashOutlook) -> None:
        self.reopening = None
        if outlook.dataset == self.dataset_box.currentText():
            self.show_outlook(outlook)

    def _reopen_failed(self, message: str = "", details: str = "") -> None:
        self.reopening = None
        self._show_empty(self.intro + (f"<p>{escape(message)}</p>" if message else ""))

    def _show_empty(self, text: str) -> None:
        self.outlook = None
        self.empty_state.setText(text)
        self.pages.setCurrentIndex(0)
        self._update_export_button()

    def run_forecast(self) -> None:
        dataset = self.dataset_box.currentText()
        if not dataset:
            return
        self.forecasting, self.reopening = True, None
        self.run_button.setEnabled(False)
        self.runner.submit(
            JobSpec.of(self.tr("Forecasting %1").replace("%1", dataset), cash_outlook_job,
                       db_path=str(self.store.path), dataset=dataset,
                       horizon=self.horizon_box.value(), model=self.model_box.currentData(),
                       holidays_country=holidays_for(self.holidays_box.currentData(),
                                                     self.store.devices(), QLocale().name()),
                       service_level=round(self.service_box.value(), 2)),
            key=JOB_KEY,
            on_done=self.show_outlook,
            on_error=self._job_ended,
            on_cancel=self._job_ended,
        )

    def _job_ended(self, message: str = "", details: str = "") -> None:
        self.forecasting = False
        self.run_button.setEnabled(True)
        if message:
            error_box(self, self.tr("The forecast failed"), message, details)

    def _currency(self, dataset: str) -> str | None:
        """The currency the withdrawals dataset's amounts named (``None``: unknown or gone)."""
        if not self.store.has_dataset(dataset):
            return None
        info = self.store.dataset(dataset)
        return info.currency_of(info.column_for("amount"))

    def show_outlook(self, outlook: CashOutlook) -> None:
        self.forecasting = False
        self.run_button.setEnabled(True)
        self.outlook = outlook
        self._show_summary(outlook, outlook.notes)
        self.currency = self._currency(outlook.dataset)
        self.atm_model.set_currency(MONEY_COLUMNS["atm"], self.currency)
        self.plan_model.set_currency(MONEY_COLUMNS["plan"], self.currency)
        self.atm_model.set_frame(outlook.atm_table(), {
            "series_id": self.tr("ATM"), "cash": self.tr("Cash now"),
            "days_median": self.tr("Days to cash-out"),
            "days_early": self.tr("Early (service level)"), "next_refill": self.tr("Next refill"),
            "read_at": self.tr("Cash read at"), "stale": self.tr("Stale reading")})
        self.atm_view.resizeColumnsToContents()
        scores = outlook.result.overall.reset_index().rename(columns={"index": "model"})
        scores["model"] = scores["model"].map(lambda name: translated(model_label(name)))
        self.scores_model.set_frame(scores.round(4), {
            "model": self.tr("Model"),
            **{str(c): translated(metric_label(str(c))) for c in scores.columns[1:]}})
        self.plan_model.set_frame(visits_on_screen(outlook.plan), plan_headers())
        for view in (self.scores_view, self.plan_table):  # model names and ids are long
            view.resizeColumnsToContents()
        self.backtest_box.setEnabled(not outlook.reopened)
        if outlook.reopened:
            self.backtest_box.setChecked(False)
        self.backtest_box.setToolTip(self.tr(
            "The backtest forecasts are not stored with a run; run the forecast again to see "
            "them.") if outlook.reopened else "")
        self.cash_plan.set_outlook(outlook)
        self.pages.setCurrentIndex(1)
        self._update_export_button()
        self.atm_view.sortByColumn(2, Qt.SortOrder.AscendingOrder)
        self.atm_view.selectRow(0)
        self._select_pending_atm()
        self.outlook_ready.emit(outlook)

    def _show_summary(self, outlook: CashOutlook, notes: list[str]) -> None:
        """The run's model, scores and ``notes`` (core messages) above the tabs."""
        metrics = outlook.result.chosen_metrics()
        notes_text = "<br>".join(translated(note) for note in notes)
        origin = ""
        if outlook.reopened:
            made = pd.Timestamp(outlook.made_at).tz_localize(None).floor("min")
            origin = self.tr("Forecast run #%1 of %2, reopened from the store.").replace(
                "%1", str(outlook.run_id)).replace("%2", when(made)) + "<br>"
        self.summary.setText(origin + self.tr(
            "<b>%1</b>: model <b>%2</b>, horizon %3 days, run #%4. Backtest sMAPE %5%, "
            "MASE %6, 95% interval coverage %7.").replace("%1", escape(outlook.dataset))
            .replace("%2", translated(model_label(outlook.result.model)))
            .replace("%3", number(outlook.result.horizon)).replace("%4", str(outlook.run_id))
            .replace("%5", _score(metrics.get("smape"), 1))
            .replace("%6", _score(metrics.get("mase"), 3))
            .replace("%7", _score(metrics.get("coverage_95"), 2))
            + (f"<br>{notes_text}" if notes_text else ""))

    def _plan_shown(self) -> None:
        """A plan made on the Cash plan tab for the run on screen (its routes now give every
        ATM a capacity, say) answers the notes of a fresh run, which only say why its plan
        could not be made: they leave the summary. A reopened run's notes stay."""
        outcome = self.cash_plan.plan.outcome
        if self.outlook is not None and not self.outlook.reopened and outcome is not None \
                and outcome.run_id == self.outlook.run_id and self.outlook.notes:
            self._show_summary(self.outlook, [])

    def focus_atm(self, series_id: str) -> None:
        """Select ``series_id`` in the ATM list, now or once the forecast is shown."""
        self._pending_atm = series_id
        self._select_pending_atm()

    def _select_pending_atm(self) -> None:
        if self._pending_atm is None or self.outlook is None:
            return
        ids = self.atm_model.frame["series_id"].astype(str).tolist()
        if self._pending_atm in ids:
            row = ids.index(self._pending_atm)
            self.atm_view.selectRow(row)
            self.atm_view.scrollTo(self.atm_model.index(row, 0))
        self._pending_atm = None

    def selected_atm(self) -> str | None:
        rows = self.atm_view.selectionModel().selectedRows()
        if not rows:
            return None
        return str(self.atm_model.frame.iloc[rows[0].row()]["series_id"])

    def _show_selected_atm(self, *args: object) -> None:
        atm = self.selected_atm()
        if self.outlook is not None and atm is not None:
            self.plot.show_atm(self.outlook, atm, self.backtest_box.isChecked(),
                               self.currency)

    def _on_plan(self) -> bool:
        """Whether a tab with the plan is on screen (Replenishment plan or Cash plan)."""
        return self.tabs.currentWidget() in (self.tabs.widget(PLAN_TAB), self.cash_plan_tab)

    def shown_plan(self) -> pd.DataFrame:
        """The plan Export writes: the Cash plan tab's visits once re-planned there, else the
        plan made when the run was opened (the Replenishment plan tab's)."""
        replanned = self.cash_plan.plan.outcome
        if self.tabs.currentWidget() is self.cash_plan_tab and replanned is not None and \
                self.outlook is not None and replanned.run_id == self.outlook.run_id:
            return replanned.plan
        return pd.DataFrame() if self.outlook is None else self.outlook.plan

    def _update_export_button(self, *args: object) -> None:
        on_plan = self._on_plan()
        self.export_button.setEnabled(self.outlook is not None and (
            not on_plan or not self.shown_plan().empty))
        self.export_button.setToolTip(
            self.tr("Export the replenishment plan on screen") if on_plan else
            self.tr("Export this forecast run (every ATM and day with its intervals)"))

    def open_export_dialog(self) -> ExportDialog | None:
        """The export dialog for the plan on screen (Replenishment plan or Cash plan tab) or
        the run."""
        if self.outlook is None:
            return None
        run_id = self.outlook.run_id
        if self._on_plan():
            dialog = ExportDialog(self.store, self.runner, "replenishment_plan", self,
                                  frame=self.shown_plan(), run_id=run_id,
                                  what=self.tr("run #%1, as shown").replace("%1", str(run_id)))
        else:
            dialog = ExportDialog(self.store, self.runner, "forecast", self, run_id=run_id,
                                  what=self.tr("run #%1").replace("%1", str(run_id)))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.export_dialog = dialog
        return dialog

    def plot_images(self, run_id: int, *, render: bool = True) -> dict[str, bytes]:
        """The forecast plot as PNG if it shows run ``run_id`` (for the run's report);
        with ``render=False`` the name only, mapped to empty bytes."""
        atm = self.selected_atm()
        if self.outlook is None or self.outlook.run_id != run_id or atm is None:
            return {}
        name = f"forecast_{atm}"
        return {name: widget_png(self.plot) if render else b""}
