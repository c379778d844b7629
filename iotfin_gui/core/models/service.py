"""The Models API: train and compare models, run diffs, evaluation data, predictions and
learning curves (the leaderboard, which reads runs without scikit-learn, is
:mod:`iotfin_gui.core.leaderboard`). No Qt; the Models panel and the CLI call these.

:func:`train` cross-validates every chosen model (the task's baseline always included) and
only when all are done writes their model files and records one run per model in one
transaction, so a cancelled or failed training leaves no run and no model file behind.

Classification targets may have two classes (scored at a cost-minimising threshold) or more
(multiclass: the most probable class is predicted; the cost and threshold options are ignored
and each result carries a ``note`` saying so).

With a search, a model's scores come from nested cross-validation (see :mod:`.search`): its
run records ``nested``, the ``inner_cv`` and the parameters chosen in each outer fold
(``fold_params``); the saved model is tuned on all rows and refitted.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from iotfin_gui.core import model_folder, trash
from iotfin_gui.core.errors import InputError, JobCancelled, NotFoundError, UserFacingError
from iotfin_gui.core.jobs import CancelledWithResults, JobContext
from iotfin_gui.core.leaderboard import TEST_SCOPE, TIME_SCOPE
from iotfin_gui.core.lineage import utc_now
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message, joined
from iotfin_gui.core.model_names import INNER_FOLDS, PRIMARY_METRIC, describe_cv
from iotfin_gui.core.models import persistence
from iotfin_gui.core.models.applying import predict_stored
from iotfin_gui.core.models.clustering import cluster
from iotfin_gui.core.models.data import TrainingData, training_data
from iotfin_gui.core.models.evaluation import (
    classification_plots,
    multiclass_plots,
    regression_plots,
)
from iotfin_gui.core.models.fitting import (
    THRESHOLD_MODES,
    Problem,
    class_probabilities,
    fit_all_rows,
    positive_score,
    validate_and_fit,
)
from iotfin_gui.core.models.metrics import (
    LOWER_IS_BETTER,
    classification_scores,
    multiclass_scores,
    regression_scores,
    summarise,
)
from iotfin_gui.core.models.search import nested_cross_validate
from iotfin_gui.core.models.specs import (
    MODEL_SPECS,
    ModelSpec,
    default_models,
    model_spec,
    training_seconds,
)
from iotfin_gui.core.store import Store


@dataclass
class TrainResult:
    """One trained model: its recorded run, scores, timings and plot data."""

    run_id: int
    model: str
    task: str
    params: dict[str, Any]
    metrics: dict[str, tuple[float, float | None]]
    fit_seconds: float
    predict_seconds: float
    evaluation: dict[str, Any]
    test_metrics: dict[str, float] = field(default_factory=dict)
    threshold: float | None = None
    search: dict[str, Any] | None = None
    note: Message | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able summary (metric means; spreads under ``spread``; ``note`` if any; for a
        tuned model ``search``: nested, the inner CV, each outer fold's parameters and the best
        candidate's inner score)."""
        out = {"run_id": self.run_id, "model": self.model, "task": self.task,
               "params": self.params,
               "metrics": {k: _number(v) for k, (v, _) in self.metrics.items()},
               "spread": {k: _number(s) for k, (_, s) in self.metrics.items()},
               "test_metrics": {k: _number(v) for k, v in self.test_metrics.items()},
               "threshold": self.threshold, "fit_seconds": round(self.fit_seconds, 4),
               "predict_seconds": round(self.predict_seconds, 4),
               **({"note": self.note} if self.note else {})}
        if self.search and self.search.get("nested"):
            best = (self.search.get("candidates") or [{}])[0].get("score")
            out["search"] = {"nested": True, "inner_cv": self.search["inner_cv"]["label"],
                             "fold_params": self.search["fold_params"],
                             "best_params": self.search["best_params"],
                             "metric": self.search["metric"],
                             "best_inner_score": None if best is None else _number(best)}
        return out


def _number(value: float | None) -> float | None:
    return None if value is None or not np.isfinite(value) else float(value)


