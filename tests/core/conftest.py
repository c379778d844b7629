"""Stores shared by the core tests: the small demo fleet, built once per session, and the guard
that fails the test which changed one.

The session stores and every test's private copy share their Parquet parts as hard links
(:func:`backups.duplicate`), so a part written in place by one test changes them all and a later
test, in another file, fails for no reason of its own. After each test that used a session store
(directly or through a copy), :func:`session_stores_unchanged` compares the store's catalogue and
its parts' bytes with what they were when it was built.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from iotfin_gui.core import datafiles, store_health
from iotfin_gui.core.backups import duplicate
from iotfin_gui.core.demo import DemoConfig, load_demo
from iotfin_gui.core.forecast import forecast_dataset, store_forecast
from iotfin_gui.core.store import Store
from iotfin_gui.core.store_files import store_access

SMALL_DEMO = DemoConfig(n_atms=8, days=120, telemetry_days=3, credit_rows=40)
SESSION_FIXTURES = ("demo_path", "report_demo_path")
#: The fingerprint of each session store, taken when it was built.
_SESSION_STORES: dict[Path, dict[str, object]] = {}


def fingerprint(path: Path) -> dict[str, object]:
    """The catalogue rows of the store's datasets and runs, and the SHA-256 of each part file."""
    conn = store_health.read_only_connection(path)
    try:
        catalogue = conn.execute("SELECT * FROM datasets ORDER BY id").fetchall()
        runs = conn.execute("SELECT * FROM runs ORDER BY id").fetchall()
        folders = datafiles.catalogue_files(conn)
    finally:
        conn.close()
    parts = {}
    with store_access():
        for folder, files in folders.items():
            for item in files:
                part = datafiles.folder_path(path, folder) / item.name
                parts[f"{folder}/{item.name}"] = hashlib.sha256(part.read_bytes()).hexdigest()
    return {"datasets": catalogue, "runs": runs, "parts": parts}


@pytest.fixture(autouse=True)
def session_stores_unchanged(request: pytest.FixtureRequest):
    """After a test that used a session store, fail it if any session store changed."""
    yield
    if not any(name in request.fixturenames for name in SESSION_FIXTURES):
        return
    for path, before in _SESSION_STORES.items():
        now = fingerprint(path)
        changed = [key for key in before if now[key] != before[key]]
        parts = before["parts"]
        changed_parts = sorted(k for k in parts if now["parts"].get(k) != parts[k])
        if changed:
            pytest.fail(f"this test changed the session store {path} ({', '.join(changed)}"
                        f"{': ' + ', '.join(changed_parts) if changed_parts else ''}); tests "
                        "change a copy of their own, and parts are replaced, never written in "
                        "place (their copies share them as hard links)", pytrace=False)


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the small demo fleet; tests must not change it."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    with Store.open(path) as store:
        load_demo(store, SMALL_DEMO)
    _SESSION_STORES[path] = fingerprint(path)
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
    _SESSION_STORES[path] = fingerprint(path)
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
