"""Readers: turn a source file into a stream of raw chunks of rows, whatever its format.

Each reader yields :class:`RawChunk` objects: the values of up to ``chunk_rows`` rows column by
column (texts as read, as Arrow string arrays from the CSV fast path, or typed arrays for
Parquet), the physical line (CSV, JSON lines), sheet
row (Excel) or record number (JSON, Parquet, ThingsBoard) of each row, and the rows that could not
even be split into fields (wrong field count, undecodable bytes, broken JSON) as :class:`Reject`.
Text is read through :class:`~iotfin_gui.core.ingest.detect.GuardedFile`, so memory stays
bounded by the chunk size and the file's SHA-256 is computed from the very bytes imported.

The readers of HTML tables, Excel 2003 XML and fixed-width reports live in modules of their own
(``html_tables``, ``excel_xml``, ``fixed_width``), picked by :func:`open_reader`.

Also owns the limits on what a file may expand to once read (JSON nesting depth, the number of
columns; workbooks: :mod:`~iotfin_gui.core.ingest.workbook_guards`) and the header names
(:func:`unique_names`): blanks named, repeats and names SQLite reserves for the row id renamed,
each rename noted in the reader's warnings.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import dataclasses
import datetime as dt
import gzip
import io
import itertools
import json
import math
import re
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.ingest.detect import (
    GuardedFile,
    SourceFormat,
    count_newlines,
)
from iotfin_gui.core.ingest.report_lines import (
    PageRepeats,
    info_line,
    joined_header,
    report_rows,
)
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message

#: Whole-document JSON (an array of records, a ThingsBoard export) is parsed in memory; the
#: limit counts the document's bytes after decompression.
MAX_JSON_DOCUMENT_BYTES = 512 * 1024 * 1024
#: Records nested deeper than this are set aside (flattening makes a column per leaf).
MAX_JSON_DEPTH = 64
#: SQLite's default limit on the columns of a table.
MAX_COLUMNS = 2000
#: Column names SQLite keeps for a table's row id: a column so named would hide it.
RESERVED_NAMES = frozenset({"rowid", "oid", "_rowid_"})
RAW_LIMIT = 1000
_SCHEMA_SAMPLE = 1000
_SUSPECT = re.compile("[\x00\udc80-\udcff]")

csv.field_size_limit(16 * 1024 * 1024)


@dataclass(frozen=True)
class Reject:
    """A row (or one cell of it) that cannot be imported, and why (``reason`` is a
    :class:`~iotfin_gui.core.messages.Message`, so the UI can show it translated)."""

    line: int | None
    column: str | None
    raw: str | None
    reason: Message


@dataclass
class RawChunk:
    """Up to ``chunk_rows`` rows as read: ``columns`` maps each column to its values."""

    columns: dict[str, Sequence[Any]]
    lines: np.ndarray
    rejects: list[Reject] = field(default_factory=list)
    fraction: float | None = None
    bytes_read: int = 0

    def __len__(self) -> int:
        return len(self.lines)

    def plain(self) -> RawChunk:
        """This chunk with its Arrow string arrays (CSV fast path) as lists of strings."""
        columns = {name: values.to_pylist() if isinstance(values, pa.Array) else values
                   for name, values in self.columns.items()}
        return dataclasses.replace(self, columns=columns)


class SourceReader:
    """Base of the readers: ``columns`` is known once opened; iterate :meth:`chunks` once."""

    columns: list[str]

    def __init__(self, fmt: SourceFormat, chunk_rows: int) -> None:
        self.fmt = fmt
        self.chunk_rows = chunk_rows
        self.warnings: list[Message] = []
        #: The sheets a workbook offers (empty for other formats).
        self.sheets: list[str] = []
        self._guard: GuardedFile | None = None

    @property
    def sha256(self) -> str | None:
        """The hash of every byte read so far (None for formats read by a library)."""
        return self._guard.sha256.hexdigest() if self._guard else None

    @property
    def bytes_read(self) -> int:
        return self._guard.bytes_read if self._guard else 0

    def fraction(self) -> float | None:
        return min(self.bytes_read / self.fmt.size, 1.0) if self.fmt.size and self._guard else None

    def chunks(self) -> Iterator[RawChunk]:
        raise NotImplementedError

    def close(self) -> None:
        if self._guard is not None:
            self._guard.close()

    def __enter__(self) -> SourceReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _text(self, **limits: Any) -> io.TextIOWrapper:
        guard = GuardedFile(self.fmt.path, self.fmt.name, compression=self.fmt.compression,
                            **limits)
        self._guard = guard
        return io.TextIOWrapper(io.BufferedReader(guard, 1 << 20),
                                encoding=self.fmt.encoding or "utf-8",
                                errors="surrogateescape", newline="")

    def _set_columns(self, names: Sequence[Any]) -> None:
        """The header's names made usable as columns; renames are noted in the warnings."""
        check_width(len(names), self.fmt.name)
        self.columns = unique_names(names)
        self.warnings.extend(renamed_columns(names, self.columns))

    def _make_chunk(self, rows: list[Sequence[Any]], lines: list[int],
                    rejects: list[Reject]) -> RawChunk:
        columns = list(zip(*rows, strict=False)) if rows else [() for _ in self.columns]
        return RawChunk(dict(zip(self.columns, columns, strict=False)),
                        np.asarray(lines, dtype=np.int64), rejects, self.fraction(),
                        self.bytes_read)


def open_reader(fmt: SourceFormat, chunk_rows: int = 50_000) -> SourceReader:
    """A reader for ``fmt``; raises :class:`InputError` when the file has no usable header."""
    from iotfin_gui.core.ingest.excel_xml import ExcelXmlReader
    from iotfin_gui.core.ingest.fixed_width import FixedWidthReader
    from iotfin_gui.core.ingest.html_tables import HtmlTableReader
    from iotfin_gui.core.ingest.workbooks import ExcelReader

    readers = {"csv": CsvReader, "excel": ExcelReader, "parquet": ParquetReader,
               "json": JsonReader, "jsonl": JsonLinesReader, "thingsboard": ThingsBoardReader,
               "html": HtmlTableReader, "excel_xml": ExcelXmlReader,
               "fixed_width": FixedWidthReader}
    reader = readers[fmt.format](fmt, chunk_rows)
    try:
        reader.open()
    except BaseException:
        reader.close()
        raise
    if fmt.unpivot:
        from iotfin_gui.core.ingest.unpivot import UnpivotReader

        return UnpivotReader(reader)  # type: ignore[return-value]
    return reader


