"""Guessing kinds and roles: daily series per device are withdrawals (NN5's shape), and
identifier-like columns get the identifier role and stay out of model features."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from iotfin_gui.core.ingest import Mapping, import_file, preview
from iotfin_gui.core.models.data import training_data


def nn5_long(path: Path, series: int = 3, days: int = 60) -> None:
    """NN5's long shape: series_id, date, value, one row per ATM and day."""
    rng = np.random.default_rng(5)
    dates = pd.date_range("1996-03-18", periods=days, freq="D").strftime("%Y-%m-%d")
    rows = [f"NN5-{s:03d},{d},{rng.uniform(5, 40):.13f}" for s in range(1, series + 1)
            for d in dates]
    path.write_text("series_id,date,value\n" + "\n".join(rows) + "\n")


def test_daily_values_per_device_are_withdrawals(tmp_path: Path, store) -> None:
    path = tmp_path / "nn5_train.csv"
    nn5_long(path)
    look = preview(path)
    assert look.kind == "withdrawals"
    assert look.mapping.roles() == {"series_id": "device_id", "date": "timestamp",
                                    "value": "amount"}
    result = import_file(store, path)
    assert (result.kind, result.rows_imported) == ("withdrawals", 180)


def test_hourly_values_stay_telemetry(tmp_path: Path) -> None:
    path = tmp_path / "sensor.csv"
    times = pd.date_range("2024-01-01", periods=48, freq="h").strftime("%Y-%m-%d %H:%M:%S")
    path.write_text("device,time,value\n" + "".join(f"A,{t},{i}.5\n" for i, t in
                                                    enumerate(times)))
    assert preview(path).kind == "telemetry"


@pytest.mark.parametrize("name", ["ID", "txn_id", "AccountId", "流水号"])
def test_id_named_columns_are_identifiers(tmp_path: Path, name: str) -> None:
    path = tmp_path / "t.csv"
    path.write_text(f"{name},age,default\n" + "".join(f"{i % 7},{20 + i % 30},{i % 2}\n"
                                                      for i in range(40)))
    assert preview(path).mapping.roles()[name] == "identifier"


def credit_csv(path: Path, first: str, ids: Callable[[int], int]) -> Path:
    """60 credit applications: a first column ``first`` of ``ids(row)``, age, limit, default."""
    rng = np.random.default_rng(0)
    rows = [f"{ids(i)},{rng.integers(20, 70)},{rng.integers(1, 9) * 1000},{i % 2}"
            for i in range(60)]
    path.write_text(f"{first},age,limit,default\n" + "\n".join(rows) + "\n")
    return path


def test_serial_numbers_are_identifiers_and_not_features(tmp_path: Path, store) -> None:
    result = import_file(store, credit_csv(tmp_path / "credit.csv", "row", lambda i: 1000 + i))
    assert store.dataset(result.dataset).roles["row"] == "identifier"
    data = training_data(store, result.dataset, target=None, task="classification", folds=3)
    assert "row" not in data.inputs.X.columns
    assert {"age", "limit"} <= set(data.inputs.X.columns)


def test_identifiers_stay_out_of_features_through_a_recipe(tmp_path: Path, store) -> None:
    from iotfin_gui.core.recipes import apply_recipe, make_recipe, save_recipe

    result = import_file(store, credit_csv(tmp_path / "credit.csv", "txn_id", lambda i: i % 13))
    recipe = make_recipe("scaled", [("scale", {"columns": ["age"]})], target="default")
    prepared = apply_recipe(store, result.dataset, recipe)
    assert "txn_id" in prepared.frame.columns
    assert "txn_id" not in prepared.feature_columns
    assert {"age", "limit"} <= set(prepared.feature_columns)
    save_recipe(store, recipe)
    data = training_data(store, result.dataset, target="default", task="classification",
                         folds=3, recipe="scaled")
    assert "txn_id" not in data.inputs.X.columns


@pytest.mark.parametrize(("renamed", "clash"), [("AMOUNT", "amount"), ("rowid", "rowid")])
def test_a_rename_that_clashes_without_case_is_refused_before_import(
        tmp_path: Path, renamed: str, clash: str) -> None:
    from iotfin_gui.core.errors import InputError, user_message

    path = tmp_path / "t.csv"
    path.write_text("amount,fee\n1,2\n3,4\n")
    mapping = preview(path).mapping
    edited = Mapping(mapping.kind, tuple(replace(c, name=renamed) if c.source == "fee" else c
                                         for c in mapping.columns))
    with pytest.raises(InputError) as caught:
        edited.check()
    assert clash in str(user_message(caught.value)) and "'fee'" in str(user_message(caught.value))
