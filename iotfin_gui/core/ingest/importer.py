"""Importing a file into the store: preview, the all-or-nothing import, its job and profiles.

:func:`preview` reads the first rows and returns the detected options, inferred types and the
guessed kind and roles without writing anything. :func:`import_file` streams the whole file in
chunks inside ONE store transaction: the dataset, the ``imports`` record, its quarantined rows,
registry upserts and the audit entry are committed together or not at all (error, cancel, a file
changed while being read, a store that cannot be written). Duplicate (device, time) rows are
found at the end; when a policy has to drop rows already written, the transaction is rolled back
and the file read again with those rows left out, so what is stored is exactly what is counted.
"""

from __future__ import annotations

import fnmatch
import gc
import json
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, closing, contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from iotfin_gui.core.disk_space import could_be_full, explain
from iotfin_gui.core.errors import InputError, StoreError, UserFacingError, user_message
from iotfin_gui.core.ingest import numbers, timestamps
from iotfin_gui.core.ingest.detect import SourceFormat, sniff
from iotfin_gui.core.ingest.numbers import NumberFormat
from iotfin_gui.core.ingest.pipeline import read_ahead
from iotfin_gui.core.ingest.readers import (
    RawChunk,
    Reject,
    SourceReader,
    open_reader,
    text_bytes,
)
from iotfin_gui.core.ingest.roles import (
    Mapping,
    guess_mapping,
    infer_type,
    registry_fields,
    sample_texts,
)
from iotfin_gui.core.ingest.unpivot import wide_shape
from iotfin_gui.core.ingest.validate import (
    DUPLICATE_POLICIES,
    WIDTHS,
    ChunkConverter,
    Converted,
    DuplicateTracker,
)
from iotfin_gui.core.ingest.workbooks import kept_workbooks
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.lineage import file_sha256, utc_now
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message, joined
from iotfin_gui.core.overview import prepare_daily_series
from iotfin_gui.core.store import (
    TIMESTAMP_FORMAT,
    Column,
    Store,
    message_columns,
    stored_message,
)

SAMPLE_ROWS = 10_000
#: Rows per chunk: a row group of the parts (fewer, larger Arrow calls on the fast path).
CHUNK_ROWS = 128 * 1024


#: Kinds whose rows are one reading per device and moment, so a repeated (device, time) is a
#: duplicate; a table (e.g. a bank statement) may hold many rows of one date.
SERIES_KINDS = ("telemetry", "events", "withdrawals")


class DuplicateFileError(UserFacingError):
    """The same file (by content hash) was imported before; ``previous`` lists those imports."""

    def __init__(self, path: str, previous: list[dict[str, Any]]) -> None:
        self.previous = previous
        names = joined(QT_TRANSLATE_NOOP("Core", "#{id} on {time}").format(
            id=p["id"], time=p["finished_at"]) for p in previous[:3])
        super().__init__(QT_TRANSLATE_NOOP(
            "Core", "file {file}: this exact file was already imported ({imports}). Import it "
            "again only on purpose (--allow-duplicate-file).").format(
                file=Path(path).name, imports=names))


class AmbiguousDateError(InputError):
    """A date column reads equally well day-first and month-first; the user must choose."""

    def __init__(self, path: str, columns: dict[str, tuple[str, ...]]) -> None:
        self.columns = columns
        detail = joined((QT_TRANSLATE_NOOP("Core", "{column!r} reads as any of {formats}").format(
            column=c, formats=", ".join(f)) for c, f in columns.items()), "; ")
        super().__init__(
            QT_TRANSLATE_NOOP(
                "Core", "the date format is ambiguous ({detail}). Say which with --date-format "
                "dayfirst or --date-format monthfirst (or give the format, e.g. %d/%m/%Y)."
            ).format(detail=detail),
            file=Path(path).name,
        )


class AmbiguousNumberError(InputError):
    """A number column reads as well with ``,`` as with ``.`` as decimal mark (``1,234``);
    the user must choose."""

    def __init__(self, path: str, columns: dict[str, tuple[str, ...]]) -> None:
        self.columns = columns
        super().__init__(
            QT_TRANSLATE_NOOP(
                "Core", "the number format is ambiguous in {columns}: 1,234 can be a thousand "
                "and more, or one and a fraction. Say which with --decimal . or --decimal , (or "
                "--thousands), or for one column with --column-decimal COLUMN=. or COLUMN=,."
            ).format(columns=joined(repr(c) for c in columns)),
            file=Path(path).name,
        )


@dataclass
class Preview:
    """What an import would do, before anything is written."""

    source: SourceFormat
    mapping: Mapping
    raw: pd.DataFrame
    frame: pd.DataFrame
    rejects: list[Reject]
    ambiguous: dict[str, tuple[str, ...]]
    warnings: list[Message] = field(default_factory=list)
    #: The worksheets of a workbook (empty for other formats).
    sheets: list[str] = field(default_factory=list)
    #: Number columns whose decimal mark the user must choose -> the marks that read them.
    ambiguous_numbers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Number columns -> the less common ways they write numbers (CR/DR, 万/亿, Arabic digits).
    number_shapes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: The wide shape the table has (a column per device or per date), which the import can
    #: unpivot when asked (``unpivot``); None when it is not wide or already unpivoted.
    wide: str | None = None

    @property
    def kind(self) -> str:
        return self.mapping.kind


