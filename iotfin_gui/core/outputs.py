"""Every file the app writes goes through this module: CSVs, JSON, plans, predictions, recipes,
report bundles.

One set of checks for every output (:func:`check_file_target`, :func:`check_folder_target`):
a target that belongs to a store (the open one, or any open in this process: its database,
``-wal``, ``-shm``, ``-journal``, its models and backups folders and what is inside them) is
refused, even with ``force``; so is an existing target that is not a regular file (a folder where
a file is wanted, a device such as ``/dev/null``, a FIFO, a socket; symbolic links are followed
for the check) and an existing file unless ``force``. Refusals are :class:`OutputError` naming
the path and why.

Writing is atomic (:class:`OutputFile`): the bytes go to a hidden temporary file in the target's
folder named ``.NAME.iotfin-part-XXXX``, which is fsynced and renamed over ``NAME`` (without
``force``, linked, so that a file created meanwhile is never replaced). While it is written, the
temporary file is listed in the store's ``settings`` under :data:`PENDING_SETTING` with the
writing process; :func:`remove_leftovers` deletes the ones a killed process left behind.

A folder of files (a report bundle, :class:`OutputFolder`) is built in a temporary folder and
renamed into place. Replacing an existing folder (``force``) replaces only the files the app
wrote there, as listed in its manifest (:data:`MANIFEST`): other files are never deleted or
overwritten, and a folder that holds a store is refused.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import socket
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, BinaryIO

from iotfin_gui.core import disk_space
from iotfin_gui.core.errors import UserFacingError
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message
from iotfin_gui.core.store_files import is_store_owned, open_stores

if TYPE_CHECKING:
    from iotfin_gui.core.store import Store

#: What the names of temporary files and folders contain: ``.NAME.iotfin-part-XXXX``.
PART_MARK = ".iotfin-part-"
#: The store setting listing the temporary files being written (path, pid, host).
PENDING_SETTING = "pending_outputs"
#: The file in an output folder that lists the files the app wrote there.
MANIFEST = ".iotfin-manifest.json"


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


#: Files and folders are given the permissions a plain ``open`` would (temp files are 0600).
FILE_MODE = 0o666 & ~_current_umask()
FOLDER_MODE = 0o777 & ~_current_umask()


class OutputError(UserFacingError):
    """An output the app refuses to write (it belongs to a store, is not a regular file, exists)
    or cannot write (missing or read-only folder, disk full)."""


def describe_os_error(error: OSError, path: Path) -> Message:
    """What went wrong writing ``path``, in words the analyst can act on."""
    too_large = disk_space.too_large_message(error, path)
    if too_large is not None:
        return too_large
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return QT_TRANSLATE_NOOP(
            "Core", "Not enough disk space to write {path}; free some space or choose another "
            "folder.").format(path=str(path))
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return QT_TRANSLATE_NOOP(
            "Core", "Cannot write {path}: permission denied (is the folder read-only, or the "
            "file open in Excel?).").format(path=str(path))
    return QT_TRANSLATE_NOOP("Core", "Cannot write {path}: {error}.").format(
        path=str(path), error=str(error.strerror or error))


def _stores(store: Store | None) -> list[Path]:
    paths = [Path(store.path)] if store is not None else []
    return paths + [p for p in open_stores() if p not in paths]


def _refuse_store_owned(target: Path, store: Store | None) -> None:
    for store_path in _stores(store):
        if is_store_owned(target, store_path):
            raise OutputError(QT_TRANSLATE_NOOP(
                "Core", "{path} belongs to the store {store} (its database, journal, models or "
                "backups); IoTFin never writes an output over it. Choose another file.").format(
                    path=str(target), store=str(store_path)))


def _check_folder(target: Path) -> None:
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(QT_TRANSLATE_NOOP(
            "Core", "Cannot write {path}: the folder {folder} does not exist.").format(
                path=str(target), folder=str(folder)))
    if not os.access(folder, os.W_OK):
        raise OutputError(QT_TRANSLATE_NOOP(
            "Core", "Cannot write {path}: the folder {folder} is not writable.").format(
                path=str(target), folder=str(folder)))


def _status(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise OutputError(describe_os_error(error, path)) from error


def check_file_target(path: str | os.PathLike, *, store: Store | None = None,
                      force: bool = False) -> Path:
    """The absolute path a file output is written to, after every check (module docstring).

    A symbolic link is followed: the file it points to is the one replaced."""
    target = Path(path).expanduser().absolute()
    real = Path(os.path.realpath(target))
    _refuse_store_owned(target, store)
    _refuse_store_owned(real, store)
    info = _status(real)
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise OutputError(QT_TRANSLATE_NOOP(
                "Core", "{path} is a folder; give a file name to write to.").format(
                    path=str(target)))
        if not stat.S_ISREG(info.st_mode):
            raise OutputError(QT_TRANSLATE_NOOP(
                "Core", "{path} is not a regular file (a device, pipe or socket); IoTFin only "
                "writes ordinary files. Choose another name.").format(path=str(target)))
        if not force:
            raise OutputError(QT_TRANSLATE_NOOP(
                "Core", "{path} already exists; choose another name or overwrite it "
                "(--force).").format(path=str(target)))
    final = real if target.is_symlink() else target
    _check_folder(final)
    return final


def _holds_store(folder: Path, store: Store | None) -> Path | None:
    real = Path(os.path.realpath(folder))
    for store_path in _stores(store):
        if real in Path(os.path.realpath(store_path)).parents:
            return store_path
    return None


def check_folder_target(path: str | os.PathLike, *, store: Store | None = None,
                        force: bool = False) -> Path:
    """The absolute path of a folder output (a report bundle), after every check: not a store's
    file or folder, not a folder holding a store, not a file, not existing unless ``force``."""
    target = Path(path).expanduser().absolute()
    _refuse_store_owned(target, store)
    _refuse_store_owned(Path(os.path.realpath(target)), store)
    holder = _holds_store(target, store)
    if holder is not None:
        raise OutputError(QT_TRANSLATE_NOOP(
            "Core", "{path} holds the store {store}; IoTFin does not write a report into the "
            "store's folder. Choose another folder.").format(path=str(target),
                                                             store=str(holder)))
    info = _status(target)
    if info is not None and not stat.S_ISDIR(info.st_mode):
        raise OutputError(QT_TRANSLATE_NOOP(
            "Core", "{path} is a file; give a folder name for the report.").format(
                path=str(target)))
    if info is not None and not force:
        raise OutputError(QT_TRANSLATE_NOOP(
            "Core", "{path} already exists; choose another folder or overwrite it (--force).")
            .format(path=str(target)))
    _check_folder(target)
    return target


# --- pending temporary files ---------------------------------------------------------------


def _remember(store: Store | None, temporary: Path) -> None:
    if store is None:
        return
    entry = {"path": str(temporary), "pid": os.getpid(), "host": socket.gethostname()}
    with store.atomic():
        pending = list(store.setting(PENDING_SETTING, []))
        store.set_setting(PENDING_SETTING, [*pending, entry])


def _forget(store: Store | None, temporaries: Iterable[Path]) -> None:
    names = {str(t) for t in temporaries}
    if store is None or not names:
        return
    with store.atomic():
        pending = list(store.setting(PENDING_SETTING, []))
        kept = [e for e in pending if e.get("path") not in names]
        if kept != pending:
            store.set_setting(PENDING_SETTING, kept)


def _writer_alive(entry: dict) -> bool:
    if entry.get("host") != socket.gethostname():
        return True  # another computer's process: cannot tell, so leave its file alone
    pid = int(entry.get("pid") or 0)
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return pid > 0
    return pid > 0


def remove_leftovers(store: Store) -> list[Path]:
    """Delete the temporary files and folders that writers killed mid-write left behind (their
    process is gone) and drop them from the pending list; returns what was deleted."""
    removed: list[Path] = []
    with store.atomic():
        pending = list(store.setting(PENDING_SETTING, []))
        kept = []
        for entry in pending:
            if _writer_alive(entry):
                kept.append(entry)
                continue
            path = Path(str(entry.get("path", "")))
            if PART_MARK not in path.name or any(is_store_owned(path, s) for s in _stores(store)):
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path)
            elif path.is_file() or path.is_symlink():
                path.unlink(missing_ok=True)
                removed.append(path)
        if kept != pending:
            store.set_setting(PENDING_SETTING, kept)
    return removed


# --- one file ------------------------------------------------------------------------------


def fsync_folder(folder: Path) -> None:
    """Make a rename durable where the platform allows syncing a folder (not on Windows)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _place(temporary: Path, target: Path, force: bool) -> None:
    """Rename ``temporary`` to ``target``; without ``force`` never over a file that appeared."""
    if force:
        os.replace(temporary, target)
        return
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise OutputError(QT_TRANSLATE_NOOP(
            "Core", "{path} appeared while it was being written; nothing was overwritten.")
            .format(path=str(target))) from None
    except OSError:
        os.replace(temporary, target)  # a file system without hard links
        return
    temporary.unlink()


