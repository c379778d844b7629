"""Where the store lives: ``--db`` first, then ``IOTFIN_DB``, then the user's data directory."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "IoTFin Workstation"
APP_AUTHOR = "IoTFin"
ENV_VAR = "IOTFIN_DB"


def default_store_path() -> Path:
    """The per-user store file (e.g. ``~/.local/share/IoTFin Workstation/store.sqlite``)."""
    return platformdirs.user_data_path(APP_NAME, APP_AUTHOR) / "store.sqlite"


def resolve_store_path(cli_path: str | os.PathLike | None = None) -> tuple[Path, bool]:
    """The store path to use and whether it is the default one (whose folder may be created)."""
    if cli_path:
        return Path(cli_path).expanduser(), False
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser(), False
    return default_store_path(), True
