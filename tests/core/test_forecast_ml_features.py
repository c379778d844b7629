"""The global model's same-weekday median: robust to an odd week, blind to the future."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from iotfin_gui.core.forecast.ml import _Windows


def test_a_holiday_week_moves_the_mean_but_not_the_median():
    days = np.arange(70, dtype=float)
    values = np.where(days % 7 == 4, 50.0, 10.0)[None, :]
    values[0, 60] = 0.0  # a Friday the ATM was shut
    windows = _Windows(values)
    target, first = np.array([74]), np.array([1])
    series = np.array([0])
    assert windows.same_weekday_median(series, target, first, 8)[0] == 50.0
    assert windows.same_weekday(series, target, first, 8)[0] < 50.0


@given(length=st.integers(1, 40), target=st.integers(0, 80), first=st.integers(1, 12),
       seed=st.integers(0, 1000))
def test_median_reads_only_days_before_the_target_and_never_fails(length, target, first, seed):
    values = np.random.default_rng(seed).random((1, length))
    windows = _Windows(values)
    median = windows.same_weekday_median(np.array([0]), np.array([target]), np.array([first]), 8)
    days = [target - 7 * (first + k) for k in range(8)]
    known = [values[0, d] for d in days if 0 <= d < length]
    if known:
        assert median[0] == np.median(known)
    else:
        assert np.isnan(median[0])
