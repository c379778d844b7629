"""How large a recipe's output will be, estimated before it runs, and the limit it must fit in.

A recipe that passes validation can still ask for more than the laptop has: lags 1..10,000 on
111 ATMs x 791 days is 88,000 rows x 10,000 columns, 7 GB of numbers. :func:`estimate` works
the output's size out from the dataset's catalogue entry without running the recipe: rows (the
dataset's; a resample makes them devices x periods, read from the device and time columns only)
and columns (what validation says the steps produce, one-hot encodings counted at their largest:
``max_categories`` columns each). Memory is rows x columns x 8 bytes, twice (the result and the
working copy a step builds it in): :data:`PEAK_COPIES`.

:func:`check_size` refuses a run above the limits with the figures: the memory limit is the
store's setting ``recipes.max_memory_bytes``, by default :data:`DEFAULT_MEMORY_FRACTION` of the
memory free when the run starts (``/proc/meminfo``'s MemAvailable, else ``os.sysconf``); the
column limit is the setting ``recipes.max_columns`` (default :data:`DEFAULT_MAX_COLUMNS`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pandas as pd

from iotfin_gui.core.disk_space import size_text
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message
from iotfin_gui.core.recipes.document import Recipe
from iotfin_gui.core.recipes.params import RecipeError
from iotfin_gui.core.recipes.steps import Env
from iotfin_gui.core.recipes.steps.series import PERIODS
from iotfin_gui.core.store import DatasetInfo, Store

BYTES_PER_CELL = 8
PEAK_COPIES = 2
DEFAULT_MEMORY_FRACTION = 0.5
DEFAULT_MAX_COLUMNS = 5_000
MEMORY_SETTING = "recipes.max_memory_bytes"
COLUMNS_SETTING = "recipes.max_columns"


@dataclass(frozen=True)
class SizeEstimate:
    """The estimated output of a recipe run: rows, columns and peak memory in bytes."""

    rows: int
    columns: int

    @property
    def bytes(self) -> int:
        return self.rows * self.columns * BYTES_PER_CELL * PEAK_COPIES

    def describe(self) -> Message:
        """E.g. "about 600 rows x 12 columns, 115 kB of memory"."""
        return QT_TRANSLATE_NOOP("Core", "about {rows:,} rows x {columns:,} columns, {memory} "
                                 "of memory").format(rows=self.rows, columns=self.columns,
                                                     memory=size_text(self.bytes))


@dataclass(frozen=True)
class SizeLimits:
    """What a run may produce: peak memory in bytes and columns."""

    memory: int
    columns: int


def available_memory() -> int:
    """Bytes of memory free for a new job now (MemAvailable), else the free physical pages."""
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return 2 * 1024**3


def limits(store: Store) -> SizeLimits:
    """The store's limits (settings), the memory one defaulting to a share of free memory."""
    memory = store.setting(MEMORY_SETTING)
    columns = store.setting(COLUMNS_SETTING)
    return SizeLimits(
        memory=int(memory) if memory else int(available_memory() * DEFAULT_MEMORY_FRACTION),
        columns=int(columns) if columns else DEFAULT_MAX_COLUMNS)


def _resampled_rows(store: Store, info: DatasetInfo, device: str | None, time: str,
                    frequency: str) -> int:
    """Rows after resampling: for each device, the periods from its first to its last time."""
    frame = store.read_dataset(info.id, columns=[c for c in (device, time) if c])
    times = pd.to_datetime(frame[time], errors="coerce", utc=True)
    keys = frame[device] if device else pd.Series(0, index=frame.index)
    spans = times.groupby(keys, observed=True).agg(["min", "max"]).dropna()
    periods = (spans["max"] - spans["min"]) // PERIODS[frequency] + 1
    return int(periods.sum())


def estimate(store: Store, info: DatasetInfo, recipe: Recipe, env: Env | None = None,
             rows: int | None = None) -> SizeEstimate:
    """The size of ``recipe``'s output on ``info`` (on its first ``rows`` rows when given);
    validates the recipe first (a :class:`RecipeError` for a bad one)."""
    width = len(recipe.validate(info, env).types)
    count = info.row_count if rows is None else min(rows, info.row_count)
    for step in recipe.steps:
        params = step.resolved()
        if step.type == "one_hot":
            width += len(params["columns"]) * params["max_categories"]
        elif step.type == "resample" and rows is None:
            time = params["time"] or info.column_for("timestamp")
            if time is not None:
                count = _resampled_rows(store, info, params["device"] or info.column_for(
                    "device_id"), time, params["frequency"])
    return SizeEstimate(count, width)


def refusal(size: SizeEstimate, limit: SizeLimits) -> Message | None:
    """Why a run of ``size`` is refused under ``limit``, or None when it fits."""
    if size.columns > limit.columns:
        return QT_TRANSLATE_NOOP(
            "Core", "This recipe would make {size}: more than the limit of {limit:,} columns "
            "(setting recipes.max_columns). Use fewer lags, windows or categories.").format(
                size=size.describe(), limit=limit.columns)
    if size.bytes > limit.memory:
        return QT_TRANSLATE_NOOP(
            "Core", "This recipe would make {size}: more than the {limit} this run may use "
            "(setting recipes.max_memory_bytes, by default half the free memory). Use fewer "
            "lags, windows or categories, or filter the rows first.").format(
                size=size.describe(), limit=size_text(limit.memory))
    return None


def check_size(store: Store, info: DatasetInfo, recipe: Recipe, env: Env | None = None,
               rows: int | None = None) -> SizeEstimate:
    """The estimate of ``recipe`` on ``info``; a :class:`RecipeError` with the figures when it
    exceeds the store's limits."""
    size = estimate(store, info, recipe, env, rows)
    reason = refusal(size, limits(store))
    if reason is not None:
        raise RecipeError(reason)
    return size
