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

import struct
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
    """The ``Workbook`` stream of a compound file, or None when it has none."""
    shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    size, mini_size = 1 << shift, 1 << mini_shift
    directory, cutoff, mini_fat_start = (struct.unpack_from("<I", data, at)[0]
                                         for at in (0x30, 0x38, 0x3C))
    fat_count, difat_start = struct.unpack_from("<I", data, 0x2C)[0], \
        struct.unpack_from("<I", data, 0x44)[0]
    difat = [s for s in struct.unpack_from("<109I", data, 0x4C) if s < _END_OF_CHAIN]
    sector = difat_start
    while sector < _END_OF_CHAIN and len(difat) < fat_count:
        entries = struct.unpack_from(f"<{size // 4}I", data, (sector + 1) * size)
        difat.extend(s for s in entries[:-1] if s < _END_OF_CHAIN)
        sector = entries[-1]
    fat: list[int] = []
    for sector in difat[:fat_count]:
        fat.extend(struct.unpack_from(f"<{size // 4}I", data, (sector + 1) * size))

    def chain(start: int, table: list[int]) -> list[int]:
        sectors: list[int] = []
        while start < _END_OF_CHAIN and len(sectors) <= len(table):
            sectors.append(start)
            start = table[start]
        return sectors

    def read(start: int) -> bytes:
        return b"".join(data[(s + 1) * size:(s + 2) * size] for s in chain(start, fat))

    entries = read(directory)
    root_start = struct.unpack_from("<I", entries, 116)[0]
    for at in range(0, len(entries) - 127, 128):
        length = struct.unpack_from("<H", entries, at + 64)[0]
        title = entries[at:at + max(length - 2, 0)].decode("utf-16-le", "replace")
        if entries[at + 66] != 2 or title not in _STREAMS:
            continue
        start, stream_size = struct.unpack_from("<II", entries, at + 116)
        if stream_size >= cutoff:
            return read(start)[:stream_size]
        mini = read(root_start)
        mini_fat = list(struct.unpack(f"<{len(read(mini_fat_start)) // 4}I",
                                      read(mini_fat_start)))
        return b"".join(mini[s * mini_size:(s + 1) * mini_size]
                        for s in chain(start, mini_fat))[:stream_size]
    return None


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
