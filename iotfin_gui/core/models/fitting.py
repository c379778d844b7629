"""Fitting and cross-validating one model: the :class:`Problem` (data, folds, costs) and the
fold loop that yields out-of-fold predictions, per-fold metrics and timings.

Each fold fits a fresh pipeline (recipe steps, default preprocessing, estimator) on its
training rows only. For classification with ``threshold="validation"`` (the default) each
fold is scored at a cost-minimising threshold chosen without its own rows: with k-fold,
stratified or grouped CV, on the other folds' out-of-fold predictions
(:func:`assign_cross_fold_thresholds`, no extra fit); with a hold-out or time-series CV, on
the predictions of an inner CV of the fold's training rows (:func:`choose_threshold`). A
multiclass target (three or more classes) has no threshold and no cost: each row is predicted
as its most probable class, and every class must occur in each fold's training rows. Every
fold is a cancel point. The kept model (fitted on every row) takes its threshold from the CV's
out-of-fold probabilities (:func:`oof_threshold`), which needs no extra fit.

:func:`cross_validate` can take a ``tune`` function that picks each fold's parameters from that
fold's training rows only (the nested search of :mod:`.search`); :meth:`Problem.inner_folds`
splits a fold's training rows for it.

Folds are independent pieces (:func:`fit_fold`, a pure function of the problem, the model and
the fold) that :func:`iotfin_gui.core.parallel.run_tasks` runs in parallel when the job has
cores to spare; the result is the same as a serial run. Each piece is weighted by its
estimated cost (:meth:`Problem.fit_cost`), so progress tracks time.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, joined
from iotfin_gui.core.model_names import INNER_FOLDS
from iotfin_gui.core.models.cost import bayes_threshold, best_threshold
from iotfin_gui.core.models.cv import (
    CROSS_FOLD_THRESHOLD_SCHEMES,
    THRESHOLD_FOLDS,
    Fold,
    inner_folds,
    inner_scheme,
    threshold_fits,
)
from iotfin_gui.core.models.evaluation import importance
from iotfin_gui.core.models.metrics import (
    classification_scores,
    multiclass_scores,
    regression_scores,
)
from iotfin_gui.core.models.preprocess import model_pipeline
from iotfin_gui.core.models.specs import ModelSpec
from iotfin_gui.core.parallel import run_tasks, takes_context

THRESHOLD_MODES = ("validation", "bayes")
#: From this many training rows on, one validation split is used instead of inner folds: a
#: quarter of the rows (5,000 or more) is plenty, and it costs one fit instead of three.
SPLIT_ABOVE_ROWS = 20_000
#: Share of the training rows held out when one validation split is used.
VALIDATION_SHARE = 0.25


@dataclass
class Problem:
    """What to learn: features ``X``, target ``y`` (class codes for classification: 0/1 for
    two classes, 0..K-1 for K), the folds, and the options every model of a training run
    shares. ``classes[code]`` is the class a code stands for; ``scheme``, ``groups`` (device
    ids), ``times`` and ``gap_hours`` (the time-series purge) let a fold's training rows be
    split again (:meth:`inner_folds`). With recipe steps, ``X`` may hold columns the steps
    read but the model must not take as features (``not_features``: the device id a per-device
    clip groups by)."""

    task: str
    X: pd.DataFrame
    y: np.ndarray | None
    numeric: list[str]
    categorical: list[str]
    folds: list[Fold]
    seed: int = 0
    cost_fp: float = 1.0
    cost_fn: float = 5.0
    threshold: str | float = "validation"
    balanced: bool = False
    recipe_steps: Pipeline | None = None
    classes: tuple[Any, ...] | None = None
    scheme: str = "kfold"
    groups: pd.Series | None = None
    times: pd.Series | None = None
    gap_hours: float = 0.0
    not_features: tuple[str, ...] = ()

    @property
    def multiclass(self) -> bool:
        """A classification target with three or more classes."""
        return self.classes is not None and len(self.classes) > 2

    def pipeline(self, spec: ModelSpec, params: Mapping[str, Any] | None = None) -> Pipeline:
        """A fresh, unfitted pipeline for ``spec`` with estimator ``params``."""
        recipe = None if self.recipe_steps is None else clone(self.recipe_steps)
        estimator = spec.build(self.seed, self.balanced, params)
        return model_pipeline(self.numeric, self.categorical, estimator, recipe,
                              self.not_features)

    def inner_folds(self, rows: np.ndarray | None = None, folds: int = INNER_FOLDS
                    ) -> list[Fold]:
        """Folds over the row positions ``rows`` only (default: every row), of the outer
        scheme (k-fold for a hold-out), for a search inside those rows."""
        rows = np.arange(len(self.X)) if rows is None else np.asarray(rows)
        classification = self.task == "classification"
        return inner_folds(inner_scheme(self.scheme, classification), rows, folds=folds,
                           seed=self.seed, y=self.y if classification else None,
                           groups=self.groups, times=self.times, gap_hours=self.gap_hours)

    @property
    def width(self) -> int:
        """Columns the estimator sees, roughly: numeric ones plus one per category level
        (at most 20 per categorical column)."""
        levels = sum(min(int(self.X[c].nunique()), 20) for c in self.categorical)
        return max(1, len(self.numeric) + levels)

    def threshold_fits(self) -> float:
        """Extra fits (in training-fold sizes) that choosing a validation threshold costs in
        each fold: none when the folds choose each other's (:func:`cross_fold_threshold`)."""
        if self.task != "classification" or self.multiclass or self.threshold != "validation":
            return 0.0
        return threshold_fits(self.scheme)

    def fit_cost(self, spec: ModelSpec, rows: int | None = None, fits: float = 1.0) -> float:
        """Estimated seconds of ``fits`` fits of ``spec`` on ``rows`` rows (default: a
        training fold's size) of this problem."""
        if rows is None:
            rows = len(self.folds[0].train) if self.folds else len(self.X)
        return spec.fit_seconds(rows, self.width) * fits

    def fold_cost(self, spec: ModelSpec, inner_fits: float = 0.0) -> float:
        """Estimated seconds of one CV fold of ``spec`` (threshold fits included), plus
        ``inner_fits`` fits of a search inside the fold."""
        extra = 0.0 if spec.is_baseline else self.threshold_fits()
        return self.fit_cost(spec, fits=1.0 + extra + inner_fits)


