"""The Forecast panel's "Cash plan" tab: routes and visits on one page, the policy backtest on
the other. The page tells its views which ATMs the fleet has (the registry's, the chosen
dataset's as soon as it is chosen, and the shown forecast's) and which currency its amounts are
in, shows the visits of the forecast on screen as soon as it is shown, and makes the plan again
when the routes are saved or imported."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from iotfin_gui.core.cashplan.inputs import fleet_atms, registry_capacity
from iotfin_gui.core.errors import UserFacingError
from iotfin_gui.core.fleet.sources import cash_currency, load_sources, resolve_sources
from iotfin_gui.core.forecast.outlook import CashOutlook
from iotfin_gui.core.store import Store
from iotfin_gui.ui.cashplan.plan_view import PlanView
from iotfin_gui.ui.cashplan.policy_view import PolicyView
from iotfin_gui.ui.cashplan.routes_view import RoutesView
from iotfin_gui.ui.jobs import JobRunner


def fleet_currency(store: Store) -> str | None:
    """The currency of the fleet's cash as its data named it (``None``: unknown, no data)."""
    try:
        return cash_currency(resolve_sources(store, load_sources(store)))
    except UserFacingError:
        return None


def dataset_currency(store: Store, dataset: str) -> str | None:
    """The currency of a withdrawals dataset's amounts (``None``: unknown or the dataset is
    gone)."""
    if not store.has_dataset(dataset):
        return None
    info = store.dataset(dataset)
    return info.currency_of(info.column_for("amount"))


class CashPlanPage(QWidget):
    """Routes, the re-planned visits and the policy backtest for the forecast on screen."""

    def __init__(self, store: Store, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.routes = RoutesView(store, self)
        self.plan = PlanView(store, runner, self)
        self.policy = PolicyView(store, runner, self)
        self.routes.changed.connect(self.plan.replan)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.routes)
        splitter.addWidget(self.plan)
        splitter.setSizes([200, 360])
        self.pages = QTabWidget(self)
        self.pages.setDocumentMode(True)
        self.pages.addTab(splitter, self.tr("Routes and visits"))
        self.pages.addTab(self.policy, self.tr("Policy backtest"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.currency: str | None = None
        #: The chosen dataset's ATMs with the registry's, and the shown forecast's ATMs.
        self.dataset: str | None = None
        self.dataset_atms: list[str] = []
        self.forecast_atms: list[str] = []
        self.set_dataset(None)

    def _show_fleet(self) -> None:
        atms = sorted(set(self.dataset_atms) | set(self.forecast_atms))
        self.routes.set_fleet(atms, self.currency, registry_capacity(self.store))
        self.plan.set_currency(self.currency)
        self.policy.set_currency(self.currency)

    def set_dataset(self, dataset: str | None) -> None:
        """Follow the dataset chosen in the panel: its ATMs join the registry's in the route
        editor's list and its currency is the amounts', before any forecast of it is shown."""
        if dataset != self.dataset:
            self.forecast_atms = []
        self.dataset = dataset
        self.dataset_atms = fleet_atms(self.store, dataset)
        self.currency = (dataset_currency(self.store, dataset) if dataset else None) or \
            fleet_currency(self.store)
        self._show_fleet()

    def set_outlook(self, outlook: CashOutlook | None) -> None:
        """Follow the forecast shown in the panel: its visits are shown at once (the outlook's
        job planned them from today's cash, as Re-plan does), or why it has none."""
        self.plan.set_run(None if outlook is None else outlook.run_id,
                          0.95 if outlook is None else outlook.service_level)
        if outlook is not None:
            if outlook.planned is not None:
                self.plan.show_plan(outlook.planned)
            else:
                self.plan.show_no_plan(outlook.notes)
        self.policy.set_outlook(outlook)
        if outlook is not None:
            self.currency = dataset_currency(self.store, outlook.dataset) or \
                fleet_currency(self.store)
            self.forecast_atms = [str(i) for i in outlook.result.series_ids]
            self._show_fleet()