@dataclass
class ImportResult:
    """What an import stored and what it set aside."""

    import_id: int
    dataset: str
    dataset_id: int
    kind: str
    rows_read: int
    rows_imported: int
    rows_quarantined: int
    duplicates: int
    columns: list[str]
    encoding: str | None
    sha256: str
    source: SourceFormat
    mapping: Mapping
    warnings: list[Message] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        """The JSON-able summary the CLI prints and the GUI job returns."""
        return {
            "dataset": self.dataset, "rows": self.rows_imported,
            "quarantined": self.rows_quarantined, "columns": self.columns,
            "kind": self.kind, "duplicates": self.duplicates, "rows_read": self.rows_read,
            "import_id": self.import_id, "dataset_id": self.dataset_id,
            "encoding": self.encoding, "warnings": self.warnings,
        }


def preview(
    path: str | os.PathLike,
    *,
    rows: int = 100,
    kind: str | None = None,
    mapping: Mapping | dict | None = None,
    tz: str = "UTC",
    dayfirst: bool | None = None,
    sample_rows: int = SAMPLE_ROWS,
    **source_options: Any,
) -> Preview:
    """Sniff ``path`` and parse its first ``rows`` rows with the guessed (or given) mapping."""
    tz = timestamps.check_timezone(tz)
    source = sniff(path, **source_options)
    with open_reader(source, chunk_rows=max(rows, sample_rows)) as reader:
        chunk = next(reader.chunks(), None)
        warnings = list(reader.warnings)
        # The reader settles what only reading shows (a workbook's sheet and header row).
        source, sheets = reader.fmt, reader.sheets
    if source.garbled:
        warnings.append(_garbled(source))
    if chunk is not None:
        chunk = chunk.plain()
    if chunk is None or not len(chunk):
        first = chunk.rejects[0] if chunk is not None and chunk.rejects else None
        raise _no_rows(source, first)
    forced = _forced_numbers(source_options)
    guessed, ambiguous, marks, shapes = _guess(chunk, kind, forced, source.encoding)
    if mapping is not None:
        guessed = mapping if isinstance(mapping, Mapping) else Mapping.from_dict(mapping)
        if forced is not None:
            guessed = _with_numbers(guessed, forced)
    if kind is not None:
        guessed = guessed.changed(kind=kind)
    chosen = _resolve_formats(guessed, ambiguous, dayfirst)
    ambiguous = {c.source: ambiguous[c.source] for c in chosen.included
                 if c.type == "datetime" and c.format is None and c.source in ambiguous}
    marks = {c.source: marks[c.source] for c in chosen.included
             if c.type in ("integer", "float") and c.decimal is None and c.source in marks}
    head = _head(chunk, rows)
    usable = chosen.changed(formats={c: timestamps.ISO for c in ambiguous})
    while True:
        converted = ChunkConverter(usable, decimal=source.decimal, thousands=source.thousands,
                                   tz=tz).convert(head)
        if not converted.widen:
            break
        types = {column: wider for column, (wider, _) in converted.widen.items()}
        usable, chosen = usable.changed(types=types), chosen.changed(types=types)
    raw = pd.DataFrame({name: pd.Series(list(values), dtype=object)
                        for name, values in head.columns.items()})
    shapes = {c.source: shapes[c.source] for c in chosen.included
              if c.type in ("integer", "float") and shapes.get(c.source)}
    wide = None if source.unpivot else wide_shape(chunk.columns)
    return Preview(source, chosen, raw, converted.frame, converted.rejects, ambiguous, warnings,
                   sheets, marks, shapes, wide)


