"""Run ▸ Dask cluster…: the user types a LocalCluster's address, tests the connection, keeps it,
and the next forecast started from the window runs its pieces on that cluster."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from iotfin_gui.core import cluster
from iotfin_gui.ui.cluster_dialog import ClusterDialog
from iotfin_gui.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def _executed(dask_worker) -> int:
    return dask_worker.state.executed_count


def _dialog(qtbot, window: MainWindow) -> ClusterDialog:
    dialog = window.window_actions.open_cluster()
    qtbot.addWidget(dialog)
    return dialog


def test_a_tested_address_runs_the_window_s_forecast_on_the_cluster(qtbot, window: MainWindow,
                                                                    local_cluster) -> None:
    address, client = local_cluster
    dialog = _dialog(qtbot, window)
    dialog.address.clear()
    qtbot.keyClicks(dialog.address, address)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert not dialog.test_button.isEnabled()  # the test runs off the GUI thread
    qtbot.waitUntil(lambda: "worker" in dialog.result.text(), timeout=30_000)
    assert "2 worker(s), 2 thread(s)" in dialog.result.text()
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert window.store.setting(cluster.SETTING) == address

    before = sum(client.run(_executed).values())
    panel = window.panels["forecast"]
    window.show_panel("forecast")
    panel.model_box.setCurrentIndex(panel.model_box.findData("weekday_profile"))
    panel.horizon_box.setValue(7)
    try:
        with qtbot.waitSignal(panel.outlook_ready, timeout=180_000) as blocker:
            qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    finally:
        window.runner.set_cluster(None)
    assert blocker.args[0].result.horizon == 7
    assert sum(client.run(_executed).values()) >= before + 2  # a chunk of ATMs per thread


def test_a_wrong_address_is_explained_and_not_kept(qtbot, window: MainWindow) -> None:
    dialog = _dialog(qtbot, window)
    qtbot.keyClicks(dialog.address, "not an address")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert "tcp://host:8786" in dialog.result.text()
    dialog.accept()
    assert dialog.isVisible() and window.store.setting(cluster.SETTING) is None
    dialog.address.setText("tcp://127.0.0.1:9")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=30_000)
    assert "Cannot reach the Dask scheduler at tcp://127.0.0.1:9" in dialog.result.text()
