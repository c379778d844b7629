"""Which files belong to a store, and the guard that keeps the app's own code off them.

SQLite keeps a store that several processes share consistent with POSIX advisory locks. On Linux
and macOS those locks belong to the *process*, and closing ANY descriptor of the file drops every
lock the process holds on it (SQLite's documented "how to corrupt" pitfall 2.2). If the window's
process opens and closes the store's files for any reason (sniffing a file's type, hashing or
copying it), a worker process then believes it is the store's last user, checkpoints and deletes
the WAL the window still reads from, and the next write corrupts the store.

The design: in a process that has a store open, nothing but SQLite touches that store's files.
:meth:`Store.open` registers the store here; once one is registered, an audit hook (installed once,
it cannot be removed) refuses every Python-level ``open``, ``os.open``, rename, removal or
truncation of a registered store's database, ``-wal``, ``-shm`` or ``-journal`` file, whichever
code asks (the app's own, pandas', openpyxl's), by path or through a symbolic or hard link.
Readers written in C (pyarrow, calamine) and the window's file dialogs, which the hook does not
see, call :func:`check_input_path` first. The store itself never reads its files except through
SQLite, and backups use SQLite's backup API.

This module also names the folders that belong to a store (models, backups, data), so that outputs
can refuse to write over any of them: beside the file a symbolic link to the store points to (where
SQLite puts its ``-wal``), and compared by inode where they exist and as the file system compares
names, so that a name in another case (macOS, Windows) names them too. The data folder
(``<stem>_data/``, the Parquet files of the datasets: see :mod:`iotfin_gui.core.datafiles`) is
guarded like the SQLite files: while the store is open, Python-level opens, renames, links and
removals of anything inside it are refused, except inside :func:`store_access`, which only the
store's own writers, backups and checks enter (the permission belongs to the thread that entered it,
so a worker thread writing a dataset never opens the door for the window's thread).

A published part (a file of the data folder, or of a backup's ``<name>_data/`` folder, outside
the ``.tmp-`` staging folders) is never written again, not even inside :func:`store_access`:
backups and copies share parts as hard links, so a part written in place would change every
backup with it. The hook refuses a Python-level open of one for writing, appending or truncating
with the :class:`PermissionError` its read-only mode gives (also to root, who ignores the mode);
a part is replaced by renaming a new file over it, if ever.
"""

from __future__ import annotations

import errno
import os
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from iotfin_gui.core.errors import StoreError
from iotfin_gui.core.input_files import check_regular_file
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP

#: The suffixes SQLite adds to a database's name for its other files.
SQLITE_SUFFIXES = ("", "-wal", "-shm", "-journal")
#: How the folders being written (a dataset's parts, a restore's, a backup's) start their name.
STAGING_PREFIX = ".tmp-"
#: The ``open`` flags that write into an existing file.
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_TRUNC


class StoreFileError(StoreError):
    """Code of the app tried to open, move or delete a file of a store open in this process."""


def store_file(store_path: str | os.PathLike) -> Path:
    """The file the store at ``store_path`` really is: a symbolic link to a store file is
    followed, as SQLite follows it (its ``-wal`` and ``-journal`` go beside the file the link
    points to), so that the store's folders are found there too, whichever name opened it."""
    path = Path(store_path)
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def sqlite_files(store_path: str | os.PathLike) -> tuple[Path, ...]:
    """The store's database file and the ``-wal``, ``-shm`` and ``-journal`` files beside it."""
    path = store_file(store_path)
    return tuple(path.with_name(path.name + suffix) for suffix in SQLITE_SUFFIXES)


def models_dir(store_path: str | os.PathLike) -> Path:
    """The folder of the store's model files: ``<stem>_models/`` beside it (not created)."""
    path = store_file(store_path)
    return path.with_name(f"{path.stem}_models")


def backups_dir(store_path: str | os.PathLike) -> Path:
    """The folder of the store's backups: ``<stem>_backups/`` beside it (not created)."""
    path = store_file(store_path)
    return path.with_name(f"{path.stem}_backups")


def data_dir(store_path: str | os.PathLike) -> Path:
    """The folder of the store's dataset files: ``<stem>_data/`` beside it (not created)."""
    path = store_file(store_path)
    return path.with_name(f"{path.stem}_data")


