"""Sniffing a source file: its format, compression, text encoding and CSV dialect.

Owns :class:`SourceFormat` (everything needed to read a file back the same way, JSON-able so it
can be saved in an import profile) and :func:`sniff`, which guesses each setting from the first
64 KiB and lets the caller override any of them. Also owns the guarded binary stream every text
reader uses: it hashes the bytes as they are read, counts them for progress, and refuses a "line"
that runs on for megabytes (a binary file or a runaway quote) before it can fill the memory.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import gzip
import hashlib
import io
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message

SAMPLE_BYTES = 64 * 1024
MAX_LINE_BYTES = 16 * 1024 * 1024
FORMATS = ("csv", "excel", "parquet", "json", "jsonl", "thingsboard")
DELIMITERS = (",", "\t", ";", "|")
_EXTENSIONS = {
    ".csv": "csv", ".tsv": "csv", ".tab": "csv", ".txt": "csv", ".psv": "csv", ".dat": "csv",
    ".xlsx": "excel", ".xlsm": "excel", ".parquet": "parquet", ".pq": "parquet",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
}
_CONTROL = bytes(range(0, 9)) + bytes(range(14, 27)) + bytes(range(28, 32))
_NUMBER = re.compile(r"^\s*[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?\s*$")
_COMMA_DECIMAL = re.compile(r"^[+-]?\d{1,3}(\.\d{3})*,\d+$|^[+-]?\d+,\d+$")
_DOT_DECIMAL = re.compile(r"^[+-]?\d+\.\d+$")
_THOUSANDS_DOT = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+,\d+$")
#: How each format is named on screen.
FORMAT_LABELS: dict[str, Message] = {
    "csv": QT_TRANSLATE_NOOP("Core", "delimited text (CSV)"),
    "excel": QT_TRANSLATE_NOOP("Core", "Excel workbook"),
    "parquet": QT_TRANSLATE_NOOP("Core", "Parquet"),
    "json": QT_TRANSLATE_NOOP("Core", "JSON array of records"),
    "jsonl": QT_TRANSLATE_NOOP("Core", "JSON lines"),
    "thingsboard": QT_TRANSLATE_NOOP("Core", "ThingsBoard telemetry export"),
}


@dataclass(frozen=True)
class SourceFormat:
    """How to read one source file; every field can be overridden through :func:`sniff`."""

    path: str
    format: str
    compression: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    quotechar: str = '"'
    header: bool = True
    decimal: str = "."
    thousands: str | None = None
    sheet: str | None = None
    device: str | None = None
    topic_field: str = "topic"
    topic_device_segment: int | None = None
    size: int = 0

    @property
    def name(self) -> str:
        return Path(self.path).name

    def options(self) -> dict[str, Any]:
        """The reading options as a JSON-able dict (recorded with each import and in profiles)."""
        options = dataclasses.asdict(self)
        for key in ("path", "size"):
            options.pop(key)
        return options


def sniff(path: str | os.PathLike, **overrides: Any) -> SourceFormat:
    """Guess how to read ``path``; any :class:`SourceFormat` field given in ``overrides`` wins."""
    path = Path(path)
    unknown = set(overrides) - {f.name for f in dataclasses.fields(SourceFormat)}
    if unknown:
        raise ValueError(f"unknown source options {sorted(unknown)}")
    overrides = {k: v for k, v in overrides.items() if v is not None}
    if not path.exists():
        raise InputError(QT_TRANSLATE_NOOP("Core", "the file does not exist."), file=str(path))
    if path.is_dir():
        raise InputError(QT_TRANSLATE_NOOP("Core", "this is a folder, not a file."),
                         file=str(path))
    size = path.stat().st_size
    if size == 0:
        raise InputError(QT_TRANSLATE_NOOP("Core", "the file is empty."), file=path.name)
    compression = overrides.get("compression", _compression(path))
    try:
        with open_binary(path, compression) as handle:
            sample = handle.read(SAMPLE_BYTES)
    except (OSError, EOFError, gzip.BadGzipFile) as error:
        raise InputError(QT_TRANSLATE_NOOP("Core", "cannot read the file: {error}").format(
            error=str(error)), file=path.name) from error
    if not sample:
        raise InputError(QT_TRANSLATE_NOOP("Core", "the file is empty."), file=path.name)
    fmt = overrides.get("format") or _format(path, compression, sample)
    if fmt not in FORMATS:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "unknown format {format!r}; expected one of {formats}.").format(
                format=fmt, formats=", ".join(FORMATS)))
    guessed: dict[str, Any] = {"path": str(path), "format": fmt, "compression": compression,
                               "size": size}
    if fmt in ("csv", "json", "jsonl", "thingsboard"):
        encoding = overrides.get("encoding") or detect_encoding(sample, path.name)
        guessed["encoding"] = _check_encoding(encoding)
        if fmt == "json" and "format" not in overrides:
            guessed["format"] = _json_flavour(sample, guessed["encoding"])
    if guessed["format"] == "csv":
        text = _decode_sample(sample, guessed["encoding"], complete=len(sample) < SAMPLE_BYTES)
        guessed.update(_dialect(text, path, overrides))
    if guessed["format"] == "thingsboard":
        guessed["device"] = overrides.get("device") or path.name.split(".")[0]
    return SourceFormat(**{**guessed, **overrides})


def detect_encoding(sample: bytes, name: str = "") -> str:
    """The text encoding of ``sample`` (BOM, UTF-16, UTF-8, GB18030, cp1252, else Latin-1)."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    half = len(sample) // 2
    if half >= 2:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > 0.3 * half and even < 0.05 * half:
            return "utf-16-le"
        if even > 0.3 * half and odd < 0.05 * half:
            return "utf-16-be"
    if sum(sample.count(b) for b in _CONTROL) > 0.05 * len(sample):
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "this is a binary file, not text or a table this app can read."),
            file=name or None)
    valid = _valid_prefix(sample, "utf-8")
    if valid == len(sample) or not sample[:valid].isascii():
        # Multi-byte UTF-8 does not happen by accident: a later undecodable stretch means
        # rows in another encoding, which are quarantined one by one.
        return "utf-8"
    runs = re.findall(rb"[\x80-\xff]+", sample)
    if runs and _decodes(sample, "gb18030"):
        even_runs = sum(1 for r in runs if len(r) % 2 == 0)
        if even_runs >= 0.9 * len(runs):
            return "gb18030"
    if re.search(rb"[\x80-\x9f]", sample) and _decodes(sample, "cp1252"):
        return "cp1252"
    return "latin-1"


