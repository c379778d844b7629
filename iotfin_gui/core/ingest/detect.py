"""Sniffing a source file: its format, compression, text encoding and CSV dialect.

Owns :class:`SourceFormat` (everything needed to read a file back the same way, JSON-able so it
can be saved in an import profile) and :func:`sniff`, which guesses each setting from the first
64 KiB and lets the caller override any of them. The format is decided by the bytes, not the
name: an ``.xls`` that is an HTML table, Excel 2003 XML or tab-separated text (as bank and ERP
systems send "Excel" files) is read as what it is; a text file laid out in aligned columns under
a rule of dashes is a fixed-width report. The encoding is chosen by :func:`guess_encoding`:
byte-order marks and UTF-16/UTF-8 checks first, then charset-normalizer restricted to the
encodings bank exports are written in, with its confidence and a flag when the decoded text
still looks garbled (mojibake), so such a file is never imported silently.

Also owns the limits on what a file may expand to and the guarded stream every text reader uses:
it hashes and counts the file's bytes as they are read, decompresses gzip itself, and refuses a
"line" that runs on for megabytes or a compressed file that expands past
:func:`expansion_limit`, both counted AFTER decompression, before either can fill the memory.
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
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.ingest.report_lines import info_line
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message
from iotfin_gui.core.store_files import check_input_path

SAMPLE_BYTES = 64 * 1024
#: The longest stretch without a line break a text file may hold (decompressed bytes).
MAX_LINE_BYTES = 16 * 1024 * 1024
#: A compressed file (.gz, or the zip inside .xlsx/.ods) may expand to this many times its size,
#: but always to at least :data:`EXPANSION_FLOOR` bytes: real exports compress 3-20x, bombs 1000x.
EXPANSION_RATIO = 100
EXPANSION_FLOOR = 64 * 1024 * 1024
FORMATS = ("csv", "excel", "parquet", "json", "jsonl", "thingsboard", "html", "excel_xml",
           "fixed_width")
#: The formats read as text in an encoding that detection finds.
TEXT_FORMATS = ("csv", "json", "jsonl", "thingsboard", "html", "fixed_width")
DELIMITERS = (",", "\t", ";", "|")
_EXTENSIONS = {
    ".csv": "csv", ".tsv": "csv", ".tab": "csv", ".txt": "csv", ".psv": "csv", ".dat": "csv",
    ".xlsx": "excel", ".xlsm": "excel", ".xls": "excel", ".xlsb": "excel", ".ods": "excel",
    ".parquet": "parquet", ".pq": "parquet", ".json": "json", ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
#: The encodings detection chooses among (UTF-16 and BOMs are recognised before): those bank and
#: ATM exports are written in. Windows supersets are preferred (cp932 for Shift-JIS, cp949 for
#: EUC-KR, GB18030 for GB2312/GBK).
CANDIDATE_ENCODINGS = ("utf_8", "gb18030", "big5", "cp950", "big5hkscs", "cp932", "euc_jp",
                       "cp949", "cp1252", "cp1250", "cp1251")
_SUPERSETS = {"shift_jis": "cp932", "euc_kr": "cp949", "gb2312": "gb18030", "gbk": "gb18030"}
#: Below this confidence a detected encoding is flagged for the user to confirm.
MIN_CONFIDENCE = 0.6
_SINGLE_BYTE = frozenset({"cp1252", "cp1250", "cp1251", "iso8859-1", "latin-1"})
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
    "html": QT_TRANSLATE_NOOP("Core", "HTML table (as some systems save .xls files)"),
    "excel_xml": QT_TRANSLATE_NOOP("Core", "Excel 2003 XML spreadsheet"),
    "fixed_width": QT_TRANSLATE_NOOP("Core", "fixed-width text report"),
}
#: The start of an HTML document or fragment (after comments), lower-cased.
_HTML_START = re.compile(rb"^(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|table|style|"
                         rb"title|div|tr)[\s>/]", re.DOTALL)
#: An Excel 2003 XML workbook: a Workbook element in the spreadsheet namespace.
_EXCEL_XML = re.compile(rb"<(?:\w+:)?workbook\b[^>]*urn:schemas-microsoft-com:office:spreadsheet",
                        re.DOTALL)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)


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
    #: The sheet row (from 1) that holds the column names; None: found by the Excel reader.
    header_row: int | None = None
    device: str | None = None
    topic_field: str = "topic"
    topic_device_segment: int | None = None
    #: Read a wide table (a column per device or per date) as long rows: ``devices_across``,
    #: ``dates_across`` or ``auto`` (see :mod:`~iotfin_gui.core.ingest.unpivot`).
    unpivot: str | None = None
    size: int = 0
    #: How sure the detection is of ``encoding`` (1.0 when the user chose it); not an option.
    encoding_confidence: float | None = None
    #: The text decoded with the detected ``encoding`` looks garbled; not an option.
    garbled: bool = False

    @property
    def name(self) -> str:
        return Path(self.path).name

    def options(self) -> dict[str, Any]:
        """The reading options as a JSON-able dict (recorded with each import and in profiles)."""
        options = dataclasses.asdict(self)
        for key in ("path", "size", "encoding_confidence", "garbled"):
            options.pop(key)
        return options


def sniff(path: str | os.PathLike, **overrides: Any) -> SourceFormat:
    """Guess how to read ``path``; any :class:`SourceFormat` field given in ``overrides`` wins."""
    path = Path(path)
    unknown = set(overrides) - {f.name for f in dataclasses.fields(SourceFormat)}
    if unknown:
        raise ValueError(f"unknown source options {sorted(unknown)}")
    overrides = {k: v for k, v in overrides.items()
                 if v is not None and k not in ("encoding_confidence", "garbled")}
    check_input_path(path)
    size = path.stat().st_size
    if size == 0:
        raise InputError(QT_TRANSLATE_NOOP("Core", "the file is empty."), file=path.name)
    compression = overrides.get("compression", _compression(path))
    if compression == "gzip" and _gzip_bomb(path, expansion_limit(size)):
        raise too_expanded(path.name, size, expansion_limit(size))
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
    if fmt in TEXT_FORMATS:
        if overrides.get("encoding"):
            guessed["encoding"] = _check_encoding(overrides["encoding"])
            guessed["encoding_confidence"] = 1.0
        else:
            guess = (_declared_charset(sample) if fmt == "html" else None) or \
                guess_encoding(sample, path.name)
            guessed.update(encoding=_check_encoding(guess.encoding),
                           encoding_confidence=guess.confidence, garbled=guess.garbled)
        if fmt == "json" and "format" not in overrides:
            guessed["format"] = _json_flavour(sample, guessed["encoding"])
    if guessed["format"] in ("csv", "fixed_width"):
        text = _decode_sample(sample, guessed["encoding"], complete=len(sample) < SAMPLE_BYTES)
        if "format" not in overrides and "delimiter" not in overrides and \
                _fixed_width(text, guessed["encoding"]):
            guessed["format"] = "fixed_width"
        if guessed["format"] == "csv":
            guessed.update(_dialect(text, path, overrides))
    if guessed["format"] == "thingsboard":
        guessed["device"] = overrides.get("device") or path.name.split(".")[0]
    return SourceFormat(**{**guessed, **overrides})


@dataclass(frozen=True)
class EncodingGuess:
    """The detected text encoding, how sure detection is (0-1) and whether the text decoded with
    it still looks garbled (then the user must confirm or choose the encoding)."""

    encoding: str
    confidence: float
    garbled: bool = False


def guess_encoding(sample: bytes, name: str = "") -> EncodingGuess:
    """The text encoding of ``sample``: BOM, UTF-16, UTF-8, else the best of
    :data:`CANDIDATE_ENCODINGS` by charset-normalizer, checked by our own rules."""
    if sample.startswith(codecs.BOM_UTF8):
        return EncodingGuess("utf-8-sig", 1.0)
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return EncodingGuess("utf-16", 1.0)
    half = len(sample) // 2
    if half >= 2:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > 0.3 * half and even < 0.05 * half:
            return EncodingGuess("utf-16-le", 0.95)
        if even > 0.3 * half and odd < 0.05 * half:
            return EncodingGuess("utf-16-be", 0.95)
    if sum(sample.count(b) for b in _CONTROL) > 0.05 * len(sample):
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "this is a binary file, not text or a table this app can read."),
            file=name or None)
    valid = _valid_prefix(sample, "utf-8")
    if valid == len(sample) or (2 * valid >= len(sample) and not sample[:valid].isascii()):
        # Much multi-byte UTF-8 does not happen by accident: a later undecodable stretch means
        # rows in another encoding, which are quarantined one by one. A little does: GB18030
        # text often starts with pairs of bytes that are valid UTF-8 (支 is D6 A7, UTF-8 for
        # U+05A7), so a short valid start proves nothing.
        text = sample[:valid].decode("utf-8", "ignore")
        return EncodingGuess("utf-8", 1.0, garbled=looks_garbled(text, "utf-8"))
    whole = sample[: sample.rfind(b"\n") + 1] or sample
    encoding, confidence = _normalizer_guess(whole)
    if encoding is None:
        return EncodingGuess("latin-1", 0.0, garbled=True)
    if encoding == "cp1252" and not re.search(rb"[\x80-\x9f]", whole):
        encoding = "latin-1"
    text = codecs.decode(whole, encoding, "replace")
    return EncodingGuess(encoding, confidence,
                         garbled=confidence < MIN_CONFIDENCE or looks_garbled(text, encoding))


def _normalizer_guess(sample: bytes) -> tuple[str | None, float]:
    """charset-normalizer's best candidate encoding for ``sample`` and its confidence, after our
    checks: among candidates that read the sample equally well (short samples), GB18030 comes
    first; Korean text without a single Hangul syllable is not Korean (Chinese decodes as Hanja
    in cp949); a Central European or Cyrillic code page that reads the sample exactly as cp1252
    does is cp1252."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(sample, cp_isolation=list(CANDIDATE_ENCODINGS)))
    if matches:
        best = (matches[0].chaos, -matches[0].coherence)
        tied = [m for m in matches if (m.chaos, -m.coherence) == best]
        matches.sort(key=lambda m: m not in tied or m.encoding != "gb18030")
    for match in matches:
        encoding = codecs.lookup(_SUPERSETS.get(match.encoding, match.encoding)).name
        text = str(match)
        if encoding == "cp949" and not _HANGUL.search(text):
            continue
        if encoding in ("cp1250", "cp1251") and _decodes(sample, "cp1252") \
                and sample.decode("cp1252") == text:
            encoding = "cp1252"
        return encoding, round(1.0 - match.chaos, 3)
    return None, 0.0