def owned_paths(store_path: str | os.PathLike) -> tuple[Path, ...]:
    """Every file and folder that belongs to the store."""
    return (*sqlite_files(store_path), models_dir(store_path), backups_dir(store_path),
            data_dir(store_path))


def _identity(path: str | os.PathLike) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def _real(path: str | os.PathLike) -> Path:
    return Path(os.path.realpath(os.path.abspath(path)))


_case_folding: dict[Path, bool] = {}


def _ignores_case(existing: Path) -> bool:
    """Whether the file system holding the existing file or folder ``existing`` ignores the case
    of names (macOS and Windows by default): its name in swapped case names the same file. Kept
    once known: the audit hook asks on every ``open`` while a store is open."""
    known = _case_folding.get(existing)
    if known is not None:
        return known
    identity = _identity(existing)
    if identity is None:
        return False
    swapped = existing.with_name(existing.name.swapcase())
    _case_folding[existing] = swapped.name != existing.name and _identity(swapped) == identity
    return _case_folding[existing]


def _name_key(name: str, fold: bool) -> str:
    """A name as the file system compares it: case folded where it ignores case, and on Windows
    without the trailing dots and spaces it drops."""
    if os.name == "nt":
        name = name.rstrip(". ")
    return name.casefold() if fold else name


def _same_file(path: str | os.PathLike, candidates: tuple[Path, ...]) -> bool:
    """Whether ``path`` names one of ``candidates`` (already resolved): by inode when it exists
    (which also catches symbolic and hard links), else by its folder's inode and its name, as the
    file system compares names (``STORE.SQLITE-WAL`` is the store's ``-wal`` where case is
    ignored)."""
    identity = _identity(path)
    if identity is not None:
        return any(identity == _identity(c) for c in candidates)
    real = _real(path)
    if real in candidates:
        return True
    folder = _identity(real.parent)
    fold = any(_ignores_case(c) for c in candidates if c.exists())
    return folder is not None and any(
        folder == _identity(c.parent) and _name_key(real.name, fold) == _name_key(c.name, fold)
        for c in candidates)


def _inside(path: str | os.PathLike, folder: Path) -> bool:
    """Whether ``path`` is ``folder`` or lies inside it: by name once links are resolved, and
    where the file system ignores case, by the inode of each existing folder above it (a name
    in another case names the same folder)."""
    real = _real(path)
    if real == folder or folder in real.parents:
        return True
    if not _ignores_case(folder):
        return False
    target = _identity(folder)
    return target is not None and any(_identity(above) == target
                                      for above in (real, *real.parents))


def is_store_owned(path: str | os.PathLike, store_path: str | os.PathLike) -> bool:
    """Whether ``path`` is one of the store's files or folders or lies inside those folders
    (symbolic links resolved, hard links caught by their inode)."""
    store = _real(store_path)
    if _same_file(path, sqlite_files(store)):
        return True
    return any(_inside(path, _real(folder(store)))
               for folder in (models_dir, backups_dir, data_dir))


# --- the guard of the stores open in this process ------------------------------------------

_lock = threading.RLock()
_open_stores: Counter[Path] = Counter()
_hook_installed = False
_access = threading.local()
#: Audit events that open, move, delete or truncate a file; the argument(s) holding paths.
_GUARDED_EVENTS = {"open": (0,), "os.rename": (0, 1), "os.remove": (0,), "os.truncate": (0,),
                   "os.link": (0, 1), "shutil.copyfile": (0, 1), "shutil.rmtree": (0,)}
#: Of those, the events that would also take the store with them when given a folder above it.
_FOLDER_EVENTS = frozenset({"os.rename", "shutil.rmtree"})


def register_open_store(store_path: str | os.PathLike) -> None:
    """Mark the store as open in this process (:meth:`Store.open` calls this)."""
    global _hook_installed
    with _lock:
        _open_stores[_real(store_path)] += 1
        if not _hook_installed:
            sys.addaudithook(_audit)
            _hook_installed = True


