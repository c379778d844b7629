"""The global model's training rows: which (series, origin, step) triples it learns from."""

from __future__ import annotations

from unittest import mock

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from iotfin_gui.core.forecast import ml
from iotfin_gui.core.forecast.ml import _training_rows


def every_triple(n_series: int, length: int, horizon: int, rng: np.random.Generator):
    """The rows spelled out one by one: every series x origin x step inside the history, in
    series-major order, then a sample of them when there are more than the model's cap."""
    origins = np.arange(length - ml.ORIGIN_EVERY, ml.MIN_ORIGIN - 1, -ml.ORIGIN_EVERY)
    if origins.size == 0:
        origins = np.array([max(length - horizon, 1)])
    rows = [(s, o, h) for s in range(n_series) for o in origins for h in range(1, horizon + 1)
            if o + h <= length]
    if len(rows) > ml.MAX_TRAINING_ROWS:
        chosen = np.sort(rng.choice(len(rows), ml.MAX_TRAINING_ROWS, replace=False))
        rows = [rows[i] for i in chosen]
    return rows


@settings(max_examples=40, deadline=None)
@given(n_series=st.integers(1, 40), length=st.integers(1, 200), horizon=st.integers(1, 40),
       cap=st.sampled_from([50, 500, 80_000]), seed=st.integers(0, 2**16))
def test_rows_are_every_triple_or_the_same_sample_of_them(n_series, length, horizon, cap, seed):
    with mock.patch.object(ml, "MAX_TRAINING_ROWS", cap):
        series, origin, step = _training_rows(
            n_series, length, horizon, np.random.default_rng(seed))
        expected = every_triple(n_series, length, horizon, np.random.default_rng(seed))
    assert list(zip(series.tolist(), origin.tolist(), step.tolist(), strict=True)) == [
        (int(s), int(o), int(h)) for s, o, h in expected]


def test_ten_thousand_series_sample_without_building_every_triple():
    series, origin, step = _training_rows(10_000, 730, 28, np.random.default_rng(0))
    assert series.size == ml.MAX_TRAINING_ROWS
    assert np.unique(np.stack([series, origin, step]), axis=1).shape[1] == series.size
    assert series.min() >= 0 and series.max() < 10_000
    assert np.all(origin + step <= 730) and np.all(step >= 1) and np.all(step <= 28)