@dataclass
class CVOutcome:
    """The cross-validated result of one model with fixed parameters."""

    per_fold: list[dict[str, float]]
    oof: pd.DataFrame
    fit_seconds: list[float]
    predict_seconds: list[float]
    first_fold: tuple[Pipeline, np.ndarray] | None = None
    thresholds: list[float] = field(default_factory=list)
    fold_params: list[dict[str, Any]] = field(default_factory=list)
    importance: list[dict[str, Any]] | None = None
    fold_searches: list[Any] = field(default_factory=list)


@dataclass
class FoldResult:
    """One fold of one model: its scores, out-of-fold predictions, timings and threshold;
    the parameters a search chose for it; the first fold also keeps its pipeline and the
    permutation importance on its test rows."""

    scores: dict[str, float]
    oof: pd.DataFrame
    fit_seconds: float
    predict_seconds: float
    threshold: float | None
    params: dict[str, Any] | None = None
    search: Any = None
    pipeline: Pipeline | None = None
    importance: list[dict[str, Any]] | None = None


#: ``tune(problem, fold number, fold, ctx)``: the search result (``best_params``) for one
#: fold, from its training rows only; a picklable callable (it may run in a worker process).
Tuner = Callable[["Problem", int, Fold, JobContext], Any]


def positive_score(pipeline: Pipeline, X: pd.DataFrame) -> np.ndarray:
    """The predicted probability of class 1."""
    proba = pipeline.predict_proba(X)
    classes = list(pipeline.classes_)
    if 1 not in classes:
        return np.zeros(len(X))
    return proba[:, classes.index(1)]