@dataclass
class _Pending:
    """A trained model waiting to be written and recorded."""

    spec: ModelSpec
    params: dict[str, Any]
    metrics: dict[str, tuple[float, float | None]]
    test_metrics: dict[str, float]
    fit_seconds: float
    predict_seconds: float
    pipeline: Any
    threshold: float | None
    evaluation: dict[str, Any]
    search: dict[str, Any] | None


def describe_models(task: str | None = None) -> list[dict[str, Any]]:
    """Every model (of ``task``) with its label and editable default grid, for the panel."""
    tasks = [task] if task else list(MODEL_SPECS)
    return [spec.describe() for t in tasks for spec in MODEL_SPECS[t].values()]


def _model_list(task: str, models: Sequence[str] | None) -> list[str]:
    names = default_models(task) if not models else list(dict.fromkeys(models))
    for name in names:
        model_spec(task, name)
    return names if "baseline" in names else ["baseline", *names]


def train(store: Store, dataset: str | int, *, target: str | None = None, task: str,
          models: Sequence[str] | None = None, cv: str = "kfold", folds: int = 5,
          repeats: int = 1, search: str | None = None,
          grids: Mapping[str, Mapping[str, Any]] | None = None, n_iter: int = 8,
          inner_folds: int = INNER_FOLDS, cost_fp: float = 1.0, cost_fn: float = 5.0,
          threshold: str | float = "validation", class_weight: str | None = None,
          positive: Any = None, recipe: Any = None, seed: int = 0, gap_hours: float = 0.0,
          ctx: JobContext | None = None) -> list[TrainResult]:
    """Train, cross-validate and record each model of ``models`` (default: all of ``task``).

    ``cv`` is holdout, kfold, stratified, group or time (``gap_hours``: training rows purged
    that long before each scored fold, e.g. the horizon of a look-ahead label); ``search``
    None, grid or random (with
    ``grids`` overriding a model's default grid), evaluated by nested CV with ``inner_folds``
    inner folds; ``threshold`` validation (cost-minimising on the training fold's rows, see
    :func:`~iotfin_gui.core.models.fitting.choose_threshold`), bayes, or a fixed probability;
    ``class_weight`` None or balanced. For a multiclass target the costs and threshold are not
    used (see the results' ``note``) and ``positive`` must be None. Returns one
    :class:`TrainResult` per model, baseline first."""
    ctx = ctx or JobContext()
    names = _model_list(task, models)
    if cost_fp < 0 or cost_fn < 0 or cost_fp + cost_fn == 0:
        raise InputError(QT_TRANSLATE_NOOP("Core", "Costs must be zero or more, and not both "
                                           "zero."))
    if isinstance(threshold, str) and threshold not in THRESHOLD_MODES:
        raise InputError(QT_TRANSLATE_NOOP("Core", "Threshold must be a probability or one of "
                                           "{modes}.").format(modes=joined(THRESHOLD_MODES)))
    if class_weight not in (None, "balanced"):
        raise InputError(QT_TRANSLATE_NOOP("Core", "class_weight must be empty or "
                                           "'balanced'."))
    if not 2 <= inner_folds <= 20:
        raise InputError(QT_TRANSLATE_NOOP("Core", "The inner CV of a search needs 2 to 20 "
                                           "folds, not {folds}.").format(folds=inner_folds))
    started_at, started = utc_now(), time.perf_counter()
    data = training_data(store, dataset, target=target, task=task, cv=cv, folds=folds,
                         repeats=repeats, seed=seed, recipe=recipe, positive=positive,
                         cost_fp=cost_fp, cost_fn=cost_fn, threshold=threshold,
                         balanced=class_weight == "balanced", gap_hours=gap_hours,
                         ctx=ctx.scaled(0.0, 0.05))
    problem = data.problem
    if not models:
        names = _model_list(task, default_models(task, len(problem.X), problem.width,
                                                 folds=len(problem.folds)))
    weights = [training_seconds(model_spec(task, name), len(problem.X), problem.width,
                                folds=len(problem.folds), threshold_fits=problem.threshold_fits(),
                                candidates=n_iter if search else 1, inner=inner_folds)
               for name in names]
    options = {"cv": cv, "folds": folds, "repeats": repeats, "gap_hours": gap_hours,
               "search": search,
               "cost_fp": cost_fp, "cost_fn": cost_fn, "threshold_mode": threshold,
               "class_weight": class_weight, "n_iter": n_iter, "inner_folds": inner_folds}
    pending: list[_Pending] = []
    try:
        for number, name in enumerate(names):
            done = sum(weights[:number]) / sum(weights)
            part = ctx.scaled(0.05 + 0.9 * done, 0.05 + 0.9 * (done + weights[number]
                                                                  / sum(weights)))
            grid = (grids or {}).get(name)
            pending.append(_train_one(data, model_spec(task, name), grid, search, n_iter,
                                      inner_folds, part))
    except JobCancelled:
        if all(item.spec.is_baseline for item in pending):
            raise
        ctx.winding_up()
        options["partial"] = {"trained": [item.spec.name for item in pending],
                              "left_out": names[len(pending):]}
        kept = _record(store, data, pending, options, started_at, time.perf_counter() - started)
        raise CancelledWithResults([r.to_dict() for r in kept]) from None
    ctx.progress(0.96, QT_TRANSLATE_NOOP("Core", "Saving models"))
    results = _record(store, data, pending, options, started_at,
                      time.perf_counter() - started)
    ctx.progress(1.0, QT_TRANSLATE_NOOP("Core", "Training done"))
    return results


