"""Background jobs seen from the GUI: status bar progress, Cancel, errors as messages."""

from __future__ import annotations

import time

import pytest
import sample_jobs
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from iotfin_gui.core.jobs import JobSpec
from iotfin_gui.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_status_bar_shows_progress_and_cancel_stops_the_job(qtbot, window: MainWindow) -> None:
    runner, status = window.runner, window.job_status
    with qtbot.waitSignal(runner.progressed, timeout=30_000):
        job_id = runner.submit(JobSpec.of("Counting", sample_jobs.count_slowly, steps=10_000))
    assert status.isVisible() and status.label.text() == "Counting"
    assert status.bar.maximum() == 1000
    with qtbot.waitSignal(runner.cancelled, timeout=10_000) as blocker:
        qtbot.mouseClick(status.cancel_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [job_id]
    assert not status.isVisible()


def test_cancel_ends_a_gil_bound_job_that_never_checks(qtbot, window: MainWindow) -> None:
    runner = window.runner
    with qtbot.waitSignal(runner.started, timeout=30_000):
        job_id = runner.submit(JobSpec.of("Spinning", sample_jobs.hold_the_gil, seconds=120))
    qtbot.wait(300)
    with qtbot.waitSignal(runner.cancelled, timeout=10_000) as blocker:
        qtbot.mouseClick(window.job_status.cancel_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [job_id]


def test_a_failed_job_is_shown_as_a_message_with_details(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.runner.unhandled_error, timeout=30_000):
        window.runner.submit(JobSpec.of("Importing atm.csv", sample_jobs.fail_for_user))
    boxes = [b for b in window.findChildren(QMessageBox) if b.objectName() == "error_box"]
    assert boxes, "no error message was shown"
    box = boxes[-1]
    assert box.windowTitle() == "Importing atm.csv"
    assert "row 7" in box.text() and "column 'amount'" in box.text()
    assert "Traceback" in box.detailedText()
    assert "Failed: Importing atm.csv" in window.log_pane.text.toPlainText()
    box.close()


def test_a_superseded_job_never_delivers_its_result(qtbot, window: MainWindow) -> None:
    delivered: list[int] = []
    runner = window.runner
    runner.submit(JobSpec.of("slow", sample_jobs.count_slowly, steps=10_000),
                  key="same", on_done=delivered.append)
    with qtbot.waitSignal(runner.succeeded, timeout=30_000):
        runner.submit(JobSpec.of("quick", sample_jobs.add, a=20, b=22), key="same",
                      on_done=delivered.append)
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
    assert delivered == [42]


def test_a_job_no_longer_wanted_is_cancelled_without_a_newer_one(qtbot, window: MainWindow
                                                                  ) -> None:
    runner, delivered, cancels = window.runner, [], []
    with qtbot.waitSignal(runner.started, timeout=30_000):
        job_id = runner.submit(JobSpec.of("slow", sample_jobs.count_slowly, steps=10_000),
                               key="view", on_done=delivered.append,
                               on_cancel=lambda: cancels.append("called"))
    with qtbot.waitSignal(runner.cancelled, timeout=10_000) as blocker:
        runner.supersede("view")
    assert blocker.args == [job_id] and delivered == [] and cancels == []
    runner.supersede("view")  # nothing left to cancel
    runner.supersede("never used")
    assert not runner.busy


def test_closing_the_window_delivers_no_result_to_it(qtbot, window: MainWindow) -> None:
    """Jobs not yet delivered when the window closes (one still running, one that may have
    ended in its worker) are dropped: no result or cancel reaches the closed window or its
    store. The CI saw a Data panel overview delivered to a closed store at teardown."""
    runner, delivered, cancels = window.runner, [], []
    runner.submit(JobSpec.of("slow", sample_jobs.count_slowly, steps=10_000),
                  on_done=delivered.append, on_cancel=lambda: cancels.append("called"))
    runner.submit(JobSpec.of("quick", sample_jobs.add, a=20, b=22), on_done=delivered.append)
    time.sleep(2)  # no event loop turns (a busy window): nothing is delivered meanwhile
    assert delivered == []
    window.close()
    qtbot.waitUntil(lambda: not runner.busy, timeout=30_000)
    assert delivered == [] and cancels == []
