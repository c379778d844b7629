"""Nested search: a tuned model's scores come from outer folds the search never saw, the run
records the inner CV and each outer fold's choice, Cancel stops at the next candidate or fold,
and the ``train --search`` command reports it."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from sklearn.dummy import DummyClassifier

from iotfin_gui.cli import EXIT_OK, main
from iotfin_gui.core.errors import JobCancelled
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.models import fitting, leaderboard, search, train
from iotfin_gui.core.models.data import training_data
from iotfin_gui.core.models.persistence import models_dir
from iotfin_gui.core.models.specs import MODEL_SPECS, ModelSpec, model_spec
from tests.core.models_fixtures import classification_frame, device_frame

KNN_GRID = {"knn": {"n_neighbors": [5, 25]}}


def noise_frame(rows: int = 200, seed: int = 1) -> pd.DataFrame:
    """Three random features and a balanced 0/1 target that none of them explains."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(rng.normal(size=(rows, 3)), columns=["x1", "x2", "x3"])
    frame["y"] = rng.permutation(np.repeat([0, 1], rows // 2))
    return frame


def test_pure_noise_search_is_optimistic_but_the_nested_score_is_chance(store, monkeypatch):
    # 24 candidates that guess at random: on a target nothing explains, whichever guesser
    # wins an inner CV won by luck. Its own (non-nested) score is therefore optimistic; the
    # nested score, from outer folds the search never saw, must sit at chance. (Guessers make
    # the selection effect plain and cost little to fit; data and folds are seeded.)
    guesser = ModelSpec("guess", "classification", QT_TRANSLATE_NOOP("Core", "Random guess"),
                        lambda seed, balanced: DummyClassifier(strategy="stratified"),
                        {"random_state": list(range(24))})
    monkeypatch.setitem(MODEL_SPECS["classification"], "guess", guesser)
    store.write_dataset("noise", noise_frame(), "table", source="test")
    _, tuned = train(store, "noise", target="y", task="classification", models=["guess"],
                     cv="stratified", folds=4, repeats=2, search="grid", inner_folds=2,
                     threshold="bayes", seed=1)
    candidates = tuned.search["candidates"]
    assert len(candidates) == 24
    best_non_nested = candidates[0]["score"]  # the final search over all rows
    best_inner = np.mean([f["inner_score"] for f in tuned.search["fold_params"]])
    nested = tuned.metrics["roc_auc"][0]
    assert best_non_nested > 0.53 and best_inner > 0.55
    assert abs(nested - 0.5) < 0.05
    assert best_inner - nested > 0.05


def test_each_outer_fold_searches_its_training_rows_only(store, monkeypatch):
    store.write_dataset("apps", classification_frame(), "table", source="test")
    scored_on: list[list] = []
    original = search.quick_score

    def spy(problem, spec, params, ctx, folds=None):
        scored_on.append(folds)
        return original(problem, spec, params, ctx, folds)

    monkeypatch.setattr(search, "quick_score", spy)
    data = training_data(store, "apps", target="bad", task="classification", cv="stratified",
                         folds=3)
    outcome = search.nested_cross_validate(data.problem, model_spec("classification", "knn"),
                                           KNN_GRID["knn"], "grid", JobContext(), inner=2)
    assert len(scored_on) == 2 * (3 + 1)  # 2 candidates in 3 outer folds, then on all rows
    for number, fold in enumerate(data.problem.folds):
        for inner_folds in scored_on[2 * number:2 * (number + 1)]:
            assert len(inner_folds) == 2
            rows = np.concatenate([np.r_[f.train, f.test] for f in inner_folds])
            assert set(rows) == set(fold.train)  # never a row of the outer test fold
    every_row = set(range(len(data.problem.X)))
    assert all(set(np.r_[f.train, f.test]) <= every_row for f in scored_on[-1])
    assert {tuple(f.test) for f in scored_on[-1]} != {tuple(f.test) for f in scored_on[0]}
    assert len(outcome.fold_choices) == 3 and outcome.inner_cv["folds"] == 2
    assert outcome.outcome.fold_params == [c["params"] for c in outcome.fold_choices]


def test_the_run_records_nesting_inner_cv_and_each_folds_parameters(store):
    store.write_dataset("apps", classification_frame(), "table", source="test")
    base, knn = train(store, "apps", target="bad", task="classification", models=["knn"],
                      cv="stratified", folds=3, repeats=2, search="grid", grids=KNN_GRID)
    params = store.run(knn.run_id)["params"]
    assert params["nested"] is True and params["inner_folds"] == 3
    assert params["inner_cv"] == {"scheme": "stratified", "folds": 3, "label": "stratified 3"}
    choices = params["fold_params"]
    assert [(c["repeat"], c["fold"]) for c in choices] == [(r, f) for r in (0, 1)
                                                           for f in (0, 1, 2)]
    for choice in choices:
        assert set(choice["params"]) == {"n_neighbors"}
        assert choice["params"]["n_neighbors"] in (5, 25)
        assert 0.5 < choice["inner_score"] <= 1.0
    assert params["estimator_params"] == params["search_results"]["best_params"]
    assert store.run(base.run_id)["params"]["nested"] is False  # the baseline is not tuned
    board = leaderboard(store, task="classification").set_index("run_id")
    assert board.loc[knn.run_id, "nested"]
    assert board.loc[knn.run_id, "search_label"] == "grid, nested (inner stratified 3)"
    assert board.loc[base.run_id, "search_label"] is None


def test_inner_folds_keep_devices_whole_and_time_in_order(store):
    store.write_dataset("faults", device_frame(devices=8, days=20), "telemetry",
                        roles={"device_id": "device_id", "date": "timestamp"}, source="test")
    for scheme in ("group", "time"):
        problem = training_data(store, "faults", target="fault", task="classification",
                                cv=scheme, folds=3).problem
        for fold in problem.folds:
            for inner in problem.inner_folds(fold.train, 2):
                assert set(inner.train) | set(inner.test) <= set(fold.train)
                if scheme == "group":
                    assert set(problem.groups[inner.train]).isdisjoint(
                        problem.groups[inner.test])
                else:
                    assert problem.times[inner.train].max() < problem.times[inner.test].min()


def test_cancel_during_a_nested_search_stops_at_once_and_leaves_no_run(store, monkeypatch):
    store.write_dataset("apps", classification_frame(), "table", source="test")
    fits_after_cancel = []
    cancelled = []
    original = fitting._fit

    def counting_fit(pipeline, X, y):
        if cancelled:
            fits_after_cancel.append(len(X))
        return original(pipeline, X, y)

    def report(fraction, message):
        if "outer fold 2 of 3: candidate 2 of 2" in message:
            cancelled.append(message)

    monkeypatch.setattr(fitting, "_fit", counting_fit)
    ctx = JobContext(report, lambda: bool(cancelled), min_interval=0.0)
    with pytest.raises(JobCancelled):
        train(store, "apps", target="bad", task="classification", models=["knn"], folds=3,
              search="grid", grids=KNN_GRID, ctx=ctx)
    assert cancelled and fits_after_cancel == []
    assert store.conn.execute("SELECT count(*) FROM runs").fetchone()[0] == 0
    folder = models_dir(store)
    assert not folder.exists() or not any(folder.iterdir())


def test_train_search_grid_command_reports_the_nested_search(store_path, capsys):
    from iotfin_gui.core.store import Store

    with Store.open(store_path) as store:
        store.write_dataset("apps", classification_frame(), "table", source="test")
    db = ["--db", str(store_path)]
    code = main(["train", *db, "--dataset", "apps", "--target", "bad", "--task",
                 "classification", "--models", "knn", "--cv", "3", "--search", "grid",
                 "--inner-folds", "2", "--json"])
    assert code == EXIT_OK
    payload = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    baseline, knn = payload["runs"]
    assert "search" not in baseline
    assert knn["search"]["nested"] is True and knn["search"]["inner_cv"] == "stratified 2"
    assert len(knn["search"]["fold_params"]) == 3
    assert knn["search"]["best_params"] == knn["params"]
    assert knn["search"]["best_inner_score"] > 0.5 and knn["metrics"]["roc_auc"] > 0.7
    assert main(["leaderboard", *db, "--json"]) == EXIT_OK
    rows = json.loads(capsys.readouterr().out.strip().splitlines()[-1])["runs"]
    assert [r["search_label"] for r in rows] == [None, "grid, nested (inner stratified 2)"]
