"""The status-bar widget that shows the running job, its progress, its elapsed and remaining
time and a Cancel button.

Jobs weight their progress by measured cost, so the remaining time is extrapolated from the
elapsed time (:class:`iotfin_gui.core.jobs.Eta`); the time label ticks every second even while
a long step reports nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from iotfin_gui.core.jobs import Eta
from iotfin_gui.ui.i18n import translated
from iotfin_gui.ui.jobs import JobRunner

#: How often the elapsed and remaining time are refreshed (ms).
TICK_MS = 1000


def show_progress(bar: QProgressBar, fraction: float | None, message: str = "") -> None:
    """Show a job's progress on ``bar``: busy when the fraction is unknown, else per mille."""
    if fraction is None:
        bar.setRange(0, 0)
    else:
        bar.setRange(0, 1000)
        bar.setValue(round(fraction * 1000))
    bar.setFormat(f"{message}  %p%" if message and fraction is not None else "%p%")
    bar.setToolTip(message)


class JobStatusWidget(QWidget):
    """Follows a :class:`JobRunner`: hidden when idle, title + progress + Cancel when busy."""

    def __init__(self, runner: JobRunner, parent: QWidget | None = None,
                 clock: Callable[[], float] | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._shown_job: int | None = None
        self._clock = clock
        self._etas: dict[int, Eta] = {}
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setFixedWidth(180)
        self.bar.setTextVisible(True)
        self.time_label = QLabel(self)
        self.time_label.setToolTip(self.tr("Time since the job started and the estimated time "
                                           "left (from its progress so far)"))
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._show_time)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setToolTip(self.tr("Stop the running job; nothing it wrote is kept"))
        self.cancel_button.clicked.connect(self._cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.time_label)
        layout.addWidget(self.cancel_button)
        runner.started.connect(self._refresh)
        runner.progressed.connect(self._on_progress)
        for signal in (runner.succeeded, runner.cancelled):
            signal.connect(self._refresh)
        runner.failed.connect(self._refresh)
        self._refresh()

    def _refresh(self, *args: object) -> None:
        running = self._runner.running()
        self.setVisible(bool(running))
        live = {job[0] for job in running}
        self._etas = {job_id: eta for job_id, eta in self._etas.items() if job_id in live}
        if not running:
            self._shown_job = None
            self._ticker.stop()
            return
        job_id, title, fraction, message = running[-1]
        self._shown_job = job_id
        self._eta(job_id).update(fraction)
        if not self._ticker.isActive():
            self._ticker.start()
        more = len(running) - 1
        text = title if not more else self.tr("%1 (+%2 more)").replace("%1", title).replace(
            "%2", str(more))
        self.label.setText(text)
        self._show_fraction(fraction, message)
        self.cancel_button.setEnabled(True)

    def _on_progress(self, job_id: int, fraction: float | None, message: str) -> None:
        self._eta(job_id).update(fraction)
        if job_id == self._shown_job:
            self._show_fraction(fraction, message)

    def _eta(self, job_id: int) -> Eta:
        if job_id not in self._etas:
            self._etas[job_id] = Eta() if self._clock is None else Eta(self._clock)
        return self._etas[job_id]

    def _show_fraction(self, fraction: float | None, message: str) -> None:
        show_progress(self.bar, fraction, message)
        self._show_time()

    def _show_time(self) -> None:
        if self._shown_job is None:
            self.time_label.clear()
            return
        self.time_label.setText(translated(self._eta(self._shown_job).describe()))

    def _cancel(self) -> None:
        if self._shown_job is not None:
            self.cancel_button.setEnabled(False)
            self._runner.cancel(self._shown_job)
