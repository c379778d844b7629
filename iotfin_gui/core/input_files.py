"""What a path given as input (a data file to import, a recipe, a model file) may be.

Only a regular file, or a symbolic link to one, is read. Anything else is refused before a byte
is read, with a message saying what it is: a named pipe (reading it would wait for a writer that
may never come), a device such as ``/dev/zero`` (endless), a socket, a folder, a file the system
makes up as it is read (``/proc``, ``/sys``: its size says 0, so it looked "empty"), a symbolic
link loop or a link to nothing. :func:`read_bounded` then reads a small file (a recipe) through
a descriptor it checks again after opening (the path may have been swapped in between), bounded
in bytes and in time.
"""

from __future__ import annotations

import errno
import os
import stat
import time
from pathlib import Path

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message

#: Folders whose files the system makes up as they are read.
VIRTUAL_FOLDERS = (Path("/proc"), Path("/sys"))
#: How long :func:`read_bounded` may take, in seconds (a slow network share, a stuck disk).
READ_SECONDS = 30.0
_CHUNK = 1 << 20


def _kind(mode: int) -> Message | None:
    """What a file of ``mode`` is when it is not a regular file, else None."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return QT_TRANSLATE_NOOP("Core", "this is a folder, not a file.")
    if stat.S_ISFIFO(mode):
        return QT_TRANSLATE_NOOP("Core", "this is a named pipe (FIFO), not a file: reading it "
                                 "would wait for whatever writes to it. Save the data to a file "
                                 "first.")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return QT_TRANSLATE_NOOP("Core", "this is a device (such as /dev/zero), not a file: it "
                                 "never ends. Choose a data file.")
    if stat.S_ISSOCK(mode):
        return QT_TRANSLATE_NOOP("Core", "this is a socket, not a file.")
    return QT_TRANSLATE_NOOP("Core", "this is not a regular file.")


def _virtual(path: Path) -> bool:
    real = Path(os.path.realpath(path))
    return any(real == folder or folder in real.parents for folder in VIRTUAL_FOLDERS)


def check_regular_file(path: str | os.PathLike) -> os.stat_result:
    """The ``stat`` of ``path`` if it is a regular file or a link to one; else an
    :class:`InputError` naming the file and saying what it is."""
    shown = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError(QT_TRANSLATE_NOOP(
                "Core", "this is a symbolic link to {target}, which does not exist.").format(
                    target=os.readlink(path)), file=shown) from None
        raise InputError(QT_TRANSLATE_NOOP("Core", "the file does not exist."),
                         file=shown) from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise InputError(QT_TRANSLATE_NOOP(
                "Core", "this symbolic link leads back to itself (a link loop); it names no "
                "file."), file=shown) from None
        raise InputError(QT_TRANSLATE_NOOP("Core", "cannot read the file: {reason}").format(
            reason=error.strerror or str(error)), file=shown) from None
    except ValueError:
        raise InputError(QT_TRANSLATE_NOOP("Core", "this is not a usable file name."),
                         file=shown.replace("\0", "\\0")) from None
    kind = _kind(info.st_mode)
    if kind is not None:
        raise InputError(kind, file=shown)
    if _virtual(Path(path)):
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "this file is made up by the system as it is read (/proc, /sys), not a data "
            "file."), file=shown)
    return info


def read_bounded(path: str | os.PathLike, limit: int, seconds: float = READ_SECONDS) -> bytes:
    """The bytes of the regular file ``path``, refused when it is larger than ``limit`` bytes
    or takes longer than ``seconds`` to read."""
    check_regular_file(path)
    shown = str(path)
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise InputError(QT_TRANSLATE_NOOP("Core", "cannot read the file: {reason}").format(
            reason=error.strerror or str(error)), file=shown) from None
    with os.fdopen(descriptor, "rb") as handle:
        kind = _kind(os.fstat(handle.fileno()).st_mode)
        if kind is not None:
            raise InputError(kind, file=shown)
        deadline, chunks, size = time.monotonic() + seconds, [], 0
        while chunk := handle.read(min(_CHUNK, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise InputError(QT_TRANSLATE_NOOP(
                    "Core", "the file is larger than {limit:,} bytes, too large for this.").format(
                        limit=limit), file=shown)
            if time.monotonic() > deadline:
                raise InputError(QT_TRANSLATE_NOOP(
                    "Core", "reading the file took longer than {seconds:g} s; copy it to a local "
                    "disk first.").format(seconds=seconds), file=shown)
    return b"".join(chunks)
