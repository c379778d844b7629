"""Excel 2003 XML spreadsheets (SpreadsheetML: ``<Workbook xmlns="urn:schemas-microsoft-com:
office:spreadsheet">``), as older banking systems save .xls and .xml files.

Owns :class:`ExcelXmlReader`: one worksheet (named or numbered by ``sheet``, else the first),
its rows and cells placed by ``ss:Index`` and merged by ``ss:MergeAcross``/``ss:MergeDown``,
numbered as the sheet's rows. A cell reads as the sheet shows it: ``Number`` as written,
``DateTime`` as ISO (the date alone at midnight), ``Boolean`` as true/false, ``String`` as is.
Parsed as it is read by expat with the care defusedxml takes: a document type declaration
(where entities, and so "billion laughs" expansions, are declared) is refused.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterator
from xml.parsers import expat

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.ingest.detect import MAX_LINE_BYTES, GuardedFile
from iotfin_gui.core.ingest.grid import GridReader, GridRow, Spans, cell_too_large
from iotfin_gui.core.ingest.readers import HEADER_SEARCH_ROWS
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message

_READ_BYTES = 1 << 16
MAX_SPAN = 1000
#: The largest ``ss:Index`` of a row or cell (Excel's sheet size).
MAX_ROW, MAX_COLUMN = 1_048_576, 16_384
_MIDNIGHT = re.compile(r"T00:00:00(\.0*)?$")
_NO_DATE = "1899-12-31T"


def cell_text(kind: str, text: str) -> str | None:
    """A ``<Data ss:Type=kind>`` element's ``text`` as the sheet shows it."""
    if kind == "DateTime":
        text = text.strip()
        if _MIDNIGHT.search(text):
            return text[:10]
        if text.startswith(_NO_DATE):
            return text[len(_NO_DATE):].removesuffix(".000")
        return text.replace("T", " ").removesuffix(".000")
    if kind == "Boolean":
        return {"1": "true", "0": "false"}.get(text.strip(), text)
    if kind == "Number":
        return text.strip() or None
    return text or None


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1]


def _number(value: str | None, most: int) -> int | None:
    if value is None:
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        return None
    return number if 1 <= number <= most else None


class _Sheet:
    """The expat handlers collecting the rows of the worksheet wanted (its name, or its number
    from 1; None: the first that holds a table, past cover sheets whose first
    :data:`HEADER_SEARCH_ROWS` rows fill one column at most; the first sheet when all are
    covers)."""

    def __init__(self, wanted: str | None, name: str) -> None:
        self.wanted = wanted
        self.name = name
        self.sheets: list[str] = []
        self.rows: list[GridRow] = []
        self.done = False
        #: The cover sheets passed over, and the first one's rows (read if all are covers).
        self.covers: list[str] = []
        self._first_cover: list[GridRow] | None = None
        #: While looking past cover sheets: the rows of the sheet so far, and its columns.
        self._held: list[GridRow] | None = None
        self._filled: set[int] = set()
        self._spans = Spans()
        self._inside = False
        self._depth = 0
        self._number = 0
        self._row: list[tuple[int | None, str | None, int, int]] | None = None
        self._cell: tuple[int | None, int, int] | None = None
        self._kind = ""
        self._text: list[str] | None = None
        self._size = 0

    def _is_wanted(self, sheet: str) -> bool:
        wanted = self.wanted
        if wanted is None:
            return True
        return sheet == wanted or (str(wanted).strip().isdigit()
                                   and int(wanted) == len(self.sheets))

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        tag = _local(tag)
        values = {_local(k): v for k, v in attrs.items()} if attrs else attrs
        if tag == "Worksheet":
            self.sheets.append(values.get("Name", f"Sheet{len(self.sheets) + 1}"))
            self._inside = not self.done and self._is_wanted(self.sheets[-1])
            if self._inside and self.wanted is None:
                self._held, self._filled = [], set()
                self._spans.reset()
                self._number = 0
            return
        if not self._inside:
            return
        if tag == "Row":
            index = _number(values.get("Index"), MAX_ROW)
            self._number = index if index is not None and index > self._number else \
                self._number + 1
            self._row = []
        elif tag == "Cell" and self._row is not None:
            index = _number(values.get("Index"), MAX_COLUMN)
            across = (_number(values.get("MergeAcross"), MAX_SPAN) or 0) + 1
            down = (_number(values.get("MergeDown"), MAX_SPAN) or 0) + 1
            self._cell = (index - 1 if index is not None else None, across, down)
            self._text = None
        elif tag == "Data" and self._cell is not None:
            self._kind, self._text, self._size = values.get("Type", "String"), [], 0
            self._depth = 1
        elif self._text is not None:
            self._depth += 1

    def end(self, tag: str) -> None:
        tag = _local(tag)
        if tag == "Worksheet":
            if self._inside and self._held is not None:
                self.covers.append(self.sheets[-1])
                if self._first_cover is None:
                    self._first_cover = self._held
            elif self._inside:
                self.done = True
            self._inside = False
        elif not self._inside:
            return
        elif tag == "Data":
            self._depth = 0
        elif tag == "Cell" and self._cell is not None and self._row is not None:
            column, across, down = self._cell
            value = cell_text(self._kind, "".join(self._text)) if self._text is not None \
                else None
            self._row.append((column, value, across, down))
            self._cell, self._text = None, None
        elif tag == "Row" and self._row is not None:
            self._add(self._spans.row(self._number, self._row))
            self._row = None

    def _add(self, row: GridRow) -> None:
        """Keep ``row``; while the sheet may be a cover, hold it until the sheet shows a
        second column or more rows than a cover has."""
        if self._held is None:
            self.rows.append(row)
            return
        self._held.append(row)
        self._filled.update(i for i, v in enumerate(row.cells) if v is not None)
        if len(self._filled) > 1 or len(self._held) > HEADER_SEARCH_ROWS:
            self.rows.extend(self._held)
            self._held = None

    def finish(self) -> None:
        """At the end of the document: a workbook of cover sheets only reads its first."""
        if not self.done and self.wanted is None and self._first_cover is not None:
            self.rows.extend(self._first_cover)
            self.covers = []

    def data(self, text: str) -> None:
        if self._text is None or not self._depth:
            return
        self._size += len(text)
        if self._size > MAX_LINE_BYTES:
            raise cell_too_large(self._number, self.name)
        self._text.append(text)


