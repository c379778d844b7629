"""A report bundle: one folder with a run's CSVs, the plots the caller rendered and a summary.

:func:`build_report` writes everything through :class:`iotfin_gui.core.outputs.OutputFolder`:
into a hidden temporary folder next to the destination, moved into place when complete
(optionally also a ``.zip`` of it, written atomically), so a cancelled or failed report leaves
nothing under the final name. Replacing a report (``force``) replaces only the files the app
wrote in that folder; a folder holding the store, or files of the same names the app did not
write, is refused. Which CSVs a run gets
depends on its kind (:data:`RUN_TABLES`; new run kinds plug in with :func:`register_run_tables`).
Images are PNG bytes handed in by the caller (the Qt side renders plots), written beside the
summary and shown in the HTML and Markdown by relative links, so the folder (or zip) opens
with its plots anywhere; the command line has none, and the summary says so. A forecast run's
bundle also holds its refill plan when it has one. Every CSV is recorded in ``exports``, the
bundle in the audit log.
"""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.outputs import MANIFEST, OutputFolder, check_file_target, write_file
from iotfin_gui.core.reports.export import (
    ExportOptions,
    ExportResult,
    record_export,
    write_table,
)
from iotfin_gui.core.reports.registry import Selection
from iotfin_gui.core.reports.summary import render_html, render_markdown, report_facts
from iotfin_gui.core.store import Store

#: Run kind -> (file name, exportable table) of the CSVs in its report.
RUN_TABLES: dict[str, list[tuple[str, str]]] = {
    "forecast": [("forecast.csv", "forecast"), ("metrics.csv", "run_metrics")],
}
DEFAULT_RUN_TABLES = [("metrics.csv", "run_metrics")]
#: Run kind -> CSVs its report holds when the run has them (a forecast's refill plan needs a
#: cash column); when one cannot be made, the summary says why.
OPTIONAL_RUN_TABLES: dict[str, list[tuple[str, str]]] = {
    "forecast": [("plan.csv", "replenishment_plan")],
}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: Why a bundle has no images, as its summary files say (in English, like all file contents).
NO_IMAGES_NOTE = "none (built without the GUI, which renders the plots)"
PLOT_NOT_SHOWN_NOTE = "none (the run's plot was not on screen when the report was built)"


def register_run_tables(kind: str, files: Sequence[tuple[str, str]]) -> None:
    """Set the CSVs (file name, table) in the report of runs of ``kind``."""
    RUN_TABLES[kind] = list(files)


@dataclass
class ReportResult:
    """A written bundle: its folder, optional zip, files (name, rows, sha256) and images."""

    run_id: int
    folder: Path
    zip_path: Path | None
    files: list[dict[str, Any]]
    images: list[str]
    exports: list[ExportResult] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {"run_id": self.run_id, "out": str(self.folder),
                "zip": None if self.zip_path is None else str(self.zip_path),
                "files": self.files, "images": self.images or NO_IMAGES_NOTE}


def _image_files(images: Mapping[str, bytes] | None) -> dict[str, bytes]:
    checked: dict[str, bytes] = {}
    for name, data in (images or {}).items():
        stem = re.sub(r"[^\w\-]+", "_", Path(name).stem).strip("_") or "plot"
        if not bytes(data[:8]) == PNG_SIGNATURE:
            raise InputError(QT_TRANSLATE_NOOP("Core", "image {name!r} is not a PNG").format(
                name=name))
        checked[f"{stem}.png"] = bytes(data)
    return checked


