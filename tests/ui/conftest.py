"""GUI test fixtures: one job runner for the session, throw-away settings, a ready window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from iotfin_gui.core.demo import DemoConfig, load_demo
from iotfin_gui.core.store import Store

SMALL_DEMO = DemoConfig(n_atms=8, days=120, telemetry_days=3, credit_rows=60)


@pytest.fixture(scope="session")
def runner(qapp):
    from iotfin_gui.ui.jobs import JobRunner

    runner = JobRunner(max_workers=2)
    yield runner
    runner.shutdown()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def demo_store(store_path: Path):
    """A store with a small demo fleet already loaded."""
    with Store.open(store_path) as store:
        load_demo(store, SMALL_DEMO)
        yield store


@pytest.fixture
def window(qtbot, demo_store: Store, runner, settings):
    """The main window on the small demo fleet, shown, after its start-up jobs finished."""
    from iotfin_gui.ui.main_window import MainWindow

    settings.setValue("main_window/panel", "data")  # the Today landing has its own tests
    with qtbot.waitSignal(runner.busy_changed, timeout=60_000, check_params_cb=lambda b: not b):
        win = MainWindow(demo_store, runner, settings=settings)
        qtbot.addWidget(win)
        win.show()
    yield win
    runner.abandon_all()
    win.log_pane.detach()


@pytest.fixture(scope="module")
def local_cluster():
    """A Dask LocalCluster of 2 worker processes on loopback, and a client of it, for the
    cluster tests of one module: (scheduler address, client)."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as made, \
            distributed.Client(made.scheduler_address) as client:
        yield made.scheduler_address, client
