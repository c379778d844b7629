"""The status bar shows one row per running job; a superseded job ends silently."""

from __future__ import annotations

import logging

import pytest
import sample_jobs
from PySide6.QtCore import Qt

from iotfin_gui.core.jobs import JobSpec
from iotfin_gui.ui.status import JobStatusWidget

pytestmark = pytest.mark.gui


def test_two_jobs_get_a_row_each_and_cancel_only_their_own(qtbot, runner) -> None:
    status = JobStatusWidget(runner)
    qtbot.addWidget(status)
    status.show()
    first = runner.submit(JobSpec.of("Summarising demo_withdrawals", sample_jobs.count_slowly,
                                     steps=10_000))
    second = runner.submit(JobSpec.of("Reading the fleet status", sample_jobs.count_slowly,
                                      steps=10_000))
    qtbot.waitUntil(lambda: set(status.rows) == {first, second}, timeout=30_000)
    texts = {job: row.label.toolTip() for job, row in status.rows.items()}
    assert texts == {first: "Summarising demo_withdrawals", second: "Reading the fleet status"}
    assert status.label is status.rows[second].label
    with qtbot.waitSignal(runner.cancelled, timeout=10_000) as blocker:
        qtbot.mouseClick(status.rows[first].cancel_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [first]
    assert list(status.rows) == [second] and status.isVisible()
    with qtbot.waitSignal(runner.cancelled, timeout=10_000):
        qtbot.mouseClick(status.cancel_button, Qt.MouseButton.LeftButton)
    assert not status.rows and not status.isVisible()


def test_a_superseded_job_is_not_announced_as_cancelled(qtbot, runner, caplog) -> None:
    caplog.set_level(logging.INFO, logger="iotfin.jobs")
    runner.submit(JobSpec.of("Summarising A", sample_jobs.count_slowly, steps=10_000),
                  key="data.overview")
    with qtbot.waitSignal(runner.succeeded, timeout=30_000):
        runner.submit(JobSpec.of("Summarising B", sample_jobs.add, a=1, b=2),
                      key="data.overview")
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
    messages = [record.getMessage() for record in caplog.records]
    assert "Finished: Summarising B" in messages
    assert not any(m.startswith("Cancelled") for m in messages), messages
