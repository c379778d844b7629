"""Checks a workbook passes before python-calamine loads it, so a hostile file cannot exhaust
the memory or abort the process.

:func:`check_workbook` reads every part of a zip-based workbook once, in bounded pieces:

- the zip of an .xlsx/.xlsm/.xlsb/.ods may not expand past
  :func:`~iotfin_gui.core.ingest.detect.expansion_limit` of its size (stated sizes, then every
  part's CRC, so a part holding more than it states is caught);
- calamine makes one grid of every sheet it loads, as wide and high
  as the sheet's first to last cell. Two cells, at ``A1`` and ``XFD1048576``, make a 16,384 x
  1,048,576 grid: 550 GB, and calamine aborts the whole process (no Python exception). The cell
  references of each worksheet part are scanned first (in pieces of a few MB) and a
  sheet spanning more than :data:`MAX_SHEET_CELLS` is refused with a message naming its last
  cell; an ``.ods`` is read with its repeat counts (calamine spreads every repeated cell over
  the grid). An ``.xls`` cannot be larger than 65,536 x 256 cells, under the limit.

The same pass gives each sheet's :class:`SheetLayout`, what python-calamine does not give: the
rows and columns the sheet hides (``hidden="1"`` in an .xlsx, the row and column records of an
.xlsb, ``table:visibility`` in an .ods; an .xls is read by
:mod:`~iotfin_gui.core.ingest.xls_layout`), the range under its AutoFilter, and an ``.ods``
file's merged cells (``number-rows-spanned``, ``number-columns-spanned``; calamine gives them
only for .xlsx and .xls).
"""

from __future__ import annotations

import os
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO
from xml.etree import ElementTree

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.ingest.detect import expansion_limit, too_expanded
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP

#: The most cells (rows x columns of the used range) a sheet may span: calamine keeps 32 bytes
#: per cell of that range, so 21 million cells (1,048,576 rows of 20 columns) take 670 MB.
MAX_SHEET_CELLS = 21_000_000
_CELL_BYTES = 32
_PIECE = 4 << 20
#: What each piece of a part keeps of the one before, so that a cell reference or a row tag cut
#: at its end is read whole (one read twice changes nothing).
_CARRY = 1024
#: A cell reference in a column past ``T`` (sheets of at most 20 columns never pass the limit,
#: whatever their height), and any cell reference's row.
_WIDE_COLUMN = rb'r="([U-Z]|[A-Z]{2,3})[0-9]{1,7}"'
_ROW = rb'r="[A-Z]{1,3}([0-9]{1,7})"'
_ODD_SPACE = re.compile(rb'[\t\r\n]r="')
_BIN_ROW, _BIN_CELLS, _BIN_COLUMN, _BIN_FILTER, _BIN_SHEET = 0x00, range(0x02, 0x0C), 0x3C, \
    0xA1, 0x9C
#: The flag of a hidden row (``fDyZero``, in the 12th byte of a BrtRowHdr) and of a hidden column
#: (``fHidden``, in the 17th byte of a BrtColInfo).
_BIN_ROW_HIDDEN, _BIN_COLUMN_HIDDEN = (11, 0x10), (16, 0x01)
#: In an .xlsx sheet: the attribute that hides a row or column, the start of a row, column or
#: AutoFilter tag, a row's number, a column span and the AutoFilter's rows. A tag is taken to be
#: at most :data:`_TAG_LENGTH` bytes long, so that a hostile piece is scanned in linear time.
_HIDDEN = re.compile(rb"\shidden=[\"'](?:1|true)[\"']")
_TAG_START = re.compile(rb"<(?:\w+:)?(row|col)\s")
_FILTER_START = re.compile(rb"<(?:\w+:)?autoFilter\s")
_TAG_LENGTH = 2000
_ROW_NUMBER = re.compile(rb"\sr=[\"'](\d{1,7})[\"']")
_COLUMN_FROM = re.compile(rb"\smin=[\"'](\d{1,5})[\"']")
_COLUMN_TO = re.compile(rb"\smax=[\"'](\d{1,5})[\"']")
_FILTER_ROWS = re.compile(rb"\sref=[\"'][A-Z]{1,3}(\d{1,7})(?::[A-Z]{1,3}(\d{1,7}))?[\"']")
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


