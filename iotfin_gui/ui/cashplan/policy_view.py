"""The policy backtest: the plan against the fixed rule on the forecast's backtest windows."""

from __future__ import annotations

import pandas as pd
import pyqtgraph as pg
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from iotfin_gui.core.cashplan.backtest import POLICIES
from iotfin_gui.core.cashplan.jobs import PolicyOutcome, policy_backtest_job
from iotfin_gui.core.forecast.outlook import CashOutlook
from iotfin_gui.core.formatting import currency_sign
from iotfin_gui.core.jobs import JobSpec
from iotfin_gui.core.store import Store
from iotfin_gui.ui.dialogs import error_box
from iotfin_gui.ui.i18n import translated
from iotfin_gui.ui.jobs import JobRunner
from iotfin_gui.ui.plots import TimeSeriesPlot, epoch_seconds, outside_legend
from iotfin_gui.ui.table_model import DataFrameModel, table_view

JOB_KEY = "cashplan.policy"
COLORS = {"fixed": "#8c8c8c", "plan": "#1f77b4"}
#: The backtest table's columns of amounts, shown with the data's currency.
MONEY_COLUMNS = ("mean_idle_cash", "visit_cost", "idle_cost", "penalty_cost", "total_cost")


class PolicyView(QWidget):
    """Replays the last weeks with daily re-plans and with the fixed rule: a table of service,
    stock-outs, visits, idle cash and costs, and the fleet's cash per day."""

    def __init__(self, store: Store, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.runner = store, runner
        self.outlook: CashOutlook | None = None
        self.outcome: PolicyOutcome | None = None
        self.model = DataFrameModel(parent=self)
        self.table = table_view(self.model, self)
        self.run_button = QPushButton(self.tr("Backtest the plan"), self)
        self.run_button.setToolTip(self.tr(
            "Replays the forecast's backtest weeks day by day from full cassettes, re-planning "
            "every morning, next to the fixed rule (Monday to Friday, refill to capacity when "
            "cash is below the 90% quantile of demand until the next visit)"))
        self.run_button.clicked.connect(self.run_backtest)
        self.run_button.setEnabled(False)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.plot = TimeSeriesPlot(self, self.tr("Fleet cash"))
        self.legend = outside_legend(self.plot, columns=2)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("<b>Policy backtest</b>"), self))
        top.addStretch(1)
        top.addWidget(self.run_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.table)
        layout.addWidget(self.plot, 1)
        self.table.setMaximumHeight(110)
        self.plot.setMinimumHeight(200)

    def set_currency(self, currency: str | None) -> None:
        """Show the table's amounts and the plot's cash axis in ``currency`` (``None``:
        without a sign)."""
        self.model.set_currency(MONEY_COLUMNS, currency)
        label = self.tr("Fleet cash")
        self.plot.setLabel("left", self.tr("%1 (%2)").replace("%1", label).replace(
            "%2", currency_sign(currency)) if currency else label)

    def set_outlook(self, outlook: CashOutlook | None) -> None:
        self.outlook = outlook
        usable = outlook is not None and not outlook.reopened
        self.run_button.setEnabled(usable)
        self.note.setText("" if usable or outlook is None else self.tr(
            "The backtest forecasts are not stored with a run; run the forecast again to "
            "backtest the plan."))

    def run_backtest(self) -> None:
        if self.outlook is None:
            return
        self.run_button.setEnabled(False)
        self.runner.submit(
            JobSpec.of(self.tr("Backtesting the cash plan"), policy_backtest_job,
                       db_path=str(self.store.path), dataset=self.outlook.dataset,
                       result=self.outlook.result, service_level=self.outlook.service_level),
            key=JOB_KEY, on_done=self.show_outcome, on_error=self._failed,
            on_cancel=self._failed)

    def _failed(self, message: str = "", details: str = "") -> None:
        self.run_button.setEnabled(self.outlook is not None and not self.outlook.reopened)
        if message:
            error_box(self, self.tr("The policy backtest failed"), message, details)

    def show_outcome(self, outcome: PolicyOutcome) -> None:
        self.outcome = outcome
        self.run_button.setEnabled(True)
        table = outcome.table.copy()
        table["policy"] = table["policy"].map(lambda p: translated(POLICIES[p]))
        table["service"] = (100 * table["service"]).round(1)
        table["target"] = (100 * table["target"]).round(0)
        self.model.set_frame(table.round(3), {
            "policy": self.tr("Policy"), "target": self.tr("Target (%)"),
            "level": self.tr("Internal level"), "headroom": self.tr("Headroom"),
            "service": self.tr("Realised service (%)"), "stockout_days": self.tr("Stock-out days"),
            "stockout_cycles": self.tr("Cycles run dry"), "visits": self.tr("Visits"),
            "surcharged_visits": self.tr("Weekend/holiday visits"),
            "mean_idle_cash": self.tr("Mean idle cash"), "visit_cost": self.tr("Visit cost"),
            "idle_cost": self.tr("Idle cost"), "penalty_cost": self.tr("Penalty"),
            "total_cost": self.tr("Total cost")})
        self.table.resizeColumnsToContents()
        self.plot.clear()
        self.legend.clear()
        times = epoch_seconds(pd.Series(outcome.days))
        for policy in ("fixed", "plan"):
            self.plot.plot(times, outcome.cash[policy], pen=pg.mkPen(COLORS[policy], width=1.5),
                           name=translated(POLICIES[policy]))
        self.plot.enableAutoRange()
        self.note.setText(self.tr(
            "Realised service = share of the cycles between visits without a stock-out. The "
            "plan's settings were calibrated on these weeks and are used by later re-plans."))
