"""Applying a recipe to a whole stored dataset and saving the result, batch by batch when the
recipe allows it, so that memory is bounded by a batch rather than by the dataset.

The result is the same as :func:`.engine.apply_recipe` followed by :func:`.storage.save_prepared`
(same frame, same data hash). It is made in two passes:

1. *fit*: the recipe runs on the columns its steps name (:func:`.inputs.recipe_inputs` without
   the columns that only pass through), giving the test-row mask, the fitted learned steps, the
   row counts and the warnings;
2. *stream*: the dataset's needed columns are read :data:`BATCH_ROWS` rows at a time; each
   batch goes through the row steps, the fitted learned steps and the pass-through columns,
   and is appended to the new dataset through the store's writer.

That only holds when every row step works row by row (:func:`row_local`: filters, types,
missing-value markers, calendar features without holidays, times parsed with a given format)
and the rows were already in device and time order (the fit pass says whether it had to sort
them). Otherwise, or when the batches' column types disagree, the whole result is made in
memory as before.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from itertools import chain
from typing import Any

import pandas as pd
import pyarrow as pa

from iotfin_gui.core import columnar
from iotfin_gui.core.data_hash import logical_type
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.lineage import utc_now
from iotfin_gui.core.recipes.document import Recipe, columns_of
from iotfin_gui.core.recipes.engine import (
    PreparedData,
    _assemble,
    apply_recipe,
    run_row_phase,
    store_env,
)
from iotfin_gui.core.recipes.inputs import recipe_inputs
from iotfin_gui.core.recipes.steps.features import HOLIDAY_FEATURES
from iotfin_gui.core.recipes.storage import write_result, write_whole
from iotfin_gui.core.store import Column, DatasetInfo, Store

#: Rows read, processed and written at a time.
BATCH_ROWS = 100_000
#: Row steps whose output row depends only on the input row (whatever their parameters).
ROW_BY_ROW = frozenset({"filter_devices", "filter_rows", "select_columns", "cast", "categorize",
                        "missing_indicator", "timezone"})


class NotBatchable(Exception):
    """The batches disagree with the whole result (column types); it is made whole instead."""


def row_local(recipe: Recipe) -> bool:
    """Whether every row step of ``recipe`` turns each row into a row (or none) on its own."""
    for _index, step in recipe.phases()["row"]:
        params = step.resolved()
        if step.type == "filter_time":
            local = params["last_days"] is None
        elif step.type == "drop_missing":
            local = params["axis"] == "rows"
        elif step.type == "calendar":
            local = not set(params["features"]) & set(HOLIDAY_FEATURES)
        elif step.type == "parse_timestamps":
            local = bool(params["format"])  # else each batch would guess its own format
        else:
            local = step.type in ROW_BY_ROW
        if not local:
            return False
    return True


def apply_and_save(store: Store, dataset: str | int | DatasetInfo, recipe: Recipe, name: str,
                   ctx: JobContext | None = None, *, started_at: str | None = None,
                   batch_rows: int = BATCH_ROWS) -> tuple[dict[str, Any], DatasetInfo, int]:
    """Run ``recipe`` on the whole ``dataset`` and save the result as dataset ``name`` with its
    run (see :func:`.storage.save_prepared`), batch by batch when the recipe allows it.
    Returns the run's summary, the new dataset and the run id."""
    ctx = ctx or JobContext()
    started_at, started = started_at or utc_now(), time.perf_counter()
    info = dataset if isinstance(dataset, DatasetInfo) else store.dataset(dataset)
    env = store_env(store)
    if row_local(recipe):
        named = recipe_inputs(recipe, info, env, survivors=False)
        fitted = apply_recipe(store, info, recipe, ctx.scaled(0.0, 0.3), columns=named)
        if not fitted.reordered and len(fitted.frame):
            batches = _stream(store, info, recipe, fitted, recipe_inputs(recipe, info, env),
                              batch_rows)
            try:
                columns, first = next(batches)
                chunks = chain([first], (frame for _columns, frame in batches))
                saved, run_id, summary = write_result(
                    store, fitted, name, columns, chunks, ctx.scaled(0.3, 1.0),
                    started_at=started_at, duration_s=time.perf_counter() - started,
                    total_rows=len(fitted.frame))
            except NotBatchable:
                pass  # made whole below; nothing of the batched attempt was kept
            else:
                return summary, saved, run_id
    prepared = apply_recipe(store, info, recipe, ctx.scaled(0.0, 0.8))
    saved, run_id, summary = write_whole(store, prepared, name, ctx.scaled(0.8, 1.0),
                                         started_at=started_at,
                                         duration_s=time.perf_counter() - started)
    return summary, saved, run_id


def _stream(store: Store, info: DatasetInfo, recipe: Recipe, fitted: PreparedData,
            needed: list[str], batch_rows: int) -> Iterator[tuple[list[Column], pd.DataFrame]]:
    """The result in batches, each with the column types it is stored with (those of the
    first batch). :class:`NotBatchable` when a batch's types differ from the first's, when a
    pass-through column takes the name of a learned step's output, or when the batches do not
    add up to the fitted rows."""
    env, learned = store_env(store), bool(recipe.phases()["learned"])
    test = fitted.test_mask
    fitted_inputs = [str(c) for c in fitted.pipeline.feature_names_in_]
    done, types = 0, None
    for batch in columnar.batches(store, info, needed, batch_rows):
        table = pa.Table.from_batches([batch])
        rows, columns, _ = run_row_phase(columnar.to_frame(table), recipe, columns_of(info),
                                         env)
        if not len(rows):
            continue
        features = rows.drop(columns=[columns.target]) if columns.target else rows
        extra = [c for c in features.columns if c not in fitted_inputs]
        transformed = fitted.pipeline.transform(features[fitted_inputs]) if learned else \
            features[fitted_inputs]
        part = test[done:done + len(rows)]
        if set(extra) & set(transformed.columns) or len(part) != len(rows):
            raise NotBatchable
        combined = pd.concat([transformed.set_axis(rows.index), features[extra]], axis=1)
        frame = _assemble(recipe, rows, combined, part, columns, fitted.pipeline, [],
                          fitted.seed).frame
        kinds = [Column(str(c), logical_type(frame[c])) for c in frame.columns]
        if types is not None and kinds != types:
            raise NotBatchable
        types, done = kinds, done + len(rows)
        yield types, frame
    if done != len(test):
        raise NotBatchable
