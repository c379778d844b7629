"""The one place that decides parallelism: how many cores the app may use, how many worker
processes a job's independent pieces (folds, search candidates, backtest origins) run in, and
how many BLAS/OpenMP threads each process may start.

Rules:

* the app may use :func:`cores` cores: ``IOTFIN_CORES`` (the setting; the CLI's ``--cores``
  sets it), else every core this process may run on;
* a job uses its *share* of those (:func:`use_cores`; the job pool gives each job the cores
  the other running jobs leave, at least one; the CLI gives its one job all of them);
* :func:`run_tasks` runs a job's pieces in ``workers = min(pieces, share)`` processes with
  ``threads = share // workers`` threads each, so workers x threads never exceed the share.
  Processes are preferred to threads: a coarse piece per process keeps its speed on a busy
  machine, whereas OpenMP's many short parallel regions stall whenever one of their threads
  is descheduled (the cause of 8-15 minute forecasts on a loaded laptop);
* every process limits its pools with threadpoolctl (numpy's BLAS, scikit-learn's OpenMP, so
  also HistGradientBoosting) and sets ``OMP_NUM_THREADS`` & co. and ``OMP_WAIT_POLICY=PASSIVE``
  (idle OpenMP threads sleep instead of spinning) before those libraries load;
* a piece that runs inside a worker runs its own pieces serially (no nested pools);
* with a Dask cluster (``IOTFIN_CLUSTER``, see :mod:`iotfin_gui.core.cluster`) the pieces go to
  the cluster's workers instead, as many at once as it has threads; an argument that knows
  where it is stored (a forecast's panel) is read by the workers from the store's files.

Results never depend on the number of processes: every piece is a pure function of its
arguments (seeds included), and results come back in the order of the pieces.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from iotfin_gui.core import cluster
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.messages import Message

#: Environment variable that sets the cores the app may use (a whole number >= 1).
CORES_VARIABLE = "IOTFIN_CORES"
#: Thread-count variables of the BLAS and OpenMP runtimes, set before they load.
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                    "BLIS_NUM_THREADS", "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS")
#: Below this many estimated seconds of work, pieces run in this process (starting worker
#: processes costs about a second each).
MIN_PARALLEL_SECONDS = 2.0
#: How often a job waiting on its workers checks for Cancel (seconds).
CANCEL_POLL = 0.1

_share: int | None = None
_in_worker = False


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the OS tells it)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def cores() -> int:
    """The cores the app may use: ``IOTFIN_CORES`` when it is a whole number >= 1, else every
    available core (never more than are available)."""
    text = os.environ.get(CORES_VARIABLE, "").strip()
    if text.isdigit() and int(text) >= 1:
        return min(int(text), available_cores())
    return available_cores()


def share() -> int:
    """The cores the running job may use (see :func:`use_cores`); 1 inside a worker piece."""
    return _share if _share is not None else cores()


def in_worker() -> bool:
    """True inside a :func:`run_tasks` worker process."""
    return _in_worker


@dataclass(frozen=True)
class Plan:
    """How ``pieces`` pieces of work run on ``share`` cores."""

    workers: int
    threads: int

    @classmethod
    def for_pieces(cls, pieces: int, cores_share: int, seconds: float | None = None) -> Plan:
        """Processes = min(pieces, cores), threads = cores // processes; one process (this
        one) when there is one piece, one core, or less than :data:`MIN_PARALLEL_SECONDS` of
        estimated work."""
        cores_share = max(1, cores_share)
        small = seconds is not None and seconds < MIN_PARALLEL_SECONDS
        if pieces <= 1 or cores_share == 1 or small:
            return cls(1, cores_share)
        workers = min(pieces, cores_share)
        return cls(workers, max(1, cores_share // workers))


def thread_environment(threads: int) -> dict[str, str]:
    """Environment variables that cap BLAS/OpenMP pools at ``threads`` and let idle OpenMP
    threads sleep; for a process before it imports numpy or scikit-learn."""
    return {**{name: str(max(1, threads)) for name in THREAD_VARIABLES},
            "OMP_WAIT_POLICY": "PASSIVE"}


def cap_environment(threads: int) -> None:
    """Set :func:`thread_environment` in this process (what the user set is kept)."""
    for name, value in thread_environment(threads).items():
        os.environ.setdefault(name, value)


def limit_threads(threads: int) -> contextlib.AbstractContextManager:
    """Cap every BLAS/OpenMP pool already loaded in this process at ``threads`` (a context
    manager; the limits are lifted on exit)."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=max(1, threads))


@contextlib.contextmanager
def use_cores(count: int) -> Iterator[None]:
    """Run a job on ``count`` cores: its pools are capped at ``count`` threads and its
    :func:`run_tasks` plan with ``count`` cores."""
    global _share
    previous, _share = _share, max(1, int(count))
    try:
        with limit_threads(_share):
            yield
    finally:
        _share = previous


