"""Multiclass classification (a three-class fault type from telemetry): every model learns it,
plot data is n x n, predictions carry class labels and per-class probabilities, and targets a
model cannot learn are clear errors."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from iotfin_gui.cli import EXIT_OK, main
from iotfin_gui.core.errors import UserFacingError
from iotfin_gui.core.models import (
    evaluation,
    leaderboard,
    learning_curve,
    predict,
    train,
)
from iotfin_gui.core.models.specs import default_models
from tests.core.models_fixtures import fault_type_frame

CLASSES = {"none", "overheat", "power"}


def test_every_model_learns_three_classes(store):
    store.write_dataset("faults", fault_type_frame(), "table", source="test")
    results = train(store, "faults", target="fault_type", task="classification",
                    cv="stratified", folds=3, class_weight="balanced", cost_fn=9,
                    threshold=0.2)
    assert [r.model for r in results] == default_models("classification")
    base, *models = results
    assert base.metrics["balanced_accuracy"][0] == pytest.approx(1 / 3)
    for result in models:
        assert result.metrics["balanced_accuracy"][0] > 0.5, result.model
        assert result.metrics["roc_auc"][0] > 0.75, result.model
        assert {"f1", "precision", "recall", "log_loss", "pr_auc"} <= set(result.metrics)
        assert "expected_cost" not in result.metrics and result.threshold is None
        assert "not used" in result.to_dict()["note"]
    run = store.run(models[0].run_id)
    assert run["params"]["classes"] == sorted(CLASSES)
    assert run["params"]["positive_class"] is None
    plots = evaluation(store, models[0].run_id)
    matrix = np.array(plots["confusion"]["matrix"])
    assert matrix.shape == (3, 3) and matrix.sum() == 240
    assert plots["confusion"]["labels"] == sorted(CLASSES) and plots["multiclass"]
    assert set(plots["roc_per_class"]) == CLASSES and "roc" not in plots
    assert plots["importance"][0]["feature"] in ("temperature", "voltage")
    board = leaderboard(store, task="classification")
    assert board["model"].iloc[-1] == "baseline"


def test_predict_search_and_learning_curve(store):
    store.write_dataset("faults", fault_type_frame(), "table", source="test")
    _, knn = train(store, "faults", target="fault_type", task="classification",
                   models=["knn"], cv="kfold", folds=3, search="grid",
                   grids={"knn": {"n_neighbors": [5, 15]}})
    assert knn.search["metric"] == "roc_auc" and len(knn.search["candidates"]) == 2
    scored = predict(store, knn.run_id, "faults").frame
    assert set(scored["prediction"]) <= CLASSES
    probabilities = scored[[f"probability_{c}" for c in sorted(CLASSES)]]
    assert np.allclose(probabilities.sum(axis=1), 1.0)
    assert "probability" not in scored
    curve = learning_curve(store, knn.run_id, sizes=(0.5, 1.0))
    assert curve["metric"].iloc[0] == "roc_auc" and curve["valid"].notna().all()


def test_cli_trains_and_predicts_multiclass(store_path, tmp_path, capsys):
    from iotfin_gui.core.store import Store

    with Store.open(store_path) as store:
        store.write_dataset("faults", fault_type_frame(), "table", source="test")
    db = ["--db", str(store_path)]
    assert main(["train", *db, "--dataset", "faults", "--target", "fault_type", "--task",
                 "classification", "--models", "logistic", "--cv", "3", "--json"]) == EXIT_OK
    payload = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    logistic = payload["runs"][1]
    assert logistic["metrics"]["balanced_accuracy"] > 0.7 and "note" in logistic
    out = tmp_path / "scored.csv"
    assert main(["predict", *db, "--run", str(logistic["run_id"]), "--dataset", "faults",
                 "--out", str(out)]) == EXIT_OK
    written = pd.read_csv(out, encoding="utf-8-sig")
    assert set(written["prediction"]) <= CLASSES and "probability_power" in written


def _class_only_late() -> tuple[pd.DataFrame, dict]:
    frame = fault_type_frame(120)
    frame["date"] = pd.date_range("2024-01-01", periods=len(frame), freq="h")
    frame.loc[frame.index[-3:], "fault_type"] = "door"
    return frame, {"cv": "time", "roles": {"date": "timestamp"}}


@pytest.mark.parametrize("case, message", [
    ("test_only", "occur only in the rows fold"),
    ("id_target", "identifier column"),
    ("positive", "two-class targets"),
])
def test_unlearnable_multiclass_targets_are_refused(store, case, message):
    frame, cv, roles, extra = fault_type_frame(), "stratified", None, {}
    if case == "test_only":
        frame, options = _class_only_late()
        cv, roles = options["cv"], options["roles"]
    elif case == "id_target":
        frame = frame.head(120).assign(fault_type=[f"ATM{i // 2:03d}" for i in range(120)])
    else:
        extra = {"positive": "power"}
    store.write_dataset("data", frame, "table", roles=roles, source="test")
    with pytest.raises(UserFacingError, match=message):
        train(store, "data", target="fault_type", task="classification", models=["logistic"],
              cv=cv, folds=3, **extra)
    assert store.conn.execute("SELECT count(*) FROM runs").fetchone()[0] == 0


def test_recipe_hold_out_scores_and_refuses_an_unseen_class(store):
    from iotfin_gui.core.recipes import make_recipe, save_recipe

    frame = fault_type_frame().assign(date=pd.date_range("2024-01-01", periods=240, freq="6h"))
    save_recipe(store, make_recipe("late", [("split", {"method": "time", "last_days": 10})],
                                   target="fault_type"))
    store.write_dataset("faults", frame, "table", roles={"date": "timestamp"}, source="test")
    _, logistic = train(store, "faults", task="classification", models=["logistic"], folds=3,
                        recipe="late")
    assert logistic.test_metrics["balanced_accuracy"] > 0.7
    frame.loc[frame.index[-4:], "fault_type"] = "door"
    store.write_dataset("faults_door", frame, "table", roles={"date": "timestamp"},
                        source="test")
    with pytest.raises(UserFacingError, match="door, which no training row has"):
        train(store, "faults_door", task="classification", models=["logistic"], folds=3,
              recipe="late")
