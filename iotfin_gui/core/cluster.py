"""A Dask cluster for the pieces of heavy jobs, when one laptop is not enough.

With ``IOTFIN_CLUSTER`` set to a ``dask.distributed`` scheduler's address (the CLI's
``--cluster tcp://host:8786`` sets it), :func:`iotfin_gui.core.parallel.run_tasks` sends a job's
independent pieces (forecast backtest origins and series, cross-validation folds, search
candidates) to the cluster's workers instead of local worker processes, through the client's
``concurrent.futures`` executor; results come back in the order of the pieces, so they equal a
local run's (every piece is a pure function of its arguments, seeds included). Cancel cancels
the cluster's tasks; a running piece stops at its next cancel point (:func:`run_piece`). Without
the variable nothing here runs and Dask is never imported.

Each piece runs on a worker as a worker piece of a local run would (:func:`run_piece`): its own
pieces serially, its BLAS/OpenMP pools at one thread per worker thread. The workers must be able
to import this version of ``iotfin_gui`` (start them from the same installation).

Data: an argument that knows where its rows are stored (a ``remote_form()`` that is not None, e.g.
a forecast's panel of a stored dataset, :mod:`iotfin_gui.core.forecast.stored`) is sent as that
form, and the worker reads the store's Parquet parts itself (:func:`for_workers`,
:func:`run_piece`), when every worker sees them at the same path (the same machine, or a shared
folder); otherwise the data is sent with the piece and the log says why.

The window keeps the address in the store's settings (:data:`SETTING`); its jobs run with it
(:func:`using`), and Settings ▸ Cluster tests it first (:func:`probe`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from iotfin_gui.core import hidden_imports
from iotfin_gui.core.errors import InputError, UserFacingError
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP

#: Environment variable holding the scheduler's address (e.g. ``tcp://10.0.0.5:8786``).
CLUSTER_VARIABLE = "IOTFIN_CLUSTER"
#: The store setting holding the window's cluster address ("" or absent: this machine only).
SETTING = "cluster_address"
#: Seconds to wait for the scheduler when connecting.
CONNECT_SECONDS = 10
#: An address: ``tcp://``, ``tls://`` or ``ws(s)://`` (or none), a host, a port.
ADDRESS_PATTERN = re.compile(r"^(?:(?:tcp|tls|ws|wss)://)?(?:\[[0-9A-Fa-f:.]+\]|[\w.-]+):\d{1,5}$")

log = logging.getLogger("iotfin.cluster")

_lock = threading.Lock()
_clients: dict[str, Any] = {}


def address() -> str | None:
    """The cluster's address, or None when the app runs on this machine only."""
    text = os.environ.get(CLUSTER_VARIABLE, "").strip()
    return text or None


def client() -> Any | None:
    """This process's client of the cluster (connected on first use), or None."""
    where = address()
    if where is None:
        return None
    with _lock:
        if where not in _clients:
            _clients[where] = _connect(where)
        return _clients[where]


def check_address(text: str) -> str:
    """``text`` stripped, when it reads as a scheduler address (``tcp://host:8786``,
    ``host:8786``, ``tls://...``) or is empty (no cluster); else :class:`InputError`."""
    address = (text or "").strip()
    port = address.rpartition(":")[2]
    if address and (not ADDRESS_PATTERN.match(address) or not 0 < int(port) < 65536):
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "{address!r} is not a Dask scheduler address; write it as "
            "tcp://host:8786 (the scheduler prints it when it starts).").format(address=address))
    return address


@dataclass(frozen=True)
class ClusterInfo:
    """What a scheduler reports: its address, its workers and their threads in all."""

    address: str
    workers: int
    threads: int


def probe(where: str, seconds: float = 5.0) -> ClusterInfo:
    """Connect to the scheduler at ``where`` within ``seconds`` with a client of its own (closed
    again) and count its workers and threads; :class:`UserFacingError` saying why not."""
    found = _connect(check_address(where), seconds)
    try:
        workers = found.scheduler_info().get("workers", {})
        return ClusterInfo(found.scheduler.address, len(workers),
                           sum(int(w.get("nthreads", 1)) for w in workers.values()))
    finally:
        found.close()


@contextlib.contextmanager
def using(where: str | None) -> Iterator[None]:
    """Run the block's jobs on the cluster at ``where`` ("": on this machine; None: as the
    environment already says), as ``--cluster`` does; the variable is restored afterwards."""
    previous = os.environ.get(CLUSTER_VARIABLE)
    if where is None:
        pass
    elif where:
        os.environ[CLUSTER_VARIABLE] = where
    else:
        os.environ.pop(CLUSTER_VARIABLE, None)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(CLUSTER_VARIABLE, None)
        else:
            os.environ[CLUSTER_VARIABLE] = previous