class OutputFile:
    """A file written under a temporary name and renamed to ``path`` by :meth:`commit`.

    Use as a context manager: leaving it without ``commit`` (an error, a cancel) removes the
    temporary file. The SHA-256 of everything written is kept as it goes. ``store`` is the open
    store (its files are refused, the temporary file is listed as pending in it).
    """

    def __init__(self, path: str | os.PathLike, *, store: Store | None = None,
                 force: bool = False) -> None:
        self.store = store
        self.force = force
        self.path = check_file_target(path, store=store, force=force)
        self.sha256 = hashlib.sha256()
        self.size = 0
        self._temporary: Path | None = None
        self._handle: BinaryIO | None = None

    def __enter__(self) -> OutputFile:
        try:
            descriptor, name = tempfile.mkstemp(prefix=f".{self.path.name}{PART_MARK}",
                                                dir=self.path.parent)
        except OSError as error:
            raise OutputError(describe_os_error(error, self.path)) from error
        self._temporary = Path(name)
        self._handle = os.fdopen(descriptor, "wb")
        os.chmod(self._temporary, FILE_MODE)
        try:
            _remember(self.store, self._temporary)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def write(self, data: bytes) -> None:
        assert self._handle is not None, "write() outside the with block"
        try:
            self._handle.write(data)
        except OSError as error:
            raise OutputError(describe_os_error(error, self.path)) from error
        self.sha256.update(data)
        self.size += len(data)

    def commit(self) -> Path:
        """Flush, fsync and rename the file to its final name (checked again); returns it."""
        assert self._handle is not None and self._temporary is not None
        try:
            self._handle.flush()
            os.fsync(self._handle.fileno())
            self._handle.close()
            self._handle = None
            check_file_target(self.path, store=self.store, force=self.force)
            _place(self._temporary, self.path, self.force)
        except OSError as error:
            raise OutputError(describe_os_error(error, self.path)) from error
        temporary, self._temporary = self._temporary, None
        _forget(self.store, [temporary])
        fsync_folder(self.path.parent)
        return self.path

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        if self._temporary is not None:
            temporary, self._temporary = self._temporary, None
            temporary.unlink(missing_ok=True)
            _forget(self.store, [temporary])


