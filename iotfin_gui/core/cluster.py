"""A Dask cluster for the pieces of heavy jobs, when one laptop is not enough.

With ``IOTFIN_CLUSTER`` set to a ``dask.distributed`` scheduler's address (the CLI's
``--cluster tcp://host:8786`` sets it), :func:`iotfin_gui.core.parallel.run_tasks` sends a job's
independent pieces (forecast backtest origins and series, cross-validation folds, search
candidates) to the cluster's workers instead of local worker processes, through the client's
``concurrent.futures`` executor; results come back in the order of the pieces, so they equal a
local run's (every piece is a pure function of its arguments, seeds included). Cancel cancels
the cluster's pending tasks. Without the variable nothing here runs and Dask is never imported.

Each piece runs on a worker as a worker piece of a local run would (:func:`run_piece`): its own
pieces serially, its BLAS/OpenMP pools at one thread per worker thread. The workers must be able
to import this version of ``iotfin_gui`` (start them from the same installation).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import Any

from iotfin_gui.core.errors import UserFacingError
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP

#: Environment variable holding the scheduler's address (e.g. ``tcp://10.0.0.5:8786``).
CLUSTER_VARIABLE = "IOTFIN_CLUSTER"
#: Seconds to wait for the scheduler when connecting.
CONNECT_SECONDS = 10

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


def _connect(where: str) -> Any:
    try:
        from distributed import Client
    except ImportError as error:
        raise UserFacingError(QT_TRANSLATE_NOOP(
            "Core", "Running on the cluster {address} needs the Dask 'distributed' package: "
            "pip install 'iotfin-workstation[cluster]', or run without --cluster.").format(
                address=where)) from error
    try:
        return Client(where, timeout=CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
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


def run_piece(fn: Callable[..., Any], args: tuple) -> Any:
    """Run one piece on a cluster worker as a local worker process runs it."""
    from iotfin_gui.core import parallel

    parallel.mark_worker(1)
    with parallel.limit_threads(1):
        return fn(*args)


def close() -> None:
    """Close this process's clients (the cluster keeps running)."""
    with _lock:
        for found in _clients.values():
            found.close()
        _clients.clear()
