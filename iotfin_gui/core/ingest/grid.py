"""Tables given cell by cell in markup (HTML tables, Excel 2003 XML): :class:`GridReader`.

Owns what such readers share with the workbook reader: the header found past title rows, blank
rows and note lines (:func:`~iotfin_gui.core.ingest.readers.find_header_row`), a header on two
rows joined (:func:`~iotfin_gui.core.ingest.report_lines.joined_header`), rows checked against
the header's width, and totals rows, note lines, page footers and a report's heading or column
names repeated on a new page set aside with their reason. A subclass parses its markup into
:class:`GridRow` objects, as it streams the file: memory stays bounded by the chunk size.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.ingest.detect import MAX_LINE_BYTES
from iotfin_gui.core.ingest.readers import (
    _SUSPECT,
    HEADER_SEARCH_ROWS,
    RawChunk,
    Reject,
    SourceReader,
    check_width,
    find_header_row,
    printable,
    set_aside_report_rows,
    two_row_header,
)
from iotfin_gui.core.ingest.report_lines import PageRepeats, joined_header
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message


@dataclass
class GridRow:
    """One row of a table: its number (the row as a spreadsheet opening the file shows it),
    its cells (None when empty), which cells a merge across fills (``across``) and which a merge
    down from a row above fills with that row's value (``down``)."""

    number: int
    cells: list[str | None]
    across: list[bool]
    down: list[bool]

    def as_header(self) -> list[str | None]:
        """The cells as a header row: those filled from a merged-down cell above are empty."""
        return [None if d else v for v, d in zip(self.cells, self.down, strict=True)]


class GridReader(SourceReader):
    """Rows of cells from :meth:`grid_rows`, read as the workbook reader reads a sheet."""

    #: The error's message when no cell is filled.
    empty: Message

    def grid_rows(self) -> Iterator[GridRow]:
        raise NotImplementedError

    def open(self) -> None:
        self._rows = self.grid_rows()
        wanted = self.fmt.header_row
        top = list(itertools.islice(self._rows, max(HEADER_SEARCH_ROWS, wanted or 0)))
        if not any(v is not None for row in top for v in row.cells):
            raise InputError(self.empty, file=self.fmt.name)
        self._repeats: PageRepeats | None = None
        header = self._header_index(top)
        if header is None:
            self._width = max(max((i + 1 for i, v in enumerate(row.cells) if v is not None),
                                  default=0) for row in top)
            check_width(self._width, self.fmt.name)
            self.columns = [f"column_{i}" for i in range(1, self._width + 1)]
            self._rows = itertools.chain(top, self._rows)
            self.fmt = dataclasses.replace(self.fmt, header=False, header_row=None)
            return
        row = top[header]
        names = row.as_header()
        below = top[header + 1] if header + 1 < len(top) else None
        joined = joined_header(names, below.as_header(), row.across) if below else None
        if joined is not None:
            names = joined
            self.warnings.append(two_row_header(row.number, joined, below.number))
        self._width = max(i + 1 for i, v in enumerate(names) if v is not None)
        self._set_columns(names[: self._width])
        self._repeats = PageRepeats(names, [r.cells for r in top[:header]])
        after = header + 1 + (joined is not None)
        self._rows = itertools.chain(top[after:], self._rows)
        self.fmt = dataclasses.replace(self.fmt, header=True, header_row=row.number)
        if header > 0:
            self.warnings.append(QT_TRANSLATE_NOOP(
                "Core", "the column names are on row {row}; the rows above them (a title, "
                "notes) were not imported.").format(row=row.number))

    def _header_index(self, top: list[GridRow]) -> int | None:
        """Where the header is in ``top``: the row the options name, else the one found (the
        first of two rows when the row found names the sub-columns of groups above it)."""
        if not self.fmt.header:
            return None
        wanted = self.fmt.header_row
        if wanted is None:
            found = find_header_row([row.as_header() for row in top])
            if found and joined_header(top[found - 1].as_header(), top[found].as_header(),
                                       top[found - 1].across) is not None:
                return found - 1
            return found
        for index, row in enumerate(top):
            if row.number == wanted and any(v is not None for v in row.cells):
                return index
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "row {row} of the sheet is empty or missing; it cannot be the header row."
        ).format(row=wanted), file=self.fmt.name)

    def chunks(self) -> Iterator[RawChunk]:
        width = self._width
        rows: list[list[str | None]] = []
        lines: list[int] = []
        rejects: list[Reject] = []
        for row in self._rows:
            cells = row.cells
            if all(v is None for v in cells):
                continue
            extra = sum(1 for v in cells[width:] if v is not None)
            suspect = next((v for v in cells if v is not None and _SUSPECT.search(v)), None)
            if suspect is not None:
                rejects.append(Reject(row.number, None, printable(" | ".join(
                    v or "" for v in cells)), QT_TRANSLATE_NOOP("Core", "contains a NUL byte")
                    if "\x00" in suspect else QT_TRANSLATE_NOOP(
                        "Core", "contains bytes that are not valid {encoding} (is part of the "
                        "file in another encoding?)").format(encoding=self.fmt.encoding)))
                continue
            if extra:
                rejects.append(Reject(row.number, None, printable(
                    " | ".join(v or "" for v in cells)), QT_TRANSLATE_NOOP(
                        "Core", "has {count} value(s) beyond the {width} columns").format(
                            count=extra, width=width)))
                continue
            rows.append((cells + [None] * width)[:width])
            lines.append(row.number)
            if len(rows) >= self.chunk_rows:
                yield self._chunk(rows, lines, rejects)
                rows, lines, rejects = [], [], []
        if rows or rejects:
            yield self._chunk(rows, lines, rejects)

    def _chunk(self, rows: list[list[str | None]], lines: list[int],
               rejects: list[Reject]) -> RawChunk:
        columns = [list(values) for values in zip(*rows, strict=True)] if rows else \
            [[] for _ in self.columns]
        chunk = RawChunk(dict(zip(self.columns, columns, strict=True)),
                         np.asarray(lines, dtype=np.int64), rejects, self.fraction(),
                         self.bytes_read)
        return set_aside_report_rows(chunk, " | ", self._repeats)