#: Mojibake of UTF-8 read as a Western single-byte encoding: "Ã©", "â€™", "Â ".
_UTF8_AS_WESTERN = re.compile("[ÂÃ][\u0080-\u00bf]|â€[\u0080-\u00bf™œ\u009d]")
_NON_ASCII_RUN = re.compile("[^\x00-\x7f]+")
_HANGUL = re.compile("[\uac00-\ud7a3]")


def looks_garbled(text: str, encoding: str) -> bool:
    """Whether ``text`` (decoded with ``encoding``) looks like mojibake: UTF-8 read as a Western
    code page, C1 control characters, replacement characters, or (for single-byte code pages)
    non-ASCII letters that come in runs, as CJK text read byte by byte does, rather than one at
    a time inside words, as accented Western text does."""
    if "\ufffd" in text or _UTF8_AS_WESTERN.search(text):
        return True
    if codecs.lookup(encoding).name not in _SINGLE_BYTE:
        return False
    if re.search("[\u0080-\u009f]", text):
        return True
    runs = _NON_ASCII_RUN.findall(text)
    letters = sum(len(run) for run in runs)
    return letters >= 8 and sum(len(run) for run in runs if len(run) >= 2) > 0.5 * letters


def open_binary(path: str | os.PathLike, compression: str | None = None) -> BinaryIO:
    """The file's (decompressed) bytes."""
    if compression == "gzip":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def expansion_limit(size: int) -> int:
    """How many bytes a compressed file of ``size`` bytes may expand to."""
    return max(EXPANSION_FLOOR, EXPANSION_RATIO * size)


