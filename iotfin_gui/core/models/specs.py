"""The model registry: every model the Models panel offers, by task, with its default grid.

A :class:`ModelSpec` names a model, builds a fresh unfitted estimator for a seed (and, for
classifiers that support it, balanced class weights) and carries a default search grid. Grids
are plain JSON-able dicts of ``parameter -> list of values`` (parameter names as the estimator
takes them), so the panel can show and edit them. The ``baseline`` of each task is always
trained, so every leaderboard shows the lift over a model that learns nothing.

Each spec also carries its measured cost: seconds per fit on 1,000 rows of 20 columns on one
core, and how that grows with rows (``cost = (seconds, exponent)``: an RBF SVM grows with the
square of the rows, a linear model linearly). Progress is weighted by it, and
:func:`default_models` leaves out of the first training the models that would take long on
the data at hand (they stay one click away). :func:`training_seconds` is the estimate the
Models panel shows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClusterMixin, clone
from sklearn.calibration import CalibratedClassifierCV
from sklearn.cluster import DBSCAN, AgglomerativeClustering, KMeans
from sklearn.dummy import DummyClassifier, DummyRegressor
from sklearn.ensemble import (
    HistGradientBoostingClassifier,
    HistGradientBoostingRegressor,
    RandomForestClassifier,
    RandomForestRegressor,
)
from sklearn.linear_model import Lasso, LinearRegression, LogisticRegression, Ridge
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.svm import SVC, SVR, LinearSVC

from iotfin_gui.core.errors import UserFacingError
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message, joined
from iotfin_gui.core.model_names import MODEL_LABELS, TASKS
from iotfin_gui.core.models.cv import threshold_fits

#: Seconds every fit costs whatever the model (building the preprocessing pipeline).
FIT_OVERHEAD = 0.015
#: A model estimated to train longer than this (one core, the default CV) is left out of the
#: default list (it stays available to pick).
DEFAULT_MODEL_SECONDS = 60.0

Factory = Callable[[int, bool], BaseEstimator]


@dataclass(frozen=True)
class ModelSpec:
    """One model: ``factory(seed, balanced)`` builds it; ``grid`` is its default search space;
    ``label`` is its (translatable) display name."""

    name: str
    task: str
    label: Message
    factory: Factory
    grid: Mapping[str, list[Any]] = field(default_factory=dict)
    is_baseline: bool = False
    cost: tuple[float, float] = (0.002, 1.0)

    def __reduce__(self) -> Any:
        """A registered spec is pickled by name (its factory is a lambda): a worker process
        looks it up; any other spec as its fields."""
        if MODEL_SPECS.get(self.task, {}).get(self.name) is self:
            return model_spec, (self.task, self.name)
        return super().__reduce__()

    def fit_seconds(self, rows: int, width: int = 20) -> float:
        """Estimated seconds of one fit on ``rows`` rows of ``width`` columns (one core; the
        width counts as its square root, a compromise between trees and linear models)."""
        seconds, exponent = self.cost
        return FIT_OVERHEAD + seconds * (max(rows, 1) / 1000) ** exponent * (
            max(width, 1) / 20) ** 0.5

    def build(self, seed: int = 0, balanced: bool = False,
              params: Mapping[str, Any] | None = None) -> BaseEstimator:
        """A fresh estimator with ``params`` (grid parameter names) applied."""
        estimator = self.factory(seed, balanced)
        return estimator.set_params(**dict(params or {})) if params else estimator

    def describe(self) -> dict[str, Any]:
        """JSON-able description for the panel's model list."""
        return {"name": self.name, "task": self.task, "label": self.label,
                "baseline": self.is_baseline, "grid": {k: list(v) for k, v in self.grid.items()}}


def _weights(balanced: bool) -> str | None:
    return "balanced" if balanced else None


class ClusterModel(ClusterMixin, BaseEstimator):
    """A clusterer that can also assign new rows: k-means uses its own ``predict``; others
    (agglomerative, DBSCAN) assign a new row the cluster of its nearest training row."""

    def __init__(self, clusterer: BaseEstimator | None = None) -> None:
        self.clusterer = clusterer

    def fit(self, X: Any, y: Any = None) -> ClusterModel:
        self.clusterer_ = clone(self.clusterer)
        self.labels_ = np.asarray(self.clusterer_.fit_predict(X))
        if not hasattr(self.clusterer_, "predict"):
            self.assigner_ = KNeighborsClassifier(n_neighbors=1).fit(X, self.labels_)
        return self

    def predict(self, X: Any) -> np.ndarray:
        if hasattr(self.clusterer_, "predict"):
            return np.asarray(self.clusterer_.predict(X))
        return np.asarray(self.assigner_.predict(X))


class RandomClusters(ClusterMixin, BaseEstimator):
    """The clustering baseline: rows assigned to ``n_clusters`` clusters at random."""

    def __init__(self, n_clusters: int = 3, random_state: int = 0) -> None:
        self.n_clusters = n_clusters
        self.random_state = random_state

    def fit(self, X: Any, y: Any = None) -> RandomClusters:
        self.labels_ = self.predict(X)
        return self

    def predict(self, X: Any) -> np.ndarray:
        rng = np.random.default_rng(self.random_state)
        return rng.integers(0, self.n_clusters, len(X))


