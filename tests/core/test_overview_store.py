"""A dataset's overview is computed once per content and kept: the kept one equals a fresh scan
value for value and type for type, another content (rows, types, roles) is never served the old
one, and emptying the trash takes it away."""

from __future__ import annotations

import datetime as dt
import sqlite3

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iotfin_gui.core import overview_store, trash
from iotfin_gui.core.overview import (
    column_summary,
    daily_series,
    kept_column_summary,
    kept_daily_series,
)
from iotfin_gui.core.store import Store

FLOATS = st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True, width=64))
TEXTS = st.one_of(st.none(), st.text(max_size=6))
TIMES = st.one_of(st.none(), st.datetimes(min_value=dt.datetime(1990, 1, 1),
                                          max_value=dt.datetime(2040, 1, 1)))


def _frame(rows: list[tuple]) -> pd.DataFrame:
    time, amount, level, note, flag = zip(*rows, strict=True)
    return pd.DataFrame({
        "time": pd.to_datetime(pd.Series(time, dtype="object")).dt.floor("s"),
        "amount": pd.array([None if a is None else a for a in amount], dtype="Int64"),
        "level": pd.Series([np.nan if v is None else v for v in level], dtype="float64"),
        "note": pd.Series(note, dtype="object"),
        "flag": pd.array(flag, dtype="boolean"),
    })


def _same(left: object, right: object) -> bool:
    """Equal and of one type; missing values (NaN, NaT, None) equal their own kind."""
    if type(left) is not type(right):
        return False
    if pd.api.types.is_scalar(left) and pd.isna(left):
        return bool(pd.isna(right))
    return left == right


@pytest.fixture()
def store(tmp_path):
    with Store.open(tmp_path / "store.sqlite") as opened:
        yield opened


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(TIMES, st.one_of(st.none(), st.integers(-10**12, 10**12)), FLOATS,
                          TEXTS, st.one_of(st.none(), st.booleans())), min_size=1, max_size=30),
       st.sampled_from(["amount", "level"]))
def test_a_kept_overview_equals_a_fresh_scan(tmp_path_factory, rows, measure):
    path = tmp_path_factory.mktemp("kept") / "store.sqlite"
    roles = {"time": "timestamp", measure: "amount" if measure == "amount" else "metric"}
    with Store.open(path) as store:
        store.write_dataset("data", _frame(rows), "table", roles=roles, source="test")
        scanned_daily = daily_series(store, "data")
        scanned_columns = column_summary(store, "data")
        kept_daily, kept_columns = kept_daily_series(store, "data"), kept_column_summary(
            store, "data")
    assert kept_daily is not None and kept_columns is not None
    pd.testing.assert_frame_equal(kept_daily.daily, scanned_daily.daily)
    assert kept_daily.measure == scanned_daily.measure
    assert list(kept_columns.columns) == list(scanned_columns.columns)
    for kept_row, scanned_row in zip(kept_columns.itertuples(index=False),
                                     scanned_columns.itertuples(index=False), strict=True):
        assert all(_same(k, s) for k, s in zip(kept_row, scanned_row, strict=True)), (
            kept_row, scanned_row)


def _telemetry() -> pd.DataFrame:
    return pd.DataFrame({
        "time": pd.date_range("2026-01-01", periods=48, freq="h"),
        "device_id": ["A", "B"] * 24,
        "cash": np.arange(48, dtype="float64"),
    })


def test_the_second_view_does_not_scan(store, monkeypatch):
    store.write_dataset("t", _telemetry(), "telemetry",
                        roles={"time": "timestamp", "device_id": "device_id", "cash": "metric"},
                        source="test")
    assert kept_daily_series(store, "t") is None and kept_column_summary(store, "t") is None
    first_daily, first_columns = daily_series(store, "t").daily, column_summary(store, "t")

    def no_scan(*args, **kwargs):
        raise AssertionError("the kept overview should have been used")

    monkeypatch.setattr(store, "query_dataset", no_scan)
    pd.testing.assert_frame_equal(daily_series(store, "t").daily, first_daily)
    pd.testing.assert_frame_equal(column_summary(store, "t"), first_columns)
    assert list(first_daily["value"]) == [11.5, 35.5]


def test_another_content_is_not_served_the_old_overview(store):
    store.write_dataset("t", _telemetry(), "telemetry",
                        roles={"time": "timestamp", "cash": "metric"}, source="test")
    before = daily_series(store, "t")
    store.conn.execute("UPDATE datasets SET roles = ? WHERE name = 't'",
                       ['{"time": "timestamp"}'])
    assert kept_daily_series(store, "t") is None
    assert kept_column_summary(store, "t") is None
    after = daily_series(store, "t")
    assert str(before.measure) == "mean of cash" and str(after.measure) == "rows"
    assert list(after.daily["value"]) == [24.0, 24.0]
    assert store.conn.execute("SELECT count(*) FROM overviews").fetchone()[0] == 1


def test_emptying_the_trash_takes_the_overviews_with_the_dataset(store):
    store.write_dataset("t", _telemetry(), "telemetry", roles={"time": "timestamp"},
                        source="test")
    daily_series(store, "t")
    column_summary(store, "t")
    store.delete_dataset("t")
    assert store.conn.execute("SELECT count(*) FROM overviews").fetchone()[0] == 2
    trash.empty(store)
    assert store.conn.execute("SELECT count(*) FROM overviews").fetchone()[0] == 0


def test_a_store_that_cannot_take_the_write_still_gets_its_overview(store, monkeypatch):
    store.write_dataset("t", _telemetry(), "telemetry", roles={"time": "timestamp"},
                        source="test")

    def locked(*args, **kwargs):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(store, "atomic", locked)
    assert list(daily_series(store, "t").daily["value"]) == [24.0, 24.0]
    monkeypatch.undo()
    assert kept_daily_series(store, "t") is None


def test_content_key_follows_rows_types_and_roles(store):
    info = store.write_dataset("t", _telemetry(), "telemetry", roles={"time": "timestamp"},
                               source="test")
    other = store.write_dataset("u", _telemetry().assign(cash=1.0), "telemetry",
                                roles={"time": "timestamp"}, source="test")
    keys = {overview_store.content_key(info), overview_store.content_key(other)}
    assert len(keys) == 2


def test_an_import_prepares_the_per_day_overview(tmp_path) -> None:
    from iotfin_gui.cli import main
    from iotfin_gui.core.ingest.importer import import_job
    from iotfin_gui.core.jobs import JobContext

    csv = tmp_path / "cash.csv"
    _telemetry().to_csv(csv, index=False)
    db = tmp_path / "store.sqlite"
    assert import_job(JobContext(), str(db), str(csv), name="window")["status"] == "imported"
    assert main(["--db", str(db), "import", str(csv), "--name", "cli",
                 "--allow-duplicate-file"]) == 0
    with Store.open(db) as store:
        for name in ("window", "cli"):
            kept = kept_daily_series(store, name)
            assert kept is not None and list(kept.daily["value"]) == [11.5, 35.5]
            assert kept_column_summary(store, name) is None


def test_a_failed_preparation_leaves_the_import_whole(store, monkeypatch) -> None:
    from iotfin_gui.core import overview

    store.write_dataset("t", _telemetry(), "telemetry", roles={"time": "timestamp"},
                        source="test")

    def broken(*args, **kwargs):
        raise RuntimeError("no DuckDB today")

    monkeypatch.setattr(overview, "daily_series", broken)
    overview.prepare_daily_series(store, "t")
    assert store.dataset("t").row_count == 48 and kept_daily_series(store, "t") is None
