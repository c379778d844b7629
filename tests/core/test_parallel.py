"""Parallelism (issue 15): one place decides processes x threads, folds, candidates and
backtest origins run in parallel with the same results as a serial run, every worker caps its
thread pools, Cancel keeps the finished models, and progress turns into remaining time."""

from __future__ import annotations

import numpy as np
import pandas as pd
import parallel_jobs
import pytest

from iotfin_gui.core import parallel
from iotfin_gui.core.errors import JobCancelled
from iotfin_gui.core.forecast import forecast
from iotfin_gui.core.jobs import CancelledWithResults, Eta, JobContext, JobPool, JobSpec
from iotfin_gui.core.models import leaderboard, train
from iotfin_gui.core.models.data import training_data
from iotfin_gui.core.models.fitting import cross_validate, validate_and_fit
from iotfin_gui.core.models.search import nested_cross_validate
from iotfin_gui.core.models.specs import (
    default_models,
    estimate_seconds,
    model_spec,
    training_seconds,
)
from tests.core.models_fixtures import classification_frame


@pytest.fixture
def two_cores(monkeypatch):
    """The app may use two cores, and even small work goes to worker processes."""
    monkeypatch.setenv(parallel.CORES_VARIABLE, "2")
    monkeypatch.setattr(parallel, "available_cores", lambda: 2)
    monkeypatch.setattr(parallel, "MIN_PARALLEL_SECONDS", 0.0)


def test_workers_times_threads_never_exceed_the_cores() -> None:
    for cores in range(1, 9):
        for pieces in range(0, 12):
            plan = parallel.Plan.for_pieces(pieces, cores)
            assert plan.workers * plan.threads <= cores
            assert plan.workers == max(1, min(pieces, cores)) or cores == 1
    assert parallel.Plan.for_pieces(10, 2) == parallel.Plan(2, 1)
    assert parallel.Plan.for_pieces(1, 4) == parallel.Plan(1, 4)  # one piece: threads instead
    assert parallel.Plan.for_pieces(10, 2, seconds=0.5) == parallel.Plan(1, 2)  # too small


def test_the_cores_setting(monkeypatch) -> None:
    monkeypatch.setattr(parallel, "available_cores", lambda: 4)
    monkeypatch.setenv(parallel.CORES_VARIABLE, "3")
    assert parallel.cores() == 3
    monkeypatch.setenv(parallel.CORES_VARIABLE, "16")
    assert parallel.cores() == 4  # never more than there are
    monkeypatch.setenv(parallel.CORES_VARIABLE, "zero")
    assert parallel.cores() == 4
    monkeypatch.delenv(parallel.CORES_VARIABLE)
    assert parallel.cores() == 4


def _problem(store, **options):
    store.write_dataset("apps", classification_frame(rows=240), "table", source="test")
    return training_data(store, "apps", target="bad", task="classification", cv="stratified",
                         folds=4, **options).problem


def test_folds_in_parallel_equal_a_serial_run(store, two_cores) -> None:
    problem = _problem(store)
    spec = model_spec("classification", "random_forest")
    with parallel.use_cores(1):
        serial, serial_threshold, serial_model = validate_and_fit(problem, spec)
    with parallel.use_cores(2):
        parallel_run, threshold, model = validate_and_fit(problem, spec)
    assert parallel_run.per_fold == serial.per_fold
    pd.testing.assert_frame_equal(parallel_run.oof, serial.oof)
    assert parallel_run.thresholds == serial.thresholds
    assert parallel_run.importance == serial.importance
    assert threshold == serial_threshold
    X = problem.X.iloc[:50]
    assert np.array_equal(model.predict_proba(X), serial_model.predict_proba(X))


def test_search_candidates_and_outer_folds_in_parallel_equal_a_serial_run(store, two_cores):
    problem = _problem(store)
    spec, grid = model_spec("classification", "knn"), {"n_neighbors": [3, 9, 27]}
    with parallel.use_cores(1):
        serial = nested_cross_validate(problem, spec, grid, "grid", JobContext(), inner=2)
    with parallel.use_cores(2):
        run = nested_cross_validate(problem, spec, grid, "grid", JobContext(), inner=2)
    assert run.fold_choices == serial.fold_choices
    assert run.final.candidates == serial.final.candidates
    assert run.outcome.per_fold == serial.outcome.per_fold


def test_backtest_origins_in_parallel_equal_a_serial_run(two_cores) -> None:
    rng = np.random.default_rng(3)
    days = pd.date_range("2023-01-01", periods=200, freq="D")
    frame = pd.DataFrame({"atm": np.repeat([f"A{i}" for i in range(4)], len(days)),
                          "day": np.tile(days, 4)})
    frame["amount"] = 100 + 30 * (frame["day"].dt.day_of_week == 4) + rng.normal(0, 5, len(frame))
    options = {"id_col": "atm", "time_col": "day", "value_col": "amount", "horizon": 14,
               "model": "auto", "n_origins": 3}
    with parallel.use_cores(1):
        serial = forecast(frame, **options)
    with parallel.use_cores(2):
        run = forecast(frame, **options)
    assert run.model == serial.model
    pd.testing.assert_frame_equal(run.forecast, serial.forecast)
    pd.testing.assert_frame_equal(run.overall.drop(columns="seconds"),
                                  serial.overall.drop(columns="seconds"))


def test_pieces_run_in_workers_with_capped_thread_pools(two_cores) -> None:
    with parallel.use_cores(2):
        results = [r for _, r in parallel.run_tasks(parallel_jobs.pools, [(), ()])]
    for result in results:
        assert result["in_worker"] and result["share"] == 1
        assert result["threads"] == 1  # two workers x one thread on two cores
        assert "openmp" in result["apis"] and result["wait_policy"] == "PASSIVE"


