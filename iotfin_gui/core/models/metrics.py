"""Scores of a fold's predictions: regression errors, classification quality and cost,
clustering structure. Every function returns ``{metric name: value}``; undefined values (e.g.
ROC AUC when a fold holds one class) are NaN and are left out of means.

Multiclass targets get the classification metrics without cost and threshold (two-class
notions): precision, recall and F1 are macro averages, ROC AUC and PR AUC macro one-vs-rest.

Metric names are data (keys of stored runs); :data:`METRIC_LABELS` gives their translatable
display names.
"""

from __future__ import annotations

import numpy as np
from sklearn import metrics as skm
from sklearn.preprocessing import label_binarize

from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.models.cost import average_cost

REGRESSION_METRICS = ("mae", "rmse", "mse", "r2", "mape")
CLASSIFICATION_METRICS = ("accuracy", "balanced_accuracy", "precision", "recall", "f1",
                          "roc_auc", "pr_auc", "log_loss", "expected_cost", "threshold")
CLUSTERING_METRICS = ("silhouette", "davies_bouldin", "calinski_harabasz", "n_clusters",
                      "noise_share")

LOWER_IS_BETTER = {"mae", "rmse", "mse", "mape", "log_loss", "expected_cost", "davies_bouldin"}
#: Display names of the metrics (and of the seconds per fold).
METRIC_LABELS = {
    "roc_auc": QT_TRANSLATE_NOOP("Core", "ROC AUC"),
    "pr_auc": QT_TRANSLATE_NOOP("Core", "PR AUC"),
    "expected_cost": QT_TRANSLATE_NOOP("Core", "Cost / case"),
    "threshold": QT_TRANSLATE_NOOP("Core", "Threshold"),
    "accuracy": QT_TRANSLATE_NOOP("Core", "Accuracy"),
    "balanced_accuracy": QT_TRANSLATE_NOOP("Core", "Bal. accuracy"),
    "precision": QT_TRANSLATE_NOOP("Core", "Precision"),
    "recall": QT_TRANSLATE_NOOP("Core", "Recall"),
    "f1": QT_TRANSLATE_NOOP("Core", "F1"),
    "log_loss": QT_TRANSLATE_NOOP("Core", "Log loss"),
    "rmse": QT_TRANSLATE_NOOP("Core", "RMSE"),
    "mae": QT_TRANSLATE_NOOP("Core", "MAE"),
    "r2": QT_TRANSLATE_NOOP("Core", "R²"),
    "mape": QT_TRANSLATE_NOOP("Core", "MAPE"),
    "mse": QT_TRANSLATE_NOOP("Core", "MSE"),
    "silhouette": QT_TRANSLATE_NOOP("Core", "Silhouette"),
    "davies_bouldin": QT_TRANSLATE_NOOP("Core", "Davies-Bouldin"),
    "calinski_harabasz": QT_TRANSLATE_NOOP("Core", "Calinski-Harabasz"),
    "n_clusters": QT_TRANSLATE_NOOP("Core", "Clusters"),
    "noise_share": QT_TRANSLATE_NOOP("Core", "Noise share"),
    "fit_seconds": QT_TRANSLATE_NOOP("Core", "Fit s/fold"),
    "predict_seconds": QT_TRANSLATE_NOOP("Core", "Predict s/fold"),
}


def regression_scores(y_true: np.ndarray, y_pred: np.ndarray) -> dict[str, float]:
    mse = skm.mean_squared_error(y_true, y_pred)
    return {"mae": skm.mean_absolute_error(y_true, y_pred), "rmse": float(np.sqrt(mse)),
            "mse": mse, "r2": skm.r2_score(y_true, y_pred) if len(y_true) > 1 else np.nan,
            "mape": skm.mean_absolute_percentage_error(y_true, y_pred)}


