"""Reading a dataset column by column (bounded memory) gives the frame the one-table read gave,
for any values; a preview decodes only the rows it shows."""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iotfin_gui.core import columnar, part_writer
from iotfin_gui.core.store import Store


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.one_of(st.none(), st.integers(-2**63, 2**63 - 1)),
                          st.one_of(st.none(), st.floats(allow_nan=True)),
                          st.one_of(st.none(), st.text(max_size=8)),
                          st.one_of(st.none(), st.booleans()),
                          st.one_of(st.none(), st.integers(-2**40, 2**40))),
                min_size=0, max_size=40))
def test_the_column_by_column_read_equals_the_table_read(store: Store, rows) -> None:
    frame = pd.DataFrame({
        "i": pd.array([r[0] for r in rows], dtype="Int64"),
        "f": pd.array([r[1] for r in rows], dtype="float64"),
        "s": pd.Series([r[2] for r in rows], dtype=object),
        "b": pd.array([r[3] for r in rows], dtype="boolean"),
        "t": pd.to_datetime(pd.Series([r[4] for r in rows], dtype="Int64"), unit="s"),
    })
    name = f"h{len(store.datasets())}"
    info = store.write_dataset(name, frame, "table", source="test")
    whole = columnar.to_frame(columnar.read_table(store, info, info.column_names))
    pd.testing.assert_frame_equal(store.read_dataset(name), whole)
    pd.testing.assert_frame_equal(store.read_dataset(name, columns=["t", "s"]),
                                  whole[["t", "s"]])


def test_a_preview_of_many_parts_and_groups_is_the_head(store: Store, monkeypatch) -> None:
    monkeypatch.setattr(part_writer, "ROW_GROUP_ROWS", 64)
    monkeypatch.setattr(part_writer, "PART_ROWS", 256)
    frame = pd.DataFrame({"n": range(1_000), "s": [f"row {i}" for i in range(1_000)]})
    store.write_dataset("many", frame, "table", source="test")
    info = store.dataset("many")
    assert len(info.files) > 1
    whole = store.read_dataset("many")
    pd.testing.assert_frame_equal(whole, frame.astype({"s": whole["s"].dtype}))
    for offset, limit in ((0, 200), (0, 1), (60, 10), (250, 300), (990, 50), (1_000, 5)):
        part = store.read_dataset("many", limit=limit, offset=offset)
        expected = whole.iloc[offset:offset + limit].reset_index(drop=True)
        pd.testing.assert_frame_equal(part, expected)
