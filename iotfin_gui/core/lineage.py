"""What a result was made from: content hashes, library versions, timestamps.

Every import, recipe, run and export records these, so any result can be traced and reproduced.
"""

from __future__ import annotations

import hashlib
import platform
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

import pandas as pd

import iotfin_gui

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
    versions = {"python": platform.python_version(), "iotfin-workstation": iotfin_gui.__version__}
    for name in TRACKED_DISTRIBUTIONS:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return versions


def utc_now() -> str:
    """The current time as ISO 8601 UTC with a ``Z``, to the second."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def frame_hash(frame: pd.DataFrame) -> str:
    """A SHA-256 of a table's column names, types and values (row order matters, index not)."""
    digest = hashlib.sha256()
    digest.update(repr([(str(c), str(t)) for c, t in frame.dtypes.items()]).encode())
    if len(frame):
        digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return digest.hexdigest()


def file_sha256(path: str | Path, chunk_size: int = 1 << 20) -> str:
    """The SHA-256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(chunk_size):
            digest.update(chunk)
    return digest.hexdigest()
