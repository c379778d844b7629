"""Fitting and cross-validating one model: the :class:`Problem` (data, folds, costs) and the
fold loop that yields out-of-fold predictions, per-fold metrics and timings.

Each fold fits a fresh pipeline (recipe steps, default preprocessing, estimator) on its
training rows only. For classification with ``threshold="validation"`` the cost-minimising
threshold is chosen on an inner validation split of the training fold (a copy of the pipeline is
fitted on the rest of the training fold), then the pipeline is refitted on the whole training
fold and scored on the test fold at that threshold. Every fold is a cancel point.
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
from iotfin_gui.core.models.metrics import classification_scores, regression_scores
from iotfin_gui.core.models.preprocess import model_pipeline
from iotfin_gui.core.models.specs import ModelSpec

THRESHOLD_MODES = ("validation", "bayes")
#: Share of a training fold held out to choose the decision threshold.
VALIDATION_SHARE = 0.25


@dataclass
class Problem:
    """What to learn: features ``X``, target ``y`` (0/1 for classification), the folds, and
    the options every model of a training run shares."""

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
    classes: tuple[Any, Any] | None = None

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


def _fit(pipeline: Pipeline, X: pd.DataFrame, y: np.ndarray | None) -> float:
    started = time.perf_counter()
    try:
        pipeline.fit(X, y)
    except ValueError as error:
        raise InputError(f"The model could not be fitted on this data: {error}") from error
    return time.perf_counter() - started


def choose_threshold(problem: Problem, spec: ModelSpec, params: Mapping[str, Any] | None,
                     X: pd.DataFrame, y: np.ndarray) -> float:
    """The decision threshold for a model trained on (``X``, ``y``): fixed, Bayes, or the
    cost-minimising one on an inner validation split of these rows."""
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
        if problem.task == "classification":
            threshold = choose_threshold(problem, spec, params, X_train, y_train)
            thresholds.append(threshold)
        pipeline = problem.pipeline(spec, params)
        fits.append(_fit(pipeline, X_train, y_train))
        started = time.perf_counter()
        if problem.task == "classification":
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
                                 "threshold": np.nan if threshold is None else threshold}))
        if first is None:
            first = (pipeline, fold.test)
    ctx.progress(1.0, f"{spec.label}: cross-validated")
    return CVOutcome(per_fold, pd.concat(oof, ignore_index=True), fits, predicts, first,
                     thresholds)


def quick_score(problem: Problem, spec: ModelSpec, params: Mapping[str, Any],
                ctx: JobContext) -> float:
    """The mean primary score of one search candidate (ROC AUC or negative RMSE), without
    threshold tuning: each fold is a cancel point."""
    scores = []
    for fold in problem.folds:
        ctx.check()
        pipeline = problem.pipeline(spec, params)
        _fit(pipeline, problem.X.iloc[fold.train], problem.y[fold.train])
        X_test, y_test = problem.X.iloc[fold.test], problem.y[fold.test]
        if problem.task == "classification":
            if len(np.unique(y_test)) < 2:
                continue
            scores.append(roc_auc_score(y_test, positive_score(pipeline, X_test)))
        else:
            predicted = pipeline.predict(X_test)
            scores.append(-float(np.sqrt(np.mean((predicted - y_test) ** 2))))
    return float(np.mean(scores)) if scores else float("nan")