def class_probabilities(pipeline: Pipeline, X: pd.DataFrame, n_classes: int) -> np.ndarray:
    """The (rows x ``n_classes``) probabilities of class codes 0..n-1; a class the model never
    saw gets probability 0."""
    proba = pipeline.predict_proba(X)
    out = np.zeros((len(X), n_classes))
    out[:, np.asarray(pipeline.classes_, int)] = proba
    return out


def _fit(pipeline: Pipeline, X: pd.DataFrame, y: np.ndarray | None) -> float:
    started = time.perf_counter()
    try:
        pipeline.fit(X, y)
    except ValueError as error:
        raise InputError(QT_TRANSLATE_NOOP("Core", "The model could not be fitted on this data: "
                                           "{error}").format(error=str(error))) from error
    return time.perf_counter() - started


def choose_threshold(problem: Problem, spec: ModelSpec, params: Mapping[str, Any] | None,
                     rows: np.ndarray, ctx: JobContext | None = None) -> float | None:
    """The decision threshold for a model trained on the row positions ``rows`` (a training
    fold, or every row): fixed, Bayes, or chosen on validation predictions; None for
    multiclass.

    Validation predictions are the out-of-fold probabilities of an inner CV over ``rows``
    (:data:`THRESHOLD_FOLDS` folds of the outer scheme, see :meth:`Problem.inner_folds`), so
    every training row is a validation row once; with more than :data:`SPLIT_ABOVE_ROWS`
    rows, or when the rows cannot be split that way, one stratified split of
    :data:`VALIDATION_SHARE`. The threshold minimises the smoothed cost curve of those
    predictions (:func:`~iotfin_gui.core.models.cost.best_threshold`). On German credit this
    beat a single 25 % split clearly (best model's cost 0.526 vs 0.543). Each inner fit is a
    cancel point of ``ctx``."""
    if problem.multiclass:
        return None
    if not isinstance(problem.threshold, str):
        return float(problem.threshold)
    if problem.threshold == "bayes" or spec.is_baseline:
        return bayes_threshold(problem.cost_fp, problem.cost_fn)
    rows = np.asarray(rows)
    folds = None
    if len(rows) <= SPLIT_ABOVE_ROWS:
        try:
            folds = problem.inner_folds(rows, THRESHOLD_FOLDS)
        except InputError:
            folds = None
    if folds is None:
        y = problem.y[rows]
        stratify = y if np.bincount(y.astype(int), minlength=2).min() >= 2 else None
        train, valid = train_test_split(rows, test_size=VALIDATION_SHARE,
                                        random_state=problem.seed, stratify=stratify)
        folds = [Fold(train, valid, 0, 0)]
    scored, scores = [], []
    for fold in folds:
        if ctx is not None:
            ctx.check()
        inner = problem.pipeline(spec, params)
        _fit(inner, problem.X.iloc[fold.train], problem.y[fold.train])
        scored.append(fold.test)
        scores.append(positive_score(inner, problem.X.iloc[fold.test]))
    valid = np.concatenate(scored)
    return best_threshold(problem.y[valid], np.concatenate(scores), problem.cost_fp,
                          problem.cost_fn)


def cross_fold_threshold(problem: Problem, spec: ModelSpec) -> bool:
    """Whether each fold's validation threshold comes from the other folds (see
    :func:`assign_cross_fold_thresholds`) rather than from an inner CV of its training rows."""
    return (problem.task == "classification" and not problem.multiclass
            and problem.threshold == "validation" and not spec.is_baseline
            and problem.scheme in CROSS_FOLD_THRESHOLD_SCHEMES)


