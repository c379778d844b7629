"""The cash outlook of a fleet: a stored forecast run plus what an analyst reads next to it.

One job computes everything the Forecast panel shows: the forecast (recorded as a run, and made
as ``main.py forecast`` makes it, from the dataset's Parquet parts), recent history per ATM for
the plot, days to cash-out from each ATM's cash now
(:func:`iotfin_gui.core.fleet.cash_now.days_to_cash_out`, as Fleet counts them), and the run's
cash plan (:func:`iotfin_gui.core.cashplan.jobs.replan`, the plan the Cash plan tab, ``main.py
plan`` and report bundles give). Cash-out and plan need a cash-level column, the plan also
capacities and enough backtest errors; without them the outlook still holds the forecast and
says why the rest is missing.

:func:`stored_outlook` rebuilds the outlook of a recorded run without forecasting again: the
forecast, intervals, backtest scores and the cash-out calibration come from the store, history
and cash levels from the dataset as it is now. Per-origin backtest forecasts and the backtest
residuals themselves are not stored, so a reopened outlook has no ``result.backtest`` rows
(``reopened`` is true) and its calibration answers only at the run's service level.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from iotfin_gui.core.data_hash import same_data
from iotfin_gui.core.errors import InputError, UserFacingError, user_message
from iotfin_gui.core.fleet.cash_now import cash_column, dataset_cash_now
from iotfin_gui.core.forecast.backtest import BASELINE, MODEL_NAMES
from iotfin_gui.core.forecast.cashout import days_to_cashout
from iotfin_gui.core.forecast.intervals import Calibration
from iotfin_gui.core.forecast.service import (
    DEFAULT_SERVICE_LEVEL,
    ForecastResult,
    cashout_scope,
    check_service_level,
    dataset_columns,
    forecast_dataset,
    read_forecast,
    store_forecast,
)
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.store import DatasetInfo, Store

if TYPE_CHECKING:
    from iotfin_gui.core.cashplan.jobs import PlanOutcome

HISTORY_DAYS = 120
#: The order of the backtest scores as :func:`forecast` reports them.
SCORE_ORDER = ("smape", "mase", "mae", "rmse")
#: Columns of ``ForecastResult.backtest`` (empty in a reopened outlook).
BACKTEST_COLUMNS = ("model", "origin", "series_id", "date", "actual", "forecast")


@dataclass
class CashOutlook:
    """``history``: series_id, date, value for the last days before the forecast;
    ``cashout`` and ``plan``: see :func:`days_to_cashout` /
    :func:`iotfin_gui.core.cashplan.replan.make_plan` (empty, with ``notes`` saying why, when
    cash levels or capacities are unknown);
    ``made_at``: when the run was recorded (ISO UTC); ``reopened``: rebuilt from the store by
    :func:`stored_outlook`, so without per-origin backtest forecasts; ``planned``: the plan
    with what it was made from (its first day, cash now, internal level), as the Cash plan
    tab's Re-plan gives it (``None`` when there is no plan)."""

    dataset: str
    run_id: int
    result: ForecastResult
    history: pd.DataFrame
    cashout: pd.DataFrame
    plan: pd.DataFrame
    service_level: float
    notes: list[str] = field(default_factory=list)
    made_at: str = ""
    reopened: bool = False
    planned: PlanOutcome | None = None

    def atm_table(self) -> pd.DataFrame:
        """One row per ATM: cash now, days to cash-out (median and early at the service
        level) and the first planned refill; only ``series_id`` when cash is unknown."""
        table = pd.DataFrame({"series_id": self.result.series_ids})
        if self.cashout.empty:
            return table
        shown = ["series_id", "cash", "days_median", "days_early"] + [
            c for c in ("read_at", "stale") if c in self.cashout.columns]
        table = table.merge(self.cashout[shown], on="series_id", how="left")
        if not self.plan.empty:
            first = self.plan.groupby("series_id")["date"].min().rename("next_refill")
            table = table.merge(first, left_on="series_id", right_index=True, how="left")
        return table


