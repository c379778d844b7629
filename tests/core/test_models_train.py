"""Training each task on tiny data: lift over the baseline, recorded runs with lineage, the
leaderboard, run diffs, plot data, search and learning curves."""

from __future__ import annotations

import numpy as np
import pytest

from iotfin_gui.core.models import (
    describe_models,
    diff_runs,
    evaluation,
    leaderboard,
    learning_curve,
    train,
)
from tests.core.models_fixtures import classification_frame, device_frame, regression_frame


def test_classification_beats_baseline_and_records_lineage(store):
    info = store.write_dataset("apps", classification_frame(), "table", roles={"bad": "label"},
                               source="test")
    results = train(store, "apps", task="classification", models=["logistic"],
                    cv="stratified", folds=3, cost_fp=1, cost_fn=5)
    assert [r.model for r in results] == ["baseline", "logistic"]
    base, model = results
    assert model.metrics["roc_auc"][0] > base.metrics["roc_auc"][0] + 0.2
    assert model.metrics["expected_cost"][0] < base.metrics["expected_cost"][0]
    assert model.metrics["roc_auc"][1] is not None  # spread over folds
    run = store.run(model.run_id)
    assert run["kind"] == "train" and run["dataset_id"] == info.id
    assert run["data_hash"] == info.data_hash and run["seed"] == 0
    assert run["model_path"] and len(run["model_sha256"]) == 64
    assert "scikit-learn" in run["library_versions"]
    assert run["params"]["cv_label"] == "stratified 3"
    assert ("time", "fit_seconds") in run["metrics"]
    plots = evaluation(store, model.run_id)
    assert {"roc", "pr", "confusion", "calibration", "cost_curve", "importance"} <= set(plots)
    assert np.sum(plots["confusion"]["matrix"]) == 160
    assert plots["importance"][-1]["feature"] in ("noise", "segment", "x2")
    assert plots["importance"][0]["feature"] in ("x1", "x2")


def test_regression_and_leaderboard_and_diff(store):
    store.write_dataset("sales", regression_frame(), "table", source="test")
    results = train(store, "sales", target="amount", task="regression", models=["ridge"],
                    cv="kfold", folds=3, repeats=2)
    base, ridge = results
    assert ridge.metrics["r2"][0] > 0.9 and abs(base.metrics["r2"][0]) < 0.2
    assert ridge.metrics["rmse"][0] < base.metrics["rmse"][0] / 3
    plots = evaluation(store, ridge.run_id)
    assert len(plots["actual"]) == len(plots["residual"]) == 120
    board = leaderboard(store, task="regression")
    assert list(board["model"]) == ["ridge", "baseline"]
    assert {"rmse", "rmse_std", "mape", "fit_seconds", "predict_seconds", "cv"} <= set(board)
    assert board.loc[0, "cv"] == "k-fold 3x2"
    diff = diff_runs(store, base.run_id, ridge.run_id)
    assert "model" in set(diff["params"]["key"])
    rmse = diff["metrics"].set_index("name").loc["rmse"]
    assert rmse["b_better"] is True or bool(rmse["b_better"])
    curve = learning_curve(store, ridge.run_id, sizes=(0.3, 1.0))
    assert list(curve["share"]) == [0.3, 1.0] and curve["metric"].iloc[0] == "rmse"


def test_grid_search_records_candidates(store):
    store.write_dataset("apps", classification_frame(), "table", source="test")
    results = train(store, "apps", target="bad", task="classification", models=["knn"],
                    folds=3, search="grid", grids={"knn": {"n_neighbors": [1, 25]}})
    searched = results[1].search
    assert [len(searched["candidates"]), searched["metric"]] == [2, "roc_auc"]
    assert results[1].params == {"n_neighbors": 25}
    assert store.run(results[1].run_id)["params"]["estimator_params"] == {"n_neighbors": 25}


def test_clustering_sweep_profiles_and_scatter(store):
    rng = np.random.default_rng(3)
    centres = np.array([[0, 0], [6, 6], [0, 6]])
    points = np.vstack([rng.normal(c, 0.5, size=(40, 2)) for c in centres])
    frame = classification_frame(120).assign(x1=points[:, 0], x2=points[:, 1])
    store.write_dataset("blobs", frame[["x1", "x2"]], "table", source="test")
    base, kmeans = train(store, "blobs", task="clustering", models=["kmeans"])
    assert kmeans.params == {"clusterer__n_clusters": 3}
    assert kmeans.metrics["silhouette"][0] > 0.6 > base.metrics["silhouette"][0]
    plots = evaluation(store, kmeans.run_id)
    assert len(plots["sweep"]) == 7 and all("inertia" in row for row in plots["sweep"])
    assert sorted(p["size"] for p in plots["profiles"]) == [40, 40, 40]
    assert len(plots["scatter"]["x"]) == 120


def test_describe_models_lists_grids():
    names = {(m["task"], m["name"]) for m in describe_models()}
    assert ("classification", "rbf_svm") in names and ("regression", "lasso") in names
    assert ("clustering", "dbscan") in names


def test_grouped_and_time_cv_train(store):
    store.write_dataset("faults", device_frame(), "telemetry",
                        roles={"device_id": "device_id", "date": "timestamp"}, source="test")
    for scheme in ("group", "time"):
        results = train(store, "faults", target="fault", task="classification",
                        models=["logistic"], cv=scheme, folds=3)
        assert results[1].metrics["roc_auc"][0] > 0.7
    features = store.run(results[1].run_id)["params"]["features"]
    assert features == ["load"]  # device id and time are not features


@pytest.mark.parametrize("threshold", ["bayes", 0.3])
def test_fixed_thresholds(store, threshold):
    store.write_dataset("apps", classification_frame(), "table", source="test")
    results = train(store, "apps", target="bad", task="classification", models=["logistic"],
                    folds=3, threshold=threshold, cost_fp=1, cost_fn=5)
    expected = 1 / 6 if threshold == "bayes" else 0.3
    assert results[1].threshold == pytest.approx(expected)