@kept_workbooks()
def import_file(
    store: Store,
    path: str | os.PathLike,
    *,
    name: str | None = None,
    kind: str | None = None,
    mapping: Mapping | dict | None = None,
    tz: str = "UTC",
    dayfirst: bool | None = None,
    date_format: str | None = None,
    duplicates: str = "keep_first",
    allow_duplicate_file: bool = False,
    ctx: JobContext | None = None,
    chunk_rows: int = CHUNK_ROWS,
    **source_options: Any,
) -> ImportResult:
    """Import ``path`` as a new dataset, all or nothing (see the module docstring).

    ``mapping`` is what :func:`preview` returned, possibly edited; without it the guessed one is
    used (``kind`` overrides the guessed kind). ``date_format`` applies to the timestamp column,
    to every ambiguous date column and to every date column of no known format (a text column
    typed as a date). Raises :class:`DuplicateFileError` when the file was
    imported before and ``allow_duplicate_file`` is false, :class:`AmbiguousDateError` when a
    date column needs ``dayfirst``, :class:`InputError` when nothing can be imported.
    """
    ctx = ctx or JobContext()
    if duplicates not in DUPLICATE_POLICIES:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "unknown duplicates policy {policy!r}; use one of {policies}.").format(
                policy=duplicates, policies=", ".join(DUPLICATE_POLICIES)))
    tz = timestamps.check_timezone(tz)
    path = Path(path)
    ctx.progress(0.0, _reading(path.name))
    started_at = utc_now()
    look = preview(path, rows=1, kind=kind, mapping=mapping, tz=tz, dayfirst=dayfirst,
                   **source_options)
    source, chosen = look.source, look.mapping
    if source.garbled:
        raise InputError(_garbled(source), file=path.name)
    if date_format:
        chosen = _apply_date_format(chosen, look.ambiguous, date_format)
    elif look.ambiguous:
        raise AmbiguousDateError(str(path), look.ambiguous)
    if look.ambiguous_numbers:
        raise AmbiguousNumberError(str(path), look.ambiguous_numbers)
    chosen.check()
    before = os.stat(path)
    sha256 = _check_not_imported(store, path, source, allow_duplicate_file)
    name = name or free_dataset_name(store, path)
    plan = _Plan(store, path, source, chosen, name, tz, duplicates, chunk_rows, ctx, sha256,
                 before)
    try:
        with _gc_paused():
            return _run_until_settled(store, plan, started_at)
    except sqlite3.Error as error:
        raise StoreError(QT_TRANSLATE_NOOP(
            "Core", "Could not write to the store {path}: {error}. Nothing was imported; the "
            "store is as it was.").format(path=str(store.path), error=str(error))) from error
    except OSError as error:
        if not could_be_full(error):
            raise
        raise StoreError(explain(error, store.path) or QT_TRANSLATE_NOOP(
            "Core", "Could not write to the store {path}: the disk is full ({error}). Nothing was "
            "imported; the store is as it was.").format(
                path=str(store.path), error=str(error))) from error


def _garbled(source: SourceFormat) -> Message:
    return QT_TRANSLATE_NOOP(
        "Core", "the text looks garbled when read as {encoding} (detection is {confidence:.0%} "
        "sure); nothing is imported until the encoding is chosen (e.g. --encoding big5, "
        "shift_jis, euc_kr or gb18030).").format(
            encoding=source.encoding, confidence=source.encoding_confidence or 0.0)


def _run_until_settled(store: Store, plan: _Plan, started_at: str) -> ImportResult:
    """Run the plan in a transaction; when a column had to widen (types are decided on the
    whole file) or duplicates must be left out, roll back and read the file again. Types only
    widen, so this ends: at most twice per number column, then once for duplicates."""
    drop = None
    while True:
        try:
            with store.atomic():
                return plan.run(started_at, drop=drop)
        except _Replay as replay:
            plan.ctx.progress(0.0, QT_TRANSLATE_NOOP(
                "Core", "Duplicates found; reading the file again without them"))
            drop = replay.drop
        except _Widen as widen:
            plan.ctx.progress(0.0, QT_TRANSLATE_NOOP(
                "Core", "A column needs a wider type; reading the file again"))
            plan.widen(widen.columns)
            drop = None


def _reading(name: str) -> Message:
    return QT_TRANSLATE_NOOP("Core", "Reading {file}").format(file=name)


def preview_job(ctx: JobContext, path: str, **options: Any) -> Preview:
    """Job: :func:`preview` of ``path`` (the import dialog runs it in a worker process)."""
    ctx.progress(None, _reading(Path(path).name))
    return preview(path, **options)


def import_job(ctx: JobContext, db_path: str, path: str, **options: Any) -> dict[str, Any]:
    """The GUI's job: import ``path`` into the store at ``db_path`` and prepare the new dataset's
    per-day overview; returns a summary dict.

    When the file was imported before (and ``allow_duplicate_file`` is not set) it returns
    ``{"status": "duplicate_file", "message": ..., "previous": [...]}`` so the UI can ask.
    """
    with Store.open(db_path) as store:
        try:
            result = import_file(store, path, ctx=ctx, **options)
        except DuplicateFileError as error:
            return {"status": "duplicate_file", "message": user_message(error),
                    "previous": error.previous}
        prepare_daily_series(store, result.dataset)
    return {"status": "imported", **result.summary()}


def previous_imports(store: Store, path: str | os.PathLike,
                     sha256: str | None = None) -> list[dict[str, Any]]:
    """Earlier imports of a file with the same content (hashing it unless ``sha256`` given)
    whose dataset is still in the store: a dataset deleted (in the trash or gone) does not stop
    the file from being imported again."""
    sha256 = sha256 or file_sha256(path)
    rows = store.db.query(
        "SELECT i.id, i.source_path, i.dataset_id, i.rows_imported, i.finished_at "
        "FROM imports i JOIN datasets d ON d.id = i.dataset_id AND d.deleted_at IS NULL "
        "WHERE i.source_sha256 = ? ORDER BY i.id", [sha256])
    return list(rows)


def quarantine_count(store: Store, dataset_id: int) -> int:
    """How many rows the imports that created dataset ``dataset_id`` set aside."""
    return int(store.conn.execute(
        "SELECT count(*) FROM quarantine q JOIN imports i ON q.import_id = i.id "
        "WHERE i.dataset_id = ?", [dataset_id]).fetchone()[0])


