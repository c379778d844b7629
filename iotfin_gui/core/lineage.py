"""What a result was made from: library versions, timestamps, file hashes.

Every import, recipe, run and export records these, with the data hash of its input
(:mod:`iotfin_gui.core.data_hash`), so any result can be traced and reproduced. Nothing here
imports pandas, numpy or Arrow: the store's catalogue, and the CLI's quick commands, use it.
"""

from __future__ import annotations

import hashlib
import platform
from datetime import datetime, timezone
from pathlib import Path

import iotfin_gui
from iotfin_gui.core.logs import installed_versions

#: Distributions whose versions are recorded with every run and shown in the About dialog.
TRACKED_DISTRIBUTIONS = (
    "numpy",
    "pandas",
    "scikit-learn",
    "sqlite-utils",
    "holidays",
    "pyqtgraph",
    "PySide6-Essentials",
)


def library_versions() -> dict[str, str]:
    """Python, the app and every tracked library that is installed, name -> version."""
    return {"python": platform.python_version(), "iotfin-workstation": iotfin_gui.__version__,
            **installed_versions(TRACKED_DISTRIBUTIONS)}


def utc_now() -> str:
    """The current time as ISO 8601 UTC with a ``Z``, to the second."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def file_sha256(path: str | Path, chunk_size: int = 1 << 20) -> str:
    """The SHA-256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(chunk_size):
            digest.update(chunk)
    return digest.hexdigest()
