"""Shared data for the export and report tests: a small demo store with one forecast run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from iotfin_gui.core.demo import DemoConfig, load_demo
from iotfin_gui.core.forecast import forecast_dataset, store_forecast
from iotfin_gui.core.store import Store

SMALL_DEMO = DemoConfig(n_atms=8, days=120, telemetry_days=3, credit_rows=40)


@pytest.fixture(scope="session")
def report_demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the small demo fleet and a 7-day forecast run (id 1); never changed."""
    path = tmp_path_factory.mktemp("reports") / "demo.sqlite"
    with Store.open(path) as store:
        load_demo(store, SMALL_DEMO)
        result = forecast_dataset(store, "demo_withdrawals", horizon=7, model="weekday_profile")
        assert store_forecast(store, result, store.dataset("demo_withdrawals")) == 1
    return path


@pytest.fixture
def demo_db(report_demo_path: Path, tmp_path: Path) -> Path:
    """A private copy of the demo store that a test may change."""
    copy = tmp_path / "demo.sqlite"
    shutil.copy(report_demo_path, copy)
    return copy


@pytest.fixture
def demo(demo_db: Path):
    with Store.open(demo_db) as store:
        yield store
