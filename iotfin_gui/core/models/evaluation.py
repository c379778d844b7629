"""Data for the Models panel's plots, computed from out-of-fold predictions.

Regression: predicted vs actual and residuals. Classification: ROC and PR curve points, the
confusion matrix at the chosen threshold, a calibration curve and cost vs threshold.
Multiclass: the K x K confusion matrix of the most probable class, per-class one-vs-rest ROC
and PR curves and their macro averages (no calibration or cost curve: those are two-class
plots, as the ``note`` says). Every supervised model also gets permutation feature
importance (on the first CV fold's test rows, with the pipeline fitted on its training rows, so
on rows the model never saw). All values are plain lists and numbers, ready for JSON.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from sklearn import metrics as skm
from sklearn.calibration import calibration_curve
from sklearn.pipeline import Pipeline

from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.models.cost import cost_curve

#: The most points a curve or scatter holds (curves are thinned evenly, scatters sampled).
MAX_POINTS = 2_000
#: Points of the common axis the macro-average curves are sampled on.
MACRO_POINTS = 101
#: Rows and shuffles used for permutation importance.
IMPORTANCE_ROWS = 1_000
IMPORTANCE_REPEATS = 3
#: Rows of shuffled copies scored in one prediction.
IMPORTANCE_BATCH_ROWS = 20_000


def _thin(*arrays: np.ndarray, limit: int = 200) -> list[list[float]]:
    size = len(arrays[0])
    keep = np.unique(np.linspace(0, size - 1, min(size, limit)).round().astype(int))
    return [np.asarray(a, float)[keep].round(6).tolist() for a in arrays]


def _first_repeat(oof: pd.DataFrame) -> pd.DataFrame:
    return oof.loc[oof["repeat"] == oof["repeat"].min()]


def classification_plots(oof: pd.DataFrame, cost_fp: float, cost_fn: float,
                         classes: tuple[Any, Any], chosen: float | None = None
                         ) -> dict[str, Any]:
    """ROC, PR, confusion matrix, calibration and cost curve from out-of-fold predictions (the
    first repeat, so every row counts once). The confusion matrix flags the out-of-fold
    probabilities at the kept model's threshold ``chosen`` (so every view of the run shows
    that one threshold; ``confusion["at"]`` says ``chosen``), or without it each fold's rows
    at that fold's own threshold (``threshold`` is then their mean)."""
    part = _first_repeat(oof)
    y, score = part["actual"].to_numpy(int), part["predicted"].to_numpy(float)
    if chosen is None:
        flagged = score >= part["threshold"].to_numpy(float)
        threshold, at = float(part["threshold"].mean()), "folds"
    else:
        flagged, threshold, at = score >= chosen, float(chosen), "chosen"
    plots: dict[str, Any] = {"classes": [str(c) for c in classes], "threshold": threshold}
    matrix = skm.confusion_matrix(y, flagged.astype(int), labels=[0, 1])
    plots["confusion"] = {"labels": [str(c) for c in classes], "matrix": matrix.tolist(),
                          "at": at}
    if len(np.unique(y)) == 2:
        fpr, tpr, _ = skm.roc_curve(y, score)
        plots["roc"] = dict(zip(("fpr", "tpr"), _thin(fpr, tpr), strict=True))
        precision, recall, _ = skm.precision_recall_curve(y, score)
        plots["pr"] = dict(zip(("recall", "precision"), _thin(recall, precision), strict=True))
        plots["pr"]["prevalence"] = float(y.mean())
        true_share, predicted = calibration_curve(y, score, n_bins=10, strategy="quantile")
        plots["calibration"] = {"mean_predicted": predicted.round(6).tolist(),
                                "fraction_positive": true_share.round(6).tolist()}
    thresholds, costs = cost_curve(y, score, cost_fp, cost_fn)
    plots["cost_curve"] = {"threshold": thresholds.round(4).tolist(),
                           "cost": costs.round(6).tolist(), "cost_fp": cost_fp,
                           "cost_fn": cost_fn}
    return plots


def multiclass_plots(oof: pd.DataFrame, classes: tuple[Any, ...]) -> dict[str, Any]:
    """The confusion matrix (actual rows, predicted columns), one-vs-rest ROC and PR curves per
    class (each PR curve with its class's prevalence) and their macro averages (the per-class
    curves averaged on a common false positive rate, resp. recall, axis; PR precision
    interpolated as the best precision at that recall or more), from out-of-fold predictions
    (the first repeat)."""
    part = _first_repeat(oof)
    labels = [str(c) for c in classes]
    y, predicted = part["actual"].to_numpy(int), part["predicted"].to_numpy(int)
    matrix = skm.confusion_matrix(y, predicted, labels=list(range(len(classes))))
    roc_per_class, pr_per_class = {}, {}
    axis = np.linspace(0.0, 1.0, MACRO_POINTS)
    tprs, precisions = [], []
    for code, label in enumerate(labels):
        actual = y == code
        if 0 < actual.sum() < len(actual):
            score = part[f"proba_{code}"].to_numpy(float)
            fpr, tpr, _ = skm.roc_curve(actual, score)
            roc_per_class[label] = dict(zip(("fpr", "tpr"), _thin(fpr, tpr), strict=True))
            tprs.append(np.interp(axis, fpr, tpr))
            precision, recall, _ = skm.precision_recall_curve(actual, score)
            pr_per_class[label] = dict(zip(("recall", "precision"), _thin(recall, precision),
                                           strict=True))
            pr_per_class[label]["prevalence"] = float(actual.mean())
            precisions.append(_interpolated_precision(recall, precision, axis))
    plots = {"classes": labels, "multiclass": True, "threshold": None,
             "confusion": {"labels": labels, "matrix": matrix.tolist()},
             "roc_per_class": roc_per_class, "pr_per_class": pr_per_class,
             "note": QT_TRANSLATE_NOOP("Core", "{classes} classes: each row is predicted as its "
                                       "most probable class. Cost, threshold and calibration "
                                       "apply to two-class targets only.")
             .format(classes=len(classes))}
    if tprs:
        mean_tpr = np.mean(tprs, axis=0)
        mean_tpr[0] = 0.0
        plots["roc_macro"] = {"fpr": axis.round(6).tolist(), "tpr": mean_tpr.round(6).tolist()}
        plots["pr_macro"] = {"recall": axis.round(6).tolist(),
                             "precision": np.mean(precisions, axis=0).round(6).tolist(),
                             "prevalence": 1.0 / len(labels)}
    return plots


