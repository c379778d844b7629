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

The same pass gives an ``.ods`` file's merged cells (``number-rows-spanned``,
``number-columns-spanned``), which python-calamine gives only for .xlsx and .xls.
"""

from __future__ import annotations

import os
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
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
#: `` r="XFD1048576"``: a reference, with its attribute, is at most 16 bytes.
_REF_LENGTH = 16
#: A cell reference in a column past ``T`` (sheets of at most 20 columns never pass the limit,
#: whatever their height), and any cell reference's row.
_WIDE_COLUMN = rb'r="([U-Z]|[A-Z]{2,3})[0-9]{1,7}"'
_ROW = rb'r="[A-Z]{1,3}([0-9]{1,7})"'
_ODD_SPACE = re.compile(rb'[\t\r\n]r="')
_BIN_ROW, _BIN_CELLS = 0x00, range(0x02, 0x0C)


#: A range of merged cells as python-calamine gives them: ((top, left), (bottom, right)), 0-based.
Merge = tuple[tuple[int, int], tuple[int, int]]


def check_workbook(path: str, name: str) -> dict[str, list[Merge]]:
    """Refuse a zip-based workbook (.xlsx, .xlsm, .xlsb, .ods) whose parts expand past
    :func:`~iotfin_gui.core.ingest.detect.expansion_limit` of its size, or one of whose
    worksheets spans more than :data:`MAX_SHEET_CELLS` cells. The parts' stated sizes are summed,
    then every part is inflated once, in bounded pieces, which checks its CRC (a part that holds
    more than it states fails there, so the stated sizes can be trusted) and scans the sheets.

    Returns the merged cells of each table of an .ods by table name (calamine gives none for an
    .ods), read in the same pass; empty for other workbooks."""
    merges: dict[str, list[Merge]] = {}
    if not zipfile.is_zipfile(path):
        return merges
    size = os.path.getsize(path)
    limit = expansion_limit(size)
    try:
        with zipfile.ZipFile(path) as archive:
            if sum(member.file_size for member in archive.infolist()) > limit:
                raise too_expanded(name, size, limit)
            for member in archive.namelist():
                merges.update(_check_part(archive, member, name))
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise InputError(QT_TRANSLATE_NOOP("Core", "cannot open the workbook: {error}.").format(
            error=str(error)), file=name) from error
    return merges


def _check_part(archive: zipfile.ZipFile, member: str, name: str) -> dict[str, list[Merge]]:
    """Inflate one part (its CRC is checked at its end); a worksheet must not span too much.
    An .ods ``content.xml`` gives its tables' merged cells."""
    merges: dict[str, list[Merge]] = {}
    if member == "content.xml":
        with archive.open(member) as part:
            for table, extent, merged in _ods_extents(part):
                _check_extent(extent, name)
                merges[table] = merged
        return merges
    sheet = member.startswith("xl/worksheets/") and "/_rels/" not in member
    if sheet and member.endswith(".bin"):
        with archive.open(member) as part:
            _check_extent(_binary_extent(part), name)
        return merges
    columns = {letters for (letters,) in _matches(archive, member, _WIDE_COLUMN)} \
        if sheet and member.endswith(".xml") else _drain(archive, member)
    if columns:
        # Only a sheet wider than 20 columns can pass the limit: its rows are counted.
        rows = {digits for (digits,) in _matches(archive, member, _ROW)}
        _check_extent((max(map(int, rows)) - 1, max(map(_column_index, columns))), name)
    return merges


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


def _matches(archive: zipfile.ZipFile, member: str, pattern: bytes) -> Iterator[tuple[bytes]]:
    """The groups of ``pattern`` (which follows the white space before ``r="``) in a part,
    read in pieces of a few MB. The literal `` r="`` is searched for, which is fast, unless a
    piece separates attributes with other white space (XML allows it)."""
    fast, slow = re.compile(b" " + pattern), re.compile(rb"\s" + pattern)
    carry = b""
    with archive.open(member) as part:
        while True:
            block = part.read(_PIECE)
            data = carry + block
            for found in (slow if _ODD_SPACE.search(data) else fast).finditer(data):
                yield found.groups()
            if not block:
                return
            # A reference cut at the end of the piece is read whole with the next one (one
            # read twice changes nothing).
            carry = data[-_REF_LENGTH:]


def _column_index(letters: bytes) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + letter - 64
    return index - 1


def _binary_extent(part: IO[bytes]) -> tuple[int, int] | None:
    """(last row, last column) of an .xlsb sheet's value cells (BIFF12 records: a row header
    gives the row, each cell record starts with its column; blank cells are left out, as
    calamine does)."""
    data = part.read()
    position, row = 0, 0
    last: tuple[int, int] | None = None
    size = len(data)
    while position < size:
        kind, position = _varint(data, position, 2)
        length, position = _varint(data, position, 4)
        if kind == _BIN_ROW and length >= 4:
            row = struct.unpack_from("<I", data, position)[0]
        elif kind in _BIN_CELLS and length >= 4:
            column = struct.unpack_from("<I", data, position)[0]
            last = (row, column) if last is None else (max(last[0], row), max(last[1], column))
        position += length
    return last


_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_ODS_CELLS = (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell")


def _ods_extents(part: IO[bytes]) -> Iterator[tuple[str, tuple[int, int] | None, list[Merge]]]:
    """Each table of an .ods ``content.xml``: its name, the (last row, last column) of its cells
    with a value, counting repeats as calamine does (``number-rows-repeated``,
    ``number-columns-repeated``: one cell repeated 16,384 times in a row repeated a million
    times is a few bytes of XML; empty cells and rows, repeated or not, count only where a value
    comes after them), and its merged cells (``number-rows-spanned``,
    ``number-columns-spanned``)."""
    row = column = 0
    last: tuple[int, int] | None = None
    merged: list[Merge] = []
    row_repeat = 1
    for event, element in ElementTree.iterparse(part, events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag == f"{_TABLE}table":
                row, last, merged = 0, None, []
            elif tag == f"{_TABLE}table-row":
                column = 0
                row_repeat = int(element.get(f"{_TABLE}number-rows-repeated", "1"))
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
            yield element.get(f"{_TABLE}name", ""), last, merged
            element.clear()


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
