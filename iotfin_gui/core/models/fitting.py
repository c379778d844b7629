"""Fitting and cross-validating one model: the :class:`Problem` (data, folds, costs) and the
fold loop that yields out-of-fold predictions, per-fold metrics and timings.

Each fold fits a fresh pipeline (recipe steps, default preprocessing, estimator) on its
training rows only. For classification with ``threshold="validation"`` the cost-minimising
threshold is chosen on an inner validation split of the training fold (a copy of the pipeline is
fitted on the rest of the training fold), then the pipeline is refitted on the whole training
fold and scored on the test fold at that threshold. A multiclass target (three or more
classes) has no threshold and no cost: each row is predicted as its most probable class, and
every class must occur in each fold's training rows. Every fold is a cancel point.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
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
from iotfin_gui.core.models.cost import bayes_threshold, best_threshold
from iotfin_gui.core.models.cv import Fold
from iotfin_gui.core.models.metrics import (
    classification_scores,
    multiclass_scores,
    regression_scores,
)
from iotfin_gui.core.models.preprocess import model_pipeline
from iotfin_gui.core.models.specs import ModelSpec

THRESHOLD_MODES = ("validation", "bayes")
#: Share of a training fold held out to choose the decision threshold.
VALIDATION_SHARE = 0.25


@dataclass
class Problem:
    """What to learn: features ``X``, target ``y`` (class codes for classification: 0/1 for
    two classes, 0..K-1 for K), the folds, and the options every model of a training run
    shares. ``classes[code]`` is the class a code stands for."""

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

    @property
    def multiclass(self) -> bool:
        """A classification target with three or more classes."""
        return self.classes is not None and len(self.classes) > 2

    def pipeline(self, spec: ModelSpec, params: Mapping[str, Any] | None = None) -> Pipeline:
        """A fresh, unfitted pipeline for ``spec`` with estimator ``params``."""
        recipe = None if self.recipe_steps is None else clone(self.recipe_steps)
        estimator = spec.build(self.seed, self.balanced, params)
        return model_pipeline(self.numeric, self.categorical, estimator, recipe)


@dataclass
class CVOutcome:
    """The cross-validated result of one model with fixed parameters."""

    per_fold: list[dict[str, float]]
    oof: pd.DataFrame
    fit_seconds: list[float]
    predict_seconds: list[float]
    first_fold: tuple[Pipeline, np.ndarray] | None = None
    thresholds: list[float] = field(default_factory=list)


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
        raise InputError(f"The model could not be fitted on this data: {error}") from error
    return time.perf_counter() - started


def choose_threshold(problem: Problem, spec: ModelSpec, params: Mapping[str, Any] | None,
                     X: pd.DataFrame, y: np.ndarray) -> float | None:
    """The decision threshold for a model trained on (``X``, ``y``): fixed, Bayes, or the
    cost-minimising one on an inner validation split of these rows; None for multiclass."""
    if problem.multiclass:
        return None
    if not isinstance(problem.threshold, str):
        return float(problem.threshold)
    if problem.threshold == "bayes" or spec.is_baseline:
        return bayes_threshold(problem.cost_fp, problem.cost_fn)
    stratify = y if np.bincount(y.astype(int), minlength=2).min() >= 2 else None
    inner_train, valid = train_test_split(np.arange(len(y)), test_size=VALIDATION_SHARE,
                                          random_state=problem.seed, stratify=stratify)
    inner = problem.pipeline(spec, params)
    _fit(inner, X.iloc[inner_train], y[inner_train])
    return best_threshold(y[valid], positive_score(inner, X.iloc[valid]), problem.cost_fp,
                          problem.cost_fn)


def cross_validate(problem: Problem, spec: ModelSpec, params: Mapping[str, Any] | None = None,
                   ctx: JobContext | None = None) -> CVOutcome:
    """Fit and score ``spec`` on every fold of ``problem``; out-of-fold predictions kept."""
    ctx = ctx or JobContext()
    per_fold, oof, fits, predicts, thresholds = [], [], [], [], []
    first = None
    for number, fold in enumerate(problem.folds):
        ctx.progress(number / len(problem.folds), f"{spec.label}: fold {number + 1} of "
                     f"{len(problem.folds)}")
        X_train, X_test = problem.X.iloc[fold.train], problem.X.iloc[fold.test]
        y_train, y_test = problem.y[fold.train], problem.y[fold.test]
        threshold = None
        if problem.multiclass:
            _check_training_classes(problem, y_train, y_test, number)
        elif problem.task == "classification":
            threshold = choose_threshold(problem, spec, params, X_train, y_train)
            thresholds.append(threshold)
        pipeline = problem.pipeline(spec, params)
        fits.append(_fit(pipeline, X_train, y_train))
        started = time.perf_counter()
        columns = {}
        if problem.multiclass:
            proba = class_probabilities(pipeline, X_test, len(problem.classes))
            predicted = proba.argmax(axis=1)
            predicts.append(time.perf_counter() - started)
            per_fold.append(multiclass_scores(y_test, proba))
            columns = {f"proba_{code}": proba[:, code] for code in range(proba.shape[1])}
        elif problem.task == "classification":
            predicted = positive_score(pipeline, X_test)
            predicts.append(time.perf_counter() - started)
            per_fold.append(classification_scores(y_test, predicted, threshold,
                                                  problem.cost_fp, problem.cost_fn))
        else:
            predicted = pipeline.predict(X_test)
            predicts.append(time.perf_counter() - started)
            per_fold.append(regression_scores(y_test, predicted))
        oof.append(pd.DataFrame({"row": fold.test, "repeat": fold.repeat, "fold": fold.index,
                                 "actual": y_test, "predicted": predicted,
                                 "threshold": np.nan if threshold is None else threshold,
                                 **columns}))
        if first is None:
            first = (pipeline, fold.test)
    ctx.progress(1.0, f"{spec.label}: cross-validated")
    return CVOutcome(per_fold, pd.concat(oof, ignore_index=True), fits, predicts, first,
                     thresholds)


def _check_training_classes(problem: Problem, y_train: np.ndarray, y_test: np.ndarray,
                            number: int) -> None:
    """Refuse a fold whose scored rows hold a class its training rows lack."""
    unseen = np.setdiff1d(np.unique(y_test), np.unique(y_train))
    if unseen.size:
        names = ", ".join(str(problem.classes[code]) for code in unseen)
        raise InputError(f"The class(es) {names} occur only in the rows fold {number + 1} is "
                         "scored on, not in its training rows, so no model can learn them. Use "
                         "stratified CV, fewer folds, or more rows of those classes.")


def quick_score(problem: Problem, spec: ModelSpec, params: Mapping[str, Any],
                ctx: JobContext) -> float:
    """The mean primary score of one search candidate (ROC AUC, macro one-vs-rest for
    multiclass, or negative RMSE), without threshold tuning: each fold is a cancel point."""
    scores = []
    for fold in problem.folds:
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