#: A range of merged cells as python-calamine gives them: ((top, left), (bottom, right)), 0-based.
Merge = tuple[tuple[int, int], tuple[int, int]]


@dataclass
class SheetLayout:
    """What a sheet shows and merges that python-calamine does not say: rows and columns hidden
    (0-based), the rows under its AutoFilter (first and last, 0-based, the header row first),
    and for an .ods its merged cells."""

    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)
    filtered: tuple[int, int] | None = None
    merges: list[Merge] = field(default_factory=list)
    #: Rows the file says a filter hides (an .ods says so of each row).
    filtered_rows: set[int] = field(default_factory=set)

    def filters(self, row: int) -> bool:
        """Whether hidden row ``row`` (0-based) is one the AutoFilter hides."""
        return row in self.filtered_rows or (
            self.filtered is not None and self.filtered[0] < row <= self.filtered[1])


def check_workbook(path: str, name: str) -> dict[str, SheetLayout]:
    """Refuse a zip-based workbook (.xlsx, .xlsm, .xlsb, .ods) whose parts expand past
    :func:`~iotfin_gui.core.ingest.detect.expansion_limit` of its size, or one of whose
    worksheets spans more than :data:`MAX_SHEET_CELLS` cells. The parts' stated sizes are summed,
    then every part is inflated once, in bounded pieces, which checks its CRC (a part that holds
    more than it states fails there, so the stated sizes can be trusted) and scans the sheets.

    Returns each sheet's :class:`SheetLayout` by sheet name, read in the same pass (none for an
    .xls, see :mod:`~iotfin_gui.core.ingest.xls_layout`)."""
    if not zipfile.is_zipfile(path):
        return {}
    size = os.path.getsize(path)
    limit = expansion_limit(size)
    by_part: dict[str, SheetLayout] = {}
    parts: dict[str, bytes] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            if sum(member.file_size for member in archive.infolist()) > limit:
                raise too_expanded(name, size, limit)
            for member in archive.namelist():
                by_part.update(_check_part(archive, member, name, parts))
    except (zipfile.BadZipFile, zlib.error, EOFError, ElementTree.ParseError) as error:
        raise InputError(QT_TRANSLATE_NOOP("Core", "cannot open the workbook: {error}.").format(
            error=str(error)), file=name) from error
    if not parts:
        return by_part  # an .ods: by table name already
    try:
        named = _sheet_parts(parts)
    except (ElementTree.ParseError, struct.error, UnicodeError):
        return {}  # python-calamine says what is wrong with these parts
    return {sheet: by_part[member] for sheet, member in named.items() if member in by_part}


#: The parts that name the sheets of an .xlsx or .xlsb: kept whole (they are small) while the
#: workbook is checked, then read by :func:`_sheet_parts`.
_BOOK_PARTS = ("xl/workbook.xml", "xl/workbook.bin", "xl/_rels/workbook.xml.rels",
               "xl/_rels/workbook.bin.rels")


def _check_part(archive: zipfile.ZipFile, member: str, name: str,
                parts: dict[str, bytes]) -> dict[str, SheetLayout]:
    """Inflate one part (its CRC is checked at its end); a worksheet must not span too much.
    Gives the layout of a worksheet by part name, and of each table of an .ods
    ``content.xml`` by table name; keeps the parts that name the sheets in ``parts``."""
    if member == "content.xml":
        layouts = {}
        with archive.open(member) as part:
            for table, extent, layout in _ods_extents(part):
                _check_extent(extent, name)
                layouts[table] = layout
        return layouts
    if member in _BOOK_PARTS:
        parts[member] = archive.read(member)
        return {}
    sheet = member.startswith("xl/worksheets/") and "/_rels/" not in member
    layout = SheetLayout()
    if sheet and member.endswith(".bin"):
        with archive.open(member) as part:
            _check_extent(_binary_extent(part, layout), name)
        return {member: layout}
    if not (sheet and member.endswith(".xml")):
        _drain(archive, member)
        return {}
    columns = {letters for (letters,) in _matches(archive, member, _WIDE_COLUMN,
                                                  lambda piece: _hidden_tags(piece, layout))}
    if columns:
        # Only a sheet wider than 20 columns can pass the limit: its rows are counted.
        rows = {digits for (digits,) in _matches(archive, member, _ROW)}
        _check_extent((max(map(int, rows)) - 1, max(map(_column_index, columns))), name)
    return {member: layout}


