"""The model registry and rolling-origin backtests.

A backtest cuts the history at origins ``T - horizon, T - 2 horizon, ...`` (non-overlapping
windows), fits each model on the days before the origin only (imputed afresh from those days) and
scores it on the recorded days of the next ``horizon`` days. Its residuals calibrate the
prediction intervals and its scores let ``auto`` choose a model: never the future.

Origins are independent pieces, and so is the final fit on all the data of the models the caller
expects to need (``final``): :func:`iotfin_gui.core.parallel.run_tasks` runs them in parallel
worker processes (one thread each on a two-core laptop) when the job has the cores, with the
same forecasts as a serial run.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from iotfin_gui.core.forecast import metrics
from iotfin_gui.core.forecast.data import MIN_OBSERVED_DAYS, Panel, impute
from iotfin_gui.core.forecast.intervals import level_scale
from iotfin_gui.core.forecast.ml import global_boosting
from iotfin_gui.core.forecast.models import CLASSICAL, History, Model
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message
from iotfin_gui.core.options import check_backtest
from iotfin_gui.core.parallel import run_tasks, takes_context

MODELS: dict[str, Model] = {**CLASSICAL, "ml": global_boosting}
#: The ensemble averages these members' forecasts.
ENSEMBLE_MEMBERS = ("ml", "weekday_profile")
MODEL_NAMES = (*MODELS, "ensemble")
#: How each model reads on screen (the names above are what runs and JSON hold).
MODEL_LABELS: dict[str, Message] = {
    "seasonal_naive": QT_TRANSLATE_NOOP("Core", "Seasonal naive"),
    "weekday_profile": QT_TRANSLATE_NOOP("Core", "Weekday profile"),
    "ets": QT_TRANSLATE_NOOP("Core", "ETS (exponential smoothing)"),
    "theta": QT_TRANSLATE_NOOP("Core", "Theta"),
    "ml": QT_TRANSLATE_NOOP("Core", "Gradient boosting (all ATMs)"),
    "ensemble": QT_TRANSLATE_NOOP("Core", "Ensemble (boosting and weekday profile)"),
}
BASELINE = "seasonal_naive"
#: Days of history a backtest origin needs before it.
MIN_HISTORY = 28
#: Backtest origins when none are asked for (fewer when the history is short).
DEFAULT_ORIGINS = 3


def model_label(name: str) -> str:
    """How model ``name`` reads on screen (:data:`MODEL_LABELS`; other names as they are)."""
    return MODEL_LABELS.get(name, name)


def required_models(names: Sequence[str]) -> list[str]:
    """The base models to fit for ``names`` (the ensemble needs its members)."""
    needed: list[str] = []
    for name in names:
        for base in ENSEMBLE_MEMBERS if name == "ensemble" else (name,):
            if base not in needed:
                needed.append(base)
    return needed


def history_of(panel: Panel, country: str | None, seed: int = 0) -> History:
    return History(panel.values, impute(panel.values), panel.dates, country, seed)


def predict(
    history: History,
    horizon: int,
    names: Sequence[str],
    ctx: JobContext | None = None,
    seconds: dict[str, float] | None = None,
    known: dict[str, np.ndarray] | None = None,
) -> dict[str, np.ndarray]:
    """Forecasts (series, horizon) of each model in ``names`` from one history (base models
    already forecast from that history can be passed in ``known``)."""
    forecasts: dict[str, np.ndarray] = dict(known or {})
    base = [name for name in required_models(names) if name not in forecasts]
    for index, name in enumerate(base):
        if ctx is not None:
            ctx.progress(index / len(base), QT_TRANSLATE_NOOP("Core", "Fitting {model}").format(
                model=model_label(name)))
        started = time.perf_counter()
        forecasts[name] = MODELS[name](history, horizon)
        if seconds is not None:
            seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - started
    if "ensemble" in names:
        forecasts["ensemble"] = np.mean([forecasts[m] for m in ENSEMBLE_MEMBERS], axis=0)
        if seconds is not None:
            seconds["ensemble"] = sum(seconds.get(m, 0.0) for m in ENSEMBLE_MEMBERS)
    return {name: forecasts[name] for name in names}


@dataclass(frozen=True)
class Backtest:
    """Forecasts and actuals shaped (series, origins, horizon); origins count the days known."""

    origins: tuple[int, ...]
    forecasts: dict[str, np.ndarray]
    actual: np.ndarray
    mase_scale: np.ndarray
    level: np.ndarray
    seconds: dict[str, float]
    final: dict[str, np.ndarray] | None = None

    def scores(self, name: str) -> dict[str, np.ndarray]:
        """Per series: sMAPE, MASE, MAE and RMSE averaged over the origins."""
        forecast = self.forecasts[name]
        n, k, horizon = forecast.shape
        flat_actual = self.actual.reshape(n * k, horizon)
        flat_forecast = forecast.reshape(n * k, horizon)
        per_origin = {
            "smape": metrics.smape(flat_actual, flat_forecast),
            "mase": metrics.mase(flat_actual, flat_forecast, self.mase_scale.reshape(-1)),
            "mae": metrics.mae(flat_actual, flat_forecast),
            "rmse": metrics.rmse(flat_actual, flat_forecast),
        }
        return {key: _mean_over_origins(value.reshape(n, k)) for key, value in per_origin.items()}


def _mean_over_origins(values: np.ndarray) -> np.ndarray:
    finite = np.isfinite(values)
    counts = finite.sum(axis=1)
    totals = np.where(finite, values, 0.0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(counts > 0, totals / counts, np.nan)


def backtest_origins(length: int, horizon: int, n_origins: int | None) -> tuple[int, ...]:
    """Origins ``length - k * horizon`` that leave at least :data:`MIN_HISTORY` days before;
    refused (naming how many fit) when ``n_origins`` of them do not. ``None``: as many as fit,
    up to :data:`DEFAULT_ORIGINS`."""
    if n_origins is None:
        n_origins = max(1, min(DEFAULT_ORIGINS, (length - MIN_HISTORY) // horizon))
    check_backtest(length, horizon, n_origins, MIN_HISTORY)
    return tuple(length - k * horizon for k in range(1, n_origins + 1))


@takes_context
def forecast_piece(panel: Panel, origin: int | None, horizon: int, names: Sequence[str],
                    country: str | None, seed: int, ctx: JobContext | None = None
                    ) -> tuple[dict[str, np.ndarray], dict[str, float]]:
    """The forecasts of ``names`` from the days before ``origin`` (None: every day) and the
    seconds each took (a piece of :func:`run_backtest`)."""
    history = history_of(panel if origin is None else panel.head(origin), country, seed)
    seconds: dict[str, float] = {}
    return predict(history, horizon, names, ctx, seconds), seconds


def run_backtest(
    panel: Panel,
    horizon: int,
    names: Sequence[str],
    *,
    n_origins: int | None = None,
    country: str | None = None,
    seed: int = 0,
    ctx: JobContext | None = None,
    final: Sequence[str] = (),
) -> Backtest:
    """Backtest every model in ``names`` at rolling origins (latest first); with ``final``,
    also forecast those models from all the data (kept in :attr:`Backtest.final`)."""
    origins = backtest_origins(panel.length, horizon, n_origins)
    pieces = [(panel, origin, horizon, list(names), country, seed) for origin in origins]
    if final:
        pieces.append((panel, None, horizon, list(final), country, seed))
    done = dict(run_tasks(forecast_piece, pieces, ctx,
                          describe=lambda i: _piece_message(i, len(origins)),
                          seconds=_estimated_seconds(panel, names, len(pieces))))
    forecasts: dict[str, list[np.ndarray]] = {name: [] for name in names}
    actual, mase_scale, level = [], [], []
    seconds: dict[str, float] = {}
    for index, origin in enumerate(origins):
        predicted, took = done[index]
        for name, forecast in predicted.items():
            forecasts[name].append(forecast)
            seconds[name] = seconds.get(name, 0.0) + took.get(name, 0.0)
        history = history_of(panel.head(origin), country, seed)
        window = panel.values[:, origin : origin + horizon].copy()
        enough = np.isfinite(history.raw).sum(axis=1) >= MIN_OBSERVED_DAYS
        window[~enough] = np.nan
        actual.append(window)
        mase_scale.append(metrics.seasonal_scale(history.raw))
        level.append(level_scale(history.filled))
    return Backtest(
        origins=origins,
        forecasts={name: np.stack(values, axis=1) for name, values in forecasts.items()},
        actual=np.stack(actual, axis=1),
        mase_scale=np.stack(mase_scale, axis=1),
        level=np.stack(level, axis=1),
        seconds=seconds,
        final=done[len(origins)][0] if final else None,
    )


def _piece_message(index: int, origins: int) -> Message:
    if index >= origins:
        return QT_TRANSLATE_NOOP("Core", "Fitting on all the data")
    return QT_TRANSLATE_NOOP("Core", "Backtest origin {origin} of {origins}").format(
        origin=index + 1, origins=origins)


def _estimated_seconds(panel: Panel, names: Sequence[str], pieces: int) -> float:
    """Rough seconds of the pieces: the global model dominates (about a second per 10,000
    training examples), the classical models are vectorised and quick."""
    if "ml" not in required_models(names):
        return 0.1 * pieces
    return pieces * min(panel.n_series * panel.length * 8, 80_000) / 10_000