def mark_worker(threads: int) -> None:
    """Mark this process as a worker with ``threads`` threads (its pieces run their own pieces
    serially)."""
    global _in_worker, _share
    _in_worker, _share = True, threads


def _start_worker(threads: int, warm: tuple[str, ...]) -> None:
    """Initializer of a worker process: load the libraries, cap their pools, mark the
    process as a worker."""
    import importlib

    for name in warm:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=threads)
    mark_worker(threads)


def _call(fn: Callable[..., Any], args: tuple) -> Any:
    return fn(*args)


#: Libraries a worker loads before its first piece (so that their pools can be capped).
WORKER_IMPORTS = ("numpy", "pandas", "sklearn.ensemble")


def _executor(plan: Plan) -> Any:
    from joblib.externals.loky import get_reusable_executor

    return get_reusable_executor(max_workers=plan.workers, timeout=300,
                                 initializer=_start_worker,
                                 initargs=(plan.threads, WORKER_IMPORTS),
                                 env=thread_environment(plan.threads))


def run_tasks(fn: Callable[..., Any], pieces: Sequence[tuple], ctx: JobContext | None = None,
              *, weights: Sequence[float] | None = None,
              describe: Callable[[int], Message | str] | None = None,
              seconds: float | None = None) -> Iterator[tuple[int, Any]]:
    """Run ``fn(*piece)`` for every piece; yield ``(index, result)`` as pieces finish.

    ``fn`` must be a module-level function and the pieces picklable. ``weights`` (estimated
    cost of each piece, default equal) make the progress mean time: the fraction done is the
    weight of the finished pieces (serially, each piece also reports its own progress into
    its slice). ``describe(index)`` is the progress message of piece ``index``; ``seconds`` the
    whole work's estimated duration (small work stays in this process, see :class:`Plan`).

    Cancel is checked before each piece and every :data:`CANCEL_POLL` seconds while waiting;
    it kills the worker processes and raises :class:`~iotfin_gui.core.errors.JobCancelled`
    after the pieces that finished were yielded, so a caller can keep them.
    """
    ctx = ctx or JobContext()
    count = len(pieces)
    weights = [max(float(w), 1e-9) for w in (weights or [1.0] * count)]
    total = sum(weights) or 1.0
    if count > 1 and not _in_worker and cluster.address() is not None:
        yield from _run_parallel(fn, pieces, ctx, Plan(cluster.slots(), 1), weights, describe,
                                 remote=True)
        return
    plan = Plan.for_pieces(count, 1 if _in_worker else share(), seconds)
    if plan.workers == 1:
        done = 0.0
        for index, piece in enumerate(pieces):
            part = ctx.scaled(done / total, (done + weights[index]) / total)
            part.progress(0.0, "" if describe is None else describe(index))
            yield index, fn(*piece, part) if _takes_context(fn) else fn(*piece)
            done += weights[index]
        return
    yield from _run_parallel(fn, pieces, ctx, plan, weights, describe)


def _takes_context(fn: Callable[..., Any]) -> bool:
    return bool(getattr(fn, "takes_context", False))


def takes_context(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a piece function that takes a trailing :class:`JobContext`: run serially it gets a
    slice of the job's context (progress and cancel inside the piece); in a worker it gets a
    plain context."""
    fn.takes_context = True  # type: ignore[attr-defined]
    return fn


def _run_parallel(fn: Callable[..., Any], pieces: Sequence[tuple], ctx: JobContext, plan: Plan,
                  weights: list[float], describe: Callable[[int], Message | str] | None,
                  *, remote: bool = False) -> Iterator[tuple[int, Any]]:
    from concurrent.futures import FIRST_COMPLETED, Future, wait

    executor = cluster.executor() if remote else _executor(plan)
    call = cluster.run_piece if remote else _call
    if remote:  # stored data is read by the workers themselves where they can
        pieces = cluster.for_workers(pieces)
    total = sum(weights)
    extra = (JobContext(),) if _takes_context(fn) else ()
    order = sorted(range(len(pieces)), key=lambda i: -weights[i])  # longest first
    pending: dict[Future, int] = {}
    queue = list(order)
    done = 0.0
    try:
        while queue or pending:
            while queue and len(pending) < plan.workers * 2:
                index = queue.pop(0)
                ctx.check()
                pending[executor.submit(call, fn, (*pieces[index], *extra))] = index
            running = [pending[f] for f in pending if f.running()] or list(pending.values())
            message = "" if describe is None else describe(min(running))
            ctx.progress(done / total, message)
            finished, _ = wait(list(pending), timeout=CANCEL_POLL, return_when=FIRST_COMPLETED)
            for future in finished:
                index = pending.pop(future)
                result = future.result()
                done += weights[index]
                yield index, result
        ctx.progress(1.0, "" if describe is None else describe(len(pieces) - 1))
    except BaseException:
        for future in pending:
            future.cancel()
        if pending and remote:
            executor.shutdown(wait=False)  # cancels the cluster's tasks, running ones too
        elif pending:
            executor.shutdown(wait=False, kill_workers=True)
        raise
