"""The status bar's elapsed and remaining time: extrapolated from the job's (cost-weighted)
progress, ticking while the job runs, gone when it ends."""

from __future__ import annotations

import re

import pytest
import sample_jobs

from iotfin_gui.core.jobs import ETA_MIN_FRACTION, JobSpec
from iotfin_gui.ui.status import JobStatusWidget

pytestmark = pytest.mark.gui


def test_status_bar_shows_elapsed_and_remaining_time(qtbot, runner) -> None:
    now = [1000.0]
    status = JobStatusWidget(runner, clock=lambda: now[0])
    qtbot.addWidget(status)
    with qtbot.waitSignal(runner.started, timeout=30_000):
        job_id = runner.submit(JobSpec.of("Counting", sample_jobs.count_slowly, steps=40,
                                          delay=0.25))
    assert status.time_label.text() == "0:00 elapsed"  # nothing to extrapolate from yet
    now[0] += 75
    with qtbot.waitSignal(runner.progressed, timeout=30_000,
                          check_params_cb=lambda job, fraction, message:
                          (fraction or 0) >= ETA_MIN_FRACTION):
        pass
    eta = status._etas[job_id]
    assert eta.fraction and eta.remaining == pytest.approx(75 * (1 - eta.fraction)
                                                           / eta.fraction)
    text = status.time_label.text()
    assert re.fullmatch(r"1:15 elapsed, about \d+:\d\d(:\d\d)? left", text), text
    with qtbot.waitSignal(runner.cancelled, timeout=10_000):
        status.cancel_button.click()
    assert not status.isVisible() and not status._etas