def test_the_job_pool_gives_each_job_its_share_and_caps_its_pools(monkeypatch) -> None:
    monkeypatch.setattr(parallel, "MIN_PARALLEL_SECONDS", 0.0)
    pool = JobPool(max_workers=2, cores=2, warm_imports=("numpy", "sklearn.ensemble"))
    try:
        alone = pool.wait(pool.submit(JobSpec.of("pools", parallel_jobs.pools_job)), 120)
        assert alone.kind == "done"
        assert alone.result["share"] == 2 and alone.result["threads"] <= 2
        assert alone.result["wait_policy"] == "PASSIVE"
        pieces = pool.wait(pool.submit(JobSpec.of("pieces", parallel_jobs.pieces_job)), 180)
        assert [p["threads"] for p in pieces.result] == [1, 1]
        busy = pool.submit(JobSpec.of("busy", parallel_jobs.wait_for_cancel, keep=False))
        beside = pool.wait(pool.submit(JobSpec.of("pools", parallel_jobs.pools_job)), 120)
        assert beside.result["share"] == 1 and beside.result["threads"] == 1
        pool.cancel(busy)
        assert pool.wait(busy, 60).kind == "cancelled"
    finally:
        pool.shutdown()


def test_a_job_winding_up_after_cancel_is_not_killed_and_hands_back_what_it_kept() -> None:
    pool = JobPool(max_workers=1, cancel_grace=0.5, warm_imports=(), wind_up_grace=30)
    try:
        job = pool.submit(JobSpec.of("keeps", parallel_jobs.wait_for_cancel))
        while not any(j[0] == job and j[2] is None and j[3] for j in pool.running()):
            pool.poll()
        pool.cancel(job)
        final = pool.wait(job, 60)
        assert final.kind == "cancelled" and final.result == ["kept"]
    finally:
        pool.shutdown()


def test_cancel_keeps_the_models_that_finished(store) -> None:
    store.write_dataset("apps", classification_frame(), "table", source="test")
    cancel = [False]

    def report(fraction, message):
        cancel[0] = cancel[0] or "naive Bayes" in str(message)

    ctx = JobContext(report, lambda: cancel[0], min_interval=0)
    with pytest.raises(CancelledWithResults) as caught:
        train(store, "apps", target="bad", task="classification",
              models=["logistic", "naive_bayes"], folds=3, ctx=ctx)
    kept = caught.value.results
    assert [r["model"] for r in kept] == ["baseline", "logistic"]
    board = leaderboard(store, task="classification")
    assert sorted(board["model"]) == ["baseline", "logistic"]
    assert board["partial"].all()
    params = store.run(kept[1]["run_id"])["params"]
    assert params["partial"] == {"trained": ["baseline", "logistic"],
                                 "left_out": ["naive_bayes"]}


def test_cancel_before_any_model_finished_keeps_nothing(store) -> None:
    store.write_dataset("apps", classification_frame(), "table", source="test")
    ctx = JobContext(None, lambda: True)
    with pytest.raises(JobCancelled) as caught:
        train(store, "apps", target="bad", task="classification", models=["logistic"],
              folds=3, ctx=ctx)
    assert not isinstance(caught.value, CancelledWithResults)
    assert leaderboard(store).empty


def test_defaults_scale_with_the_data() -> None:
    small = default_models("classification", 1000, 60, folds=5)
    assert small == default_models("classification")  # a small table trains every model
    big = default_models("classification", 30_000, 23)
    assert "rbf_svm" not in big and "random_forest" not in big
    assert big[0] == "baseline" and "logistic" in big and "hist_gb" in big
    svm, logistic = (model_spec("classification", n) for n in ("rbf_svm", "logistic"))
    assert training_seconds(svm, 30_000) / training_seconds(svm, 3_000) > 30  # quadratic-ish
    assert training_seconds(logistic, 30_000) / training_seconds(logistic, 3_000) < 11


def test_the_estimate_counts_threshold_fits_only_where_they_run() -> None:
    names = ["logistic", "random_forest"]
    kfold = estimate_seconds("classification", names, 1000, 20, folds=5, cv="stratified")
    time_cv = estimate_seconds("classification", names, 1000, 20, folds=5, cv="time")
    assert time_cv > 2.5 * kfold  # an inner 3-fold CV per fold: two more fold-sized fits
    assert estimate_seconds("regression", ["ridge"], 1000, cv="time") == estimate_seconds(
        "regression", ["ridge"], 1000, cv="kfold")
    assert estimate_seconds("classification", names, 1000, 20, folds=5, cv="stratified",
                            cores=2) == pytest.approx(kfold / 2)


def test_progress_of_a_cross_validation_is_weighted_and_reaches_one(store) -> None:
    problem = _problem(store)
    seen: list[float] = []
    cross_validate(problem, model_spec("classification", "logistic"),
                   ctx=JobContext(lambda f, m: seen.append(f), min_interval=0))
    assert seen == sorted(seen) and seen[-1] == 1.0


def test_remaining_time_is_extrapolated_from_weighted_progress() -> None:
    now = [100.0]
    eta = Eta(lambda: now[0])
    assert eta.remaining is None and str(eta.describe()) == "0:00 elapsed"
    now[0] += 30
    eta.update(0.25)
    assert eta.remaining == pytest.approx(90)
    assert str(eta.describe()) == "0:30 elapsed, about 1:30 left"
    now[0] += 3600
    eta.update(0.99)
    assert str(eta.describe()).startswith("1:00:30 elapsed")
