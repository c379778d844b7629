"""Reading datasets from their Parquet parts: Arrow scans and DuckDB queries that load only what
they need.

* :func:`read_table` reads the columns asked for, the rows a filter keeps (pushed down to the
  row groups by their statistics) and a row range (whole parts and row groups before it are
  skipped), as one Arrow table; :func:`to_frame` turns it into the DataFrame the store always
  gave (its logical types restored: ``Int64``/``boolean`` where values are missing, naive UTC
  times).
* :func:`query` runs a DuckDB SQL statement over a dataset, named ``data`` in the statement, and
  returns Python rows: the Data panel's summaries and per-day series, the fleet's first and last
  times and devices, exports' checks, all without loading the rows into Python. DuckDB is
  imported only when a query runs and uses the cores the app gives the job.

Readers written in C are not seen by the store's audit hook; these functions only ever open the
store's own parts, named by its catalogue.
"""

from __future__ import annotations

import contextlib
import os
import threading
import warnings
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as pads
import pyarrow.parquet as pq

from iotfin_gui.core import parallel
from iotfin_gui.core.datafiles import file_paths
from iotfin_gui.core.errors import StoreError
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.part_writer import arrow_schema
from iotfin_gui.core.store_files import data_dir

if TYPE_CHECKING:
    from iotfin_gui.core.store import DatasetInfo, Store

#: How a dataset is named in :func:`query` statements.
RELATION = "data"
_local = threading.local()


def _paths(store: Store, info: DatasetInfo) -> list[str]:
    """The dataset's part files; a :class:`StoreError` naming the cause when one is missing."""
    paths = file_paths(store.path, info.table_name, info.files)
    missing = next((path for path in paths if not os.path.isfile(path)), None)
    if missing is not None:
        raise StoreError(QT_TRANSLATE_NOOP(
            "Core", "The rows of dataset {name} are missing ({path}). A store keeps them in the "
            "folder {folder} beside it: if the store was renamed or moved, rename or move that "
            "folder with it.").format(name=info.name, path=missing,
                                       folder=data_dir(store.path).name))
    return paths


def _schema(info: DatasetInfo) -> pa.Schema:
    return arrow_schema([(c.name, c.type) for c in info.columns])


def _row_range(store: Store, info: DatasetInfo, columns: list[str], offset: int,
               limit: int | None) -> pa.Table:
    """Rows ``[offset, offset + limit)`` in row order, reading only the row groups they lie in."""
    pieces: list[pa.Table] = []
    wanted = limit if limit is not None else info.row_count
    start = 0
    for path, item in zip(_paths(store, info), info.files, strict=True):
        if wanted <= 0:
            break
        if start + item.rows <= offset:
            start += item.rows
            continue
        part = pq.ParquetFile(path)
        for group in range(part.metadata.num_row_groups):
            count = part.metadata.row_group(group).num_rows
            if start + count <= offset:
                start += count
                continue
            if wanted <= 0:
                break
            skip = max(0, offset - start)
            table = _head(part, group, columns, min(count, skip + wanted)).cast(
                _selected(info, columns))
            piece = table.slice(skip, wanted)
            pieces.append(piece)
            wanted -= piece.num_rows
            start += count
    return pa.concat_tables(pieces) if pieces else _selected(info, columns).empty_table()


def _head(part: pq.ParquetFile, group: int, columns: list[str], rows: int) -> pa.Table:
    """The first ``rows`` rows of a row group, decoding no further than needed (a preview of
    200 rows decodes 200, not the group's 131,072)."""
    if not columns or rows == 0:
        return part.read_row_group(group, columns=columns).slice(0, rows)
    batches, got = [], 0
    for batch in part.iter_batches(batch_size=rows, row_groups=[group], columns=columns):
        batches.append(batch)
        got += batch.num_rows
        if got >= rows:
            break
    return pa.Table.from_batches(batches).slice(0, rows)


def _selected(info: DatasetInfo, columns: Sequence[str]) -> pa.Schema:
    """The schema of ``columns`` as stored (Parquet itself keeps times in ms at the coarsest:
    a part read directly is cast back to seconds)."""
    schema = _schema(info)
    return pa.schema([schema.field(c) for c in columns])


def read_table(store: Store, info: DatasetInfo, columns: Sequence[str],
               where: pc.Expression | None = None, limit: int | None = None,
               offset: int = 0) -> pa.Table:
    """The dataset's ``columns`` as an Arrow table: rows that ``where`` keeps, then rows
    ``[offset, offset + limit)`` of those, in row order."""
    names = list(columns)
    if where is None:
        if limit is None and offset == 0:
            return pads.dataset(_paths(store, info), schema=_schema(info), format="parquet") \
                .to_table(columns=names, use_threads=parallel.share() > 1)
        return _row_range(store, info, names, offset, limit)
    dataset = pads.dataset(_paths(store, info), schema=_schema(info), format="parquet")
    table = dataset.to_table(columns=names, filter=where, use_threads=parallel.share() > 1)
    if limit is None and offset == 0:
        return table
    return table.slice(offset, limit)


