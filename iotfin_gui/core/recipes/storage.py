"""Recipes in the store and in files, and saving a prepared result as a derived dataset (the
list of stored recipes is :mod:`.catalogue`).

Saving a recipe under an existing name adds a version (unless nothing changed); earlier
versions stay, so runs and datasets keep pointing at the version they used. Recipe files are the
same JSON documents, written by :func:`iotfin_gui.core.outputs.write_file`.
:func:`save_prepared` writes the derived dataset (``parent_id`` and ``recipe_id`` set) and
records the ``preprocess`` run in one transaction: a cancel or failure leaves neither.
:func:`recipe_job` is the background job for the UI.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd

from iotfin_gui.core.data_hash import logical_type
from iotfin_gui.core.errors import InputError, NotFoundError
from iotfin_gui.core.input_files import read_bounded
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.lineage import utc_now
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.outputs import write_file
from iotfin_gui.core.recipes.catalogue import recipe_id
from iotfin_gui.core.recipes.document import MAX_DOCUMENT, Recipe
from iotfin_gui.core.recipes.engine import SPLIT_COLUMN, PreparedData, apply_recipe
from iotfin_gui.core.store import Column, DatasetInfo, Store
from iotfin_gui.core.store_files import check_input_path

#: Rows per chunk written to a derived dataset (a cancel point between chunks).
WRITE_CHUNK = 50_000


def save_recipe(store: Store, recipe: Recipe) -> tuple[int, int]:
    """Store ``recipe`` as the next version of its name; returns (row id, version).

    If the latest version has the same steps, target and note, that version is returned and
    nothing is written."""
    with store.atomic():
        latest = _latest(store, recipe.name)
        if latest is not None and latest.content() == recipe.content():
            assert latest.version is not None
            return recipe_id(store, recipe.name, latest.version), latest.version
        version = (latest.version or 0) + 1 if latest else 1
        saved = replace(recipe, version=version, created=utc_now())
        row_id = store.db["recipes"].insert({
            "name": saved.name, "version": version, "document": saved.to_json(),
            "note": saved.note, "created_at": saved.created,
        }).last_pk
        store.audit("recipe.save", recipe=saved.name, version=version, steps=len(saved.steps))
    return row_id, version


def _latest(store: Store, name: str) -> Recipe | None:
    row = store.conn.execute("SELECT document FROM recipes WHERE name = ? ORDER BY version DESC "
                             "LIMIT 1", [name]).fetchone()
    return Recipe.from_json(row[0]) if row else None


def load_recipe(store: Store, name: str, version: int | None = None) -> Recipe:
    """A stored recipe: the given version, else the latest."""
    if version is None:
        recipe = _latest(store, name)
    else:
        row = store.conn.execute("SELECT document FROM recipes WHERE name = ? AND version = ?",
                                 [name, version]).fetchone()
        recipe = Recipe.from_json(row[0]) if row else None
    if recipe is None:
        raise NotFoundError(
            QT_TRANSLATE_NOOP("Core", "There is no recipe {name!r} in the store.").format(
                name=name) if version is None else
            QT_TRANSLATE_NOOP("Core", "There is no recipe {name!r} version {version} in the "
                              "store.").format(name=name, version=version))
    return recipe


def import_recipe(store: Store, path: str | os.PathLike) -> tuple[int, int]:
    """Read a recipe file and save it as the next version of its name; (row id, version)."""
    source = check_input_path(Path(path).expanduser())
    return save_recipe(store, Recipe.from_json(read_bounded(source, MAX_DOCUMENT * 4)))


def export_recipe(store: Store, name: str, path: str | os.PathLike,
                  version: int | None = None, *, force: bool = False) -> Path:
    """Write a stored recipe as a JSON file through the app's output writer (atomic; an
    existing file only with ``force``, the store's files never); returns the path."""
    recipe = load_recipe(store, name, version)
    return write_file(path, recipe.to_json().encode("utf-8"), store=store, force=force)


def _roles(prepared: PreparedData, source: DatasetInfo | None,
           columns: Sequence[str]) -> dict[str, str]:
    present = set(columns)
    roles = {c: r for c, r in (source.roles if source else {}).items()
             if c in present and r not in ("device_id", "timestamp", "label")}
    for column, role in ((prepared.device_column, "device_id"),
                         (prepared.time_column, "timestamp"), (prepared.target, "label")):
        if column in present:
            roles[column] = role
    roles[SPLIT_COLUMN] = "split"
    return roles


def save_prepared(store: Store, prepared: PreparedData, name: str,
                  ctx: JobContext | None = None, *, started_at: str | None = None,
                  duration_s: float = 0.0) -> tuple[DatasetInfo, int]:
    """Save the result as dataset ``name`` and record the run, in one transaction.

    The recipe is saved first if it is new or changed (same transaction). Returns the new
    dataset and the run id."""
    info, run_id, _summary = write_whole(store, prepared, name, ctx, started_at=started_at,
                                         duration_s=duration_s)
    return info, run_id


