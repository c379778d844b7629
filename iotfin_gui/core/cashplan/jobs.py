"""The cash plan's background jobs for the window: re-plan from today's cash, and the policy
backtest that calibrates the plan and compares it with the fixed rule.

Both read everything from the store at ``db_path`` (the forecast run, route settings, cash now,
capacities), so they run in a worker process; neither forecasts. :func:`plan_on_model` is the
one plan every screen and command shows: the Cash plan tab and ``main.py plan`` (through
:func:`replan`), the Forecast panel's plan tab, ``main.py forecast --plan-out`` and a report
bundle's ``plan.csv``; all take cash now and the first plan day from
:mod:`iotfin_gui.core.fleet.cash_now`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from iotfin_gui.core.cashplan.backtest import (
    calibrate,
    policy_table,
    replay_all,
    windows_from_forecast,
)
from iotfin_gui.core.cashplan.demand import DemandModel
from iotfin_gui.core.cashplan.inputs import atm_rules, calendar_days, registry_capacity
from iotfin_gui.core.cashplan.replan import (
    CALIBRATION_SETTING,
    calibrated_level,
    make_plan,
    run_series,
    stored_demand_model,
)
from iotfin_gui.core.cashplan.routes import RouteSettings, load_routes, longest_interval
from iotfin_gui.core.errors import InputError
from iotfin_gui.core.fleet.cash_now import COLUMNS as CASH_COLUMNS
from iotfin_gui.core.fleet.cash_now import cash_column, dataset_cash_now, plan_start
from iotfin_gui.core.forecast.data import to_panel
from iotfin_gui.core.forecast.service import ForecastResult, check_service_level
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.store import DatasetInfo, Store

#: ``holidays_country`` of :func:`replan`: the forecast run's own calendar.
RUN_CALENDAR = "run"


@dataclass
class PlanOutcome:
    """A re-plan: the plan rows, the internal probability and headroom used and whether they
    were calibrated by a policy backtest, the ATMs whose cash reading is stale, the morning
    the plan starts and the cash now it starts from (``series_id, cash, read_at, age_hours,
    stale``, :func:`.dataset_cash_now`)."""

    run_id: int | None
    plan: pd.DataFrame
    level: float
    calibrated: bool
    stale: list[str]
    today: pd.Timestamp
    cash_now: pd.DataFrame
    headroom: float


@dataclass
class PolicyOutcome:
    """A policy backtest: the table (fixed rule, plan), the fleet's cash and stock-outs per
    day for each policy, and the calibration kept for re-plans."""

    table: pd.DataFrame
    days: pd.DatetimeIndex
    cash: dict[str, np.ndarray]
    stockouts: dict[str, np.ndarray]
    level: float
    headroom: float


def given_cash_now(cash: pd.Series) -> pd.DataFrame:
    """Cash amounts given per ATM (a cash file) as cash now (:data:`.cash_now.COLUMNS`):
    read at no known time, never stale."""
    return pd.DataFrame({"series_id": cash.index.astype(str), "cash": cash.to_numpy(float),
                         "read_at": pd.NaT, "age_hours": np.nan, "stale": False},
                        columns=list(CASH_COLUMNS))


def plan_cash_now(store: Store, info: DatasetInfo, params: Mapping[str, Any], ids: list[str],
                  cash_col: str | None = None) -> pd.DataFrame:
    """The cash now a plan of ``info``'s ATMs ``ids`` starts from (:func:`.dataset_cash_now`:
    the dataset's ``cash_col``, default its cash-level column, with the fleet's readings).
    Raises :class:`InputError` when neither knows any of them."""
    cash_col = cash_col or cash_column(info)
    columns = [params["id_col"], params["time_col"]]
    frame = store.read_dataset(info.id, columns=list(dict.fromkeys([*columns, cash_col]))) \
        if cash_col else None
    now = dataset_cash_now(store, frame, ids, id_col=columns[0], time_col=columns[1],
                           cash_col=cash_col)
    if now.empty and cash_col is None:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "{dataset} has no cash-level column, so there is no cash now to plan "
            "from.").format(dataset=info.name))
    return now


def plan_on_model(store: Store, info: DatasetInfo | None, params: Mapping[str, Any],
                  model: DemandModel, *, service_level: float, run_id: int | None = None,
                  cash_col: str | None = None, capacity: float | pd.Series | None = None,
                  routes: Sequence[RouteSettings] | None = None,
                  now: pd.DataFrame | None = None, today: pd.Timestamp | None = None,
                  holidays_country: str | None = RUN_CALENDAR,
                  ctx: JobContext | None = None) -> PlanOutcome:
    """The plan every screen and command shows (see :func:`.make_plan`): ``model`` (the demand
    of a forecast of ``info`` made with ``params``) planned from each ATM's cash now
    (``now``, default :func:`plan_cash_now`) on the morning of :func:`.plan_start` (or
    ``today``), on the store's routes (or ``routes``) and capacities (or ``capacity``), with
    the forecast's holiday calendar (or ``holidays_country``; ``None``: none), at the internal
    level the last policy backtest calibrated for ``service_level``."""
    ctx = ctx or JobContext()
    level = check_service_level(service_level)
    routes = load_routes(store) if routes is None else routes
    if now is None:
        if info is None:
            raise InputError(QT_TRANSLATE_NOOP(
                "Core", "The dataset of forecast run {run} was deleted.").format(run=run_id))
        now = plan_cash_now(store, info, params, model.ids, cash_col)
    now = now[now["series_id"].isin(model.ids)].reset_index(drop=True)
    internal, headroom, calibrated = calibrated_level(store, level)
    ctx.progress(0.5, QT_TRANSLATE_NOOP("Core", "Planning visits"))
    start = plan_start(now, model.start) if today is None else pd.Timestamp(today).normalize()
    country = params.get("holidays_country") if holidays_country == RUN_CALENDAR \
        else holidays_country
    plan = make_plan(model, routes, now.set_index("series_id")["cash"], today=start,
                     level=internal, headroom=headroom,
                     capacity=registry_capacity(store) if capacity is None else capacity,
                     holidays_country=country or None)
    ctx.progress(1.0, QT_TRANSLATE_NOOP("Core", "Plan ready"))
    return PlanOutcome(run_id, plan, internal, calibrated,
                       sorted(now.loc[now["stale"], "series_id"]), start, now, headroom)


def replan(store: Store, run_id: int, *, service_level: float,
           routes: Sequence[RouteSettings] | None = None, cash: pd.Series | None = None,
           today: pd.Timestamp | None = None, capacity: float | pd.Series | None = None,
           holidays_country: str | None = RUN_CALENDAR,
           ctx: JobContext | None = None) -> PlanOutcome:
    """Plan from each ATM's cash now (or the amounts ``cash`` a cash file gives) on forecast
    run ``run_id``: :func:`plan_on_model` on the run's stored scenarios, without forecasting
    again (the other keywords as there). The Cash plan tab, the Forecast panel, report
    bundles and ``main.py plan`` all plan through here."""
    ctx = ctx or JobContext()
    run = store.run(run_id)
    info = None if run["dataset_id"] is None else store.dataset(int(run["dataset_id"]))
    if cash is not None:
        now = given_cash_now(cash)
    elif info is not None:
        now = plan_cash_now(store, info, run["params"], run_series(run))
    else:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "The dataset of forecast run {run} was deleted.").format(run=run_id))
    routes = load_routes(store) if routes is None else list(routes)
    ctx.progress(0.1, QT_TRANSLATE_NOOP("Core", "Reading forecast run {run}").format(run=run_id))
    model = stored_demand_model(store, run_id, max_cycle=longest_interval(routes))
    return plan_on_model(store, info, run["params"], model, service_level=service_level,
                         run_id=run_id, routes=routes, now=now, today=today,
                         capacity=capacity, holidays_country=holidays_country, ctx=ctx)


def replan_job(ctx: JobContext, db_path: str | os.PathLike, run_id: int,
               service_level: float) -> PlanOutcome:
    """Job: :func:`replan` on the store at ``db_path``."""
    with Store.open(db_path) as store:
        return replan(store, run_id, service_level=service_level, ctx=ctx)


def policy_backtest(store: Store, dataset: str, result: ForecastResult, *,
                    service_level: float, ctx: JobContext | None = None) -> PolicyOutcome:
    """Replay the plan (calibrated to ``service_level`` on the same windows) and the fixed rule
    on the windows of ``result``'s backtest, from full cassettes; keeps the calibration in the
    store for later re-plans."""
    ctx = ctx or JobContext()
    target = check_service_level(service_level)
    params = result.params
    routes = load_routes(store)
    info = store.dataset(dataset)
    frame = store.read_dataset(info.id, columns=list(dict.fromkeys(
        [params["id_col"], params["time_col"], params["value_col"]])))
    panel = to_panel(frame, id_col=params["id_col"], time_col=params["time_col"],
                     value_col=params["value_col"], duplicates=params.get("duplicates", "error"))
    panel = panel.select(result.series_ids)
    ctx.progress(0.05, QT_TRANSLATE_NOOP("Core", "Preparing the replay windows"))
    windows = windows_from_forecast(result, panel, longest_interval(routes))
    country = params.get("holidays_country")
    capacity = registry_capacity(store)

    def rules_for(window: Any) -> Any:
        dates = window.model.dates
        return atm_rules(routes, window.model.ids, dates, capacity,
                         **calendar_days(country, dates))

    ctx.progress(0.1, QT_TRANSLATE_NOOP("Core", "Calibrating the plan to {level:.0%}").format(
        level=target))
    chosen = calibrate(windows, rules_for, target)
    ctx.check()
    ctx.progress(0.85, QT_TRANSLATE_NOOP("Core", "Replaying the plan and the fixed rule"))
    fixed = replay_all(windows, rules_for, "fixed")
    plan = replay_all(windows, rules_for, "plan", level=chosen.level, target=target,
                      headroom=chosen.headroom)
    saved = dict(store.setting(CALIBRATION_SETTING) or {})
    saved[f"{target:.4f}"] = {"level": chosen.level, "headroom": chosen.headroom}
    store.set_setting(CALIBRATION_SETTING, saved)
    days = pd.DatetimeIndex(np.concatenate([w.model.dates.to_numpy() for w in windows]))
    ctx.progress(1.0, QT_TRANSLATE_NOOP("Core", "Policy backtest ready"))
    return PolicyOutcome(policy_table([fixed, plan]), days,
                         {"fixed": fixed.fleet_cash, "plan": plan.fleet_cash},
                         {"fixed": fixed.fleet_stockouts, "plan": plan.fleet_stockouts},
                         chosen.level, chosen.headroom)


def policy_backtest_job(ctx: JobContext, db_path: str | os.PathLike, dataset: str,
                        result: ForecastResult, service_level: float) -> PolicyOutcome:
    """Job: :func:`policy_backtest` on the store at ``db_path``."""
    with Store.open(db_path) as store:
        return policy_backtest(store, dataset, result, service_level=service_level, ctx=ctx)
