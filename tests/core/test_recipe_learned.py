"""Learned steps are fitted on the training rows only; splits put the right rows in test."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from iotfin_gui.core.recipes import Columns, RecipeError, make_recipe, run_recipe


def table(rows: int = 100) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    return pd.DataFrame({
        "device_id": [f"D{i % 5}" for i in range(rows)],
        "ts": pd.date_range("2026-01-01", periods=rows, freq="h"),
        "x": rng.normal(10, 2, rows), "y": rng.integers(0, 2, rows),
        "kind": rng.choice(["a", "b", "c", "d"], rows, p=[0.5, 0.3, 0.15, 0.05]),
    })


def run(frame: pd.DataFrame, steps: list, target: str | None = "y"):
    columns = Columns.of_frame(frame, device="device_id", time="ts")
    return run_recipe(frame, make_recipe("t", steps, target=target), columns)


TIME_SPLIT = ("split", {"method": "time", "before": "2026-01-04 00:00"})


def test_scaler_statistics_come_from_the_training_rows_alone() -> None:
    frame = table()
    poisoned = frame.copy()
    poisoned.loc[poisoned["ts"] >= "2026-01-04", "x"] = 1e12  # extreme test values
    for data in (frame, poisoned):
        prepared = run(data, [TIME_SPLIT, ("scale", {"columns": ["x"]})])
        scaler = prepared.pipeline.steps[0][1].named_transformers_["scale"]
        train = frame.loc[frame["ts"] < "2026-01-04", "x"]
        assert scaler.mean_[0] == pytest.approx(train.mean())
        assert scaler.scale_[0] == pytest.approx(train.std(ddof=0))
        assert prepared.X_train["x"].mean() == pytest.approx(0, abs=1e-9)


def test_imputer_clipper_and_encoders_ignore_test_rows() -> None:
    frame = table()
    test_rows = frame["ts"] >= "2026-01-04"
    frame.loc[test_rows, "x"] = 1e9
    frame.loc[test_rows, "kind"] = "only_in_test"
    frame.loc[3, "x"] = np.nan
    prepared = run(frame, [TIME_SPLIT,
                           ("impute", {"columns": ["x"], "strategy": "mean"}),
                           ("clip_outliers", {"columns": ["x"], "method": "iqr",
                                              "per_device": True}),
                           ("one_hot", {"columns": ["kind"], "max_categories": 3})])
    train_x = frame.loc[~test_rows, "x"]
    filled = prepared.frame[(prepared.frame["ts"] == frame["ts"][3])
                            & (prepared.frame["device_id"] == frame["device_id"][3])]
    assert filled["x"].item() == pytest.approx(train_x.mean())
    assert prepared.X_test["x"].max() < 30  # clipped to bounds learned from training rows
    assert "kind_only_in_test" not in prepared.frame
    assert prepared.X_test["kind_other"].eq(1).all()
    assert sorted(c for c in prepared.feature_columns if c.startswith("kind_")) == [
        "kind_a", "kind_b", "kind_other"]


def test_frequency_and_ordinal_encoding_learned_on_training_rows() -> None:
    frame = pd.DataFrame({"kind": ["a", "a", "b", "c", "c", "c"], "y": [0, 1, 0, 1, 0, 1],
                          "rank": ["low", "high", "mid", "low", "zzz", "mid"]})
    prepared = run_recipe(frame, make_recipe("t", [
        ("split", {"method": "random", "test_fraction": 0.5, "seed": 3}),
        ("frequency_encode", {"columns": ["kind"]}),
        ("ordinal", {"columns": ["rank"], "orders": {"rank": ["low", "mid", "high"]}}),
    ], target="y"), Columns.of_frame(frame))
    train = frame[~prepared.test_mask]
    shares = train["kind"].value_counts(normalize=True)
    expected = frame["kind"].map(shares).fillna(0.0)
    assert prepared.frame["kind"].tolist() == pytest.approx(expected.tolist())
    ranks = {"low": 0, "mid": 1, "high": 2, "zzz": -1}
    assert prepared.frame["rank"].tolist() == [ranks[v] for v in frame["rank"]]


def test_fitted_pipeline_applies_to_new_rows() -> None:
    frame = table()
    prepared = run(frame, [TIME_SPLIT, ("scale", {"columns": ["x"], "method": "minmax"})])
    rows = frame.sort_values(["device_id", "ts"]).drop(columns=["y"])
    again = prepared.pipeline.transform(rows)
    assert again["x"].to_numpy() == pytest.approx(prepared.frame["x"].to_numpy())


def test_time_split_trains_on_the_past_only() -> None:
    frame = table()
    prepared = run(frame, [("lags", {"columns": ["x"], "lags": [1]}), TIME_SPLIT])
    assert prepared.time_train.max() < pd.Timestamp("2026-01-04") <= prepared.time_test.min()
    last = run(frame, [("split", {"method": "time", "last_days": 1})])
    assert last.time_test.min() > frame["ts"].max() - pd.Timedelta(days=1)
    share = run(frame, [("split", {"method": "time", "test_fraction": 0.25})])
    assert share.test_mask.sum() == 25 and share.time_train.max() < share.time_test.min()


def test_grouped_random_and_stratified_splits() -> None:
    frame = table()
    grouped = run(frame, [("split", {"method": "group", "test_fraction": 0.4, "seed": 1})])
    assert not set(grouped.groups_train) & set(grouped.groups_test)
    assert len(set(grouped.groups_test)) == 2
    strat = run(frame, [("split", {"method": "stratified", "test_fraction": 0.5})])
    assert strat.y_test.mean() == pytest.approx(frame["y"].mean(), abs=0.02)
    again = run(frame, [("split", {"method": "stratified", "test_fraction": 0.5})])
    assert (again.test_mask == strat.test_mask).all() and strat.seed == 0


def test_target_is_never_transformed_and_shapes_fit_models() -> None:
    frame = table()
    with pytest.raises(RecipeError, match=r"Step 2 \(scale\).*'y' is the recipe's target"):
        run(frame, [TIME_SPLIT, ("scale", {"columns": ["y"]})])
    prepared = run(frame, [TIME_SPLIT])
    assert list(prepared.X_train.columns) == ["x", "kind"]
    assert len(prepared.X_train) == len(prepared.y_train) == len(prepared.groups_train)
    assert len(prepared.X_test) + len(prepared.X_train) == len(frame)


def test_steps_must_be_in_phase_order() -> None:
    with pytest.raises(RecipeError, match=r"Step 2 \(lags\).*ordered"):
        make_recipe("t", [("scale", {"columns": ["x"]}), ("lags", {"columns": ["x"],
                                                                    "lags": [1]})])
    with pytest.raises(RecipeError, match=r"Step 2 \(split\)"):
        make_recipe("t", [TIME_SPLIT, TIME_SPLIT])


def test_no_training_rows_is_a_clear_error() -> None:
    with pytest.raises(RecipeError, match="no training rows"):
        run(table(), [("split", {"method": "time", "before": "2020-01-01"}),
                      ("scale", {"columns": ["x"]})])


def test_preview_of_a_rescaled_column_bins_the_new_values_on_their_own() -> None:
    from iotfin_gui.core.recipes.preview import histograms

    raw = pd.Series(np.linspace(10_000, 90_000, 200))
    scaled = (raw - raw.mean()) / raw.std()
    before, after = histograms(raw, scaled)
    assert before is None
    assert after is not None and max(after.counts) < len(raw) / 2
    assert after.edges[0] == pytest.approx(scaled.min()) and after.edges[-1] == pytest.approx(
        scaled.max())
    clipped = raw.clip(upper=80_000)
    before, after = histograms(raw, clipped)
    assert before is not None and before.edges == after.edges
