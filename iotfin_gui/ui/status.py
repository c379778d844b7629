"""The status-bar widget: one row per running job, each with its own title, progress, elapsed
and remaining time and Cancel, so that two jobs never mix their texts.

Jobs weight their progress by measured cost, so the remaining time is extrapolated from the
elapsed time (:class:`iotfin_gui.core.jobs.Eta`); the time label ticks every second even while
a long step reports nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from iotfin_gui.core.jobs import Eta
from iotfin_gui.ui.i18n import translated
from iotfin_gui.ui.jobs import JobRunner

#: How often the elapsed and remaining time are refreshed (ms).
TICK_MS = 1000
#: Rows shown at most; further jobs are counted on the last line.
MAX_ROWS = 4
#: The title's width in pixels; longer titles are elided, whole on hover.
TITLE_WIDTH = 260


def show_progress(bar: QProgressBar, fraction: float | None, message: str = "") -> None:
    """Show a job's progress on ``bar``: busy when the fraction is unknown, else per mille."""
    if fraction is None:
        bar.setRange(0, 0)
    else:
        bar.setRange(0, 1000)
        bar.setValue(round(fraction * 1000))
    bar.setFormat(f"{message}  %p%" if message and fraction is not None else "%p%")
    bar.setToolTip(message)


class JobRow(QWidget):
    """One running job: its title, progress, elapsed and remaining time, and Cancel."""

    def __init__(self, job_id: int, title: str, eta: Eta, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job_id = job_id
        self.eta = eta
        self.label = QLabel(self)
        self.label.setFixedWidth(TITLE_WIDTH)
        self.label.setToolTip(title)
        self.label.setText(self.label.fontMetrics().elidedText(
            title, Qt.TextElideMode.ElideRight, TITLE_WIDTH))
        self.bar = QProgressBar(self)
        self.bar.setFixedWidth(180)
        self.bar.setTextVisible(True)
        self.time_label = QLabel(self)
        self.time_label.setToolTip(self.tr("Time since the job started and the estimated time "
                                           "left (from its progress so far)"))
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setToolTip(self.tr("Stop this job; nothing it wrote is kept"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.time_label)
        layout.addWidget(self.cancel_button)

    def show_fraction(self, fraction: float | None, message: str) -> None:
        self.eta.update(fraction)
        show_progress(self.bar, fraction, message)
        self.show_time()

    def show_time(self) -> None:
        self.time_label.setText(translated(self.eta.describe()))


class JobStatusWidget(QWidget):
    """Follows a :class:`JobRunner`: hidden when idle, one :class:`JobRow` per running job
    (the newest last) when busy. ``label``, ``bar``, ``time_label`` and ``cancel_button`` are
    the newest row's."""

    def __init__(self, runner: JobRunner, parent: QWidget | None = None,
                 clock: Callable[[], float] | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._clock = clock
        self._etas: dict[int, Eta] = {}
        self.rows: dict[int, JobRow] = {}
        self.more_label = QLabel(self)
        self.more_label.hide()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(1)
        self._layout.addWidget(self.more_label)
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._show_times)
        runner.started.connect(self._refresh)
        runner.progressed.connect(self._on_progress)
        for signal in (runner.succeeded, runner.cancelled):
            signal.connect(self._refresh)
        runner.failed.connect(self._refresh)
        self._refresh()

    def _newest(self) -> JobRow | None:
        return next(reversed(self.rows.values()), None)

    label = property(lambda self: getattr(self._newest(), "label", None))
    bar = property(lambda self: getattr(self._newest(), "bar", None))
    time_label = property(lambda self: getattr(self._newest(), "time_label", None))
    cancel_button = property(lambda self: getattr(self._newest(), "cancel_button", None))

    def _refresh(self, *args: object) -> None:
        running = self._runner.running()
        live = {job[0] for job in running}
        self._etas = {job_id: eta for job_id, eta in self._etas.items() if job_id in live}
        for job_id in [j for j in self.rows if j not in live]:
            row = self.rows.pop(job_id)
            self._layout.removeWidget(row)
            row.hide()
            row.setParent(None)  # Python owns and frees it: it may be inside its own click
        shown = running[-MAX_ROWS:]
        for job_id, title, fraction, message in shown:
            if job_id not in self.rows:
                row = JobRow(job_id, title, self._eta(job_id), self)
                row.cancel_button.clicked.connect(lambda _=False, j=job_id: self._cancel(j))
                self._layout.insertWidget(self._layout.count() - 1, row)
                self.rows[job_id] = row
                row.show_fraction(fraction, message)
        hidden = len(running) - len(shown)
        self.more_label.setText(self.tr("and %n more job(s)", "", hidden))
        self.more_label.setVisible(hidden > 0)
        self.setVisible(bool(running))
        if running and not self._ticker.isActive():
            self._ticker.start()
        elif not running:
            self._ticker.stop()

    def _on_progress(self, job_id: int, fraction: float | None, message: str) -> None:
        row = self.rows.get(job_id)
        if row is not None:
            row.show_fraction(fraction, message)
        else:
            self._eta(job_id).update(fraction)

    def _eta(self, job_id: int) -> Eta:
        if job_id not in self._etas:
            self._etas[job_id] = Eta() if self._clock is None else Eta(self._clock)
        return self._etas[job_id]

    def _show_times(self) -> None:
        for row in self.rows.values():
            row.show_time()

    def _cancel(self, job_id: int) -> None:
        row = self.rows.get(job_id)
        if row is not None:
            row.cancel_button.setEnabled(False)
        self._runner.cancel(job_id)
