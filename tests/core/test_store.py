"""The store: schema, datasets round-trip, transactions, runs, settings, audit."""

from __future__ import annotations

import sqlite3

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iotfin_gui.core import trash
from iotfin_gui.core.errors import NotFoundError, StoreError
from iotfin_gui.core.schema import APPLICATION_ID, SCHEMA_VERSION
from iotfin_gui.core.store import Column, Store


def test_new_store_has_schema_wal_and_foreign_keys(store: Store) -> None:
    assert store.schema_version == SCHEMA_VERSION
    assert store.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    tables = set(store.db.table_names())
    assert {"devices", "datasets", "imports", "quarantine", "recipes", "runs", "run_metrics",
            "forecasts", "forecast_intervals", "exports", "audit_log", "settings"} <= tables


def test_reopening_keeps_data_and_does_not_migrate_again(store_path) -> None:
    with Store.open(store_path) as store:
        store.write_dataset("t", pd.DataFrame({"x": [1, 2]}), "table", source="test")
    with Store.open(store_path) as store:
        assert store.read_dataset("t")["x"].tolist() == [1, 2]
        migrations = store.audit_log().query("action == 'store.migrate'")
        assert len(migrations) == 1


def test_types_round_trip_with_missing_values(store: Store) -> None:
    frame = pd.DataFrame({
        "device": ["a", None, "中文 ATM"],
        "ts": pd.to_datetime(["2024-01-01 10:00:00", None, "2024-02-29 23:59:59"]),
        "value": [1.5, np.nan, -3.25],
        "n": pd.array([1, None, 3], dtype="Int64"),
        "whole": [1, 2, 3],
        "flag": [True, False, True],
    })
    store.write_dataset("mixed", frame, "telemetry", roles={"device": "device_id"},
                        source="test")
    back = store.read_dataset("mixed")
    assert back["device"].isna().tolist() == [False, True, False]
    assert back["device"].iloc[2] == "中文 ATM"
    assert back["ts"].iloc[2] == pd.Timestamp("2024-02-29 23:59:59")
    assert pd.isna(back["ts"].iloc[1])
    assert back["value"].iloc[2] == -3.25 and np.isnan(back["value"].iloc[1])
    assert back["n"].isna().tolist() == [False, True, False]
    assert back["whole"].dtype == "int64"
    assert back["flag"].tolist() == [True, False, True]
    assert [c.type for c in store.dataset("mixed").columns] == [
        "text", "datetime", "float", "integer", "integer", "boolean"]


def test_timezone_aware_times_are_stored_in_utc(store: Store) -> None:
    local = pd.Series(pd.to_datetime(["2026-10-31 08:00"])).dt.tz_localize("Asia/Shanghai")
    store.write_dataset("tz", pd.DataFrame({"ts": local}), "table", source="test")
    assert store.read_dataset("tz")["ts"].iloc[0] == pd.Timestamp("2026-10-31 00:00")


@pytest.mark.parametrize("name", ["select", "from", 'he said "hi"', "a'b", "列 名", "x y; DROP"])
def test_awkward_column_names_are_quoted(store: Store, name: str) -> None:
    store.write_dataset("awkward", pd.DataFrame({name: [1, 2]}), "table", source="test")
    assert store.read_dataset("awkward")[name].tolist() == [1, 2]


def test_a_failing_dataset_write_leaves_nothing(store: Store) -> None:
    before = store.table_counts()
    tables_before = set(store.db.table_names())
    with pytest.raises(RuntimeError), store.new_dataset(
        "half", "table", [Column("i", "integer")], source="test"
    ) as writer:
        writer.append(pd.DataFrame({"i": [1, 2, 3]}))
        raise RuntimeError("disk on fire")
    assert store.table_counts() == before
    assert set(store.db.table_names()) == tables_before
    assert not store.has_dataset("half")


def test_duplicate_names_and_unknown_roles_are_refused(store: Store) -> None:
    store.write_dataset("d", pd.DataFrame({"x": [1]}), "table", source="test")
    with pytest.raises(StoreError, match="already exists"):
        store.write_dataset("d", pd.DataFrame({"x": [1]}), "table", source="test")
    with pytest.raises(StoreError, match="do not exist"):
        store.write_dataset("e", pd.DataFrame({"x": [1]}), "table", roles={"y": "label"},
                            source="test")
    with pytest.raises(NotFoundError):
        store.dataset("nope")
    with pytest.raises(NotFoundError, match="no column"):
        store.read_dataset("d", columns=["zzz"])


def test_delete_dataset_removes_rows_and_registry_entries(store: Store) -> None:
    info = store.write_dataset("reg", pd.DataFrame({"device_id": ["A", "B"]}), "registry",
                               source="test")
    store.upsert_devices(pd.DataFrame({"device_id": ["A", "B"], "city": ["Wuhan", None]}),
                         dataset_id=info.id)
    assert store.devices()["city"].isna().tolist() == [False, True]
    store.delete_dataset("reg")
    assert not store.has_dataset("reg")
    assert store.devices().empty
    trash.empty(store)
    assert info.table_name not in store.db.table_names()


