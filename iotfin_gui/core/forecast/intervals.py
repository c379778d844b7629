"""Conformal prediction intervals from backtest residuals, per step ahead and per ATM.

Residuals ``(actual - forecast) / level`` of the backtests (``level``: the series' mean absolute
value over the 28 days before the origin) are what a :class:`Calibration` keeps. An interval is
the ATM's forecast plus a pooled *shape* times the ATM's own *scale*:

* the scale is ``level`` times the ATM's *spread*, how wide its own relative residuals were
  compared with the fleet's (mean absolute value), shrunk towards 1 when it has few of them
  (empirical Bayes with :data:`SPREAD_SHRINK` pseudo-days at the fleet's value);
* the shape is the quantiles of the residuals divided by their ATM's spread, pooled over every
  ATM and origin (the tails need more data than one ATM has). Step ``h`` uses the residuals of
  steps ``h - 3 .. h + 3``; quantiles of the signed residual give asymmetric bounds (cash demand
  is skewed upwards);
* a widening factor (>= 1, per level) makes the interval hold *per ATM*, not only pooled: the
  smallest factor on :data:`WIDENING_GRID` for which no more ATMs are significantly
  under-covered on the calibration residuals than chance allows (a one-sided binomial test of
  each ATM's hits at the nominal level, :data:`ALPHA`; see :func:`under_covered`). Misses of one
  ATM come in runs (a shifted level lasts for weeks), so pooled quantiles alone leave many ATMs
  short.

Everything is computed from the residuals the calibration is given, that is from the backtest
windows before the forecast (for the final forecast) or from the *other* windows (for the honest
backtest coverage, :func:`out_of_sample_bounds`); never from the window scored.

The running total over the horizon (:attr:`Calibration.cumulative`) is pooled as before, which is
what days-to-cash-out needs: the sum of per-day upper bounds would overstate its uncertainty.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

POOL_STEPS = 3
LEVEL_DAYS = 28
#: Residual days at which an ATM's own spread counts as much as the fleet's.
SPREAD_SHRINK = 56
#: Significance of the per-ATM under-coverage test.
ALPHA = 0.05
#: Widening factors tried, smallest first.
WIDENING_GRID = np.round(np.arange(1.0, 2.001, 0.05), 2)


def level_scale(filled: np.ndarray) -> np.ndarray:
    """Per series, the mean absolute value of the last 28 days (1.0 where that is 0)."""
    scale = np.abs(filled[:, -LEVEL_DAYS:]).mean(axis=1)
    return np.where(scale > 0, scale, 1.0)


def under_covered(hits: np.ndarray, counts: np.ndarray, level: float,
                  alpha: float = ALPHA) -> np.ndarray:
    """Per series, whether its ``hits`` out of ``counts`` days inside the ``level`` percent
    interval are significantly too few (one-sided binomial test at ``alpha``; a series without
    recorded days is never flagged). ``alpha`` times the series are flagged by chance."""
    from scipy.stats import binom

    probability = binom.cdf(hits, counts, level / 100)
    return (counts > 0) & (probability < alpha)


@dataclass(frozen=True)
class Calibration:
    """Relative residuals per step ahead: arrays shaped (examples, horizon), ``NaN`` = unknown.
    Rows are series-major (every origin of the first series, then of the next ...)."""

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
        return _quantile(ordered, counts, probability)

    def local_bounds(self, n_series: int, level: float) -> tuple[np.ndarray, np.ndarray]:
        """Lower and upper relative offsets (series, horizon) at ``level`` percent: the pooled
        shape times each series' spread times the widening that makes the level hold per
        series (pooled offsets for every series when the rows are not ``n_series`` series')."""
        per_series = self._per_series(n_series)
        if per_series is None:
            tail = (1 - level / 100) / 2
            low, high = self.quantiles(tail), self.quantiles(1 - tail)
            return np.tile(low, (n_series, 1)), np.tile(high, (n_series, 1))
        spread = series_spread(per_series)
        low, high = pooled_shape(per_series, spread, level)
        factor = per_series_widening(per_series, level)
        return (factor * spread[:, None] * low[None, :],
                factor * spread[:, None] * high[None, :])

    def _per_series(self, n_series: int) -> np.ndarray | None:
        rows = self.daily.shape[0]
        if n_series <= 0 or rows == 0 or rows % n_series:
            return None
        return self.daily.reshape(n_series, rows // n_series, self.daily.shape[1])

    @cached_property
    def _sorted_daily(self) -> tuple[np.ndarray, np.ndarray]:
        return _pooled_sorted(self.daily)

    @cached_property
    def _sorted_cumulative(self) -> tuple[np.ndarray, np.ndarray]:
        return _pooled_sorted(self.cumulative)


def series_spread(residuals: np.ndarray) -> np.ndarray:
    """Per series of ``residuals`` (series, origins, horizon): the mean absolute residual over
    the fleet's, shrunk towards 1 with :data:`SPREAD_SHRINK` pseudo-days (1 without data)."""
    absolute = np.abs(residuals)
    recorded = np.isfinite(absolute)
    n_series = residuals.shape[0]
    if not recorded.any():
        return np.ones(n_series)
    pooled = float(np.nanmean(absolute)) or 1.0
    counts = recorded.sum(axis=(1, 2))
    own = np.where(recorded, absolute, 0.0).sum(axis=(1, 2)) / np.maximum(counts, 1)
    spread = (counts * own / pooled + SPREAD_SHRINK) / (counts + SPREAD_SHRINK)
    return np.where(spread > 0, spread, 1.0)


def pooled_shape(residuals: np.ndarray, spread: np.ndarray,
                 level: float) -> tuple[np.ndarray, np.ndarray]:
    """The lower and upper ``level`` percent quantiles per step (horizon,) of the residuals
    divided by their series' ``spread``, pooled over series, origins and nearby steps."""
    standard = residuals / spread[:, None, None]
    ordered, counts = _pooled_sorted(standard.reshape(-1, residuals.shape[-1]))
    tail = (1 - level / 100) / 2
    return _quantile(ordered, counts, tail), _quantile(ordered, counts, 1 - tail)


def per_series_widening(residuals: np.ndarray, level: float) -> float:
    """The smallest factor on :data:`WIDENING_GRID` for which at most ``ALPHA`` of the series
    are significantly under-covered when each origin's residuals are bounded by the shape and
    spreads of the *other* origins (cross-fitted, as a new window is; in-sample when there is
    a single origin)."""
    n_origins = residuals.shape[1]
    needed = np.full(residuals.shape, np.nan)
    for origin in range(n_origins):
        others = [k for k in range(n_origins) if k != origin] or [origin]
        spread = series_spread(residuals[:, others])
        low, high = pooled_shape(residuals[:, others], spread, level)
        standard = residuals[:, origin] / spread[:, None]
        with np.errstate(invalid="ignore", divide="ignore"):
            needed[:, origin] = np.where(
                standard >= 0,
                np.where(high > 0, standard / high, np.where(standard > 0, np.inf, 0.0)),
                np.where(low < 0, standard / low, np.inf))
    recorded = np.isfinite(residuals)
    counts = recorded.sum(axis=(1, 2))
    allowed = ALPHA * (counts > 0).sum()
    for factor in WIDENING_GRID:
        hits = (recorded & (needed <= factor)).sum(axis=(1, 2))
        if under_covered(hits, counts, level).sum() <= allowed:
            return float(factor)
    return float(WIDENING_GRID[-1])


def _quantile(ordered: np.ndarray, counts: np.ndarray, probability: float) -> np.ndarray:
    position = probability * np.maximum(counts - 1, 0)
    below = np.floor(position).astype(int)
    above = np.minimum(below + 1, np.maximum(counts - 1, 0))
    rows = np.arange(len(counts))
    low, high = ordered[rows, below], ordered[rows, above]
    value = low + (high - low) * (position - below)
    return np.where((counts > 0) & np.isfinite(value), value, 0.0)


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
    """Lower and upper bounds at ``level`` percent around ``forecast`` (series, horizon); daily
    bounds are localised per series (:meth:`Calibration.local_bounds`), cumulative ones pooled."""
    steps = forecast.shape[1]
    if cumulative:
        tail = (1 - level / 100) / 2
        low = calibration.quantiles(tail, cumulative)[None, :steps]
        high = calibration.quantiles(1 - tail, cumulative)[None, :steps]
    else:
        low, high = calibration.local_bounds(forecast.shape[0], level)
        low, high = low[:, :steps], high[:, :steps]
    lower = np.minimum(forecast + low * scale[:, None], forecast)
    upper = np.maximum(forecast + high * scale[:, None], forecast)
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
