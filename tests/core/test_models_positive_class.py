"""The positive class of a two-class target: its default (the class named like an event,
else the rarer one), the classes offered from a stored column, the choice recorded in the
run and given on the command line; one threshold per run; display names of models, exported
metrics saying what they were measured on, and grid values checked with the parameter
named."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from iotfin_gui.cli import EXIT_OK, EXIT_USAGE, main
from iotfin_gui.core.errors import InputError
from iotfin_gui.core.model_names import MODEL_LABELS, model_label, run_model_label
from iotfin_gui.core.models import MODEL_SPECS, model_spec, train
from iotfin_gui.core.models.classes import default_positive, target_classes
from iotfin_gui.core.models.search import check_grid
from iotfin_gui.core.reports.tables import run_metrics
from tests.core.models_fixtures import classification_frame


@pytest.mark.parametrize("counts, expected", [
    ({0: 90, 1: 10}, 1), ({1: 900, 0: 100}, 1), ({False: 5, True: 50}, True),
    ({"good": 700, "bad": 300}, "bad"), ({"bad": 800, "good": 200}, "bad"),
    ({"no": 60, "Yes": 40}, "Yes"), ({"ok": 10, "failure": 90}, "failure"),
    ({"A": 30, "B": 70}, "A"), ({2: 300, 1: 700}, 2), ({"p": 5, "q": 5}, "p"),
    ({"N": 5, "Y": 1}, "Y"), ({"1": 30, "0": 70}, "1"), ({"no": 5, "yes": 95}, "yes"),
    ({"bad": 1, "fraud": 9}, "bad"),
])
def test_default_positive_prefers_an_event_name_then_the_rarer_class(counts, expected):
    assert default_positive(counts) == expected


@given(st.dictionaries(st.text(max_size=6), st.integers(1, 10_000), min_size=2, max_size=2))
def test_default_positive_is_always_one_of_the_classes(counts):
    assert default_positive(counts) in counts


def test_target_classes_reads_the_stored_column_typed_as_training_reads_it(store):
    frame = pd.DataFrame({"flag": [True, False, False, True, False], "grade": list("abbab"),
                          "n": [1.5, 2.0, 3.0, 4.0, 5.0]})
    store.write_dataset("t", frame, "table", source="test")
    assert target_classes(store, "t", "flag") == {False: 3, True: 2}
    assert target_classes(store, "t", "grade") == {"b": 3, "a": 2}
    assert target_classes(store, "t", "missing") == {}


def test_the_chosen_positive_class_is_recorded_and_flips_the_scores(store):
    frame = classification_frame().assign(bad=lambda f: f["bad"].map({0: "good", 1: "bad"}))
    store.write_dataset("apps", frame, "table", source="test")
    options = {"target": "bad", "task": "classification", "models": ["logistic"], "folds": 3,
               "cv": "stratified"}
    default = train(store, "apps", **options)[1]
    chosen = train(store, "apps", positive="good", **options)[1]
    assert store.run(default.run_id)["params"]["positive_class"] == "bad"
    assert store.run(chosen.run_id)["params"]["positive_class"] == "good"
    assert default.evaluation["classes"] == ["good", "bad"]
    assert chosen.evaluation["classes"] == ["bad", "good"]
    # ROC AUC does not depend on which class is positive; precision does.
    assert chosen.metrics["roc_auc"][0] == pytest.approx(default.metrics["roc_auc"][0], abs=0.02)
    with pytest.raises(InputError, match="'fine' is not in the target"):
        train(store, "apps", positive="fine", **options)


def test_the_confusion_matrix_is_taken_at_the_kept_models_threshold(store):
    store.write_dataset("apps", classification_frame(), "table", source="test")
    result = train(store, "apps", target="bad", task="classification", models=["logistic"],
                   folds=3, cv="stratified")[1]
    assert result.evaluation["threshold"] == result.threshold
    assert result.evaluation["confusion"]["at"] == "chosen"
    assert sum(map(sum, result.evaluation["confusion"]["matrix"])) == 160
    exported = run_metrics(store, result.run_id).set_index(["scope", "name"])["measured_on"]
    assert exported[("", "roc_auc")].startswith("cross-validation: mean over the test folds")
    assert exported[("time", "fit_seconds")] == "seconds per fold"


def test_cli_positive_class_is_recorded_and_named_in_the_output(store_path, capsys):
    from iotfin_gui.core.store import Store

    with Store.open(store_path) as store:
        store.write_dataset("apps", classification_frame(), "table", source="test")
    db = ["--db", str(store_path)]
    code = main(["train", *db, "--dataset", "apps", "--target", "bad", "--task",
                 "classification", "--models", "logistic", "--cv", "3", "--positive-class",
                 "0", "--json"])
    assert code == EXIT_OK
    payload = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert payload["positive_class"] == 0
    assert [r["label"] for r in payload["runs"]] == ["Baseline (class prior)",
                                                      "Logistic regression"]
    code = main(["train", *db, "--dataset", "apps", "--target", "bad", "--task",
                 "classification", "--models", "logistic", "--positive-class", "7"])
    assert code == EXIT_USAGE
    assert "positive class '7' is not in the target" in capsys.readouterr().err


def test_display_names_of_training_and_forecast_models():
    assert model_label("classification", "random_forest") == "Random forest"
    assert model_label("classification", "retired_model") == "retired_model"
    assert run_model_label("train", {"task": "regression", "model": "hist_gb"}) == \
        "Hist gradient boosting"
    assert run_model_label("forecast", {"model": "auto", "chosen": "ml"}) == \
        "Gradient boosting (all ATMs)"
    assert run_model_label("import", {}) is None


def test_every_registered_model_takes_its_label_from_the_model_free_names():
    assert {task: list(specs) for task, specs in MODEL_SPECS.items()} == \
        {task: list(labels) for task, labels in MODEL_LABELS.items()}
    for task, specs in MODEL_SPECS.items():
        assert all(spec.label is MODEL_LABELS[task][name] for name, spec in specs.items())


@pytest.mark.parametrize("model, grid, named", [
    ("random_forest", {"max_features": ["sqrt", "most"]}, "'max_features'"),
    ("rbf_svm", {"estimator__C": [1.0, -3]}, "'estimator__C'"),
    ("knn", {"n_neighbors": [0]}, "'n_neighbors'"),
    ("hist_gb", {"learning_rate": ["fast"]}, "'learning_rate'"),
])
def test_a_bad_grid_value_is_refused_naming_the_parameter(model, grid, named):
    with pytest.raises(InputError, match=named):
        check_grid(model_spec("classification", model), grid)