def printable(raw: str, limit: int = RAW_LIMIT) -> str:
    """``raw`` safe to store and show: undecodable bytes as ``\\xNN``, NUL as ``\\x00``."""
    text = _SUSPECT.sub(lambda m: f"\\x{ord(m.group()) & 0xFF:02x}", raw)
    return text if len(text) <= limit else text[:limit] + "…"


def set_aside_report_rows(chunk: RawChunk, joiner: str,
                          repeats: PageRepeats | None = None) -> RawChunk:
    """``chunk`` without its totals rows, note lines, page footers and the lines ``repeats``
    names (:func:`report_rows`), which join its rejects, each with its cells joined by
    ``joiner`` as its raw text (a cell holding the joiner quoted, as a CSV writes it:
    ``"32,500.50"``)."""
    found = report_rows(list(chunk.columns.values()), repeats)
    if not found:
        return chunk
    keep = np.ones(len(chunk), dtype=bool)
    keep[list(found)] = False
    rejects = list(chunk.rejects)
    for position, reason in found.items():
        cells = [values[position] for values in chunk.columns.values()]
        cells = [c.as_py() if isinstance(c, pa.Scalar) else c for c in cells]
        text = joiner.join(_quoted("" if c is None else str(c), joiner) for c in cells)
        rejects.append(Reject(int(chunk.lines[position]), None, printable(text), reason))
    rejects.sort(key=lambda r: r.line or 0)
    mask = pa.array(keep)
    columns = {name: values.filter(mask) if isinstance(values, pa.Array)
               else [v for v, k in zip(values, keep, strict=True) if k]
               for name, values in chunk.columns.items()}
    return dataclasses.replace(chunk, columns=columns, lines=chunk.lines[keep], rejects=rejects)


#: A cell written as Excel's text formula ``="00123"``, which bank CSVs use to keep leading
#: zeros and long account numbers from being turned into numbers when opened in Excel.
_TEXT_FORMULA = re.compile(r'="(.*)"', re.DOTALL)


def _unwrapped_text_formulas(chunk: RawChunk, arrow: bool) -> RawChunk:
    """``chunk`` with each ``="text"`` cell as the text it shows (``00123``), so an account
    number reads as the digits written (text, leading zeros kept), not with ``="`` around.
    Arrow columns (the fast path) are looked at only if ``arrow``: with ``"`` as the quote
    character, a block holding one never takes the fast path."""
    columns = dict(chunk.columns)
    for name, values in chunk.columns.items():
        if isinstance(values, pa.Array):
            if arrow and pc.any(pc.starts_with(values, '="')).as_py():
                columns[name] = pc.replace_substring_regex(values, '^="(.*)"$', "\\1")
        elif any(type(v) is str and v.startswith('="') for v in values):
            columns[name] = [m.group(1).replace('""', '"')
                             if type(v) is str and (m := _TEXT_FORMULA.fullmatch(v)) else v
                             for v in values]
    return dataclasses.replace(chunk, columns=columns)


def _quoted(cell: str, joiner: str) -> str:
    if (joiner.strip() or joiner) in cell or '"' in cell:
        return '"' + cell.replace('"', '""') + '"'
    return cell


def two_row_header(line: int, names: Sequence[str | None], below: int | None = None) -> Message:
    """The note that the header was read from two rows, ``line`` and the next (``below``)."""
    example = next((n for n in names if n and " " in n), "")
    return QT_TRANSLATE_NOOP(
        "Core", "the column names are on two lines, {line} and {next}: a name under a group "
        "was joined to the group's name, e.g. {example!r}.").format(
            line=line, next=below if below is not None else line + 1, example=example)


def unique_names(names: Iterable[Any]) -> list[str]:
    """Header names made usable: stripped, blanks named ``column_N``; a repeat (ignoring case, as
    SQLite compares column names) or a name SQLite reserves for the row id is numbered."""
    result: list[str] = []
    seen: set[bytes] = {folded_name(name) for name in RESERVED_NAMES}
    for index, name in enumerate(names, start=1):
        text = _header_text(name) or f"column_{index}"
        candidate, suffix = text, 2
        while folded_name(candidate) in seen:
            candidate, suffix = f"{text}_{suffix}", suffix + 1
        seen.add(folded_name(candidate))
        result.append(candidate)
    return result


def renamed_columns(names: Sequence[Any], columns: Sequence[str]) -> list[Message]:
    """A note for each header name of ``names`` that :func:`unique_names` had to change."""
    notes: list[Message] = []
    for name, column in zip(names, columns, strict=True):
        text = _header_text(name)
        if not text or text == column:
            continue
        if folded_name(text) in {folded_name(r) for r in RESERVED_NAMES}:
            notes.append(QT_TRANSLATE_NOOP(
                "Core", "column {name!r} was renamed {column!r}: SQLite reserves that name for "
                "its row numbers.").format(name=text, column=column))
        else:
            notes.append(QT_TRANSLATE_NOOP(
                "Core", "column {name!r} was renamed {column!r}: another column has the same "
                "name (names are compared ignoring case).").format(name=text, column=column))
    return notes


def check_width(count: int, name: str) -> None:
    """Refuse a table of more than :data:`MAX_COLUMNS` columns (SQLite cannot store it)."""
    if count > MAX_COLUMNS:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "the file has {count:,} columns; at most {limit:,} can be imported into one "
            "dataset. Split the file or leave columns out before importing.").format(
                count=count, limit=MAX_COLUMNS), file=name)


def _header_text(name: Any) -> str:
    return "" if name is None else str(name).strip()


def folded_name(name: str) -> bytes:
    """``name`` as SQLite compares column names: ASCII letters without case."""
    return name.encode("utf-8", "surrogatepass").lower()


#: Encodings (Python codec names) in which the bytes of "\n" and "\r" are never part of another
#: character, so the file can be cut into lines before it is decoded.
LINE_SAFE_ENCODINGS = frozenset({
    "utf-8", "utf-8-sig", "ascii", "gb18030", "gbk", "gb2312", "big5", "big5hkscs", "cp950",
    "cp932",
    "shift_jis", "euc_jp", "euc_kr", "cp949", "koi8-r", "iso8859-1", "iso8859-2",
    "iso8859-15", "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256",
    "cp1257", "cp1258",
})
_READ_BYTES = 1 << 20