def quarantined_rows(store: Store, dataset_id: int, limit: int | None = None) -> pd.DataFrame:
    """The rows the imports of dataset ``dataset_id`` set aside, in file order: ``file``,
    ``line``, ``column``, ``raw`` and ``reason``, the reason as the translatable Message it
    was stored from (rows stored before reasons were kept translatable: their English text)."""
    rows = store.conn.execute(
        "SELECT q.file, q.line, q.column_name, q.raw, q.reason, q.reason_template, "
        "q.reason_params FROM quarantine q JOIN imports i ON q.import_id = i.id "
        "WHERE i.dataset_id = ? ORDER BY q.import_id, q.line, q.id LIMIT ?",
        [dataset_id, -1 if limit is None else limit]).fetchall()
    reasons: dict[tuple[str, str | None, str | None], Message | str] = {}
    for row in rows:
        if row[4:] not in reasons:
            reasons[row[4:]] = stored_message(*row[4:])
    return pd.DataFrame({
        "file": [row[0] for row in rows], "line": pd.array([row[1] for row in rows],
                                                           dtype="Int64"),
        "column": [row[2] for row in rows], "raw": [row[3] for row in rows],
        "reason": pd.Series([reasons[row[4:]] for row in rows], dtype=object)})


def save_profile(store: Store, name: str, *, mapping: Mapping | dict,
                 source: SourceFormat | dict | None = None, tz: str = "UTC",
                 duplicates: str = "keep_first", pattern: str | None = None) -> dict[str, Any]:
    """Save (or replace) the import profile ``name``; ``pattern`` is a file-name glob."""
    if not name.strip():
        raise InputError(QT_TRANSLATE_NOOP("Core", "an import profile needs a name."))
    options = source.options() if isinstance(source, SourceFormat) else dict(source or {})
    settings = {
        "source": options,
        "mapping": mapping.to_dict() if isinstance(mapping, Mapping) else mapping,
        "tz": tz, "duplicates": duplicates,
        "pattern": pattern or (Path(source.path).name if isinstance(source, SourceFormat)
                               else "*"),
    }
    with store.atomic():
        store.db["import_profiles"].upsert(
            {"name": name, "settings": json.dumps(settings, ensure_ascii=False),
             "updated_at": utc_now()}, pk="name")
        store.audit("import.profile.save", profile=name)
    return settings


def load_profile(store: Store, name: str) -> dict[str, Any]:
    """The settings of profile ``name`` (source options, mapping, tz, duplicates, pattern)."""
    row = store.conn.execute("SELECT settings FROM import_profiles WHERE name = ?",
                             [name]).fetchone()
    if row is None:
        names = [p["name"] for p in list_profiles(store)]
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "there is no import profile {profile!r}; saved profiles: {profiles}.").format(
                profile=name, profiles=str(names)))
    return json.loads(row[0])


def list_profiles(store: Store) -> list[dict[str, Any]]:
    """Every saved profile: name, settings and when it was last saved."""
    rows = store.db.query("SELECT name, settings, updated_at FROM import_profiles ORDER BY name")
    return [{**r, "settings": json.loads(r["settings"])} for r in rows]


def profile_for(store: Store, path: str | os.PathLike) -> str | None:
    """The most recently saved profile whose pattern matches the file's name, if any."""
    matches = [p for p in list_profiles(store)
               if fnmatch.fnmatch(Path(path).name, p["settings"].get("pattern") or "")]
    return max(matches, key=lambda p: p["updated_at"])["name"] if matches else None


def profile_options(settings: dict[str, Any]) -> dict[str, Any]:
    """Keyword arguments for :func:`import_file` / :func:`preview` from a profile's settings
    (not the file's decimal mark and thousands separator: each column's are in the mapping)."""
    source = {k: v for k, v in settings.get("source", {}).items()
              if k not in ("compression", "decimal", "thousands") and v is not None}
    return {**source, "mapping": settings["mapping"], "tz": settings.get("tz", "UTC"),
            "duplicates": settings.get("duplicates", "keep_first")}


_SIGNLESS_NUMBER_BYTES = np.zeros(256, dtype=bool)
_SIGNLESS_NUMBER_BYTES[np.frombuffer(b"0123456789+-.", dtype=np.uint8)] = True
#: The digits of a number text (with its separators), replaced by one ``0`` to give its shape:
#: ``¥1,234.50`` and ``¥7.00`` are both ``¥0``, so a column's currencies are read from its few
#: shapes rather than from every value.
_DIGIT_RUN = r"[0-9][0-9.,' ]*"