def _hidden_tags(piece: bytes, layout: SheetLayout) -> None:
    """Add to ``layout`` the rows and columns a piece of an .xlsx sheet hides, and the range of
    its AutoFilter (looked for only in a piece that holds the words)."""
    if b"hidden" in piece:
        for found in _HIDDEN.finditer(piece):
            tag = _tag_around(piece, found.start())
            kind = _TAG_START.match(tag) if tag else None
            if kind is None:
                continue
            if kind.group(1) == b"row":
                number = _ROW_NUMBER.search(tag)
                if number:
                    layout.hidden_rows.add(int(number.group(1)) - 1)
                continue
            first, last = _COLUMN_FROM.search(tag), _COLUMN_TO.search(tag)
            if first and last:
                layout.hidden_columns.update(range(int(first.group(1)) - 1,
                                                   min(int(last.group(1)), 16_384)))
    if b"autoFilter" in piece:
        for found in _FILTER_START.finditer(piece):
            end = piece.find(b">", found.end(), found.start() + _TAG_LENGTH)
            rows = _FILTER_ROWS.search(piece, found.end() - 1, end) if end > 0 else None
            if rows:
                top = int(rows.group(1)) - 1
                layout.filtered = (top, int(rows.group(2) or top + 1) - 1)
                return


def _tag_around(piece: bytes, position: int) -> bytes | None:
    """The tag (``<`` to ``>``) of at most :data:`_TAG_LENGTH` bytes that holds ``position``, or
    None when the text there is no tag's."""
    start = piece.rfind(b"<", max(0, position - _TAG_LENGTH), position)
    if start < 0 or piece.find(b">", start, position) >= 0:
        return None
    end = piece.find(b">", position, start + _TAG_LENGTH)
    return None if end < 0 else piece[start:end + 1]


def _sheet_parts(parts: dict[str, bytes]) -> dict[str, str]:
    """Sheet name -> the part that holds the sheet, from an .xlsx's ``xl/workbook.xml`` or an
    .xlsb's ``xl/workbook.bin`` and their relationships."""
    targets: dict[str, str] = {}
    for rels in ("xl/_rels/workbook.xml.rels", "xl/_rels/workbook.bin.rels"):
        if rels in parts:
            for element in ElementTree.fromstring(parts[rels]):
                target = element.get("Target", "")
                targets[element.get("Id", "")] = target.lstrip("/") if target.startswith("/") \
                    else "xl/" + target
    sheets: dict[str, str] = {}
    if "xl/workbook.xml" in parts:
        for element in ElementTree.fromstring(parts["xl/workbook.xml"]).iter():
            if element.tag.endswith("}sheet"):
                relation = element.get(f"{{{_RELATIONSHIPS}}}id", "")
                sheets[element.get("name", "")] = targets.get(relation, "")
    elif "xl/workbook.bin" in parts:
        for relation, sheet in _binary_sheets(parts["xl/workbook.bin"]):
            sheets[sheet] = targets.get(relation, "")
    return sheets


def _binary_sheets(data: bytes) -> Iterator[tuple[str, str]]:
    """(relationship id, sheet name) of each sheet an .xlsb ``workbook.bin`` names (its
    BrtBundleSh records: state, tab id, then the two strings)."""
    position = 0
    while position < len(data):
        kind, position = _varint(data, position, 2)
        length, position = _varint(data, position, 4)
        if kind == _BIN_SHEET and length >= 12:
            relation, after = _wide_string(data, position + 8)
            sheet, _ = _wide_string(data, after)
            yield relation, sheet
        position += length


