"""Module-level job functions for the job-runner tests (worker processes import them by name)."""

from __future__ import annotations

import logging
import os
import time

import pandas as pd

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.overview import DailySeries, daily_series_job
from iotfin_gui.core.store import Column, Store


def add(ctx: JobContext, a: int, b: int) -> int:
    ctx.progress(0.5, "adding")
    return a + b


def count_slowly(ctx: JobContext, steps: int = 200, delay: float = 0.02) -> int:
    """Cooperative: a cancel point every step."""
    for step in range(steps):
        ctx.progress(step / steps, f"step {step}")
        time.sleep(delay)
    return steps


def hold_the_gil(ctx: JobContext, seconds: float = 30.0) -> int:
    """Uncooperative and GIL-bound: pure-Python arithmetic that never checks for cancel."""
    deadline = time.perf_counter() + seconds
    total = 0
    while time.perf_counter() < deadline:
        total += sum(i * i for i in range(10_000))
    return total


def warn(ctx: JobContext, name: str) -> str:
    """Logs a warning and a note under ``iotfin`` (the worker process has no log of its own)."""
    logging.getLogger("iotfin.sample").info("an ordinary note about %s", name)
    logging.getLogger("iotfin.sample").warning("the workers cannot see %s", name)
    return name


def fail_for_user(ctx: JobContext) -> None:
    raise InputError("unparseable number 'abc'", file="atm.csv", row=7, column="amount")


def fail_with_bug(ctx: JobContext) -> None:
    raise KeyError("no such thing")


def die(ctx: JobContext) -> None:
    os._exit(3)


def unpicklable(ctx: JobContext) -> object:
    return lambda: None


def write_slowly(ctx: JobContext, db_path: str, name: str, chunks: int = 400,
                 cooperative: bool = True) -> int:
    """Streams chunks into a new dataset inside one transaction (so a kill leaves nothing)."""
    with Store.open(db_path) as store, store.new_dataset(
        name, "table", [Column("i", "integer")], source="test"
    ) as writer:
        for chunk in range(chunks):
            if cooperative:
                ctx.progress(chunk / chunks, "writing")
            writer.append(pd.DataFrame({"i": range(chunk * 100, chunk * 100 + 100)}))
            time.sleep(0.01)
    return chunks


def slow_daily_series(ctx: JobContext, db_path: str, name: str,
                      seconds: float = 120.0) -> DailySeries:
    """The Data panel's per-day series job after ``seconds`` of cooperative waiting (a cancel
    point every 20 ms), like a scan of tens of millions of rows."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ctx.progress(None, "scanning")
        time.sleep(0.02)
    return daily_series_job(ctx, db_path, name)
