"""The data hash: a documented canonical form of the values, never of pandas' dtype names."""

from __future__ import annotations

import calendar
import hashlib
import struct
import time

import numpy as np
import pandas as pd
import pyarrow.compute as pc
import pyarrow.parquet as pq
from hypothesis import given, settings
from hypothesis import strategies as st

from iotfin_gui.core.cashplan.jobs import replan
from iotfin_gui.core.data_hash import _pandas_hash, frame_hash, same_data
from iotfin_gui.core.forecast import stored_outlook
from iotfin_gui.core.store import Store
from iotfin_gui.core.store_files import data_dir, store_access
from tests.damaged_files import replace_part


def _fixed_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "device_id": ["ATM-1", "ATM-2", None, "网点"],
        "count": pd.array([1, 2, None, -4], dtype="Int64"),
        "amount": [1.5, -0.0, np.nan, 1e300],
        "ok": pd.array([True, False, None, True], dtype="boolean"),
        "time": pd.to_datetime(["2024-01-01 00:00:00", "1969-12-31 23:59:59", None,
                                "2024-02-29 12:30:45"]),
    })


def test_the_digest_of_a_fixed_frame_is_pinned() -> None:
    assert frame_hash(_fixed_frame()) == \
        "d49f303053b86c1303740de9c9806dbfe1e84d802a5b1e5af1daafbb40576945"