def too_expanded(name: str, size: int, limit: int) -> InputError:
    """The error for a compressed file (``size`` bytes) that expands past ``limit`` bytes."""
    return InputError(QT_TRANSLATE_NOOP(
        "Core", "this {size} compressed file expands to more than {limit} (over {ratio} times "
        "its size): refused as a likely decompression bomb. Decompress it yourself if it is "
        "genuine.").format(size=_megabytes(size), limit=_megabytes(limit),
                           ratio=EXPANSION_RATIO), file=name)


def _megabytes(count: int) -> str:
    return f"{count / (1024 * 1024):,.1f} MB"


class GuardedFile(io.RawIOBase):
    """A read-only raw stream over the file's (decompressed) bytes that hashes and counts the
    file's bytes as they pass and bounds what comes out.

    ``sha256`` and ``bytes_read`` are of the file as stored (compressed, when it is); the limits
    apply to what comes out: more than ``max_line`` bytes without a line break, or a gzip file
    expanding past :func:`expansion_limit` of its size (or ``max_bytes`` given, whose error
    ``too_big`` is), are refused with :class:`InputError` before they can fill the memory.
    """

    def __init__(self, path: str | os.PathLike, name: str, max_line: int = MAX_LINE_BYTES,
                 compression: str | None = None, max_bytes: int | None = None,
                 too_big: InputError | None = None) -> None:
        self._file = open(path, "rb")  # noqa: SIM115 - owned by this stream, closed in close()
        self._name = name
        self._max_line = max_line
        self.sha256 = hashlib.sha256()
        self.bytes_read = 0
        #: Bytes handed out (after decompression).
        self.bytes_out = 0
        self.lines_seen = 0
        self._since_break = 0
        #: False once a byte that is not plain ASCII (or is NUL) has been read.
        self.plain_ascii = True
        self._inflate = zlib.decompressobj(wbits=31) if compression == "gzip" else None
        self._pending = b""
        #: The last gzip member read so far is complete (the file may end here).
        self._ended = False
        size = os.fstat(self._file.fileno()).st_size
        limits = [max_bytes] if max_bytes is not None else []
        if self._inflate is not None:
            limits.append(expansion_limit(size))
        self._max_bytes = min(limits) if limits else None
        self._too_big = too_big if max_bytes is not None and max_bytes == self._max_bytes \
            else too_expanded(name, size, self._max_bytes or 0)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._next(len(buffer))
        count = len(data)
        buffer[:count] = data
        self.bytes_out += count
        if self._max_bytes is not None and self.bytes_out > self._max_bytes:
            raise self._too_big
        if self.plain_ascii and (not data.isascii() or b"\x00" in data):
            self.plain_ascii = False
        last = data.rfind(b"\n")
        if last < 0:
            self._since_break += count
        else:
            self.lines_seen += count_newlines(data)
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

    def _read_file(self, size: int) -> bytes:
        data = self._file.read(size)
        self.sha256.update(data)
        self.bytes_read += len(data)
        return data

    def _next(self, size: int) -> bytes:
        """Up to ``size`` bytes of the file, inflated (never more at once: a bomb stays small)."""
        if self._inflate is None:
            return self._read_file(size)
        while True:
            if self._pending:
                out = self._inflate.decompress(self._pending, size)
                self._pending = self._inflate.unconsumed_tail
                if self._inflate.eof:
                    # Concatenated gzip members: the next one starts in the unused data.
                    self._pending = self._inflate.unused_data
                    self._inflate = zlib.decompressobj(wbits=31)
                    if not self._pending.strip(b"\x00"):
                        self._pending, self._ended = b"", True
                if out:
                    return out
                continue
            data = self._read_file(1 << 16)
            if not data:
                if not self._ended and self.bytes_read:
                    raise EOFError("compressed file ended before the end-of-stream marker "
                                   "was reached")
                return b""
            self._ended = False
            self._pending = data

    def close(self) -> None:
        self._file.close()
        super().close()


