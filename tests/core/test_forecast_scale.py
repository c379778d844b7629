"""The fleet-scale paths of forecasting give what the plain pandas ones gave: the daily grid
(no pivot, no Python string per row), the imputation (no rolling window per ATM), and a stored
dataset's panel and data hash read straight from its Parquet parts."""

from __future__ import annotations

import dataclasses
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iotfin_gui.core.data_hash import frame_hash
from iotfin_gui.core.errors import InputError, StoreError
from iotfin_gui.core.forecast import forecast, forecast_dataset
from iotfin_gui.core.forecast.data import MIN_OBSERVED_DAYS, Panel, impute, to_panel
from iotfin_gui.core.forecast.service import dataset_columns
from iotfin_gui.core.forecast.stored import stored_panel
from iotfin_gui.core.store import Store


def pivot_grid(frame: pd.DataFrame, duplicates: str) -> tuple[tuple[str, ...], np.ndarray]:
    """The grid as pandas' pivot makes it (the reference)."""
    long = pd.DataFrame({"id": frame["id"].astype(str), "date": frame["date"],
                         "value": frame["value"].astype(float)})
    if duplicates != "error":
        grouped = long.groupby(["id", "date"], sort=False)["value"]
        combined = {"last": grouped.last, "mean": grouped.mean,
                    "sum": lambda: grouped.sum(min_count=1)}[duplicates]()
        long = combined.reset_index()
    table = long.pivot(index="id", columns="date", values="value")
    calendar = pd.date_range(table.columns.min(), table.columns.max(), freq="D")
    table = table.reindex(columns=calendar)
    return tuple(str(i) for i in table.index), table.to_numpy(dtype="float64")


@st.composite
def fleets(draw: st.DrawFn) -> tuple[pd.DataFrame, str]:
    count = draw(st.integers(1, 6))
    names = draw(st.lists(st.one_of(st.integers(-50, 50), st.text(min_size=1, max_size=4)),
                          min_size=count, max_size=count, unique_by=str))
    days = draw(st.integers(MIN_OBSERVED_DAYS, 40))
    rows = []
    for name in names:
        for day in range(days):
            if draw(st.floats(0, 1)) < 0.9:
                value = draw(st.one_of(st.floats(-1e6, 1e6), st.just(0.0)))
                rows.append((name, day, value))
    repeats = draw(st.lists(st.sampled_from(rows), max_size=5)) if rows else []
    rows += [(name, day, value + 1) for name, day, value in repeats]
    order = draw(st.permutations(range(len(rows))))
    frame = pd.DataFrame([rows[i] for i in order], columns=["id", "day", "value"])
    frame["date"] = pd.Timestamp("2024-02-27") + pd.to_timedelta(frame["day"], unit="D")
    return frame, draw(st.sampled_from(["error", "sum", "mean", "last"]))


@settings(max_examples=150, deadline=None)
@given(fleets())
def test_the_grid_equals_pandas_pivot(case: tuple[pd.DataFrame, str]) -> None:
    frame, duplicates = case
    try:
        expected_ids, expected = pivot_grid(frame, duplicates)
        reference_error = None
    except ValueError as error:  # pivot refuses duplicates
        reference_error = error
    try:
        panel = to_panel(frame, id_col="id", time_col="date", value_col="value",
                         duplicates=duplicates)
    except InputError as error:
        assert reference_error is not None or "recorded" in str(error)
        return
    assert reference_error is None
    assert panel.ids == expected_ids
    np.testing.assert_array_equal(panel.values, expected)


def test_a_duplicate_names_its_series_and_day() -> None:
    frame = pd.DataFrame({"id": ["B", "A", "B"] + ["A"] * 20,
                          "date": pd.to_datetime(["2024-01-03", "2024-01-01", "2024-01-03"]
                                                 + [f"2024-01-{d:02d}" for d in range(2, 22)]),
                          "value": 1.0})
    with pytest.raises(InputError, match=r"'B' has more than one row for 2024-01-03 \(2 rows"):
        to_panel(frame, id_col="id", time_col="date", value_col="value")


def rolling_impute(values: np.ndarray, window_weeks: int = 4) -> np.ndarray:
    """The imputation with pandas' rolling median per series (the reference)."""
    filled = values.copy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        series_median = np.nanmedian(values, axis=1)
        series_median = np.where(np.isfinite(series_median), series_median, 0.0)
        for start in range(7):
            block = filled[:, start::7]
            rolled = pd.DataFrame(block.T).rolling(2 * window_weeks + 1, center=True,
                                                   min_periods=1).median().to_numpy().T
            weekday = np.nanmedian(block, axis=1)
            fallback = np.where(np.isfinite(weekday), weekday, series_median)
            candidate = np.where(np.isfinite(rolled), rolled, fallback[:, None])
            filled[:, start::7] = np.where(np.isfinite(block), block, candidate)
    return filled


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 5), st.integers(1, 120), st.floats(0, 1), st.integers(0, 2**32 - 1))
def test_imputation_equals_rolling_medians(series: int, days: int, missing: float,
                                           seed: int) -> None:
    rng = np.random.default_rng(seed)
    values = np.round(rng.lognormal(5, 1, (series, days)), 2)
    values[rng.random(values.shape) < missing] = np.nan
    values[rng.random(values.shape) < 0.05] = 0.0
    np.testing.assert_array_equal(impute(values), rolling_impute(values))


def test_a_stored_panel_equals_the_panel_of_the_frame(demo_store: Store) -> None:
    info = demo_store.dataset("demo_withdrawals")
    columns = dataset_columns(info)
    frame = demo_store.read_dataset(info.id, columns=list(columns))
    panel, data_hash = stored_panel(demo_store, info, columns)
    expected = to_panel(frame, id_col=columns[0], time_col=columns[1], value_col=columns[2])
    assert_same_panel(panel, expected)
    assert data_hash == frame_hash(frame[list(columns)])
    assert_same_panel(panel.source.load(), expected)  # what a cluster worker makes


def assert_same_panel(panel: Panel, expected: Panel) -> None:
    assert (panel.ids, panel.warnings) == (expected.ids, expected.warnings)
    pd.testing.assert_index_equal(panel.dates, expected.dates)
    np.testing.assert_array_equal(panel.values, expected.values)


def test_a_stored_forecast_equals_the_forecast_of_the_frame(demo_store: Store) -> None:
    options = {"horizon": 7, "model": "ets", "seed": 3}
    stored = forecast_dataset(demo_store, "demo_withdrawals", **options)
    info = demo_store.dataset("demo_withdrawals")
    id_col, time_col, value_col = dataset_columns(info)
    frame = demo_store.read_dataset(info.id, columns=[id_col, time_col, value_col])
    plain = forecast(frame, id_col=id_col, time_col=time_col, value_col=value_col, **options)
    pd.testing.assert_frame_equal(stored.forecast, plain.forecast)
    assert stored.data_hash == plain.data_hash


def test_unreadable_parts_are_named(demo_store: Store, tmp_path) -> None:
    info = demo_store.dataset("demo_withdrawals")
    panel, _ = stored_panel(demo_store, info, dataset_columns(info))
    moved = dataclasses.replace(panel.source, paths=(str(tmp_path / "gone.parquet"),))
    with pytest.raises(StoreError, match=r"gone\.parquet.*same path"):
        moved.read()
