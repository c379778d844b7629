"""The one way tables leave the store as CSV: :func:`export_table` and the GUI's :func:`export_job`.

An export produces the table (:mod:`.tables`), applies the privacy plan (:mod:`.privacy`,
from the column names and the content of the first rows), streams it through the
Excel-friendly, injection-safe writer (:mod:`.csv_writer`) into the app's one output writer
(:class:`iotfin_gui.core.outputs.OutputFile`: atomic, never over the store's files) with
progress and cancel, then records it: a row in ``exports`` and an audit entry, in one
transaction. If recording fails, the file is removed. :func:`export_frame` does the same for a
DataFrame the caller computed (the CLI's forecasts, plans and predictions);
:func:`personal_columns` tells the UI and ``export --check`` what will be masked, and why.
"""

from __future__ import annotations

import itertools
import json
import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.lineage import utc_now
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.outputs import OutputFile
from iotfin_gui.core.reports.csv_writer import Chunk, CsvFormat, encode_chunk, encode_header
from iotfin_gui.core.reports.personal import SAMPLE_VALUES, Finding, find_personal
from iotfin_gui.core.reports.privacy import PrivacyPlan, hash_salt, plan_privacy
from iotfin_gui.core.reports.registry import CHUNK_ROWS, Selection, get_table, produce
from iotfin_gui.core.reports.tables import TableData
from iotfin_gui.core.store import Store


@dataclass(frozen=True)
class ExportOptions:
    """How to write: format, privacy overrides, overwrite. ``auto_mask=False`` is ``--no-mask``
    (detected personal columns, and personal values in the others, are left as they are);
    ``keep`` names columns to leave as they are while the rest is still masked."""

    encoding: str = "utf-8-sig"
    delimiter: str = ","
    mask: Sequence[str] = ()
    hash_columns: Sequence[str] = ()
    keep: Sequence[str] = ()
    auto_mask: bool = True
    force: bool = False
    chunk_rows: int = CHUNK_ROWS


@dataclass
class ExportResult:
    """A finished export: where, what, how many rows, the file's SHA-256, what was masked."""

    table: str
    path: Path
    rows: int
    columns: list[str]
    encoding: str
    delimiter: str
    sha256: str
    masking: dict[str, Any]
    run_id: int | None = None
    dataset_id: int | None = None
    export_id: int | None = None
    seconds: float = 0.0
    detail: dict[str, Any] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        """JSON-able, for the CLI and the GUI job."""
        return {"table": self.table, "out": str(self.path), "rows": self.rows,
                "columns": self.columns, "encoding": self.encoding,
                "delimiter": self.delimiter, "sha256": self.sha256, "masking": self.masking,
                "run_id": self.run_id, "dataset_id": self.dataset_id,
                "export_id": self.export_id, "seconds": round(self.seconds, 3), **self.detail}


def _sample(chunk: Chunk | None, columns: Sequence[str]) -> dict[str, list[Any]] | None:
    """The first values of each column of a chunk, for the content check of personal data."""
    if chunk is None:
        return None
    return {c: chunk[c].iloc[:SAMPLE_VALUES].tolist() if isinstance(chunk[c], pd.Series)
            else chunk[c][:SAMPLE_VALUES].to_pylist() for c in columns}


def plan_for(store: Store, data: TableData, options: ExportOptions) -> tuple[PrivacyPlan,
                                                                          Iterator[Chunk]]:
    """The privacy plan of a table about to be written (names, and the content of its first
    rows) and the table's chunks, the first one included."""
    chunks = iter(data.chunks)
    first = next(chunks, None)
    privacy = plan_privacy(data.columns, sample=_sample(first, data.columns), mask=options.mask,
                           hash_columns=options.hash_columns, keep=options.keep,
                           auto=options.auto_mask)
    if privacy.hashed:
        privacy.salt = hash_salt(store)
    return privacy, itertools.chain([] if first is None else [first], chunks)


def write_data(store: Store, table: str, title: str, data: TableData, out: str | os.PathLike,
               options: ExportOptions, ctx: JobContext | None = None) -> ExportResult:
    """Write a table's rows as CSV, atomically, to ``out`` (neutralised, personal data
    masked) without recording it; every CSV the app writes goes through here."""
    ctx = ctx or JobContext()
    started = time.perf_counter()
    fmt = CsvFormat.of(options.encoding, options.delimiter)
    with OutputFile(out, store=store, force=options.force) as handle:
        privacy, chunks = plan_for(store, data, options)
        handle.write(fmt.preamble + encode_header(data.columns, fmt))
        rows = 0
        ctx.progress(0.0, QT_TRANSLATE_NOOP("Core", "Exporting {table}").format(table=title))
        for chunk in chunks:
            handle.write(encode_chunk(chunk, data.columns, data.kinds, fmt, privacy))
            rows += _length(chunk, data)
            ctx.progress(rows / data.rows if data.rows else None, QT_TRANSLATE_NOOP(
                "Core", "Exporting {table}: {rows:,} rows").format(table=title, rows=rows))
        path = handle.commit()
    return ExportResult(table, path, rows, data.columns, fmt.encoding,
                        options.delimiter, handle.sha256.hexdigest(), privacy.describe(),
                        data.run_id, data.dataset_id, seconds=time.perf_counter() - started,
                        detail=data.detail)


