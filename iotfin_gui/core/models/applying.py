"""A trained model applied to a stored dataset: reading only the model's features and the
rows' id columns, batch by batch when no recipe stands between the data and the model.

:func:`prediction_rows` turns the rows of a frame into predictions (one row per input row: its
id columns, ``prediction`` and probabilities, or ``cluster``). Every model predicts each row
on its own, so :func:`predict_stored` may read the dataset :data:`BATCH_ROWS` rows at a time and
join the per-batch predictions: the same frame as predicting all rows at once, with memory
bounded by a batch of features. A model trained through a recipe first runs the recipe's row
steps (lags, resampling...), which need the rows together: only their columns are read.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from iotfin_gui.core import columnar
from iotfin_gui.core.errors import InputError
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, joined
from iotfin_gui.core.models.data import recipe_row_inputs, run_row_steps
from iotfin_gui.core.models.fitting import class_probabilities, positive_score
from iotfin_gui.core.store import DatasetInfo, Store

#: Rows read and predicted at a time.
BATCH_ROWS = 200_000


def prediction_rows(bundle: dict[str, Any], frame: pd.DataFrame, ids: list[str],
                    dataset: str, first_row: int = 1) -> pd.DataFrame:
    """``frame``'s predictions by the model of ``bundle``: its ``ids`` columns (else a 1-based
    ``row`` number from ``first_row``), then ``prediction`` and the probabilities, or
    ``cluster``. An :class:`InputError` naming ``dataset`` when the model cannot apply."""
    X = frame[bundle["features"]]
    out = frame[ids].copy() if ids else pd.DataFrame(
        {"row": np.arange(first_row, first_row + len(frame))})
    pipeline = bundle["pipeline"]
    try:
        if bundle["task"] == "classification" and len(bundle["classes"]) > 2:
            classes = list(bundle["classes"])
            proba = class_probabilities(pipeline, X, len(classes))
            out["prediction"] = np.asarray(classes)[proba.argmax(axis=1)]
            for code, name in enumerate(classes):
                out[f"probability_{name}"] = proba[:, code]
        elif bundle["task"] == "classification":
            score = positive_score(pipeline, X)
            negative, positive = bundle["classes"]
            out["prediction"] = np.where(score >= bundle["threshold"], positive, negative)
            out["probability"] = score
        elif bundle["task"] == "regression":
            out["prediction"] = pipeline.predict(X)
        else:
            out["cluster"] = pipeline.predict(X).astype("int64")
    except (ValueError, TypeError) as error:
        raise InputError(QT_TRANSLATE_NOOP("Core", "The model cannot be applied to "
                                           "{dataset!r}: {error}")
                         .format(dataset=dataset, error=str(error))) from error
    return out


def _check_features(bundle: dict[str, Any], columns: list[str], dataset: str) -> None:
    missing = [c for c in bundle["features"] if c not in columns]
    if missing:
        raise InputError(QT_TRANSLATE_NOOP("Core", "Dataset {dataset!r} lacks the column(s) the "
                                           "model was trained on: {columns}.")
                         .format(dataset=dataset, columns=joined(missing)))


def predict_stored(store: Store, info: DatasetInfo, bundle: dict[str, Any],
                   ctx: JobContext | None = None, *, batch_rows: int | None = None
                   ) -> pd.DataFrame:
    """The predictions of the model of ``bundle`` for every row of the stored ``info`` (see
    :func:`prediction_rows`), reading only the columns needed, ``batch_rows`` rows at a time
    (default :data:`BATCH_ROWS`)."""
    ctx = ctx or JobContext()
    batch_rows = batch_rows or BATCH_ROWS
    if bundle["recipe"] is not None:
        return _through_recipe(store, info, bundle, ctx)
    ids = [c for c in (info.column_for("device_id"), info.column_for("timestamp")) if c]
    _check_features(bundle, info.column_names, info.name)
    wanted = set(ids) | set(bundle["features"])
    needed = [c for c in info.column_names if c in wanted]
    parts, done = [], 0
    for batch in columnar.batches(store, info, needed, batch_rows):
        ctx.progress(done / max(info.row_count, 1), QT_TRANSLATE_NOOP("Core", "Predicting"))
        frame = columnar.to_frame(pa.Table.from_batches([batch]))
        parts.append(prediction_rows(bundle, frame, ids, info.name, first_row=done + 1))
        done += len(frame)
    if not parts:
        return prediction_rows(bundle, store.read_dataset(info.id, columns=needed), ids,
                               info.name)
    return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]


def _through_recipe(store: Store, info: DatasetInfo, bundle: dict[str, Any],
                    ctx: JobContext) -> pd.DataFrame:
    """Predictions of a model trained through a recipe: its row steps run on the columns they
    read (without the split), then the model."""
    from iotfin_gui.core.recipes import Recipe

    recipe = Recipe.from_dict(bundle["recipe"])
    frame = store.read_dataset(info.id, columns=recipe_row_inputs(store, info, recipe,
                                                                  keep_split=False))
    if bundle["target"] and bundle["target"] not in frame.columns:
        frame = frame.assign(**{bundle["target"]: np.nan})
    prepared = run_row_steps(store, info, recipe, frame, ctx.scaled(0.0, 0.8), keep_split=False)
    ids = [c for c in (prepared.device_column, prepared.time_column) if c]
    _check_features(bundle, list(prepared.frame.columns), info.name)
    ctx.progress(0.8, QT_TRANSLATE_NOOP("Core", "Predicting"))
    return prediction_rows(bundle, prepared.frame, ids, info.name)