def _train_one(data: TrainingData, spec: ModelSpec, grid: Mapping[str, Any] | None,
               search: str | None, n_iter: int, inner_folds: int, ctx: JobContext
               ) -> _Pending:
    problem = data.problem
    if problem.task == "clustering":
        outcome = cluster(problem, spec, grid, search, ctx)
        metrics = {k: (v, None) for k, v in outcome.scores.items()}
        return _Pending(spec, outcome.params, metrics, {}, outcome.fit_seconds,
                        outcome.predict_seconds, outcome.pipeline, None, outcome.evaluation,
                        {"candidates": outcome.sweep, "metric": "silhouette"})
    params: dict[str, Any] = {}
    searched = None
    if search and not spec.is_baseline and (grid or spec.grid):
        nested = nested_cross_validate(problem, spec, grid, search, ctx.scaled(0.0, 0.9),
                                       n_iter=n_iter, inner=inner_folds)
        outcome, params, searched = nested.outcome, nested.final.best_params, nested.record()
        ctx.progress(0.9, QT_TRANSLATE_NOOP("Core", "{model}: final fit on all rows")
                     .format(model=spec.label))
        threshold, pipeline = fit_all_rows(problem, spec, params, ctx)
    else:
        outcome, threshold, pipeline = validate_and_fit(problem, spec, params,
                                                        ctx.scaled(0.0, 0.95))
    if problem.multiclass:
        plots = multiclass_plots(outcome.oof, problem.classes)
    elif problem.task == "classification":
        plots = classification_plots(outcome.oof, problem.cost_fp, problem.cost_fn,
                                     problem.classes, threshold)
    else:
        plots = regression_plots(outcome.oof, problem.seed)
    plots["importance"] = outcome.importance
    test_metrics = {}
    if data.X_test is not None:
        test_metrics = _test_scores(pipeline, data, threshold)
    return _Pending(spec, params, summarise(outcome.per_fold), test_metrics,
                    float(np.mean(outcome.fit_seconds)), float(np.mean(outcome.predict_seconds)),
                    pipeline, threshold, plots, searched)


def _test_scores(pipeline: Any, data: TrainingData, threshold: float | None) -> dict[str, float]:
    problem = data.problem
    if problem.multiclass:
        return multiclass_scores(data.y_test, class_probabilities(pipeline, data.X_test,
                                                                  len(problem.classes)))
    if problem.task == "classification":
        return classification_scores(data.y_test, positive_score(pipeline, data.X_test),
                                     threshold, problem.cost_fp, problem.cost_fn)
    return regression_scores(data.y_test, pipeline.predict(data.X_test))


