"""The forecasting entry points: :func:`forecast`, :func:`store_forecast` and the GUI job.

``forecast`` puts a long table on a daily grid, backtests the candidate models at rolling
origins, picks one (``auto``: the lowest mean backtest MASE, ties to sMAPE), refits it on all the
data and adds conformal intervals calibrated on that model's backtest residuals. Nothing here
imports Qt; the GUI runs :func:`forecast_job` in a worker process.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from os import PathLike
from typing import Any

import numpy as np
import pandas as pd

from iotfin_gui.core.data_hash import frame_hash
from iotfin_gui.core.errors import InputError
from iotfin_gui.core.forecast import partition
from iotfin_gui.core.forecast.backtest import (
    BASELINE,
    MODEL_NAMES,
    Backtest,
    history_of,
    model_label,
    predict,
    required_models,
)
from iotfin_gui.core.forecast.calendar import calendar_warning
from iotfin_gui.core.forecast.data import Panel, to_panel
from iotfin_gui.core.forecast.intervals import (
    Calibration,
    bounds,
    calibrate,
    level_scale,
    out_of_sample_bounds,
)
from iotfin_gui.core.forecast.metrics import coverage, mean_of
from iotfin_gui.core.forecast.stored import stored_panel
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.lineage import utc_now
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.store import DatasetInfo, Store

MAX_HORIZON = 366
DEFAULT_LEVELS = (80, 95)
DEFAULT_SERVICE_LEVEL = 0.95


@dataclass
class ForecastResult:
    """A finished forecast with everything needed to judge, store, plot and plan from it.

    * ``forecast``: one row per (series_id, date): ``forecast``, ``lo_80``, ``hi_80``, ...;
    * ``metrics``: backtest scores per (model, series_id); ``overall``: their means per model
      (index = model) with interval coverage and seconds;
    * ``backtest``: the backtest forecasts and actuals per (model, origin, series_id, date), with
      bounds calibrated on the other origins, for plotting;
    * ``calibration`` and ``scale``: the chosen model's residuals and each series' level, which
      :mod:`.cashout` turns into bounds for cumulative demand.
    """

    forecast: pd.DataFrame
    model: str
    metrics: pd.DataFrame
    overall: pd.DataFrame
    backtest: pd.DataFrame
    calibration: Calibration
    scale: pd.Series
    horizon: int
    levels: tuple[int, ...]
    params: dict[str, Any]
    non_negative: bool = True
    warnings: list[str] = field(default_factory=list)
    data_hash: str = ""
    started_at: str = ""
    duration_s: float = 0.0

    @property
    def series_ids(self) -> list[str]:
        return list(self.scale.index)

    def chosen_metrics(self) -> dict[str, float]:
        """The chosen model's overall backtest metrics (sMAPE %, MASE, MAE, RMSE, coverage)."""
        row = self.overall.loc[self.model]
        return {key: _json_float(value) for key, value in row.items()}

    def summary(self) -> dict[str, Any]:
        """A JSON-able digest for the CLI and the run log."""
        return {
            "model": self.model,
            "series": len(self.scale),
            "horizon": self.horizon,
            "levels": list(self.levels),
            "first_date": str(self.forecast["date"].min().date()),
            "last_date": str(self.forecast["date"].max().date()),
            "backtest": self.chosen_metrics(),
            "models": {
                name: {key: _json_float(value) for key, value in row.items()}
                for name, row in self.overall.iterrows()
            },
            "warnings": self.warnings,
            "seconds": round(self.duration_s, 2),
        }


def _json_float(value: Any) -> float | None:
    value = float(value)
    return round(value, 4) if math.isfinite(value) else None


def _check_options(horizon: int, model: str, levels: Sequence[float]) -> tuple[int, ...]:
    if not isinstance(horizon, (int, np.integer)) or not 1 <= horizon <= MAX_HORIZON:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "The horizon must be a whole number of days from 1 to {maximum}, not "
            "{value!r}.").format(maximum=MAX_HORIZON, value=horizon))
    if model != "auto" and model not in MODEL_NAMES:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "Unknown model {model!r}; choose auto or one of {models}.").format(
                model=model, models=", ".join(MODEL_NAMES)))
    checked = []
    for level in levels:
        if not isinstance(level, (int, float, np.number)) or not 0 < level < 100 or \
                float(level) != int(level):
            raise InputError(QT_TRANSLATE_NOOP(
                "Core", "An interval level must be a whole percentage between 1 and 99, not "
                "{value!r}.").format(value=level))
        checked.append(int(level))
    return tuple(sorted(set(checked)))