def _currencies_named(chunk: RawChunk, specs: list[Any],
                      named: dict[str, dict[str, int]]) -> None:
    """Add to ``named`` (column -> currency -> first line naming it) every currency the chunk's
    number texts name (``¥1,234.50``: ``CNY``), looking at every value's shape."""
    for spec in specs:
        if spec.type not in ("integer", "float"):
            continue
        values = chunk.columns[spec.source]
        if isinstance(values, pa.Array):
            if not np.bincount(text_bytes(values), minlength=256)[~_SIGNLESS_NUMBER_BYTES].any():
                continue  # digits, signs and points name no currency
            shapes = pc.replace_substring_regex(values, _DIGIT_RUN, "0")
            firsts = [pc.index(shapes, shape).as_py() for shape in pc.unique(shapes.drop_null())]
            texts = [values[index].as_py() for index in firsts]
        else:
            seen: dict[str, int] = {}
            for index, value in enumerate(values):
                if isinstance(value, str):
                    seen.setdefault(re.sub(_DIGIT_RUN, "0", value), index)
            firsts = list(seen.values())
            texts = [values[index] for index in firsts]
        for index, text in zip(firsts, texts, strict=True):
            code = numbers.currency(text)
            if code is not None:
                line = int(chunk.lines[index])
                found = named.setdefault(spec.name, {})
                found[code] = min(found.get(code, line), line)


def _one_currency(named: dict[str, dict[str, int]], file: str) -> None:
    """:class:`InputError` for a number column whose values name two currencies: its sum, mean
    and every model built on it would add yuan to dollars."""
    for column, found in named.items():
        if len(found) > 1:
            (one, line), (other, other_line) = sorted(found.items(), key=lambda item: item[1])[:2]
            raise InputError(QT_TRANSLATE_NOOP(
                "Core", "the amounts are in {one} (line {line}) and in {other} (line "
                "{other_line}); one number column cannot hold both, as its totals would add "
                "them up. Split the file by currency, or import the column as text.").format(
                    one=one, line=line, other=other, other_line=other_line),
                file=file, row=other_line, column=column)


class _Replay(Exception):
    """Raised inside the transaction to roll back and re-read without duplicate rows."""

    def __init__(self, drop: np.ndarray) -> None:
        self.drop = drop


class _Widen(Exception):
    """Raised inside the transaction to roll back and re-read with wider column types."""

    def __init__(self, columns: dict[str, tuple[str, int]]) -> None:
        self.columns = columns


