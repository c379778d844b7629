"""The models core's names without the models core: tasks, models, CV schemes and searches, with
their translatable display names, and the metric each task ranks its runs by.

Kept outside :mod:`iotfin_gui.core.models` on purpose (as :mod:`iotfin_gui.core.model_folder`
is): importing anything of that package loads scikit-learn (about 1.5 CPU-seconds), and the
commands that only read stored runs (``leaderboard``, ``report`` of a training run, ``export
runs``) name their models, CV and search with these. The models core registers its estimators
under these names (:mod:`iotfin_gui.core.models.specs` takes each spec's label from
:data:`MODEL_LABELS`), so each label is written once.

A training run names its model by the registry's key (``random_forest``) and a forecast run by
the forecast model's key (``ml``, ``seasonal_naive``); the analyst reads neither.
:func:`run_model_label` gives the display name for both, for tables, reports and the command
line.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message

TASKS = ("classification", "regression", "clustering")
#: task -> model name -> display name, in the order the Models panel lists them.
MODEL_LABELS: dict[str, dict[str, Message]] = {
    "classification": {
        "baseline": QT_TRANSLATE_NOOP("Core", "Baseline (class prior)"),
        "logistic": QT_TRANSLATE_NOOP("Core", "Logistic regression"),
        "linear_svm": QT_TRANSLATE_NOOP("Core", "Linear SVM (calibrated)"),
        "rbf_svm": QT_TRANSLATE_NOOP("Core", "RBF SVM (calibrated)"),
        "knn": QT_TRANSLATE_NOOP("Core", "k nearest neighbours"),
        "random_forest": QT_TRANSLATE_NOOP("Core", "Random forest"),
        "hist_gb": QT_TRANSLATE_NOOP("Core", "Hist gradient boosting"),
        "mlp": QT_TRANSLATE_NOOP("Core", "Neural network (MLP)"),
        "naive_bayes": QT_TRANSLATE_NOOP("Core", "Gaussian naive Bayes"),
    },
    "regression": {
        "baseline": QT_TRANSLATE_NOOP("Core", "Baseline (mean)"),
        "linear": QT_TRANSLATE_NOOP("Core", "Linear regression"),
        "ridge": QT_TRANSLATE_NOOP("Core", "Ridge regression"),
        "lasso": QT_TRANSLATE_NOOP("Core", "Lasso regression"),
        "svr": QT_TRANSLATE_NOOP("Core", "Support vector regression"),
        "knn": QT_TRANSLATE_NOOP("Core", "k nearest neighbours"),
        "random_forest": QT_TRANSLATE_NOOP("Core", "Random forest"),
        "hist_gb": QT_TRANSLATE_NOOP("Core", "Hist gradient boosting"),
        "mlp": QT_TRANSLATE_NOOP("Core", "Neural network (MLP)"),
    },
    "clustering": {
        "baseline": QT_TRANSLATE_NOOP("Core", "Baseline (random clusters)"),
        "kmeans": QT_TRANSLATE_NOOP("Core", "k-means"),
        "agglomerative": QT_TRANSLATE_NOOP("Core", "Agglomerative (Ward)"),
        "dbscan": QT_TRANSLATE_NOOP("Core", "DBSCAN"),
    },
}
#: The metric each task ranks by, and whether higher is better.
PRIMARY_METRIC = {"classification": ("roc_auc", True), "regression": ("rmse", False),
                  "clustering": ("silhouette", True)}

CV_SCHEMES = ("holdout", "kfold", "stratified", "group", "time")
#: Display names of the schemes (for menus).
CV_LABELS = {
    "holdout": QT_TRANSLATE_NOOP("Core", "hold-out 80/20"),
    "kfold": QT_TRANSLATE_NOOP("Core", "k-fold"),
    "stratified": QT_TRANSLATE_NOOP("Core", "stratified k-fold"),
    "group": QT_TRANSLATE_NOOP("Core", "grouped by device"),
    "time": QT_TRANSLATE_NOOP("Core", "time series (expanding window)"),
}
#: Folds of the inner cross-validation of a nested search (fewer than the outer folds, to keep
#: the cost down: every candidate is fitted this many times in every outer fold).
INNER_FOLDS = 3

SEARCHES = ("grid", "random")
#: Display names of the searches.
SEARCH_LABELS = {"grid": QT_TRANSLATE_NOOP("Core", "grid"),
                 "random": QT_TRANSLATE_NOOP("Core", "random")}


def model_label(task: str, name: str) -> Message | str:
    """How model ``name`` of ``task`` reads on screen: its translatable display name, or the
    name itself for a model this version no longer has."""
    return MODEL_LABELS.get(task, {}).get(name, name)


def describe_cv(scheme: str, folds: int, repeats: int, gap_hours: float = 0.0) -> Message:
    """A short label for the leaderboard, e.g. ``stratified 10x5`` or
    ``time 3 (expanding, gap 24 h)``."""
    if scheme == "holdout":
        if repeats > 1:
            return QT_TRANSLATE_NOOP("Core", "hold-out 80/20 x{repeats}").format(repeats=repeats)
        return QT_TRANSLATE_NOOP("Core", "hold-out 80/20")
    if scheme == "time" and gap_hours:
        return QT_TRANSLATE_NOOP("Core", "time {folds} (expanding, gap {hours:g} h)").format(
            folds=folds, hours=gap_hours)
    if scheme == "time":
        return QT_TRANSLATE_NOOP("Core", "time {folds} (expanding)").format(folds=folds)
    name = {"kfold": QT_TRANSLATE_NOOP("Core", "k-fold"),
            "stratified": QT_TRANSLATE_NOOP("Core", "stratified"),
            "group": QT_TRANSLATE_NOOP("Core", "by device")}.get(scheme, scheme)
    if repeats > 1:
        return QT_TRANSLATE_NOOP("Core", "{scheme} {folds}x{repeats}").format(
            scheme=name, folds=folds, repeats=repeats)
    return QT_TRANSLATE_NOOP("Core", "{scheme} {folds}").format(scheme=name, folds=folds)


def search_label(search: str | None, inner_cv: Mapping[str, Any] | None = None
                 ) -> Message | None:
    """How the leaderboard names a run's search, e.g. ``grid, nested (inner stratified 3)``
    (``inner_cv`` is the run's recorded inner CV); None for an untuned run. Runs tuned before
    searches were nested (no ``inner_cv``) say so."""
    if not search:
        return None
    name = SEARCH_LABELS.get(search, Message(None, search))
    if not inner_cv:
        return QT_TRANSLATE_NOOP("Core", "{search}, not nested").format(search=name)
    inner = describe_cv(str(inner_cv.get("scheme")), int(inner_cv.get("folds", 0)), 1)
    return QT_TRANSLATE_NOOP("Core", "{search}, nested (inner {inner})").format(
        search=name, inner=inner)


def run_model_label(kind: str, params: Mapping[str, Any]) -> Message | str | None:
    """The display name of the model of a run of ``kind`` with ``params``: a forecast's chosen
    model, a training run's model; None when the run has no model."""
    name = params.get("chosen") or params.get("model")
    if not name:
        return None
    if kind == "train":
        return model_label(str(params.get("task")), str(name))
    if kind == "forecast":
        from iotfin_gui.core.forecast.backtest import model_label as forecast_label

        return forecast_label(str(name))
    return str(name)
