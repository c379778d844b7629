"""Writing CSV the way Excel reads it, chunk by chunk, to a file that appears only when complete.

Format (:class:`CsvFormat`): UTF-8 with a BOM by default (Excel then reads Chinese text
correctly; plain UTF-8 as an option), a chosen delimiter, CRLF line ends (RFC 4180's and what
Excel on Windows writes; every reader also accepts them), ``.`` as decimal mark, no index.
Values: integers and floats as numbers (shortest round-tripping form, missing = empty),
booleans ``TRUE``/``FALSE``, dates ``YYYY-MM-DD`` and times ``YYYY-MM-DD HH:MM:SS`` (UTC, as
stored), text neutralised against formula injection and quoted only where needed
(:mod:`.safety`). Everything is vectorised with Arrow; one chunk becomes one ``bytes``.

:class:`AtomicFile` writes to a hidden temporary file in the destination folder, fsyncs it and
renames it over the final name, so a cancelled, failed or killed export leaves nothing under
that name. Disk full or an unwritable folder become a :class:`UserFacingError` naming the path.
"""

from __future__ import annotations

import errno
import hashlib
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from iotfin_gui.core.errors import InputError, UserFacingError
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message
from iotfin_gui.core.reports.privacy import PrivacyPlan
from iotfin_gui.core.reports.safety import safe_text_cells
from iotfin_gui.core.store import logical_type

ENCODINGS = ("utf-8-sig", "utf-8")
DELIMITERS = {",": ",", ";": ";", "tab": "\t", "\t": "\t", "\\t": "\t", "|": "|"}
COLUMN_KINDS = ("integer", "float", "boolean", "date", "datetime", "text")
_BOM = b"\xef\xbb\xbf"


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


#: Files and folders are given the permissions a plain ``open`` would (temp files are 0600).
FILE_MODE = 0o666 & ~_current_umask()
FOLDER_MODE = 0o777 & ~_current_umask()


@dataclass(frozen=True)
class CsvFormat:
    """How the file is written: ``encoding`` utf-8-sig (BOM, default) or utf-8, ``delimiter``
    one of ``,`` ``;`` tab ``|``, ``line_end`` CRLF."""

    encoding: str = "utf-8-sig"
    delimiter: str = ","
    line_end: str = "\r\n"

    @classmethod
    def of(cls, encoding: str = "utf-8-sig", delimiter: str = ",") -> CsvFormat:
        """A checked format; raises :class:`InputError` for anything else."""
        if encoding.lower() not in ENCODINGS:
            raise InputError(QT_TRANSLATE_NOOP(
                "Core", "unknown encoding {encoding!r}; use utf-8-sig (Excel) or utf-8").format(
                    encoding=encoding))
        if delimiter not in DELIMITERS:
            raise InputError(QT_TRANSLATE_NOOP(
                "Core", "unsupported delimiter {delimiter!r}; use , ; | or tab").format(
                    delimiter=delimiter))
        return cls(encoding.lower(), DELIMITERS[delimiter])

    @property
    def preamble(self) -> bytes:
        return _BOM if self.encoding == "utf-8-sig" else b""


def column_kind(series: pd.Series) -> str:
    """The CSV kind of a DataFrame column: the store's logical type, except that a datetime
    column whose values are all midnight is a ``date``."""
    kind = logical_type(series)
    if kind == "datetime":
        values = series.dropna()
        return "date" if (values == values.dt.normalize()).all() else "datetime"
    return kind


Values = pd.Series | pa.Array
#: One chunk of a table: column name -> its values (a DataFrame is one).
Chunk = Mapping[str, Values]


def _arrow(values: Values, kind: pa.DataType | None = None) -> pa.Array:
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if not isinstance(values, pa.Array):
        values = pa.array(values, from_pandas=True)
    return values if kind is None or values.type == kind else pc.cast(values, kind)


def _as_strings(values: Values) -> pa.Array:
    """Any column as an Arrow string array (missing values null)."""
    if isinstance(values, pa.Array) or isinstance(values.dtype, pd.StringDtype):
        return _arrow(values, pa.string())
    texts = [None if pd.api.types.is_scalar(v) and pd.isna(v) else str(v) for v in values]
    return pa.array(texts, type=pa.string())


def _time_texts(values: Values, kind: str) -> pa.Array:
    if isinstance(values, pd.Series) and pd.api.types.is_datetime64_any_dtype(values.dtype):
        if values.dt.tz is not None:
            values = values.dt.tz_convert("UTC").dt.tz_localize(None)
        seconds = values.to_numpy().astype("datetime64[s]")
        texts = pc.cast(pa.array(seconds, type=pa.timestamp("s"), from_pandas=True), pa.string())
    else:
        texts = _as_strings(values)
    return pc.utf8_slice_codeunits(texts, 0, 10) if kind == "date" else texts


def format_column(values: Values, kind: str, column: str, fmt: CsvFormat,
                  privacy: PrivacyPlan | None = None) -> pa.Array:
    """One column of a chunk as the cell texts written to the file (null = empty cell)."""
    if privacy is not None and privacy.touches(column):
        kind = "text"
    if kind == "integer":
        return pc.cast(_arrow(values), pa.string())
    if kind == "float":
        return pc.cast(_arrow(values, pa.float64()), pa.string())
    if kind == "boolean":
        return pc.if_else(_arrow(values, pa.bool_()), "TRUE", "FALSE")
    if kind in ("date", "datetime"):
        return _time_texts(values, kind)
    texts = _as_strings(values)
    if privacy is not None:
        texts = privacy.apply(column, texts)
    return safe_text_cells(texts, fmt.delimiter)


