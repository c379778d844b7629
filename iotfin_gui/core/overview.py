"""A dataset at a glance: per-column summary and a per-day series of its main measure.

Computed by DuckDB queries over the dataset's Parquet parts (:meth:`Store.query_dataset`), so
that no row is loaded into Python and memory stays flat however large the dataset. The Data panel
runs the two as jobs one after the other: the per-day series (:func:`daily_series`, one grouped
scan of two columns: about a second for 50M rows) draws the "over time" plot first, then the
column summary (:func:`column_summary`: exact distinct counts of every column, many seconds at
that size) fills the Columns tab. Each is computed once per content of the dataset and kept in the
catalogue (:mod:`iotfin_gui.core.overview_store`); :func:`kept_daily_series` and
:func:`kept_column_summary` return the kept ones without scanning, for the panel to show at once;
imports prepare the per-day series (:func:`prepare_daily_series`).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

import pandas as pd

from iotfin_gui.core import overview_store
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message
from iotfin_gui.core.store import DatasetInfo, Store, quote

log = logging.getLogger("iotfin.overview")

#: Roles whose column is summed per day, in order of preference; metrics (a cash level among
#: them) are averaged.
SUMMED_ROLES = ("amount", "count")
AVERAGED_ROLES = ("metric", "cash_level")
COLUMNS_PER_QUERY = 100


@dataclass
class DailySeries:
    """``daily``: columns ``day`` and ``value`` (empty when the dataset has no timestamp role);
    ``measure`` says what ``value`` is, e.g. ``sum of amount`` (a translatable Message)."""

    name: str
    daily: pd.DataFrame
    measure: Message


@dataclass
class DatasetOverview:
    """``columns``: one row per column (name, type, role, missing, minimum, maximum, distinct).
    ``daily``: columns ``day`` and ``value`` (empty when the dataset has no timestamp role);
    ``measure`` says what ``value`` is, e.g. ``sum of amount`` (a translatable Message)."""

    name: str
    columns: pd.DataFrame
    daily: pd.DataFrame
    measure: Message


def _column_summary(store: Store, info: DatasetInfo, names: list[str],
                    ctx: JobContext) -> list[tuple]:
    rows = []
    for start in range(0, len(names), COLUMNS_PER_QUERY):
        ctx.progress(0.8 * start / max(len(names), 1),
                     QT_TRANSLATE_NOOP("Core", "Summarising columns"))
        chunk = names[start:start + COLUMNS_PER_QUERY]
        parts = ", ".join(
            f"count(*) - count({quote(n)}), min({quote(n)}), max({quote(n)}), "
            f"count(DISTINCT {quote(n)})"
            for n in chunk
        )
        values = store.query_dataset(info, f"SELECT {parts} FROM data")[0]
        rows.extend(tuple(values[4 * i:4 * i + 4]) for i in range(len(chunk)))
    return rows


def _measure(roles: dict[str, str], numeric: list[str]) -> tuple[str | None, Message]:
    for role in SUMMED_ROLES:
        column = next((c for c, r in roles.items() if r == role and c in numeric), None)
        if column:
            return f"sum({quote(column)})", QT_TRANSLATE_NOOP("Core", "sum of {column}").format(
                column=column)
    metric = next((c for c, r in roles.items() if r in AVERAGED_ROLES and c in numeric), None)
    if metric:
        return f"avg({quote(metric)})", QT_TRANSLATE_NOOP("Core", "mean of {column}").format(
            column=metric)
    return None, QT_TRANSLATE_NOOP("Core", "rows")


def _columns_frame(info: DatasetInfo, summary: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            (c.name, c.type, info.roles.get(c.name, ""), *values)
            for c, values in zip(info.columns, summary, strict=False)
        ],
        columns=["column", "type", "role", "missing", "minimum", "maximum", "distinct"],
    )


def kept_column_summary(store: Store, name: str) -> pd.DataFrame | None:
    """The column summary kept for the dataset's present content, or None (no scan)."""
    info = store.dataset(name)
    summary = overview_store.kept_columns(store, info)
    return None if summary is None else _columns_frame(info, summary)


