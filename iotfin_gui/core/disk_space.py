"""Telling a full disk from other write failures, and saying so with the figures.

SQLite reports a full disk as "database or disk is full" (SQLITE_FULL) when a page cannot be
written, but as "disk I/O error" (SQLITE_IOERR) when it cannot even create its shared-memory or
journal file; Python reports ENOSPC or EDQUOT. :func:`full_disk_message` turns any of these,
when the disk holding the file really has (almost) no space left, into a message saying that
the disk is full, which folder, how much is free and, where known, how much was needed.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message

#: Below this many free bytes a disk counts as full (SQLite needs room for a page, a journal
#: and its shared-memory file, and the file system for its own records).
NEARLY_FULL_BYTES = 1_000_000
_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def size_text(count: float) -> str:
    """``count`` bytes in GB, MB or kB (decimal units, as disks and task managers show)."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if count >= scale:
            return f"{count / scale:,.1f} {unit}"
    return f"{int(count)} bytes"


def _existing_folder(path: str | os.PathLike) -> Path:
    folder = Path(path).absolute()
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    return folder


def could_be_full(error: BaseException) -> bool:
    """Whether ``error`` is one a full disk causes."""
    if isinstance(error, OSError):
        return error.errno in _FULL_ERRNOS
    if isinstance(error, sqlite3.Error):
        text = str(error).lower()
        return "disk is full" in text or "disk i/o error" in text
    return False


def full_disk_message(path: str | os.PathLike, needed: int | None = None) -> Message | None:
    """The message for a write to ``path`` that failed, when the disk holding it is full (fewer
    than ``needed`` or :data:`NEARLY_FULL_BYTES` bytes free); None when there is space (the
    failure had another cause)."""
    folder = _existing_folder(path)
    try:
        usage = shutil.disk_usage(folder)
    except OSError:
        return None
    if usage.free >= max(needed or 0, NEARLY_FULL_BYTES):
        return None
    if needed:
        return QT_TRANSLATE_NOOP(
            "Core", "The disk holding {folder} is full: {free} free of {total}, about {needed} "
            "needed. Free some space there (or move the store to another disk) and try "
            "again.").format(folder=str(folder), free=size_text(usage.free),
                             total=size_text(usage.total), needed=size_text(needed))
    return QT_TRANSLATE_NOOP(
        "Core", "The disk holding {folder} is full: {free} free of {total}. Free some space there "
        "(or move the store to another disk) and try again.").format(
            folder=str(folder), free=size_text(usage.free), total=size_text(usage.total))


def explain(error: BaseException, path: str | os.PathLike | None,
            needed: int | None = None) -> Message | None:
    """The full-disk message for ``error`` raised while writing near ``path`` (``needed``: the
    bytes the work was to write, where known), or None when the disk is not full."""
    if path is None or not could_be_full(error):
        return None
    return full_disk_message(path, needed)
