"""Permutation importance scored in batches: the same answer whatever the batch size, the same
ranking as scikit-learn's ``permutation_importance``, for two classes, more, and regression."""

from __future__ import annotations

import importlib

import numpy as np
import pytest
from sklearn.inspection import permutation_importance
from sklearn.linear_model import LinearRegression, LogisticRegression

from iotfin_gui.core.models.preprocess import model_pipeline
from tests.core.models_fixtures import classification_frame, fault_type_frame, regression_frame

# the module, not the service function of the same name that the models package exports
evaluation = importlib.import_module("iotfin_gui.core.models.evaluation")


def _fitted(frame, target, estimator, categorical):
    X = frame.drop(columns=[target])
    numeric = [c for c in X.columns if c not in categorical]
    y = frame[target].to_numpy()
    return model_pipeline(numeric, categorical, estimator).fit(X, y), X, y


@pytest.mark.parametrize("case", ["two classes", "multiclass", "regression"])
def test_batches_do_not_change_the_importance(monkeypatch, case):
    if case == "two classes":
        pipeline, X, y = _fitted(classification_frame(), "bad", LogisticRegression(),
                                 ["segment"])
        task = "classification"
    elif case == "multiclass":
        frame = fault_type_frame()
        frame["fault_type"] = frame["fault_type"].map({"none": 0, "overheat": 1, "power": 2})
        pipeline, X, y = _fitted(frame, "fault_type", LogisticRegression(max_iter=500),
                                 ["site"])
        task = "classification"
    else:
        pipeline, X, y = _fitted(regression_frame(), "amount", LinearRegression(), ["kind"])
        task = "regression"
    whole = evaluation.importance(pipeline, X, y, task, seed=3)
    monkeypatch.setattr(evaluation, "IMPORTANCE_BATCH_ROWS", len(X) * 2)  # two shuffles a batch
    assert evaluation.importance(pipeline, X, y, task, seed=3) == whole
    assert whole != evaluation.importance(pipeline, X, y, task, seed=4)
    assert {r["feature"] for r in whole} == set(X.columns)
    assert all(r["std"] >= 0 for r in whole)


def test_ranking_agrees_with_scikit_learn():
    pipeline, X, y = _fitted(classification_frame(rows=400), "bad", LogisticRegression(),
                             ["segment"])
    ours = evaluation.importance(pipeline, X, y, "classification")
    theirs = permutation_importance(pipeline, X, y, scoring="roc_auc", n_repeats=3,
                                    random_state=0)
    ranked = [X.columns[i] for i in np.argsort(-theirs.importances_mean)]
    assert [r["feature"] for r in ours][:2] == ranked[:2] == ["x1", "x2"]
    for row in ours:
        expected = theirs.importances_mean[list(X.columns).index(row["feature"])]
        assert row["mean"] == pytest.approx(expected, abs=0.03)
