"""Cash replenishment planning for a fleet of ATMs (no Qt).

The plan builds on a forecast: :mod:`.demand` turns a forecast and its backtest errors into
per-ATM demand scenarios; :mod:`.inputs` holds what a cash operation knows about its routes
(visit days, CIT holidays, lead time, cassettes, costs) and reads it from CSV; :mod:`.optimise`
chooses visit days and fill-to amounts at the least expected cost subject to a service level;
:mod:`.replan` plans from today's cash on a stored forecast without forecasting again; and
:mod:`.backtest` replays the plan on history against the fixed rule a cash manager already uses.
"""

from iotfin_gui.core.cashplan.backtest import (
    Calibration,
    Replay,
    calibrate,
    policy_table,
    replay_all,
    windows_from_forecast,
)
from iotfin_gui.core.cashplan.demand import DemandModel, demand_model
from iotfin_gui.core.cashplan.inputs import (
    RouteSettings,
    atm_rules,
    load_routes,
    read_routes_csv,
    routes_from_text,
    save_routes,
)
from iotfin_gui.core.cashplan.replan import (
    CALIBRATION_SETTING,
    calibrated_level,
    make_plan,
    stored_demand_model,
)

__all__ = [
    "CALIBRATION_SETTING",
    "Calibration",
    "DemandModel",
    "Replay",
    "RouteSettings",
    "atm_rules",
    "calibrate",
    "calibrated_level",
    "demand_model",
    "load_routes",
    "make_plan",
    "policy_table",
    "read_routes_csv",
    "replay_all",
    "routes_from_text",
    "save_routes",
    "stored_demand_model",
    "windows_from_forecast",
]
