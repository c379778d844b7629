"""The status-bar widget that shows the running job, its progress and a Cancel button."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from iotfin_gui.ui.jobs import JobRunner


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

    def __init__(self, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._shown_job: int | None = None
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setFixedWidth(180)
        self.bar.setTextVisible(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setToolTip(self.tr("Stop the running job; nothing it wrote is kept"))
        self.cancel_button.clicked.connect(self._cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
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
        if not running:
            self._shown_job = None
            return
        job_id, title, fraction, message = running[-1]
        self._shown_job = job_id
        more = len(running) - 1
        text = title if not more else self.tr("%1 (+%2 more)").replace("%1", title).replace(
            "%2", str(more))
        self.label.setText(text)
        self._show_fraction(fraction, message)
        self.cancel_button.setEnabled(True)

    def _on_progress(self, job_id: int, fraction: float | None, message: str) -> None:
        if job_id == self._shown_job:
            self._show_fraction(fraction, message)

    def _show_fraction(self, fraction: float | None, message: str) -> None:
        show_progress(self.bar, fraction, message)

    def _cancel(self) -> None:
        if self._shown_job is not None:
            self.cancel_button.setEnabled(False)
            self._runner.cancel(self._shown_job)
