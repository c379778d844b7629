"""Per-ATM demand scenarios over the forecast horizon, and the quantiles a plan reads from them.

A forecast gives each ATM a daily point forecast; its backtest gives relative residual paths
``(actual - forecast) / level`` per (ATM, origin), one value per day ahead. A scenario for ATM
``i`` is its point forecast plus a whole residual path (so runs of high days stay together)
times the ATM's own scale: its level times its *spread*, how wide its own residuals were
compared with the fleet's (shrunk towards 1 when it has few of them). So a volatile ATM gets a
wide distribution and a steady one a narrow one, from one pool of path shapes.

:class:`DemandModel` holds the scenarios as cumulative demand and answers, for any day ``a``
and cycle length ``k``, the quantile of demand over days ``a .. a+k-1`` on a grid of
probabilities (:data:`LEVEL_GRID`), interpolated in between. Days are counted from the first
forecast day (0).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.forecast.service import ForecastResult
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP

#: Probabilities whose window quantiles are precomputed (others are interpolated).
LEVEL_GRID = np.unique(np.concatenate([
    np.linspace(0.05, 0.90, 35), np.linspace(0.90, 0.99, 19), [0.993, 0.996, 0.999]]))
#: Residual paths kept as scenarios (a seeded sample when the backtest has more).
MAX_SCENARIOS = 240
#: Residuals a series needs before its own spread counts as much as the fleet's.
SPREAD_SHRINK = 56
#: The fewest residual paths a demand model is made from.
MIN_SCENARIOS = 10


@dataclass(frozen=True)
class ResidualPaths:
    """Relative residual paths ``(paths, horizon)`` normalised by their series' spread, and
    each series' spread (``NaN`` in a path = a day that was not recorded, read as 0)."""

    paths: np.ndarray
    spread: np.ndarray

    @classmethod
    def from_backtest(cls, relative: np.ndarray, seed: int = 0) -> ResidualPaths:
        """From relative residuals shaped (series, origins, horizon)."""
        n, origins, horizon = relative.shape
        absolute = np.abs(relative)
        recorded = np.isfinite(absolute)
        pooled = float(np.nanmean(absolute)) if recorded.any() else 1.0
        pooled = pooled if pooled > 0 else 1.0
        counts = recorded.sum(axis=(1, 2))
        own = np.where(counts > 0, np.nansum(absolute, axis=(1, 2)) / np.maximum(counts, 1),
                       pooled)
        spread = (counts * own / pooled + SPREAD_SHRINK) / (counts + SPREAD_SHRINK)
        spread = np.where(spread > 0, spread, 1.0)
        normalised = (relative / spread[:, None, None]).reshape(n * origins, horizon)
        useful = np.isfinite(normalised).mean(axis=1) >= 0.5
        normalised = normalised[useful]
        if len(normalised) > MAX_SCENARIOS:
            rng = np.random.default_rng(seed)
            normalised = normalised[np.sort(rng.choice(len(normalised), MAX_SCENARIOS,
                                                       replace=False))]
        return cls(normalised, spread)