def write_table(store: Store, table: str, out: str | os.PathLike, selection: Selection,
                options: ExportOptions, ctx: JobContext | None = None) -> ExportResult:
    """Write a registered table's CSV atomically to ``out`` without recording it (see
    :func:`export_table`)."""
    data = produce(store, table, selection)
    return write_data(store, table, get_table(table).title, data, out, options, ctx)


def personal_columns(store: Store, table: str, selection: Selection) -> dict[str, Finding]:
    """What an export of ``table`` would find personal, and why, before it is written (from
    the column names and the first rows); {} for a table costly to compute, whose columns are
    checked when it is written."""
    if not get_table(table).sampled and selection.frame is None:
        return {}
    data = produce(store, table, replace(selection, chunk_rows=SAMPLE_VALUES))
    first = next(iter(data.chunks), None)
    return find_personal(data.columns, _sample(first, data.columns))


def _length(chunk: Any, data: TableData) -> int:
    return len(chunk) if isinstance(chunk, pd.DataFrame) else len(chunk[data.columns[0]])


def record_export(store: Store, result: ExportResult, **audit: Any) -> int:
    """The ``exports`` row and audit entry of a written file, in one transaction."""
    with store.atomic():
        export_id = store.db["exports"].insert({
            "what": result.table, "run_id": result.run_id, "dataset_id": result.dataset_id,
            "path": str(result.path), "row_count": result.rows, "encoding": result.encoding,
            "masking": json.dumps(result.masking, ensure_ascii=False), "sha256": result.sha256,
            "created_at": utc_now(),
        }).last_pk
        store.audit("export.write", export_id=export_id, table=result.table,
                    path=str(result.path), rows=result.rows, sha256=result.sha256,
                    masking=result.masking, **audit)
    result.export_id = export_id
    return export_id


def export_table(
    store: Store,
    table: str,
    out: str | os.PathLike,
    *,
    dataset: str | int | None = None,
    run_id: int | None = None,
    import_id: int | None = None,
    frame: pd.DataFrame | None = None,
    as_of: str | None = None,
    options: ExportOptions | None = None,
    ctx: JobContext | None = None,
) -> ExportResult:
    """Export table ``table`` (see :func:`.tables.exportable_tables`) to the CSV file ``out``.

    Raises :class:`NotFoundError` for an unknown table, dataset, run or import and
    :class:`UserFacingError` when ``out`` exists (unless ``options.force``), its folder is not
    writable or the disk is full; in every such case, and on cancel, no file is left at ``out``
    and nothing is recorded.
    """
    options = options or ExportOptions()
    selection = Selection(dataset, run_id, import_id, frame, as_of, options.chunk_rows)
    return _recorded(store, write_table(store, table, out, selection, options, ctx))


def _recorded(store: Store, result: ExportResult) -> ExportResult:
    """``result`` once recorded; its file is removed if recording fails."""
    try:
        record_export(store, result)
    except BaseException:
        result.path.unlink(missing_ok=True)
        raise
    return result


def export_frame(store: Store, table: str, frame: pd.DataFrame, out: str | os.PathLike, *,
                 run_id: int | None = None, dataset_id: int | None = None,
                 options: ExportOptions | None = None,
                 ctx: JobContext | None = None) -> ExportResult:
    """Write a DataFrame the caller computed (a forecast, a plan, predictions) as CSV through
    the same writer as every export, and record it as an export of ``table``."""
    options = options or ExportOptions()
    data = TableData.of_frame(frame, options.chunk_rows, run_id=run_id, dataset_id=dataset_id)
    return _recorded(store, write_data(store, table, table, data, out, options, ctx))


def export_job(ctx: JobContext, db_path: str | os.PathLike, table: str, out: str | os.PathLike,
               **options: Any) -> dict[str, Any]:
    """GUI job: :func:`export_table` on the store at ``db_path``; returns the summary.

    ``options``: ``dataset``, ``run_id``, ``import_id``, ``frame``, ``as_of`` and any field of
    :class:`ExportOptions` (``encoding``, ``delimiter``, ``mask``, ``hash_columns``,
    ``auto_mask``, ``force``).
    """
    selectors = {k: options.pop(k) for k in ("dataset", "run_id", "import_id", "frame", "as_of")
                 if k in options}
    with Store.open(db_path) as store:
        result = export_table(store, table, out, options=ExportOptions(**options), ctx=ctx,
                              **selectors)
    return result.summary()
