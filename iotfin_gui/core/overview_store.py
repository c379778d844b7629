"""Overviews kept in the catalogue: a dataset's per-day series and column summary, once computed.

Both are full scans of the dataset's rows (on 50M rows, about a second for the per-day series
and several for the column summary), and both depend only on the rows, the column types and the
roles. Each is kept in the ``overviews`` table under a key of exactly those
(:func:`content_key`: the parts' SHA-256, the data hash, columns and roles), so that opening the
window again, or coming back to a dataset, shows its overview at once; a dataset whose rows,
types or roles change has another key, and its old overview is simply not used (and replaced
when the new one is kept). Emptying the dataset from the trash deletes its overviews with it.

The payload is JSON, decoded by the column's type: times travel as ISO text, non-finite floats
by name, so a kept overview equals the computed one value for value and type for type.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import math
import sqlite3
from typing import Any

import pandas as pd

from iotfin_gui.core.lineage import utc_now
from iotfin_gui.core.store import DatasetInfo, Store

log = logging.getLogger("iotfin.overview")


def content_key(info: DatasetInfo) -> str:
    """What an overview of ``info`` depends on, as one SHA-256: its parts, data hash, column
    names and types, and roles."""
    what = {
        "files": [f.to_dict() for f in info.files],
        "data_hash": info.data_hash,
        "columns": [c.to_dict() for c in info.columns],
        "roles": dict(sorted(info.roles.items())),
    }
    return hashlib.sha256(json.dumps(what, sort_keys=True).encode()).hexdigest()


def _encode(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return {"float": repr(value)}
    if isinstance(value, dt.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    return value


def _decode(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    (kind, text), = value.items()
    if kind == "float":
        return float(text)
    if kind == "datetime":
        return dt.datetime.fromisoformat(text)
    return dt.date.fromisoformat(text)


def _load(store: Store, info: DatasetInfo, kind: str) -> Any | None:
    row = store.conn.execute(
        "SELECT payload FROM overviews WHERE dataset_id = ? AND kind = ? AND content_key = ?",
        [info.id, kind, content_key(info)]).fetchone()
    return None if row is None else json.loads(row[0])


def _keep(store: Store, info: DatasetInfo, kind: str, payload: Any) -> None:
    """Keep ``payload`` as the ``kind`` overview of ``info``; a store that cannot take the write
    now (locked by a long transaction, read-only) only costs the next view its scan."""
    text = json.dumps(payload, allow_nan=False, ensure_ascii=False)
    try:
        with store.atomic():
            store.conn.execute(
                "INSERT OR REPLACE INTO overviews (dataset_id, kind, content_key, payload, "
                "created_at) SELECT id, ?, ?, ?, ? FROM datasets WHERE id = ?",
                [kind, content_key(info), text, utc_now(), info.id])
    except sqlite3.OperationalError as error:
        log.warning("The overview of %s was not kept: %s", info.name, error)


def kept_daily(store: Store, info: DatasetInfo) -> pd.DataFrame | None:
    """The kept per-day series of ``info`` (columns ``day``, ``value``), or None."""
    payload = _load(store, info, "daily")
    if payload is None:
        return None
    return pd.DataFrame({
        "day": pd.to_datetime(pd.Series(payload["day"], dtype="object")).astype(
            "datetime64[ns]"),
        "value": pd.Series([math.nan if v is None else float(_decode(v))
                            for v in payload["value"]], dtype="float64"),
    })


def keep_daily(store: Store, info: DatasetInfo, daily: pd.DataFrame) -> None:
    """Keep the per-day series ``daily`` of ``info``."""
    _keep(store, info, "daily", {
        "day": [d.date().isoformat() for d in daily["day"]],
        "value": [None if math.isnan(v) else _encode(float(v)) for v in daily["value"]],
    })


def kept_columns(store: Store, info: DatasetInfo) -> list[tuple] | None:
    """The kept column summary of ``info``: per column (missing, minimum, maximum, distinct),
    in the order of its columns, or None."""
    payload = _load(store, info, "columns")
    if payload is None:
        return None
    return [tuple(_decode(v) for v in row) for row in payload]


def keep_columns(store: Store, info: DatasetInfo, rows: list[tuple]) -> None:
    """Keep the column summary ``rows`` of ``info`` (see :func:`kept_columns`)."""
    _keep(store, info, "columns", [[_encode(v) for v in row] for row in rows])
