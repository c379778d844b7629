"""The store: the single source of truth of the workstation, one SQLite file and its folders.

The SQLite file holds the catalogue: the device registry, every dataset's entry, import history
and quarantined rows, recipes, runs with their metrics and lineage, forecasts, exports, settings
and the audit log (see :mod:`iotfin_gui.core.schema`). A dataset's rows are Parquet parts in the
store's data folder (:mod:`iotfin_gui.core.datafiles`), published together with the catalogue's
commit and read with column and row push-down (:mod:`iotfin_gui.core.columnar`).

Start-up: the catalogue is plain SQLite, so opening a store and reading its catalogue (datasets,
runs, settings) imports neither pandas, numpy nor Arrow, nor sqlite-utils (which imports pandas):
the CLI's quick commands (``datasets``, ``info``, ``backup``...) start without them. The methods
that handle rows import them where they begin (:mod:`.data_hash`, :mod:`.part_writer`,
:mod:`.columnar`), and :attr:`Store.db`, sqlite-utils for the writers' inserts, is made on first
use.

Opening is careful: a file that is not SQLite, belongs to another program, comes from a newer
version, is read-only or locked is refused with a :class:`StoreError` before anything is written;
SQLite failing to make or grow its working files (a full disk, a file-size limit) is said as
such, never as damage. A store opened through a symbolic link to its file is the file the link
points to, as SQLite takes it (:func:`.store_files.store_file`).
A ``Store`` object belongs to one thread; workers open their own with :meth:`Store.open`.
Times in datasets are naive UTC, to the second.
"""

from __future__ import annotations

import importlib
import json
import math
import os
import secrets
import sqlite3
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from iotfin_gui.core import backups, datafiles, store_health
from iotfin_gui.core.errors import NotFoundError, StoreError
from iotfin_gui.core.lineage import library_versions, utc_now
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message
from iotfin_gui.core.schema import MIGRATIONS, PYTHON_STEPS, SCHEMA_VERSION
from iotfin_gui.core.store_files import (
    register_open_store,
    store_file,
    unregister_open_store,
)

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc
    import sqlite_utils

    from iotfin_gui.core.data_hash import ValueHash
    from iotfin_gui.core.part_writer import PartWriter

DATASET_KINDS = ("telemetry", "events", "withdrawals", "registry", "table")
#: How each dataset kind is named on screen and in messages.
DATASET_KIND_LABELS: dict[str, Message] = {
    "telemetry": QT_TRANSLATE_NOOP("Core", "telemetry"),
    "events": QT_TRANSLATE_NOOP("Core", "events"),
    "withdrawals": QT_TRANSLATE_NOOP("Core", "withdrawals"),
    "registry": QT_TRANSLATE_NOOP("Core", "registry"),
    "table": QT_TRANSLATE_NOOP("Core", "table"),
}
#: How each logical column type is named on screen.
TYPE_LABELS: dict[str, Message] = {
    "integer": QT_TRANSLATE_NOOP("Core", "integer"),
    "float": QT_TRANSLATE_NOOP("Core", "float"),
    "text": QT_TRANSLATE_NOOP("Core", "text"),
    "boolean": QT_TRANSLATE_NOOP("Core", "boolean"),
    "datetime": QT_TRANSLATE_NOOP("Core", "datetime"),
}
#: How each kind of run is named on screen.
RUN_KIND_LABELS: dict[str, Message] = {
    "train": QT_TRANSLATE_NOOP("Core", "training"),
    "forecast": QT_TRANSLATE_NOOP("Core", "forecast"),
    "preprocess": QT_TRANSLATE_NOOP("Core", "preprocessing"),
    "predict": QT_TRANSLATE_NOOP("Core", "prediction"),
}
TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S"
DEVICE_COLUMNS = (
    "device_id", "name", "branch", "city", "latitude", "longitude",
    "model", "cassette_capacity", "install_date",
)


def quote(identifier: str) -> str:
    """Quote an SQL identifier, whatever characters it holds."""
    return '"' + str(identifier).replace('"', '""') + '"'


_MESSAGE_KEY = "$message"


def _json_value(value: Any) -> Any:
    if isinstance(value, Message):
        return {_MESSAGE_KEY: [value.context, value.template,
                               {k: _json_value(v) for k, v in value.params.items()}]}
    numpy = sys.modules.get("numpy")  # a numpy scalar exists only once numpy was imported
    if numpy is not None and isinstance(value, numpy.generic):
        return value.item()
    if value is None or isinstance(value, (str, int, float)):
        return value
    return str(value)