def test_runs_record_lineage_and_metrics(store: Store) -> None:
    info = store.write_dataset("d", pd.DataFrame({"x": [1.0, 2.0]}), "table", source="test")
    run_id = store.record_run(
        "train", "ridge", started_at="2026-01-01T00:00:00Z", duration_s=1.5,
        dataset_id=info.id, data_hash=info.data_hash, params={"alpha": 1.0}, seed=7,
        metrics={("", "rmse"): (0.5, 0.1), ("fold-1", "rmse"): (float("nan"), None)},
    )
    run = store.run(run_id)
    assert run["params"] == {"alpha": 1.0} and run["seed"] == 7
    assert run["data_hash"] == info.data_hash
    assert "pandas" in run["library_versions"] and "python" in run["library_versions"]
    assert run["metrics"][("", "rmse")] == (0.5, 0.1)
    assert run["metrics"][("fold-1", "rmse")] == (None, None)
    with pytest.raises(NotFoundError):
        store.run(999)


def test_data_hash_depends_on_values_not_on_identity(store: Store) -> None:
    a = store.write_dataset("a", pd.DataFrame({"x": [1, 2]}), "table", source="t")
    b = store.write_dataset("b", pd.DataFrame({"x": [1, 2]}), "table", source="t")
    c = store.write_dataset("c", pd.DataFrame({"x": [1, 3]}), "table", source="t")
    assert a.data_hash == b.data_hash != c.data_hash


def test_data_hash_ignores_chunking_and_dtype_but_sees_every_value(store: Store) -> None:
    frame = pd.DataFrame({
        "i": pd.array([1, None, 3, 4, 5], dtype="Int64"), "f": [0.5, np.nan, 2.0, -1.0, 1e300],
        "t": ["a", None, "", "中文", "b"], "b": [True, False, True, True, False],
        "d": pd.to_datetime(["2024-01-01 00:00:00.7", None, "1999-12-31 23:59:59",
                             "2024-01-02", "2024-01-03"], format="ISO8601"),
    })
    whole = store.write_dataset("whole", frame, "table", source="t").data_hash
    columns = [Column(c, store.dataset("whole").columns[k].type)
               for k, c in enumerate(frame.columns)]
    with store.new_dataset("chunked", "table", columns, source="t") as writer:
        for start in (0, 1, 3):
            writer.append(frame.iloc[start:{0: 1, 1: 3, 3: 5}[start]])
    assert store.dataset("chunked").data_hash == whole
    pd.testing.assert_frame_equal(store.read_dataset("chunked"), store.read_dataset("whole"))
    variants = [frame.assign(i=pd.array([1, 2, 3, 4, 5], dtype="Int64")),
                frame.assign(t=["a", "", None, "中文", "b"]),
                frame.assign(f=[0.5, 0.0, 2.0, -1.0, 1e300]),
                frame.assign(d=frame["d"] + pd.Timedelta(seconds=1))]
    hashes = {store.write_dataset(f"v{n}", v, "table", source="t").data_hash
              for n, v in enumerate(variants)}
    assert len(hashes) == len(variants) and whole not in hashes
    plain = store.write_dataset("plain", pd.DataFrame({"x": [1, 2]}), "table", source="t")
    nullable = store.write_dataset("nullable", pd.DataFrame({"x": pd.array([1, 2], dtype="Int64")}),
                                   "table", source="t")
    assert plain.data_hash == nullable.data_hash


@pytest.mark.parametrize(("rows", "width"), [(1, 1), (257, 3), (1000, 400), (513, 2)])
def test_multi_row_inserts_keep_every_row_in_order(store: Store, rows: int, width: int) -> None:
    frame = pd.DataFrame({f"c{k}": np.arange(rows) * (k + 1) for k in range(width)})
    store.write_dataset("wide", frame, "table", source="t")
    pd.testing.assert_frame_equal(store.read_dataset("wide"), frame)


def test_settings_and_audit(store: Store) -> None:
    assert store.setting("missing", 5) == 5
    store.set_setting("fleet.rules", {"offline_hours": 2})
    store.set_setting("fleet.rules", {"offline_hours": 3})
    assert store.setting("fleet.rules") == {"offline_hours": 3}
    store.audit("test.action", who="analyst", 中文="是")
    last = store.audit_log(1).iloc[0]
    assert last["action"] == "test.action" and "中文" in last["detail"]


def test_foreign_keys_are_enforced(store: Store) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("INSERT INTO quarantine (import_id, file, reason) VALUES (42, 'f', 'r')")


frames = st.lists(
    st.tuples(
        st.one_of(st.none(), st.text(max_size=20)),
        st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False, width=64)),
        st.integers(-(2**62), 2**62),
    ),
    max_size=30,
)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=frames)
def test_any_table_round_trips(store: Store, rows) -> None:
    frame = pd.DataFrame(rows, columns=["text", "number", "whole"])
    name = f"t{len(store.datasets())}"
    store.write_dataset(name, frame, "table", source="test")
    back = store.read_dataset(name)
    assert len(back) == len(frame)
    for original, restored in zip(frame["text"], back["text"], strict=False):
        assert (pd.isna(original) and pd.isna(restored)) or original == restored
    np.testing.assert_array_equal(back["number"].to_numpy(dtype=float),
                                  frame["number"].to_numpy(dtype=float))
    assert back["whole"].tolist() == frame["whole"].tolist()
