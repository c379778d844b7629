"""Shared test set-up: Qt offscreen before anything imports Qt, a fresh store, the shared data."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests give jobs one core (their folds and candidates run serially, in no worker processes of
# their own) unless they set IOTFIN_CORES themselves:
# the machine's cores belong to the test runner's own parallelism.
os.environ.setdefault("IOTFIN_CORES", "1")
# Model files are signed with a per-user key: the tests (and the workers they start) sign with a
# key of their own, never the user's.
os.environ.setdefault("IOTFIN_KEY_DIR", tempfile.mkdtemp(prefix="iotfin-test-keys-"))
# The log file and crash reports of the app the tests start go to a folder of their own.
os.environ.setdefault("IOTFIN_LOG_DIR", tempfile.mkdtemp(prefix="iotfin-test-logs-"))

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """Where a test's own store lives (not created yet)."""
    return tmp_path / "store.sqlite"


@pytest.fixture
def store(store_path: Path):
    """A freshly created, empty store, closed after the test."""
    from iotfin_gui.core.store import Store

    with Store.open(store_path) as opened:
        yield opened


@pytest.fixture
def shared_data() -> Path:
    """``../shared/data``; the test is skipped when it is absent (e.g. outside the workplace)."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not available")
    return SHARED_DATA