def _from_json(value: Any) -> Any:
    if isinstance(value, dict) and _MESSAGE_KEY in value:
        context, template, params = value[_MESSAGE_KEY]
        return Message(context, template, {k: _from_json(v) for k, v in params.items()})
    return value


def message_columns(text: str) -> tuple[str | None, str | None]:
    """What a stored text needs besides its English wording to be shown translated later: the
    template of a :class:`Message` of context "Core" and the JSON of its values (nested Messages
    included; None when it has none); ``(None, None)`` for any other text."""
    if not isinstance(text, Message) or text.context != "Core":
        return None, None
    values = {k: _json_value(v) for k, v in text.params.items()}
    return text.template, json.dumps(values, ensure_ascii=False) if values else None


def stored_message(text: str, template: str | None, params: str | None) -> Message | str:
    """The stored English ``text`` as the Message it was made from (see :func:`message_columns`),
    or as it is when it was stored without a template or cannot be rebuilt to the same words."""
    if template is None:
        return text
    try:
        values = {k: _from_json(v) for k, v in json.loads(params).items()} if params else {}
        message = Message("Core", template, values)
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        return text
    return message if str(message) == text else text


@dataclass(frozen=True)
class Column:
    """A dataset column: its name, logical type (integer, float, text, boolean, datetime) and,
    for amounts whose values named one (``¥1,234.50``), their ``currency`` (``CNY``)."""

    name: str
    type: str
    currency: str | None = None

    def to_dict(self) -> dict[str, str]:
        """The column as the catalogue's ``columns`` JSON keeps it (no currency key when none)."""
        data = {"name": self.name, "type": self.type}
        return {**data, "currency": self.currency} if self.currency else data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Column:
        return cls(data["name"], data["type"], data.get("currency"))


@dataclass(frozen=True)
class DatasetInfo:
    """A dataset's catalogue entry (its rows are the Parquet ``files`` of the data folder's
    ``table_name`` folder)."""

    id: int
    name: str
    kind: str
    table_name: str
    columns: tuple[Column, ...]
    roles: Mapping[str, str]
    row_count: int
    data_hash: str | None
    source: str
    is_demo: bool
    created_at: str
    parent_id: int | None = None
    recipe_id: int | None = None
    #: A Message when it was stored with its template (shown translated), else plain text.
    note: str = ""
    files: tuple[datafiles.DataFile, ...] = ()

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def currency_of(self, column: str | None) -> str | None:
        """The currency ``column``'s amounts are in (``None`` when the data named none)."""
        return next((c.currency for c in self.columns if c.name == column), None)

    def column_for(self, role: str) -> str | None:
        """The first column that plays ``role`` (e.g. ``device_id``, ``timestamp``)."""
        return next((c for c, r in self.roles.items() if r == role), None)

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> DatasetInfo:
        return cls(
            id=row["id"],
            name=row["name"],
            kind=row["kind"],
            table_name=row["table_name"],
            columns=tuple(Column.from_dict(c) for c in json.loads(row["columns"])),
            roles=json.loads(row["roles"]),
            row_count=row["row_count"],
            data_hash=row["data_hash"],
            source=row["source"],
            is_demo=bool(row["is_demo"]),
            created_at=row["created_at"],
            parent_id=row["parent_id"],
            recipe_id=row["recipe_id"],
            note=stored_message(row["note"], row.get("note_template"), row.get("note_params")),
            files=tuple(datafiles.DataFile.from_dict(f) for f in json.loads(row.get("files")
                                                                             or "[]")),
        )


