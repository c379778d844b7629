"""Forecast accuracy: sMAPE, MASE, MAE, RMSE and interval coverage, skipping missing actuals.

Definitions follow the Monash archive (see shared/data/BENCHMARKS.md): sMAPE per series is the
mean of ``200 |F - Y| / (|F| + |Y|)`` with a term of 0 when both are 0; MASE divides the MAE by
the in-sample MAE of the lag-7 seasonal naive forecast, pairs with a missing day skipped. All
functions take arrays shaped ``(series, ..., horizon)`` and reduce the last axes to one value per
series; a series with no recorded actual in the window gets ``NaN`` and is left out of means.
"""

from __future__ import annotations

import warnings

import numpy as np

from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message

SEASON = 7
#: How the backtest scores read on screen (the keys are what results, runs and JSON hold).
METRIC_LABELS: dict[str, Message] = {
    "smape": QT_TRANSLATE_NOOP("Core", "sMAPE (%)"),
    "mase": QT_TRANSLATE_NOOP("Core", "MASE"),
    "mae": QT_TRANSLATE_NOOP("Core", "MAE"),
    "rmse": QT_TRANSLATE_NOOP("Core", "RMSE"),
    "seconds": QT_TRANSLATE_NOOP("Core", "Seconds"),
}


def metric_label(key: str) -> str:
    """How a score reads on screen; ``coverage_95`` is the 95 % interval's coverage."""
    if key.startswith("coverage_") and key[9:].isdigit():
        return QT_TRANSLATE_NOOP("Core", "{level}% interval coverage").format(level=int(key[9:]))
    return METRIC_LABELS.get(key, key)


def seasonal_scale(history: np.ndarray, season: int = SEASON) -> np.ndarray:
    """Per series, the in-sample MAE of the lag-``season`` naive forecast (missing days skipped).

    A series whose scale is 0 or undefined (constant, or too short) gets ``NaN``.
    """
    diffs = np.abs(history[:, season:] - history[:, :-season])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        scale = np.nanmean(diffs, axis=1) if diffs.shape[1] else np.full(len(history), np.nan)
    return np.where(scale > 0, scale, np.nan)


def _flat(array: np.ndarray) -> np.ndarray:
    return array.reshape(array.shape[0], -1)


def _nanmean(array: np.ndarray) -> np.ndarray:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.nanmean(_flat(array), axis=1)


def smape(actual: np.ndarray, forecast: np.ndarray) -> np.ndarray:
    """Mean sMAPE in percent per series."""
    denominator = np.abs(forecast) + np.abs(actual)
    with np.errstate(invalid="ignore", divide="ignore"):
        terms = np.where(denominator > 0, 200.0 * np.abs(forecast - actual) / denominator, 0.0)
    return _nanmean(np.where(np.isfinite(actual), terms, np.nan))


def mae(actual: np.ndarray, forecast: np.ndarray) -> np.ndarray:
    return _nanmean(np.abs(actual - forecast))


def rmse(actual: np.ndarray, forecast: np.ndarray) -> np.ndarray:
    return np.sqrt(_nanmean((actual - forecast) ** 2))


def mase(actual: np.ndarray, forecast: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """MAE over the window divided by each series' ``scale`` (see :func:`seasonal_scale`)."""
    return mae(actual, forecast) / scale


def coverage(actual: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> np.ndarray:
    """Share (0..1) of recorded actuals inside ``[lower, upper]`` per series."""
    inside = ((actual >= lower) & (actual <= upper)).astype(float)
    return _nanmean(np.where(np.isfinite(actual), inside, np.nan))


def mean_of(values: np.ndarray) -> float:
    """Mean over series, ignoring series without a defined value; ``NaN`` if none has one."""
    finite = values[np.isfinite(values)]
    return float(finite.mean()) if finite.size else float("nan")