def forecast(
    frame: pd.DataFrame,
    *,
    id_col: str,
    time_col: str,
    value_col: str,
    horizon: int = 56,
    model: str = "auto",
    levels: Sequence[float] = DEFAULT_LEVELS,
    holidays_country: str | None = None,
    n_origins: int | None = None,
    duplicates: str = "error",
    seed: int = 0,
    ctx: JobContext | None = None,
) -> ForecastResult:
    """Forecast every series of a long table ``horizon`` days past its last date.

    ``model`` is ``auto`` (every model is backtested and the best by mean MASE is used) or one of
    :data:`MODEL_NAMES`. ``holidays_country`` is a ``holidays`` calendar such as ``GB-ENG`` or
    ``CN`` (or ``None``). Progress goes to ``ctx``, which is also checked for cancel.
    """
    ctx = ctx or JobContext()
    started_at, started = utc_now(), time.perf_counter()
    _check_options(horizon, model, levels)
    ctx.progress(0.0, QT_TRANSLATE_NOOP("Core", "Preparing series"))
    panel = to_panel(frame, id_col=id_col, time_col=time_col, value_col=value_col,
                     duplicates=duplicates)
    return forecast_panel(
        panel, data_hash=frame_hash(frame[[id_col, time_col, value_col]]),
        columns=(id_col, time_col, value_col), horizon=horizon, model=model, levels=levels,
        holidays_country=holidays_country, n_origins=n_origins, duplicates=duplicates,
        seed=seed, ctx=ctx, started=(started_at, started))


def forecast_panel(
    panel: Panel,
    *,
    data_hash: str,
    columns: tuple[str, str, str],
    horizon: int = 56,
    model: str = "auto",
    levels: Sequence[float] = DEFAULT_LEVELS,
    holidays_country: str | None = None,
    n_origins: int | None = None,
    duplicates: str = "error",
    seed: int = 0,
    ctx: JobContext | None = None,
    started: tuple[str, float] | None = None,
) -> ForecastResult:
    """:func:`forecast` of series already on their daily grid (``columns``: the id, date and
    value columns they came from; ``data_hash``: those columns' data hash)."""
    ctx = ctx or JobContext()
    started_at, started_clock = started or (utc_now(), time.perf_counter())
    levels = _check_options(horizon, model, levels)
    id_col, time_col, value_col = columns
    misfit = calendar_warning(panel.dates, panel.values, holidays_country)
    candidates = list(MODEL_NAMES) if model == "auto" else list(dict.fromkeys([model, BASELINE]))
    # The final fit runs beside the backtest: the chosen model's, or for auto the global
    # model's (the costly one, which auto picks on ATM data; the others refit in a moment).
    final = required_models(["ml"] if model == "auto" else [model])
    backtest = partition.backtest(panel, horizon, candidates, n_origins=n_origins,
                                  country=holidays_country, seed=seed,
                                  ctx=ctx.scaled(0.02, 0.9),
                                  final=[name for name in final if name in
                                         required_models(candidates)])
    non_negative = panel.non_negative
    metrics_frame, overall, plot_frame = _score(backtest, panel, levels, non_negative)
    chosen = model if model != "auto" else _pick(overall)
    ctx.progress(0.9, QT_TRANSLATE_NOOP("Core", "Fitting {model} on all the data").format(
        model=model_label(chosen)))
    history = history_of(panel, holidays_country, seed)
    point = predict(history, horizon, [chosen], ctx.scaled(0.9, 0.97),
                    known=backtest.final)[chosen]
    calibration = calibrate(backtest.actual, backtest.forecasts[chosen], backtest.level)
    scale = level_scale(history.filled)
    dates = history.future_dates(horizon)
    table = pd.DataFrame({
        "series_id": np.repeat(np.asarray(panel.ids, dtype=object), horizon),
        "date": np.tile(dates, panel.n_series),
        "forecast": point.ravel(),
    })
    for level in levels:
        lower, upper = bounds(calibration, point, scale, level, non_negative=non_negative)
        table[f"lo_{level}"], table[f"hi_{level}"] = lower.ravel(), upper.ravel()
    ctx.progress(1.0, QT_TRANSLATE_NOOP("Core", "Forecast ready"))
    return ForecastResult(
        forecast=table,
        model=chosen,
        metrics=metrics_frame,
        overall=overall,
        backtest=plot_frame,
        calibration=calibration,
        scale=pd.Series(scale, index=list(panel.ids), name="level"),
        horizon=horizon,
        levels=levels,
        params={
            "id_col": id_col, "time_col": time_col, "value_col": value_col, "horizon": horizon,
            "model": model, "chosen": chosen, "levels": list(levels),
            "holidays_country": holidays_country, "n_origins": len(backtest.origins),
            "duplicates": duplicates, "seed": seed,
        },
        non_negative=non_negative,
        warnings=[*panel.warnings, *([misfit] if misfit else [])],
        data_hash=data_hash,
        started_at=started_at,
        duration_s=time.perf_counter() - started_clock,
    )


