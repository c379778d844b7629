"""Background jobs as plain Python: progress, cooperative cancel, and the worker processes.

A job is a module-level function ``fn(ctx: JobContext, **kwargs) -> result``. It reports progress
with ``ctx.progress(...)`` (every call is also a cancel point) and calls ``ctx.check()`` inside
long loops. A job that writes does so in one store transaction (or to a temporary file renamed at
the end), so a job that is cancelled, fails or is killed leaves nothing behind.

The same job runs two ways:

* inline, for the CLI and tests: :func:`run_inline`;
* in a :class:`JobPool` of spawned worker processes, for the GUI. CPU-bound pandas or scikit-learn
  work there cannot starve the Qt event loop of the GIL, and a job that does not reach a cancel
  point within ``cancel_grace`` seconds is killed. The pool is polled (``JobPool.poll``) by
  whoever owns it; the Qt side does that from a timer and turns the events into signals. The
  warnings a job logs under ``iotfin`` come back as ``log`` events, for the owner's log.

Each job runs on a share of the app's cores (:mod:`iotfin_gui.core.parallel` decides): the pool
gives a job the cores its other running jobs leave (at least one), and the worker caps the
job's thread pools at that share. A job that catches Cancel to keep what it finished calls
:meth:`JobContext.winding_up` (the pool then waits up to ``wind_up_grace`` seconds instead of
killing it) and raises :class:`CancelledWithResults`, whose results reach the owner with the
``cancelled`` event. :class:`Eta` turns progress into elapsed and remaining time.
"""

from __future__ import annotations

import contextlib
import importlib
import itertools
import logging
import multiprocessing
import signal
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from iotfin_gui.core import disk_space, store_files
from iotfin_gui.core.errors import JobCancelled, UserFacingError, user_message
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message

ProgressReport = Callable[[float | None, str], None]
#: Fraction and elapsed seconds below which no remaining time is estimated (too little seen).
ETA_MIN_FRACTION, ETA_MIN_SECONDS = 0.02, 1.0

#: The log file's record of every job the pool runs: start, end, error details, duration
#: (DEBUG: the file keeps it, the Messages pane does not; see :mod:`iotfin_gui.core.logs`).
pool_log = logging.getLogger("iotfin.jobs.pool")

#: Imported by each worker before it takes its first job, so that jobs start without delay.
WARM_IMPORTS = ("numpy", "pandas", "sklearn.ensemble", "sqlite_utils")


@dataclass(frozen=True)
class JobSpec:
    """What to run: a title for the user and a picklable reference to a module-level function."""

    title: str
    target: str
    kwargs: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, title: str, fn: Callable[..., Any], **kwargs: Any) -> JobSpec:
        """Build a spec for ``fn(ctx, **kwargs)``; ``fn`` must be importable by name."""
        if "<" in fn.__qualname__:
            raise ValueError(f"job function {fn.__qualname__} must be defined at module level")
        return cls(title, f"{fn.__module__}:{fn.__qualname__}", dict(kwargs))

    def resolve(self) -> Callable[..., Any]:
        module_name, _, attr = self.target.partition(":")
        return getattr(importlib.import_module(module_name), attr)


