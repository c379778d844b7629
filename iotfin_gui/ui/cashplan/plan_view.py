"""The visits of the shown forecast run: those its outlook planned, shown as soon as the run is,
and Re-plan from today's cash, without forecasting again."""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from iotfin_gui.core.cashplan.jobs import PlanOutcome, replan_job
from iotfin_gui.core.cashplan.replan import PLAN_COLUMNS
from iotfin_gui.core.jobs import JobSpec
from iotfin_gui.core.store import Store
from iotfin_gui.ui.dialogs import error_box
from iotfin_gui.ui.i18n import number, translated
from iotfin_gui.ui.jobs import JobRunner
from iotfin_gui.ui.table_model import DataFrameModel, table_view

JOB_KEY = "cashplan.replan"
#: The plan's columns of amounts, shown with the data's currency.
MONEY_COLUMNS = ("fill_to", "expected_cash_before", "expected_load", "visit_cost")


def plan_headers() -> dict[str, str]:
    """The plan's column headers, translated (the Forecast panel shows the same plan). Each
    is a literal ``QCoreApplication.translate`` call: lupdate files a wrapper's texts under no
    context, where the "PlanView" look-up never finds them."""
    translate = QCoreApplication.translate
    return {
        "series_id": translate("PlanView", "ATM"), "route": translate("PlanView", "Route"),
        "order_by": translate("PlanView", "Order by"), "date": translate("PlanView", "Visit"),
        "fill_to": translate("PlanView", "Fill to"),
        "expected_cash_before": translate("PlanView", "Cash before"),
        "expected_load": translate("PlanView", "Expected load"),
        "visit_cost": translate("PlanView", "Visit cost"),
        "covers_until": translate("PlanView", "Covers until"),
        "service": translate("PlanView", "Service"), "note": translate("PlanView", "Note")}


def visits_on_screen(plan: pd.DataFrame) -> pd.DataFrame:
    """The plan as the tables show it: notes translated, and the expected cash before a visit
    (a forecast) in whole units like the fill-to and load amounts, not to the cent. Exports
    write the plan itself."""
    shown = plan.copy()
    if "note" in shown.columns:
        shown["note"] = shown["note"].map(translated)
    if "expected_cash_before" in shown.columns:
        shown["expected_cash_before"] = shown["expected_cash_before"].round(0)
    return shown


class PlanView(QWidget):
    """The plan's visits (order by, date, fill to, expected load, ...) and a Re-plan button;
    :attr:`planned` fires when a new plan is shown or the shown one is taken away."""

    planned = Signal()

    def __init__(self, store: Store, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.runner = store, runner
        self.run_id: int | None = None
        self.service_level = 0.95
        self.outcome: PlanOutcome | None = None
        self.model = DataFrameModel(parent=self)
        self.table = table_view(self.model, self)
        self.replan_button = QPushButton(self.tr("Re-plan from today's cash"), self)
        self.replan_button.setToolTip(self.tr(
            "Plans every ATM from its latest cash reading on the forecast shown, without "
            "forecasting again"))
        self.replan_button.clicked.connect(self.replan)
        self.replan_button.setEnabled(False)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("<b>Visits</b>"), self))
        top.addStretch(1)
        top.addWidget(self.replan_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def set_currency(self, currency: str | None) -> None:
        """Show the plan's amounts in ``currency`` (``None``: without a sign)."""
        self.model.set_currency(MONEY_COLUMNS, currency)

    def set_run(self, run_id: int | None, service_level: float) -> None:
        """Plan on forecast run ``run_id``; the visits of another run are taken off screen."""
        if run_id != self.run_id:
            self.runner.supersede(JOB_KEY)  # a Re-plan of the previous run is no longer asked
        self.run_id, self.service_level = run_id, service_level
        self.replan_button.setEnabled(run_id is not None)
        if self.outcome is not None and self.outcome.run_id != run_id:
            self.show_no_plan([])

    def show_no_plan(self, reasons: list[str]) -> None:
        """No visits on screen; the summary says why (``reasons``: core messages)."""
        self.outcome = None
        self.model.set_frame(pd.DataFrame(columns=list(PLAN_COLUMNS)), plan_headers())
        self.summary.setText(self.tr("No plan: %1").replace(
            "%1", " ".join(translated(reason) for reason in reasons)) if reasons else "")
        self.planned.emit()

    def replan(self) -> None:
        if self.run_id is None:
            return
        self.replan_button.setEnabled(False)
        self.runner.submit(
            JobSpec.of(self.tr("Re-planning from forecast run #%1").replace(
                "%1", str(self.run_id)), replan_job, db_path=str(self.store.path),
                run_id=self.run_id, service_level=self.service_level),
            key=JOB_KEY, on_done=self._replanned, on_error=self._failed,
            on_cancel=self._failed)

    def _replanned(self, outcome: PlanOutcome) -> None:
        """A Re-plan's visits, shown only while its run is still the one on screen."""
        if outcome.run_id == self.run_id:
            self.show_plan(outcome)
        else:
            self.replan_button.setEnabled(self.run_id is not None)

    def _failed(self, message: str = "", details: str = "") -> None:
        self.replan_button.setEnabled(self.run_id is not None)
        if message:
            error_box(self, self.tr("The plan failed"), message, details)

    def show_plan(self, outcome: PlanOutcome) -> None:
        self.outcome = outcome
        self.replan_button.setEnabled(True)
        plan = visits_on_screen(outcome.plan)
        self.model.set_frame(plan, plan_headers())
        self.table.resizeColumnsToContents()
        basis = self.tr("calibrated by the policy backtest") if outcome.calibrated else \
            self.tr("not yet calibrated: run the policy backtest")
        text = self.tr("%1 visits for %2 ATMs from forecast run #%3; internal probability "
                       "%4 (%5).").replace("%1", number(len(plan))).replace(
            "%2", number(plan["series_id"].nunique())).replace("%3", str(outcome.run_id)).replace(
            "%4", f"{outcome.level:.3f}").replace("%5", basis)
        if outcome.stale:
            text += " " + self.tr("Stale cash readings: %1.").replace(
                "%1", ", ".join(outcome.stale[:5]))
        self.summary.setText(text)
        self.planned.emit()
