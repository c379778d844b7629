"""The Forecast panel's "Cash plan" tab: routes and visits on one page, the policy backtest on
the other."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from iotfin_gui.core.forecast.outlook import CashOutlook
from iotfin_gui.core.store import Store
from iotfin_gui.ui.cashplan.plan_view import PlanView
from iotfin_gui.ui.cashplan.policy_view import PolicyView
from iotfin_gui.ui.cashplan.routes_view import RoutesView
from iotfin_gui.ui.jobs import JobRunner


class CashPlanPage(QWidget):
    """Routes, the re-planned visits and the policy backtest for the forecast on screen."""

    def __init__(self, store: Store, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.routes = RoutesView(store, self)
        self.plan = PlanView(store, runner, self)
        self.policy = PolicyView(store, runner, self)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.routes)
        splitter.addWidget(self.plan)
        splitter.setSizes([160, 400])
        self.pages = QTabWidget(self)
        self.pages.setDocumentMode(True)
        self.pages.addTab(splitter, self.tr("Routes and visits"))
        self.pages.addTab(self.policy, self.tr("Policy backtest"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    def set_outlook(self, outlook: CashOutlook | None) -> None:
        """Follow the forecast shown in the panel."""
        self.plan.set_run(None if outlook is None else outlook.run_id,
                          0.95 if outlook is None else outlook.service_level)
        self.policy.set_outlook(outlook)
