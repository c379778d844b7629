"""Folds and leakage: grouped CV keeps devices whole, time-series CV never trains on the
future (and, with a gap, purges the training rows whose look-ahead label reaches the scored
rows), preprocessing only ever sees training rows, a fold's decision threshold never sees its
own rows (the other folds' predictions choose it, or an inner CV of a hold-out's training
rows), and a target-shuffled dataset scores like the baseline."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iotfin_gui.core.errors import InputError, user_message
from iotfin_gui.core.model_names import describe_cv
from iotfin_gui.core.models import fitting, make_folds, model_spec
from iotfin_gui.core.models.cost import best_threshold
from iotfin_gui.core.models.cv import inner_folds
from iotfin_gui.core.models.data import training_data
from iotfin_gui.core.models.fitting import cross_validate
from tests.core.models_fixtures import classification_frame, device_frame


def test_grouped_cv_never_splits_a_device():
    frame = device_frame(devices=7)
    folds = make_folds("group", len(frame), folds=3, repeats=2, groups=frame["device_id"])
    assert len(folds) == 6
    for fold in folds:
        train = set(frame["device_id"].iloc[fold.train])
        test = set(frame["device_id"].iloc[fold.test])
        assert train.isdisjoint(test) and test
    for repeat in (0, 1):
        tested = np.concatenate([f.test for f in folds if f.repeat == repeat])
        assert sorted(tested) == list(range(len(frame)))


def test_time_cv_never_trains_on_the_future():
    frame = device_frame().sample(frac=1.0, random_state=0).reset_index(drop=True)
    folds = make_folds("time", len(frame), folds=4, times=frame["date"])
    assert len(folds) == 4
    for fold in folds:
        assert frame["date"].iloc[fold.train].max() < frame["date"].iloc[fold.test].min()
    assert [len(f.train) for f in folds] == sorted(len(f.train) for f in folds)


def hourly_times(devices: int = 3, hours: int = 120) -> pd.Series:
    """Hourly times of a few devices, shuffled (so folds cannot rely on row order)."""
    stamps = np.tile(pd.date_range("2015-01-01", periods=hours, freq="h"), devices)
    return pd.Series(np.random.default_rng(3).permutation(stamps))


def test_time_cv_gap_purges_training_rows_whose_label_reaches_the_scored_rows():
    times = hourly_times()
    plain = make_folds("time", len(times), folds=3, times=times)
    purged = make_folds("time", len(times), folds=3, times=times, gap_hours=24)
    for before, after in zip(plain, purged, strict=True):
        start = times.iloc[after.test].min()
        assert np.array_equal(before.test, after.test)  # the same rows are scored
        # a label "failure in (t, t + 24 h]" of every training row ends before the scored rows
        assert (times.iloc[after.train] + pd.Timedelta(hours=24) < start).all()
        near = times.iloc[before.train] >= start - pd.Timedelta(hours=24)
        assert np.array_equal(after.train, before.train[~near.to_numpy()])
        assert near.sum() == 24 * 3  # exactly the last 24 hours of each of the 3 devices


def test_time_cv_gap_in_days_and_in_inner_folds():
    frame = device_frame(days=30)
    for fold in make_folds("time", len(frame), folds=3, times=frame["date"], gap_hours=48):
        last, first = frame["date"].iloc[fold.train].max(), frame["date"].iloc[fold.test].min()
        assert first - last == pd.Timedelta(days=3)  # two days purged between them
    times = hourly_times()
    rows = np.flatnonzero(times < pd.Timestamp("2015-01-05"))
    for fold in inner_folds("time", rows, folds=2, times=times, gap_hours=24):
        assert set(fold.train) | set(fold.test) <= set(rows)
        assert (times.iloc[fold.train].max() + pd.Timedelta(hours=24)
                < times.iloc[fold.test].min())


def test_time_cv_gap_is_refused_when_it_cannot_apply():
    times = hourly_times(hours=40)
    with pytest.raises(InputError) as negative:
        make_folds("time", len(times), folds=3, times=times, gap_hours=-1)
    assert user_message(negative.value).params == {"hours": -1}
    with pytest.raises(InputError, match="time-series CV only"):
        make_folds("kfold", len(times), folds=3, gap_hours=24)
    with pytest.raises(InputError) as emptied:
        make_folds("time", len(times), folds=3, times=times, gap_hours=10)
    message = user_message(emptied.value)
    assert message.context == "Core" and message.params == {"hours": 10, "fold": 1}
    assert "no training rows left" in message


def test_cv_label_names_the_gap():
    label = describe_cv("time", 3, 1, gap_hours=24)
    assert label == "time 3 (expanding, gap 24 h)" and label.context == "Core"
    assert describe_cv("time", 3, 1) == "time 3 (expanding)"


def test_stratified_repeats_and_holdout():
    y = pd.Series([0] * 30 + [1] * 10)
    folds = make_folds("stratified", 40, folds=5, repeats=3, y=y, seed=1)
    assert len(folds) == 15 and all(y.iloc[f.test].sum() == 2 for f in folds)
    (holdout,) = make_folds("holdout", 40, y=y)
    assert len(holdout.test) == 8 and set(holdout.train).isdisjoint(holdout.test)


def test_scaler_is_fitted_on_training_rows_only(store):
    store.write_dataset("apps", classification_frame(), "table", source="test")
    data = training_data(store, "apps", target="bad", task="classification", cv="stratified",
                         folds=3)
    problem = data.problem
    outcome = cross_validate(problem, model_spec("classification", "logistic"))
    pipeline, test_rows = outcome.first_fold
    scaler = pipeline.named_steps["prep"].named_transformers_["numeric"][-1]
    train_rows = problem.folds[0].train
    assert np.allclose(scaler.mean_, problem.X.iloc[train_rows][problem.numeric].mean())
    assert not np.allclose(scaler.mean_, problem.X[problem.numeric].mean())
    assert set(test_rows).isdisjoint(train_rows)


def _spy_predictions(monkeypatch) -> list[set[int]]:
    """The rows of every positive-class prediction made from now on."""
    seen: list[set[int]] = []
    original = fitting.positive_score

    def spy(pipeline, X):
        seen.append(set(X.index))
        return original(pipeline, X)

    monkeypatch.setattr(fitting, "positive_score", spy)
    return seen


def test_kfold_thresholds_come_from_the_other_folds_without_extra_fits(store, monkeypatch):
    store.write_dataset("apps", classification_frame(), "table", source="test")
    problem = training_data(store, "apps", target="bad", task="classification",
                            cv="stratified", folds=3).problem
    seen = _spy_predictions(monkeypatch)
    outcome = cross_validate(problem, model_spec("classification", "logistic"))
    assert seen == [set(fold.test) for fold in problem.folds]  # one prediction per fold
    oof = outcome.oof
    for fold, threshold in zip(problem.folds, outcome.thresholds, strict=True):
        others = oof[~oof["row"].isin(fold.test)]
        assert set(others["row"]).isdisjoint(fold.test)
        assert threshold == best_threshold(others["actual"], others["predicted"], 1, 5)
        assert (oof.loc[oof["row"].isin(fold.test), "threshold"] == threshold).all()


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), folds=st.integers(2, 6), repeats=st.integers(1, 2))
def test_a_folds_threshold_never_depends_on_its_own_rows(seed, folds, repeats):
    """Whatever a fold's own labels and predictions are, its threshold stays the same."""
    rng = np.random.default_rng(seed)
    problem = fitting.Problem("classification", pd.DataFrame(), None, [], [], [],
                              cost_fp=1, cost_fn=5, scheme="stratified")

    def results(own: tuple[int, int] | None) -> list[fitting.FoldResult]:
        out = []
        for repeat in range(repeats):
            for index in range(folds):
                local = np.random.default_rng(seed * 100 + repeat * 10 + index)
                if own == (repeat, index):
                    local = rng
                size = 30
                oof = pd.DataFrame({"row": np.arange(size), "repeat": repeat, "fold": index,
                                    "actual": local.integers(0, 2, size),
                                    "predicted": local.random(size), "threshold": np.nan})
                out.append(fitting.FoldResult({}, oof, 0.0, 0.0, None))
        return out

    own = (int(rng.integers(repeats)), int(rng.integers(folds)))
    first, second = results(None), results(own)
    fitting.assign_cross_fold_thresholds(problem, first)
    fitting.assign_cross_fold_thresholds(problem, second)
    position = own[0] * folds + own[1]
    assert first[position].threshold == second[position].threshold