def _interpolated_precision(recall: np.ndarray, precision: np.ndarray,
                            axis: np.ndarray) -> np.ndarray:
    """At each recall of ``axis``, the best precision reached at that recall or more."""
    order = np.argsort(recall, kind="stable")
    recall, precision = recall[order], precision[order]
    best_from_here = np.maximum.accumulate(precision[::-1])[::-1]
    at = np.searchsorted(recall, axis, side="left")
    return best_from_here[np.minimum(at, len(recall) - 1)]


def regression_plots(oof: pd.DataFrame, seed: int = 0) -> dict[str, Any]:
    """Predicted vs actual and residuals (a sample of at most :data:`MAX_POINTS` rows)."""
    part = _first_repeat(oof)
    if len(part) > MAX_POINTS:
        part = part.sample(MAX_POINTS, random_state=seed).sort_values("row")
    actual, predicted = part["actual"].to_numpy(float), part["predicted"].to_numpy(float)
    return {"row": part["row"].astype(int).tolist(), "actual": actual.round(6).tolist(),
            "predicted": predicted.round(6).tolist(),
            "residual": (actual - predicted).round(6).tolist()}


def importance(pipeline: Pipeline, X: pd.DataFrame, y: np.ndarray, task: str,
               seed: int = 0) -> list[dict[str, Any]]:
    """Permutation importance of each input column (drop in ROC AUC for two classes, in
    accuracy for more, or rise in RMSE when the column is shuffled), most important first.

    Every column is shuffled :data:`IMPORTANCE_REPEATS` times, as scikit-learn's
    ``permutation_importance`` does, but the shuffled copies are scored in a few large
    predictions (:data:`IMPORTANCE_BATCH_ROWS` rows each) instead of one per column and
    shuffle: on a fold of 100 rows the pipeline's fixed cost per prediction made importance
    cost two to three fits of the model."""
    if len(X) > IMPORTANCE_ROWS:
        rows = np.sort(np.random.default_rng(seed).choice(len(X), IMPORTANCE_ROWS,
                                                          replace=False))
        X, y = X.iloc[rows], y[rows]
    X = X.reset_index(drop=True)
    predict, score = _importance_scoring(pipeline, y, task)
    base = score(predict(X))
    rng = np.random.default_rng(seed)
    shuffles = [(column, rng.permutation(len(X))) for column in X.columns
                for _ in range(IMPORTANCE_REPEATS)]
    per_batch = max(1, IMPORTANCE_BATCH_ROWS // max(len(X), 1))
    drops: dict[Any, list[float]] = {column: [] for column in X.columns}
    for first in range(0, len(shuffles), per_batch):
        batch = shuffles[first:first + per_batch]
        stacked = pd.concat([X] * len(batch), ignore_index=True)
        for block, (column, order) in enumerate(batch):
            at = stacked.columns.get_loc(column)
            stacked.iloc[block * len(X):(block + 1) * len(X), at] = X[column].to_numpy()[order]
        values = predict(stacked)
        for block, (column, _) in enumerate(batch):
            drops[column].append(base - score(values[block * len(X):(block + 1) * len(X)]))
    rows = [{"feature": str(column), "mean": float(np.mean(values)),
             "std": float(np.std(values))} for column, values in drops.items()]
    return sorted(rows, key=lambda r: -r["mean"])


def _importance_scoring(pipeline: Pipeline, y: np.ndarray, task: str) -> tuple[Any, Any]:
    """``predict(frame)`` and ``score(predictions)`` against ``y``: ROC AUC of the positive
    class's probability (two classes), accuracy (more classes) or negative RMSE."""
    two_classes = task == "classification" and len(np.unique(y)) == 2

    def predict(frame: pd.DataFrame) -> np.ndarray:
        if not two_classes:
            return np.asarray(pipeline.predict(frame))
        classes = list(pipeline.classes_)
        if 1 not in classes:
            return np.zeros(len(frame))
        return pipeline.predict_proba(frame)[:, classes.index(1)]

    def score(values: np.ndarray) -> float:
        if two_classes:
            return float(skm.roc_auc_score(y, values))
        if task == "classification":
            return float(np.mean(values == y))
        return -float(np.sqrt(np.mean((values - y) ** 2)))

    return predict, score
