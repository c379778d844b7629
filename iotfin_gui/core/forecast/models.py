"""Per-series classical models, vectorised across series with NumPy.

Every model is a function ``model(history, horizon) -> ndarray (series, horizon)`` that sees only
the imputed history it is given, so a backtest that passes the days before an origin cannot leak
the future. Parameters are chosen per series by in-sample one-step error over a small grid, which
keeps the whole fleet to a few array operations per day of history.

* ``seasonal_naive``: the last week repeated (the baseline every score is compared with);
* ``weekday_profile``: the median of the last eight values of the same weekday;
* ``ets``: additive-error exponential smoothing with a weekly seasonal state, ETS(A,N,A);
* ``theta``: the Theta method (Assimakopoulos & Nikolopoulos) on multiplicatively deseasonalised
  data: simple exponential smoothing plus half the linear trend.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

SEASON = 7
ALPHAS = np.array([0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7])
GAMMAS = np.array([0.0, 0.02, 0.05, 0.1, 0.2])
FIT_WINDOW = 364


@dataclass(frozen=True)
class History:
    """What a model may see: recorded values (``NaN`` = missing), the imputed copy, the dates."""

    raw: np.ndarray
    filled: np.ndarray
    dates: pd.DatetimeIndex
    country: str | None = None
    seed: int = 0

    @property
    def length(self) -> int:
        return self.filled.shape[1]

    @cached_property
    def non_negative(self) -> bool:
        return bool((self.filled >= 0).all())

    def future_dates(self, horizon: int) -> pd.DatetimeIndex:
        return pd.date_range(self.dates[-1] + pd.Timedelta(days=1), periods=horizon, freq="D")


Model = Callable[[History, int], np.ndarray]


def _weekly_positions(length: int, horizon: int) -> np.ndarray:
    """For each step ahead, the index of the latest history day of the same weekday."""
    steps = np.arange(horizon)
    return length - SEASON + steps % SEASON


def seasonal_naive(history: History, horizon: int) -> np.ndarray:
    return history.filled[:, _weekly_positions(history.length, horizon)]


def weekday_profile(history: History, horizon: int, weeks: int = 8) -> np.ndarray:
    latest = _weekly_positions(history.length, horizon)
    weeks = max(1, min(weeks, history.length // SEASON))
    stack = np.stack([history.filled[:, latest - SEASON * k] for k in range(weeks)])
    return np.median(stack, axis=0)


def ets(history: History, horizon: int) -> np.ndarray:
    """ETS(A,N,A) with weekly seasonality; alpha and gamma picked per series on a grid."""
    values = history.filled[:, -FIT_WINDOW - SEASON * 4:]
    n, length = values.shape
    alpha, gamma = (grid.ravel() for grid in np.meshgrid(ALPHAS, GAMMAS, indexing="ij"))
    warm = min(4 * SEASON, length)
    start = values[:, :warm]
    level = np.repeat(start.mean(axis=1, keepdims=True), alpha.size, axis=1)
    seasonal = np.zeros((n, alpha.size, SEASON))
    for day in range(SEASON):
        seasonal[:, :, day] = (start[:, day::SEASON].mean(axis=1) - start.mean(axis=1))[:, None]
    sse = np.zeros((n, alpha.size))
    for t in range(length):
        position = t % SEASON
        error = values[:, t : t + 1] - (level + seasonal[:, :, position])
        if t >= warm:
            sse += error**2
        level = level + alpha * error
        seasonal[:, :, position] += gamma * error
    best = np.argmin(sse, axis=1)
    rows = np.arange(n)
    positions = (length + np.arange(horizon)) % SEASON
    forecast = level[rows, best][:, None] + seasonal[rows, best][:, positions]
    return np.maximum(forecast, 0.0) if history.non_negative else forecast


def _seasonal_indices(values: np.ndarray) -> np.ndarray:
    """Multiplicative weekday indices (mean 1) by ratio to a centred 7-day moving average."""
    n = values.shape[0]
    kernel = np.ones(SEASON) / SEASON
    average = np.apply_along_axis(lambda row: np.convolve(row, kernel, mode="valid"), 1, values)
    middle = values[:, SEASON // 2 : SEASON // 2 + average.shape[1]]
    with np.errstate(divide="ignore", invalid="ignore"):
        ratios = np.where(average > 0, middle / average, np.nan)
    indices = np.ones((n, SEASON))
    offset = SEASON // 2
    for position in range(SEASON):
        chunk = ratios[:, (position - offset) % SEASON :: SEASON]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            indices[:, position] = np.nanmean(chunk, axis=1)
    indices = np.where(np.isfinite(indices) & (indices > 0), indices, 1.0)
    return indices / indices.mean(axis=1, keepdims=True)


def theta(history: History, horizon: int) -> np.ndarray:
    """The standard Theta method with weekly multiplicative seasonality."""
    values = history.filled[:, -FIT_WINDOW - SEASON * 4:]
    n, length = values.shape
    seasonal = history.non_negative and length >= 3 * SEASON
    indices = _seasonal_indices(values) if seasonal else np.ones((n, SEASON))
    season_of_day = indices[:, np.arange(length) % SEASON]
    adjusted = values / season_of_day
    level = np.repeat(adjusted[:, :1], ALPHAS.size, axis=1)
    sse = np.zeros((n, ALPHAS.size))
    for t in range(1, length):
        error = adjusted[:, t : t + 1] - level
        sse += error**2
        level = level + ALPHAS * error
    best = np.argmin(sse, axis=1)
    rows = np.arange(n)
    alpha = ALPHAS[best]
    time = np.arange(length)
    slope = ((adjusted - adjusted.mean(axis=1, keepdims=True)) * (time - time.mean())).sum(
        axis=1
    ) / ((time - time.mean()) ** 2).sum()
    steps = np.arange(horizon)
    drift = (slope / 2)[:, None] * (
        steps[None, :] + ((1 - (1 - alpha) ** length) / alpha)[:, None]
    )
    forecast = level[rows, best][:, None] + drift
    positions = (length + steps) % SEASON
    return forecast * indices[:, positions]


CLASSICAL: dict[str, Model] = {
    "seasonal_naive": seasonal_naive,
    "weekday_profile": weekday_profile,
    "ets": ets,
    "theta": theta,
}