class _Lines:
    """A file's bytes handed out as whole lines (cut after ``\n``), read 1 MiB at a time."""

    def __init__(self, binary: Any, skip_bom: bool) -> None:
        self._binary = binary
        self._buffer = bytearray()
        self._newlines = 0
        self._eof = False
        self._skip_bom = skip_bom

    def take(self, count: int) -> tuple[bytes, int]:
        """Up to ``count`` whole lines (at the end of the file also the last, unended one) and
        how many line breaks they hold."""
        # Where the last piece read starts in the buffer, and the line breaks before it.
        last = before = 0
        while self._newlines < count and not self._eof:
            piece = self._binary.read(_READ_BYTES)
            if self._skip_bom:
                piece = piece.removeprefix(b"\xef\xbb\xbf")
                self._skip_bom = False
            if not piece:
                self._eof = True
            last, before = len(self._buffer), self._newlines
            self._buffer += piece
            self._newlines += count_newlines(piece)
        if self._newlines > count:
            # The count-th line break is in the last piece read (or, if none was read, in
            # what was left over): only that part is searched.
            with memoryview(self._buffer) as view:
                end = last + int(_newline_positions(view[last:])[count - 1 - before]) + 1
        else:
            end = len(self._buffer) if self._eof else self._buffer.rfind(b"\n") + 1
        with memoryview(self._buffer) as view:
            block = bytes(view[:end])
        del self._buffer[:end]
        newlines = min(count, self._newlines)
        self._newlines -= newlines
        return block, newlines


def _newline_positions(data: bytes | bytearray | memoryview) -> np.ndarray:
    return np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 10)


class _LineFeed:
    """The lines the :mod:`csv` module reads: a block's lines, then more one by one on demand.

    ``count`` is the number of physical lines handed out so far (or skipped by the fast path),
    so the line a record starts on is ``count + 1`` before it is read. Lines are split as
    ``newline=""`` text files split them (``\r\n``, ``\r`` or ``\n``, kept in the line).
    """

    def __init__(self, more: Any) -> None:
        self._more = more
        self._pending: list[str] = []
        self._next = 0
        self.count = 0

    def load(self, lines: list[str]) -> None:
        self._pending, self._next = lines, 0

    @property
    def pending(self) -> int:
        return len(self._pending) - self._next

    @property
    def handed(self) -> int:
        """How many lines of the loaded ones were handed out."""
        return self._next

    def last(self, count: int) -> list[str]:
        """The last ``count`` lines handed out (at most :attr:`handed`)."""
        return self._pending[self._next - count:self._next]

    def __iter__(self) -> _LineFeed:
        return self

    def __next__(self) -> str:
        if not self.pending:
            self.load(self._more())
            if not self._pending:
                raise StopIteration
        line = self._pending[self._next]
        self._next += 1
        self.count += 1
        return line


class _PaddedQuotes:
    """Reads again a record :mod:`csv` refused only because a quoted field is padded with
    spaces before the delimiter (``"还款"   ,``, as fixed-width minded exports write): the
    padding is outside the quotes, so the value is clearly the quoted text. Any other text
    after a closing quote is still an error. (The reader skips spaces before a quoted field.)"""

    def __init__(self, feed: _LineFeed, delimiter: str, quote: str) -> None:
        self._feed = feed
        d, q = re.escape(delimiter), re.escape(quote)
        self._quoted = re.compile(f"[ \t]*{q}((?:[^{q}]|{q}{q})*){q}[ \t]*({d}|\\Z)", re.DOTALL)
        self._plain = re.compile(f"[^{d}{q}\r\n]*({d}|\\Z)")
        self._quote = quote

    def record(self, start: int, error: csv.Error) -> list[str] | None:
        """The fields of the record that starts on line ``start`` and that :mod:`csv` refused
        with ``error`` (its lines are the last the feed handed out), or None."""
        feed = self._feed
        taken = feed.count - start + 1
        if "expected after" not in str(error) or not 0 < taken <= feed.handed:
            return None
        return self._padded("".join(feed.last(taken)))

    def _padded(self, text: str) -> list[str] | None:
        """The fields of one record's ``text``, or None when it is not one record of quoted
        (maybe padded) and plain fields."""
        text = text.removesuffix("\n").removesuffix("\r")
        fields: list[str] = []
        position = 0
        while True:
            quoted = self._quoted.match(text, position)
            match = quoted or self._plain.match(text, position)
            if match is None:
                return None
            fields.append(quoted.group(1).replace(self._quote * 2, self._quote) if quoted
                          else match.group()[: len(match.group()) - len(match.group(1))])
            position = match.end()
            if not match.group(1):
                return fields if position == len(text) else None


def _split_lines(text: str) -> list[str]:
    return io.StringIO(text, newline="").readlines()


#: How many rows at the top of a sheet or text table are searched for the header row.
HEADER_SEARCH_ROWS = 30
#: What a rule line drawn under a table is made of (ASCII and box-drawing dashes, ``=``, ``_``,
#: ``*``, ``~`` and spaces).
_RULE_MARKS = "-=_*~—─━ \t"

_NUMERIC_TEXT = re.compile(r"^\s*[-+(]?[\d.,\s%]+\)?\s*$")


def _is_label(value: Any) -> bool:
    return isinstance(value, str) and not _NUMERIC_TEXT.match(value)


def find_header_row(rows: Sequence[Sequence[Any]]) -> int | None:
    """The index in ``rows`` (the top of a sheet, empty cells None) of the header row, or None
    when the sheet has none.

    The header is the first row that fills at least 60% as many cells as the widest row and
    holds mostly labels (text that is not a number): title rows (one cell, merged across or
    not), blank rows, short "Account: ..." lines and any line with a label ending in a colon
    (:func:`info_line`) above it are passed over. A sheet whose top
    rows hold no such row (numbers and dates only) has no header.
    """
    counts = [0 if info_line(row) else sum(v is not None for v in row) for row in rows]
    widest = max(counts, default=0)
    if widest == 0:
        return None
    needed = max(1, math.ceil(0.6 * widest)) if widest > 1 else 1
    for index, row in enumerate(rows):
        if counts[index] >= needed and 2 * sum(map(_is_label, row)) >= counts[index]:
            return index
    return None


