"""Per-ATM prediction intervals: a pooled shape, each ATM's own scale, widening for per-ATM
coverage, and the under-coverage test the NN5 benchmark reports."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from iotfin_gui.core.forecast.intervals import (
    WIDENING_GRID,
    bounds,
    calibrate,
    out_of_sample_bounds,
    per_series_widening,
    series_spread,
    under_covered,
)

HORIZON = 14


def _fleet(rng: np.random.Generator, n_series: int, origins: int, spreads: np.ndarray,
           horizon: int = HORIZON) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Actuals, forecasts and level scales (series, origins, horizon) whose errors have each
    series' own spread."""
    level = np.full((n_series, origins), 100.0)
    forecast = np.full((n_series, origins, horizon), 100.0)
    noise = rng.standard_normal((n_series, origins, horizon)) * spreads[:, None, None] * 10
    return forecast + noise, forecast, level


def test_volatile_atms_get_wider_intervals_and_each_group_is_covered():
    rng = np.random.default_rng(3)
    spreads = np.where(np.arange(60) < 30, 1.0, 3.0)
    actual, forecast, level = _fleet(rng, 60, 3, spreads, horizon=56)
    calibration = calibrate(actual, forecast, level)
    future_actual, future_forecast, future_level = _fleet(rng, 60, 1, spreads, horizon=56)
    lower, upper = bounds(calibration, future_forecast[:, 0], future_level[:, 0], 80,
                          non_negative=False)
    width = (upper - lower).mean(axis=1)
    # 168 residual days against 56 pseudo-days at the fleet's spread: (3 * 168 + 56) / 224
    # over (168 + 56) / 224, a ratio of 2.2 rather than the true 3.
    assert width[30:].mean() > 2.0 * width[:30].mean()
    inside = (future_actual[:, 0] >= lower) & (future_actual[:, 0] <= upper)
    for group in (slice(0, 30), slice(30, 60)):
        assert 0.74 <= inside[group].mean() <= 0.97, inside[group].mean()


def test_pooled_intervals_leave_volatile_atms_short_and_local_ones_do_not():
    rng = np.random.default_rng(5)
    spreads = np.where(np.arange(80) < 40, 0.5, 2.0)
    actual, forecast, level = _fleet(rng, 80, 3, spreads)
    honest = out_of_sample_bounds(actual, forecast, level, (80,), non_negative=False)
    lower, upper = honest[80]
    inside = (actual >= lower) & (actual <= upper)
    flagged = under_covered(inside.sum(axis=(1, 2)), np.full(80, 3 * HORIZON), 80)
    assert flagged.sum() <= 0.05 * 80 + 2
    # The residuals alone, pooled without the spreads, would miss the volatile half often.
    relative = ((actual - forecast) / level[..., None]).reshape(-1, HORIZON)
    pooled_high = np.quantile(relative, 0.9)
    assert (relative.reshape(80, -1)[40:] > pooled_high).mean() > 0.15


def test_spread_shrinks_to_one_without_data_and_follows_the_atm_with_plenty():
    residuals = np.ones((3, 2, 28))
    residuals[1] *= 4.0
    residuals[2] = np.nan
    spread = series_spread(residuals)
    assert spread[2] == 1.0
    # 56 days each at 0.4 and 1.6 times the fleet's 2.5, plus 56 pseudo-days at 1.
    assert np.allclose(spread[:2], [(56 * 0.4 + 56) / 112, (56 * 1.6 + 56) / 112])
    assert np.isfinite(spread).all() and (spread > 0).all()
    assert np.array_equal(series_spread(np.full((2, 1, 5), np.nan)), np.ones(2))


def test_widening_is_one_when_residuals_already_hold_per_atm():
    rng = np.random.default_rng(7)
    residuals = rng.standard_normal((100, 3, HORIZON))
    assert per_series_widening(residuals, 80) <= 1.1


def test_widening_grows_when_atms_shift_for_a_whole_window():
    rng = np.random.default_rng(11)
    residuals = rng.standard_normal((100, 3, 28)) * 0.2
    residuals += rng.standard_normal((100, 3, 1))  # a level error lasting the whole window
    assert per_series_widening(residuals, 80) >= 1.2
    assert per_series_widening(residuals, 80) in WIDENING_GRID


def test_rows_that_are_not_the_forecast_series_fall_back_to_pooled_bounds():
    rng = np.random.default_rng(1)
    actual, forecast, level = _fleet(rng, 5, 2, np.ones(5))
    calibration = calibrate(actual, forecast, level)
    lower, upper = bounds(calibration, np.full((3, HORIZON), 100.0), np.full(3, 100.0), 95,
                          non_negative=True)
    assert lower.shape == (3, HORIZON)
    assert np.allclose(lower, lower[0]) and np.allclose(upper, upper[0])
    assert (lower <= 100).all() and (upper >= 100).all()


@settings(max_examples=40, deadline=None)
@given(n_series=st.integers(1, 6), origins=st.integers(1, 3), level=st.sampled_from([50, 80, 95]),
       missing=st.floats(0.0, 1.0), scale=st.floats(1e-3, 1e6), seed=st.integers(0, 2**16))
def test_bounds_are_finite_ordered_and_non_negative_on_any_residuals(
        n_series, origins, level, missing, scale, seed):
    rng = np.random.default_rng(seed)
    actual = rng.lognormal(0, 2, (n_series, origins, HORIZON)) * scale
    actual[rng.random(actual.shape) < missing] = np.nan
    forecast = rng.lognormal(0, 1, (n_series, origins, HORIZON)) * scale
    level_scales = np.full((n_series, origins), scale)
    calibration = calibrate(actual, forecast, level_scales)
    point = forecast[:, 0]
    lower, upper = bounds(calibration, point, level_scales[:, 0], level, non_negative=True)
    assert np.isfinite(lower).all() and np.isfinite(upper).all()
    assert (lower <= point).all() and (point <= upper).all() and (lower >= 0).all()


@given(counts=st.integers(0, 500), level=st.sampled_from([50, 80, 95, 99]))
def test_an_atm_inside_every_day_is_never_under_covered(counts, level):
    assert not under_covered(np.array([counts]), np.array([counts]), level)[0]
    if counts >= 20:
        assert under_covered(np.array([0]), np.array([counts]), level)[0]
