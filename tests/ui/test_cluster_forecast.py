"""The window's forecast on a Dask cluster (a LocalCluster of 2 worker processes): its pieces
carry where the dataset is stored and the workers read the Parquet parts themselves (or get the
data, with the reason in the log, when they cannot see them); results equal a forecast on this
computer; Cancel in the status bar ends the cluster's tasks and stores nothing. Without a
cluster, neither the window nor the CLI (nor any process they start) imports Dask's
``distributed``."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from PySide6.QtCore import Qt

from iotfin_gui.core import cluster
from iotfin_gui.core.demo import DemoConfig, load_demo
from iotfin_gui.core.forecast import stored
from iotfin_gui.core.forecast.outlook import CashOutlook
from iotfin_gui.core.store import Store
from iotfin_gui.ui.main_window import MainWindow

pytestmark = pytest.mark.gui

TESTS = Path(__file__).parents[1]

_original_run_piece = cluster.run_piece
_original_visible = cluster._visible


def _panels_read_here() -> int:
    """How many panels this worker read from the store's files (a piece sent as stored)."""
    return stored._loaded.cache_info().currsize


def _blind(blind: bool) -> None:
    """Make this worker unable (or able again) to see any file, as a remote machine is."""
    cluster._visible = (lambda paths: False) if blind else _original_visible


def _block_pieces(release: str) -> None:
    """Make every piece on this worker wait until the file ``release`` exists."""
    def blocked(fn, args):
        while not os.path.exists(release):
            time.sleep(0.05)
        return _original_run_piece(fn, args)

    cluster.run_piece = blocked


def _unblock_pieces() -> None:
    cluster.run_piece = _original_run_piece


def _start(qtbot, window: MainWindow, address: str) -> None:
    """Start the Forecast panel's forecast (weekday profile, 7 days) on ``address``."""
    panel = window.panels["forecast"]
    window.show_panel("forecast")
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=60_000)
    panel.model_box.setCurrentIndex(panel.model_box.findData("weekday_profile"))
    panel.horizon_box.setValue(7)
    window.runner.set_cluster(address)
    try:
        qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    finally:
        window.runner.set_cluster(None)


def _forecast(qtbot, window: MainWindow, address: str) -> CashOutlook:
    with qtbot.waitSignal(window.panels["forecast"].outlook_ready, timeout=180_000) as blocker:
        _start(qtbot, window, address)
    outlook = blocker.args[0]
    assert not outlook.reopened
    return outlook


def test_the_window_s_forecast_lets_the_workers_read_the_parquet_parts(
        qtbot, window: MainWindow, local_cluster, caplog) -> None:
    address, client = local_cluster
    client.run(stored._loaded.cache_clear)
    with caplog.at_level(logging.WARNING, logger="iotfin.cluster"):
        remote = _forecast(qtbot, window, address)
    assert sum(client.run(_panels_read_here).values()) >= 1  # sent as stored, read there
    assert "cannot see" not in caplog.text
    here = _forecast(qtbot, window, "")
    pd.testing.assert_frame_equal(remote.result.forecast, here.result.forecast)
    assert remote.result.data_hash == here.result.data_hash
    pd.testing.assert_frame_equal(remote.cashout, here.cashout)


def test_workers_that_cannot_see_the_files_get_the_data_and_the_log_says_why(
        qtbot, window: MainWindow, local_cluster, caplog) -> None:
    address, client = local_cluster
    client.run(stored._loaded.cache_clear)
    client.run(_blind, True)
    try:
        with caplog.at_level(logging.WARNING, logger="iotfin.cluster"):
            remote = _forecast(qtbot, window, address)
    finally:
        client.run(_blind, False)
    assert "cannot see the store's data files" in caplog.text
    assert str(window.store.path.parent) in caplog.text  # the file it could not see
    assert sum(client.run(_panels_read_here).values()) == 0
    here = _forecast(qtbot, window, "")
    pd.testing.assert_frame_equal(remote.result.forecast, here.result.forecast)


def _processing(client) -> int:
    return sum(len(keys) for keys in client.processing().values())


def test_cancel_in_the_window_ends_the_cluster_s_tasks_and_keeps_nothing(
        qtbot, window: MainWindow, local_cluster, tmp_path: Path) -> None:
    address, client = local_cluster
    release = tmp_path / "release"
    client.run(_block_pieces, str(release))
    try:
        _start(qtbot, window, address)
        qtbot.waitUntil(lambda: _processing(client) >= 2, timeout=120_000)
        assert window.panels["forecast"].forecasting
        with qtbot.waitSignal(window.runner.cancelled, timeout=30_000):
            qtbot.mouseClick(window.job_status.cancel_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: _processing(client) == 0, timeout=30_000)
    finally:
        release.touch()
        client.run(_unblock_pieces)
    runs = window.store.conn.execute("SELECT count(*) FROM runs WHERE kind = 'forecast'")
    assert runs.fetchone()[0] == 0
    panel = window.panels["forecast"]
    assert not panel.forecasting and panel.run_button.isEnabled()


def test_without_a_cluster_the_window_and_the_cli_never_import_distributed(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite"
    with Store.open(db) as store:
        load_demo(store, DemoConfig(n_atms=8, days=120, telemetry_days=3, credit_rows=60))
    watch = tmp_path / "watch"  # tests/import_watch names each process importing distributed
    watch.mkdir()
    env = {k: v for k, v in os.environ.items() if k != cluster.CLUSTER_VARIABLE}
    env.update(PYTHONPATH=os.pathsep.join([str(TESTS / "import_watch"), str(TESTS),
                                           env.get("PYTHONPATH", "")]),
               IOTFIN_IMPORT_WATCH=str(watch), QT_QPA_PLATFORM="offscreen",
               IOTFIN_LOG_DIR=str(tmp_path / "logs"))

    def run(*args: str) -> subprocess.CompletedProcess:
        done = subprocess.run([sys.executable, *args], cwd=TESTS.parent, env=env,
                              capture_output=True, text=True, timeout=900)
        assert done.returncode == 0, done.stderr[-3000:]
        return done

    cli = ["main.py", "--db", str(db), "--quiet"]
    run(*cli, "forecast", "--dataset", "demo_withdrawals", "--horizon", "7", "--model",
        "weekday_profile", "--out", str(tmp_path / "forecast.csv"))  # the window's is auto
    run(*cli, "train", "--dataset", "demo_credit_applications", "--target", "defaulted",
        "--task", "classification", "--models", "logistic,random_forest", "--cv", "3",
        "--search", "random")
    window = run(str(TESTS / "without_cluster.py"), str(db), str(tmp_path / "settings.ini"))
    assert window.stdout.split()[-1:] == ["done"]
    assert sorted(os.listdir(watch)) == []
    run("-c", "import distributed")  # the watch does see an import
    assert [name.partition("-")[2] for name in os.listdir(watch)] == ["distributed"]
