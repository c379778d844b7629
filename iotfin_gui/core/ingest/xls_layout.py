"""The rows and columns each sheet of an .xls (BIFF8) workbook hides, which python-calamine
does not give: :func:`xls_layouts`.

An .xls is a compound file (a small FAT file system) whose ``Workbook`` stream is a run of
BIFF records: a ``BOUNDSHEET`` record names each sheet and where its records start; a sheet's
``ROW`` records say which rows are hidden (``fDyZero``), its ``COLINFO`` records which columns,
and ``AUTOFILTERINFO`` that an AutoFilter is set (its rows hidden are taken to be filtered out:
the range lives in a defined name, not read here). A file that is not such a workbook, or is
damaged, gives no layout: python-calamine then reads it, or says what is wrong with it.
"""

from __future__ import annotations

import array
import struct
import sys
from collections.abc import Iterator

from iotfin_gui.core.ingest.workbook_guards import SheetLayout

_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
_END_OF_CHAIN = 0xFFFFFFFE
_STREAMS = ("Workbook", "Book")
_BOUNDSHEET, _BOF, _EOF, _ROW, _COLINFO, _AUTOFILTERINFO = \
    0x0085, 0x0809, 0x000A, 0x0208, 0x007D, 0x009D
_ROW_HIDDEN, _COLUMN_HIDDEN = 0x20, 0x01


def xls_layouts(path: str) -> dict[str, SheetLayout]:
    """Each worksheet's hidden rows and columns (0-based) by sheet name; empty for a file that
    is not an .xls or cannot be read so."""
    with open(path, "rb") as file:
        if file.read(8) != _SIGNATURE:
            return {}
        file.seek(0)
        data = file.read()
    try:
        stream = _workbook_stream(data)
        return {} if stream is None else _sheet_layouts(stream)
    except (struct.error, IndexError, ValueError):
        return {}


def _workbook_stream(data: bytes) -> bytes | None:
    """The ``Workbook`` stream of a compound file, or None when it has none. Every chain of
    sectors ends at its first loop, so a hostile file costs at most its own size."""
    shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if shift not in (9, 12) or mini_shift != 6:
        return None
    size, mini_size = 1 << shift, 1 << mini_shift
    fat_count, directory = struct.unpack_from("<II", data, 0x2C)
    cutoff, mini_fat_start, _, difat_start = struct.unpack_from("<IIII", data, 0x38)
    difat = [s for s in struct.unpack_from("<109I", data, 0x4C) if s < _END_OF_CHAIN]
    fat_count = min(fat_count, len(data) // size)
    seen: set[int] = set()
    sector = difat_start
    while sector < _END_OF_CHAIN and sector not in seen and len(difat) < fat_count:
        seen.add(sector)
        entries = struct.unpack_from(f"<{size // 4}I", data, (sector + 1) * size)
        difat.extend(s for s in entries[:-1] if s < _END_OF_CHAIN)
        sector = entries[-1]

    def sectors_of(chain: list[int], unit: int, source: bytes, skip: int) -> bytes:
        return b"".join(source[(s + skip) * unit:(s + skip + 1) * unit] for s in chain)

    fat = _numbers(sectors_of(difat[:fat_count], size, data, 1))

    def read(start: int, table: array.array) -> list[int]:
        chain: list[int] = []
        visited: set[int] = set()
        while start < min(len(table), _END_OF_CHAIN) and start not in visited:
            visited.add(start)
            chain.append(start)
            start = table[start]
        return chain

    entries = sectors_of(read(directory, fat), size, data, 1)
    for at in range(0, len(entries) - 127, 128):
        length = struct.unpack_from("<H", entries, at + 64)[0]
        title = entries[at:at + min(max(length - 2, 0), 64)].decode("utf-16-le", "replace")
        if entries[at + 66] != 2 or title not in _STREAMS:
            continue
        start, stream_size = struct.unpack_from("<II", entries, at + 116)
        if stream_size >= cutoff:
            return sectors_of(read(start, fat), size, data, 1)[:stream_size]
        mini = sectors_of(read(struct.unpack_from("<I", entries, 116)[0], fat), size, data, 1)
        mini_fat = _numbers(sectors_of(read(mini_fat_start, fat), size, data, 1))
        return sectors_of(read(start, mini_fat), mini_size, mini, 0)[:stream_size]
    return None


def _numbers(data: bytes) -> array.array:
    """Little-endian 32-bit numbers (a FAT), 4 bytes each in memory."""
    numbers = array.array("I", data[:len(data) - len(data) % 4])
    if sys.byteorder == "big":
        numbers.byteswap()
    return numbers


def _sheet_layouts(stream: bytes) -> dict[str, SheetLayout]:
    """The layout of each sheet a BIFF8 ``Workbook`` stream names."""
    sheets: list[tuple[str, int]] = []
    for kind, at, length in _records(stream, 0):
        if kind == _BOUNDSHEET and length >= 8 and stream[at + 5] == 0:
            count, wide = stream[at + 6], stream[at + 7] & 1
            text = stream[at + 8:at + 8 + count * (2 if wide else 1)]
            sheets.append((text.decode("utf-16-le" if wide else "latin-1", "replace"),
                           struct.unpack_from("<I", stream, at)[0]))
        elif kind == _EOF:
            break
    return {sheet: _layout(stream, start) for sheet, start in sheets}


def _layout(stream: bytes, start: int) -> SheetLayout:
    layout = SheetLayout()
    for kind, at, length in _records(stream, start):
        if kind == _ROW and length >= 14 and stream[at + 12] & _ROW_HIDDEN:
            layout.hidden_rows.add(struct.unpack_from("<H", stream, at)[0])
        elif kind == _COLINFO and length >= 10 and stream[at + 8] & _COLUMN_HIDDEN:
            first, last = struct.unpack_from("<HH", stream, at)
            layout.hidden_columns.update(range(first, min(last, 255) + 1))
        elif kind == _AUTOFILTERINFO:
            layout.filtered = (-1, 65_535)
        elif kind == _EOF:
            break
    return layout


def _records(stream: bytes, start: int) -> Iterator[tuple[int, int, int]]:
    """(record type, where its data starts, its length) of the records from ``start``."""
    position = start
    while position + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, position)
        yield kind, position + 4, length
        position += 4 + length