def write_file(path: str | os.PathLike, data: bytes, *, store: Store | None = None,
               force: bool = False) -> Path:
    """Write ``data`` to ``path`` through :class:`OutputFile`; returns the final path."""
    with OutputFile(path, store=store, force=force) as handle:
        handle.write(data)
        return handle.commit()


# --- a folder of files ---------------------------------------------------------------------


def _manifest(folder: Path) -> list[str]:
    """The files the app wrote in ``folder`` (plain names), from its manifest; [] if none."""
    path = folder / MANIFEST
    if path.is_symlink() or not path.is_file():
        return []
    try:
        names = json.loads(path.read_text("utf-8")).get("files", [])
    except (OSError, ValueError, AttributeError):
        return []
    return [n for n in names if isinstance(n, str) and n == Path(n).name and n not in ("", ".",
                                                                                       "..")]


class OutputFolder:
    """A folder of files written in a temporary folder and moved into place by :meth:`commit`.

    Use as a context manager; :meth:`write` adds a file (``folder / name`` for a writer of its
    own, e.g. an :class:`OutputFile` without a store). Leaving without ``commit`` removes the
    temporary folder. See the module docstring for what ``force`` replaces.
    """

    def __init__(self, path: str | os.PathLike, *, store: Store | None = None,
                 force: bool = False) -> None:
        self.store = store
        self.force = force
        self.path = check_folder_target(path, store=store, force=force)
        self.folder: Path | None = None
        self.hashes: dict[str, str] = {}

    def __enter__(self) -> OutputFolder:
        try:
            self.folder = Path(tempfile.mkdtemp(prefix=f".{self.path.name}{PART_MARK}",
                                                dir=self.path.parent))
        except OSError as error:
            raise OutputError(describe_os_error(error, self.path)) from error
        os.chmod(self.folder, FOLDER_MODE)
        try:
            _remember(self.store, self.folder)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def write(self, name: str, data: bytes) -> str:
        """Write the file ``name`` of the folder (fsynced); returns its SHA-256."""
        assert self.folder is not None, "write() outside the with block"
        path = self.folder / name
        try:
            with open(path, "xb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as error:
            raise OutputError(describe_os_error(error, self.path / name)) from error
        os.chmod(path, FILE_MODE)
        self.hashes[name] = hashlib.sha256(data).hexdigest()
        return self.hashes[name]

    def commit(self) -> Path:
        """Write the manifest and move the folder (or, into an existing folder, its files) into
        place; returns the folder."""
        assert self.folder is not None
        names = sorted(p.name for p in self.folder.iterdir() if p.name != MANIFEST)
        self.write(MANIFEST, json.dumps({"app": "IoTFin Workstation", "files": names},
                                        indent=2).encode())
        check_folder_target(self.path, store=self.store, force=self.force)
        try:
            if self.path.exists():
                self._merge_into(self.path, names)
            else:
                os.replace(self.folder, self.path)
        except OSError as error:
            raise OutputError(describe_os_error(error, self.path)) from error
        staging, self.folder = self.folder, None
        shutil.rmtree(staging, ignore_errors=True)
        _forget(self.store, [staging])
        fsync_folder(self.path.parent)
        return self.path

    def _merge_into(self, target: Path, names: list[str]) -> None:
        assert self.folder is not None
        ours = set(_manifest(target))
        foreign = sorted(n for n in names if os.path.lexists(target / n) and n not in ours)
        if foreign:
            raise OutputError(QT_TRANSLATE_NOOP(
                "Core", "{path} holds files IoTFin did not write ({files}); they were left as "
                "they are. Choose another folder or move them.").format(
                    path=str(target), files=", ".join(foreign)))
        for name in [*names, MANIFEST]:
            check_file_target(target / name, store=self.store, force=True)
        for name in names:
            os.replace(self.folder / name, target / name)
        for stale in sorted(ours - set(names)):
            path = target / stale
            if path.is_file() and not path.is_symlink() and not any(
                    is_store_owned(path, s) for s in _stores(self.store)):
                path.unlink()
        os.replace(self.folder / MANIFEST, target / MANIFEST)
        fsync_folder(target)

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self.folder is not None:
            staging, self.folder = self.folder, None
            shutil.rmtree(staging, ignore_errors=True)
            _forget(self.store, [staging])
