"""Telling a full disk from other write failures, and saying so with the figures.

SQLite reports a full disk as "database or disk is full" (SQLITE_FULL) when a page cannot be
written, but as "disk I/O error" (SQLITE_IOERR) when it cannot even create its shared-memory or
journal file; Python reports ENOSPC or EDQUOT. :func:`full_disk_message` turns any of these,
when the disk holding the file really has (almost) no space left, into a message saying that
the disk is full, which folder, how much is free and, where known, how much was needed.

A file can also be refused for its size while the disk has room: the process's file-size limit
(``ulimit -f``, ``RLIMIT_FSIZE``: Python then gets EFBIG, SQLite "disk I/O error") or the file
system's own (4 GB a file on FAT32). :func:`too_large_message` says which, naming the file;
:func:`explain` gives whichever of the two messages fits.
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


def file_size_limit() -> int | None:
    """The most bytes this process may write into one file (``ulimit -f``), None when it has no
    limit (or the platform has none, as Windows)."""
    try:
        import resource
    except ImportError:
        return None
    soft, _ = resource.getrlimit(resource.RLIMIT_FSIZE)
    return None if soft == resource.RLIM_INFINITY else soft


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


def too_large_message(error: BaseException, path: str | os.PathLike) -> Message | None:
    """The message for ``error`` raised while writing the file ``path`` when a file-size limit
    stopped it: the process's (``ulimit -f``; then SQLite's failures count too, as SQLite says
    no more than "disk I/O error") or, for EFBIG without one, the file system's. None for any
    other failure."""
    too_large = isinstance(error, OSError) and error.errno == errno.EFBIG
    limit = file_size_limit()
    if limit is not None and (too_large or could_be_full(error)):
        return QT_TRANSLATE_NOOP(
            "Core", "Cannot write {path}: this process may not write a file larger than {limit} "
            "(the file-size limit, 'ulimit -f'). Raise the limit (or ask your administrator to) "
            "and try again.").format(path=str(path), limit=size_text(limit))
    if too_large:
        return QT_TRANSLATE_NOOP(
            "Core", "Cannot write {path}: the file would be larger than the disk holding {folder} "
            "allows a file to be (a FAT32 USB stick holds at most 4 GB a file). Write it to "
            "another disk.").format(path=str(path), folder=str(_existing_folder(path)))
    return None


def explain(error: BaseException, path: str | os.PathLike | None,
            needed: int | None = None) -> Message | None:
    """The full-disk message for ``error`` raised while writing near ``path`` (``needed``: the
    bytes the work was to write, where known), or the file-size-limit one
    (:func:`too_large_message`, naming the file the error names, else ``path``); None when
    neither explains it."""
    if path is None:
        return None
    if could_be_full(error) and (full := full_disk_message(path, needed)) is not None:
        return full
    named = getattr(error, "filename", None) if isinstance(error, OSError) else None
    return too_large_message(error, named if isinstance(named, str) else path)