def _connect(where: str, seconds: float | None = None) -> Any:
    try:
        client = hidden_imports.import_module("distributed").Client
    except ImportError as error:
        raise UserFacingError(QT_TRANSLATE_NOOP(
            "Core", "Running on the cluster {address} needs the Dask 'distributed' package: "
            "pip install 'iotfin-workstation[cluster]', or run without --cluster.").format(
                address=where)) from error
    try:
        return client(where, timeout=seconds or CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError, ValueError, TypeError) as error:
        raise UserFacingError(QT_TRANSLATE_NOOP(
            "Core", "Cannot reach the Dask scheduler at {address} ({error}); check that it "
            "runs and the address (e.g. tcp://host:8786), or run without --cluster.").format(
                address=where, error=str(error))) from error


def slots() -> int:
    """How many pieces the cluster runs at once (its workers' threads)."""
    found = client()
    if found is None:
        return 1
    workers = found.scheduler_info().get("workers", {})
    return max(1, sum(int(w.get("nthreads", 1)) for w in workers.values()))


def executor() -> Any | None:
    """A ``concurrent.futures`` executor on the cluster, or None without one."""
    found = client()
    return None if found is None else found.get_executor(pure=False)


@dataclass(frozen=True)
class Stored:
    """An argument sent as where it is stored; the worker loads it (``form.load()``)."""

    form: Any


def _visible(paths: Sequence[str]) -> bool:
    return all(os.path.isfile(path) for path in paths)


def for_workers(pieces: Sequence[tuple]) -> list[tuple]:
    """The pieces' arguments as sent to the cluster: each argument with a stored form (its
    ``remote_form()``, whose ``paths`` every worker sees) as :class:`Stored`, the others as
    they are. When a worker cannot see the files, the data goes with the pieces (logged)."""
    forms: dict[int, Any] = {}
    for piece in pieces:
        for argument in piece:
            form = getattr(argument, "remote_form", lambda: None)()
            if form is not None and id(argument) not in forms:
                forms[id(argument)] = form if _every_worker_sees(form.paths) else None
    return [tuple(Stored(forms[id(a)]) if forms.get(id(a)) is not None else a for a in piece)
            for piece in pieces]


def _every_worker_sees(paths: Sequence[str]) -> bool:
    found = client()
    seen = found.run(_visible, list(paths)) if found is not None else {}
    blind = sorted(worker for worker, visible in seen.items() if not visible)
    if blind or not seen:
        log.warning(QT_TRANSLATE_NOOP(
            "Core", "The cluster's worker(s) {workers} cannot see the store's data files (e.g. "
            "{path}), so the data is sent with each piece of the job; start the workers where "
            "the store's folder is mounted at the same path to let them read it themselves.")
            .format(workers=", ".join(blind) or "-", path=paths[0] if paths else "-"))
        return False
    return True


def run_piece(fn: Callable[..., Any], args: tuple) -> Any:
    """Run one piece on a cluster worker as a local worker process runs it (arguments sent as
    :class:`Stored` are read here first). A piece that takes a context gets one whose cancel
    points stop it once the cluster let go of its task (Cancel), so that it frees the worker's
    thread instead of computing a result nobody wants."""
    from iotfin_gui.core import parallel
    from iotfin_gui.core.jobs import JobContext

    parallel.mark_worker(1)
    values = [a.form.load() if isinstance(a, Stored) else a for a in args]
    if getattr(fn, "takes_context", False) and values and isinstance(values[-1], JobContext):
        values[-1] = JobContext(cancel_requested=_task_let_go())
    with parallel.limit_threads(1):
        return fn(*values)


def _task_let_go() -> Callable[[], bool]:
    """Whether the task this worker thread runs has been cancelled or released meanwhile."""
    from distributed import get_worker
    from distributed.worker import thread_state

    worker, key = get_worker(), getattr(thread_state, "key", None)

    def let_go() -> bool:
        task = worker.state.tasks.get(key)
        return task is None or task.state in ("cancelled", "released", "forgotten")

    return let_go


def close() -> None:
    """Close this process's clients (the cluster keeps running)."""
    with _lock:
        for found in _clients.values():
            found.close()
        _clients.clear()
