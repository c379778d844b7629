"""The leaderboard: every training run with its metrics, read from the store without the
models core.

Kept outside :mod:`iotfin_gui.core.models` on purpose (as :mod:`iotfin_gui.core.model_names`
is): importing anything of that package loads scikit-learn (about 1.5 CPU-seconds), which
``main.py leaderboard`` never uses. Nor does it need pandas: :func:`leaderboard_rows` reads the
runs as plain rows, which the CLI prints; :func:`leaderboard` makes them the DataFrame the window
and the reports show. The models core records the metrics this reads, under the scopes named
here, and re-exports :func:`leaderboard`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from iotfin_gui.core.messages import Message
from iotfin_gui.core.model_names import MODEL_LABELS, PRIMARY_METRIC, describe_cv, search_label
from iotfin_gui.core.store import Store

if TYPE_CHECKING:
    import pandas as pd

#: Metric scopes: "" cross-validated mean (spread = std over folds), "test" the recipe's
#: hold-out rows, "time" seconds per fold to fit and to predict.
TIME_SCOPE, TEST_SCOPE = "time", "test"


#: The columns of an empty leaderboard.
EMPTY_COLUMNS = ("run_id", "model", "label", "task", "dataset", "target", "recipe", "cv",
                 "search", "search_label", "nested", "partial", "seed", "started_at",
                 "has_model")


def leaderboard_rows(store: Store, task: str | None = None, dataset: str | None = None
                     ) -> list[dict[str, Any]]:
    """One row per training run, each with every column (None where a run has no such
    metric): model, ``label`` (display name), dataset, recipe version,
    ``cv`` (display label), ``search`` (grid, random or None) with ``search_label`` (e.g.
    ``grid, nested (inner stratified 3)``) and ``nested``, every metric (``<name>`` mean and
    ``<name>_std``; the ``threshold`` metric is the mean of each fold's own threshold),
    ``applied_threshold`` (the kept model's, which its predictions apply), fit and predict
    seconds per fold; with ``task`` given, best first by the
    task's primary metric (runs without it last, each group in run order). Display texts are
    translatable Messages."""
    rows = store.conn.execute(
        "SELECT r.id, r.params, r.seed, r.started_at, r.model_path, d.name "
        "FROM runs r LEFT JOIN datasets d ON d.id = r.dataset_id AND d.deleted_at IS NULL "
        "WHERE r.kind = 'train' AND r.deleted_at IS NULL ORDER BY r.id").fetchall()
    metrics = store.conn.execute(
        "SELECT m.run_id, m.scope, m.name, m.value, m.spread FROM run_metrics m "
        "JOIN runs r ON r.id = m.run_id WHERE r.kind = 'train' AND r.deleted_at IS NULL"
    ).fetchall()
    by_run: dict[int, dict[str, Any]] = {}
    for run_id, scope, name, value, spread in metrics:
        entry = by_run.setdefault(run_id, {})
        if scope == "":
            entry[name], entry[f"{name}_std"] = value, spread
        else:
            entry[f"{scope}_{name}" if scope != TIME_SCOPE else name] = value
    records = []
    for run_id, params_text, seed, started_at, model_path, dataset_name in rows:
        params = json.loads(params_text)
        if task and params.get("task") != task:
            continue
        if dataset and dataset_name != dataset:
            continue
        records.append({"run_id": run_id, "model": params.get("model"),
                        "label": _model_label(params), "task": params.get("task"),
                        "dataset": dataset_name, "target": params.get("target"),
                        "recipe": params.get("recipe"), "cv": _cv_label(params),
                        "search": params.get("search"),
                        "search_label": _search_label(params),
                        "nested": bool(params.get("nested")),
                        "partial": bool(params.get("partial")),
                        "applied_threshold": params.get("threshold"), "seed": seed,
                        "started_at": started_at, "has_model": model_path is not None,
                        **by_run.get(run_id, {})})
    columns = list(dict.fromkeys(key for record in records for key in record))
    rows = [{column: record.get(column) for column in columns} for record in records]
    if task in PRIMARY_METRIC and PRIMARY_METRIC[task][0] in columns:
        metric, higher = PRIMARY_METRIC[task]
        scored = [row for row in rows if _is_number(row[metric])]
        scored.sort(key=lambda row: row[metric], reverse=higher)  # stable either way
        rows = scored + [row for row in rows if not _is_number(row[metric])]
    return rows


def leaderboard(store: Store, task: str | None = None, dataset: str | None = None
                ) -> pd.DataFrame:
    """:func:`leaderboard_rows` as a DataFrame (a missing metric is NaN), display texts kept as
    Messages."""
    import pandas as pd

    rows = leaderboard_rows(store, task, dataset)
    if not rows:
        return pd.DataFrame(columns=list(EMPTY_COLUMNS))
    frame = pd.DataFrame.from_records(rows)
    for column in ("label", "cv", "search_label"):  # keep the Messages (not pandas strings)
        frame[column] = pd.Series([row[column] for row in rows], dtype=object)
    return frame


def _is_number(value: Any) -> bool:
    return value is not None and value == value  # NaN is not equal to itself


def _model_label(params: Mapping[str, Any]) -> Message | str | None:
    """The model's display name (translatable) when the model still exists, else as stored."""
    label = MODEL_LABELS.get(str(params.get("task")), {}).get(str(params.get("model")))
    return label if label is not None else params.get("label")


def _search_label(params: Mapping[str, Any]) -> Message | None:
    """How a supervised run was tuned (None when it was not, e.g. the baseline)."""
    if params.get("task") == "clustering" or not params.get("search_results"):
        return None
    return search_label(params.get("search"), params.get("inner_cv"))


def _cv_label(params: Mapping[str, Any]) -> Message | str | None:
    """The CV scheme's display label (translatable), else the stored one."""
    try:
        return describe_cv(str(params["cv"]), int(params["folds"]), int(params["repeats"]),
                           float(params.get("gap_hours") or 0.0))
    except (KeyError, TypeError, ValueError):
        return params.get("cv_label")
