"""CPU-heavy job functions for the benchmarks (module level, so worker processes import them)."""

from __future__ import annotations

import time

import numpy as np

from iotfin_gui.core.jobs import JobContext


def forest_fit(ctx: JobContext | None, seconds: float = 5.0) -> int:
    """Fit random forests back to back for ``seconds`` (scikit-learn, GIL held in parts)."""
    from sklearn.ensemble import RandomForestRegressor

    rng = np.random.default_rng(0)
    x = rng.normal(size=(4000, 20))
    y = x[:, 0] * 3 + np.sin(x[:, 1]) + rng.normal(size=4000)
    fits = 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        RandomForestRegressor(n_estimators=20, n_jobs=1, random_state=fits).fit(x, y)
        fits += 1
        if ctx is not None:
            ctx.progress(min(1.0, 1 - (deadline - time.perf_counter()) / seconds), "fitting")
    return fits


def python_loop(ctx: JobContext | None, seconds: float = 5.0) -> int:
    """Pure-Python arithmetic that never reaches a cancel point (the worst case for Cancel)."""
    total = 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        total += sum(i * i for i in range(20_000))
    return total
