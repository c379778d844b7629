"""The cash plan in the window: route settings, re-plan from today's cash, policy backtest.

Each widget has one job: :class:`RoutesView` shows and imports the route settings,
:class:`PlanView` re-plans from today's cash on the shown forecast run, :class:`PolicyView`
backtests the plan against the fixed rule; :class:`CashPlanPage` lays them out for the
Forecast panel's "Cash plan" tab. The work runs in the app's job runner (core
:mod:`iotfin_gui.core.cashplan.jobs`).
"""

from iotfin_gui.ui.cashplan.page import CashPlanPage
from iotfin_gui.ui.cashplan.plan_view import PlanView
from iotfin_gui.ui.cashplan.policy_view import PolicyView
from iotfin_gui.ui.cashplan.routes_view import RoutesView

__all__ = ["CashPlanPage", "PlanView", "PolicyView", "RoutesView"]
