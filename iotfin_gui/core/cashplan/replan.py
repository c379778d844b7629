"""A plan from today's cash without forecasting again: the stored forecast's scenarios reused.

A forecast run keeps what the plan needs (:func:`plan_scope` metrics): each ATM's level times its
spread and the normalised residual paths; :func:`stored_demand_model` rebuilds the
:class:`.DemandModel` from them and the run's point forecast. :func:`make_plan` then plans every
ATM from its cash now (one optimiser pass over the fleet: seconds), with the internal service
probability and headroom (how far towards capacity a fill goes) calibrated by the last policy
backtest (:data:`CALIBRATION_SETTING`) when there is one for the target.

A plan row is one visit: ``series_id, route, order_by, date, fill_to`` (the cassettes are filled
to this amount: whole bundles, at most the capacity), ``expected_cash_before`` (at the mean
forecast), ``expected_load`` (``fill_to`` minus that, in whole bundles), ``visit_cost``,
``covers_until`` (the next planned visit, or the plan's end), ``service`` (the probability the
fill covers the demand until then) and ``note`` (at risk before the first possible visit, or
capacity too small for one day of demand at the service level).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from iotfin_gui.core.cashplan.demand import DemandModel, ResidualPaths
from iotfin_gui.core.cashplan.inputs import atm_rules, calendar_days
from iotfin_gui.core.cashplan.optimise import CyclePlanner
from iotfin_gui.core.cashplan.routes import RouteSettings, route_of
from iotfin_gui.core.errors import InputError
from iotfin_gui.core.forecast.service import ForecastResult, read_forecast
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message
from iotfin_gui.core.store import Store

CALIBRATION_SETTING = "cashplan.calibration"
PLAN_WINDOW = 28
PLAN_COLUMNS = ("series_id", "route", "order_by", "date", "fill_to", "expected_cash_before",
                "expected_load", "visit_cost", "covers_until", "service", "note")
NOTES: dict[str, Message] = {
    "at_risk": QT_TRANSLATE_NOOP("Core", "at risk before the first possible visit"),
    "capacity": QT_TRANSLATE_NOOP("Core", "capacity too small for the demand until the next "
                                  "possible visit at the service level: filled to capacity"),
}


def plan_scope() -> str:
    """The run-metrics scope of the plan's residual paths (names ``pNNN_dDDD``)."""
    return "plan:paths"


def plan_metrics(result: ForecastResult, residuals: ResidualPaths
                 ) -> dict[tuple[str, str], tuple[float, None]]:
    """What :func:`stored_demand_model` needs, as run metrics: spreads and residual paths."""
    metrics: dict[tuple[str, str], tuple[float, None]] = {}
    for series_id, spread in zip(result.series_ids, residuals.spread, strict=True):
        metrics[(f"series:{series_id}", "spread")] = (float(spread), None)
    for path, values in enumerate(residuals.paths):
        for day, value in enumerate(values, start=1):
            if np.isfinite(value):
                metrics[(plan_scope(), f"p{path:03d}_d{day:03d}")] = (float(value), None)
    return metrics


def run_series(run: Mapping[str, Any]) -> list[str]:
    """The ATMs of a recorded forecast run (``store.run``) that :func:`stored_demand_model`
    plans, sorted, without reading the forecast."""
    return sorted(scope.removeprefix("series:") for scope, name in run["metrics"]
                  if scope.startswith("series:") and name == "spread")


def stored_demand_model(store: Store, run_id: int, max_cycle: int = 21) -> DemandModel:
    """The demand model of recorded forecast run ``run_id`` (no forecasting)."""
    run = store.run(run_id)
    if run["kind"] != "forecast":
        raise InputError(QT_TRANSLATE_NOOP("Core", "Run {run} is not a forecast run.").format(
            run=run_id))
    metrics = run["metrics"]
    table = read_forecast(store, run_id)
    if table.empty:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "Forecast run {run} has no stored forecast.").format(run=run_id))
    wide = table.pivot(index="series_id", columns="date", values="forecast")
    ids = [str(i) for i in wide.index]
    horizon = wide.shape[1]
    paths: dict[int, np.ndarray] = {}
    for (scope, name), (value, _spread) in metrics.items():
        if scope == plan_scope() and value is not None:
            path, day = int(name[1:4]), int(name[6:9])
            paths.setdefault(path, np.full(horizon, np.nan))[day - 1] = value
    scale = [metrics.get((f"series:{i}", "scale"), (None, None))[0] for i in ids]
    spread = [metrics.get((f"series:{i}", "spread"), (None, None))[0] for i in ids]
    if not paths or any(v is None for v in (*scale, *spread)):
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "Forecast run {run} was recorded without the scenarios a plan needs; run "
            "the forecast again.").format(run=run_id))
    point = wide.to_numpy(float)
    return DemandModel(ids, pd.Timestamp(wide.columns[0]), point,
                       np.array(scale, float) * np.array(spread, float),
                       np.stack([paths[k] for k in sorted(paths)]), max_cycle=max_cycle,
                       non_negative=bool(np.nanmin(point) >= 0))