def assign_cross_fold_thresholds(problem: Problem, results: list[FoldResult]) -> None:
    """Give each fold still without a threshold the one that minimises the cost of the
    *other* folds' out-of-fold predictions (of the same repeat), and score the fold at it.

    The fold's own rows never enter the cost curve its threshold is chosen on, so its score
    stays honest, and no model is fitted for it (an inner CV of every training fold cost three
    more fits per fold). The models whose predictions form that curve were trained with the
    fold's rows among others, which could only make the estimate optimistic: on German credit
    (``bench/bench_models.py thresholds``, the same fold models) it differed from the inner CV
    by -0.018 to +0.026 cost per case, higher for five of six model/CV pairs, within the folds'
    spread (sd 0.08 to 0.12)."""
    if problem.task != "classification" or problem.multiclass:
        return
    oof = pd.concat([r.oof for r in results], ignore_index=True)
    for result in results:
        if result.threshold is not None:
            continue
        repeat, index = result.oof["repeat"].iat[0], result.oof["fold"].iat[0]
        others = oof[(oof["repeat"] == repeat) & (oof["fold"] != index)]
        threshold = best_threshold(others["actual"].to_numpy(int),
                                   others["predicted"].to_numpy(float), problem.cost_fp,
                                   problem.cost_fn)
        result.threshold = threshold
        result.oof["threshold"] = threshold
        result.scores = classification_scores(result.oof["actual"].to_numpy(int),
                                              result.oof["predicted"].to_numpy(float),
                                              threshold, problem.cost_fp, problem.cost_fn)


@takes_context
def fit_fold(problem: Problem, spec: ModelSpec, params: Mapping[str, Any] | None, number: int,
             tune: Tuner | None = None, ctx: JobContext | None = None) -> FoldResult:
    """Fit and score ``spec`` on fold ``number`` of ``problem`` (a piece of
    :func:`cross_validate`; with ``tune``, the fold's parameters come from its training rows).
    The first fold also keeps its pipeline and the permutation importance on its test rows.
    Inner fits are cancel points of ``ctx``."""
    ctx = ctx or JobContext()
    fold, count = problem.folds[number], len(problem.folds)
    X_train, X_test = problem.X.iloc[fold.train], problem.X.iloc[fold.test]
    y_train, y_test = problem.y[fold.train], problem.y[fold.test]
    if problem.multiclass:
        _check_training_classes(problem, y_train, y_test, number)
    fold_params, searched = params, None
    if tune is not None:
        searched = tune(problem, number, fold, ctx.scaled(0.0, 0.9))
        fold_params = dict(searched.best_params)
        ctx.progress(0.9, QT_TRANSLATE_NOOP("Core", "{model}: fold {fold} of {folds}, "
                                            "fitting the chosen candidate")
                     .format(model=spec.label, fold=number + 1, folds=count))
    threshold = None
    if (problem.task == "classification" and not problem.multiclass
            and not cross_fold_threshold(problem, spec)):
        threshold = choose_threshold(problem, spec, fold_params, fold.train, ctx)
    pipeline = problem.pipeline(spec, fold_params)
    fit_seconds = _fit(pipeline, X_train, y_train)
    started = time.perf_counter()
    columns = {}
    if problem.multiclass:
        proba = class_probabilities(pipeline, X_test, len(problem.classes))
        predicted = proba.argmax(axis=1)
        predict_seconds = time.perf_counter() - started
        scores = multiclass_scores(y_test, proba)
        columns = {f"proba_{code}": proba[:, code] for code in range(proba.shape[1])}
    elif problem.task == "classification":
        predicted = positive_score(pipeline, X_test)
        predict_seconds = time.perf_counter() - started
        scores = {} if threshold is None else classification_scores(
            y_test, predicted, threshold, problem.cost_fp, problem.cost_fn)
    else:
        predicted = pipeline.predict(X_test)
        predict_seconds = time.perf_counter() - started
        scores = regression_scores(y_test, predicted)
    oof = pd.DataFrame({"row": fold.test, "repeat": fold.repeat, "fold": fold.index,
                        "actual": y_test, "predicted": predicted,
                        "threshold": np.nan if threshold is None else threshold, **columns})
    result = FoldResult(scores, oof, fit_seconds, predict_seconds, threshold,
                        None if tune is None else fold_params, searched)
    if number == 0:
        result.pipeline = pipeline
        result.importance = importance(pipeline, X_test, y_test, problem.task, problem.seed)
    return result