def open_binary(path: str | os.PathLike, compression: str | None = None) -> BinaryIO:
    """The file's (decompressed) bytes."""
    if compression == "gzip":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


class GuardedFile(io.RawIOBase):
    """A read-only raw stream over the file's bytes that hashes and counts them as they pass.

    It refuses (with :class:`InputError`) a stretch of more than ``MAX_LINE_BYTES`` without a
    line break, so a binary file or a runaway quoted field cannot fill the memory.
    """

    def __init__(self, path: str | os.PathLike, name: str, max_line: int = MAX_LINE_BYTES) -> None:
        self._file = open(path, "rb")  # noqa: SIM115 - owned by this stream, closed in close()
        self._name = name
        self._max_line = max_line
        self.sha256 = hashlib.sha256()
        self.bytes_read = 0
        self.lines_seen = 0
        self._since_break = 0
        #: False once a byte that is not plain ASCII (or is NUL) has been read.
        self.plain_ascii = True

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._file.read(len(buffer))
        count = len(data)
        buffer[:count] = data
        self.sha256.update(data)
        self.bytes_read += count
        if self.plain_ascii and (not data.isascii() or b"\x00" in data):
            self.plain_ascii = False
        last = data.rfind(b"\n")
        if last < 0:
            self._since_break += count
        else:
            self.lines_seen += data.count(b"\n")
            self._since_break = count - last - 1
        if self._since_break > self._max_line:
            raise InputError(
                QT_TRANSLATE_NOOP(
                    "Core", "more than {megabytes} MB without a line break after line {line}: "
                    "this does not look like a text table (binary data, or an unclosed quote)."
                ).format(megabytes=self._max_line // (1024 * 1024), line=self.lines_seen + 1),
                file=self._name,
            )
        return count

    def close(self) -> None:
        self._file.close()
        super().close()


def _compression(path: Path) -> str | None:
    if path.suffix.lower() in (".gz", ".gzip"):
        return "gzip"
    with open(path, "rb") as handle:
        return "gzip" if handle.read(2) == b"\x1f\x8b" else None


def _format(path: Path, compression: str | None, sample: bytes) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if compression == "gzip" and suffixes and suffixes[-1] in (".gz", ".gzip"):
        suffixes = suffixes[:-1]
    if suffixes and suffixes[-1] in _EXTENSIONS:
        return _EXTENSIONS[suffixes[-1]]
    if sample.startswith(b"PK\x03\x04"):
        return "excel"
    if sample.startswith(b"PAR1"):
        return "parquet"
    stripped = sample.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] in (b"{", b"["):
        return "json"
    return "csv"