class CsvReader(SourceReader):
    """Delimited text: exact physical line numbers, quoted newlines, every malformed row explained.

    Where the encoding allows cutting the bytes into lines first (:data:`LINE_SAFE_ENCODINGS`),
    the file is read in blocks of ``chunk_rows`` lines. A block without quote characters, NUL
    bytes, lone carriage returns or undecodable bytes is split by ``pyarrow.csv`` (one record per
    non-empty line, so line numbers stay exact) and its columns stay Arrow string arrays; any
    other block, or one with a row of the wrong width, is read by :mod:`csv` exactly as the
    whole file is for other encodings (a quoted field may then run on past the block's end).
    Both give the same rows, lines and rejects. A header on two rows is joined, and totals
    rows, note lines, page footers and a heading or header repeated on a new page are set aside
    (:mod:`~iotfin_gui.core.ingest.report_lines`). A table drawn with ``|`` at both ends of its
    lines has no column before the first ``|``; a quoted field padded before the delimiter
    reads as its text (:class:`_PaddedQuotes`).
    """

    def open(self) -> None:
        fmt = self.fmt
        self._delimiter, self._quote = fmt.delimiter or ",", fmt.quotechar or '"'
        encoding = codecs.lookup(fmt.encoding or "utf-8").name
        self._lines: _Lines | None = None
        if encoding in LINE_SAFE_ENCODINGS:
            self._text_encoding = "utf-8" if encoding == "utf-8-sig" else encoding
            self._stream = self._binary()
            self._lines = _Lines(self._stream, skip_bom=encoding == "utf-8-sig")
            self._feed = _LineFeed(lambda: _split_lines(self._decode(self._lines.take(1)[0])))
        else:
            stream = self._stream = self._text()
            self._feed = _LineFeed(lambda: [line] if (line := stream.readline()) else [])
        self._reader = csv.reader(self._feed, delimiter=self._delimiter, quotechar=self._quote,
                                  strict=True, skipinitialspace=True)
        self._padded = _PaddedQuotes(self._feed, self._delimiter, self._quote)
        first = self._next_record()
        if first is None:
            raise InputError(QT_TRANSLATE_NOOP("Core", "the file has no rows."), file=fmt.name)
        line, row = first
        if _SUSPECT.search("".join(row)):
            raise InputError(QT_TRANSLATE_NOOP(
                "Core", "the first row cannot be read as {encoding}; choose the file's encoding "
                "(e.g. GB18030 for Chinese Windows exports).").format(encoding=fmt.encoding),
                file=fmt.name, row=line)
        #: Records read while looking for the header, to be yielded first: (line, row) or a
        #: Reject for a record that could not be split.
        self._pending: list[tuple[int, list[str]] | Reject] = []
        #: The rows above the header (a title, notes), which a report repeats on each page.
        self._above: list[list[str]] = []
        self._repeats: PageRepeats | None = None
        #: Every line starts with ``|`` (a table drawn with pipes): the empty field before it
        #: is no column.
        self._border = False
        if fmt.header:
            self._pending = self._header_search(first)
            line, row = self._pending.pop(0)  # type: ignore[misc]
            row = self._joined_header(line, row)
            while len(row) > 1 and not row[-1].strip():
                row = row[:-1]  # a trailing delimiter (Alipay, Chase) names no column
            self._border = self._delimiter == "|" and len(row) > 2 and not row[0].strip()
            self._set_columns(row)
            self._repeats = PageRepeats(row, self._above)
            if line > first[0]:
                self.warnings.append(QT_TRANSLATE_NOOP(
                    "Core", "the column names are on line {line}; the {count} line(s) above them "
                    "(a title, notes) were not imported.").format(line=line, count=line - 1))
                self.fmt = dataclasses.replace(fmt, header_row=line)
        else:
            check_width(len(row), fmt.name)
            self.columns = [f"column_{i}" for i in range(1, len(row) + 1)]
            self._pending = [first]
        #: The fields of a line: the columns, after the border's empty field if it has one.
        self._fields = list(self.columns)
        if self._border:
            self.columns = self.columns[1:]
        self._width_reasons: dict[int, Message] = {}
        #: The line of the rule (a line of dashes) that closed the table, once one has.
        self._rule: int | None = None
        fast = self._lines is not None and self._delimiter.isascii() and self._quote.isascii()
        self._arrow = _ArrowSplitter(self._fields, self._delimiter) if fast else None

    def _joined_header(self, line: int, row: list[str]) -> list[str]:
        """The header ``row`` (on ``line``), joined with the next record when that is a second
        header row (:func:`joined_header`), which is then not read as data. Only a header
        with an empty cell (over a group's second column) can be one: other files are not read
        ahead, so their first block takes the fast path."""
        if all(v.strip() for v in row):
            return row
        if not self._pending:
            start = self._feed.count + 1
            try:
                record = self._read()
            except StopIteration:
                return row
            except csv.Error as error:
                self._pending.append(Reject(start, None, None, _csv_reason(error, start)))
                return row
            if not record:
                return row
            self._pending.append((start, record))
        below = self._pending[0]
        if isinstance(below, Reject):
            return row
        joined = joined_header([v if v.strip() else None for v in row],
                               [v if v.strip() else None for v in below[1]])
        if joined is None:
            return row
        self._pending.pop(0)
        self.warnings.append(two_row_header(line, joined, below[0]))
        return [name or "" for name in joined]

    def _header_search(self, first: tuple[int, list[str]]
                       ) -> list[tuple[int, list[str]] | Reject]:
        """The records from the header on: the header is on line ``header_row`` if given,
        else the first of the top records that :func:`find_header_row` takes for one, past
        title and note lines (WeChat Pay and Alipay exports start with a dozen); the first
        record when none is. Only a first record of at most one value (a title) or with a
        label ending in a colon (``账号:,6222…``, :func:`info_line`) starts a search, so an
        ordinary file's first record is its header, read as before."""
        top: list[tuple[int, list[str]] | Reject] = [first]
        wanted = self.fmt.header_row
        if (wanted is None and sum(1 for v in first[1] if v.strip()) > 1
                and not info_line(first[1])) or wanted == first[0]:
            return top
        while len(top) < HEADER_SEARCH_ROWS and (wanted is None or self._feed.count < wanted):
            start = self._feed.count + 1
            try:
                record = self._read()
            except StopIteration:
                break
            except csv.Error as error:
                top.append(Reject(start, None, None, _csv_reason(error, start)))
                continue
            if record:
                top.append((start, record))
        records = [(i, item) for i, item in enumerate(top) if not isinstance(item, Reject)]
        start = self._header_start(top, records, wanted)
        self._above = [item[1] for item in top[:start] if not isinstance(item, Reject)]
        return top[start:]

    def _header_start(self, top: list[tuple[int, list[str]] | Reject],
                      records: list[tuple[int, tuple[int, list[str]]]],
                      wanted: int | None) -> int:
        """The index in ``top`` of the header record (see :meth:`_header_search`)."""
        if wanted is not None:
            index = next((i for i, (line, _) in records if line == wanted), None)
            if index is None:
                raise InputError(QT_TRANSLATE_NOOP(
                    "Core", "line {row} is not among the first {count} records of the file; it "
                    "cannot be the header row.").format(row=wanted, count=HEADER_SEARCH_ROWS),
                    file=self.fmt.name)
            return index
        rows = [[v if v.strip() else None for v in row] for _, (_, row) in records]
        found = find_header_row(rows)
        if found and joined_header(rows[found - 1], rows[found]) is not None:
            found -= 1  # the names found are the second row of a two-row header
        return records[found][0] if found else 0

    def _binary(self) -> Any:
        guard = GuardedFile(self.fmt.path, self.fmt.name, compression=self.fmt.compression)
        self._guard = guard
        return io.BufferedReader(guard, _READ_BYTES)

    def _decode(self, block: bytes) -> str:
        return block.decode(self._text_encoding, "surrogateescape")

    def _read(self) -> list[str]:
        """The next record, a quoted field padded before the delimiter read as its text
        (:class:`_PaddedQuotes`); raises as the :mod:`csv` reader does."""
        start = self._feed.count + 1
        try:
            return next(self._reader)
        except csv.Error as error:
            row = self._padded.record(start, error)
            if row is None:
                raise
            return row

    def _next_record(self) -> tuple[int, list[str]] | None:
        while True:
            start = self._feed.count + 1
            try:
                row = self._read()
            except StopIteration:
                return None
            except csv.Error as error:
                raise InputError(QT_TRANSLATE_NOOP(
                    "Core", "the first row cannot be read: {error}.").format(error=str(error)),
                    file=self.fmt.name, row=start) from error
            except (EOFError, zlib.error, gzip.BadGzipFile) as error:
                raise InputError(QT_TRANSLATE_NOOP(
                    "Core", "the compressed file is damaged: {error}.").format(error=str(error)),
                    file=self.fmt.name) from error
            if row:
                return start, row

    def chunks(self) -> Iterator[RawChunk]:
        for chunk in self._split_chunks():
            if self._border:
                chunk = self._without_border(chunk)
            chunk = _unwrapped_text_formulas(chunk, arrow=self._quote != '"')
            yield set_aside_report_rows(chunk, self._delimiter, self._repeats)

    def _without_border(self, chunk: RawChunk) -> RawChunk:
        """``chunk`` without the empty field before a line's first ``|``; a row with text
        there is set aside (its values would sit one column off)."""
        border = self._fields[0]
        values = chunk.columns[border]
        texts = values if isinstance(values, pa.Array) else pa.array(values, type=pa.string())
        text = pc.greater(pc.utf8_length(pc.utf8_trim_whitespace(texts)), 0).to_numpy(
            zero_copy_only=False)
        columns = {name: v for name, v in chunk.columns.items() if name != border}
        if not text.any():
            return dataclasses.replace(chunk, columns=columns)
        rejects = list(chunk.rejects)
        for position in np.flatnonzero(text):
            cells = [values[position] for values in chunk.columns.values()]
            cells = [c.as_py() if isinstance(c, pa.Scalar) else c for c in cells]
            rejects.append(Reject(int(chunk.lines[position]), None, printable(
                self._delimiter.join(cells)), QT_TRANSLATE_NOOP(
                    "Core", "text before the first | of the line, where the other lines start "
                    "with |: its values would be one column off")))
        rejects.sort(key=lambda r: r.line or 0)
        mask = pa.array(~text)
        columns = {name: v.filter(mask) if isinstance(v, pa.Array)
                   else [c for c, k in zip(v, ~text, strict=True) if k]
                   for name, v in columns.items()}
        return dataclasses.replace(chunk, columns=columns, lines=chunk.lines[~text],
                                   rejects=rejects)

    def _split_chunks(self) -> Iterator[RawChunk]:
        size, feed = self.chunk_rows, self._feed
        rows: list[list[str]] = []
        lines: list[int] = []
        rejects: list[Reject] = []
        for item in self._pending:
            if isinstance(item, Reject):
                rejects.append(item)
            else:
                self._keep(item[0], item[1], rows, lines, rejects)
        self._pending = []
        if len(rows) >= size:
            yield self._checked_chunk(rows, lines, rejects)
            rows, lines, rejects = [], [], []
        topping_up = bool(rows)
        try:
            while True:
                if self._lines is not None and not feed.pending:
                    # Records read before (the header search) are topped up to a whole chunk
                    # by the csv module, then the fast path takes the rest.
                    block, newlines = self._lines.take(size - len(rows) if topping_up else size)
                    if not block:
                        break
                    total = newlines + (not block.endswith(b"\n"))
                    fast = None if topping_up else self._fast_chunk(block, total, feed.count + 1)
                    topping_up = False
                    if fast is not None:
                        if rows or rejects:
                            yield self._checked_chunk(rows, lines, rejects)
                            rows, lines, rejects = [], [], []
                        feed.count += total
                        if len(fast):
                            yield fast
                        continue
                    feed.load(_split_lines(self._decode(block)))
                for start, row, error in self._records(whole_file=self._lines is None):
                    if error is not None:
                        rejects.append(Reject(start, None, None, _csv_reason(error, start)))
                    elif row:
                        self._keep(start, row, rows, lines, rejects)
                        if len(rows) >= size:
                            yield self._checked_chunk(rows, lines, rejects)
                            rows, lines, rejects = [], [], []
                if self._lines is None:
                    break
        except (EOFError, zlib.error, gzip.BadGzipFile) as error:
            raise InputError(QT_TRANSLATE_NOOP(
                "Core", "the compressed file is damaged or cut short: {error}.").format(
                    error=str(error)), file=self.fmt.name, row=feed.count + 1) from error
        if rows or rejects:
            yield self._checked_chunk(rows, lines, rejects)

    def _keep(self, line: int, row: list[str], rows: list[list[str]], lines: list[int],
              rejects: list[Reject]) -> None:
        """Add a record to the chunk, or to ``rejects`` when its width is wrong; empty fields
        past the last column (a trailing delimiter on every line) are no reason to refuse it."""
        width = len(self._fields)
        if len(row) > width and not any(field.strip() for field in row[width:]):
            row = row[:width]
        if len(row) == width:
            rows.append(row)
            lines.append(line)
        else:
            rejects.append(Reject(line, None, printable(self._delimiter.join(row)),
                                  self._footer_reason(line, row) or self._width_reason(len(row))))

    def _footer_reason(self, line: int, row: list[str]) -> Message | None:
        """Why a row of the wrong width is no row of the table, when that is clear: a page
        footer or a heading repeated on a new page (:class:`PageRepeats`), a rule (a line of
        dashes or the like, as bills close their table with) or a line after one (counts and
        totals: ``共2笔记录``, ``已收入:1笔,1024.00元``)."""
        repeated = self._repeats.reason(row) if self._repeats is not None else None
        if repeated is not None:
            return repeated
        text = "".join(row).strip()
        if len(text) >= 3 and not text.strip(_RULE_MARKS):
            self._rule = line
            return QT_TRANSLATE_NOOP("Core", "a rule line, not data")
        if self._rule is not None:
            return QT_TRANSLATE_NOOP(
                "Core", "below the rule on line {line} that closes the table, not data").format(
                    line=self._rule)
        return None

    def _width_reason(self, found: int) -> Message:
        """Why a row of ``found`` fields is refused; rows with the same count share the object
        (the quarantine stores each distinct reason's template and values once)."""
        if found not in self._width_reasons:
            self._width_reasons[found] = QT_TRANSLATE_NOOP(
                "Core", "expected {expected} fields, found {found}").format(
                    expected=len(self._fields), found=found)
        return self._width_reasons[found]

    def _records(self, whole_file: bool
                 ) -> Iterator[tuple[int, list[str], csv.Error | None]]:
        """Records read by :mod:`csv` with their first line: the whole file, or up to the end of
        the loaded block (and past it while a quoted field runs on)."""
        reader, feed = self._reader, self._feed
        while whole_file or feed.pending:
            start = feed.count + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                padded = self._padded.record(start, error)
                yield (start, [], error) if padded is None else (start, padded, None)
            else:
                yield start, row, None

    def _fast_chunk(self, block: bytes, total: int, first_line: int) -> RawChunk | None:
        """The block (``total`` lines) split by Arrow, or None when :mod:`csv` must read it."""
        if self._arrow is None or b"\x00" in block:
            return None
        data = block
        if not block.isascii():
            try:
                text = block.decode(self._text_encoding)
            except UnicodeDecodeError:
                return None
            if self._text_encoding != "utf-8":
                data = text.encode("utf-8")
        if self._quote.encode() in data:
            return None
        if b"\r" in data and data.count(b"\r") != data.count(b"\r\n"):
            return None
        split = self._arrow.split(data, total)
        if split is None:
            return None
        columns, lines = split
        return RawChunk(columns, lines + first_line, [], self.fraction(), self.bytes_read)

    def _checked_chunk(self, rows: list[list[str]], lines: list[int],
                       rejects: list[Reject]) -> RawChunk:
        """The chunk, with rows holding NUL bytes or undecodable bytes moved to ``rejects``."""
        chunk = self._make_chunk(rows, lines, rejects)
        if (self._guard is not None and self._guard.plain_ascii) or not any(
                _SUSPECT.search("\x1f".join(values)) for values in chunk.columns.values()):
            return chunk
        good_rows, good_lines = [], []
        for row, line in zip(rows, lines, strict=False):
            for name, value in zip(self._fields, row, strict=False):
                hit = _SUSPECT.search(value)
                if hit:
                    reason = (QT_TRANSLATE_NOOP("Core", "contains a NUL byte")
                              if hit.group() == "\x00" else QT_TRANSLATE_NOOP(
                                  "Core", "contains bytes that are not valid {encoding} (is part "
                                  "of the file in another encoding?)").format(
                                      encoding=self.fmt.encoding))
                    rejects.append(Reject(line, name, printable(value), reason))
                    break
            else:
                good_rows.append(row)
                good_lines.append(line)
        rejects.sort(key=lambda r: r.line or 0)
        return self._make_chunk(good_rows, good_lines, rejects)

    def _make_chunk(self, rows: list[Sequence[Any]], lines: list[int],
                    rejects: list[Reject]) -> RawChunk:
        columns = list(zip(*rows, strict=False)) if rows else [() for _ in self._fields]
        return RawChunk(dict(zip(self._fields, columns, strict=False)),
                        np.asarray(lines, dtype=np.int64), rejects, self.fraction(),
                        self.bytes_read)

    def close(self) -> None:
        stream = getattr(self, "_stream", None)
        if stream is not None:
            stream.close()
        super().close()


