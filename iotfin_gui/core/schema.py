"""The store's schema as a list of forward migrations.

``PRAGMA user_version`` holds the number of migrations applied; ``PRAGMA application_id`` marks the
file as an IoTFin store. A migration is a list of SQL statements run in one transaction together
with the version bump, so a store is always at exactly one version. Never edit a migration that
has shipped: append a new one.
"""

from __future__ import annotations

#: "IoTF" in ASCII; lets the store refuse SQLite files that belong to some other program.
APPLICATION_ID = 0x496F5446

_V1 = [
    """CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    """CREATE TABLE recipes (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        version INTEGER NOT NULL,
        document TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        UNIQUE (name, version)
    )""",
    """CREATE TABLE datasets (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL
            CHECK (kind IN ('telemetry', 'events', 'withdrawals', 'registry', 'table')),
        table_name TEXT NOT NULL UNIQUE,
        columns TEXT NOT NULL,
        roles TEXT NOT NULL DEFAULT '{}',
        row_count INTEGER NOT NULL DEFAULT 0,
        data_hash TEXT,
        source TEXT NOT NULL,
        parent_id INTEGER REFERENCES datasets(id) ON DELETE SET NULL,
        recipe_id INTEGER REFERENCES recipes(id),
        is_demo INTEGER NOT NULL DEFAULT 0,
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE devices (
        device_id TEXT PRIMARY KEY,
        name TEXT,
        branch TEXT,
        city TEXT,
        latitude REAL,
        longitude REAL,
        model TEXT,
        cassette_capacity REAL,
        install_date TEXT,
        dataset_id INTEGER REFERENCES datasets(id) ON DELETE SET NULL,
        is_demo INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        dataset_id INTEGER REFERENCES datasets(id) ON DELETE SET NULL,
        source_path TEXT NOT NULL,
        source_size INTEGER,
        source_sha256 TEXT,
        encoding TEXT,
        options TEXT NOT NULL DEFAULT '{}',
        mapping TEXT NOT NULL DEFAULT '{}',
        rows_read INTEGER NOT NULL DEFAULT 0,
        rows_imported INTEGER NOT NULL DEFAULT 0,
        rows_quarantined INTEGER NOT NULL DEFAULT 0,
        duplicates INTEGER NOT NULL DEFAULT 0,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL
    )""",
    "CREATE INDEX imports_by_hash ON imports (source_sha256)",
    """CREATE TABLE quarantine (
        id INTEGER PRIMARY KEY,
        import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        file TEXT NOT NULL,
        line INTEGER,
        column_name TEXT,
        raw TEXT,
        reason TEXT NOT NULL
    )""",
    "CREATE INDEX quarantine_by_import ON quarantine (import_id)",
    """CREATE TABLE import_profiles (
        name TEXT PRIMARY KEY,
        settings TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('train', 'forecast', 'preprocess', 'predict')),
        title TEXT NOT NULL,
        dataset_id INTEGER REFERENCES datasets(id) ON DELETE SET NULL,
        recipe_id INTEGER REFERENCES recipes(id),
        data_hash TEXT,
        params TEXT NOT NULL DEFAULT '{}',
        seed INTEGER,
        library_versions TEXT NOT NULL,
        model_path TEXT,
        model_sha256 TEXT,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        duration_s REAL
    )""",
    """CREATE TABLE run_metrics (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        scope TEXT NOT NULL DEFAULT '',
        name TEXT NOT NULL,
        value REAL,
        spread REAL,
        PRIMARY KEY (run_id, scope, name)
    )""",
    """CREATE TABLE forecasts (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        series_id TEXT NOT NULL,
        ds TEXT NOT NULL,
        forecast REAL,
        PRIMARY KEY (run_id, series_id, ds)
    )""",
    """CREATE TABLE forecast_intervals (
        run_id INTEGER NOT NULL,
        series_id TEXT NOT NULL,
        ds TEXT NOT NULL,
        level INTEGER NOT NULL,
        lo REAL,
        hi REAL,
        PRIMARY KEY (run_id, series_id, ds, level),
        FOREIGN KEY (run_id, series_id, ds)
            REFERENCES forecasts(run_id, series_id, ds) ON DELETE CASCADE
    )""",
    """CREATE TABLE exports (
        id INTEGER PRIMARY KEY,
        what TEXT NOT NULL,
        run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,
        dataset_id INTEGER REFERENCES datasets(id) ON DELETE SET NULL,
        path TEXT NOT NULL,
        row_count INTEGER NOT NULL,
        encoding TEXT NOT NULL,
        masking TEXT NOT NULL DEFAULT '{}',
        sha256 TEXT,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        ts TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '{}'
    )""",
    f"PRAGMA application_id = {APPLICATION_ID}",
]

#: Texts the store keeps for display become translatable at display time: quarantine reasons,
#: run titles and dataset notes. The text column keeps the English words (stored values are
#: locale-independent, and exports write them); ``<column>_template`` holds the English template
#: they were made from (translation context "Core") and ``<column>_params`` the JSON of the values
#: filled into it (see :func:`iotfin_gui.core.store.message_columns`). Rows stored before this
#: version have neither and are shown in English.
_V2 = [
    "ALTER TABLE quarantine ADD COLUMN reason_template TEXT",
    "ALTER TABLE quarantine ADD COLUMN reason_params TEXT",
    "ALTER TABLE runs ADD COLUMN title_template TEXT",
    "ALTER TABLE runs ADD COLUMN title_params TEXT",
    "ALTER TABLE datasets ADD COLUMN note_template TEXT",
    "ALTER TABLE datasets ADD COLUMN note_params TEXT",
]

#: The trash. Deleting a dataset, run or recipe (or removing the demo) is one ``trash`` entry: the
#: rows stay, marked with ``deleted_at`` and their ``trash_id``, and every listing and lookup skips
#: them until the entry is restored or the trash is emptied (see :mod:`iotfin_gui.core.trash`).
#: A trashed dataset or recipe gives up its name (``trashed_name`` keeps it) so that a new one can
#: take it; the registry rows that came with a dataset wait in ``trash.devices`` (JSON). The label
#: says what was deleted, translatable like run titles (``label_template``, ``label_params``).
_V3 = [
    """CREATE TABLE trash (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('dataset', 'run', 'recipe', 'demo')),
        label TEXT NOT NULL,
        label_template TEXT,
        label_params TEXT,
        deleted_at TEXT NOT NULL,
        devices TEXT NOT NULL DEFAULT '[]'
    )""",
    "ALTER TABLE datasets ADD COLUMN deleted_at TEXT",
    "ALTER TABLE datasets ADD COLUMN trash_id INTEGER REFERENCES trash(id)",
    "ALTER TABLE datasets ADD COLUMN trashed_name TEXT",
    "ALTER TABLE runs ADD COLUMN deleted_at TEXT",
    "ALTER TABLE runs ADD COLUMN trash_id INTEGER REFERENCES trash(id)",
    "ALTER TABLE recipes ADD COLUMN deleted_at TEXT",
    "ALTER TABLE recipes ADD COLUMN trash_id INTEGER REFERENCES trash(id)",
    "ALTER TABLE recipes ADD COLUMN trashed_name TEXT",
    "CREATE INDEX datasets_by_trash ON datasets (trash_id)",
    "CREATE INDEX runs_by_trash ON runs (trash_id)",
    "CREATE INDEX recipes_by_trash ON recipes (trash_id)",
]

#: Dataset rows move out of SQLite into Parquet parts in the store's data folder
#: (:mod:`iotfin_gui.core.datafiles`): ``files`` lists a dataset's parts (name, rows, SHA-256) and
#: ``table_name`` becomes the name of its folder there. The statements add the column; the rows
#: of each ``ds_<id>`` table are then moved by :data:`PYTHON_STEPS` in the same transaction.
_V4 = [
    "ALTER TABLE datasets ADD COLUMN files TEXT NOT NULL DEFAULT '[]'",
]

#: A dataset's overviews (its per-day series and column summary, :mod:`iotfin_gui.core.overview`)
#: are full scans of its rows; each is kept once computed, under a key of what it was computed
#: from (rows, column types, roles), and goes with the dataset when it is emptied from the trash.
#: A dataset's quarantined rows are found through its imports and read in file order from an
#: index, so showing the first rows of one never scans or sorts every quarantined row.
_V5 = [
    "CREATE INDEX imports_by_dataset ON imports (dataset_id)",
    "DROP INDEX quarantine_by_import",
    "CREATE INDEX quarantine_in_file_order ON quarantine (import_id, line)",
    """CREATE TABLE overviews (
        dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('daily', 'columns')),
        content_key TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (dataset_id, kind)
    )""",
]

#: A dataset's cash level is the column with the role ``cash_level``, and only that one: a
#: dataset stored before the role existed gets it on the ``cash...`` column it read as its cash
#: level, by :data:`PYTHON_STEPS` (no statement changes the schema).
_V6: list[str] = []

#: Migration ``i`` takes a store from version ``i`` to ``i + 1``.
MIGRATIONS: list[list[str]] = [_V1, _V2, _V3, _V4, _V5, _V6]

#: Migrations that also run Python after their statements (inside the same transaction): the
#: version they take the store to, and the function (``module:name``) that does the rest.
PYTHON_STEPS = {4: "iotfin_gui.core.store_migration:move_tables_to_parquet",
                6: "iotfin_gui.core.store_migration:state_cash_levels"}

SCHEMA_VERSION = len(MIGRATIONS)