def _record(store: Store, data: TrainingData, pending: list[_Pending], options: dict[str, Any],
            started_at: str, seconds: float) -> list[TrainResult]:
    """Write every model file and record every run together; nothing remains on failure."""
    problem, written = data.problem, []
    results = []
    note = _multiclass_note(problem)
    extra = {"classes": list(problem.classes), "note": note} if note else {}
    try:
        with store.atomic():
            for item in pending:
                stem = persistence.new_stem()
                bundle = {"pipeline": item.pipeline, "task": problem.task, "model": item.spec.name,
                          "target": data.target, "features": list(problem.X.columns),
                          "classes": problem.classes, "threshold": item.threshold,
                          "params": item.params, "seed": problem.seed,
                          "recipe": None if data.recipe is None else data.recipe.to_dict(),
                          "dataset": data.dataset.name}
                model_path, model_sha = persistence.save_bundle(store, stem, bundle)
                written.append(model_path)
                eval_path, eval_sha = persistence.save_json(store, f"{stem}.eval.json",
                                                            item.evaluation)
                written.append(eval_path)
                params = {"model": item.spec.name, "label": item.spec.label,
                          "task": problem.task, "target": data.target,
                          "estimator_params": item.params, "recipe": data.recipe_label,
                          "cv_label": describe_cv(options["cv"], options["folds"],
                                                  options["repeats"], options["gap_hours"]),
                          **options, "positive_class": None if problem.classes is None
                          or problem.multiclass else problem.classes[1],
                          "threshold": item.threshold, **extra,
                          "features": list(problem.X.columns),
                          "numeric": problem.numeric, "categorical": problem.categorical,
                          "dropped_columns": data.inputs.dropped, "rows": len(problem.X),
                          "search_results": item.search, "evaluation_path": eval_path,
                          "evaluation_sha256": eval_sha, **_nesting(item.search)}
                metrics = {("", k): v for k, v in item.metrics.items()}
                metrics |= {(TEST_SCOPE, k): (v, None) for k, v in item.test_metrics.items()}
                metrics[(TIME_SCOPE, "fit_seconds")] = (item.fit_seconds, None)
                metrics[(TIME_SCOPE, "predict_seconds")] = (item.predict_seconds, None)
                title = QT_TRANSLATE_NOOP("Core", "{model} on {dataset}").format(
                    model=item.spec.label, dataset=data.dataset.name)
                run_id = store.record_run(
                    "train", title, started_at=started_at,
                    duration_s=seconds, dataset_id=data.dataset.id, recipe_id=data.recipe_id,
                    data_hash=data.dataset.data_hash, params=params, seed=problem.seed,
                    metrics=metrics, model_path=model_path, model_sha256=model_sha)
                results.append(TrainResult(run_id, item.spec.name, problem.task, item.params,
                                           item.metrics, item.fit_seconds,
                                           item.predict_seconds, item.evaluation,
                                           item.test_metrics, item.threshold, item.search,
                                           note))
    except BaseException:
        model_folder.remove_files(store, written)
        raise
    return results


def _nesting(search: dict[str, Any] | None) -> dict[str, Any]:
    """The run parameters that say how a model was tuned: ``nested`` (False when untuned),
    the ``inner_cv`` and each outer fold's chosen parameters."""
    if not search or not search.get("nested"):
        return {"nested": False}
    return {"nested": True, "inner_cv": search["inner_cv"],
            "fold_params": search["fold_params"]}


def _multiclass_note(problem: Problem) -> Message | None:
    if not problem.multiclass:
        return None
    return QT_TRANSLATE_NOOP("Core", "The target has {classes} classes: each row is predicted as "
                             "its most probable class. The cost matrix and threshold options "
                             "apply to two-class targets and were not used.").format(
        classes=len(problem.classes))


# --- reading runs ------------------------------------------------------------------------


def train_run(store: Store, run_id: int) -> dict[str, Any]:
    """The stored training run ``run_id`` (a NotFoundError for any other kind of run)."""
    run = store.run(int(run_id))
    if run["kind"] != "train":
        raise NotFoundError(QT_TRANSLATE_NOOP("Core", "Run {run} is a {kind} run, not a "
                                              "trained model.").format(run=run_id,
                                                                       kind=run["kind"]))
    return run