class _ArrowSplitter:
    """Splits a block of plain lines (no quotes, NUL or lone ``\r``) with ``pyarrow.csv``.

    The block is valid UTF-8 (plain ASCII, or decoded and encoded again by the reader), so
    Arrow does not check it again; it is read as one Arrow block, so that each column comes out
    as one array, not pieces to copy together."""

    def __init__(self, columns: list[str], delimiter: str) -> None:
        self._names = [f"f{i}" for i in range(len(columns))]
        self._columns = columns
        self._parse = pa_csv.ParseOptions(delimiter=delimiter, quote_char=False,
                                          double_quote=False, escape_char=False,
                                          newlines_in_values=False, ignore_empty_lines=True)
        self._convert = pa_csv.ConvertOptions(
            column_types=dict.fromkeys(self._names, pa.string()), null_values=[],
            strings_can_be_null=False, quoted_strings_can_be_null=False, check_utf8=False)

    def split(self, data: bytes, total: int) -> tuple[dict[str, Any], np.ndarray] | None:
        """Columns (Arrow string arrays) and the 0-based numbers of the lines they come from
        among the ``total`` lines of ``data``; None if a row has the wrong number of fields."""
        read = pa_csv.ReadOptions(column_names=self._names, block_size=len(data) + 1)
        try:
            table = pa_csv.read_csv(io.BytesIO(data), read_options=read,
                                    parse_options=self._parse, convert_options=self._convert)
        except pa.ArrowInvalid:
            return None
        if table.num_rows == total:
            lines = np.arange(total, dtype=np.int64)
        else:
            lines = _non_empty_lines(data)
            if len(lines) != table.num_rows:
                return None
        columns = {name: _one_array(table.column(i)) for i, name in enumerate(self._columns)}
        return columns, lines