class JobContext:
    """Handed to every job: progress reporting and the cancel check.

    ``progress`` is throttled: it reports only when the fraction moved by at least 1%, the
    message changed, or ``min_interval`` seconds passed, so jobs may call it as often as they like.
    """

    def __init__(
        self,
        report: ProgressReport | None = None,
        cancel_requested: Callable[[], bool] | None = None,
        *,
        min_interval: float = 0.1,
        wind_up: Callable[[], None] | None = None,
    ) -> None:
        self._report = report
        self._cancel_requested = cancel_requested or (lambda: False)
        self._min_interval = min_interval
        self._wind_up = wind_up
        self._last: tuple[float | None, str, float] = (None, "", 0.0)

    @property
    def cancelled(self) -> bool:
        return bool(self._cancel_requested())

    def check(self) -> None:
        """A cancel point: raise :class:`JobCancelled` if the user asked to cancel."""
        if self._cancel_requested():
            raise JobCancelled()

    def winding_up(self) -> None:
        """Tell the owner that the job answered Cancel and is saving what it finished (the
        pool then gives it ``wind_up_grace`` seconds before killing it)."""
        if self._wind_up is not None:
            self._wind_up()

    def progress(self, fraction: float | None, message: str = "") -> None:
        """Report ``fraction`` (0..1, or None when unknown) and ``message``; also a cancel point."""
        self.check()
        if self._report is None:
            return
        if fraction is not None:
            fraction = min(max(float(fraction), 0.0), 1.0)
        last_fraction, last_message, last_time = self._last
        now = time.monotonic()
        moved = (
            fraction is None
            or last_fraction is None
            or abs(fraction - last_fraction) >= 0.01
            or fraction >= 1.0
        )
        if message != last_message or (moved and now - last_time >= self._min_interval):
            self._last = (fraction, message, now)
            self._report(fraction, message)

    def steps(self, items: Iterable[Any], total: int | None = None, message: str = "") -> Iterator:
        """Iterate ``items``, reporting progress and checking for cancel before each one."""
        if total is None and hasattr(items, "__len__"):
            total = len(items)  # type: ignore[arg-type]
        for index, item in enumerate(items):
            self.progress(index / total if total else None, message)
            yield item
        self.progress(1.0, message)

    def scaled(self, start: float, stop: float) -> JobContext:
        """A context whose progress 0..1 maps onto ``start..stop`` of this one (for sub-steps)."""

        def report(fraction: float | None, message: str) -> None:
            self.progress(None if fraction is None else start + (stop - start) * fraction, message)

        return JobContext(report, self._cancel_requested, min_interval=0.0,
                          wind_up=self._wind_up)


class CancelledWithResults(JobCancelled):
    """Cancel after part of the work was kept: ``results`` is what the job finished and saved
    (JSON-able), handed to the owner with the ``cancelled`` event."""

    def __init__(self, results: Any) -> None:
        super().__init__()
        self.results = results


def clock(seconds: float) -> str:
    """A duration as ``m:ss`` (or ``h:mm:ss``), the same in every language."""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class Eta:
    """Elapsed and remaining time of a job from its progress.

    Jobs weight their progress by the measured cost of each step (a fit of an RBF SVM counts
    more than a fit of logistic regression), so the fraction done tracks time and the
    remaining time is the elapsed time scaled by what is left: ``elapsed * (1 - f) / f``.
    """

    def __init__(self, now: Callable[[], float] = time.monotonic) -> None:
        self._now = now
        self._started = now()
        self.fraction: float | None = None

    def update(self, fraction: float | None) -> None:
        if fraction is not None:
            self.fraction = min(max(float(fraction), 0.0), 1.0)

    @property
    def elapsed(self) -> float:
        return self._now() - self._started

    @property
    def remaining(self) -> float | None:
        """Seconds left, or None while too little has been seen to tell."""
        fraction, elapsed = self.fraction, self.elapsed
        if fraction is None or fraction < ETA_MIN_FRACTION or elapsed < ETA_MIN_SECONDS:
            return None
        return elapsed * (1.0 - fraction) / fraction

    def describe(self) -> Message:
        """``0:42 elapsed, about 1:10 left`` (or only the elapsed time)."""
        remaining = self.remaining
        if remaining is None:
            return QT_TRANSLATE_NOOP("Core", "{elapsed} elapsed").format(
                elapsed=clock(self.elapsed))
        return QT_TRANSLATE_NOOP("Core", "{elapsed} elapsed, about {remaining} left").format(
            elapsed=clock(self.elapsed), remaining=clock(remaining))


def describe_error(error: BaseException) -> tuple[Message | str, str]:
    """The message to show the user and the details (traceback) to keep behind a button."""
    details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    if isinstance(error, UserFacingError):
        return user_message(error), details
    for store in store_files.open_stores():
        full = disk_space.explain(error, store)
        if full is not None:
            return full, details
    return QT_TRANSLATE_NOOP("Core", "Unexpected error ({kind}): {error}").format(
        kind=type(error).__name__, error=str(error)), details


