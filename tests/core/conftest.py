"""Stores shared by the core tests: the small demo fleet, built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from iotfin_gui.core.backups import duplicate
from iotfin_gui.core.demo import DemoConfig, load_demo
from iotfin_gui.core.forecast import forecast_dataset, store_forecast
from iotfin_gui.core.store import Store

SMALL_DEMO = DemoConfig(n_atms=8, days=120, telemetry_days=3, credit_rows=40)


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the small demo fleet; tests must not change it."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    with Store.open(path) as store:
        load_demo(store, SMALL_DEMO)
    return path


@pytest.fixture
def demo_store(demo_path: Path):
    """The shared small demo, opened (read it; do not change it)."""
    with Store.open(demo_path) as store:
        yield store


@pytest.fixture(scope="session")
def report_demo_path(demo_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small demo plus a 7-day forecast run (id 1); never changed."""
    path = tmp_path_factory.mktemp("reports") / "demo.sqlite"
    duplicate(demo_path, path)
    with Store.open(path) as store:
        result = forecast_dataset(store, "demo_withdrawals", horizon=7, model="weekday_profile")
        assert store_forecast(store, result, store.dataset("demo_withdrawals")) == 1
    return path


@pytest.fixture
def demo_db(report_demo_path: Path, tmp_path: Path) -> Path:
    """A private copy of the demo store with its forecast run, which a test may change."""
    copy = tmp_path / "demo.sqlite"
    duplicate(report_demo_path, copy)
    return copy


@pytest.fixture
def demo(demo_db: Path):
    with Store.open(demo_db) as store:
        yield store