def _wide_string(data: bytes, position: int) -> tuple[str, int]:
    """An XLWideString (a count of UTF-16 units, then the units) and the position after it; a
    null one (count 0xFFFFFFFF) is empty."""
    count = struct.unpack_from("<I", data, position)[0]
    if count == 0xFFFFFFFF:
        return "", position + 4
    end = position + 4 + 2 * count
    return data[position + 4:end].decode("utf-16-le", "replace"), end


def _drain(archive: zipfile.ZipFile, member: str) -> set[bytes]:
    with archive.open(member) as part:
        while part.read(_PIECE):
            pass
    return set()


def _check_extent(extent: tuple[int, int] | None, name: str) -> None:
    """Refuse a sheet whose last cell is ``extent`` (row, column; 0-based) if it spans too many
    cells (see the module docstring)."""
    if extent is None:
        return
    rows, columns = extent[0] + 1, extent[1] + 1
    if rows * columns > MAX_SHEET_CELLS:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "a sheet's cells span {rows:,} rows x {columns:,} columns (its last cell is "
            "{cell}): reading it would take about {gigabytes:,.0f} GB of memory, and at most "
            "{limit:,} cells can be read. Delete the stray cells far from the table (Ctrl+End "
            "in Excel goes to the last one) or save the sheet as CSV.").format(
                rows=rows, columns=columns, cell=f"{column_letters(extent[1])}{rows}",
                gigabytes=rows * columns * _CELL_BYTES / 1e9, limit=MAX_SHEET_CELLS), file=name)