def count_newlines(data: bytes | bytearray) -> int:
    """How many ``\n`` bytes ``data`` holds (numpy compares a megabyte several times faster
    than ``bytes.count`` counts it)."""
    return int(np.count_nonzero(np.frombuffer(data, dtype=np.uint8) == 10))


def _gzip_bomb(path: Path, limit: int) -> bool:
    """Whether a gzip file is a bomb by a first look: its trailer states more than ``limit``
    bytes and its first 64 KiB inflate more than :data:`EXPANSION_RATIO` times (a file cut short
    states a random size; a smaller file cannot pass the limit's floor). The guarded stream
    counts the real bytes while reading."""
    with open(path, "rb") as handle:
        head = handle.read(SAMPLE_BYTES)
        handle.seek(max(os.fstat(handle.fileno()).st_size - 4, 0))
        stated = int.from_bytes(handle.read(4), "little")
    if stated <= limit:
        return False
    wanted = EXPANSION_RATIO * SAMPLE_BYTES
    try:
        return len(zlib.decompressobj(wbits=31).decompress(head, wanted)) >= wanted
    except zlib.error:
        return False


def _compression(path: Path) -> str | None:
    if path.suffix.lower() in (".gz", ".gzip"):
        return "gzip"
    with open(path, "rb") as handle:
        return "gzip" if handle.read(2) == b"\x1f\x8b" else None