def unregister_open_store(store_path: str | os.PathLike) -> None:
    """Undo one :func:`register_open_store` (:meth:`Store.close` calls this)."""
    with _lock:
        key = _real(store_path)
        _open_stores[key] -= 1
        if _open_stores[key] <= 0:
            del _open_stores[key]


def open_stores() -> tuple[Path, ...]:
    """The stores open in this process."""
    with _lock:
        return tuple(_open_stores)


@contextmanager
def store_access() -> Iterator[None]:
    """Let this thread open, move and remove files in the data folders of open stores: only the
    store's own code paths (writing, publishing, backing up, checking dataset files) enter it."""
    depth = getattr(_access, "depth", 0)
    _access.depth = depth + 1
    try:
        yield
    finally:
        _access.depth = depth


def _sanctioned() -> bool:
    return getattr(_access, "depth", 0) > 0


def guarded_store(path: str | os.PathLike, *, folders: bool = False,
                  data: bool = True) -> Path | None:
    """The open store one of whose SQLite files ``path`` names, or (with ``data``) inside whose
    data folder it lies, or None. With ``folders``, also the open store that lies inside the
    folder ``path`` or whose data folder lies inside it."""
    for store in open_stores():
        if _same_file(path, sqlite_files(store)):
            return store
        if data and _inside(path, _real(data_dir(store))):
            return store
        if folders and (_real(path) in store.parents or _real(path) in data_dir(store).parents):
            return store
    return None


def _refusal(path: str | os.PathLike, store: Path) -> StoreFileError:
    return StoreFileError(QT_TRANSLATE_NOOP(
        "Core", "{path} belongs to the open store {store}: IoTFin never reads, copies or "
        "replaces its own store's files except through SQLite, so that the store cannot be "
        "corrupted. Choose another file.").format(path=str(path), store=str(store)))


def check_input_path(path: str | os.PathLike) -> Path:
    """``path``, after checking it is a regular file or a link to one (see
    :func:`iotfin_gui.core.input_files.check_regular_file`: never a pipe, device, folder or
    ``/proc`` file) and not a file of a store open in this process.

    Call it before any reader opens an input ``path`` (the audit hook does not see readers
    written in C)."""
    check_regular_file(path)
    store = guarded_store(path)
    if store is not None:
        raise _refusal(path, store)
    return Path(path)


def _path_argument(value: Any) -> str | None:
    if isinstance(value, int) or value is None:
        return None
    try:
        return os.fsdecode(value)
    except TypeError:
        return None


def _published_part(path: str) -> bool:
    """Whether ``path`` is an existing file of the data folder of an open store or of one of its
    backups, outside the staging folders."""
    if not os.path.isfile(path):
        return False
    real = _real(path)
    for store in open_stores():
        data, kept = _real(data_dir(store)), _real(backups_dir(store))
        if data in real.parents:
            top = real.relative_to(data).parts[0]
        elif kept in real.parents and real.relative_to(kept).parts[0].endswith("_data"):
            top = real.relative_to(kept).parts[0]
        else:
            continue
        if not top.startswith(STAGING_PREFIX):
            return True
    return False


def _writes_in_place(event: str, args: tuple[Any, ...]) -> str | None:
    """The published part that an ``open`` for writing or an ``os.truncate`` would change in
    place, or None."""
    if event == "open" and not (len(args) > 2 and isinstance(args[2], int)
                                and args[2] & _WRITE_FLAGS):
        return None
    if event not in ("open", "os.truncate"):
        return None
    path = _path_argument(args[0])
    return path if path is not None and _published_part(path) else None


def _audit(event: str, args: tuple[Any, ...]) -> None:
    positions = _GUARDED_EVENTS.get(event)
    if positions is None or not _open_stores:
        return
    part = _writes_in_place(event, args)
    if part is not None:
        raise PermissionError(errno.EACCES, "a published part of a store is never written "
                              "again (its backups share it as a hard link); replace it with a "
                              "new file instead", part)
    for position in positions:
        if position >= len(args):
            continue
        path = _path_argument(args[position])
        if path is None:
            continue
        if event == "open" and path.endswith((".py", ".pyc", ".so", ".pth")):
            continue
        store = guarded_store(path, folders=event in _FOLDER_EVENTS, data=not _sanctioned())
        if store is not None:
            raise _refusal(path, store)