def _flat(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out |= _flat(item, f"{prefix}{key}.")
        return out
    return {prefix[:-1]: value}


def diff_runs(store: Store, a: int, b: int) -> dict[str, pd.DataFrame]:
    """What differs between two runs: ``params`` (key, a, b; changed keys only; each outer
    fold's chosen parameters and the search candidates are left out) and ``metrics`` (scope,
    name, a, b, difference b - a, and whether b is better)."""
    first, second = store.run(int(a)), store.run(int(b))
    skip = {"search_results", "evaluation_path", "evaluation_sha256", "fold_params", "label",
            "cv_label"}  # display texts (model, cv, folds and repeats say the same) and bulk
    left = _flat({k: v for k, v in first["params"].items() if k not in skip})
    right = _flat({k: v for k, v in second["params"].items() if k not in skip})
    left["seed"], right["seed"] = first["seed"], second["seed"]
    left["data_hash"], right["data_hash"] = first["data_hash"], second["data_hash"]
    keys = sorted(set(left) | set(right))
    params = pd.DataFrame([{"key": k, "a": left.get(k), "b": right.get(k)} for k in keys
                           if left.get(k) != right.get(k)], columns=["key", "a", "b"])
    rows = []
    for scope, name in sorted(set(first["metrics"]) | set(second["metrics"])):
        value_a = first["metrics"].get((scope, name), (None, None))[0]
        value_b = second["metrics"].get((scope, name), (None, None))[0]
        delta = None if value_a is None or value_b is None else value_b - value_a
        better = None
        if delta is not None and scope != TIME_SCOPE and name != "threshold":
            better = delta < 0 if name in LOWER_IS_BETTER else delta > 0
        rows.append({"scope": scope, "name": name, "a": value_a, "b": value_b,
                     "difference": delta, "b_better": better})
    metrics = pd.DataFrame(rows, columns=["scope", "name", "a", "b", "difference", "b_better"])
    return {"params": params, "metrics": metrics}


def evaluation(store: Store, run_id: int) -> dict[str, Any]:
    """The plot data of a training run (verified against the store before it is read)."""
    run = train_run(store, run_id)
    params = run["params"]
    return persistence.load_json(store, params.get("evaluation_path"),
                                 params.get("evaluation_sha256"))


def load_model(store: Store, run_id: int) -> dict[str, Any]:
    """A trained run's model bundle (pipeline, features, classes, threshold, recipe), after
    verifying the file against the store's record."""
    run = train_run(store, run_id)
    return persistence.load_bundle(store, run["model_path"], run["model_sha256"])


def delete_run(store: Store, run_id: int) -> int:
    """Move a training run to the trash (after a backup); its metrics, model file and
    evaluation data go when the trash is emptied. Returns the trash entry's id."""
    return trash.trash_run(store, train_run(store, run_id)["id"])


# --- predictions -------------------------------------------------------------------------


@dataclass
class Prediction:
    """Predictions for a dataset and, when saved, the new dataset and predict run."""

    frame: pd.DataFrame
    run_id: int
    dataset: str | None = None
    predict_run_id: int | None = None


def predict(store: Store, run_id: int, dataset: str | int, *, save_as: str | None = None,
            ctx: JobContext | None = None) -> Prediction:
    """Apply a trained model to a dataset with the training features: one row per input row
    with its id columns, ``prediction`` and, for two-class classifiers, ``probability`` of the
    positive class (flagged at the run's threshold); multiclass classifiers predict the most
    probable class and add ``probability_<class>`` per class. Optionally saved as a new
    dataset ``save_as``."""
    ctx = ctx or JobContext()
    started_at, started = utc_now(), time.perf_counter()
    bundle = load_model(store, run_id)
    info = store.dataset(dataset)
    if save_as is not None and store.has_dataset(save_as):
        raise UserFacingError(QT_TRANSLATE_NOOP("Core", "A dataset named {name!r} already "
                                                "exists; choose another name.")
                              .format(name=save_as))
    ctx.progress(0.1, QT_TRANSLATE_NOOP("Core", "Reading {dataset}").format(dataset=info.name))
    out = predict_stored(store, info, bundle, ctx.scaled(0.1, 0.9))
    result = Prediction(out.reset_index(drop=True), int(run_id))
    if save_as is not None:
        ctx.progress(0.9, QT_TRANSLATE_NOOP("Core", "Saving {dataset}").format(dataset=save_as))
        with store.atomic():
            saved = store.write_dataset(
                save_as, result.frame, "table", parent_id=info.id,
                source=f"predict run {run_id}",
                note=QT_TRANSLATE_NOOP("Core", "Predictions of run {run} on {dataset}.")
                .format(run=run_id, dataset=info.name))
            result.dataset = saved.name
            result.predict_run_id = store.record_run(
                "predict", QT_TRANSLATE_NOOP("Core", "Predictions of run {run} on {dataset}")
                .format(run=run_id, dataset=info.name),
                started_at=started_at, duration_s=time.perf_counter() - started,
                dataset_id=saved.id, data_hash=info.data_hash,
                params={"model_run": int(run_id), "input_dataset": info.name,
                        "output_dataset": saved.name}, seed=bundle.get("seed"))
    ctx.progress(1.0, QT_TRANSLATE_NOOP("Core", "Predictions ready"))
    return result


# --- learning curve ----------------------------------------------------------------------


def learning_curve(store: Store, run_id: int, sizes: Sequence[float] = (0.1, 0.25, 0.5, 0.75,
                                                                        1.0),
                   ctx: JobContext | None = None) -> pd.DataFrame:
    """Training and validation score of a run's model (same data, recipe, folds and
    parameters) when trained on growing shares of each training fold (the latest rows for
    time-series CV, a random subset otherwise). Each fit is a cancel point."""
    ctx = ctx or JobContext()
    run = train_run(store, run_id)
    params = run["params"]
    task = params["task"]
    if task == "clustering":
        raise InputError(QT_TRANSLATE_NOOP("Core", "A learning curve needs a supervised model, "
                                           "not clustering."))
    if run["dataset_id"] is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Core", "The dataset of run {run} no longer "
                                              "exists.").format(run=run_id))
    data = training_data(
        store, run["dataset_id"], target=params["target"], task=task, cv=params["cv"],
        folds=params["folds"], repeats=1, seed=run["seed"] or 0, recipe=params["recipe"]
        and params["recipe"].replace(" v", "@"), positive=params.get("positive_class"),
        cost_fp=params["cost_fp"], cost_fn=params["cost_fn"],
        balanced=params.get("class_weight") == "balanced",
        gap_hours=float(params.get("gap_hours") or 0.0), ctx=ctx.scaled(0.0, 0.1))
    problem, spec = data.problem, model_spec(task, params["model"])
    metric = PRIMARY_METRIC[task][0]
    rng = np.random.default_rng(problem.seed)
    rows = []
    steps = [(share, fold) for share in sizes for fold in problem.folds]
    for number, (share, fold) in enumerate(steps):
        ctx.progress(0.1 + 0.9 * number / len(steps),
                     QT_TRANSLATE_NOOP("Core", "Learning curve: {share:.0%} of the training "
                                       "rows").format(share=share))
        count = max(2, round(share * len(fold.train)))
        chosen = fold.train[-count:] if params["cv"] == "time" else np.sort(
            rng.permutation(fold.train)[:count])
        pipeline = problem.pipeline(spec, params["estimator_params"])
        y_train = problem.y[chosen]
        if task == "classification" and len(np.unique(y_train)) < 2:
            continue
        pipeline.fit(problem.X.iloc[chosen], y_train)
        scores = {}
        for part, where in (("train", chosen), ("valid", fold.test)):
            X_part, y_part = problem.X.iloc[where], problem.y[where]
            if problem.multiclass:
                scores[part] = multiclass_scores(y_part, class_probabilities(
                    pipeline, X_part, len(problem.classes)))[metric]
            elif task == "classification":
                scores[part] = classification_scores(y_part, positive_score(pipeline, X_part),
                                                     0.5, 1.0, 1.0)[metric]
            else:
                scores[part] = regression_scores(y_part, pipeline.predict(X_part))[metric]
        rows.append({"share": share, "train_rows": count, **scores})
    ctx.progress(1.0, QT_TRANSLATE_NOOP("Core", "Learning curve done"))
    frame = pd.DataFrame(rows, columns=["share", "train_rows", "train", "valid"])
    curve = frame.groupby("share").agg(train_rows=("train_rows", "mean"),
                                       train=("train", "mean"), train_std=("train", "std"),
                                       valid=("valid", "mean"), valid_std=("valid", "std"))
    return curve.reset_index().assign(metric=metric)