@dataclass
class DatasetWriter:
    """Appends chunks of rows to a dataset being created: into Parquet parts in a staging folder
    (:class:`.part_writer.PartWriter`, bounded memory), published when the dataset is
    recorded. The data hash is :class:`.data_hash.ValueHash`, fed the same chunks."""

    store: Store
    dataset_id: int
    table_name: str
    columns: tuple[Column, ...]
    row_count: int = 0
    #: Column name -> currency its amounts named, recorded with the dataset (set while writing).
    currencies: dict[str, str] = field(default_factory=dict)
    _hash: ValueHash = field(init=False)
    _parts: PartWriter = field(init=False)

    def __post_init__(self) -> None:
        from iotfin_gui.core.data_hash import ValueHash
        from iotfin_gui.core.part_writer import PartWriter

        pairs = [(c.name, c.type) for c in self.columns]
        self._hash = ValueHash(pairs)
        self._parts = PartWriter(self.store.path, self.table_name, pairs)

    def append(self, frame: pd.DataFrame) -> None:
        names = [c.name for c in self.columns]
        if list(map(str, frame.columns)) != names:
            raise ValueError(f"chunk columns {list(frame.columns)} differ from {names}")
        self.append_columns([frame.iloc[:, index] for index in range(len(names))])

    def append_columns(self, columns: Sequence[pd.Series | pa.Array]) -> None:
        """Append a chunk given column by column: pandas Series, or Arrow arrays already of the
        type the store keeps (:data:`.part_writer.ARROW_TYPES`), which go in as they are."""
        import pyarrow as pa

        from iotfin_gui.core.data_hash import text_values
        from iotfin_gui.core.part_writer import arrow_column

        rows = len(columns[0]) if columns else 0
        if not rows:
            return
        arrays, hashed = [], []
        for column, values in zip(self.columns, columns, strict=True):
            if isinstance(values, pa.Array):
                arrays.append(values)
                hashed.append((values, None))
                continue
            texts = text_values(values) if column.type == "text" else None
            arrays.append(arrow_column(values, column.type, texts))
            hashed.append((values, texts))
        self._parts.write(arrays)
        # Hashed in the parts' writing thread, in order, while the caller reads on.
        self._parts.in_order(self._add_to_hash, hashed, rows)
        self.row_count += rows

    def _add_to_hash(self, columns: list[tuple[Any, Any]], rows: int) -> None:
        for index, (values, texts) in enumerate(columns):
            self._hash.update(index, values, texts)
        self._hash.advance(rows)

    @property
    def data_hash(self) -> str:
        """The data hash of the rows appended (complete once :meth:`finish` returned)."""
        return self._hash.hexdigest()

    def finish(self) -> list[datafiles.DataFile]:
        """Close the parts; returns them, ready to :meth:`publish`."""
        return self._parts.finish()

    def publish(self) -> None:
        """Give the parts their final folder (just before the catalogue's commit)."""
        from iotfin_gui.core import part_writer

        part_writer.publish(self._parts)

    def discard(self) -> None:
        """Remove what was written (the dataset is not recorded)."""
        self._parts.discard()