def column_summary(store: Store, name: str, ctx: JobContext | None = None) -> pd.DataFrame:
    """One row per column: name, type, role, missing, minimum, maximum, distinct."""
    ctx = ctx or JobContext()
    info = store.dataset(name)
    summary = overview_store.kept_columns(store, info)
    if summary is None:
        summary = _column_summary(store, info, info.column_names, ctx)
        overview_store.keep_columns(store, info, summary)
    return _columns_frame(info, summary)


def _measure_of(info: DatasetInfo) -> tuple[str | None, Message]:
    numeric = [c.name for c in info.columns if c.type in ("integer", "float")]
    return _measure(dict(info.roles), numeric)


def kept_daily_series(store: Store, name: str) -> DailySeries | None:
    """The per-day series kept for the dataset's present content, or None (no scan)."""
    info = store.dataset(name)
    daily = overview_store.kept_daily(store, info)
    return None if daily is None else DailySeries(info.name, daily, _measure_of(info)[1])


def daily_series(store: Store, name: str, ctx: JobContext | None = None) -> DailySeries:
    """The per-day series of the dataset's main measure (see :data:`SUMMED_ROLES`)."""
    ctx = ctx or JobContext()
    info = store.dataset(name)
    expression, measure = _measure_of(info)
    kept = overview_store.kept_daily(store, info)
    if kept is not None:
        return DailySeries(info.name, kept, measure)
    time_column = info.column_for("timestamp")
    daily = pd.DataFrame({"day": pd.Series(dtype="datetime64[ns]"), "value": pd.Series(
        dtype="float64")})
    if time_column:
        ctx.progress(None, QT_TRANSLATE_NOOP("Core", "Aggregating per day"))
        rows = store.query_dataset(
            info, f"SELECT CAST({quote(time_column)} AS DATE) AS day, "
            f"{expression or 'count(*)'} FROM data WHERE {quote(time_column)} IS NOT NULL "
            "GROUP BY day ORDER BY day")
        daily = pd.DataFrame(rows, columns=["day", "value"])
        daily["day"] = pd.to_datetime(daily["day"]).astype("datetime64[ns]")
        daily["value"] = daily["value"].astype("float64")
    overview_store.keep_daily(store, info, daily)
    return DailySeries(info.name, daily, measure)


def prepare_daily_series(store: Store, name: str) -> None:
    """Compute and keep the per-day series of a dataset just imported, so that the Data panel
    draws it at once however the dataset came in (a second on 50M rows). Called after the
    import's commit, without its cancel: the dataset is stored whatever happens here, and a
    failure only leaves the first view its scan."""
    try:
        daily_series(store, name)
    except Exception as error:  # the import succeeded; its overview is an extra
        log.warning("The per-day overview of %s was not prepared: %s", name, error)


def dataset_overview(store: Store, name: str, ctx: JobContext | None = None) -> DatasetOverview:
    """The column summary and the per-day series together."""
    ctx = ctx or JobContext()
    columns = column_summary(store, name, ctx)
    series = daily_series(store, name, ctx)
    ctx.progress(1.0, QT_TRANSLATE_NOOP("Core", "Overview ready"))
    return DatasetOverview(series.name, columns, series.daily, series.measure)


def daily_series_job(ctx: JobContext, db_path: str | os.PathLike, name: str) -> DailySeries:
    """Job: the per-day series of dataset ``name`` in the store at ``db_path``."""
    with Store.open(db_path) as store:
        return daily_series(store, name, ctx)


def column_summary_job(ctx: JobContext, db_path: str | os.PathLike, name: str) -> pd.DataFrame:
    """Job: the column summary of dataset ``name`` in the store at ``db_path``."""
    with Store.open(db_path) as store:
        columns = column_summary(store, name, ctx)
    ctx.progress(1.0, QT_TRANSLATE_NOOP("Core", "Overview ready"))
    return columns

