"""Recipes whose learned steps are refitted in every CV fold: a per-device outlier clip (it
reads the device id, which is no feature) and a one-hot step with ``max_categories`` (whose
output columns depend on each fold's training rows) train, save and predict."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from iotfin_gui.core.models import load_model, predict, train
from iotfin_gui.core.models.persistence import MAGIC, SKOPS
from iotfin_gui.core.models.preprocess import model_pipeline
from iotfin_gui.core.recipes import make_recipe, save_recipe
from iotfin_gui.core.recipes.steps.learned import build_one_hot
from tests.core.models_fixtures import device_frame


def _faults(store, sites: list[str]) -> pd.DataFrame:
    frame = device_frame(devices=6, days=len(sites) // 6)
    frame["site"] = np.random.default_rng(0).permutation(sites)[:len(frame)]
    store.write_dataset("faults", frame, "telemetry",
                        roles={"device_id": "device_id", "date": "timestamp"}, source="test")
    return frame


@pytest.mark.parametrize("cv", ["stratified", "group"])
def test_per_device_clipping_trains_and_predicts(store, cv):
    _faults(store, ["a", "b"] * 90)
    save_recipe(store, make_recipe("clip", [("clip_outliers", {
        "columns": ["load"], "per_device": True, "lower": 0.05, "upper": 0.95})],
        target="fault"))
    results = train(store, "faults", task="classification", models=["logistic"], cv=cv,
                    folds=3, recipe="clip")
    assert results[1].metrics["roc_auc"][0] > 0.7
    bundle = load_model(store, results[1].run_id)
    clipper = bundle["pipeline"].named_steps["recipe"][0].named_transformers_["clip"]
    assert len(clipper.group_lower_["load"]) == 6  # bounds learned per device
    model_file = store.path.parent / store.run(results[1].run_id)["model_path"]
    assert model_file.read_bytes()[len(MAGIC):len(MAGIC) + 1] == SKOPS  # shareable format
    prep = bundle["pipeline"].named_steps["prep"]
    used = [c for _, _, columns in prep.transformers_ for c in columns]
    assert "device_id" not in used  # the device id is read, not a feature
    scored = predict(store, results[1].run_id, "faults").frame
    assert len(scored) == 180 and scored["probability"].between(0, 1).all()


@pytest.mark.parametrize("sites, most", [
    (["a"] * 60 + ["b"] * 50 + ["c"] * 25 + ["d"] * 25, 2),  # ties: folds keep other sites
    (["a"] * 100 + ["b"] * 50 + ["c"] * 6, 3),  # a rare site missing from some folds
    (["a"] * 80 + ["b"] * 70 + list("cdefghij"), 2),  # the most frequent site differs by fold
])
def test_one_hot_with_fold_dependent_categories_trains(store, sites, most):
    _faults(store, sites)
    save_recipe(store, make_recipe("hot", [("one_hot", {"columns": ["site"],
                                                        "max_categories": most})],
                                   target="fault"))
    results = train(store, "faults", task="classification", models=["logistic"],
                    cv="stratified", folds=5, recipe="hot")
    assert results[1].metrics["roc_auc"][0] > 0.6
    scored = predict(store, results[1].run_id, "faults").frame
    assert scored["probability"].notna().all()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(counts=st.lists(st.integers(0, 30), min_size=2, max_size=7),
       most=st.integers(2, 6), seed=st.integers(0, 1000))
def test_one_hot_pipeline_fits_any_training_rows(counts, most, seed):
    """A model fitted on any subset of rows (whatever categories it holds, tied or absent)
    scores any other rows, unseen categories included."""
    rng = np.random.default_rng(seed)
    sites = np.repeat([f"s{i}" for i in range(len(counts))], counts)
    rows = len(sites) + 20
    frame = pd.DataFrame({"x": rng.normal(size=rows),
                          "site": np.concatenate([sites, rng.choice(["new", "s0"], 20)])})
    y = np.arange(rows) % 2
    train_rows = rng.permutation(rows)[: rows // 2]
    recipe = Pipeline([("hot", build_one_hot({"columns": ["site"], "max_categories": most},
                                             None))])
    pipeline = model_pipeline(["x"], ["site"], LogisticRegression(), recipe)
    pipeline.fit(frame.iloc[train_rows], y[train_rows])
    assert pipeline.predict_proba(frame).shape == (rows, 2)
