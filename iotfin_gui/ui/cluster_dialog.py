"""Run ▸ Dask cluster…: the window's setting "Run heavy jobs on a Dask cluster".

The address is kept in the store's settings (:data:`iotfin_gui.core.cluster.SETTING`) and handed to
the job runner, so that every job started from the window afterwards runs its pieces on that
cluster, as ``--cluster`` does on the command line. Test connection connects with a short timeout
on a thread of its own (the window stays responsive; Dask is imported only then) and shows the
cluster's workers and threads, or why it cannot be reached.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from iotfin_gui.core import cluster
from iotfin_gui.core.errors import UserFacingError, user_message
from iotfin_gui.core.messages import Message
from iotfin_gui.core.store import Store
from iotfin_gui.ui.i18n import number, translated
from iotfin_gui.ui.jobs import JobRunner

#: Seconds Test connection waits for the scheduler.
TEST_SECONDS = 5.0


def saved_address(store: Store) -> str | None:
    """The cluster address the store keeps ("": this computer; None: never set, so the
    environment decides, e.g. the window was opened with ``--cluster``)."""
    value = store.setting(cluster.SETTING)
    return None if value is None else str(value)


def apply_saved_address(store: Store, runner: JobRunner) -> None:
    """Let the runner's next jobs use the store's cluster setting."""
    runner.set_cluster(saved_address(store))


class ClusterDialog(QDialog):
    """The cluster address, a Test connection button and what the test found."""

    tested = Signal(object)  # a ClusterInfo, or the error's message

    def __init__(self, store: Store, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.runner = store, runner
        self.setObjectName("cluster_dialog")
        self.setWindowTitle(self.tr("Dask cluster"))
        intro = QLabel(self.tr(
            "Run heavy jobs (forecasts, model training and search) on a Dask cluster: type its "
            "scheduler's address, e.g. tcp://10.0.0.5:8786. The workers must run this version "
            "of the app and see the store's folder at the same path. Leave it empty to run on "
            "this computer."), self)
        intro.setWordWrap(True)
        self.address = QLineEdit(saved_address(store) or cluster.address() or "", self)
        self.address.setObjectName("cluster_address")
        self.address.setPlaceholderText(self.tr("empty: this computer only"))
        self.test_button = QPushButton(self.tr("&Test connection"), self)
        self.test_button.setObjectName("cluster_test")
        self.test_button.clicked.connect(self.test_connection)
        self.result = QLabel("", self)
        self.result.setObjectName("cluster_result")
        self.result.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Run heavy jobs on a Dask cluster: address"), self.address)
        form.addRow("", self.test_button)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.result)
        layout.addWidget(buttons)
        self.tested.connect(self._show_test)
        self._testing: threading.Thread | None = None

    def test_connection(self) -> None:
        """Connect to the address on a thread of its own; the answer arrives by ``tested``."""
        try:
            where = cluster.check_address(self.address.text())
        except UserFacingError as error:
            self._show_test(user_message(error))
            return
        if not where:
            self._show_test(self.tr("No address: jobs run on this computer."))
            return
        self.test_button.setEnabled(False)
        self.result.setText(self.tr("Connecting to %1…").replace("%1", where))
        self._testing = threading.Thread(target=self._probe, args=(where,), daemon=True,
                                         name="cluster-test")
        self._testing.start()

    def _probe(self, where: str) -> None:
        try:
            self.tested.emit(cluster.probe(where, TEST_SECONDS))
        except UserFacingError as error:
            self.tested.emit(user_message(error))

    def _show_test(self, found: cluster.ClusterInfo | Message | str) -> None:
        self.test_button.setEnabled(True)
        if not isinstance(found, cluster.ClusterInfo):
            self.result.setText(translated(found))
            return
        self.result.setText(self.tr("Connected to %1: %2 worker(s), %3 thread(s).").replace(
            "%1", found.address).replace("%2", number(found.workers)).replace(
            "%3", number(found.threads)))

    def accept(self) -> None:
        """Keep the address in the store and use it for the next jobs (refused if malformed)."""
        try:
            where = cluster.check_address(self.address.text())
        except UserFacingError as error:
            self._show_test(user_message(error))
            return
        self.store.set_setting(cluster.SETTING, where)
        self.runner.set_cluster(where)
        super().accept()
