"""The analyst's day at a glance: ATMs needing attention, the latest runs, data freshness.

Qt-free; the Today panel shows :class:`TodayOverview` as read by :func:`today_overview_job`.
The ATMs needing attention come from the fleet status core (:func:`.fleet.fleet_status`, on the
fleet's pinned sources and saved rules) and are not recomputed here: every ATM not "ok", and the
"ok" ones whose cash runs out within :data:`CASHOUT_SOON_DAYS` at their recent demand. The
latest runs are training, forecast, preprocess and prediction runs and imports, newest first.
Each dataset's freshness is its newest time stamp and its age against the clock.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import pandas as pd

from iotfin_gui.core.errors import UserFacingError, user_message
from iotfin_gui.core.fleet import fleet_status
from iotfin_gui.core.fleet.rules import STATUSES
from iotfin_gui.core.fleet.sources import pin_sources
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message
from iotfin_gui.core.store import DatasetInfo, Store, quote, stored_message

#: An ATM whose cash lasts fewer days than this needs attention, whatever its status.
CASHOUT_SOON_DAYS = 3.0
#: A dataset whose newest row is older than this is stale.
STALE_AFTER = pd.Timedelta(days=2)
#: How many runs and imports the overview lists.
LATEST = 10
ATTENTION_COLUMNS = ("device_id", "name", "city", "status", "since", "cash_level", "cash_pct",
                     "days_to_cashout", "reasons")
RUN_COLUMNS = ("kind", "id", "title", "dataset", "finished")
FRESHNESS_COLUMNS = ("dataset", "kind", "rows", "newest", "age_days", "stale", "is_demo")


@dataclass(frozen=True)
class TodayOverview:
    """What the Today panel shows. ``attention`` has :data:`ATTENTION_COLUMNS` (most urgent
    first), ``runs`` :data:`RUN_COLUMNS`, ``freshness`` :data:`FRESHNESS_COLUMNS`. Without fleet
    data, ``as_of`` is ``None`` and ``fleet_problem`` says why; ``currency``: the fleet's cash
    amounts' (``None``: unknown)."""

    as_of: pd.Timestamp | None
    as_of_source: str
    counts: dict[str, int]
    total: int
    fleet_sources: dict[str, str]
    attention: pd.DataFrame
    runs: pd.DataFrame
    freshness: pd.DataFrame
    now: pd.Timestamp
    fleet_problem: Message | str | None = None
    notes: tuple[Message | str, ...] = field(default_factory=tuple)
    currency: str | None = None


def needing_attention(table: pd.DataFrame, soon_days: float = CASHOUT_SOON_DAYS) -> pd.DataFrame:
    """The ATMs of a fleet status table that need attention, the most urgent first."""
    days = pd.to_numeric(table["days_to_cashout"], errors="coerce")
    picked = table[(table["status"] != "ok") | (days < soon_days)]
    order = {status: rank for rank, status in enumerate(STATUSES)}
    picked = picked.assign(_rank=picked["status"].map(order).fillna(len(order)),
                           _days=days.loc[picked.index])
    picked = picked.sort_values(["_rank", "_days", "device_id"], na_position="last")
    return picked[list(ATTENTION_COLUMNS)].reset_index(drop=True)


def latest_runs(store: Store, limit: int = LATEST) -> pd.DataFrame:
    """The newest runs and imports: kind, id, title (a Message when stored with one), dataset,
    finished (naive UTC)."""
    runs = store.conn.execute(
        "SELECT r.kind, r.id, r.title, r.title_template, r.title_params, d.name, r.finished_at "
        "FROM runs r LEFT JOIN datasets d ON d.id = r.dataset_id AND d.deleted_at IS NULL "
        "WHERE r.deleted_at IS NULL ORDER BY r.finished_at DESC, r.id DESC LIMIT ?",
        [limit]).fetchall()
    imports = store.conn.execute(
        "SELECT i.id, i.source_path, d.name, i.finished_at FROM imports i LEFT JOIN datasets d "
        "ON d.id = i.dataset_id AND d.deleted_at IS NULL "
        "ORDER BY i.finished_at DESC, i.id DESC LIMIT ?", [limit]).fetchall()
    rows = [(kind, run_id, stored_message(title, template, params), dataset, finished)
            for kind, run_id, title, template, params, dataset, finished in runs]
    rows += [("import", import_id, os.path.basename(path), dataset, finished)
             for import_id, path, dataset, finished in imports]
    frame = pd.DataFrame(rows, columns=list(RUN_COLUMNS))
    frame["finished"] = _utc(frame["finished"])
    return (frame.sort_values("finished", ascending=False, kind="stable")
            .head(limit).reset_index(drop=True))


def _newest(store: Store, info: DatasetInfo, column: str) -> pd.Timestamp:
    """The newest time of ``column`` (naive UTC; NaT if none): one DuckDB aggregate over a
    stored time column, which never loads the rows; a text column is parsed as the import
    would."""
    if next(c.type for c in info.columns if c.name == column) == "datetime":
        newest = pd.Timestamp(store.query_dataset(info, f"SELECT max({quote(column)}) "
                                                        "FROM data")[0][0])
        return newest.tz_convert(None) if newest.tzinfo is not None else newest
    values = store.read_dataset(info.name, columns=[column])[column]
    newest = pd.to_datetime(values, errors="coerce", utc=True).max()
    return pd.NaT if pd.isna(newest) else newest.tz_localize(None)


def data_freshness(store: Store, now: pd.Timestamp) -> pd.DataFrame:
    """Per dataset with a time column: rows, newest time, age in days at ``now``, stale."""
    rows = []
    for info in store.datasets():
        column = info.column_for("timestamp")
        if column is None:
            continue
        newest = _newest(store, info, column)
        age = (now - newest) / pd.Timedelta(days=1) if not pd.isna(newest) else float("nan")
        rows.append((info.name, info.kind, info.row_count, newest, age,
                     bool(pd.isna(newest) or now - newest > STALE_AFTER), info.is_demo))
    frame = pd.DataFrame(rows, columns=list(FRESHNESS_COLUMNS))
    frame["newest"] = pd.to_datetime(frame["newest"])
    return frame.sort_values("newest", ascending=False, na_position="last",
                             ignore_index=True)


def today_overview(store: Store, now: pd.Timestamp | None = None) -> TodayOverview:
    """The overview of the store now (``now``: naive UTC, default the clock)."""
    now = now if now is not None else pd.Timestamp.now("UTC").tz_localize(None).floor("s")
    runs, freshness = latest_runs(store), data_freshness(store, now)
    try:
        sources, notes = pin_sources(store)
        status = fleet_status(store, sources=sources)
    except UserFacingError as error:
        return TodayOverview(None, "", {}, 0, {}, pd.DataFrame(columns=list(ATTENTION_COLUMNS)),
                             runs, freshness, now, user_message(error))
    return TodayOverview(
        as_of=status.as_of, as_of_source=status.as_of_source, counts=dict(status.counts),
        total=len(status.table), fleet_sources=dict(status.sources),
        attention=needing_attention(status.table), runs=runs, freshness=freshness, now=now,
        notes=(*notes, *status.notes), currency=status.currency)


def today_overview_job(ctx: JobContext, db_path: str | os.PathLike) -> TodayOverview:
    """Job: :func:`today_overview` of the store at ``db_path``."""
    ctx.progress(None, QT_TRANSLATE_NOOP("Core", "Reading today's overview"))
    with Store.open(db_path) as store:
        return today_overview(store)


def _utc(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values, errors="coerce", utc=True).dt.tz_localize(None)
