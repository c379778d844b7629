"""HTML tables, as many bank and ERP systems save "Excel" files (.xls holding ``<table>``).

Owns :class:`HtmlTableReader`: the rows of the file's tables (``<tr>`` of ``<td>``/``<th>``,
closing tags optional as HTML allows, a table nested in a cell read as that cell's text), in
order, numbered as a spreadsheet opening the file shows them; ``colspan`` and ``rowspan`` as
merged cells. A cell's text is what a browser shows: entities decoded (``&nbsp;`` a space),
runs of spaces and line breaks one space, ``<br>`` a line break, the text trimmed; digits kept
as written (a 20-digit account formatted as text stays those digits). Parsed as it is read by
the standard library's :class:`html.parser.HTMLParser`, which expands no external entity.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from html.parser import HTMLParser

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.ingest.detect import MAX_LINE_BYTES
from iotfin_gui.core.ingest.grid import GridReader, GridRow, Spans, cell_too_large
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP

_READ_CHARS = 1 << 16
#: At most this many columns or rows a ``colspan`` or ``rowspan`` may merge.
MAX_SPAN = 1000
_SPACES = re.compile("[ \t\n\r\f]+")
_BREAK = "\x0b"


def cell_value(parts: list[str]) -> str | None:
    """The text a browser shows for a cell's pieces of text (``<br>`` as :data:`_BREAK`)."""
    text = _SPACES.sub(" ", "".join(parts)).replace("\xa0", " ")
    lines = [line.strip(" ") for line in text.split(_BREAK)]
    value = "\n".join(lines).strip("\n ")
    return value or None


def _span(value: str | None) -> int:
    if value is None:
        return 1
    try:
        return min(max(int(str(value).strip()), 1), MAX_SPAN)
    except ValueError:
        return 1


class _Tables(HTMLParser):
    """Collects the rows of the top-level tables of an HTML document fed to it piece by
    piece; :attr:`rows` holds the rows completed so far."""

    def __init__(self, name: str) -> None:
        super().__init__(convert_charrefs=True)
        self.name = name
        self.rows: list[GridRow] = []
        self.tables = 0
        self._spans = Spans()
        self._depth = 0
        self._number = 0
        self._row: list[tuple[int | None, str | None, int, int]] | None = None
        self._cell: list[str] | None = None
        self._cell_spans = (1, 1)
        self._size = 0
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
            return
        if tag == "table":
            self._depth += 1
            if self._depth == 1:
                self.tables += 1
                self._spans.reset()
            return
        if tag == "br" and self._cell is not None:
            self._cell.append(_BREAK)
        if self._depth != 1:
            return
        if tag == "tr":
            self._end_row()
            self._row = []
        elif tag in ("td", "th"):
            self._end_cell()
            if self._row is None:
                self._row = []
            values = dict(attrs)
            self._cell, self._size = [], 0
            self._cell_spans = (_span(values.get("colspan")), _span(values.get("rowspan")))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" and self._cell is not None:
            self._cell.append(_BREAK)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(self._skip - 1, 0)
        elif tag == "table":
            if self._depth == 1:
                self._end_row()
            self._depth = max(self._depth - 1, 0)
        elif self._depth == 1 and tag in ("td", "th"):
            self._end_cell()
        elif self._depth == 1 and tag == "tr":
            self._end_row()

    def handle_data(self, data: str) -> None:
        if self._cell is None or self._skip:
            return
        self._size += len(data)
        if self._size > MAX_LINE_BYTES:
            raise cell_too_large(self._number + 1, self.name)
        self._cell.append(data)

    def finish(self) -> None:
        """At the end of the file: the row still open (its table never closed) is a row."""
        self.close()
        self._end_row()

    def _end_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            across, down = self._cell_spans
            self._row.append((None, cell_value(self._cell), across, down))
        self._cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self._row is not None:
            self._number += 1
            self.rows.append(self._spans.row(self._number, self._row))
        self._row = None


class HtmlTableReader(GridReader):
    """An HTML file's tables (see the module), read as a workbook's sheet is read."""

    empty = QT_TRANSLATE_NOOP("Core", "the HTML file holds no table (no <table> with cells).")

    def grid_rows(self) -> Iterator[GridRow]:
        stream = self._text(max_line=sys.maxsize)
        parser = _Tables(self.fmt.name)
        try:
            while True:
                text = stream.read(_READ_CHARS)
                if text:
                    parser.feed(text)
                else:
                    parser.finish()
                if len(parser.rawdata) > MAX_LINE_BYTES:
                    raise InputError(QT_TRANSLATE_NOOP(
                        "Core", "a tag or comment of the HTML file runs on for more than "
                        "{megabytes} MB: this does not look like a table of data.").format(
                            megabytes=MAX_LINE_BYTES >> 20), file=self.fmt.name)
                rows, parser.rows = parser.rows, []
                yield from rows
                if not text:
                    return
        finally:
            stream.close()