@dataclass(frozen=True)
class StoredCalibration(Calibration):
    """A run's calibration as the store keeps it: the cumulative residual quantiles at the
    run's service level and its complement only (``stored`` maps probability to quantiles per
    day ahead); the residuals themselves (``daily``, ``cumulative``) are not kept and are
    empty. Asking for any other quantile raises :class:`InputError`."""

    stored: Mapping[str, np.ndarray] = field(default_factory=dict)

    def quantiles(self, probability: float, cumulative: bool = False) -> np.ndarray:
        values = self.stored.get(cashout_scope(probability)) if cumulative else None
        if values is None:
            raise InputError(QT_TRANSLATE_NOOP(
                "Core", "The stored forecast run has no calibration at {probability:.0%}; run "
                "the forecast again at that service level.").format(probability=probability))
        return values.copy()


def _read_columns(store: Store, info: DatasetInfo, columns: tuple[str, str, str],
                  cash_col: str | None) -> pd.DataFrame:
    wanted = list(dict.fromkeys([*columns, *([cash_col] if cash_col else [])]))
    return store.read_dataset(info.id, columns=wanted)


def _history(frame: pd.DataFrame, result: ForecastResult, columns: tuple[str, str, str],
             history_days: int) -> pd.DataFrame:
    """series_id, date, value of the last ``history_days`` days before the forecast."""
    id_col, time_col, value_col = columns
    start = result.forecast["date"].min() - pd.Timedelta(days=history_days)
    recent = frame[frame[time_col] >= start]
    return pd.DataFrame({"series_id": recent[id_col].astype(str),
                         "date": recent[time_col].dt.normalize(),
                         "value": recent[value_col].astype(float)})


def _cash_and_plan(
    store: Store,
    info: DatasetInfo,
    frame: pd.DataFrame,
    result: ForecastResult,
    run_id: int,
    columns: tuple[str, str, str],
    cash_col: str | None,
    service_level: float,
    ctx: JobContext,
) -> tuple[pd.DataFrame, PlanOutcome | None, list[str]]:
    """Days to cash-out from the cash now, the cash plan of run ``run_id`` (the one
    :func:`iotfin_gui.core.cashplan.jobs.replan` makes) and notes on what is missing (what
    :func:`cash_outlook` and :func:`stored_outlook` share)."""
    from iotfin_gui.core.cashplan.jobs import replan

    id_col, time_col, _ = columns
    if cash_col is None:
        return pd.DataFrame(), None, [QT_TRANSLATE_NOOP(
            "Core", "{dataset} has no cash-level column, so days to cash-out are not known.")
            .format(dataset=info.name)]
    ctx.progress(0.96, QT_TRANSLATE_NOOP("Core", "Days to cash-out and refill plan"))
    now = dataset_cash_now(store, frame, result.series_ids, id_col=id_col, time_col=time_col,
                           cash_col=cash_col)
    cashout = days_to_cashout(result, now, service_level=service_level)
    cashout = cashout.merge(now[["series_id", "read_at", "age_hours", "stale"]],
                            on="series_id", how="left")
    try:
        planned = replan(store, run_id, service_level=service_level)
    except UserFacingError as error:
        return cashout, None, [user_message(error)]
    return cashout, planned, []


def _plan_rows(planned: PlanOutcome | None) -> pd.DataFrame:
    return pd.DataFrame() if planned is None else planned.plan


def cash_outlook(
    store: Store,
    dataset: str,
    *,
    service_level: float = DEFAULT_SERVICE_LEVEL,
    cash_col: str | None = None,
    history_days: int = HISTORY_DAYS,
    ctx: JobContext | None = None,
    **options: Any,
) -> CashOutlook:
    """Forecast ``dataset`` (options as :func:`~.service.forecast`), record the run, add cash-out
    and plan.

    The forecast is :func:`~.service.forecast_dataset`'s, as ``main.py forecast`` makes it: the
    panel is read from the dataset's Parquet parts and knows them, so on a cluster the workers
    read the parts themselves; the table of recent history and cash levels is read afterwards."""
    ctx = ctx or JobContext()
    service_level = check_service_level(service_level)
    info = store.dataset(dataset)
    columns = dataset_columns(info, options.pop("id_col", None), options.pop("time_col", None),
                              options.pop("value_col", None))
    cash_col = cash_col or cash_column(info)
    result = forecast_dataset(store, info.id, id_col=columns[0], time_col=columns[1],
                              value_col=columns[2], ctx=ctx.scaled(0.0, 0.9), **options)
    ctx.progress(0.92, QT_TRANSLATE_NOOP("Core", "Saving the forecast"))
    run_id = store_forecast(store, result, info, service_level=service_level)
    frame = _read_columns(store, info, columns, cash_col)
    cashout, planned, notes = _cash_and_plan(store, info, frame, result, run_id, columns,
                                             cash_col, service_level, ctx)
    history = _history(frame, result, columns, history_days)
    ctx.progress(1.0, QT_TRANSLATE_NOOP("Core", "Outlook ready"))
    return CashOutlook(info.name, run_id, result, history, cashout, _plan_rows(planned),
                       service_level, notes, made_at=store.run(run_id)["finished_at"],
                       planned=planned)