def _format(path: Path, compression: str | None, sample: bytes) -> str:
    """The format the bytes show: a workbook (zip or OLE), Parquet, an HTML table or Excel 2003
    XML whatever the name says; among the text formats, the one the name says, else JSON or
    delimited text by the first character."""
    if sample.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
        return "excel"
    if sample.startswith(b"PAR1"):
        return "parquet"
    markup = _markup(sample)
    if markup is not None:
        return markup
    suffixes = [s.lower() for s in path.suffixes]
    if compression == "gzip" and suffixes and suffixes[-1] in (".gz", ".gzip"):
        suffixes = suffixes[:-1]
    named = _EXTENSIONS.get(suffixes[-1]) if suffixes else None
    if named in ("csv", "json", "jsonl"):
        return named
    stripped = sample.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] in (b"{", b"["):
        return "json"
    return "csv"


def _markup(sample: bytes) -> str | None:
    """``html`` or ``excel_xml`` when ``sample`` starts as an HTML document or an Excel 2003 XML
    workbook (in UTF-8, UTF-16 or an ASCII-compatible code page), else None."""
    head = sample[:4096]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (
            len(head) > 1 and 0 in head[:2]):
        encoding = "utf-16" if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) else \
            "utf-16-le" if head[1] == 0 else "utf-16-be"
        head = head[: len(head) // 2 * 2].decode(encoding, "ignore").encode("utf-8", "ignore")
    head = head.removeprefix(codecs.BOM_UTF8).lstrip().lower()
    if head.startswith(b"<") and _EXCEL_XML.search(head):
        return "excel_xml"
    if head.startswith(b"<?xml"):
        head = head[head.find(b"?>") + 2:].lstrip()  # XHTML
    return "html" if _HTML_START.match(head) else None


def _declared_charset(sample: bytes) -> EncodingGuess | None:
    """The encoding an HTML file declares (a byte-order mark, else ``<meta charset>``), when the
    sample decodes in it; None to detect it from the text."""
    if sample.startswith(codecs.BOM_UTF8):
        return EncodingGuess("utf-8-sig", 1.0)
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return EncodingGuess("utf-16", 1.0)
    found = _META_CHARSET.search(sample[:8192])
    if found is None:
        return None
    try:
        encoding = codecs.lookup(found.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    encoding = codecs.lookup(_SUPERSETS.get(encoding, encoding)).name
    if encoding.startswith("utf_16") or not _decodes(sample, encoding):
        return None
    return EncodingGuess(encoding, 1.0)


def _fixed_width(text: str, encoding: str) -> bool:
    """Whether the text is a fixed-width report: a rule of two or more runs of dashes under a
    line of column names (see :mod:`~iotfin_gui.core.ingest.fixed_width`)."""
    from iotfin_gui.core.ingest.fixed_width import find_layout

    return find_layout(text.split("\n")[:400], encoding) is not None


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
        header = bool(rows) and (info_line(rows[0]) or not any(
            _NUMBER.match(field) for field in rows[0] if field))
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