def batches(store: Store, info: DatasetInfo, columns: Sequence[str],
            batch_rows: int) -> Iterator[pa.RecordBatch]:
    """The dataset's ``columns`` in row order, ``batch_rows`` rows at a time at most."""
    schema = _selected(info, columns)
    for path in _paths(store, info):
        for batch in pq.ParquetFile(path).iter_batches(batch_size=batch_rows,
                                                       columns=list(columns)):
            yield from pa.Table.from_batches([batch]).cast(schema).to_batches()


_MISSING_AWARE = {pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}
#: The unit pandas gives times parsed from text (ns under pandas 2, us under 3): the store's
#: times always came back in it.
TIME_DTYPE = pd.to_datetime(pd.Series(["2000-01-01 00:00:00"]), format="%Y-%m-%d %H:%M:%S").dtype


def column_series(values: pa.ChunkedArray | pa.Array, name: str) -> pd.Series:
    """An Arrow column as the pandas column the store gives: int64/bool when complete,
    ``Int64``/``boolean`` when values are missing, float64 with NaN, naive times in
    :data:`TIME_DTYPE`."""
    if values.null_count and values.type in _MISSING_AWARE:
        series = values.to_pandas(types_mapper=_MISSING_AWARE.get)
    else:
        series = values.to_pandas()
    if pa.types.is_timestamp(values.type):
        # years pandas 2 cannot hold in ns stay in seconds
        with contextlib.suppress(OverflowError, ValueError, pd.errors.OutOfBoundsDatetime):
            series = series.astype(TIME_DTYPE)
    return series.rename(name)


def read_frame(store: Store, info: DatasetInfo, columns: Sequence[str],
               where: pc.Expression | None = None, limit: int | None = None,
               offset: int = 0) -> pd.DataFrame:
    """:func:`read_table` as the DataFrame the store gives (:func:`to_frame`). A whole dataset
    is read one column at a time, each column's Arrow memory given back before the next is
    read, so the peak is the frame plus one column (not the frame plus the Arrow table)."""
    names = list(columns)
    if where is not None or limit is not None or offset or len(names) < 2:
        return to_frame(read_table(store, info, names, where, limit, offset))
    frame: pd.DataFrame | None = None
    pool = pa.default_memory_pool()
    with warnings.catch_warnings():  # "highly fragmented": one block per column is the point
        warnings.simplefilter("ignore", pd.errors.PerformanceWarning)
        for name in names:
            values = read_table(store, info, [name]).column(0)
            if frame is None:
                frame = pd.DataFrame(index=pd.RangeIndex(len(values)))
            frame[name] = column_series(values, name)
            del values
            pool.release_unused()  # the allocator would keep the freed pages
    return frame


def to_frame(table: pa.Table) -> pd.DataFrame:
    """An Arrow table read from a dataset as the DataFrame the store gives. Each column's
    Arrow memory is let go once it is converted, so the peak is about the frame plus one
    column rather than the frame plus the table."""
    frame = pd.DataFrame(index=pd.RangeIndex(table.num_rows))
    pool = pa.default_memory_pool()
    with warnings.catch_warnings():  # "highly fragmented": one block per column is the point
        warnings.simplefilter("ignore", pd.errors.PerformanceWarning)
        while table.num_columns:
            name, values = table.column_names[0], table.column(0)
            table = table.remove_column(0)
            frame[name] = column_series(values, name)  # its own block: no consolidating copy
            del values
            pool.release_unused()  # the allocator would keep the freed pages
    return frame


def _connection() -> Any:
    """This thread's DuckDB connection (in memory; DuckDB is imported on first use)."""
    conn = getattr(_local, "duckdb", None)
    if conn is None:
        import duckdb

        conn = duckdb.connect(":memory:")
        conn.execute("SET enable_progress_bar = false")  # it would print to our stdout
        _local.duckdb = conn
    conn.execute(f"SET threads = {max(1, parallel.share())}")
    return conn


def sql_literal(text: str) -> str:
    """``text`` as an SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def _run(store: Store, info: DatasetInfo, sql: str, params: Sequence[Any], arrow: bool) -> Any:
    files = ", ".join(sql_literal(p) for p in _paths(store, info))
    conn = _connection()
    conn.execute(f"CREATE OR REPLACE TEMP VIEW {RELATION} AS SELECT * FROM read_parquet([{files}])")
    try:
        if not arrow:
            return conn.execute(sql, list(params)).fetchall()
        relation = conn.sql(sql, params=list(params))
        # DuckDB 2 names it to_arrow_table; 1.x fetch_arrow_table
        return (getattr(relation, "to_arrow_table", None) or relation.fetch_arrow_table)()
    finally:
        conn.execute(f"DROP VIEW IF EXISTS {RELATION}")


def query(store: Store, info: DatasetInfo, sql: str,
          params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """Run DuckDB ``sql`` (which names the dataset :data:`RELATION`) with ``params``; its rows."""
    return _run(store, info, sql, params, arrow=False)


def query_table(store: Store, info: DatasetInfo, sql: str,
                params: Sequence[Any] = ()) -> pa.Table:
    """Like :func:`query`, the result as an Arrow table (no Python object per value)."""
    return _run(store, info, sql, params, arrow=True)