def _json_flavour(sample: bytes, encoding: str) -> str:
    """``json`` (array of records), ``jsonl`` (one object per line) or ``thingsboard``."""
    text = _decode_sample(sample, encoding, complete=False).lstrip()
    if text.startswith("["):
        return "json"
    first_line = text.split("\n", 1)[0].strip()
    try:
        json.loads(first_line)
        if "\n" in text.strip():
            return "jsonl"
    except ValueError:
        pass
    if re.match(r'\{\s*"[^"]+"\s*:\s*\[\s*\{\s*"ts"', text):
        return "thingsboard"
    return "jsonl" if first_line.endswith("}") else "json"


def _valid_prefix(sample: bytes, encoding: str) -> int:
    """How many leading bytes of ``sample`` decode (all of them if a character is cut short)."""
    try:
        codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
    except UnicodeDecodeError as error:
        return error.start
    return len(sample)


def _decodes(sample: bytes, encoding: str) -> bool:
    try:
        codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _check_encoding(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError as error:
        raise InputError(QT_TRANSLATE_NOOP("Core", "unknown text encoding {encoding!r}.").format(
            encoding=encoding)) from error


def _decode_sample(sample: bytes, encoding: str, complete: bool) -> str:
    text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(sample, final=False)
    if not complete and "\n" in text:
        text = text[: text.rfind("\n") + 1]
    return text


def _dialect(text: str, path: Path, overrides: dict[str, Any]) -> dict[str, Any]:
    lines = [line for line in text.splitlines() if line.strip()][:200]
    quotechar = overrides.get("quotechar", '"')
    delimiter = overrides.get("delimiter") or _delimiter(lines, quotechar, path)
    rows = list(csv.reader(lines, delimiter=delimiter, quotechar=quotechar))
    header = overrides.get("header")
    if header is None:
        header = bool(rows) and not any(_NUMBER.match(field) for field in rows[0] if field)
    body = [field.strip() for row in rows[1 if header else 0:] for field in row]
    comma = sum(1 for f in body if _COMMA_DECIMAL.match(f))
    dot = sum(1 for f in body if _DOT_DECIMAL.match(f))
    decimal = "," if delimiter != "," and comma and not dot else "."
    thousands = "." if decimal == "," and any(_THOUSANDS_DOT.match(f) for f in body) else None
    return {"delimiter": delimiter, "quotechar": quotechar, "header": header,
            "decimal": decimal, "thousands": thousands}


def _delimiter(lines: list[str], quotechar: str, path: Path) -> str:
    best, best_score = ",", (0.0, 0)
    preferred = "\t" if path.suffix.lower() in (".tsv", ".tab") else ","
    for delimiter in sorted(DELIMITERS, key=lambda d: d != preferred):
        counts = [len(r) for r in csv.reader(lines, delimiter=delimiter, quotechar=quotechar)]
        if not counts:
            continue
        mode = max(set(counts), key=counts.count)
        if mode < 2:
            continue
        score = (counts.count(mode) / len(counts), mode)
        if score > best_score:
            best, best_score = delimiter, score
    return best