def fold_pieces(problem: Problem, spec: ModelSpec, params: Mapping[str, Any] | None = None,
                tune: Tuner | None = None) -> list[tuple]:
    """The :func:`fit_fold` arguments of every fold of ``spec``."""
    return [(problem, spec, params, number, tune) for number in range(len(problem.folds))]


def fold_message(spec: ModelSpec, number: int, count: int) -> Any:
    """``{model}: fold {fold} of {folds}``."""
    return QT_TRANSLATE_NOOP("Core", "{model}: fold {fold} of {folds}").format(
        model=spec.label, fold=number + 1, folds=count)


def combine_folds(problem: Problem, results: list[FoldResult]) -> CVOutcome:
    """The CV outcome of a model from its folds' results (in fold order), each fold scored at
    its threshold (see :func:`assign_cross_fold_thresholds`)."""
    assign_cross_fold_thresholds(problem, results)
    first = results[0]
    chosen = [r.params for r in results if r.params is not None]
    return CVOutcome([r.scores for r in results],
                     pd.concat([r.oof for r in results], ignore_index=True),
                     [r.fit_seconds for r in results], [r.predict_seconds for r in results],
                     None if first.pipeline is None else (first.pipeline,
                                                          first.oof["row"].to_numpy()),
                     [r.threshold for r in results if r.threshold is not None], chosen,
                     first.importance, [r.search for r in results if r.search is not None])


def cross_validate(problem: Problem, spec: ModelSpec, params: Mapping[str, Any] | None = None,
                   ctx: JobContext | None = None, *, tune: Tuner | None = None,
                   inner_fits: float = 0.0) -> CVOutcome:
    """Fit and score ``spec`` on every fold of ``problem``; out-of-fold predictions kept.

    With ``tune``, each fold's parameters are ``tune(problem, number, fold, ctx)`` (chosen from
    that fold's training rows) instead of ``params``, and are kept in ``fold_params``
    (``inner_fits``: the fits the tuning costs per fold, for the progress weights). Folds run
    in parallel when the job has the cores (:func:`iotfin_gui.core.parallel.run_tasks`)."""
    ctx = ctx or JobContext()
    count = len(problem.folds)
    pieces = fold_pieces(problem, spec, params, tune)
    cost = problem.fold_cost(spec, inner_fits)
    results = dict(run_tasks(fit_fold, pieces, ctx, weights=[cost] * count,
                             describe=lambda i: fold_message(spec, i, count),
                             seconds=cost * count))
    outcome = combine_folds(problem, [results[i] for i in range(count)])
    ctx.progress(1.0, QT_TRANSLATE_NOOP("Core", "{model}: cross-validated")
                 .format(model=spec.label))
    return outcome


@takes_context
def fit_all_rows(problem: Problem, spec: ModelSpec, params: Mapping[str, Any] | None,
                 ctx: JobContext | None = None, with_threshold: bool = True
                 ) -> tuple[float | None, Pipeline]:
    """The model to keep: its threshold chosen on every row (see :func:`choose_threshold`;
    skipped without ``with_threshold``) and the pipeline fitted on every row."""
    threshold = None
    if problem.task == "classification" and with_threshold:
        threshold = choose_threshold(problem, spec, params, np.arange(len(problem.y)), ctx)
    pipeline = problem.pipeline(spec, params)
    _fit(pipeline, problem.X, problem.y)
    return threshold, pipeline


def oof_threshold(problem: Problem, spec: ModelSpec, outcome: CVOutcome) -> float | None:
    """The kept model's threshold when its parameters were fixed: with ``validation``, the
    cost-minimising threshold of the CV's out-of-fold probabilities (first repeat: every row
    validated once, by a model that never saw it), which costs no fit; otherwise as
    :func:`choose_threshold` gives it."""
    if problem.task != "classification" or problem.multiclass:
        return None
    if problem.threshold != "validation" or spec.is_baseline:
        return choose_threshold(problem, spec, None, np.arange(len(problem.y)))
    oof = outcome.oof[outcome.oof["repeat"] == outcome.oof["repeat"].min()]
    return best_threshold(oof["actual"].to_numpy(int), oof["predicted"].to_numpy(float),
                          problem.cost_fp, problem.cost_fn)


