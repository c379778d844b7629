"""Conformal prediction intervals from backtest residuals, per step ahead.

Residuals ``(actual - forecast) / level`` of the backtests are pooled across series and origins,
where ``level`` is the series' mean absolute value over the 28 days before the origin, so one set
of quantiles serves ATMs of every size. Step ``h`` uses the residuals of steps ``h - 3 .. h + 3``.
Quantiles of the signed residual give asymmetric bounds (cash demand is skewed upwards).

The same is done for the running total over the horizon (:attr:`Calibration.cumulative`), which
is what days-to-cash-out needs: the sum of per-day upper bounds would overstate its uncertainty.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

POOL_STEPS = 3
LEVEL_DAYS = 28


def level_scale(filled: np.ndarray) -> np.ndarray:
    """Per series, the mean absolute value of the last 28 days (1.0 where that is 0)."""
    scale = np.abs(filled[:, -LEVEL_DAYS:]).mean(axis=1)
    return np.where(scale > 0, scale, 1.0)


@dataclass(frozen=True)
class Calibration:
    """Relative residuals per step ahead: arrays shaped (examples, horizon), ``NaN`` = unknown."""

    daily: np.ndarray
    cumulative: np.ndarray

    @property
    def horizon(self) -> int:
        return self.daily.shape[1]

    @property
    def examples(self) -> int:
        """How many recorded residuals the quantiles of step 1 rest on."""
        return int(np.isfinite(self.daily[:, 0]).sum())

    def quantiles(self, probability: float, cumulative: bool = False) -> np.ndarray:
        """The ``probability`` quantile of the relative residual for each step (horizon,)."""
        ordered, counts = self._sorted_cumulative if cumulative else self._sorted_daily
        position = probability * np.maximum(counts - 1, 0)
        below = np.floor(position).astype(int)
        above = np.minimum(below + 1, np.maximum(counts - 1, 0))
        rows = np.arange(len(counts))
        low, high = ordered[rows, below], ordered[rows, above]
        value = low + (high - low) * (position - below)
        return np.where((counts > 0) & np.isfinite(value), value, 0.0)

    @cached_property
    def _sorted_daily(self) -> tuple[np.ndarray, np.ndarray]:
        return _pooled_sorted(self.daily)

    @cached_property
    def _sorted_cumulative(self) -> tuple[np.ndarray, np.ndarray]:
        return _pooled_sorted(self.cumulative)


def _pooled_sorted(source: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per step, the residuals of the neighbouring steps sorted (``NaN`` last) and their count."""
    padded = np.pad(source, ((0, 0), (POOL_STEPS, POOL_STEPS)), constant_values=np.nan)
    windows = sliding_window_view(padded, 2 * POOL_STEPS + 1, axis=1)
    pooled = np.sort(windows.transpose(1, 0, 2).reshape(source.shape[1], -1), axis=1)
    return pooled, np.isfinite(pooled).sum(axis=1)


def calibrate(actual: np.ndarray, forecast: np.ndarray, scale: np.ndarray) -> Calibration:
    """From backtests shaped (series, origins, horizon) and level scales (series, origins)."""
    horizon = actual.shape[-1]
    relative = (actual - forecast) / scale[..., None]
    running = (np.cumsum(actual, axis=-1) - np.cumsum(forecast, axis=-1)) / scale[..., None]
    return Calibration(relative.reshape(-1, horizon), running.reshape(-1, horizon))


def bounds(
    calibration: Calibration,
    forecast: np.ndarray,
    scale: np.ndarray,
    level: float,
    *,
    non_negative: bool,
    cumulative: bool = False,
) -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper bounds at ``level`` percent around ``forecast`` (series, horizon)."""
    tail = (1 - level / 100) / 2
    low = calibration.quantiles(tail, cumulative)[: forecast.shape[1]]
    high = calibration.quantiles(1 - tail, cumulative)[: forecast.shape[1]]
    lower = np.minimum(forecast + low[None, :] * scale[:, None], forecast)
    upper = np.maximum(forecast + high[None, :] * scale[:, None], forecast)
    if non_negative:
        lower, upper = np.maximum(lower, 0.0), np.maximum(upper, 0.0)
    return lower, upper


def out_of_sample_bounds(
    actual: np.ndarray,
    forecast: np.ndarray,
    scale: np.ndarray,
    levels: Sequence[float],
    *,
    non_negative: bool,
) -> dict[float, tuple[np.ndarray, np.ndarray]]:
    """Backtest bounds for each origin calibrated on the other origins only (honest coverage).

    With a single origin there is nothing else to calibrate on, so its own residuals are used
    and the coverage it yields is optimistic.
    """
    n_origins = actual.shape[1]
    result = {}
    for level in levels:
        lower = np.empty_like(forecast)
        upper = np.empty_like(forecast)
        for origin in range(n_origins):
            others = [k for k in range(n_origins) if k != origin] or [origin]
            calibration = calibrate(actual[:, others], forecast[:, others], scale[:, others])
            lower[:, origin], upper[:, origin] = bounds(
                calibration, forecast[:, origin], scale[:, origin], level,
                non_negative=non_negative,
            )
        result[level] = (lower, upper)
    return result
