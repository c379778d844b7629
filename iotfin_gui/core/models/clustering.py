"""Clustering: a sweep over each clusterer's grid (for k-means the k sweep with the elbow's
inertia and the silhouette), the chosen clustering's scores, cluster profiles and 2-D PCA
coordinates for a scatter plot.

Clustering has no target and no folds: the preprocessing and the clusterer are fitted on all
rows. Silhouette is computed on a sample of at most 5,000 rows.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sklearn.decomposition import PCA
from sklearn.pipeline import Pipeline

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.models.fitting import Problem
from iotfin_gui.core.models.metrics import clustering_scores
from iotfin_gui.core.models.search import candidates, jsonable
from iotfin_gui.core.models.specs import ModelSpec

#: Agglomerative clustering needs memory quadratic in the rows; larger data is refused.
MAX_AGGLOMERATIVE_ROWS = 20_000
#: Points in the PCA scatter (a random sample beyond this).
SCATTER_POINTS = 2_000


@dataclass
class ClusteringOutcome:
    """The fitted clustering and what the panel plots."""

    pipeline: Pipeline
    params: dict[str, Any]
    scores: dict[str, float]
    sweep: list[dict[str, Any]]
    fit_seconds: float
    predict_seconds: float
    evaluation: dict[str, Any]


def _fit(problem: Problem, spec: ModelSpec, params: Mapping[str, Any]) -> tuple[Pipeline, float]:
    pipeline = problem.pipeline(spec, params)
    started = time.perf_counter()
    try:
        pipeline.fit(problem.X)
    except ValueError as error:
        raise InputError(QT_TRANSLATE_NOOP("Core", "{model} could not cluster this data: "
                                           "{error}").format(model=spec.label,
                                                             error=str(error))) from error
    return pipeline, time.perf_counter() - started


def cluster(problem: Problem, spec: ModelSpec, grid: Mapping[str, Any] | None, search: str | None,
            ctx: JobContext) -> ClusteringOutcome:
    """Sweep ``spec``'s grid, keep the best silhouette, and describe the clusters."""
    if spec.name == "agglomerative" and len(problem.X) > MAX_AGGLOMERATIVE_ROWS:
        raise InputError(QT_TRANSLATE_NOOP("Core", "Agglomerative clustering handles at most "
                                           "{most:,} rows (this data has {rows:,}); use "
                                           "k-means.")
                         .format(most=MAX_AGGLOMERATIVE_ROWS, rows=len(problem.X)))
    tried = candidates(spec, grid, search or "grid", seed=problem.seed)
    sweep, best = [], None
    for number, params in enumerate(tried):
        ctx.progress(number / len(tried),
                     QT_TRANSLATE_NOOP("Core", "{model}: candidate {candidate} of "
                                       "{candidates}").format(model=spec.label,
                                                              candidate=number + 1,
                                                              candidates=len(tried)))
        pipeline, seconds = _fit(problem, spec, params)
        matrix = pipeline[:-1].transform(problem.X)
        labels = pipeline[-1].labels_
        scores = clustering_scores(matrix, labels, seed=problem.seed)
        row = {"params": jsonable(params), **scores}
        clusterer = getattr(pipeline[-1], "clusterer_", None)
        if hasattr(clusterer, "inertia_"):
            row["inertia"] = float(clusterer.inertia_)
        sweep.append(row)
        rank = np.nan_to_num(scores["silhouette"], nan=-np.inf)
        if best is None or rank > best[0]:
            best = (rank, params, pipeline, seconds, matrix, scores)
    ctx.progress(1.0, QT_TRANSLATE_NOOP("Core", "{model}: clustered").format(model=spec.label))
    assert best is not None
    _, params, pipeline, seconds, matrix, scores = best
    started = time.perf_counter()
    labels = pipeline.predict(problem.X)
    predict_seconds = time.perf_counter() - started
    evaluation = {"sweep": sweep, "profiles": profiles(problem.X, labels),
                  "scatter": scatter(matrix, labels, problem.seed)}
    return ClusteringOutcome(pipeline, dict(params), scores, sweep, seconds, predict_seconds,
                             evaluation)


def profiles(X: pd.DataFrame, labels: np.ndarray) -> list[dict[str, Any]]:
    """Per cluster: its size and the mean of each numeric feature (the most frequent value of
    each text feature), in the data's own units."""
    frame = X.reset_index(drop=True).assign(_cluster=np.asarray(labels))
    out = []
    for label, rows in frame.groupby("_cluster", sort=True):
        profile: dict[str, Any] = {"cluster": int(label), "size": len(rows)}
        for column in X.columns:
            values = rows[column]
            if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
                mean = values.astype("float64").mean()
                profile[str(column)] = None if pd.isna(mean) else float(mean)
            else:
                mode = values.dropna().mode()
                profile[str(column)] = str(mode.iloc[0]) if len(mode) else None
        out.append(profile)
    return out


def scatter(matrix: np.ndarray, labels: np.ndarray, seed: int) -> dict[str, Any]:
    """2-D PCA coordinates of (a sample of) the preprocessed rows, with their clusters."""
    labels = np.asarray(labels)
    if matrix.shape[1] < 2:
        return {"x": [], "y": [], "cluster": [], "explained_variance": []}
    rng = np.random.default_rng(seed)
    rows = np.arange(len(labels))
    if len(rows) > SCATTER_POINTS:
        rows = np.sort(rng.choice(rows, SCATTER_POINTS, replace=False))
    pca = PCA(n_components=2, random_state=seed).fit(matrix)
    points = pca.transform(matrix[rows])
    return {"x": points[:, 0].round(5).tolist(), "y": points[:, 1].round(5).tolist(),
            "cluster": labels[rows].astype(int).tolist(), "row": rows.tolist(),
            "explained_variance": pca.explained_variance_ratio_.round(5).tolist()}