def validate_and_fit(problem: Problem, spec: ModelSpec, params: Mapping[str, Any] | None = None,
                     ctx: JobContext | None = None
                     ) -> tuple[CVOutcome, float | None, Pipeline]:
    """:func:`cross_validate` and :func:`fit_all_rows` of a model with fixed parameters, the
    final fit running beside the folds: the outcome, the threshold (:func:`oof_threshold`)
    and the fitted pipeline."""
    ctx = ctx or JobContext()
    count = len(problem.folds)
    cost = problem.fold_cost(spec)
    final_cost = problem.fit_cost(spec, len(problem.X))
    done = dict(run_tasks(_fold_or_final, [(problem, spec, params, piece) for piece in
                                            [*range(count), None]], ctx,
                          weights=[cost] * count + [final_cost],
                          describe=lambda i: fold_message(spec, min(i, count - 1), count),
                          seconds=cost * count + final_cost))
    pipeline = done[count][1]
    outcome = combine_folds(problem, [done[i] for i in range(count)])
    threshold = oof_threshold(problem, spec, outcome)
    ctx.progress(1.0, QT_TRANSLATE_NOOP("Core", "{model}: cross-validated")
                 .format(model=spec.label))
    return outcome, threshold, pipeline


@takes_context
def _fold_or_final(problem: Problem, spec: ModelSpec, params: Mapping[str, Any] | None,
                   number: int | None, ctx: JobContext | None = None) -> Any:
    if number is None:
        return fit_all_rows(problem, spec, params, ctx, with_threshold=False)
    return fit_fold(problem, spec, params, number, None, ctx)


def _check_training_classes(problem: Problem, y_train: np.ndarray, y_test: np.ndarray,
                            number: int) -> None:
    """Refuse a fold whose scored rows hold a class its training rows lack."""
    unseen = np.setdiff1d(np.unique(y_test), np.unique(y_train))
    if unseen.size:
        names = joined(str(problem.classes[code]) for code in unseen)
        raise InputError(QT_TRANSLATE_NOOP("Core", "The class(es) {classes} occur only in the "
                                           "rows fold {fold} is scored on, not in its training "
                                           "rows, so no model can learn them. Use stratified "
                                           "CV, fewer folds, or more rows of those classes.")
                         .format(classes=names, fold=number + 1))


def quick_score(problem: Problem, spec: ModelSpec, params: Mapping[str, Any],
                ctx: JobContext | None = None, folds: list[Fold] | None = None) -> float:
    """The mean primary score of one search candidate (ROC AUC, macro one-vs-rest for
    multiclass, or negative RMSE) over ``folds`` (default: the problem's), without threshold
    tuning: each fold is a cancel point (a piece of a search, see :mod:`.search`)."""
    ctx = ctx or JobContext()
    scores = []
    for fold in problem.folds if folds is None else folds:
        ctx.check()
        pipeline = problem.pipeline(spec, params)
        _fit(pipeline, problem.X.iloc[fold.train], problem.y[fold.train])
        X_test, y_test = problem.X.iloc[fold.test], problem.y[fold.test]
        if problem.multiclass:
            scores.append(multiclass_scores(
                y_test, class_probabilities(pipeline, X_test, len(problem.classes)))["roc_auc"])
        elif problem.task == "classification":
            if len(np.unique(y_test)) < 2:
                continue
            scores.append(roc_auc_score(y_test, positive_score(pipeline, X_test)))
        else:
            predicted = pipeline.predict(X_test)
            scores.append(-float(np.sqrt(np.mean((predicted - y_test) ** 2))))
    scores = [score for score in scores if np.isfinite(score)]
    return float(np.mean(scores)) if scores else float("nan")