def run_inline(
    spec: JobSpec,
    report: ProgressReport | None = None,
    cancel_requested: Callable[[], bool] | None = None,
) -> Any:
    """Run a job in this process and return its result (exceptions propagate)."""
    return spec.resolve()(JobContext(report, cancel_requested), **spec.kwargs)


EventKind = Literal["started", "progress", "log", "done", "error", "cancelled"]


@dataclass
class JobEvent:
    """Something that happened to a job, as the pool reports it to its owner."""

    kind: EventKind
    job_id: int
    title: str = ""
    fraction: float | None = None
    message: str = ""
    result: Any = None
    details: str = ""
    winding_up: bool = False
    #: A ``log`` event's logger name and level (a warning the job logged in its process).
    logger: str = ""
    level: int = 0


class _ForwardLog(logging.Handler):
    """Sends the warnings a job logs under ``iotfin`` to the pool's owner as ``log`` events, so
    that they reach the window's Messages pane and log file (a worker process has neither)."""

    def __init__(self, messages: Any, job_id: int) -> None:
        super().__init__(logging.WARNING)
        self.messages, self.job_id = messages, job_id

    def emit(self, record: logging.LogRecord) -> None:
        text = record.msg if isinstance(record.msg, Message) and not record.args else \
            record.getMessage()
        try:
            self.messages.send(JobEvent("log", self.job_id, message=text, logger=record.name,
                                        level=record.levelno))
        except Exception:
            self.handleError(record)


def _worker_main(tasks: Any, messages: Any, cancel_event: Any, warm_imports: tuple,
                 cores: int = 1) -> None:
    """Body of a worker process: cap the thread pools (before numpy loads), import the heavy
    libraries once, then run jobs one at a time, each on the share of cores it was given and
    on the Dask cluster it was given (None: as this process's environment says)."""
    from iotfin_gui.core import cluster, parallel

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parallel.cap_environment(cores)
    for name in warm_imports:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    while True:
        try:
            task = tasks.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        job_id, spec, share, address = task

        def report(fraction: float | None, message: str, job_id: int = job_id) -> None:
            messages.send(JobEvent("progress", job_id, fraction=fraction, message=message))

        def wind_up(job_id: int = job_id) -> None:
            messages.send(JobEvent("progress", job_id, winding_up=True))

        forward = _ForwardLog(messages, job_id)
        logging.getLogger("iotfin").addHandler(forward)
        try:
            with parallel.use_cores(share), cluster.using(address):
                result = spec.resolve()(JobContext(report, cancel_event.is_set, wind_up=wind_up),
                                        **spec.kwargs)
            event = JobEvent("done", job_id, result=result)
        except CancelledWithResults as cancelled:
            event = JobEvent("cancelled", job_id, result=cancelled.results)
        except JobCancelled:
            event = JobEvent("cancelled", job_id)
        except BaseException as error:
            message, details = describe_error(error)
            event = JobEvent("error", job_id, message=message, details=details)
        finally:
            logging.getLogger("iotfin").removeHandler(forward)
        try:
            messages.send(event)
        except Exception as error:
            message, details = describe_error(error)
            messages.send(
                JobEvent("error", job_id, message=QT_TRANSLATE_NOOP(
                    "Core", "The job's result could not be returned: {message}").format(
                        message=message), details=details)
            )