@dataclass
class _Plan:
    store: Store
    path: Path
    source: SourceFormat
    mapping: Mapping
    name: str
    tz: str
    policy: str
    chunk_rows: int
    ctx: JobContext
    sha256: str | None
    before: os.stat_result
    #: Why columns were widened during the import (shown with the result).
    notes: list[Message] = field(default_factory=list)

    def widen(self, columns: dict[str, tuple[str, int]]) -> None:
        """Give ``columns`` (source -> (type, first line needing it)) their wider types."""
        names = {c.source: c for c in self.mapping.columns}
        for source, (wider, line) in sorted(columns.items(), key=lambda i: list(names).index(i[0])):
            self.notes.append(QT_TRANSLATE_NOOP(
                "Core", "column {column!r} was imported as {wider}, not {type}: its values need "
                "it (first at line {line}).").format(column=source, wider=wider,
                                                    type=names[source].type, line=line))
        self.mapping = self.mapping.changed(types={s: t for s, (t, _) in columns.items()})

    def run(self, started_at: str, drop: np.ndarray | None) -> ImportResult:
        """One pass over the file inside the caller's transaction; once a column needs a wider
        type, the rest of the file is only read to find every column that does (then
        :class:`_Widen`)."""
        store, mapping, source = self.store, self.mapping, self.source
        included = mapping.included
        columns = [Column(c.name, c.type) for c in included]
        conversion = _Conversion(ChunkConverter(mapping, decimal=source.decimal,
                                                thousands=source.thousands, tz=self.tz))
        device, stamp = mapping.column_for("device_id"), mapping.column_for("timestamp")
        others = [c.name for c in (device, mapping.column_for("event_type")) if c is not None]
        tracker = DuplicateTracker(stamp.name, others) \
            if stamp is not None and drop is None and mapping.kind in SERIES_KINDS else None
        fields = registry_fields(mapping) if mapping.kind == "registry" else {}
        counts = {"read": 0, "imported": 0, "quarantined": 0, "duplicates": 0}
        first_problem: list[Reject] = []
        named: dict[str, dict[str, int]] = {}
        with store.new_dataset(self.name, mapping.kind, columns, roles=mapping.roles(),
                               source=str(self.path)) as writer, \
                open_reader(source, self.chunk_rows) as reader, \
                closing(tracker) if tracker is not None else nullcontext(), \
                _read_ahead(reader, conversion) as chunks:
            import_id = self._begin(writer.dataset_id, started_at)
            ordinal = 0
            subsecond = False
            widen: dict[str, tuple[str, int]] = {}
            for chunk, converted in chunks:
                self.ctx.check()
                _currencies_named(chunk, included, named)
                _one_currency(named, self.path.name)
                if converted.widen or widen:
                    widen = _wider(widen, converted.widen)
                    conversion.converter = ChunkConverter(
                        mapping.changed(types={s: t for s, (t, _) in widen.items()}),
                        decimal=source.decimal, thousands=source.thousands, tz=self.tz)
                    self._progress(chunk.fraction, counts, chunk.bytes_read)
                    continue
                subsecond = subsecond or converted.subsecond
                if drop is not None:
                    count = len(converted)
                    converted, dropped = self._drop_duplicates(converted, drop, ordinal, device,
                                                               stamp)
                    ordinal += count
                    counts["duplicates"] += dropped
                elif tracker is not None:
                    tracker.add(converted.columns)
                writer.append_columns([converted.columns[c.name] for c in included])
                if fields:
                    store.upsert_devices(_registry_frame(converted.frame, fields),
                                         dataset_id=writer.dataset_id)
                self._quarantine(import_id, converted.rejects)
                if converted.rejects and not first_problem:
                    first_problem.append(converted.rejects[0])
                counts["read"] += len(chunk) + len(chunk.rejects)
                counts["imported"] += len(converted)
                counts["quarantined"] += len(converted.rejects)
                self._progress(chunk.fraction, counts, chunk.bytes_read)
            if widen:
                raise _Widen(widen)
            writer.currencies.update({column: next(iter(codes))
                                      for column, codes in named.items()})
            if tracker is not None:
                found, _groups = tracker.drops(self.policy)
                if found.size:
                    raise _Replay(found)
            if counts["imported"] == 0:
                raise _no_rows(source, first_problem[0] if first_problem else None)
            sha256 = reader.sha256 or self.sha256 or file_sha256(self.path)
            if self.sha256 and sha256 != self.sha256:
                raise InputError(QT_TRANSLATE_NOOP(
                    "Core", "the file changed while it was being imported; nothing was stored. "
                    "Import it again once it is complete."), file=self.path.name)
            _check_unchanged(self.path, self.before)
            warnings = list(reader.warnings) + self.notes
            if subsecond:
                warnings.append(QT_TRANSLATE_NOOP(
                    "Core", "times have fractions of a second; the store keeps whole seconds, "
                    "so they were cut to the second."))
            if counts["duplicates"]:
                warnings.append(QT_TRANSLATE_NOOP(
                    "Core", "{count} rows repeat a (device, time) of another row; policy "
                    "{policy}: see the quarantine.").format(count=counts["duplicates"],
                                                            policy=self.policy))
            self._finish(import_id, sha256, counts, warnings)
            store.audit("import.file", import_id=import_id, dataset=self.name,
                        kind=mapping.kind, path=str(self.path), sha256=sha256,
                        rows=counts["imported"], quarantined=counts["quarantined"],
                        duplicates=counts["duplicates"])
        self.ctx.progress(1.0, QT_TRANSLATE_NOOP("Core", "Imported {rows:,} rows").format(
            rows=counts["imported"]))
        return ImportResult(
            import_id, self.name, writer.dataset_id, mapping.kind, counts["read"],
            counts["imported"], counts["quarantined"], counts["duplicates"],
            [c.name for c in included], source.encoding, sha256, source, mapping, warnings)

    def _begin(self, dataset_id: int, started_at: str) -> int:
        options = {**self.source.options(), "tz": self.tz, "duplicates": self.policy}
        return self.store.db["imports"].insert({
            "dataset_id": dataset_id, "source_path": str(self.path.resolve()),
            "source_size": self.source.size, "source_sha256": None,
            "encoding": self.source.encoding,
            "options": json.dumps(options, ensure_ascii=False),
            "mapping": json.dumps(self.mapping.to_dict(), ensure_ascii=False),
            "started_at": started_at, "finished_at": started_at,
        }).last_pk

    def _finish(self, import_id: int, sha256: str, counts: dict[str, int],
                warnings: list[Message]) -> None:
        options = {**self.source.options(), "tz": self.tz, "duplicates": self.policy,
                   "warnings": warnings}
        self.store.conn.execute(
            "UPDATE imports SET source_sha256 = ?, options = ?, rows_read = ?, "
            "rows_imported = ?, rows_quarantined = ?, duplicates = ?, finished_at = ? "
            "WHERE id = ?",
            [sha256, json.dumps(options, ensure_ascii=False), counts["read"],
             counts["imported"], counts["quarantined"], counts["duplicates"], utc_now(),
             import_id])

    def _quarantine(self, import_id: int, rejects: list[Reject]) -> None:
        if not rejects:
            return
        # Rows with the same problem share one reason object: encode each once.
        encoded: dict[int, tuple[str, str | None, str | None]] = {}
        for reject in rejects:
            if id(reject.reason) not in encoded:
                encoded[id(reject.reason)] = (str(reject.reason),
                                              *message_columns(reject.reason))
        self.store.conn.executemany(
            "INSERT INTO quarantine (import_id, file, line, column_name, raw, reason, "
            "reason_template, reason_params) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(import_id, self.path.name, r.line, r.column, r.raw, *encoded[id(r.reason)])
             for r in rejects])

    def _drop_duplicates(self, converted: Converted, drop: np.ndarray, ordinal: int,
                         device: Any, stamp: Any) -> tuple[Converted, int]:
        count = len(converted)
        low, high = np.searchsorted(drop, [ordinal, ordinal + count])
        positions = drop[low:high] - ordinal
        if not positions.size:
            return converted, 0
        frame = converted.frame.iloc[positions]
        rejects = list(converted.rejects)
        kept = {"keep_first": QT_TRANSLATE_NOOP("Core", "the first was kept"),
                "keep_last": QT_TRANSLATE_NOOP("Core", "the last was kept"),
                "reject": QT_TRANSLATE_NOOP("Core", "none was kept")}[self.policy]
        for position, (_, row) in zip(positions, frame.iterrows(), strict=True):
            when = row[stamp.name].strftime(TIMESTAMP_FORMAT)
            if device is not None:
                reason = QT_TRANSLATE_NOOP(
                    "Core", "duplicate: another row has device {device!r} at {time} (policy "
                    "{policy}: {kept})").format(device=row[device.name], time=when,
                                                policy=self.policy, kept=kept)
            else:
                reason = QT_TRANSLATE_NOOP(
                    "Core", "duplicate: another row has {time} (policy {policy}: {kept})"
                ).format(time=when, policy=self.policy, kept=kept)
            rejects.append(Reject(int(converted.lines[position]), None, None, reason))
        keep = np.ones(count, dtype=bool)
        keep[positions] = False
        rejects.sort(key=lambda r: r.line or 0)
        return converted.kept(keep, rejects), int(positions.size)

    def _progress(self, fraction: float | None, counts: dict[str, int], read: int) -> None:
        if read:
            message = QT_TRANSLATE_NOOP("Core", "{rows:,} rows, {read:,.0f} of {total:,.0f} MB")\
                .format(rows=counts["read"], read=read / 1e6, total=self.source.size / 1e6)
        else:
            message = QT_TRANSLATE_NOOP("Core", "{rows:,} rows").format(rows=counts["read"])
        self.ctx.progress(fraction, message)


