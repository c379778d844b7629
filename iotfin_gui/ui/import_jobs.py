"""The job the import dialog runs to preview a file, in a worker process.

Kept free of Qt so that workers import it without loading Qt. The import itself runs the core's
:func:`iotfin_gui.core.ingest.import_job`; the core has no job wrapper for :func:`preview`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from iotfin_gui.core.ingest import Preview, preview
from iotfin_gui.core.jobs import JobContext


def preview_job(ctx: JobContext, path: str, **options: Any) -> Preview:
    """:func:`iotfin_gui.core.ingest.preview` of ``path`` as a cancellable job."""
    ctx.progress(None, f"Reading {Path(path).name}")
    return preview(path, **options)