def _pick(overall: pd.DataFrame) -> str:
    ranked = overall.dropna(subset=["mase"]).sort_values(["mase", "smape"])
    return str(ranked.index[0]) if len(ranked) else BASELINE


def _score(
    backtest: Backtest, panel: Panel, levels: Sequence[int], non_negative: bool
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Per-series and overall backtest scores of every model, and the long plotting frame."""
    per_series, overall, plots = [], {}, []
    n = backtest.actual.shape[0]
    origin_dates = panel.dates[[origin - 1 for origin in backtest.origins]]
    for name, forecast in backtest.forecasts.items():
        scores = backtest.scores(name)
        honest = out_of_sample_bounds(backtest.actual, forecast, backtest.level, levels,
                                      non_negative=non_negative)
        covered = {
            f"coverage_{level}": coverage(backtest.actual.reshape(n, -1),
                                          lower.reshape(n, -1), upper.reshape(n, -1))
            for level, (lower, upper) in honest.items()
        }
        per_series.append(pd.DataFrame({"model": name, "series_id": list(panel.ids),
                                        **scores, **covered}))
        overall[name] = {
            **{key: mean_of(value) for key, value in scores.items()},
            **{key: _pooled_coverage(backtest.actual, honest[int(key[9:])])
               for key in covered},
            "seconds": backtest.seconds.get(name, float("nan")),
        }
        plots.append(_plot_columns(name, backtest, panel, forecast, honest, origin_dates))
    overall_frame = pd.DataFrame.from_dict(overall, orient="index")
    overall_frame.index.name = "model"
    return (pd.concat(per_series, ignore_index=True), overall_frame, _long_frame(plots))


def _plot_columns(name: str, backtest: Backtest, panel: Panel, forecast: np.ndarray,
                  honest: dict[int, tuple[np.ndarray, np.ndarray]],
                  origin_dates: pd.DatetimeIndex) -> dict[str, np.ndarray]:
    """One model's rows of the plotting frame as arrays, (origin, series, date) in that order
    (the frame of 10,000 ATMs has 5 million rows: no frame per origin, no concatenation)."""
    n, origins, horizon = backtest.actual.shape
    ids = np.asarray(panel.ids, dtype=object)
    columns = {
        "model": np.full(n * origins * horizon, name, dtype=object),
        "origin": np.repeat(origin_dates.to_numpy(), n * horizon),
        "series_id": np.tile(np.repeat(ids, horizon), origins),
        "date": np.concatenate([np.tile(panel.dates[o : o + horizon].to_numpy(), n)
                                for o in backtest.origins]),
        "actual": backtest.actual.transpose(1, 0, 2).ravel(),
        "forecast": forecast.transpose(1, 0, 2).ravel(),
    }
    for level, (lower, upper) in honest.items():
        columns[f"lo_{level}"] = lower.transpose(1, 0, 2).ravel()
        columns[f"hi_{level}"] = upper.transpose(1, 0, 2).ravel()
    return columns


def _long_frame(parts: list[dict[str, np.ndarray]]) -> pd.DataFrame:
    """The parts' columns one after the other, each column joined and its parts let go before
    the next (one block per column: no consolidating copy of the whole frame)."""
    rows = sum(len(next(iter(part.values()))) for part in parts)
    frame = pd.DataFrame(index=pd.RangeIndex(rows))
    for name in list(parts[0]) if parts else []:
        frame[name] = np.concatenate([part.pop(name) for part in parts])
    return frame


def _pooled_coverage(actual: np.ndarray, bounds_pair: tuple[np.ndarray, np.ndarray]) -> float:
    lower, upper = bounds_pair
    recorded = np.isfinite(actual)
    if not recorded.any():
        return float("nan")
    inside = (actual >= lower) & (actual <= upper)
    return float(inside[recorded].mean())


def cashout_scope(probability: float) -> str:
    """The run-metrics scope holding the cumulative residual quantiles at ``probability``."""
    return f"cashout:q{round(float(probability), 4):g}"


def check_service_level(service_level: float) -> float:
    """``service_level`` as a float; raises :class:`InputError` unless 0.5 <= it < 1."""
    if not isinstance(service_level, (int, float, np.number)) or not 0.5 <= service_level < 1:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "The service level must be between 0.5 and 1 (e.g. 0.95), not {value!r}.")
            .format(value=service_level))
    return float(service_level)


def cashout_probabilities(service_level: float) -> list[float]:
    """The probabilities whose quantiles days to cash-out and the refill plan read at
    ``service_level`` (computed as :mod:`.cashout` does, so that stored values are the same)."""
    level = check_service_level(service_level)
    return list({cashout_scope(p): p for p in (1 - level, level)}.values())


def store_forecast(store: Store, result: ForecastResult,
                   dataset: DatasetInfo | str | int | None = None, *,
                   service_level: float = DEFAULT_SERVICE_LEVEL) -> int:
    """Record ``result`` as a ``forecast`` run with its forecasts and intervals; returns the run id.

    Besides the backtest scores (scopes ``backtest``, ``backtest:<model>``, ``series:<id>``),
    the run keeps what days to cash-out and the refill plan need, so that they can be rebuilt
    later without forecasting again: each series' level scale (``series:<id>``, ``scale``) and the
    cumulative residual quantiles at ``service_level`` and its complement (scopes from
    :func:`cashout_scope`, one value per day ahead named ``day_001``...), and the cash plan's
    demand scenarios (:func:`iotfin_gui.core.cashplan.replan.plan_metrics`); ``service_level`` joins
    the run's params. Everything is written in one transaction: a failure leaves no trace.
    """
    info = dataset if isinstance(dataset, DatasetInfo) or dataset is None else \
        store.dataset(dataset)
    metrics = {("backtest", key): (value, None)
               for key, value in result.chosen_metrics().items() if value is not None}
    for name, row in result.overall.iterrows():
        for key, value in row.items():
            metrics[(f"backtest:{name}", str(key))] = (float(value), None)
    chosen = result.metrics[result.metrics["model"] == result.model]
    for row in chosen.itertuples(index=False):
        for key in ("smape", "mase"):
            metrics[(f"series:{row.series_id}", key)] = (float(getattr(row, key)), None)
    for series_id, scale in result.scale.items():
        metrics[(f"series:{series_id}", "scale")] = (float(scale), None)
    for probability in cashout_probabilities(service_level):
        quantiles = result.calibration.quantiles(probability, cumulative=True)
        for step, value in enumerate(quantiles, start=1):
            metrics[(cashout_scope(probability), f"day_{step:03d}")] = (float(value), None)
    if result.calibration.daily.size:
        # The plan's scenarios (the cash plan builds on the forecast, hence the late import).
        from iotfin_gui.core.cashplan.demand import result_residuals
        from iotfin_gui.core.cashplan.replan import plan_metrics

        metrics.update(plan_metrics(result, result_residuals(result)))
    dates = result.forecast["date"].dt.strftime("%Y-%m-%d")
    ids = result.forecast["series_id"].astype(str)
    with store.atomic():
        run_id = store.record_run(
            "forecast",
            (QT_TRANSLATE_NOOP("Core", "Forecast {horizon} days ({model})")
             if info is None else
             QT_TRANSLATE_NOOP("Core", "Forecast {horizon} days ({model}) of {dataset}")).format(
                horizon=result.horizon, model=model_label(result.model),
                dataset=None if info is None else info.name),
            started_at=result.started_at or utc_now(),
            duration_s=result.duration_s,
            dataset_id=None if info is None else info.id,
            data_hash=result.data_hash or (None if info is None else info.data_hash),
            params={**result.params, "service_level": float(service_level)},
            seed=result.params.get("seed"),
            metrics=metrics,
        )
        store.conn.executemany(
            "INSERT INTO forecasts (run_id, series_id, ds, forecast) VALUES (?, ?, ?, ?)",
            zip([run_id] * len(ids), ids, dates, result.forecast["forecast"].astype(float),
                strict=True),
        )
        for level in result.levels:
            store.conn.executemany(
                "INSERT INTO forecast_intervals (run_id, series_id, ds, level, lo, hi) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                zip([run_id] * len(ids), ids, dates, [level] * len(ids),
                    result.forecast[f"lo_{level}"].astype(float),
                    result.forecast[f"hi_{level}"].astype(float), strict=True),
            )
    return run_id


def dataset_columns(info: DatasetInfo, id_col: str | None = None, time_col: str | None = None,
                    value_col: str | None = None) -> tuple[str, str, str]:
    """The id, date and value columns: as given, else from the dataset's roles."""
    chosen = (
        id_col or info.column_for("device_id"),
        time_col or info.column_for("timestamp"),
        value_col or info.column_for("amount"),
    )
    roles = (QT_TRANSLATE_NOOP("Core", "series id"), QT_TRANSLATE_NOOP("Core", "date"),
             QT_TRANSLATE_NOOP("Core", "value"))
    for column, what, option in zip(chosen, roles, ("id", "time", "value"), strict=True):
        if column is None:
            raise InputError(QT_TRANSLATE_NOOP(
                "Core", "Dataset {dataset!r} has no {role} column role; name the column "
                "(--{option}-col).").format(dataset=info.name, role=what, option=option))
        if column not in info.column_names:
            raise InputError(QT_TRANSLATE_NOOP("Core", "dataset {dataset!r} has no column "
                                               "{column!r}").format(dataset=info.name,
                                                                    column=column),
                             column=column)
    return chosen


def forecast_dataset(store: Store, dataset: str | int, *, id_col: str | None = None,
                     time_col: str | None = None, value_col: str | None = None,
                     ctx: JobContext | None = None, **options: Any) -> ForecastResult:
    """Forecast a stored dataset, its columns defaulting to the dataset's roles."""
    ctx = ctx or JobContext()
    started = utc_now(), time.perf_counter()
    _check_options(options.get("horizon", 56), options.get("model", "auto"),
                   options.get("levels", DEFAULT_LEVELS))
    info = store.dataset(dataset)
    columns = dataset_columns(info, id_col, time_col, value_col)
    ctx.progress(0.0, QT_TRANSLATE_NOOP("Core", "Preparing series"))
    panel, data_hash = stored_panel(store, info, columns, options.get("duplicates", "error"))
    return forecast_panel(panel, data_hash=data_hash, columns=columns, ctx=ctx, started=started,
                          **options)


def forecast_job(ctx: JobContext, db_path: str | PathLike, dataset: str | int,
                 **options: Any) -> dict[str, Any]:
    """GUI job: forecast a stored dataset and record the run; returns the summary with run_id.

    ``options`` are those of :func:`forecast` plus ``id_col``, ``time_col``, ``value_col``.
    """
    with Store.open(db_path) as store:
        result = forecast_dataset(store, dataset, ctx=ctx.scaled(0.0, 0.95), **options)
        ctx.progress(0.96, QT_TRANSLATE_NOOP("Core", "Saving the forecast"))
        run_id = store_forecast(store, result, store.dataset(dataset))
    ctx.progress(1.0, QT_TRANSLATE_NOOP("Core", "Forecast saved"))
    return {"run_id": run_id, **result.summary()}


def read_forecast(store: Store, run_id: int) -> pd.DataFrame:
    """A stored forecast run back as the wide table (series_id, date, forecast, lo_80, ...)."""
    table = pd.DataFrame(
        store.conn.execute(
            "SELECT series_id, ds, forecast FROM forecasts WHERE run_id = ? "
            "ORDER BY series_id, ds", [run_id]
        ).fetchall(),
        columns=["series_id", "date", "forecast"],
    )
    intervals = pd.DataFrame(
        store.conn.execute(
            "SELECT series_id, ds, level, lo, hi FROM forecast_intervals WHERE run_id = ?",
            [run_id],
        ).fetchall(),
        columns=["series_id", "date", "level", "lo", "hi"],
    )
    for level, part in intervals.groupby("level"):
        part = part.rename(columns={"lo": f"lo_{level}", "hi": f"hi_{level}"})
        table = table.merge(part.drop(columns="level"), on=["series_id", "date"], how="left")
    table["date"] = pd.to_datetime(table["date"])
    return table


def levels_of(text: str | Sequence[float] | None) -> tuple[int, ...]:
    """Parse ``"80,95"`` (or a sequence) into interval levels; raises :class:`InputError`."""
    if text is None:
        return DEFAULT_LEVELS
    if isinstance(text, str):
        try:
            values = [float(part) for part in text.split(",") if part.strip()]
        except ValueError as error:
            raise InputError(QT_TRANSLATE_NOOP(
                "Core", "Cannot read interval levels from {text!r}; write e.g. 80,95.").format(
                    text=text)) from error
    else:
        values = list(text)
    return _check_options(1, "auto", values)