def calibrated_level(store: Store | None, target: float) -> tuple[float, float, bool]:
    """The internal probability and headroom for ``target`` from the last policy backtest,
    and whether one was found (else the target itself and no headroom)."""
    table = (store.setting(CALIBRATION_SETTING) or {}) if store is not None else {}
    found = table.get(f"{target:.4f}")
    if not isinstance(found, dict) or "level" not in found:
        return float(target), 0.0, False
    return float(found["level"]), float(found.get("headroom", 0.0)), True


def make_plan(model: DemandModel, routes: Sequence[RouteSettings],
              cash_now: Mapping[str, float] | pd.Series, *, today: dt.date | pd.Timestamp,
              level: float, headroom: float = 0.0,
              capacity: Mapping[str, float] | pd.Series | float | None = None,
              holidays_country: str | None = None, window: int = PLAN_WINDOW) -> pd.DataFrame:
    """Plan every ATM of ``model`` from ``cash_now`` on the morning of ``today`` (see the
    module docstring for the columns). Raises :class:`InputError` when the forecast does not
    reach ``today`` or an ATM has no cash level."""
    today = pd.Timestamp(today).normalize()
    index = int((today - model.start).days)
    if index < 0:
        index = 0
    if index >= model.horizon - 1:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "The forecast ends on {end}; it cannot plan from {today}. Run the forecast "
            "again.").format(end=str(model.dates[-1].date()), today=str(today.date())))
    cash = pd.Series(cash_now, dtype=float)
    cash.index = cash.index.astype(str)
    missing = [i for i in model.ids if i not in cash.index or not np.isfinite(cash.get(i))]
    if missing:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "No cash level for {count} ATM(s) (e.g. {example}).").format(
                count=len(missing), example=missing[0]), column="cash")
    if (cash.reindex(model.ids) < 0).any():
        bad = next(i for i in model.ids if cash[i] < 0)
        raise InputError(QT_TRANSLATE_NOOP("Core", "ATM {atm!r} has a negative cash level.")
                         .format(atm=bad), column="cash")
    rules = atm_rules(routes, model.ids, model.dates, capacity,
                      **calendar_days(holidays_country, model.dates))
    planner = CyclePlanner(model, rules, level, window=window, headroom=headroom)
    n = len(model.ids)
    decision = planner.plan(index, np.full(n, index), cash.reindex(model.ids).to_numpy(float),
                            np.zeros(n, dtype=bool))
    return _plan_table(model, routes, rules, planner, decision.visits, decision.at_risk,
                       cash.reindex(model.ids).to_numpy(float), index, window)


def _plan_table(model: DemandModel, routes: Sequence[RouteSettings], rules: Any,
                planner: CyclePlanner, visits: list, at_risk: np.ndarray, cash: np.ndarray,
                today: int, window: int) -> pd.DataFrame:
    dates = model.dates
    end = min(today + window, model.horizon)
    mean = model.mean_cumulative
    rows = []
    for atm, chain in enumerate(visits):
        before, since = cash[atm], today
        for position, (day, fill, length) in enumerate(chain):
            expected = max(before - (mean[atm, day] - mean[atm, since]), 0.0)
            following = chain[position + 1][0] if position + 1 < len(chain) else end
            bundle = rules.bundle[atm]
            load = max(fill - expected, 0.0)
            if bundle > 0:
                load = np.ceil(load / bundle - 1e-9) * bundle
            note = ""
            if position == 0 and at_risk[atm]:
                note = NOTES["at_risk"]
            elif planner.missed[atm, day, length - 1]:
                note = NOTES["capacity"]
            level = planner.level[atm, day, length - 1]
            rows.append({
                "series_id": model.ids[atm],
                "route": route_of(routes, model.ids[atm]).route,
                "order_by": dates[day] - pd.Timedelta(days=int(rules.lead_days[atm])),
                "date": dates[day], "fill_to": float(fill),
                "expected_cash_before": round(float(expected), 2),
                "expected_load": float(min(load, fill)),
                "visit_cost": float(rules.visit_cost[atm, day]),
                "covers_until": dates[following] if following < model.horizon else
                dates[-1] + pd.Timedelta(days=1),
                "service": None if not np.isfinite(level) else round(float(level), 4),
                "note": note,
            })
            before, since = fill, day
    plan = pd.DataFrame(rows, columns=list(PLAN_COLUMNS))
    # object dtype: pandas would turn the translatable Messages into plain str.
    plan["note"] = pd.Series([row["note"] for row in rows], index=plan.index, dtype=object)
    return plan