def _one_array(column: pa.ChunkedArray) -> pa.Array:
    """The column as one array (without a copy when it already is one piece)."""
    return column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()


def text_bytes(texts: pa.Array) -> np.ndarray:
    """The UTF-8 bytes of an Arrow string array's values, end to end (a uint8 view)."""
    offsets = np.frombuffer(texts.buffers()[1], dtype=np.int32, count=len(texts) + 1,
                            offset=texts.offset * 4)
    data = texts.buffers()[2]
    if data is None or offsets[-1] == offsets[0]:
        return np.empty(0, dtype=np.uint8)
    return np.frombuffer(data, dtype=np.uint8)[offsets[0]:offsets[-1]]


def _non_empty_lines(data: bytes) -> np.ndarray:
    """0-based numbers of the lines of ``data`` that hold more than a line ending."""
    ends = _newline_positions(data)
    if not data.endswith(b"\n"):
        ends = np.append(ends, len(data))
    starts = np.concatenate([[0], ends[:-1] + 1])
    lengths = ends - starts
    buffer = np.frombuffer(data, dtype=np.uint8)
    only_return = (lengths == 1) & (buffer[np.minimum(starts, len(data) - 1)] == 13)
    return np.flatnonzero((lengths > 0) & ~only_return).astype(np.int64)


