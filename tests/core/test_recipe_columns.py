"""Recipes read only the columns they use, and a recipe saved as a dataset is made batch by
batch when its row steps work row by row: the stored frame, its data hash and the run's
summary are those of the whole-frame path (read every column, run, save), for hand-written
and random recipes on a table with missing values, text, booleans and unused columns."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iotfin_gui.core.errors import UserFacingError
from iotfin_gui.core.recipes import columns_of, make_recipe, run_recipe, save_prepared
from iotfin_gui.core.recipes.batched import apply_and_save, row_local
from iotfin_gui.core.recipes.engine import apply_recipe, store_env, without_identifiers
from iotfin_gui.core.recipes.inputs import recipe_inputs
from iotfin_gui.core.store import Store

WIDE = "wide"
UNUSED = [f"unused_{n}" for n in range(6)]


def wide_frame(rows: int, seed: int, *, shuffled: bool = False) -> pd.DataFrame:
    """Device/time-ordered rows (unless ``shuffled``) with gaps in numbers, texts and flags."""
    rng = np.random.default_rng(seed)
    devices = np.sort(rng.choice(["A", "B", "C"], rows))
    start = pd.Timestamp("2026-01-01")
    times = pd.Series(start + pd.to_timedelta(rng.integers(0, 90 * 24, rows), unit="h"))
    frame = pd.DataFrame({"device": devices, "time": times})
    frame = frame.sort_values(["device", "time"], kind="stable").reset_index(drop=True)
    amount = rng.gamma(2.0, 50.0, rows)
    amount[rng.random(rows) < 0.1] = np.nan
    count = pd.array(rng.integers(0, 20, rows), dtype="Int64")
    count[rng.random(rows) < 0.1] = pd.NA
    kind = pd.Series(rng.choice(["cash", "card", "fault"], rows), dtype=object)
    kind[rng.random(rows) < 0.1] = None
    frame = frame.assign(amount=amount, count=count, kind=kind,
                         flag=rng.random(rows) < 0.3, label=rng.choice(["ok", "bad"], rows),
                         account=[f"ACC{n:05d}" for n in range(rows)])
    for number, name in enumerate(UNUSED):
        frame[name] = rng.normal(number, 1.0, rows)
    return frame.sample(frac=1.0, random_state=seed).reset_index(drop=True) if shuffled \
        else frame


def add_wide(store: Store, name: str = WIDE, rows: int = 240, seed: int = 3, **options: Any
             ) -> None:
    store.write_dataset(name, wide_frame(rows, seed, **options), "table", source="test",
                        roles={"device": "device_id", "time": "timestamp", "label": "label",
                               "account": "identifier"})


ROW_LOCAL = make_recipe("row_local", [
    ("filter_rows", {"conditions": [{"column": "amount", "op": ">", "value": 20}]}),
    ("missing_indicator", {"columns": ["count"]}),
    ("cast", {"columns": ["count"], "to": "float", "errors": "missing"}),
    ("calendar", {"features": ["day_of_week", "month"]}),
    ("split", {"method": "random", "test_fraction": 0.25, "seed": 4}),
    ("impute", {"columns": ["amount"], "strategy": "median"}),
    ("scale", {"columns": ["amount", "count"]}),
    ("one_hot", {"columns": ["kind"]}),
], target="label")
RESAMPLED = make_recipe("resampled", [
    ("resample", {"frequency": "daily", "aggregations": {"amount": "sum", "count": "sum"}}),
    ("lags", {"columns": ["amount"], "lags": [1]}),
    ("split", {"method": "time", "test_fraction": 0.2}),
])


def whole_path(store: Store, recipe: Any, name: str) -> tuple[pd.DataFrame, str, dict]:
    """What a recipe saved before column-limited reads: every column read, run, saved."""
    info = store.dataset(WIDE)
    prepared = without_identifiers(run_recipe(store.read_dataset(WIDE), recipe, columns_of(info),
                                              store_env(store)), info)
    prepared.dataset = info
    saved, run_id = save_prepared(store, prepared, name)
    return store.read_dataset(name), saved.data_hash, store.run(run_id)["params"]


def assert_same_as_whole(store: Store, recipe: Any, batch_rows: int = 17) -> None:
    summary, saved, run_id = apply_and_save(store, WIDE, recipe, "batched",
                                            batch_rows=batch_rows)
    expected, data_hash, params = whole_path(store, recipe, "whole")
    pd.testing.assert_frame_equal(store.read_dataset("batched"), expected)
    assert saved.data_hash == data_hash
    assert store.dataset("batched").roles == store.dataset("whole").roles
    ours = store.run(run_id)["params"]
    assert {k: v for k, v in ours.items() if k != "output"} == \
        {k: v for k, v in params.items() if k != "output"}
    assert summary["rows_out"] == len(expected)


def test_a_resample_reads_only_the_columns_it_aggregates(store: Store) -> None:
    add_wide(store)
    info = store.dataset(WIDE)
    assert recipe_inputs(RESAMPLED, info) == ["device", "time", "amount", "count", "label"]
    assert recipe_inputs(ROW_LOCAL, info, survivors=False) == [
        "device", "time", "amount", "count", "kind", "label"]
    assert recipe_inputs(ROW_LOCAL, info) == info.column_names


def test_apply_asks_the_store_only_for_those_columns(store: Store, monkeypatch) -> None:
    add_wide(store)
    asked = []
    reader = Store.read_dataset

    def spy(self: Store, name: Any, columns: Any = None, *args: Any, **kwargs: Any):
        asked.append(columns)
        return reader(self, name, columns, *args, **kwargs)

    monkeypatch.setattr(Store, "read_dataset", spy)
    prepared = apply_recipe(store, WIDE, RESAMPLED)
    # the size estimate reads the device and time to count the days a resample makes
    assert asked == [["device", "time"], ["device", "time", "amount", "count", "label"]]
    monkeypatch.setattr(Store, "read_dataset", reader)
    full = run_recipe(store.read_dataset(WIDE), RESAMPLED, columns_of(store.dataset(WIDE)))
    pd.testing.assert_frame_equal(prepared.frame, full.frame)


def test_a_drop_missing_of_every_column_reads_every_column_present(store: Store) -> None:
    add_wide(store)
    recipe = make_recipe("every", [("select_columns", {"columns": ["unused_0"],
                                                       "mode": "drop"}),
                                   ("drop_missing", {"threshold": 0.0})])
    assert recipe_inputs(recipe, store.dataset(WIDE), survivors=False) == [
        c for c in store.dataset(WIDE).column_names]


def test_row_local_recipes_are_saved_batch_by_batch_and_match(store: Store,
                                                              monkeypatch) -> None:
    add_wide(store)
    assert row_local(ROW_LOCAL)
    whole = []
    monkeypatch.setattr("iotfin_gui.core.recipes.batched.write_whole",
                        lambda *a, **k: whole.append(1))
    summary, saved, _run = apply_and_save(store, WIDE, ROW_LOCAL, "batched", batch_rows=17)
    assert not whole and saved.row_count == summary["rows_out"] > 0
    monkeypatch.undo()
    expected, data_hash, _params = whole_path(store, ROW_LOCAL, "whole")
    pd.testing.assert_frame_equal(store.read_dataset("batched"), expected)
    assert saved.data_hash == data_hash
    assert set(UNUSED) <= set(expected.columns) and "kind_cash" in expected.columns


@pytest.mark.parametrize("recipe", [ROW_LOCAL, RESAMPLED], ids=["row_local", "resampled"])
def test_saved_results_equal_the_whole_frame_path(store: Store, recipe: Any) -> None:
    add_wide(store)
    assert_same_as_whole(store, recipe)


def test_rows_out_of_order_are_made_whole_and_still_match(store: Store) -> None:
    add_wide(store, shuffled=True)
    assert_same_as_whole(store, ROW_LOCAL)


def test_a_failed_batch_leaves_nothing_and_the_whole_path_takes_over(store: Store,
                                                                     monkeypatch) -> None:
    add_wide(store)
    from iotfin_gui.core.recipes import batched

    real = batched._stream

    def broken(*args: Any):
        yielded = real(*args)
        yield next(yielded)
        raise batched.NotBatchable

    monkeypatch.setattr(batched, "_stream", broken)
    _summary, saved, run_id = apply_and_save(store, WIDE, ROW_LOCAL, "batched", batch_rows=17)
    assert [d.name for d in store.datasets()].count("batched") == 1
    runs = store.conn.execute("SELECT count(*) FROM runs WHERE kind = 'preprocess'").fetchone()
    assert runs[0] == 1 and store.run(run_id)["params"]["output"] == "batched"
    monkeypatch.undo()
    assert saved.data_hash == whole_path(store, ROW_LOCAL, "whole")[1]


ROW_STEPS = st.sampled_from([
    ("filter_rows", {"conditions": [{"column": "amount", "op": "<", "value": 150}]}),
    ("filter_rows", {"conditions": [{"column": "kind", "op": "in", "value": ["cash", "card"]},
                                    {"column": "flag", "op": "==", "value": True}],
                     "combine": "any"}),
    ("filter_devices", {"devices": ["A", "C"]}),
    ("filter_time", {"start": "2026-02-01"}),
    ("missing_indicator", {"columns": ["amount", "kind"]}),
    ("cast", {"columns": ["count"], "to": "text"}),
    ("categorize", {"columns": ["kind"]}),
    ("calendar", {"features": ["is_weekend", "day_of_month"], "prefix": "c_"}),
    ("select_columns", {"columns": ["unused_1", "unused_2"], "mode": "drop"}),
    ("drop_missing", {"threshold": 0.1}),
    ("timezone", {"to_zone": "Asia/Shanghai"}),
    ("lags", {"columns": ["amount"], "lags": [1, 2]}),
])
SPLITS = st.sampled_from([
    [], [("split", {"method": "random", "seed": 1})], [("split", {"method": "time"})],
    [("split", {"method": "stratified", "stratify": "label", "seed": 2})]])
LEARNED = st.sampled_from([
    ("impute", {"columns": ["amount"], "strategy": "mean"}),
    ("clip_outliers", {"columns": ["unused_3"], "per_device": True}),
    ("scale", {"columns": ["unused_4"], "method": "robust"}),
    ("frequency_encode", {"columns": ["label"]}),
    ("ordinal", {"columns": ["flag"]}),
])


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(rows=st.lists(ROW_STEPS, max_size=4), split=SPLITS,
       learned=st.lists(LEARNED, max_size=2, unique_by=lambda s: s[0]),
       batch_rows=st.integers(1, 300), shuffled=st.booleans())
def test_random_recipes_save_the_same_frame_and_hash(
        tmp_path_factory: pytest.TempPathFactory, rows: list, split: list, learned: list,
        batch_rows: int, shuffled: bool) -> None:
    path = tmp_path_factory.mktemp("columns") / "s.sqlite"
    with Store.open(path) as store:
        add_wide(store, rows=120, shuffled=shuffled)
        recipe = make_recipe("random", [*rows, *split, *learned])
        try:
            expected, data_hash, params = whole_path(store, recipe, "whole")
        except UserFacingError:
            with pytest.raises(UserFacingError):
                apply_and_save(store, WIDE, recipe, "batched", batch_rows=batch_rows)
            return
        from iotfin_gui.core.recipes import batched

        whole, real = [], batched.write_whole

        def counted(*args: Any, **kwargs: Any):
            whole.append(1)
            return real(*args, **kwargs)

        batched.write_whole = counted
        try:
            _summary, saved, run_id = apply_and_save(store, WIDE, recipe, "batched",
                                                     batch_rows=batch_rows)
        finally:
            batched.write_whole = real
        # made whole only when it must be: a step across rows, rows out of order, no rows
        assert bool(whole) == (not row_local(recipe) or shuffled or expected.empty)
        pd.testing.assert_frame_equal(store.read_dataset("batched"), expected)
        assert saved.data_hash == data_hash
        ours = store.run(run_id)["params"]
        assert {k: v for k, v in ours.items() if k != "output"} == \
            {k: v for k, v in params.items() if k != "output"}