@dataclass
class DemandModel:
    """Demand scenarios per ATM from ``start`` (the first forecast day) for ``horizon`` days.

    ``point`` (atms, horizon) is the daily point forecast, ``scale`` (atms,) each ATM's level
    times its spread, ``paths`` (scenarios, horizon) the normalised residual paths.
    """

    ids: list[str]
    start: pd.Timestamp
    point: np.ndarray
    scale: np.ndarray
    paths: np.ndarray
    max_cycle: int = 21
    non_negative: bool = True
    _cache: dict = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.paths.size == 0 or len(self.paths) < MIN_SCENARIOS:
            raise InputError(QT_TRANSLATE_NOOP(
                "Core", "The forecast's backtest left only {count} residual path(s); a plan "
                "needs at least 10 (add history or backtest origins).").format(
                    count=len(self.paths)))
        self.max_cycle = int(min(self.max_cycle, self.horizon))
        self.start = pd.Timestamp(self.start).normalize().as_unit("ns")

    @property
    def horizon(self) -> int:
        return self.point.shape[1]

    @property
    def dates(self) -> pd.DatetimeIndex:
        return pd.date_range(self.start, periods=self.horizon, freq="D")

    @cached_property
    def mean_cumulative(self) -> np.ndarray:
        """Expected cumulative demand (atms, horizon + 1) from day 0 (column 0 is 0)."""
        return np.concatenate([np.zeros((len(self.ids), 1)),
                               np.cumsum(self._scenario_days().mean(axis=1), axis=1)], axis=1)

    def _scenario_days(self) -> np.ndarray:
        """Daily demand per (atm, scenario, day)."""
        paths = np.nan_to_num(self.paths[:, : self.horizon], nan=0.0)
        days = self.point[:, None, :] + self.scale[:, None, None] * paths[None, :, :]
        return np.maximum(days, 0.0) if self.non_negative else days

    @cached_property
    def _grid(self) -> np.ndarray:
        """Window quantiles (levels, atms, start day, cycle length - 1) on :data:`LEVEL_GRID`."""
        cumulative = np.concatenate(
            [np.zeros((len(self.ids), self.paths.shape[0], 1)),
             np.cumsum(self._scenario_days(), axis=2)], axis=2)
        n, s, _ = cumulative.shape
        grid = np.full((LEVEL_GRID.size, n, self.horizon, self.max_cycle), np.nan)
        position = LEVEL_GRID * (s - 1)
        below = np.floor(position).astype(int)
        above = np.minimum(below + 1, s - 1)
        weight = (position - below)[:, None, None]
        for length in range(1, self.max_cycle + 1):
            windows = np.sort(cumulative[:, :, length:] - cumulative[:, :, :-length], axis=1)
            low, high = windows[:, below, :], windows[:, above, :]
            values = low + (high - low) * weight.transpose(1, 0, 2)
            grid[:, :, : self.horizon - length + 1, length - 1] = values.transpose(1, 0, 2)
        return grid

    def window_quantile(self, probability: float) -> np.ndarray:
        """Quantile ``probability`` of demand over days ``a .. a+k-1``: (atms, a, k - 1);
        ``NaN`` where the window leaves the horizon."""
        key = round(float(probability), 6)
        if key not in self._cache:
            grid = self._grid
            p = float(np.clip(probability, LEVEL_GRID[0], LEVEL_GRID[-1]))
            upper = int(np.searchsorted(LEVEL_GRID, p))
            if LEVEL_GRID[upper] == p:
                self._cache[key] = grid[upper]
            else:
                lower = upper - 1
                share = (p - LEVEL_GRID[lower]) / (LEVEL_GRID[upper] - LEVEL_GRID[lower])
                self._cache[key] = grid[lower] + (grid[upper] - grid[lower]) * share
        return self._cache[key]

    def exceed_days(self, rows: np.ndarray, start: np.ndarray, amount: np.ndarray,
                    allowed: float) -> np.ndarray:
        """For ATMs ``rows`` holding ``amount`` on the morning of day ``start``: per cycle length
        ``k`` (columns 0 .. max_cycle - 1), the sum over its days of how much the probability
        that demand has exceeded the amount by then is above ``allowed`` (*risk days*: 0 while
        the amount covers the demand at the service level)."""
        grid = self._grid[:, rows, np.clip(start, 0, self.horizon - 1), :]
        count = (grid <= amount[None, :, None]).sum(axis=0)
        cover = np.where(count > 0, LEVEL_GRID[np.maximum(count - 1, 0)], 0.0)
        cover = np.where(count == LEVEL_GRID.size, 1.0, cover)
        excess = np.where(np.isnan(grid[0]), 0.0, np.maximum(1 - cover - allowed, 0.0))
        return np.cumsum(excess, axis=1)

    def select(self, rows: np.ndarray) -> DemandModel:
        """The model of some ATMs only (by position)."""
        return DemandModel([self.ids[i] for i in rows], self.start, self.point[rows],
                           self.scale[rows], self.paths, self.max_cycle, self.non_negative)


def demand_model(result: ForecastResult, max_cycle: int = 21) -> DemandModel:
    """The demand model of a fresh forecast (its backtest residuals give the scenarios)."""
    ids = result.series_ids
    table = result.forecast.pivot(index="series_id", columns="date", values="forecast")
    table = table.reindex(ids)
    residuals = result_residuals(result)
    return DemandModel(ids, pd.Timestamp(table.columns[0]), table.to_numpy(float),
                       result.scale.reindex(ids).to_numpy(float) * residuals.spread,
                       residuals.paths, max_cycle=max_cycle, non_negative=result.non_negative)


def result_residuals(result: ForecastResult) -> ResidualPaths:
    """The residual paths of a forecast's backtest (its calibration rows are series-major)."""
    daily = result.calibration.daily
    n = len(result.series_ids)
    if daily.size == 0 or daily.shape[0] % n:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "This forecast has no backtest residuals to plan from; run it again."))
    return ResidualPaths.from_backtest(daily.reshape(n, daily.shape[0] // n, -1),
                                       int(result.params.get("seed", 0)))