def cash_outlook_job(ctx: JobContext, db_path: str | os.PathLike, dataset: str,
                     **options: Any) -> CashOutlook:
    """Job: :func:`cash_outlook` on the store at ``db_path``."""
    with Store.open(db_path) as store:
        return cash_outlook(store, dataset, ctx=ctx, **options)


def latest_forecast_run(store: Store, dataset: str | int) -> int | None:
    """The id of the newest forecast run of ``dataset``, or ``None`` when it has none."""
    row = store.conn.execute(
        "SELECT max(id) FROM runs WHERE kind = 'forecast' AND dataset_id = ? "
        "AND deleted_at IS NULL",
        [store.dataset(dataset).id]).fetchone()
    return None if row[0] is None else int(row[0])


def _model_order(params: Mapping[str, Any]) -> list[str]:
    """The candidates in the order :func:`forecast` backtested them."""
    model = params.get("model", "auto")
    return list(MODEL_NAMES) if model == "auto" else list(dict.fromkeys([model, BASELINE]))


def _stored_scores(metrics: Mapping[tuple[str, str], tuple[float | None, float | None]],
                   params: Mapping[str, Any], chosen: str,
                   ids: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``overall`` table per model and the chosen model's per-series sMAPE and MASE."""
    overall: dict[str, dict[str, float]] = {}
    for (scope, name), (value, _spread) in metrics.items():
        if scope.startswith("backtest:"):
            overall.setdefault(scope[9:], {})[name] = np.nan if value is None else value
    keys = {key for row in overall.values() for key in row}
    coverages = sorted((k for k in keys if k.startswith("coverage_")), key=lambda k: int(k[9:]))
    order = [k for k in SCORE_ORDER if k in keys] + coverages + \
        sorted(keys - set(SCORE_ORDER) - set(coverages) - {"seconds"}) + \
        (["seconds"] if "seconds" in keys else [])
    ranked = _model_order(params)
    names = sorted(overall, key=lambda n: (ranked.index(n) if n in ranked else len(ranked), n))
    table = pd.DataFrame.from_dict(overall, orient="index").reindex(index=names, columns=order)
    table.index.name = "model"
    per_series = pd.DataFrame({"model": chosen, "series_id": ids})
    for key in ("smape", "mase"):
        values = [metrics.get((f"series:{i}", key), (None, None))[0] for i in ids]
        per_series[key] = np.array([np.nan if v is None else v for v in values], dtype=float)
    return table.astype(float), per_series


def _stored_calibration(metrics: Mapping[tuple[str, str], tuple[float | None, float | None]],
                        service_level: float, horizon: int) -> StoredCalibration | None:
    """The cumulative quantiles the run stored for ``service_level`` (None if it has none)."""
    stored = {}
    for probability in (1 - service_level, service_level):
        scope = cashout_scope(probability)
        values = [metrics.get((scope, f"day_{step:03d}"), (None, None))[0]
                  for step in range(1, horizon + 1)]
        if any(value is None for value in values):
            return None
        stored[scope] = np.array(values, dtype=float)
    empty = np.empty((0, horizon))
    return StoredCalibration(empty, empty, stored)


def stored_outlook(
    store: Store,
    run_id: int,
    *,
    history_days: int = HISTORY_DAYS,
    ctx: JobContext | None = None,
) -> CashOutlook:
    """The outlook of recorded forecast run ``run_id``, rebuilt without forecasting again.

    Forecast, intervals and backtest scores are the run's; history and cash levels are the
    dataset's now, and days to cash-out and the plan are computed from them at the run's service
    level exactly as :func:`cash_outlook` does. Runs stored without the cash-out calibration
    (older ones) get ``notes`` instead of cash-out and plan. Raises :class:`InputError` for a
    run that is not a forecast run or whose dataset or columns are gone.
    """
    ctx = ctx or JobContext()
    ctx.progress(0.0, QT_TRANSLATE_NOOP("Core", "Reading forecast run {run}").format(run=run_id))
    run = store.run(run_id)
    if run["kind"] != "forecast":
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "Run {run} is not a forecast run.").format(run=run_id))
    if run["dataset_id"] is None:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "The dataset of forecast run {run} was deleted; its outlook cannot be "
            "shown.").format(run=run_id))
    info = store.dataset(int(run["dataset_id"]))
    params, metrics = run["params"], run["metrics"]
    columns = (params.get("id_col"), params.get("time_col"), params.get("value_col"))
    for column in columns:
        if column not in info.column_names:
            raise InputError(QT_TRANSLATE_NOOP(
                "Core", "Dataset {dataset!r} no longer has the column {column!r} that forecast "
                "run {run} used.").format(dataset=info.name, column=column, run=run_id),
                column=column)
    table = read_forecast(store, run_id)
    if table.empty:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "Forecast run {run} has no stored forecast.").format(run=run_id))
    table["date"] = table["date"].astype("datetime64[ns]")  # as :func:`forecast` makes them
    service_level = check_service_level(params.get("service_level", DEFAULT_SERVICE_LEVEL))
    ids = list(dict.fromkeys(table["series_id"]))
    horizon = int(params.get("horizon", table.groupby("series_id").size().max()))
    levels = tuple(sorted(int(c[3:]) for c in table.columns if c.startswith("lo_")))
    chosen = str(params.get("chosen", params.get("model", "")))
    overall, per_series = _stored_scores(metrics, params, chosen, ids)
    scale = pd.Series([metrics.get((f"series:{i}", "scale"), (None, None))[0] for i in ids],
                      index=ids, name="level", dtype=float)
    calibration = _stored_calibration(metrics, service_level, horizon)
    notes: list[str] = []
    if calibration is None or scale.isna().any():
        notes.append(QT_TRANSLATE_NOOP(
            "Core", "Forecast run {run} was recorded without its cash-out calibration, so days "
            "to cash-out and the refill plan cannot be rebuilt; run the forecast again for "
            "them.").format(run=run_id))
        calibration = StoredCalibration(np.empty((0, horizon)), np.empty((0, horizon)))
    # Bounds are clipped at 0 for non-negative data; otherwise no forecast is below its lower
    # bound, so this reproduces how cash-out treats negative forecasts.
    bounds = [table[f"lo_{level}"] for level in levels] or [table["forecast"]]
    result = ForecastResult(
        forecast=table,
        model=chosen,
        metrics=per_series,
        overall=overall,
        backtest=pd.DataFrame(columns=list(BACKTEST_COLUMNS)),
        calibration=calibration,
        scale=scale,
        horizon=horizon,
        levels=levels,
        params=params,
        non_negative=bool(all((b.dropna() >= 0).all() for b in bounds)),
        data_hash=run["data_hash"] or "",
        started_at=run["started_at"],
        duration_s=float(run["duration_s"] or 0.0),
    )
    cash_col = cash_column(info)
    frame = _read_columns(store, info, columns, cash_col)
    if run["data_hash"] and not same_data(frame[list(columns)], run["data_hash"]):
        notes.append(QT_TRANSLATE_NOOP(
            "Core", "{dataset} changed since forecast run {run}: history and cash levels are "
            "today's, the forecast is the run's.").format(dataset=info.name, run=run_id))
    cashout, planned = pd.DataFrame(), None
    if calibration.stored:
        cashout, planned, more = _cash_and_plan(store, info, frame, result, run_id, columns,
                                                cash_col, service_level, ctx)
        notes.extend(more)
    history = _history(frame, result, columns, history_days)
    ctx.progress(1.0, QT_TRANSLATE_NOOP("Core", "Outlook ready"))
    return CashOutlook(info.name, run_id, result, history, cashout, _plan_rows(planned),
                       service_level, notes, made_at=run["finished_at"], reopened=True,
                       planned=planned)


def stored_outlook_job(ctx: JobContext, db_path: str | os.PathLike, run_id: int,
                       **options: Any) -> CashOutlook:
    """Job: :func:`stored_outlook` on the store at ``db_path``."""
    with Store.open(db_path) as store:
        return stored_outlook(store, run_id, ctx=ctx, **options)
