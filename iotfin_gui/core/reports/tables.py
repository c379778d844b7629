"""The built-in exportable tables' rows: each producer named in
:mod:`iotfin_gui.core.reports.registry` turns a :class:`Selection` into :class:`TableData`: a
stable column order, each column's CSV kind, the rows in chunks (a stored dataset is streamed from
SQLite, never loaded whole) and the lineage recorded with the export. Also the runs' leaderboard
and a run's metrics as frames, for the window.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from iotfin_gui.core import columnar
from iotfin_gui.core.errors import InputError, NotFoundError
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.model_names import run_model_label
from iotfin_gui.core.reports.csv_writer import Chunk, column_kind
from iotfin_gui.core.reports.registry import CHUNK_ROWS, Selection
from iotfin_gui.core.store import DatasetInfo, Store, quote, stored_message

_ARROW_TYPES = {"integer": pa.int64(), "float": pa.float64(), "boolean": pa.int64()}


@dataclass
class TableData:
    """A table ready to write: ``columns`` in order, each one's kind, the rows in chunks."""

    columns: list[str]
    kinds: dict[str, str]
    chunks: Iterable[Chunk]
    rows: int | None
    run_id: int | None = None
    dataset_id: int | None = None
    detail: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of_frame(cls, frame: pd.DataFrame, chunk_rows: int = CHUNK_ROWS,
                 **lineage: Any) -> TableData:
        """A DataFrame held in memory, in its column order, cut into chunks."""
        frame = frame.reset_index(drop=True).set_axis([str(c) for c in frame.columns], axis=1)
        if frame.columns.duplicated().any():
            raise InputError(QT_TRANSLATE_NOOP("Core", "the table has duplicate column names"))
        kinds = {c: column_kind(frame[c]) for c in frame.columns}
        chunks = (frame.iloc[i:i + chunk_rows] for i in range(0, len(frame), chunk_rows))
        return cls(list(frame.columns), kinds, chunks, len(frame), **lineage)


# --- datasets ------------------------------------------------------------------------------


def _all_midnight(store: Store, info: DatasetInfo, column: str) -> bool:
    return not store.query_dataset(
        info, f"SELECT 1 FROM data WHERE {quote(column)} IS NOT NULL "
        f"AND CAST({quote(column)} AS TIME) <> TIME '00:00:00' LIMIT 1")


def _dataset_chunks(store: Store, info: DatasetInfo, chunk_rows: int) -> Iterator[Chunk]:
    """The dataset's rows in row order, a part's batch at a time (times as their stored
    ``YYYY-MM-DD HH:MM:SS`` texts)."""
    for batch in columnar.batches(store, info, info.column_names, chunk_rows):
        yield {name: pc.cast(column, pa.string()) if pa.types.is_timestamp(column.type)
               else column for name, column in zip(batch.schema.names, batch.columns,
                                                   strict=True)}


def _stream(store: Store, sql: str, params: list[Any], columns: list[str],
            kinds: dict[str, str], chunk_rows: int) -> Iterator[Chunk]:
    cursor = store.conn.execute(sql, params)
    try:
        while rows := cursor.fetchmany(chunk_rows):
            values = list(zip(*rows, strict=True))
            yield {c: pa.array(v, type=_ARROW_TYPES.get(kinds[c], pa.string()))
                   for c, v in zip(columns, values, strict=True)}
    finally:
        cursor.close()


def dataset_table(store: Store, selection: Selection) -> TableData:
    info = store.dataset(selection.dataset)  # type: ignore[arg-type]
    kinds = {}
    for column in info.columns:
        kind = column.type if column.type in ("integer", "float", "boolean") else "text"
        if column.type == "datetime":
            kind = "date" if _all_midnight(store, info, column.name) else "datetime"
        kinds[column.name] = kind
    names = info.column_names
    chunks = _dataset_chunks(store, info, selection.chunk_rows)
    return TableData(names, kinds, chunks, info.row_count, dataset_id=info.id,
                     detail={"dataset": info.name})


# --- quarantine ----------------------------------------------------------------------------

_QUARANTINE = ["import_id", "source_path", "file", "line", "column_name", "raw", "reason"]


