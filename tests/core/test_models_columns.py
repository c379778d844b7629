"""Training and predictions read only the columns they use: a recipe's inputs, a model's
features and the rows' ids (never the columns marked as identifiers); predictions are made
batch by batch. Every result equals the one made from all columns at once."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

from iotfin_gui.core.models import applying, data, predict, train
from iotfin_gui.core.recipes import make_recipe, save_recipe
from iotfin_gui.core.store import Store
from tests.core.models_fixtures import classification_frame, device_frame, regression_frame

UNUSED = [f"wide_{n}" for n in range(8)]


def widened(frame: pd.DataFrame, seed: int = 5) -> pd.DataFrame:
    """``frame`` with an account number and columns a selecting recipe leaves out."""
    rng = np.random.default_rng(seed)
    extra = {name: rng.normal(size=len(frame)) for name in UNUSED}
    return frame.assign(account=[f"AC{n:06d}" for n in range(len(frame))], **extra)


@pytest.fixture
def asked(monkeypatch) -> list[Any]:
    """The ``columns`` of every read of a whole dataset."""
    calls: list[Any] = []
    reader = Store.read_dataset

    def spy(self: Store, name: Any, columns: Any = None, *args: Any, **kwargs: Any):
        calls.append(columns)
        return reader(self, name, columns, *args, **kwargs)

    monkeypatch.setattr(Store, "read_dataset", spy)
    return calls


def every_column(monkeypatch) -> None:
    """Make training read every column, as it did before."""
    monkeypatch.setattr(data, "training_columns",
                        lambda store, info, recipe, target: info.column_names)


def recorded(store: Store, result: Any) -> dict[str, Any]:
    """A run's recorded parameters but the paths of its files."""
    params = store.run(result.run_id)["params"]
    return {k: v for k, v in params.items() if not k.startswith("evaluation_")}


def same_results(store: Store, ours: list, theirs: list) -> None:
    assert [r.model for r in ours] == [r.model for r in theirs]
    for mine, other in zip(ours, theirs, strict=True):
        assert mine.metrics == other.metrics and mine.evaluation == other.evaluation
        assert recorded(store, mine) == recorded(store, other)


def test_training_leaves_identifiers_unread_with_the_same_results(store: Store, asked,
                                                                  monkeypatch) -> None:
    store.write_dataset("apps", widened(classification_frame()), "table",
                        roles={"bad": "label", "account": "identifier"}, source="test")
    ours = train(store, "apps", task="classification", models=["logistic"], folds=3)
    assert asked == [[c for c in store.dataset("apps").column_names if c != "account"]]
    every_column(monkeypatch)
    same_results(store, ours, train(store, "apps", task="classification", models=["logistic"],
                             folds=3))


def test_training_through_a_recipe_reads_its_inputs_only(store: Store, asked,
                                                          monkeypatch) -> None:
    store.write_dataset("fleet", widened(device_frame()), "table",
                        roles={"device_id": "device_id", "date": "timestamp",
                               "fault": "label", "account": "identifier"}, source="test")
    recipe = make_recipe("few", [
        ("select_columns", {"columns": ["device_id", "date", "load", "fault"]}),
        ("lags", {"columns": ["load"], "lags": [1]}),
        ("split", {"method": "time", "test_fraction": 0.25}),
        ("impute", {"columns": ["load_lag1"], "strategy": "median"}),
    ], target="fault")
    save_recipe(store, recipe)
    ours = train(store, "fleet", task="classification", models=["logistic"], folds=3,
                 cv="group", recipe="few")
    assert asked and all(columns == ["device_id", "date", "load", "fault"]
                         for columns in asked)
    assert recorded(store, ours[1])["features"] == ["load", "load_lag1"]
    every_column(monkeypatch)
    same_results(store, ours, train(store, "fleet", task="classification", models=["logistic"],
                             folds=3, cv="group", recipe="few"))


@pytest.mark.parametrize(("task", "model", "frame", "roles"), [
    ("classification", "logistic", classification_frame(300), {"bad": "label"}),
    ("classification", "random_forest", classification_frame(300), {"bad": "label"}),
    ("regression", "ridge", regression_frame(300), {"amount": "label"}),
    ("clustering", "kmeans", regression_frame(300).drop(columns=["amount"]), {}),
])
def test_predictions_in_batches_equal_predicting_all_rows_at_once(
        store: Store, monkeypatch, task: str, model: str, frame: pd.DataFrame,
        roles: dict) -> None:
    store.write_dataset("train_rows", frame, "table", roles=roles, source="test")
    store.write_dataset("new_rows", widened(frame.iloc[::-1].reset_index(drop=True)), "table",
                        roles={"account": "identifier"}, source="test")
    run_id = train(store, "train_rows", task=task, models=[model], folds=3)[1].run_id
    whole = predict(store, run_id, "new_rows", save_as="whole")
    monkeypatch.setattr(applying, "BATCH_ROWS", 7)
    batched = predict(store, run_id, "new_rows", save_as="batched")
    pd.testing.assert_frame_equal(batched.frame, whole.frame)
    assert batched.frame["row"].tolist() == list(range(1, 301))
    assert store.dataset("batched").data_hash == store.dataset("whole").data_hash


def test_predictions_read_only_the_features_and_ids(store: Store, asked,
                                                    monkeypatch) -> None:
    store.write_dataset("fleet", widened(device_frame()), "table",
                        roles={"device_id": "device_id", "date": "timestamp", "fault": "label"},
                        source="test")
    result = train(store, "fleet", task="classification", models=["logistic"], folds=3,
                   cv="group")[1]
    features = recorded(store, result)["features"]
    assert "account" not in features and "wide_0" in features  # an id-like text is no feature
    batches = []
    real = applying.columnar.batches

    def spy(store: Store, info: Any, columns: list[str], rows: int):
        batches.append(list(columns))
        return real(store, info, columns, rows)

    monkeypatch.setattr(applying.columnar, "batches", spy)
    asked.clear()
    scored = predict(store, result.run_id, "fleet")
    assert asked == []  # read in batches, not as a whole dataset
    assert batches == [["device_id", "date", *features]]
    assert list(scored.frame.columns) == ["device_id", "date", "prediction", "probability"]


def test_a_missing_feature_is_named(store: Store) -> None:
    store.write_dataset("apps", classification_frame(), "table", roles={"bad": "label"},
                        source="test")
    store.write_dataset("fewer", classification_frame().drop(columns=["x2"]), "table",
                        source="test")
    run_id = train(store, "apps", task="classification", models=["logistic"], folds=3)[1].run_id
    with pytest.raises(Exception, match="lacks the column"):
        predict(store, run_id, "fewer")