def cell_too_large(row: int, name: str) -> InputError:
    """The refusal of a cell of markup (HTML, Excel 2003 XML) past :data:`MAX_LINE_BYTES` of
    text on sheet row ``row`` of file ``name``: a table of data never holds one."""
    return InputError(QT_TRANSLATE_NOOP(
        "Core", "a cell on row {row} holds more than {megabytes} MB of text: this does not look "
        "like a table of data.").format(row=row, megabytes=MAX_LINE_BYTES >> 20), file=name)


class Spans:
    """Places a row's cells in their columns, past the columns that cells merged down from rows
    above cover, and fills those with the merged value."""

    def __init__(self) -> None:
        #: column -> (rows still covered below, value)
        self._downs: dict[int, tuple[int, str | None]] = {}

    def reset(self) -> None:
        self._downs = {}

    def row(self, number: int, cells: list[tuple[int | None, str | None, int, int]]) -> GridRow:
        """A row of ``cells``: (column from 0 or None for the next free one, value, columns
        across, rows down) each."""
        if not self._downs and all(c[0] is None and c[2] == c[3] == 1 for c in cells):
            plain = [False] * len(cells)
            return GridRow(number, [c[1] for c in cells], plain, list(plain))
        values: list[str | None] = []
        across: list[bool] = []
        down: list[bool] = []
        below: dict[int, tuple[int, str | None]] = {}

        def put(column: int, value: str | None, spread: bool, merged: bool) -> None:
            while len(values) < column:
                values.append(None)
                across.append(False)
                down.append(False)
            values.append(value)
            across.append(spread)
            down.append(merged)

        def covered(until: int | None) -> None:
            for column in sorted(c for c in self._downs if c >= len(values)
                                 and (until is None or c < until)):
                left, value = self._downs[column]
                put(column, value, False, True)
                if left > 1:
                    below[column] = (left - 1, value)

        for column, value, span, rows in cells:
            if column is None:
                column = len(values)
                while column in self._downs:
                    covered(column + 1)
                    column = len(values)
            covered(column)
            if column < len(values):
                continue  # a cell placed over a merged one: the merge's value stands
            for offset in range(span):
                put(column + offset, value if offset == 0 else None, offset > 0, False)
                if rows > 1:
                    below[column + offset] = (rows - 1, value if offset == 0 else None)
        covered(None)
        self._downs = below
        return GridRow(number, values, across, down)