class WorkerProcess:
    """One spawned Python process that runs one job at a time."""

    def __init__(self, warm_imports: tuple = WARM_IMPORTS, cores: int = 1) -> None:
        context = multiprocessing.get_context("spawn")
        tasks_out, self._tasks = context.Pipe(duplex=False)
        self._messages, messages_in = context.Pipe(duplex=False)
        self._cancel = context.Event()
        self._process = context.Process(
            target=_worker_main,
            args=(tasks_out, messages_in, self._cancel, warm_imports, cores),
            name="iotfin-worker",
            daemon=False,  # a job may start worker processes of its own (core.parallel)
        )
        self._process.start()
        tasks_out.close()
        messages_in.close()
        self.job_id: int | None = None

    @property
    def alive(self) -> bool:
        return self._process.is_alive()

    def submit(self, job_id: int, spec: JobSpec, share: int = 1,
               cluster: str | None = None) -> None:
        self._cancel.clear()
        self.job_id = job_id
        self._tasks.send((job_id, spec, share, cluster))

    def request_cancel(self) -> None:
        self._cancel.set()

    def receive(self) -> list[JobEvent]:
        """Every message the worker sent so far; an ``error`` event if it died mid-job."""
        events: list[JobEvent] = []
        try:
            while self._messages.poll():
                events.append(self._messages.recv())
        except (EOFError, OSError):
            pass
        finished = any(e.kind in ("done", "error", "cancelled") for e in events)
        if self.job_id is not None and not finished and not self.alive:
            code = self._process.exitcode
            events.append(
                JobEvent(
                    "error",
                    self.job_id,
                    message=QT_TRANSLATE_NOOP(
                        "Core", "The worker process stopped unexpectedly (exit code {code}); "
                        "nothing it was writing was kept.").format(code=code),
                )
            )
        if any(e.kind in ("done", "error", "cancelled") for e in events):
            self.job_id = None
        return events

    def kill(self) -> None:
        self._process.kill()
        self._process.join(2)
        self.job_id = None

    def close(self, timeout: float = 2.0) -> None:
        if self.alive:
            with contextlib.suppress(OSError, BrokenPipeError):
                self._tasks.send(None)
            self._process.join(timeout)
        if self.alive:
            self.kill()


@dataclass
class _Job:
    job_id: int
    spec: JobSpec
    key: str | None
    worker: WorkerProcess | None = None
    cancel_deadline: float | None = None
    fraction: float | None = None
    message: str = ""
    share: int = 1