def quarantine_table(store: Store, selection: Selection) -> TableData:
    if selection.import_id is not None:
        where, param, dataset_id = "q.import_id = ?", selection.import_id, None
        if not store.conn.execute("SELECT 1 FROM imports WHERE id = ?", [param]).fetchone():
            raise NotFoundError(QT_TRANSLATE_NOOP(
                "Core", "There is no import {id} in the store.").format(id=param))
    else:
        info = store.dataset(selection.dataset)  # type: ignore[arg-type]
        where, param, dataset_id = "i.dataset_id = ?", info.id, info.id
    sql = (f"SELECT q.import_id, i.source_path, q.file, q.line, q.column_name, q.raw, q.reason "
           f"FROM quarantine q JOIN imports i ON i.id = q.import_id WHERE {where} "
           "ORDER BY q.import_id, q.id")
    rows = store.conn.execute(f"SELECT count(*) FROM ({sql})", [param]).fetchone()[0]
    kinds = {c: "text" for c in _QUARANTINE} | {"import_id": "integer", "line": "integer"}
    chunks = _stream(store, sql, [param], _QUARANTINE, kinds, selection.chunk_rows)
    return TableData(list(_QUARANTINE), kinds, chunks, rows, dataset_id=dataset_id,
                     detail={"import_id": selection.import_id})


# --- runs ----------------------------------------------------------------------------------

#: Metric scopes shown in the leaderboard (per-series and per-model scores are in run_metrics).
LEADERBOARD_SCOPES = ("", "backtest")


def leaderboard(store: Store) -> pd.DataFrame:
    """Every run with its lineage and its overall metrics as columns (``backtest_mase``...).
    Titles are Messages where they were stored with their template (written in English)."""
    rows = store.conn.execute(
        "SELECT r.id, r.kind, r.title, d.name, r.params, r.seed, r.data_hash, r.started_at, "
        "r.finished_at, r.duration_s, r.title_template, r.title_params FROM runs r "
        "LEFT JOIN datasets d ON d.id = r.dataset_id AND d.deleted_at IS NULL "
        "WHERE r.deleted_at IS NULL ORDER BY r.id").fetchall()
    runs = pd.DataFrame([row[:10] for row in rows],
                        columns=["run_id", "kind", "title", "dataset", "params", "seed",
                                 "data_hash", "started_at", "finished_at", "duration_s"])
    runs["title"] = pd.Series([stored_message(row[2], row[10], row[11]) for row in rows],
                              dtype=object)
    params = [json.loads(p) for p in runs["params"]]
    runs.insert(4, "model", pd.Series([run_model_label(kind, p) for kind, p
                                       in zip(runs["kind"], params, strict=True)], dtype=object))
    runs["seed"] = runs["seed"].astype("Int64")
    for column in ("started_at", "finished_at"):
        runs[column] = pd.to_datetime(runs[column], utc=True)
    metrics = pd.DataFrame(
        store.conn.execute(
            f"SELECT run_id, scope, name, value FROM run_metrics WHERE scope IN "
            f"({', '.join('?' * len(LEADERBOARD_SCOPES))}) AND run_id IN "
            "(SELECT id FROM runs WHERE deleted_at IS NULL)", LEADERBOARD_SCOPES).fetchall(),
        columns=["run_id", "scope", "name", "value"])
    if len(metrics):
        metrics["column"] = [f"{s}_{n}" if s else n
                             for s, n in zip(metrics["scope"], metrics["name"], strict=True)]
        wide = metrics.pivot(index="run_id", columns="column", values="value")
        runs = runs.merge(wide[sorted(wide.columns)], left_on="run_id", right_index=True,
                          how="left")
    return runs


def runs_table(store: Store, selection: Selection) -> TableData:
    return TableData.of_frame(leaderboard(store), selection.chunk_rows)


def _forecast_run(store: Store, run_id: int) -> dict[str, Any]:
    run = store.run(run_id)
    if run["kind"] != "forecast":
        raise NotFoundError(QT_TRANSLATE_NOOP(
            "Core", "Run {run} is a {kind} run, not a forecast.").format(
                run=run_id, kind=run["kind"]))
    return run


#: What a run's metric was measured on, by scope (a forecast's scopes end in ``:<key>``).
SCOPE_TEXTS = {"": "cross-validation: mean over the test folds (spread: their standard "
                   "deviation)",
               "test": "the recipe's test rows", "time": "seconds per fold",
               "backtest": "rolling-origin backtest of the chosen model",
               "backtest:": "rolling-origin backtest of model {key}",
               "series:": "rolling-origin backtest of ATM {key}",
               "cashout:": "cumulative residual quantile {key}",
               "plan:": "the cash plan's demand scenarios ({key})"}


def measured_on(kind: str, scope: str) -> str:
    """What a metric of a run of ``kind`` in ``scope`` was measured on, in words."""
    if kind != "train" and scope == "":
        return "the run"
    head, colon, key = scope.partition(":")
    return SCOPE_TEXTS.get(head + colon, scope).format(key=key)