class Store:
    """An open IoTFin store. Use :meth:`open`; close it (or use ``with``) when done."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn
        self._open = False

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the store's connection, for inserts and upserts (made on first use:
        importing it imports pandas)."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """The rows of a query as dicts, column name -> value."""
        cursor = self.conn.execute(sql, params)
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    # --- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike, *, create_parents: bool = False,
             verify: bool = False) -> Store:
        """Open (creating or migrating as needed) the store at ``path``.

        A file that must not be opened read-write is refused before anything is written (see
        :mod:`iotfin_gui.core.store_health`). With ``verify`` (the window and the CLI ask for it
        when they open a store; worker processes don't) SQLite's quick check runs first, within
        a time budget, and a damaged store is refused with a :class:`DamagedStoreError`. From
        then on this process's own code cannot open the store's files (see
        :mod:`iotfin_gui.core.store_files`)."""
        path = store_file(Path(path).expanduser())
        if path.is_dir():
            raise StoreError(QT_TRANSLATE_NOOP("Core", "{path} is a folder, not a store file.")
                             .format(path=str(path)))
        if path.exists() and not path.is_file():
            raise StoreError(QT_TRANSLATE_NOOP(
                "Core", "{path} is not a regular file (a device, pipe or socket); a store is "
                "an ordinary file. Choose another store with --db.").format(path=str(path)))
        if not path.parent.exists():
            if not create_parents:
                raise StoreError(QT_TRANSLATE_NOOP("Core", "The folder {folder} does not exist.")
                                 .format(folder=str(path.parent)))
            path.parent.mkdir(parents=True, exist_ok=True)
        exists = path.exists() and path.stat().st_size > 0
        if exists:
            store_health.check_existing_file(path)
        elif not os.access(path.parent, os.W_OK):
            raise StoreError(QT_TRANSLATE_NOOP(
                "Core", "Cannot create a store in {folder}: the folder is read-only.").format(
                    folder=str(path.parent)))
        conn = _connect(path)
        try:
            store_health.check_not_locked(conn, path)
            if exists and verify:
                result = store_health.run_check(
                    conn, seconds=store_health.QUICK_CHECK_SECONDS)
                if not result.ok:
                    raise store_health.damaged(path, list(result.problems))
            conn.execute("PRAGMA journal_mode = WAL")
            store = cls(path, conn)
            store._migrate()
        except sqlite3.OperationalError as error:
            conn.close()
            raise StoreError(store_health.cannot_open(path, error)) from error
        except sqlite3.DatabaseError as error:
            conn.close()
            raise store_health.damaged(path, [str(error)]) from error
        except BaseException:
            conn.close()
            raise
        register_open_store(path)
        store._open = True
        return store

    def close(self) -> None:
        if self._open:
            self._open = False
            unregister_open_store(self.path)
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        version = self.schema_version
        if version >= SCHEMA_VERSION:
            return
        if version > 0:
            backups.backup(self, "migrate")
        moved: list[str] = []
        try:
            with self.atomic():
                # Read again under the write lock: another process opening the same old store
                # may have migrated it while this one was backing it up.
                version = self.schema_version
                if version >= SCHEMA_VERSION:
                    return
                for number, statements in enumerate(MIGRATIONS[version:], start=version + 1):
                    for statement in statements:
                        self.conn.execute(statement)
                    if number in PYTHON_STEPS:
                        module, name = PYTHON_STEPS[number].split(":")
                        moved += getattr(importlib.import_module(module), name)(self)
                self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except BaseException:
            datafiles.remove_folders(self.path, moved)
            raise
        self.audit("store.migrate", from_version=version, to_version=SCHEMA_VERSION)

    @contextmanager
    def atomic(self) -> Iterator[Store]:
        """One transaction: everything inside is committed together or not at all (nestable).

        The outermost one begins IMMEDIATE, i.e. takes the write lock first: a deferred one that
        read before writing (sqlite-utils looks at the table first) cannot upgrade once another
        connection (a job's) has committed since, and SQLite then reports "database is locked"
        at once, without waiting."""
        if self.conn.in_transaction:
            with self._savepoint():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.conn.rollback()
            raise
        self.conn.commit()

    @contextmanager
    def _savepoint(self) -> Iterator[None]:
        """A nested transaction: a savepoint of the one open, rolled back alone on error (unless
        the error ended the whole transaction, e.g. a RAISE(ROLLBACK) trigger)."""
        name = f"iotfin_{secrets.token_hex(8)}"
        self.conn.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                self.conn.execute(f"RELEASE SAVEPOINT {name}")
            raise
        self.conn.execute(f"RELEASE SAVEPOINT {name}")

    # --- datasets --------------------------------------------------------------------------

    def datasets(self) -> list[DatasetInfo]:
        rows = self._rows("SELECT * FROM datasets WHERE deleted_at IS NULL "
                          "ORDER BY is_demo, name")
        return [DatasetInfo.from_row(r) for r in rows]

    def dataset(self, name_or_id: str | int) -> DatasetInfo:
        column = "id" if isinstance(name_or_id, int) else "name"
        rows = self._rows(f"SELECT * FROM datasets WHERE {column} = ? AND deleted_at IS NULL",
                          [name_or_id])
        if not rows:
            raise NotFoundError(QT_TRANSLATE_NOOP(
                "Core", "There is no dataset {dataset!r} in the store.").format(
                    dataset=name_or_id))
        return DatasetInfo.from_row(rows[0])

    def has_dataset(self, name: str) -> bool:
        return bool(self.conn.execute("SELECT 1 FROM datasets WHERE name = ? AND deleted_at IS "
                                      "NULL", [name]).fetchone())

    @contextmanager
    def new_dataset(
        self,
        name: str,
        kind: str,
        columns: Sequence[Column],
        *,
        roles: Mapping[str, str] | None = None,
        source: str,
        is_demo: bool = False,
        parent_id: int | None = None,
        recipe_id: int | None = None,
        note: str = "",
        currencies: Mapping[str, str] | None = None,
    ) -> Iterator[DatasetWriter]:
        """Create a dataset and stream rows into it, all in one transaction. ``currencies``
        (column -> code such as ``CNY``; the writer's may be added while writing) are recorded
        in the columns' metadata.

        If the body raises (including :class:`JobCancelled`), nothing of the dataset remains.
        """
        if kind not in DATASET_KINDS:
            raise ValueError(f"unknown dataset kind {kind!r}; expected one of {DATASET_KINDS}")
        if not name.strip():
            raise StoreError(QT_TRANSLATE_NOOP("Core", "A dataset needs a name."))
        if self.has_dataset(name):
            raise StoreError(QT_TRANSLATE_NOOP(
                "Core", "A dataset named {dataset!r} already exists; choose another name.")
                .format(dataset=name))
        names = [c.name for c in columns]
        if len(set(names)) != len(names):
            raise StoreError(QT_TRANSLATE_NOOP(
                "Core", "Dataset {dataset!r} has duplicate column names.").format(dataset=name))
        unknown = set(roles or {}) - set(names)
        if unknown:
            raise StoreError(QT_TRANSLATE_NOOP(
                "Core", "Roles name columns that do not exist: {columns}").format(
                    columns=str(sorted(unknown))))
        with self.atomic():
            note_template, note_params = message_columns(note)
            dataset_id = self.db["datasets"].insert(
                {
                    "name": name,
                    "kind": kind,
                    "table_name": f"pending_{name}",
                    "columns": json.dumps([c.to_dict() for c in columns]),
                    "roles": json.dumps(dict(roles or {})),
                    "source": source,
                    "is_demo": int(is_demo),
                    "parent_id": parent_id,
                    "recipe_id": recipe_id,
                    "note": note,
                    "note_template": note_template,
                    "note_params": note_params,
                    "created_at": utc_now(),
                }
            ).last_pk
            folder = datafiles.new_folder_name(dataset_id)
            writer = DatasetWriter(self, dataset_id, folder, tuple(columns),
                                   currencies=dict(currencies or {}))
            published = False
            try:
                yield writer
                files = writer.finish()
                writer.publish()
                published = True
                self.conn.execute(
                    "UPDATE datasets SET table_name = ?, row_count = ?, data_hash = ?, files = ?, "
                    "columns = ? WHERE id = ?",
                    [folder, writer.row_count, writer.data_hash,
                     json.dumps([f.to_dict() for f in files]),
                     json.dumps([replace(c, currency=writer.currencies.get(c.name, c.currency))
                                 .to_dict() for c in columns]), dataset_id],
                )
                self.audit("dataset.create", dataset=name, kind=kind, rows=writer.row_count,
                           source=source)
            except BaseException:
                writer.discard()
                if published:
                    datafiles.remove_folders(self.path, [folder])
                raise

    def write_dataset(
        self, name: str, frame: pd.DataFrame, kind: str, **options: Any
    ) -> DatasetInfo:
        """Store a whole DataFrame as a new dataset (see :meth:`new_dataset` for ``options``)."""
        from iotfin_gui.core.data_hash import logical_type

        columns = [Column(str(c), logical_type(frame[c])) for c in frame.columns]
        with self.new_dataset(name, kind, columns, **options) as writer:
            writer.append(frame.set_axis([c.name for c in columns], axis=1))
        return self.dataset(name)

    def read_dataset(
        self,
        name_or_id: str | int,
        columns: Sequence[str] | None = None,
        limit: int | None = None,
        offset: int = 0,
        *,
        where: pc.Expression | None = None,
    ) -> pd.DataFrame:
        """A dataset's rows as a DataFrame with its logical types restored: only ``columns``
        (all by default), only the rows the Arrow expression ``where`` keeps (e.g.
        ``pc.field("time") >= start``; pushed down to the files), then rows
        ``[offset, offset + limit)`` of those, in row order."""
        info = self.dataset(name_or_id)
        wanted = list(columns) if columns is not None else info.column_names
        missing = set(wanted) - set(info.column_names)
        if missing:
            raise NotFoundError(QT_TRANSLATE_NOOP(
                "Core", "Dataset {dataset!r} has no column(s) {columns}.").format(
                    dataset=info.name, columns=str(sorted(missing))))
        from iotfin_gui.core import columnar

        return columnar.read_frame(self, info, wanted, where, limit, offset)

    def query_dataset(self, name_or_id: str | int | DatasetInfo, sql: str,
                      params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Rows of a DuckDB ``sql`` statement over a dataset, which it names ``data`` (e.g.
        ``SELECT max("time") FROM data``): summaries without loading the rows."""
        from iotfin_gui.core import columnar

        info = name_or_id if isinstance(name_or_id, DatasetInfo) else self.dataset(name_or_id)
        return columnar.query(self, info, sql, params)

    def query_dataset_frame(self, name_or_id: str | int | DatasetInfo, sql: str,
                            params: Sequence[Any] = ()) -> pd.DataFrame:
        """Like :meth:`query_dataset`, as a DataFrame typed as :meth:`read_dataset` types it
        (through Arrow: no Python object per value)."""
        from iotfin_gui.core import columnar

        info = name_or_id if isinstance(name_or_id, DatasetInfo) else self.dataset(name_or_id)
        return columnar.to_frame(columnar.query_table(self, info, sql, params))

    def delete_dataset(self, name_or_id: str | int) -> None:
        """Back up the store, then move a dataset and its registry rows to the trash (see
        :mod:`iotfin_gui.core.trash`, which imports this module)."""
        from iotfin_gui.core import trash

        trash.trash_dataset(self, name_or_id)

    def remove_demo_data(self) -> int:
        """Back up the store, then move every demo dataset and device to the trash (one entry);
        returns how many datasets."""
        from iotfin_gui.core import trash

        return trash.trash_demo(self)

    @property
    def has_demo_data(self) -> bool:
        return bool(self.conn.execute("SELECT 1 FROM datasets WHERE is_demo = 1 AND deleted_at "
                                      "IS NULL").fetchone())

    # --- device registry -------------------------------------------------------------------

    def upsert_devices(
        self, frame: pd.DataFrame, *, dataset_id: int | None = None, is_demo: bool = False
    ) -> int:
        """Add or update registry entries; ``frame`` has ``device_id`` and any DEVICE_COLUMNS.

        Only a ``registry`` dataset (``dataset_id``) or an explicit edit (no ``dataset_id``)
        writes the registry; devices seen only in data are derived by the fleet, never written
        here. A device belongs to the dataset whose deletion takes it out of the registry: a
        registry that brings every field the device has takes it over (a newer full registry,
        or the user's own over demo data); one that updates only some of its fields does not,
        so deleting a two-column ``device_id,city`` registry leaves those ATMs in the fleet."""
        if "device_id" not in frame.columns:
            raise StoreError(QT_TRANSLATE_NOOP(
                "Core", "A device registry needs a device_id column."))
        if dataset_id is not None and self.dataset(dataset_id).kind != "registry":
            raise ValueError(f"dataset {dataset_id} is not a registry; it cannot write devices")
        keep = [c for c in DEVICE_COLUMNS if c in frame.columns]
        records = frame[keep].astype(object).where(frame[keep].notna(), None)
        with self.atomic():
            known = {str(r["device_id"]): r for r in self.db.query("SELECT * FROM devices")}
            rows = []
            for row in records.to_dict("records"):
                old = known.get(str(row["device_id"]))
                owner, demo = dataset_id, is_demo
                if old is not None and not (old["is_demo"] and not is_demo) and any(
                        old[c] is not None for c in DEVICE_COLUMNS if c not in keep):
                    owner, demo = old["dataset_id"], bool(old["is_demo"])
                rows.append({**row, "dataset_id": owner, "is_demo": int(demo)})
            self.db["devices"].upsert_all(rows, pk="device_id")
        return len(rows)

    def devices(self) -> pd.DataFrame:
        import pandas as pd

        rows = self.conn.execute(
            f"SELECT {', '.join(DEVICE_COLUMNS)}, is_demo FROM devices ORDER BY device_id"
        ).fetchall()
        return pd.DataFrame(rows, columns=[*DEVICE_COLUMNS, "is_demo"])

    # --- runs and lineage ------------------------------------------------------------------

    def record_run(
        self,
        kind: str,
        title: str,
        *,
        started_at: str,
        duration_s: float,
        dataset_id: int | None = None,
        recipe_id: int | None = None,
        data_hash: str | None = None,
        params: Mapping[str, Any] | None = None,
        seed: int | None = None,
        metrics: Mapping[tuple[str, str], tuple[float, float | None]] | None = None,
        model_path: str | None = None,
        model_sha256: str | None = None,
    ) -> int:
        """Record a finished run with its lineage.

        ``metrics`` maps (scope, name) to (value, spread); scope '' is the overall figure. A
        ``title`` that is a Message is shown translated later (see :func:`message_columns`)."""
        title_template, title_params = message_columns(title)
        with self.atomic():
            run_id = self.db["runs"].insert(
                {
                    "kind": kind,
                    "title": title,
                    "title_template": title_template,
                    "title_params": title_params,
                    "dataset_id": dataset_id,
                    "recipe_id": recipe_id,
                    "data_hash": data_hash,
                    "params": json.dumps(dict(params or {}), default=str, sort_keys=True),
                    "seed": seed,
                    "library_versions": json.dumps(library_versions()),
                    "model_path": model_path,
                    "model_sha256": model_sha256,
                    "started_at": started_at,
                    "finished_at": utc_now(),
                    "duration_s": duration_s,
                }
            ).last_pk
            self.conn.executemany(
                "INSERT INTO run_metrics (run_id, scope, name, value, spread) VALUES (?,?,?,?,?)",
                [
                    (run_id, scope, name, _finite(value), _finite(spread))
                    for (scope, name), (value, spread) in (metrics or {}).items()
                ],
            )
            self.audit("run.record", run_id=run_id, kind=kind, title=title)
        return run_id

    def run(self, run_id: int) -> dict[str, Any]:
        rows = self._rows(
            "SELECT r.*, d.id AS live_dataset_id FROM runs r LEFT JOIN datasets d "
            "ON d.id = r.dataset_id AND d.deleted_at IS NULL "
            "WHERE r.id = ? AND r.deleted_at IS NULL", [run_id])
        if not rows:
            raise NotFoundError(QT_TRANSLATE_NOOP("Core", "There is no run {run} in the store.")
                                .format(run=run_id))
        run = rows[0]
        run["dataset_id"] = run.pop("live_dataset_id")  # a trashed dataset reads as deleted
        del run["deleted_at"], run["trash_id"]
        run["title"] = stored_message(run["title"], run.pop("title_template"),
                                      run.pop("title_params"))
        for key in ("params", "library_versions"):
            run[key] = json.loads(run[key])
        run["metrics"] = {
            (r["scope"], r["name"]): (r["value"], r["spread"])
            for r in self._rows("SELECT * FROM run_metrics WHERE run_id = ?", [run_id])
        }
        return run

    # --- settings and audit ----------------------------------------------------------------

    def setting(self, key: str, default: Any = None) -> Any:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return json.loads(row[0]) if row else default

    def set_setting(self, key: str, value: Any) -> None:
        with self.atomic():
            self.conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) "
                              "DO UPDATE SET value = excluded.value", [key, json.dumps(value)])

    def audit(self, action: str, **detail: Any) -> None:
        """Append to the audit log (inside the caller's transaction, if one is open)."""
        with self.atomic():
            self.conn.execute(
                "INSERT INTO audit_log (ts, action, detail) VALUES (?, ?, ?)",
                [utc_now(), action, json.dumps(detail, default=str, ensure_ascii=False)],
            )

    def audit_log(self, limit: int = 1000) -> pd.DataFrame:
        import pandas as pd

        rows = self.conn.execute(
            "SELECT id, ts, action, detail FROM audit_log ORDER BY id DESC LIMIT ?", [limit]
        ).fetchall()
        return pd.DataFrame(rows, columns=["id", "ts", "action", "detail"])

    def table_counts(self) -> dict[str, int]:
        """Rows per catalogue table, for ``info`` and the About dialog."""
        tables = ("devices", "datasets", "imports", "quarantine", "recipes", "runs",
                  "forecasts", "exports", "audit_log")
        return {t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def _finite(value: float | None) -> float | None:
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def restore_column(values: pd.Series, kind: str) -> pd.Series:
    """A column read from a schema-3 SQLite table (texts for times, 0/1 for booleans) with its
    logical type restored: the migration to Parquet reads the old tables with it."""
    import pandas as pd

    if kind == "datetime":
        return pd.to_datetime(values, format=TIMESTAMP_FORMAT)
    if kind == "float":
        return pd.to_numeric(values, errors="coerce").astype("float64")
    if kind == "integer":
        return values.astype("int64") if values.notna().all() else values.astype("Int64")
    if kind == "boolean":
        return values.astype(bool) if values.notna().all() else values.astype("boolean")
    return values


def _connect(path: Path, timeout: float = 10.0) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(path, timeout=timeout)
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as error:
        raise StoreError(QT_TRANSLATE_NOOP("Core", "Cannot open the store {path}: {error}.")
                         .format(path=str(path), error=str(error))) from error
    return conn