def _csv_reason(error: csv.Error, line: int) -> Message:
    message = str(error)
    if "unexpected end of data" in message:
        return QT_TRANSLATE_NOOP(
            "Core", "unclosed quote: the quoted field that starts on line {line} never ends"
        ).format(line=line)
    return QT_TRANSLATE_NOOP("Core", "malformed quoting ({error})").format(error=message)


def _damaged(name: str, error: Exception) -> InputError:
    return InputError(QT_TRANSLATE_NOOP(
        "Core", "the compressed file is damaged or cut short: {error}.").format(
            error=str(error)), file=name)


def cell_text(value: Any) -> str | None:
    """A cell of Excel, JSON or ThingsBoard as the text a CSV would hold (None when empty)."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return None if math.isnan(value) else repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


class ParquetReader(SourceReader):
    """A Parquet file in record batches; typed columns stay typed, structs are flattened."""

    def open(self) -> None:
        import pyarrow.parquet as pq

        try:
            self._file = pq.ParquetFile(self.fmt.path)
        except Exception as error:
            raise InputError(QT_TRANSLATE_NOOP("Core", "cannot open the Parquet file: {error}.")
                             .format(error=str(error)), file=self.fmt.name) from error
        self._total = self._file.metadata.num_rows
        self._set_columns(_flat_table(self._file.schema_arrow.empty_table()).column_names)

    def chunks(self) -> Iterator[RawChunk]:
        """Record batches, row group by row group, so that a damaged one is named."""
        done = 0
        for group in range(self._file.num_row_groups):
            batches = self._file.iter_batches(batch_size=self.chunk_rows, row_groups=[group])
            while True:
                try:
                    batch = next(batches, None)
                except (OSError, pa.ArrowException) as error:
                    raise self._damaged_group(group, error) from error
                if batch is None:
                    break
                table = _flat_table(pa.Table.from_batches([batch]))
                columns = {name: _arrow_values(table.column(i))
                           for i, name in enumerate(self.columns)}
                lines = np.arange(done + 1, done + table.num_rows + 1, dtype=np.int64)
                done += table.num_rows
                yield RawChunk(columns, lines, [], done / self._total if self._total else None)

    def _damaged_group(self, group: int, error: Exception) -> InputError:
        """The error for row group ``group`` (from 0), which cannot be read."""
        meta = self._file.metadata
        first = sum(meta.row_group(g).num_rows for g in range(group))
        return InputError(QT_TRANSLATE_NOOP(
            "Core", "row group {group} of {groups} (rows {first:,} to {last:,}) is damaged and "
            "cannot be read ({error}); export the file again from its source.").format(
                group=group + 1, groups=meta.num_row_groups, first=first + 1,
                last=first + meta.row_group(group).num_rows, error=str(error).splitlines()[0]),
            file=self.fmt.name)

    def close(self) -> None:
        handle = getattr(self, "_file", None)
        if handle is not None:
            handle.close()


def _flat_table(table: Any) -> Any:
    while any(pa.types.is_struct(f.type) for f in table.schema):
        table = table.flatten()
    return table


def _arrow_values(column: Any) -> np.ndarray:
    kind = column.type
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return np.asarray(column.to_pylist(), dtype=object)
    if (pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_boolean(kind)) \
            and column.null_count == 0:
        return column.to_numpy()
    if pa.types.is_floating(kind):
        return column.to_numpy()
    if pa.types.is_timestamp(kind) or pa.types.is_date(kind):
        return column.to_pandas().to_numpy()
    return np.asarray([cell_text(v) for v in column.to_pylist()], dtype=object)


class _TooDeep(Exception):
    """A record is nested deeper than :data:`MAX_JSON_DEPTH`."""


def _too_deep() -> Message:
    return QT_TRANSLATE_NOOP("Core", "nested more than {depth} levels deep").format(
        depth=MAX_JSON_DEPTH)


def _flatten(record: dict[str, Any], prefix: str = "", depth: int = 1) -> dict[str, Any]:
    """Nested objects become dotted column names; lists stay whole (as JSON text). Raises
    :class:`_TooDeep` past :data:`MAX_JSON_DEPTH` levels of objects or lists."""
    if depth > MAX_JSON_DEPTH:
        raise _TooDeep
    flat: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            flat.update(_flatten(value, f"{name}.", depth + 1))
        else:
            if isinstance(value, list) and _nesting(value) + depth > MAX_JSON_DEPTH:
                raise _TooDeep
            flat[name] = value
    return flat


def _nesting(value: Any) -> int:
    """How many levels of lists and objects ``value`` has (counted without recursion)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        children = item.values() if isinstance(item, dict) else item \
            if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, level)
        if deepest > MAX_JSON_DEPTH:
            return deepest
        stack.extend((child, level + 1) for child in children)
    return deepest


class _RecordReader(SourceReader):
    """Shared by the JSON readers: records (dicts) become rows of a fixed set of columns."""

    def _records(self) -> Iterator[tuple[int, dict[str, Any] | Reject]]:
        raise NotImplementedError

    def open(self) -> None:
        self._source = self._records()
        self._buffer = list(itertools.islice(self._source, _SCHEMA_SAMPLE))
        names: dict[str, None] = {}
        for _, record in self._buffer:
            if isinstance(record, dict):
                names.update(dict.fromkeys(record))
        if not names:
            raise InputError(QT_TRANSLATE_NOOP("Core", "the file holds no records."),
                             file=self.fmt.name)
        self._keys = list(names)
        self._set_columns(self._keys)

    def chunks(self) -> Iterator[RawChunk]:
        known = set(self._keys)
        warned: set[str] = set()
        rows: list[list[Any]] = []
        lines: list[int] = []
        rejects: list[Reject] = []
        for line, record in itertools.chain(self._buffer, self._source):
            if isinstance(record, Reject):
                rejects.append(record)
                continue
            for key in record.keys() - known - warned:
                warned.add(key)
                self.warnings.append(QT_TRANSLATE_NOOP(
                    "Core", "field {field!r} first appears on line/record {line}, after the "
                    "first {sample} records used to find the columns; it was not imported."
                ).format(field=key, line=line, sample=_SCHEMA_SAMPLE))
            rows.append([cell_text(record.get(k)) for k in self._keys])
            lines.append(line)
            if len(rows) >= self.chunk_rows:
                yield self._make_chunk(rows, lines, rejects)
                rows, lines, rejects = [], [], []
        if rows or rejects:
            yield self._make_chunk(rows, lines, rejects)