def write_whole(store: Store, prepared: PreparedData, name: str,
                ctx: JobContext | None = None, *, started_at: str | None = None,
                duration_s: float = 0.0) -> tuple[DatasetInfo, int, dict[str, Any]]:
    """:func:`save_prepared`, returning the run's summary too."""
    frame = prepared.frame
    columns = [Column(str(c), logical_type(frame[c])) for c in frame.columns]
    chunks = (frame.iloc[start:start + WRITE_CHUNK] for start in range(0, len(frame),
                                                                        WRITE_CHUNK))
    return write_result(store, prepared, name, columns, chunks, ctx, started_at=started_at,
                        duration_s=duration_s, total_rows=len(frame))


def write_result(store: Store, prepared: PreparedData, name: str, columns: list[Column],
                 chunks: Iterable[pd.DataFrame], ctx: JobContext | None = None, *,
                 started_at: str | None = None, duration_s: float = 0.0,
                 total_rows: int = 0) -> tuple[DatasetInfo, int, dict[str, Any]]:
    """Save a recipe's result, given as ``chunks`` of rows with ``columns``, as dataset
    ``name`` and record the run, in one transaction (see :func:`save_prepared`); an error
    raised by ``chunks`` leaves nothing. ``total_rows`` (for progress) is the result's row
    count. Returns the new dataset, the run id and the run's summary."""
    ctx = ctx or JobContext()
    source = prepared.dataset
    kind = source.kind if source is not None and source.kind != "registry" else "table"
    names = [c.name for c in columns]
    started = time.perf_counter()
    saving = QT_TRANSLATE_NOOP("Core", "Saving {dataset}").format(dataset=name)
    with store.atomic():
        row_id, version = save_recipe(store, prepared.recipe)
        which = {"recipe": prepared.recipe.name, "version": version,
                 "dataset": source.name if source else ""}
        note = (QT_TRANSLATE_NOOP("Core", "Prepared by recipe {recipe} v{version} on {dataset}.")
                if source else QT_TRANSLATE_NOOP("Core", "Prepared by recipe {recipe} v{version}.")
                ).format(**which)
        title = (QT_TRANSLATE_NOOP("Core", "Recipe {recipe} v{version} on {dataset}") if source
                 else QT_TRANSLATE_NOOP("Core", "Recipe {recipe} v{version}")).format(**which)
        with store.new_dataset(name, kind, columns, roles=_roles(prepared, source, names),
                               source="recipe", parent_id=source.id if source else None,
                               recipe_id=row_id, note=note) as writer:
            for chunk in chunks:
                ctx.progress(writer.row_count / max(total_rows, 1), saving)
                writer.append(chunk)
        ctx.progress(1.0, saving)
        summary = {**prepared.summary(names), "version": version, "output": name}
        run_id = store.record_run(
            "preprocess", title, started_at=started_at or utc_now(),
            duration_s=duration_s + time.perf_counter() - started,
            dataset_id=source.id if source else None, recipe_id=row_id,
            data_hash=source.data_hash if source else None,
            params={**summary, "steps": [s.type for s in prepared.recipe.steps]},
            seed=prepared.seed,
            metrics={("", "rows_in"): (summary["rows_in"], None),
                     ("", "rows_out"): (summary["rows_out"], None),
                     ("", "train_rows"): (summary["train_rows"], None),
                     ("", "test_rows"): (summary["test_rows"], None)},
        )
    return store.dataset(name), run_id, summary


def recipe_job(ctx: JobContext, db_path: str | os.PathLike, dataset: str, recipe_name: str,
               version: int | None = None, save_as: str | None = None) -> dict[str, Any]:
    """Job: run a stored recipe on a dataset; with ``save_as``, save the result and the run.

    Returns the summary (rows, split sizes, warnings, and the saved dataset and run ids)."""
    started_at, started = utc_now(), time.perf_counter()
    with Store.open(db_path) as store:
        recipe = load_recipe(store, recipe_name, version)
        if save_as is not None and store.has_dataset(save_as):
            raise InputError(QT_TRANSLATE_NOOP(
                "Core", "A dataset named {name!r} already exists; choose another name.").format(
                    name=save_as))
        if save_as is None:
            summary = apply_recipe(store, dataset, recipe, ctx).summary()
        else:
            from iotfin_gui.core.recipes.batched import apply_and_save

            summary, info, run_id = apply_and_save(store, dataset, recipe, save_as, ctx,
                                                   started_at=started_at)
            summary.update(saved_as=info.name, dataset_id=info.id, run_id=run_id)
    summary["seconds"] = round(time.perf_counter() - started, 3)
    return summary