class _Conversion:
    """Converts a reader's chunks with the converter set last (a column that must widen sets a
    new one; chunks converted ahead with the old one only repeat what it found)."""

    def __init__(self, converter: ChunkConverter) -> None:
        self.converter = converter

    def chunks(self, chunks: Iterable[RawChunk]) -> Iterator[tuple[RawChunk, Converted]]:
        for chunk in chunks:
            yield chunk, self.converter.convert(chunk)


def _read_ahead(reader: SourceReader, conversion: _Conversion
                ) -> AbstractContextManager[Iterator[tuple[RawChunk, Converted]]]:
    """The reader's chunks and their conversion; a delimited text's read and converted ahead
    in a background thread (the other readers keep per-thread state, e.g. the workbooks kept
    open), while this thread checks and stores the chunk before. (Converting in a third thread
    was slower: 5.2 s against 4.3 s for 5M rows, the threads then wait on each other's Python.)"""
    if reader.fmt.format == "csv":
        return read_ahead(conversion.chunks(reader.chunks()))
    return nullcontext(conversion.chunks(reader.chunks()))


def _guess(chunk: Any, kind: str | None, forced: NumberFormat | None,
           encoding: str | None = None
           ) -> tuple[Mapping, dict[str, tuple[str, ...]], dict[str, tuple[str, ...]],
                      dict[str, tuple[str, ...]]]:
    """The guessed mapping, the ambiguous date columns, the ambiguous number columns and the
    less common number shapes of each number column.

    Each column's number format is ``forced`` (the user's) or detected from its sample; an
    ambiguous column takes the decimal mark that the file's other columns show, if they agree;
    when none shows one, the decimal point if the column is named in Chinese, Japanese or
    Korean or the file (in ``encoding``) is in one of their code pages
    (:func:`numbers.point_locale`).
    """
    texts = {name: _texts(values) for name, values in chunk.columns.items()}
    guesses = {name: numbers.detect(texts[name] or []) for name in texts} \
        if forced is None else {}
    decided = {g.marks[0] for g in guesses.values() if g.numbers and not g.ambiguous}
    inferred = {}
    formats: dict[str, NumberFormat] = {}
    ambiguous: dict[str, tuple[str, ...]] = {}
    marks: dict[str, tuple[str, ...]] = {}
    shapes: dict[str, tuple[str, ...]] = {}
    for name, values in chunk.columns.items():
        fmt = forced
        if fmt is None and (not guesses[name].ambiguous or len(decided) == 1):
            fmt = NumberFormat.for_decimal(guesses[name].marks[0] if not guesses[name].ambiguous
                                           else next(iter(decided)))
        elif fmt is None and not decided and numbers.point_locale(name, encoding):
            fmt = NumberFormat.for_decimal(".")
        kind_, guess_ = infer_type(values, name, fmt or NumberFormat(), texts[name])
        inferred[name] = (kind_, guess_)
        if guess_ is not None and guess_.ambiguous:
            ambiguous[name] = guess_.candidates
        if kind_ in ("integer", "float"):
            shapes[name] = numbers.shapes(texts[name] or [])
            if fmt is None:
                marks[name] = guesses[name].marks
            else:
                formats[name] = fmt
    return guess_mapping(inferred, kind, chunk.columns, formats), ambiguous, marks, shapes