def _svm_grid(prefix: str) -> dict[str, list[Any]]:
    return {f"{prefix}C": [0.1, 1.0, 10.0]}


def _registered(name: str, task: str, factory: Factory,
                grid: Mapping[str, list[Any]] | None = None, **options: Any) -> ModelSpec:
    """A spec of the registry: its display name is the one :mod:`iotfin_gui.core.model_names`
    gives it (where commands that only read runs find it without scikit-learn)."""
    return ModelSpec(name, task, MODEL_LABELS[task][name], factory, grid or {}, **options)


_SPECS = [
    # --- classification --------------------------------------------------------------------
    _registered("baseline", "classification",
                lambda seed, balanced: DummyClassifier(strategy="prior"), is_baseline=True),
    _registered("logistic", "classification",
                lambda seed, balanced: LogisticRegression(max_iter=2000,
                                                          class_weight=_weights(balanced)),
                {"C": [0.01, 0.1, 1.0, 10.0]}, cost=(0.01, 1.0)),
    _registered("linear_svm", "classification",
                lambda seed, balanced: CalibratedClassifierCV(
                    LinearSVC(class_weight=_weights(balanced), random_state=seed), cv=3),
                _svm_grid("estimator__"), cost=(0.03, 0.8)),
    _registered("rbf_svm", "classification",
                lambda seed, balanced: CalibratedClassifierCV(
                    SVC(kernel="rbf", class_weight=_weights(balanced), random_state=seed), cv=2),
                {"estimator__C": [0.3, 1.0, 3.0], "estimator__gamma": ["scale", 0.01]},
                cost=(0.05, 1.7)),
    _registered("knn", "classification",
                lambda seed, balanced: KNeighborsClassifier(n_neighbors=15),
                {"n_neighbors": [5, 15, 31], "weights": ["uniform", "distance"]}, cost=(0.01, 1.5)),
    _registered("random_forest", "classification",
                lambda seed, balanced: RandomForestClassifier(
                    n_estimators=300, min_samples_leaf=2, class_weight=_weights(balanced),
                    random_state=seed, n_jobs=1),
                {"max_features": ["sqrt", 0.5], "min_samples_leaf": [1, 3, 10]}, cost=(1.4, 0.95)),
    _registered("hist_gb", "classification",
                lambda seed, balanced: HistGradientBoostingClassifier(
                    learning_rate=0.05, max_iter=200, class_weight=_weights(balanced),
                    random_state=seed),
                {"learning_rate": [0.03, 0.1], "max_leaf_nodes": [15, 31],
                 "l2_regularization": [0.0, 1.0]}, cost=(0.55, 0.35)),
    _registered("mlp", "classification",
                lambda seed, balanced: MLPClassifier(
                    hidden_layer_sizes=(32,), alpha=1e-3, max_iter=300, early_stopping=True,
                    random_state=seed),
                {"hidden_layer_sizes": [[32], [64, 32]], "alpha": [1e-4, 1e-2]}, cost=(0.17, 0.7)),
    _registered("naive_bayes", "classification",
                lambda seed, balanced: GaussianNB(),
                {"var_smoothing": [1e-9, 1e-6, 1e-3]}, cost=(0.002, 1.0)),
    # --- regression ------------------------------------------------------------------------
    _registered("baseline", "regression",
                lambda seed, balanced: DummyRegressor(strategy="mean"), is_baseline=True),
    _registered("linear", "regression",
                lambda seed, balanced: LinearRegression(), cost=(0.005, 1.0)),
    _registered("ridge", "regression",
                lambda seed, balanced: Ridge(alpha=1.0), {"alpha": [0.1, 1.0, 10.0, 100.0]},
                cost=(0.005, 1.0)),
    _registered("lasso", "regression",
                lambda seed, balanced: Lasso(alpha=0.01, max_iter=5000),
                {"alpha": [0.001, 0.01, 0.1, 1.0]}, cost=(0.02, 1.0)),
    _registered("svr", "regression",
                lambda seed, balanced: SVR(C=1.0), {"C": [0.3, 1.0, 10.0],
                                                    "epsilon": [0.01, 0.1]}, cost=(0.05, 1.8)),
    _registered("knn", "regression",
                lambda seed, balanced: KNeighborsRegressor(n_neighbors=10),
                {"n_neighbors": [5, 10, 25], "weights": ["uniform", "distance"]}, cost=(0.01, 1.5)),
    _registered("random_forest", "regression",
                lambda seed, balanced: RandomForestRegressor(
                    n_estimators=200, min_samples_leaf=2, random_state=seed, n_jobs=1),
                {"max_features": [1.0, 0.5], "min_samples_leaf": [1, 5]}, cost=(1.0, 0.95)),
    _registered("hist_gb", "regression",
                lambda seed, balanced: HistGradientBoostingRegressor(
                    learning_rate=0.05, max_iter=200, random_state=seed),
                {"learning_rate": [0.03, 0.1], "max_leaf_nodes": [15, 31]}, cost=(0.55, 0.35)),
    _registered("mlp", "regression",
                lambda seed, balanced: MLPRegressor(
                    hidden_layer_sizes=(64,), alpha=1e-3, max_iter=500, early_stopping=True,
                    random_state=seed),
                {"hidden_layer_sizes": [[64], [64, 32]], "alpha": [1e-4, 1e-2]}, cost=(0.3, 0.7)),
    # --- clustering ------------------------------------------------------------------------
    _registered("baseline", "clustering",
                lambda seed, balanced: RandomClusters(random_state=seed), is_baseline=True),
    _registered("kmeans", "clustering",
                lambda seed, balanced: ClusterModel(KMeans(n_clusters=3, n_init=10,
                                                           random_state=seed)),
                {"clusterer__n_clusters": [2, 3, 4, 5, 6, 7, 8]}, cost=(0.1, 1.0)),
    _registered("agglomerative", "clustering",
                lambda seed, balanced: ClusterModel(AgglomerativeClustering(n_clusters=3)),
                {"clusterer__n_clusters": [2, 3, 4, 5, 6]}, cost=(0.05, 2.0)),
    _registered("dbscan", "clustering",
                lambda seed, balanced: ClusterModel(DBSCAN(eps=1.0, min_samples=5)),
                {"clusterer__eps": [0.5, 1.0, 2.0], "clusterer__min_samples": [5, 10]},
                cost=(0.02, 1.5)),
]