def _sha(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def _int64s(values: list[int]) -> bytes:
    return b"".join(struct.pack("<q", v) for v in values)


def test_the_digest_follows_the_documented_canonical_form() -> None:
    """The fixed frame hashed by hand as :mod:`iotfin_gui.core.data_hash` documents it."""
    texts = ["ATM-1", "ATM-2", None, "网点"]
    seconds = [calendar.timegm(time.strptime(t, "%Y-%m-%d %H:%M:%S"))
               for t in ("2024-01-01 00:00:00", "1969-12-31 23:59:59", "2024-02-29 12:30:45")]
    columns = [
        (_sha("".join(t for t in texts if t).encode()),
         _sha(_int64s([-1 if t is None else len(t.encode()) for t in texts]))),
        (_sha(_int64s([1, 2, 0, -4])), _sha(_int64s([2]))),
        (_sha(struct.pack("<dd", 1.5, 0.0) + struct.pack("<Q", 0x7FF8000000000000)
              + struct.pack("<d", 1e300)), _sha(b"")),
        (_sha(_int64s([1, 0, 0, 1])), _sha(_int64s([2]))),
        (_sha(_int64s([*seconds[:2], -(2**63), seconds[2]])), _sha(b"")),
    ]
    names = [("device_id", "text"), ("count", "integer"), ("amount", "float"),
             ("ok", "boolean"), ("time", "datetime")]
    expected = hashlib.sha256(repr(names).encode() + b"".join(a + b for a, b in columns))
    assert frame_hash(_fixed_frame()) == expected.hexdigest()


def test_a_stored_dataset_read_back_hashes_to_its_data_hash(store: Store) -> None:
    info = store.write_dataset("d", _fixed_frame(), "table", source="test")
    assert info.data_hash == frame_hash(_fixed_frame())
    assert frame_hash(store.read_dataset("d")) == info.data_hash


def test_one_nan_and_no_negative_zero() -> None:
    quiet, signalling = np.float64(np.nan), np.frombuffer(
        np.array([0x7FF0000000000001], dtype=np.uint64).tobytes(), dtype=np.float64)[0]
    assert frame_hash(pd.DataFrame({"x": [quiet, 0.0]})) == \
        frame_hash(pd.DataFrame({"x": [signalling, -0.0]})) == \
        frame_hash(pd.DataFrame({"x": pd.array([None, 0.0], dtype="Float64")}))


def test_values_names_types_and_order_all_count() -> None:
    base = pd.DataFrame({"a": [1, 2], "b": ["x", "y"]})
    variants = [
        base,
        pd.DataFrame({"a": [1, 3], "b": ["x", "y"]}),
        pd.DataFrame({"a": [2, 1], "b": ["y", "x"]}),
        pd.DataFrame({"A": [1, 2], "b": ["x", "y"]}),
        pd.DataFrame({"a": [1.0, 2.0], "b": ["x", "y"]}),
        pd.DataFrame({"a": [1, 2], "b": ["xy", ""]}),
        pd.DataFrame({"a": [1, 2], "b": ["x", None]}),
        pd.DataFrame({"a": pd.array([1, None], dtype="Int64"), "b": ["x", "y"]}),
        pd.DataFrame({"a": [1, 0], "b": ["x", "y"]}),
    ]
    assert len({frame_hash(v) for v in variants}) == len(variants)


def test_the_index_does_not_count() -> None:
    frame = pd.DataFrame({"a": [1, 2]})
    assert frame_hash(frame) == frame_hash(frame.set_axis([10, 20]))


_INT_DTYPES = ("int8", "int16", "int32", "int64", "Int32", "Int64", "int64[pyarrow]")
_TEXT_DTYPES = (object, "string", "string[pyarrow]")


@settings(max_examples=60, deadline=None)
@given(
    ints=st.lists(st.integers(-100, 100), min_size=0, max_size=12),
    texts=st.lists(st.one_of(st.none(), st.text(max_size=6)), min_size=0, max_size=12),
    seconds=st.lists(st.integers(-2_000_000_000, 4_000_000_000), min_size=0, max_size=12),
    flags=st.lists(st.booleans(), min_size=0, max_size=12),
)
def test_dtype_variants_of_the_same_values_hash_equal(ints, texts, seconds, flags) -> None:
    hashes = {frame_hash(pd.DataFrame({"v": pd.Series(ints, dtype=d)})) for d in _INT_DTYPES}
    assert len(hashes) == 1
    hashes = {frame_hash(pd.DataFrame({"v": pd.Series(texts, dtype=d)})) for d in _TEXT_DTYPES}
    assert len(hashes) == 1
    naive = pd.Series(np.array(seconds, dtype="datetime64[s]"))
    aware = naive.dt.tz_localize("UTC")
    times = [naive, naive.astype("datetime64[ns]"), naive.astype("datetime64[ms]"), aware,
             aware.dt.tz_convert("Asia/Shanghai")]
    assert len({frame_hash(pd.DataFrame({"v": t})) for t in times}) == 1
    bools = [pd.Series(flags, dtype=bool), pd.Series(flags, dtype="boolean"),
             pd.Series(flags, dtype="bool[pyarrow]")]
    assert len({frame_hash(pd.DataFrame({"v": b})) for b in bools}) == 1


def test_same_data_accepts_the_old_hash_of_recorded_runs() -> None:
    frame = _fixed_frame()
    assert same_data(frame, frame_hash(frame)) and same_data(frame, _pandas_hash(frame))
    assert not same_data(frame, None) and not same_data(frame, "0" * 64)


def _plan_columns(store: Store, run_id: int) -> list[str]:
    params = store.run(run_id)["params"]
    return [params["id_col"], params["time_col"], params["value_col"]]


def test_a_run_recorded_under_another_hash_still_gives_its_plan(demo: Store) -> None:
    demo.conn.execute("UPDATE runs SET data_hash = ? WHERE id = 1", ["f" * 64])
    demo.conn.commit()
    assert len(replan(demo, 1, service_level=0.95).plan) > 0


def test_a_changed_dataset_plans_from_the_run_and_says_it_changed(demo: Store) -> None:
    """The plan reads the run's stored forecast and scenarios (nothing is recomputed from the
    data), and the reopened run says its dataset changed since."""
    info = demo.dataset(demo.run(1)["dataset_id"])
    value = _plan_columns(demo, 1)[2]
    for item in info.files:  # tampered with outside the app: the parts replaced
        path = data_dir(demo.path) / info.table_name / item.name
        table = pq.read_table(path)
        index = table.schema.get_field_index(value)
        table = table.set_column(index, value, pc.multiply(table.column(value), 3))
        with store_access():
            replace_part(path, table)
    outlook = stored_outlook(demo, 1)
    assert any("changed since forecast run 1" in note for note in outlook.notes)
    assert len(replan(demo, 1, service_level=0.95).plan) > 0