def classification_scores(y_true: np.ndarray, score: np.ndarray, threshold: float,
                          cost_fp: float, cost_fn: float) -> dict[str, float]:
    """Scores of 0/1 truth against the positive-class probability ``score`` flagged at
    ``threshold``."""
    y = np.asarray(y_true, int)
    score = np.clip(np.asarray(score, float), 0.0, 1.0)
    flagged = (score >= threshold).astype(int)
    both = len(np.unique(y)) == 2
    return {
        "accuracy": skm.accuracy_score(y, flagged),
        "balanced_accuracy": skm.balanced_accuracy_score(y, flagged) if both else np.nan,
        "precision": skm.precision_score(y, flagged, zero_division=0.0),
        "recall": skm.recall_score(y, flagged, zero_division=0.0),
        "f1": skm.f1_score(y, flagged, zero_division=0.0),
        "roc_auc": skm.roc_auc_score(y, score) if both else np.nan,
        "pr_auc": skm.average_precision_score(y, score) if both else np.nan,
        "log_loss": skm.log_loss(y, score, labels=[0, 1]),
        "expected_cost": average_cost(y, flagged, cost_fp, cost_fn),
        "threshold": float(threshold),
    }


def multiclass_scores(y_true: np.ndarray, proba: np.ndarray) -> dict[str, float]:
    """Scores of class codes 0..K-1 against the (rows x K) class probabilities ``proba``; the
    prediction is the most probable class."""
    y = np.asarray(y_true, int)
    labels = np.arange(proba.shape[1])
    predicted = proba.argmax(axis=1)
    every_class = len(np.unique(y)) == len(labels)
    macro = {"labels": labels, "average": "macro", "zero_division": 0.0}
    return {
        "accuracy": skm.accuracy_score(y, predicted),
        "balanced_accuracy": skm.balanced_accuracy_score(y, predicted),
        "precision": skm.precision_score(y, predicted, **macro),
        "recall": skm.recall_score(y, predicted, **macro),
        "f1": skm.f1_score(y, predicted, **macro),
        "roc_auc": skm.roc_auc_score(y, proba, multi_class="ovr", average="macro",
                                     labels=labels) if every_class else np.nan,
        "pr_auc": skm.average_precision_score(label_binarize(y, classes=labels), proba,
                                              average="macro") if every_class else np.nan,
        "log_loss": skm.log_loss(y, proba, labels=labels),
    }


def clustering_scores(X: np.ndarray, labels: np.ndarray, *, max_rows: int = 5000,
                      seed: int = 0) -> dict[str, float]:
    """Silhouette (on at most ``max_rows`` rows), Davies-Bouldin, Calinski-Harabasz; noise
    points (label -1, DBSCAN) are left out of the scores and reported as ``noise_share``."""
    labels = np.asarray(labels)
    noise = labels == -1
    kept, kept_labels = X[~noise], labels[~noise]
    found = len(np.unique(kept_labels))
    scores = {"n_clusters": float(found), "noise_share": float(noise.mean()),
              "silhouette": np.nan, "davies_bouldin": np.nan, "calinski_harabasz": np.nan}
    if 2 <= found < len(kept_labels):
        scores["silhouette"] = skm.silhouette_score(
            kept, kept_labels, sample_size=min(max_rows, len(kept_labels)), random_state=seed)
        scores["davies_bouldin"] = skm.davies_bouldin_score(kept, kept_labels)
        scores["calinski_harabasz"] = skm.calinski_harabasz_score(kept, kept_labels)
    return {k: float(v) for k, v in scores.items()}


def summarise(per_fold: list[dict[str, float]]) -> dict[str, tuple[float, float | None]]:
    """Each metric's mean and standard deviation over the folds (NaN folds left out)."""
    names = dict.fromkeys(name for fold in per_fold for name in fold)
    out: dict[str, tuple[float, float | None]] = {}
    for name in names:
        values = np.array([fold.get(name, np.nan) for fold in per_fold], float)
        values = values[np.isfinite(values)]
        if values.size:
            out[name] = (float(values.mean()),
                         float(values.std(ddof=1)) if values.size > 1 else None)
        else:
            out[name] = (float("nan"), None)
    return out