def test_holdout_threshold_is_chosen_on_validation_rows_inside_the_training_rows(store,
                                                                                 monkeypatch):
    """A hold-out has no other fold: an inner CV of its training rows chooses the threshold."""
    store.write_dataset("apps", classification_frame(), "table", source="test")
    data = training_data(store, "apps", target="bad", task="classification", cv="holdout")
    seen = _spy_predictions(monkeypatch)
    cross_validate(data.problem, model_spec("classification", "logistic"))
    *inner, scored = seen
    assert len(inner) == fitting.THRESHOLD_FOLDS  # inner out-of-fold predictions
    fold = data.problem.folds[0]
    validation = set().union(*inner)
    assert sum(map(len, inner)) == len(validation)  # each training row validated once
    assert validation == set(fold.train) and validation.isdisjoint(fold.test)
    assert scored == set(fold.test)


def test_threshold_minimises_the_smoothed_cost_curve():
    from iotfin_gui.core.models.cost import (
        SMOOTHING,
        THRESHOLD_GRID,
        best_threshold,
        cost_curve,
        smoothed,
    )

    rng = np.random.default_rng(5)
    y = rng.random(300) < 0.3
    score = np.clip(0.3 + 0.25 * (y - 0.3) + rng.normal(0, 0.2, 300), 0, 1)
    thresholds, costs = cost_curve(y, score, 1, 5, np.union1d(THRESHOLD_GRID, [1 / 6]))
    raw = best_threshold(y, score, 1, 5, smoothing=0)
    assert costs[thresholds == raw][0] == costs.min()
    curve = smoothed(thresholds, costs, SMOOTHING)
    chosen = best_threshold(y, score, 1, 5)
    assert curve[thresholds == chosen][0] == pytest.approx(curve.min())
    assert curve[thresholds == raw][0] >= curve.min()
    flat = np.full(300, 0.5)  # every threshold below 0.5 costs the same: the Bayes cut-off
    assert best_threshold(y, flat, 1, 5) == pytest.approx(1 / 6)


def test_shuffled_target_scores_like_the_baseline(store):
    from iotfin_gui.core.models import train

    frame = classification_frame(rows=240)
    frame["bad"] = np.random.default_rng(9).permutation(frame["bad"].to_numpy())
    store.write_dataset("shuffled", frame, "table", source="test")
    results = train(store, "shuffled", target="bad", task="classification",
                    models=["logistic"], cv="stratified", folds=4, repeats=2)
    assert abs(results[1].metrics["roc_auc"][0] - 0.5) < 0.1
