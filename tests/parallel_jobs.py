"""Module-level functions for the parallelism tests (worker processes import them by name)."""

from __future__ import annotations

import os
from typing import Any

from iotfin_gui.core import parallel
from iotfin_gui.core.errors import JobCancelled
from iotfin_gui.core.jobs import CancelledWithResults, JobContext


def pools() -> dict[str, Any]:
    """What this process runs with: its core share, whether it is a worker piece, the largest
    thread count of any loaded BLAS/OpenMP pool and the OpenMP wait policy."""
    import numpy  # noqa: F401  (loads BLAS)
    import sklearn.ensemble  # noqa: F401  (loads OpenMP)
    from threadpoolctl import threadpool_info

    return {"share": parallel.share(), "in_worker": parallel.in_worker(),
            "threads": max(pool["num_threads"] for pool in threadpool_info()),
            "apis": sorted({pool["user_api"] for pool in threadpool_info()}),
            "wait_policy": os.environ.get("OMP_WAIT_POLICY")}


def pools_job(ctx: JobContext) -> dict[str, Any]:
    """:func:`pools` as a job of the job pool."""
    return pools()


def pieces_job(ctx: JobContext) -> list[dict[str, Any]]:
    """:func:`pools` of two pieces run by :func:`parallel.run_tasks` inside a job."""
    return [result for _, result in parallel.run_tasks(pools, [(), ()], ctx, seconds=60.0)]


def wait_for_cancel(ctx: JobContext, keep: bool = True) -> None:
    """Loop until cancelled; then, with ``keep``, take a while to save and return what was
    kept (announced with :meth:`JobContext.winding_up`)."""
    import time

    try:
        while True:
            ctx.progress(None, "working")
            time.sleep(0.02)
    except JobCancelled:
        if not keep:
            raise
        ctx.winding_up()
        time.sleep(1.5)  # longer than the pool's cancel grace in the test
        raise CancelledWithResults(["kept"]) from None
