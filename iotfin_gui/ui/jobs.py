"""The one place the GUI runs background jobs: a Qt front for :class:`core.jobs.JobPool`.

A timer polls the pool only while jobs are running and turns its events into signals and
per-job callbacks on the GUI thread. Jobs run in worker processes, so even GIL-holding work
cannot freeze the window, and Cancel ends a job within the pool's grace period. A failure
without its own ``on_error`` callback is announced through :attr:`JobRunner.unhandled_error`,
which the main window shows as a message with the traceback under "Details". Progress and error
messages from the core arrive as translatable Messages and leave here in the interface language.
A warning a job logs in its worker process is logged here again, so the Messages pane and the
log file show it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from iotfin_gui.core.jobs import JobEvent, JobPool, JobSpec
from iotfin_gui.ui.i18n import translated

log = logging.getLogger("iotfin.jobs")


@dataclass
class _Callbacks:
    on_done: Callable[[Any], None] | None
    on_error: Callable[[str, str], None] | None
    on_cancel: Callable[[], None] | None


def _alive(callback: Callable[..., Any] | None) -> bool:
    """False for a bound method of a Qt object that has been deleted meanwhile."""
    if callback is None:
        return False
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)


def _ignore_error(message: str, details: str) -> None:
    """The error callback of a superseded job: its failure no longer concerns anyone."""


class JobRunner(QObject):
    """Runs :class:`JobSpec` jobs off the GUI thread and reports back with signals."""

    started = Signal(int, str)
    progressed = Signal(int, object, str)
    succeeded = Signal(int, object)
    failed = Signal(int, str, str)
    cancelled = Signal(int)
    busy_changed = Signal(bool)
    unhandled_error = Signal(str, str, str)

    def __init__(
        self, parent: QObject | None = None, *, max_workers: int = 2, poll_ms: int = 30,
        cancel_grace: float = 1.5,
    ) -> None:
        super().__init__(parent)
        self._pool = JobPool(max_workers=max_workers, cancel_grace=cancel_grace)
        self._callbacks: dict[int, _Callbacks] = {}
        self._titles: dict[int, str] = {}
        self._keys: dict[str, int] = {}
        #: Jobs replaced by a newer one with their key: their end is no news to the user.
        self._superseded: set[int] = set()
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self._poll)

    @property
    def busy(self) -> bool:
        return self._pool.busy

    def running(self) -> list[tuple[int, str, float | None, str]]:
        return self._pool.running()

    def submit(
        self,
        spec: JobSpec,
        *,
        key: str | None = None,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[str, str], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
    ) -> int:
        """Start ``spec``; a running job with the same ``key`` is cancelled first and its
        callbacks dropped, so a stale result never reaches the caller."""
        if key is not None and key in self._keys:
            self._drop(self._keys[key])
        job_id = self._pool.submit(spec, key=key)
        if key is not None:
            self._keys[key] = job_id
        self._callbacks[job_id] = _Callbacks(on_done, on_error, on_cancel)
        self._titles[job_id] = spec.title
        if not self._timer.isActive():
            self._timer.start()
            self.busy_changed.emit(True)
        self._poll()
        return job_id

    def supersede(self, key: str) -> None:
        """Cancel the job last started with ``key`` if it is still queued or running, because
        what it was for is no longer asked for (e.g. a view now shows a kept result without a
        job): its callbacks are dropped, as when a newer job with the key replaces it."""
        job_id = self._keys.pop(key, None)
        if job_id is not None and self._drop(job_id):
            self._pool.cancel(job_id)

    def _drop(self, job_id: int) -> bool:
        """Drop the callbacks of a queued or running job and count it as superseded; False
        when it has already ended."""
        if job_id not in self._titles:
            return False
        self._callbacks[job_id] = _Callbacks(None, _ignore_error, None)
        self._superseded.add(job_id)
        return True

    def set_cluster(self, address: str | None) -> None:
        """Run the jobs started from now on on the Dask cluster at ``address`` ("": on this
        computer; None: as the environment says, e.g. ``--cluster``)."""
        self._pool.cluster = address

    def cancel(self, job_id: int) -> None:
        log.info("Cancelling %s", self._titles.get(job_id, job_id))
        self._pool.cancel(job_id)

    def cancel_all(self) -> None:
        for job_id, *_ in self._pool.running():
            self.cancel(job_id)

    def abandon_all(self) -> None:
        """Cancel every job not yet delivered and drop its callbacks, including one that has
        ended in its worker but not been polled: what the jobs were for is gone (the window
        closes), so no result may reach a closed window or its closed store."""
        running = {job_id for job_id, *_ in self._pool.running()}
        for job_id in list(self._titles):
            if self._drop(job_id) and job_id in running:
                self._pool.cancel(job_id)

    def shutdown(self) -> None:
        self._timer.stop()
        self._pool.shutdown()

    def _poll(self) -> None:
        for event in self._pool.poll():
            self._deliver(event)
        if not self._pool.busy and self._timer.isActive():
            self._timer.stop()
            self.busy_changed.emit(False)

    def _deliver(self, event: JobEvent) -> None:
        title = self._titles.get(event.job_id, event.title)
        if event.kind == "started":
            log.info(self.tr("Started: %1").replace("%1", title))
            self.started.emit(event.job_id, title)
            return
        if event.kind == "progress":
            self.progressed.emit(event.job_id, event.fraction, translated(event.message))
            return
        if event.kind == "log":  # a warning the job logged in its worker process
            logging.getLogger(event.logger or "iotfin").log(event.level or logging.WARNING,
                                                            translated(event.message))
            return
        callbacks = self._callbacks.pop(event.job_id, None)
        self._titles.pop(event.job_id, None)
        superseded = event.job_id in self._superseded
        self._superseded.discard(event.job_id)
        if event.kind == "done":
            log.info(self.tr("Finished: %1").replace("%1", title))
            self.succeeded.emit(event.job_id, event.result)
            if callbacks and _alive(callbacks.on_done):
                callbacks.on_done(event.result)
        elif event.kind == "cancelled":
            if superseded:  # the same view asked again (e.g. another dataset): not a cancel
                log.debug("Superseded: %s", title)
            else:
                log.info(self.tr("Cancelled: %1").replace("%1", title))
            self.cancelled.emit(event.job_id)
            if callbacks and _alive(callbacks.on_cancel):
                callbacks.on_cancel()
        else:
            message = translated(event.message)
            log.error(self.tr("Failed: %1: %2").replace("%1", title).replace("%2", message))
            self.failed.emit(event.job_id, message, event.details)
            if callbacks and callbacks.on_error:
                if _alive(callbacks.on_error):
                    callbacks.on_error(message, event.details)
            else:
                self.unhandled_error.emit(title, message, event.details)