def _joined_bytes(lines: pa.Array) -> bytes:
    """The concatenated UTF-8 bytes of a string array (no copy per row)."""
    lines = lines.cast(pa.large_string()) if lines.type != pa.large_string() else lines
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int64, count=len(lines) + 1,
                            offset=lines.offset * 8)
    data = lines.buffers()[2]
    return b"" if data is None else memoryview(data)[offsets[0]:offsets[-1]].tobytes()


def encode_rows(cells: Sequence[pa.Array], fmt: CsvFormat) -> bytes:
    """Rows of formatted cells (one array per column) as the bytes of CSV lines."""
    if not cells or len(cells[0]) == 0:
        return b""
    joined = pc.binary_join_element_wise(*cells, fmt.delimiter, null_handling="replace",
                                         null_replacement="")
    lines = pc.binary_join_element_wise(joined, "", fmt.line_end)
    return _joined_bytes(lines)


def encode_header(columns: Sequence[str], fmt: CsvFormat) -> bytes:
    """The header line: column names, neutralised and quoted like any text."""
    names = safe_text_cells(pa.array([str(c) for c in columns], type=pa.string()), fmt.delimiter)
    return (fmt.delimiter.join(names.to_pylist()) + fmt.line_end).encode("utf-8")


def encode_chunk(chunk: Chunk, columns: Sequence[str], kinds: Mapping[str, str],
                 fmt: CsvFormat, privacy: PrivacyPlan | None = None) -> bytes:
    """A chunk's ``columns`` (in that order) as CSV lines."""
    cells = [format_column(chunk[c], kinds[c], c, fmt, privacy) for c in columns]
    return encode_rows(cells, fmt)


def _describe_os_error(error: OSError, path: Path) -> Message:
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


def check_destination(path: str | os.PathLike, *, force: bool = False) -> Path:
    """The absolute destination path, refused (:class:`UserFacingError`) when its folder is
    missing or not writable, it is a folder, or it exists and ``force`` is false."""
    target = Path(path).expanduser().absolute()
    if target.is_dir():
        raise UserFacingError(QT_TRANSLATE_NOOP(
            "Core", "{path} is a folder; give a file name to export to.").format(path=str(target)))
    if target.exists() and not force:
        raise UserFacingError(QT_TRANSLATE_NOOP(
            "Core", "{path} already exists; choose another name or overwrite it (--force).")
            .format(path=str(target)))
    if not target.parent.is_dir():
        raise UserFacingError(QT_TRANSLATE_NOOP(
            "Core", "Cannot write {path}: the folder {folder} does not exist.").format(
                path=str(target), folder=str(target.parent)))
    if not os.access(target.parent, os.W_OK):
        raise UserFacingError(QT_TRANSLATE_NOOP(
            "Core", "Cannot write {path}: the folder {folder} is not writable.").format(
                path=str(target), folder=str(target.parent)))
    return target


class AtomicFile:
    """A file written under a temporary name and renamed to ``path`` by :meth:`commit`.

    Use as a context manager: leaving it without ``commit`` (an error, a cancel) removes the
    temporary file. The SHA-256 of everything written is kept as it goes.
    """

    def __init__(self, path: str | os.PathLike, *, force: bool = False) -> None:
        self.path = check_destination(path, force=force)
        self.force = force
        self.sha256 = hashlib.sha256()
        self.size = 0
        self._temporary: Path | None = None
        self._handle: BinaryIO | None = None

    def __enter__(self) -> AtomicFile:
        try:
            descriptor, name = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".part",
                                                dir=self.path.parent)
        except OSError as error:
            raise UserFacingError(_describe_os_error(error, self.path)) from error
        self._temporary = Path(name)
        self._handle = os.fdopen(descriptor, "wb")
        os.chmod(self._temporary, FILE_MODE)
        return self

    def write(self, data: bytes) -> None:
        assert self._handle is not None, "write() outside the with block"
        try:
            self._handle.write(data)
        except OSError as error:
            raise UserFacingError(_describe_os_error(error, self.path)) from error
        self.sha256.update(data)
        self.size += len(data)

    def commit(self) -> Path:
        """Flush, fsync and rename the file to its final name; returns that path."""
        assert self._handle is not None and self._temporary is not None
        try:
            self._handle.flush()
            os.fsync(self._handle.fileno())
            self._handle.close()
            self._handle = None
            if self.path.exists() and not self.force:
                raise UserFacingError(QT_TRANSLATE_NOOP(
                    "Core", "{path} appeared while exporting; nothing was overwritten.").format(
                        path=str(self.path)))
            os.replace(self._temporary, self.path)
        except OSError as error:
            raise UserFacingError(_describe_os_error(error, self.path)) from error
        self._temporary = None
        _fsync_folder(self.path.parent)
        return self.path

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        if self._temporary is not None:
            self._temporary.unlink(missing_ok=True)
            self._temporary = None


def _fsync_folder(folder: Path) -> None:
    """Make a rename durable where the platform allows syncing a folder (not on Windows)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