class JsonLinesReader(_RecordReader):
    """One JSON object per line (MQTT dumps): nested payloads flattened, device from topic."""

    def _records(self) -> Iterator[tuple[int, dict[str, Any] | Reject]]:
        stream = self._text()
        try:
            for line, text in enumerate(stream, start=1):
                if not text.strip():
                    continue
                try:
                    record = json.loads(text)
                except ValueError as error:
                    yield line, Reject(line, None, printable(text.rstrip("\r\n")),
                                       QT_TRANSLATE_NOOP("Core", "not valid JSON ({error})")
                                       .format(error=str(error)))
                    continue
                except RecursionError:
                    yield line, Reject(line, None, printable(text.rstrip("\r\n")),
                                       _too_deep())
                    continue
                if not isinstance(record, dict):
                    yield line, Reject(line, None, printable(text.rstrip("\r\n")),
                                       QT_TRANSLATE_NOOP("Core", "not a JSON object"))
                    continue
                try:
                    yield line, self._row(line, record, text)
                except (_TooDeep, RecursionError):
                    yield line, Reject(line, None, printable(text.rstrip("\r\n")),
                                       _too_deep())
        except (EOFError, zlib.error) as error:
            raise _damaged(self.fmt.name, error) from error
        finally:
            stream.close()

    def _row(self, line: int, record: dict[str, Any], text: str) -> dict[str, Any] | Reject:
        payload = record.get("payload")
        if isinstance(payload, str) and payload.lstrip().startswith("{"):
            with contextlib.suppress(ValueError):
                record = {**record, "payload": json.loads(payload)}
        flat = _flatten(record)
        if isinstance(record.get("payload"), dict):
            inner = {k[len("payload."):]: v for k, v in flat.items() if k.startswith("payload.")}
            outer = {k: v for k, v in flat.items() if not k.startswith("payload.")}
            flat = {**outer, **{k if k not in outer else f"payload.{k}": v
                                for k, v in inner.items()}}
        segment = self.fmt.topic_device_segment
        if segment is not None:
            topic = str(record.get(self.fmt.topic_field) or "")
            parts = [p for p in topic.split("/") if p]
            try:
                device = parts[segment]
            except IndexError:
                return Reject(line, self.fmt.topic_field, printable(topic), QT_TRANSLATE_NOOP(
                    "Core", "the topic has no segment {segment} to take the device id from"
                ).format(segment=segment))
            key = "device_id" if "device_id" not in flat else "topic_device_id"
            flat = {key: device, **flat}
        return flat


class JsonReader(_RecordReader):
    """A JSON array of records, parsed whole (limit :data:`MAX_JSON_DOCUMENT_BYTES`)."""

    def _document(self) -> Any:
        too_big = InputError(QT_TRANSLATE_NOOP(
            "Core", "a single JSON document larger than {megabytes} MB cannot be imported; "
            "export it as JSON lines (one record per line) instead.").format(
                megabytes=MAX_JSON_DOCUMENT_BYTES >> 20), file=self.fmt.name)
        if self.fmt.size > MAX_JSON_DOCUMENT_BYTES:
            raise too_big
        stream = self._text(max_line=MAX_JSON_DOCUMENT_BYTES, max_bytes=MAX_JSON_DOCUMENT_BYTES,
                            too_big=too_big)
        try:
            return json.load(stream)
        except ValueError as error:
            raise InputError(QT_TRANSLATE_NOOP("Core", "not valid JSON: {error}.").format(
                error=str(error)), file=self.fmt.name) from error
        except RecursionError as error:
            raise InputError(QT_TRANSLATE_NOOP(
                "Core", "the JSON is nested too deeply to be read; records may be nested at "
                "most {depth} levels deep.").format(depth=MAX_JSON_DEPTH),
                file=self.fmt.name) from error
        except (EOFError, zlib.error) as error:
            raise _damaged(self.fmt.name, error) from error
        finally:
            stream.close()

    def _records(self) -> Iterator[tuple[int, dict[str, Any] | Reject]]:
        document = self._document()
        if isinstance(document, dict):
            document = next((v for v in document.values() if isinstance(v, list)), [document])
        if not isinstance(document, list):
            raise InputError(QT_TRANSLATE_NOOP("Core", "expected an array of records."),
                             file=self.fmt.name)
        for number, record in enumerate(document, start=1):
            if isinstance(record, dict):
                try:
                    yield number, _flatten(record)
                except _TooDeep:
                    yield number, Reject(number, None, None, _too_deep())
            elif _nesting(record) > MAX_JSON_DEPTH:
                yield number, Reject(number, None, None, _too_deep())
            else:
                yield number, Reject(number, None, printable(cell_text(record) or ""),
                                     QT_TRANSLATE_NOOP("Core", "record is not a JSON object"))


class ThingsBoardReader(JsonReader):
    """A ThingsBoard telemetry export ``{"key": [{"ts": ms, "value": v}, ...], ...}``.

    Rows are the distinct timestamps (in time order) with one column per key; the device is the
    one named at import or taken from the file name.
    """

    def _records(self) -> Iterator[tuple[int, dict[str, Any] | Reject]]:
        document = self._document()
        if not isinstance(document, dict):
            raise InputError(QT_TRANSLATE_NOOP("Core", "expected a ThingsBoard telemetry object."),
                             file=self.fmt.name)
        by_time: dict[int, dict[str, Any]] = {}
        bad: list[Reject] = []
        for key, points in document.items():
            if not isinstance(points, list):
                bad.append(Reject(None, key, None, QT_TRANSLATE_NOOP(
                    "Core", "expected a list of {ts, value} points")))
                continue
            for index, point in enumerate(points):
                ts = point.get("ts") if isinstance(point, dict) else None
                if not isinstance(ts, (int, float)) or isinstance(ts, bool) or \
                        not math.isfinite(ts):
                    bad.append(Reject(None, key, printable(cell_text(point) or ""),
                                      QT_TRANSLATE_NOOP(
                                          "Core", "point {index} of {key!r} has no finite "
                                          "numeric ts"
                                      ).format(index=index + 1, key=key)))
                    continue
                by_time.setdefault(int(ts), {})[key] = point.get("value")
        for reject in bad:
            yield 0, reject
        for number, ts in enumerate(sorted(by_time), start=1):
            yield number, {"device_id": self.fmt.device, "ts": str(ts), **by_time[ts]}
