"""The store migrations that run Python (:data:`.schema.PYTHON_STEPS`), inside the transaction
:meth:`Store._migrate` opens after backing the store up: a migration that fails or is killed
leaves the store at its old version, as it was, and runs again at the next open.

Schema 3 to 4 (:func:`move_tables_to_parquet`): every dataset's rows move from its ``ds_<id>``
SQLite table to Parquet parts. Each table (of live and trashed datasets alike) is read in row
order, a chunk at a time, with its logical types restored, written through the same
:class:`DatasetWriter` an import uses and published; then the catalogue points at the parts and
the table is dropped. Until the commit the old tables are what the store holds (the folders it
published are removed, or found as orphans at the next start). The data hash stays the one
recorded at import (runs refer to it); the audit entry counts the datasets whose values, hashed
again, give another hash (expected only for datasets recorded before the canonical hash).

Schema 5 to 6 (:func:`state_cash_levels`): every dataset (live or trashed) stored before the
role ``cash_level`` existed gets it on the column it read as its cash level
(:func:`.roles.unstated_cash_level`), so that :func:`.cash_now.cash_column` needs no fallback
and a column with the role ``metric`` is a metric; a saved import profile gets it on the same
column, so a file imported with it reads as before. Only the catalogue's roles and the profiles
change; the rows, their hash and the runs are untouched.
"""

from __future__ import annotations

import json

import pandas as pd

from iotfin_gui.core import datafiles
from iotfin_gui.core.ingest.roles import unstated_cash_level
from iotfin_gui.core.store import Column, DatasetWriter, Store, quote, restore_column

#: Rows read from an old table at a time.
CHUNK_ROWS = 100_000


def _table_exists(store: Store, table: str) -> bool:
    return bool(store.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                                   [table]).fetchone())


def _move(store: Store, dataset_id: int, table: str, columns: tuple[Column, ...]) -> tuple[
        str, DatasetWriter]:
    folder = datafiles.new_folder_name(dataset_id)
    writer = DatasetWriter(store, dataset_id, folder, columns)
    try:
        if columns and _table_exists(store, table):
            names = [c.name for c in columns]
            select = ", ".join(quote(n) for n in names)
            cursor = store.conn.execute(f"SELECT {select} FROM {quote(table)} ORDER BY rowid")
            while rows := cursor.fetchmany(CHUNK_ROWS):
                frame = pd.DataFrame(rows, columns=names)
                for column in columns:
                    frame[column.name] = restore_column(frame[column.name], column.type)
                writer.append(frame)
        files = writer.finish()
        writer.publish()
    except BaseException:
        writer.discard()
        raise
    store.conn.execute("UPDATE datasets SET table_name = ?, files = ?, row_count = ? WHERE id = ?",
                       [folder, json.dumps([f.to_dict() for f in files]), writer.row_count,
                        dataset_id])
    store.conn.execute(f"DROP TABLE IF EXISTS {quote(table)}")
    return folder, writer


def move_tables_to_parquet(store: Store) -> list[str]:
    """Move every dataset's table into Parquet (inside the caller's transaction); returns the
    folders published, for the caller to remove should the transaction not commit."""
    rows = store.conn.execute("SELECT id, table_name, columns, data_hash FROM datasets "
                              "ORDER BY id").fetchall()
    folders, rehashed = [], 0
    try:
        for dataset_id, table, columns_json, data_hash in rows:
            columns = tuple(Column.from_dict(c) for c in json.loads(columns_json))
            folder, writer = _move(store, dataset_id, table, columns)
            folders.append(folder)
            rehashed += int(data_hash is not None and writer.data_hash != data_hash)
    except BaseException:
        datafiles.remove_folders(store.path, folders)
        raise
    if rows:
        store.audit("store.parquet", datasets=len(rows), other_hash=rehashed)
    return folders


def state_cash_levels(store: Store) -> list[str]:
    """Give the role ``cash_level`` to the cash level of every dataset stored without one
    (inside the caller's transaction); publishes no folders, so returns none."""
    rows = store.conn.execute("SELECT id, kind, columns, roles FROM datasets "
                              "ORDER BY id").fetchall()
    stated = 0
    for dataset_id, kind, columns_json, roles_json in rows:
        roles = json.loads(roles_json)
        columns = [(c["name"], c["type"]) for c in json.loads(columns_json)]
        column = unstated_cash_level(kind, columns, roles)
        if column is not None:
            store.conn.execute("UPDATE datasets SET roles = ? WHERE id = ?",
                               [json.dumps({**roles, column: "cash_level"}), dataset_id])
            stated += 1
    profiles = _state_profile_cash_levels(store)
    if stated or profiles:
        store.audit("store.cash_level", datasets=stated, profiles=profiles)
    return []


def _state_profile_cash_levels(store: Store) -> int:
    """Give the role ``cash_level`` in every saved import profile to the column a dataset
    imported with it would have read as its cash level; returns how many profiles changed."""
    changed = 0
    for name, settings_json in store.conn.execute(
            "SELECT name, settings FROM import_profiles ORDER BY name").fetchall():
        settings = json.loads(settings_json)
        mapping = settings.get("mapping") or {}
        included = [c for c in mapping.get("columns", []) if c.get("include", True)]
        column = unstated_cash_level(
            mapping.get("kind", ""), [(c["name"], c["type"]) for c in included],
            {c["name"]: c["role"] for c in included if c.get("role")})
        if column is None:
            continue
        for spec in included:
            if spec["name"] == column:
                spec["role"] = "cash_level"
        store.conn.execute("UPDATE import_profiles SET settings = ? WHERE name = ?",
                           [json.dumps(settings, ensure_ascii=False), name])
        changed += 1
    return changed
