"""Cash replenishment planning for a fleet of ATMs (no Qt).

The plan builds on a forecast: :mod:`.demand` turns a forecast and its backtest errors into
per-ATM demand scenarios; :mod:`.routes` holds what a cash operation knows about its routes
(visit days, CIT holidays, lead time, cassettes, costs) and reads it from CSV, and
:mod:`.inputs` turns it into per-ATM, per-day rules on the country's calendar; :mod:`.optimise`
chooses visit days and fill-to amounts at the least expected cost subject to a service level;
:mod:`.replan` plans from today's cash on a stored forecast without forecasting again; and
:mod:`.backtest` replays the plan on history against the fixed rule a cash manager already uses.
Each name below is imported from its module when first used
(:mod:`iotfin_gui.core.lazy_exports`), so reading the route settings loads no forecasting.
"""

from iotfin_gui.core.lazy_exports import attach

__getattr__, __dir__, __all__ = attach(__name__, {
    "backtest": ["Calibration", "Replay", "calibrate", "policy_table", "replay_all",
                 "windows_from_forecast"],
    "demand": ["DemandModel", "demand_model"],
    "inputs": ["atm_rules"],
    "replan": ["CALIBRATION_SETTING", "calibrated_level", "make_plan", "stored_demand_model"],
    "routes": ["RouteSettings", "load_routes", "read_routes_csv", "routes_from_text",
               "save_routes"],
})