class ExcelXmlReader(GridReader):
    """One worksheet of an Excel 2003 XML file (see the module), read as a workbook's sheet."""

    empty = QT_TRANSLATE_NOOP("Core", "the sheet is empty.")

    def grid_rows(self) -> Iterator[GridRow]:
        guard = self._guard = GuardedFile(self.fmt.path, self.fmt.name, max_line=sys.maxsize,
                                          compression=self.fmt.compression)
        stream = io.BufferedReader(guard, _READ_BYTES)
        sheet = _Sheet(self.fmt.sheet, self.fmt.name)
        self.sheets = sheet.sheets
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = self._doctype
        parser.EntityDeclHandler = self._doctype
        parser.StartElementHandler = sheet.start
        parser.EndElementHandler = sheet.end
        parser.CharacterDataHandler = sheet.data
        parser.buffer_text = True
        try:
            while True:
                data = stream.read(_READ_BYTES)
                try:
                    parser.Parse(data, not data)
                except expat.ExpatError as error:
                    raise InputError(QT_TRANSLATE_NOOP(
                        "Core", "the XML is not well-formed ({error}); export the sheet again "
                        "or save it as .xlsx.").format(error=str(error)),
                        file=self.fmt.name) from error
                if not data:
                    sheet.finish()
                if sheet.done and sheet.covers:
                    self.warnings.append(_covers_note(sheet.covers, sheet.sheets[len(
                        sheet.covers)]))
                    sheet.covers = []
                rows, sheet.rows = sheet.rows, []
                yield from rows
                if not data or sheet.done:
                    break
        finally:
            stream.close()
        if not sheet.done and not sheet.rows and self.fmt.sheet is not None:
            raise InputError(QT_TRANSLATE_NOOP(
                "Core", "there is no sheet {sheet!r}; sheets: {sheets}.").format(
                    sheet=self.fmt.sheet, sheets=", ".join(sheet.sheets)), file=self.fmt.name)

    def _doctype(self, *args: object) -> None:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "the XML file declares a document type or entities, which a spreadsheet "
            "never needs: refused, as entities can expand without bound."), file=self.fmt.name)


def _covers_note(covers: list[str], sheet: str) -> Message:
    return QT_TRANSLATE_NOOP(
        "Core", "sheet {skipped} holds no table (one column of text at most); sheet "
        "{sheet!r} was read (--sheet or the dialog chooses another).").format(
            skipped=", ".join(map(repr, covers)), sheet=sheet)