class JobPool:
    """Runs jobs in worker processes; the owner calls :meth:`poll` regularly to get events.

    Starting a job with the ``key`` of a queued or running one cancels the old one first
    (Orange's lesson: results of stale settings must never arrive after newer ones).
    ``cores`` (default :func:`iotfin_gui.core.parallel.cores`) is shared by the running jobs.
    Jobs started while :attr:`cluster` holds a scheduler's address run their pieces on that
    Dask cluster ("": on this machine; None: as the environment says, e.g. ``--cluster``).
    """

    def __init__(
        self,
        max_workers: int = 2,
        cancel_grace: float = 1.5,
        warm_imports: tuple = WARM_IMPORTS,
        prestart: bool = True,
        cores: int | None = None,
        wind_up_grace: float = 30.0,
    ) -> None:
        from iotfin_gui.core import parallel

        self.max_workers = max(1, max_workers)
        self.cancel_grace = cancel_grace
        self.wind_up_grace = wind_up_grace
        self.cores = parallel.cores() if cores is None else max(1, cores)
        self._warm_imports = warm_imports
        self._ids = itertools.count(1)
        self._idle: list[WorkerProcess] = []
        self._queue: deque[_Job] = deque()
        self._running: dict[int, _Job] = {}
        self._events: list[JobEvent] = []
        self._started_at: dict[int, float] = {}
        self.cluster: str | None = None
        if prestart:
            self._idle.append(WorkerProcess(warm_imports, self.cores))

    def submit(self, spec: JobSpec, key: str | None = None) -> int:
        if key is not None:
            for job in [*self._queue, *self._running.values()]:
                if job.key == key:
                    self.cancel(job.job_id)
        job = _Job(next(self._ids), spec, key)
        self._queue.append(job)
        self._events.extend(self._dispatch())
        return job.job_id

    def cancel(self, job_id: int) -> None:
        for job in list(self._queue):
            if job.job_id == job_id:
                self._queue.remove(job)
                self._events.append(JobEvent("cancelled", job_id, job.spec.title))
                return
        job = self._running.get(job_id)
        if job is not None and job.cancel_deadline is None and job.worker is not None:
            job.worker.request_cancel()
            job.cancel_deadline = time.monotonic() + self.cancel_grace

    def running(self) -> list[tuple[int, str, float | None, str]]:
        """(job id, title, fraction, message) of every running job, oldest first."""
        return [(j.job_id, j.spec.title, j.fraction, j.message) for j in self._running.values()]

    @property
    def busy(self) -> bool:
        return bool(self._queue or self._running)

    def poll(self) -> list[JobEvent]:
        """Collect what the workers reported, enforce cancel deadlines, start queued jobs."""
        events, self._events = self._events, []
        for job in list(self._running.values()):
            worker = job.worker
            assert worker is not None
            for event in worker.receive():
                event.title = job.spec.title
                if event.winding_up:
                    if job.cancel_deadline is not None:
                        job.cancel_deadline = time.monotonic() + self.wind_up_grace
                elif event.kind == "progress":
                    job.fraction, job.message = event.fraction, event.message
                elif event.kind != "log":
                    self._finish(job, reuse_worker=worker.alive)
                events.append(event)
                if event.kind not in ("progress", "log"):
                    break
            else:
                if job.cancel_deadline is not None and time.monotonic() >= job.cancel_deadline:
                    worker.kill()
                    self._finish(job, reuse_worker=False)
                    events.append(JobEvent("cancelled", job.job_id, job.spec.title))
        events.extend(self._dispatch())
        for event in events:
            self._log(event)
        return events

    def _log(self, event: JobEvent) -> None:
        """Write a job's start, and its end with how long it ran, to the log file."""
        if event.kind in ("progress", "log"):
            return
        if event.kind == "started":
            self._started_at[event.job_id] = time.monotonic()
            job = self._running.get(event.job_id)
            pool_log.debug("job %d started: %s (%d core(s))", event.job_id, event.title,
                           job.share if job else 1)
            return
        started = self._started_at.pop(event.job_id, None)
        took = "" if started is None else f" after {time.monotonic() - started:.2f} s"
        if event.kind == "error":
            pool_log.debug("job %d failed%s: %s: %s\n%s", event.job_id, took, event.title,
                           event.message, event.details.rstrip())
        else:
            pool_log.debug("job %d %s%s: %s", event.job_id,
                           "finished" if event.kind == "done" else "cancelled", took, event.title)

    def wait(self, job_id: int, timeout: float = 60.0, interval: float = 0.02) -> JobEvent:
        """Poll until ``job_id`` ends and return its final event (for tests and scripts)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for event in self.poll():
                if event.job_id == job_id and event.kind in ("done", "error", "cancelled"):
                    return event
            time.sleep(interval)
        raise TimeoutError(f"job {job_id} did not finish within {timeout} s")

    def shutdown(self) -> None:
        for job in list(self._running.values()):
            if job.worker is not None:
                job.worker.kill()
        self._running.clear()
        self._queue.clear()
        for worker in self._idle:
            worker.close()
        self._idle.clear()

    def _finish(self, job: _Job, reuse_worker: bool) -> None:
        self._running.pop(job.job_id, None)
        worker = job.worker
        if worker is not None:
            if reuse_worker and worker.alive:
                self._idle.append(worker)
            else:
                worker.close(timeout=0.5)
        if not self._idle and not self._running:
            self._idle.append(WorkerProcess(self._warm_imports, self.cores))

    def _dispatch(self) -> list[JobEvent]:
        started: list[JobEvent] = []
        while self._queue and (self._idle or len(self._running) < self.max_workers):
            worker = self._idle.pop() if self._idle else WorkerProcess(self._warm_imports,
                                                                       self.cores)
            job = self._queue.popleft()
            job.worker = worker
            job.share = max(1, self.cores - sum(j.share for j in self._running.values()))
            worker.submit(job.job_id, job.spec, job.share, self.cluster)
            self._running[job.job_id] = job
            started.append(JobEvent("started", job.job_id, job.spec.title))
        return started
