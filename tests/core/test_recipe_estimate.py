"""Recipes are sized against the data before they run: rows x columns and memory, shown in the
preview and refused above the store's limits with the figures."""

from __future__ import annotations

import pytest

from iotfin_gui.core.demo import DemoConfig, load_demo
from iotfin_gui.core.recipes import RecipeError, apply_recipe, make_recipe
from iotfin_gui.core.recipes.estimate import (
    COLUMNS_SETTING,
    MEMORY_SETTING,
    available_memory,
    check_size,
    estimate,
    limits,
)
from iotfin_gui.core.recipes.preview import preview_recipe
from iotfin_gui.core.store import Store

LAGS = make_recipe("lags", [("lags", {"columns": ["amount"], "lags": list(range(1, 10_001))})])
ROLLING = make_recipe("rolling", [("rolling", {"columns": ["amount"], "windows": [1, 2, 3],
                                               "stats": ["mean", "max"]})])
HOURLY = make_recipe("hourly", [
    ("resample", {"frequency": "hourly", "aggregations": {"amount": "sum"}}),
    ("lags", {"columns": ["amount"], "lags": [1, 24]})])


@pytest.fixture
def demo(store: Store) -> Store:
    load_demo(store, DemoConfig(n_atms=3, days=40, telemetry_days=1, credit_rows=50))
    return store


def test_the_estimate_counts_the_columns_each_step_adds(demo: Store) -> None:
    info = demo.dataset("demo_withdrawals")
    base = len(info.columns)
    assert estimate(demo, info, ROLLING).columns == base + 6
    size = estimate(demo, info, LAGS)
    assert (size.rows, size.columns) == (info.row_count, base + 10_000)
    assert size.bytes == info.row_count * (base + 10_000) * 8 * 2
    assert "120 rows x 10,00" in size.describe()


def test_a_resample_counts_devices_times_periods(demo: Store) -> None:
    info = demo.dataset("demo_withdrawals")
    size = estimate(demo, info, HOURLY)
    assert size.rows == 3 * (39 * 24 + 1)
    assert size.columns == 4 + 2  # device, time, amount, is_gap and two lags


def test_too_many_columns_is_refused_before_reading_with_the_figures(demo: Store,
                                                                     monkeypatch) -> None:
    monkeypatch.setattr(Store, "read_dataset", lambda *a, **k: pytest.fail("data was read"))
    with pytest.raises(RecipeError, match=r"10,00\d columns.*limit of 5,000 columns"):
        apply_recipe(demo, "demo_withdrawals", LAGS)


def test_the_memory_limit_is_a_setting(demo: Store) -> None:
    info = demo.dataset("demo_withdrawals")
    assert check_size(demo, info, ROLLING).columns > len(info.columns)
    demo.set_setting(MEMORY_SETTING, 1000)
    with pytest.raises(RecipeError, match=r"more than the 1.0 kB this run may use"):
        apply_recipe(demo, "demo_withdrawals", ROLLING)
    demo.set_setting(COLUMNS_SETTING, 20_000)
    demo.set_setting(MEMORY_SETTING, 10**12)
    assert check_size(demo, info, LAGS).columns > 10_000


def test_the_default_memory_limit_is_half_the_free_memory(demo: Store) -> None:
    free = available_memory()
    assert free > 0
    assert abs(limits(demo).memory - free / 2) < free * 0.2


def test_the_preview_shows_the_whole_run_and_why_it_would_be_refused(demo: Store) -> None:
    preview = preview_recipe(demo, "demo_withdrawals", ROLLING, limit=10)
    assert preview.size is not None and preview.size.rows == 120 and preview.refused is None
    demo.set_setting(MEMORY_SETTING, 10_000)
    refused = preview_recipe(demo, "demo_withdrawals", ROLLING, limit=10)
    assert "more than the 10.0 kB" in refused.refused
