"""Shared data for the fleet tests: the small demo store, built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from iotfin_gui.core.demo import DemoConfig, load_demo
from iotfin_gui.core.store import Store

SMALL_DEMO = DemoConfig(n_atms=8, days=120, telemetry_days=3, credit_rows=40)


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the small demo fleet; tests must not change it."""
    path = tmp_path_factory.mktemp("fleet") / "demo.sqlite"
    with Store.open(path) as store:
        load_demo(store, SMALL_DEMO)
    return path


@pytest.fixture
def demo_store(demo_path: Path):
    with Store.open(demo_path) as store:
        yield store