def column_letters(index: int) -> str:
    """Excel's letters for the 0-based column ``index`` (0 -> A, 16383 -> XFD)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _matches(archive: zipfile.ZipFile, member: str, pattern: bytes,
             also: Callable[[bytes], None] | None = None) -> Iterator[tuple[bytes]]:
    """The groups of ``pattern`` (which follows the white space before ``r="``) in a part,
    read in pieces of a few MB, each also given to ``also``. The literal `` r="`` is searched
    for, which is fast, unless a piece separates attributes with other white space (XML
    allows it)."""
    fast, slow = re.compile(b" " + pattern), re.compile(rb"\s" + pattern)
    carry = b""
    with archive.open(member) as part:
        while True:
            block = part.read(_PIECE)
            data = carry + block
            if also is not None:
                also(data)
            for found in (slow if _ODD_SPACE.search(data) else fast).finditer(data):
                yield found.groups()
            if not block:
                return
            carry = data[-_CARRY:]


def _column_index(letters: bytes) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + letter - 64
    return index - 1


def _binary_extent(part: IO[bytes], layout: SheetLayout) -> tuple[int, int] | None:
    """(last row, last column) of an .xlsb sheet's value cells (BIFF12 records: a row header
    gives the row, each cell record starts with its column; blank cells are left out, as
    calamine does). The rows and columns the sheet hides and its AutoFilter's range are added
    to ``layout``."""
    data = part.read()
    position, row = 0, 0
    last: tuple[int, int] | None = None
    size = len(data)
    while position < size:
        kind, position = _varint(data, position, 2)
        length, position = _varint(data, position, 4)
        if kind == _BIN_ROW and length >= 4:
            row = struct.unpack_from("<I", data, position)[0]
            at, flag = _BIN_ROW_HIDDEN
            if length > at and position + at < size and data[position + at] & flag:
                layout.hidden_rows.add(row)
        elif kind == _BIN_COLUMN and length > _BIN_COLUMN_HIDDEN[0]:
            at, flag = _BIN_COLUMN_HIDDEN
            if position + at < size and data[position + at] & flag:
                first, final = struct.unpack_from("<II", data, position)
                layout.hidden_columns.update(range(first, min(final, 16_383) + 1))
        elif kind == _BIN_FILTER and length >= 8 and position + 8 <= size:
            layout.filtered = struct.unpack_from("<II", data, position)
        elif kind in _BIN_CELLS and length >= 4:
            column = struct.unpack_from("<I", data, position)[0]
            last = (row, column) if last is None else (max(last[0], row), max(last[1], column))
        position += length
    return last


_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_ODS_CELLS = (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell")


def _ods_extents(part: IO[bytes]) -> Iterator[tuple[str, tuple[int, int] | None, SheetLayout]]:
    """Each table of an .ods ``content.xml``: its name, the (last row, last column) of its cells
    with a value, counting repeats as calamine does (``number-rows-repeated``,
    ``number-columns-repeated``: one cell repeated 16,384 times in a row repeated a million
    times is a few bytes of XML; empty cells and rows, repeated or not, count only where a value
    comes after them), and its layout: merged cells (``number-rows-spanned``,
    ``number-columns-spanned``), and the rows and columns ``table:visibility`` hides (``filter``:
    hidden by a filter), up to the last cell with a value."""
    row = column = position = 0
    last: tuple[int, int] | None = None
    merged: list[Merge] = []
    hidden: list[tuple[int, int, bool]] = []
    hidden_columns: list[tuple[int, int]] = []
    row_repeat = 1
    for event, element in ElementTree.iterparse(part, events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag == f"{_TABLE}table":
                row, position, last, merged, hidden, hidden_columns = 0, 0, None, [], [], []
            elif tag == f"{_TABLE}table-row":
                column = 0
                row_repeat = int(element.get(f"{_TABLE}number-rows-repeated", "1"))
                visibility = element.get(f"{_TABLE}visibility", "visible")
                if visibility != "visible":
                    hidden.append((row, row + row_repeat, visibility == "filter"))
            elif tag == f"{_TABLE}table-column":
                repeat = int(element.get(f"{_TABLE}number-columns-repeated", "1"))
                if element.get(f"{_TABLE}visibility", "visible") != "visible":
                    hidden_columns.append((position, position + repeat))
                position += repeat
            continue
        if tag in _ODS_CELLS:
            repeat = int(element.get(f"{_TABLE}number-columns-repeated", "1"))
            if element.get(f"{_OFFICE}value-type") is not None or len(element):
                top = row + row_repeat - 1
                right = column + repeat - 1
                last = (top, right) if last is None else (max(last[0], top), max(last[1], right))
            down = int(element.get(f"{_TABLE}number-rows-spanned", "1"))
            across = int(element.get(f"{_TABLE}number-columns-spanned", "1"))
            if down > 1 or across > 1:
                merged.append(((row, column), (row + down - 1, column + across - 1)))
            column += repeat
        elif tag == f"{_TABLE}table-row":
            row += row_repeat
            element.clear()
        elif tag == f"{_TABLE}table":
            yield element.get(f"{_TABLE}name", ""), last, _ods_layout(last, merged, hidden,
                                                                   hidden_columns)
            element.clear()


def _ods_layout(last: tuple[int, int] | None, merged: list[Merge],
                hidden: list[tuple[int, int, bool]],
                hidden_columns: list[tuple[int, int]]) -> SheetLayout:
    """The layout of an .ods table whose last cell with a value is ``last``: its hidden rows
    (start, stop, by a filter) and columns (start, stop) counted up to that cell only (a
    table's last, empty rows are often one row repeated a million times)."""
    bottom, right = (last[0] + 1, last[1] + 1) if last else (0, 0)
    layout = SheetLayout(merges=merged, hidden_columns={
        column for start, stop in hidden_columns for column in range(start, min(stop, right))})
    for start, stop, by_filter in hidden:
        rows = range(start, min(stop, bottom))
        layout.hidden_rows.update(rows)
        if by_filter:
            layout.filtered_rows.update(rows)
    return layout


def _varint(data: bytes, position: int, most: int) -> tuple[int, int]:
    """A BIFF12 record number or size: 7 bits a byte, low first, at most ``most`` bytes."""
    value = 0
    for shift in range(most):
        if position >= len(data):
            return value, position
        byte = data[position]
        position += 1
        value |= (byte & 0x7F) << (7 * shift)
        if not byte & 0x80:
            break
    return value, position