def _zip_bytes(folder: Path, name: str, files: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(files):
            archive.write(folder / file, f"{name}/{file}")
    return buffer.getvalue()


def _remove_written(folder: Path, files: list[str]) -> None:
    """Take back a bundle whose recording failed: its files and manifest, not the others."""
    for name in [*files, MANIFEST]:
        (folder / name).unlink(missing_ok=True)
    if not any(folder.iterdir()):
        folder.rmdir()


def build_report(
    store: Store,
    run_id: int,
    out_dir: str | os.PathLike,
    *,
    images: Mapping[str, bytes] | None = None,
    make_zip: bool = False,
    force: bool = False,
    options: ExportOptions | None = None,
    image_note: str = NO_IMAGES_NOTE,
    ctx: JobContext | None = None,
) -> ReportResult:
    """Write the report of run ``run_id`` into the folder ``out_dir`` (see the module docstring).

    ``images`` maps names to PNG bytes; ``options`` set the CSV format and privacy; ``force``
    replaces the files of an existing report (and its zip). Raises :class:`NotFoundError` for an
    unknown run and :class:`OutputError` for a destination the app refuses.
    """
    ctx = ctx or JobContext()
    run = store.run(run_id)
    pictures = _image_files(images)
    options = replace(options or ExportOptions(), force=False)
    tables = RUN_TABLES.get(run["kind"], DEFAULT_RUN_TABLES)
    optional = OPTIONAL_RUN_TABLES.get(run["kind"], [])
    notes: list[str] = []
    with OutputFolder(out_dir, store=store, force=force) as bundle:
        zip_target = None
        if make_zip:
            zip_target = check_file_target(bundle.path.parent / f"{bundle.path.name}.zip",
                                           store=store, force=force)
        assert bundle.folder is not None
        exports, files = [], []
        steps = len(tables) + len(optional) + 1
        for index, (filename, table) in enumerate([*tables, *optional]):
            part = ctx.scaled(index / steps, (index + 1) / steps)
            try:
                result = write_table(store, table, bundle.folder / filename,
                                     Selection(run_id=run_id), options, part)
            except InputError as error:
                if (filename, table) not in optional:
                    raise
                notes.append(f"{filename}: none ({error})")
                continue
            exports.append(result)
            files.append({"name": filename, "rows": result.rows, "sha256": result.sha256})
        for name, data in pictures.items():
            files.append({"name": name, "rows": None, "sha256": bundle.write(name, data)})
        ctx.progress(0.95, QT_TRANSLATE_NOOP("Core", "Writing the summary"))
        facts = report_facts(store, run_id, files=files, images=list(pictures),
                             image_note=image_note, notes=notes)
        bundle.write("summary.json",
                     json.dumps(facts, ensure_ascii=False, indent=2, default=str).encode())
        bundle.write("summary.md", render_markdown(facts).encode())
        bundle.write("summary.html", render_html(facts).encode())
        names = [f["name"] for f in files] + ["summary.json", "summary.md", "summary.html"]
        archive = _zip_bytes(bundle.folder, bundle.path.name, names) if make_zip else b""
        ctx.check()
        target = bundle.commit()
    if zip_target is not None:
        write_file(zip_target, archive, store=store, force=force)
    report = ReportResult(run_id, target, zip_target, files, list(pictures), exports)
    try:
        _record(store, report)
    except BaseException:
        _remove_written(target, names)
        if zip_target is not None:
            zip_target.unlink(missing_ok=True)
        raise
    ctx.progress(1.0, QT_TRANSLATE_NOOP("Core", "Report written"))
    return report


def _record(store: Store, report: ReportResult) -> None:
    with store.atomic():
        for result in report.exports:
            result.path = report.folder / result.path.name
            record_export(store, result, report=str(report.folder))
        store.audit("report.build", run_id=report.run_id, folder=str(report.folder),
                    zip=None if report.zip_path is None else str(report.zip_path),
                    files=report.files)


def report_job(ctx: JobContext, db_path: str | os.PathLike, run_id: int,
               out_dir: str | os.PathLike, images: Mapping[str, bytes] | None = None,
               **options: Any) -> dict[str, Any]:
    """GUI job: :func:`build_report` on the store at ``db_path``; returns the summary.

    ``options``: ``make_zip``, ``force``, ``image_note`` (why there are no images) and any
    field of :class:`ExportOptions`.
    """
    make_zip, force = options.pop("make_zip", False), options.pop("force", False)
    note = {"image_note": options.pop("image_note")} if "image_note" in options else {}
    with Store.open(db_path) as store:
        result = build_report(store, run_id, out_dir, images=images, make_zip=make_zip,
                              force=force, options=ExportOptions(**options), ctx=ctx, **note)
    return result.summary()