def run_metrics(store: Store, run_id: int) -> pd.DataFrame:
    """Every metric of a run: scope, name, value, spread (scope '' first), and what it was
    measured on (``measured_on``, e.g. the cross-validation's test folds)."""
    kind = store.run(run_id)["kind"]
    frame = pd.DataFrame(
        store.conn.execute("SELECT scope, name, value, spread FROM run_metrics WHERE run_id = ? "
                           "ORDER BY scope, name", [run_id]).fetchall(),
        columns=["scope", "name", "value", "spread"]).astype({"value": float, "spread": float})
    frame["measured_on"] = pd.Series([measured_on(kind, s) for s in frame["scope"]],
                                     dtype=object)
    return frame


def run_metrics_table(store: Store, selection: Selection) -> TableData:
    frame = run_metrics(store, selection.run_id)  # type: ignore[arg-type]
    return TableData.of_frame(frame, selection.chunk_rows, run_id=selection.run_id)


def forecast_table(store: Store, selection: Selection) -> TableData:
    """The run's forecasts with one ``lo_<level>``, ``hi_<level>`` pair per interval level, as
    :func:`iotfin_gui.core.forecast.read_forecast` gives them, streamed from one SQL join
    (primary-key lookups) instead of two tables read whole and merged in pandas."""
    run = _forecast_run(store, selection.run_id)  # type: ignore[arg-type]
    levels = [int(row[0]) for row in store.conn.execute(
        "SELECT DISTINCT level FROM forecast_intervals WHERE run_id = ? ORDER BY level",
        [run["id"]])]
    bounds = [f"{end}_{level}" for level in levels for end in ("lo", "hi")]
    joins = "".join(
        f" LEFT JOIN forecast_intervals i{k} ON i{k}.run_id = f.run_id AND "
        f"i{k}.series_id = f.series_id AND i{k}.ds = f.ds AND i{k}.level = {level}"
        for k, level in enumerate(levels))
    picked = "".join(f", i{k}.lo, i{k}.hi" for k in range(len(levels)))
    sql = (f"SELECT f.series_id, f.ds, f.forecast{picked} FROM forecasts f{joins} "
           "WHERE f.run_id = ? ORDER BY f.series_id, f.ds")
    rows = store.conn.execute("SELECT count(*) FROM forecasts WHERE run_id = ?",
                              [run["id"]]).fetchone()[0]
    columns = ["series_id", "date", "forecast", *bounds]
    kinds = {"series_id": "text", "date": "date"} | {c: "float" for c in columns[2:]}
    return TableData(columns, kinds,
                     _stream(store, sql, [run["id"]], columns, kinds, selection.chunk_rows),
                     rows, run_id=run["id"], dataset_id=run["dataset_id"])


def plan_table(store: Store, selection: Selection) -> TableData:
    if selection.frame is not None:
        return TableData.of_frame(selection.frame, selection.chunk_rows,
                                  run_id=selection.run_id)
    from iotfin_gui.core.cashplan.jobs import replan
    from iotfin_gui.core.forecast.service import DEFAULT_SERVICE_LEVEL

    run = _forecast_run(store, selection.run_id)  # type: ignore[arg-type]
    level = float(run["params"].get("service_level", DEFAULT_SERVICE_LEVEL))
    return TableData.of_frame(replan(store, run["id"], service_level=level).plan,
                              selection.chunk_rows, run_id=run["id"],
                              dataset_id=run["dataset_id"])


# --- fleet and audit -----------------------------------------------------------------------


def fleet_table(store: Store, selection: Selection) -> TableData:
    from iotfin_gui.core.fleet import fleet_status

    status = fleet_status(store, selection.as_of)
    frame = status.table.copy()
    frame.insert(0, "as_of", status.as_of)
    return TableData.of_frame(frame, selection.chunk_rows,
                              detail={"as_of": str(status.as_of)})


_AUDIT = ["id", "ts", "action", "detail"]


def audit_table(store: Store, selection: Selection) -> TableData:
    rows = store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    kinds = {"id": "integer", "ts": "datetime", "action": "text", "detail": "text"}
    sql = ("SELECT id, replace(replace(ts, 'T', ' '), 'Z', ''), action, detail FROM audit_log "
           "ORDER BY id")
    return TableData(list(_AUDIT), kinds,
                     _stream(store, sql, [], _AUDIT, kinds, selection.chunk_rows), rows)