#: task -> model name -> spec.
MODEL_SPECS: dict[str, dict[str, ModelSpec]] = {
    task: {s.name: s for s in _SPECS if s.task == task} for task in TASKS
}


def model_spec(task: str, name: str) -> ModelSpec:
    """The spec of model ``name`` for ``task``; a :class:`UserFacingError` if there is none."""
    if task not in MODEL_SPECS:
        raise UserFacingError(QT_TRANSLATE_NOOP("Core", "Unknown task {task!r}; choose one of "
                                                "{tasks}.").format(task=task,
                                                                   tasks=joined(TASKS)))
    if name not in MODEL_SPECS[task]:
        raise UserFacingError(QT_TRANSLATE_NOOP("Core", "There is no {task} model {model!r}; "
                                                "choose from {models}.")
                              .format(task=task, model=name, models=joined(MODEL_SPECS[task])))
    return MODEL_SPECS[task][name]


def training_seconds(spec: ModelSpec, rows: int, width: int = 20, *, folds: int = 5,
                     repeats: int = 1, threshold_fits: float = 0.0, candidates: int = 1,
                     inner: int = 3) -> float:
    """Estimated one-core seconds to train ``spec`` on ``rows`` x ``width`` data: every CV
    fold (its threshold fits included), the final fit on all rows (whose threshold comes from
    the out-of-fold predictions, except after a search) and, for a search of
    ``candidates`` candidates, the inner CV in every outer fold and on all rows."""
    train_rows = max(1, round(rows * (folds - 1) / folds)) if folds > 1 else rows
    extra = 0.0 if spec.is_baseline else threshold_fits
    search = 0.0 if candidates <= 1 else candidates * inner * (inner - 1) / inner
    per_fold = spec.fit_seconds(train_rows, width) * (1 + extra + search)
    final = spec.fit_seconds(rows, width) * (1 + (extra + search if search else 0.0))
    return per_fold * max(1, folds) * max(1, repeats) + final


def estimate_seconds(task: str, names: Sequence[str], rows: int, width: int = 20, *,
                     folds: int = 5, repeats: int = 1, candidates: int = 1, inner: int = 3,
                     cores: int = 1, cv: str = "kfold") -> float:
    """Rough wall-clock seconds to train ``names`` (and the baseline) of ``task`` on ``cores``
    cores (folds and candidates share the cores) with CV scheme ``cv``, for the panel's
    "about ..." line."""
    names = names if "baseline" in names else ["baseline", *names]
    extra = threshold_fits(cv) if task == "classification" else 0.0
    total = sum(training_seconds(model_spec(task, name), rows, width, folds=folds,
                                 repeats=repeats, threshold_fits=extra, candidates=candidates,
                                 inner=inner)
                for name in names)
    return total / max(1, min(cores, max(folds, candidates)))


def default_models(task: str, rows: int | None = None, width: int = 20, *,
                   folds: int = 5, budget: float = DEFAULT_MODEL_SECONDS) -> list[str]:
    """The models trained when none are chosen, baseline first: every model of ``task``,
    or, given the data's ``rows`` and ``width``, those estimated to train within ``budget``
    seconds each (so a first training finishes in seconds; the others stay one click
    away)."""
    model_spec(task, "baseline")
    if rows is None:
        return list(MODEL_SPECS[task])
    return [name for name, spec in MODEL_SPECS[task].items()
            if spec.is_baseline or training_seconds(spec, rows, width, folds=folds) <= budget]