def _texts(values: Any) -> list[str] | None:
    """A sample column's non-empty texts, stripped (None for typed columns)."""
    if isinstance(values, np.ndarray) and values.dtype.kind != "O":
        return None
    return sample_texts(values)


def _forced_numbers(options: dict[str, Any]) -> NumberFormat | None:
    """The number format the user chose for every column (decimal or thousands given)."""
    if options.get("decimal") is None and options.get("thousands") is None:
        return None
    return NumberFormat.from_options(options.get("decimal"), options.get("thousands"))


def _with_numbers(mapping: Mapping, fmt: NumberFormat) -> Mapping:
    """``mapping`` with every number column read in ``fmt``."""
    return Mapping(mapping.kind, tuple(
        replace(c, decimal=fmt.decimal, thousands=fmt.thousands)
        if c.type in ("integer", "float") else c for c in mapping.columns))


def _wider(found: dict[str, tuple[str, int]], more: dict[str, tuple[str, int]]
           ) -> dict[str, tuple[str, int]]:
    """The widest type each column needs so far, with the first line that needed it."""
    merged = dict(found)
    for column, (wider, line) in more.items():
        if column not in merged or WIDTHS.index(wider) > WIDTHS.index(merged[column][0]):
            merged[column] = (wider, line)
    return merged


def _resolve_formats(mapping: Mapping, ambiguous: dict[str, tuple[str, ...]],
                     dayfirst: bool | None) -> Mapping:
    """Fill the format of ambiguous date columns from ``dayfirst`` where it decides."""
    if dayfirst is None:
        return mapping
    formats = {}
    for column in mapping.included:
        if column.type == "datetime" and column.format is None and column.source in ambiguous:
            chosen = timestamps.TimestampGuess(ambiguous[column.source]).resolve(dayfirst)
            if chosen:
                formats[column.source] = chosen
    return mapping.changed(formats=formats)


def _apply_date_format(mapping: Mapping, ambiguous: dict[str, tuple[str, ...]],
                       text: str) -> Mapping:
    fmt, dayfirst = timestamps.resolve_user_format(text)
    stamp = mapping.column_for("timestamp")
    typed = {c.source for c in mapping.included if c.type == "datetime" and c.format is None}
    targets = set(ambiguous) | typed | ({stamp.source} if stamp is not None else set())
    formats: dict[str, str] = {}
    for source in targets:
        if fmt is not None:
            formats[source] = fmt
        elif source in ambiguous:
            chosen = timestamps.TimestampGuess(ambiguous[source]).resolve(dayfirst)
            if chosen:
                formats[source] = chosen
    return mapping.changed(formats=formats)


def _head(chunk: Any, rows: int) -> Any:
    from iotfin_gui.core.ingest.readers import RawChunk

    last_line = chunk.lines[min(rows, len(chunk)) - 1]
    return RawChunk({k: v[:rows] for k, v in chunk.columns.items()}, chunk.lines[:rows],
                    [r for r in chunk.rejects if r.line is None or r.line <= last_line])


def _no_rows(source: SourceFormat, first: Reject | None) -> InputError:
    if first is None:
        return InputError(QT_TRANSLATE_NOOP("Core", "the file has a header but no data rows."),
                          file=source.name)
    return InputError(QT_TRANSLATE_NOOP(
        "Core", "no row could be imported; the first problem: {reason}.").format(
            reason=first.reason), file=source.name, row=first.line, column=first.column)


def _check_not_imported(store: Store, path: Path, source: SourceFormat,
                        allow: bool) -> str | None:
    """Refuse a file imported before; returns its hash when it had to be computed up front."""
    same_size = store.conn.execute("SELECT 1 FROM imports WHERE source_size = ? LIMIT 1",
                                   [source.size]).fetchone()
    if not same_size and source.format not in ("excel", "parquet"):
        return None
    sha256 = file_sha256(path)
    previous = previous_imports(store, path, sha256)
    if previous and not allow:
        raise DuplicateFileError(str(path), previous)
    return sha256


def _check_unchanged(path: Path, before: os.stat_result) -> None:
    try:
        after = os.stat(path)
    except OSError:
        after = None
    if after is None or (after.st_ino, after.st_size, after.st_mtime_ns) != \
            (before.st_ino, before.st_size, before.st_mtime_ns):
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "the file was changed, moved or deleted while it was being imported; "
            "nothing was stored."), file=path.name)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: the millions of row lists an import makes hold no
    cycles, and scanning them again and again would cost more than the import itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def free_dataset_name(store: Store, path: str | os.PathLike) -> str:
    """The file's name up to its first dot, numbered if a dataset already has that name."""
    path = Path(path)
    base = path.name.split(".")[0] or path.name
    candidate, number = base, 2
    while store.has_dataset(candidate):
        candidate, number = f"{base} ({number})", number + 1
    return candidate


def _registry_frame(frame: pd.DataFrame, fields: dict[str, str]) -> pd.DataFrame:
    devices = frame[list(fields)].rename(columns=fields)
    for column in devices.columns:
        if pd.api.types.is_datetime64_any_dtype(devices[column]):
            devices[column] = devices[column].dt.strftime(TIMESTAMP_FORMAT)
    return devices

