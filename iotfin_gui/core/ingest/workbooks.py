"""Workbooks (.xlsx, .xlsm, .xlsb, .xls, .ods) read by python-calamine: :class:`ExcelReader`.

Owns the choice of sheet and header row (:func:`find_header_row`, past title rows, blank rows
and merged cells; a header on two rows is joined, see
:mod:`~iotfin_gui.core.ingest.report_lines`), the rows as columns, and
:func:`kept_workbooks`: within one import, the sheet calamine loaded for the preview is kept and
read again by the import pass(es), so a workbook is checked
(:mod:`~iotfin_gui.core.ingest.workbook_guards`) and loaded once. Cells keep the values
calamine gives: a column of numbers becomes Arrow text in one vectorised step (whole numbers
written as integers, as they show in the sheet), not cell by cell.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import os
import threading
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.ingest.readers import (
    HEADER_SEARCH_ROWS,
    RawChunk,
    Reject,
    SourceReader,
    cell_text,
    check_width,
    find_header_row,
    printable,
    set_aside_report_rows,
    two_row_header,
)
from iotfin_gui.core.ingest.report_lines import joined_header
from iotfin_gui.core.ingest.workbook_guards import SheetLayout, check_workbook, column_letters
from iotfin_gui.core.ingest.xls_layout import xls_layouts
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message

#: How many hidden rows a note names (the quarantine names every one).
_ROWS_NAMED = 10


def _excel_value(value: Any) -> Any:
    """A cell as calamine gives it, empty cells as None and whole floats as ints."""
    if value == "":
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _excel_text(value: Any) -> str | None:
    """A cell as calamine gives it (or as :func:`_excel_value` made it) as text, fast for the
    plain cases: text, and numbers (whole floats written as integers)."""
    kind = type(value)
    if kind is str:
        return value or None
    if kind is float:
        if value.is_integer() and abs(value) < 2**53:
            return str(int(value))
        return None if value != value else repr(value)
    return cell_text(value)


class ExcelReader(SourceReader):
    """One sheet of an .xlsx, .xlsm, .xlsb, .xls or .ods workbook, read by python-calamine.

    The sheet is the one named (or numbered from 1), else the first visible worksheet; the
    header is the row named by ``header_row`` or else found by :func:`find_header_row` past
    title rows, blank rows and merged cells (whose empty header cells take the merged value),
    joined with the row below when that names a group's sub-columns. What was chosen is written
    back into ``fmt``. Row numbers are the sheet's; blank rows are skipped, and totals rows and
    note lines are set aside as rejects, not imported. The sheet is read as Excel shows it: rows
    it hides below the header (subtotals, rows its AutoFilter filters out) are set aside with
    their row number, and the columns it hides are left out; a note names both.
    """

    def open(self) -> None:
        from python_calamine import CalamineError

        name: str | None = None
        try:
            entry = _workbook(self.fmt.path, self.fmt.name)
            #: The book this reader closes (None while :func:`kept_workbooks` keeps it).
            self._owned = entry if _kept() is None else None
            book, self.sheets = entry["book"], entry["sheets"]
            name = self._sheet_name(entry, book, entry["visible"])
            sheet = _sheet(entry, name)
            layout = entry["layouts"].get(name) or SheetLayout()
            merged = sheet.merged_cell_ranges or layout.merges
        except (CalamineError, OSError, ValueError) as error:
            if name is not None:
                raise InputError(QT_TRANSLATE_NOOP(
                    "Core", "sheet {sheet!r} is damaged ({error}): a cell holds a value that is "
                    "not of its type. Open and save the workbook in Excel, or export the sheet "
                    "as CSV.").format(sheet=name, error=str(error)), file=self.fmt.name) from error
            raise InputError(QT_TRANSLATE_NOOP("Core", "cannot open the workbook: {error}.").format(
                error=str(error)), file=self.fmt.name) from error
        self._total = sheet.total_height + 1
        self._offset = sheet.start[1] if sheet.start else 0
        self._rows = enumerate(sheet.iter_rows(), start=1)
        top = list(itertools.islice(self._rows, max(HEADER_SEARCH_ROWS, self.fmt.header_row or 0)))
        values = [(line, list(map(_excel_value, row))) for line, row in top]
        if not any(v is not None for _, row in values for v in row):
            raise InputError(QT_TRANSLATE_NOOP("Core", "the sheet is empty."), file=self.fmt.name)
        header = self._header_index(values, merged)
        if header is None:
            self._merged_down = self._data_merges(merged, 0)
            self._width = max(max((i + 1 for i, v in enumerate(row) if v is not None), default=0)
                              for _, row in values)
            check_width(self._width, self.fmt.name)
            self._shown(layout, name, 0, [None] * self._width)
            self.columns = [f"column_{i + 1}" for i in self._keep]
            self._rows = itertools.chain(top, self._rows)
            self.fmt = dataclasses.replace(self.fmt, sheet=name, header=False, header_row=None)
            return
        line, row = values[header]
        row, spread = self._merged_names(line, row, merged)
        below = values[header + 1][1] if header + 1 < len(values) else []
        joined = joined_header(row, below, spread)
        if joined is not None:
            row = joined
            self.warnings.append(two_row_header(line, joined, values[header + 1][0]))
        self._merged_down = self._data_merges(merged, line + (joined is not None))
        self._width = max(i + 1 for i, v in enumerate(row) if v is not None)
        self._shown(layout, name, line + (joined is not None), row)
        self._set_columns([row[i] for i in self._keep])
        self._rows = itertools.chain(top[header + 1 + (joined is not None):], self._rows)
        self.fmt = dataclasses.replace(self.fmt, sheet=name, header=True, header_row=line)

    def _sheet_name(self, entry: dict[str, Any], book: Any, visible: list[str]) -> str:
        """The sheet asked for (by name, or number from 1), else the first visible worksheet
        past cover sheets (see :func:`_is_cover`); a note names the cover sheets passed over."""
        wanted, names = self.fmt.sheet, book.sheet_names
        candidates = visible or self.sheets or names
        if wanted is None:
            name = next((n for n in candidates if not _is_cover(entry, n)), candidates[0])
        elif wanted in names:
            name = wanted
        elif str(wanted).strip().isdigit() and 1 <= int(wanted) <= len(names):
            name = names[int(wanted) - 1]
        else:
            raise InputError(QT_TRANSLATE_NOOP(
                "Core", "there is no sheet {sheet!r}; sheets: {sheets}.").format(
                    sheet=wanted, sheets=", ".join(names)), file=self.fmt.name)
        before = candidates[:candidates.index(name)] if name in candidates else []
        if before and all(_is_cover(entry, n) for n in before):
            self.warnings.append(QT_TRANSLATE_NOOP(
                "Core", "sheet {skipped} holds no table (one column of text at most); sheet "
                "{sheet!r} was read (--sheet or the dialog chooses another).").format(
                    skipped=", ".join(map(repr, before)), sheet=name))
        return name

    def _shown(self, layout: SheetLayout, sheet: str, header: int, names: list[Any]) -> None:
        """What of the sheet is read, as Excel shows it: ``_keep``, the indexes (within the
        table's width) of the columns it does not hide, and ``_hidden``, the reason each row
        it hides below sheet line ``header`` (down to its last cell) is set aside, by line; a
        note names both."""
        hidden = {column - self._offset for column in layout.hidden_columns}
        self._keep = [i for i in range(self._width) if i not in hidden]
        if len(self._keep) < self._width:
            self.warnings.append(QT_TRANSLATE_NOOP(
                "Core", "sheet {sheet!r} hides column(s) {columns}: they were left out, as Excel "
                "does not show them (unhide them in Excel to import them).").format(
                    sheet=sheet, columns=", ".join(
                        column_letters(i + self._offset) + (f" ({names[i]})" if names[i] else "")
                        for i in range(self._width) if i in hidden)))
        lines = sorted(row + 1 for row in layout.hidden_rows if header < row + 1 <= self._total)
        self._hidden: dict[int, Message] = {line: QT_TRANSLATE_NOOP(
            "Core", "is filtered out by the sheet's AutoFilter") if layout.filters(line - 1)
            else QT_TRANSLATE_NOOP("Core", "is hidden in the sheet") for line in lines}
        if not lines:
            return
        named = ", ".join(map(str, lines[:_ROWS_NAMED])) + (", ..." if len(lines) >
                                                            _ROWS_NAMED else "")
        filtered = sum(1 for line in lines if layout.filters(line - 1))
        note = QT_TRANSLATE_NOOP(
            "Core", "sheet {sheet!r} hides {count} row(s) below its header (rows {rows}; "
            "{filtered} of them filtered out by its AutoFilter): they were set aside with their "
            "row number, not imported, as Excel does not show them. Unhide them in Excel to "
            "import them.") if filtered else QT_TRANSLATE_NOOP(
            "Core", "sheet {sheet!r} hides {count} row(s) below its header (rows {rows}; "
            "subtotals, or detail left out): they were set aside with their row number, not "
            "imported, as Excel does not show them. Unhide them in Excel to import them.")
        self.warnings.append(note.format(sheet=sheet, count=len(lines), rows=named,
                                         filtered=filtered))

    def _header_index(self, top: list[tuple[int, list[Any]]],
                      merged: list[tuple[tuple[int, int], tuple[int, int]]]) -> int | None:
        """Where the header is in ``top``: as the options say, else as found (the first of two
        rows when the row found names the sub-columns of groups in the row above)."""
        if not self.fmt.header:
            return None
        if self.fmt.header_row is None:
            found = find_header_row([row for _, row in top])
            if found:
                above, spread = self._merged_names(*top[found - 1], merged)
                if joined_header(above, top[found][1], spread) is not None:
                    return found - 1
            return found
        for index, (line, row) in enumerate(top):
            if line == self.fmt.header_row and any(v is not None for v in row):
                return index
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "row {row} of the sheet is empty or missing; it cannot be the header row."
        ).format(row=self.fmt.header_row), file=self.fmt.name)

    def _data_merges(self, merged: list[tuple[tuple[int, int], tuple[int, int]]],
                     header: int) -> dict[int, list[tuple[int, int]]]:
        """The ranges merged down over rows below sheet line ``header`` (from 1; 0 for a sheet
        without a header), by their top row (0-based):
        (bottom row, column) each, the column counted from the sheet's first. A note says how
        many cells take the merged value."""
        downs: dict[int, list[tuple[int, int]]] = {}
        for (top, left), (bottom, _right) in merged:
            if bottom > top >= header:
                downs.setdefault(top, []).append((bottom, left - self._offset))
        if downs:
            first = min(downs)
            bottom, column = downs[first][0]
            self.warnings.append(QT_TRANSLATE_NOOP(
                "Core", "{count} cell(s) merged down over several rows (e.g. {cells}) were read "
                "with the merged value on each row, as the sheet shows it.").format(
                    count=sum(b - t for t, spans in downs.items() for b, _ in spans),
                    cells=f"{column_letters(column + self._offset)}{first + 1}:"
                          f"{column_letters(column + self._offset)}{bottom + 1}"))
        return downs

    def _merged_names(self, line: int, row: list[Any],
                      merged: list[tuple[tuple[int, int], tuple[int, int]]]
                      ) -> tuple[list[Any], list[bool]]:
        """The header row with the empty cells of a merged range named after its value, and
        which cells were named so."""
        row = list(row)
        spread = [False] * len(row)
        for (top, left), (bottom, right) in merged:
            if not top <= line - 1 <= bottom:
                continue
            first = left - self._offset
            if not 0 <= first < len(row) or row[first] is None:
                continue
            for column in range(first + 1, min(right - self._offset + 1, len(row))):
                if row[column] is None:
                    row[column] = row[first]
                    spread[column] = True
        return row, spread

    def chunks(self) -> Iterator[RawChunk]:
        width = self._width
        rows: list[list[Any]] = []
        lines: list[int] = []
        rejects: list[Reject] = []
        downs = self._merged_down
        spans: list[tuple[int, int, Any]] = []
        hidden, keep = self._hidden, self._keep if len(self._keep) < width else None
        for line, row in self._rows:
            if row.count("") == len(row):
                continue
            if downs:
                row, spans = _fill_merged_down(line - 1, row, downs, spans)
            if hidden and line in hidden:
                rejects.append(Reject(line, None, printable(
                    " | ".join(_excel_text(c) or "" for c in row)), hidden[line]))
                continue
            extra = len(row) - width - row[width:].count("") if len(row) > width else 0
            if extra:
                reason = QT_TRANSLATE_NOOP(
                    "Core", "has {count} value(s) beyond the {width} columns").format(
                        count=extra, width=width)
                rejects.append(Reject(line, None, printable(
                    " | ".join(_excel_text(c) or "" for c in row)), reason))
                continue
            row = row if len(row) == width else (row + [""] * width)[:width]
            if keep is not None:
                shown = [row[i] for i in keep]
                if shown.count("") == len(shown):
                    rejects.append(Reject(line, None, printable(
                        " | ".join(_excel_text(c) or "" for c in row)), QT_TRANSLATE_NOOP(
                            "Core", "holds values only in columns the sheet hides")))
                    continue
                row = shown
            rows.append(row)
            lines.append(line)
            if len(rows) >= self.chunk_rows:
                yield self._excel_chunk(rows, lines, rejects)
                rows, lines, rejects = [], [], []
        if rows or rejects:
            yield self._excel_chunk(rows, lines, rejects)

    def _excel_chunk(self, rows: list[list[Any]], lines: list[int],
                     rejects: list[Reject]) -> RawChunk:
        cells = list(zip(*rows, strict=True)) if rows else [() for _ in self.columns]
        columns = {name: sheet_column(values) for name, values in zip(self.columns, cells,
                                                                       strict=True)}
        fraction = min(lines[-1] / self._total, 1.0) if lines else None
        chunk = RawChunk(columns, np.asarray(lines, dtype=np.int64), rejects, fraction)
        return set_aside_report_rows(chunk, " | ")

    def close(self) -> None:
        _close_book(getattr(self, "_owned", None))


def _is_cover(entry: dict[str, Any], name: str) -> bool:
    """Whether sheet ``name``'s first rows hold one column of values at most (a cover sheet: a
    title, notes, instructions), so that it holds no table. A sheet that cannot be loaded is
    no cover: reading it then says what is wrong with it."""
    from python_calamine import CalamineError

    try:
        sheet = _sheet(entry, name)
    except (CalamineError, ValueError):
        return False
    rows = itertools.islice(sheet.iter_rows(), HEADER_SEARCH_ROWS)
    return sum(1 for column in itertools.zip_longest(*rows, fillvalue="")
               if any(c != "" for c in column)) <= 1


def _fill_merged_down(index: int, row: list[Any], downs: dict[int, list[tuple[int, int]]],
                      spans: list[tuple[int, int, Any]]
                      ) -> tuple[list[Any], list[tuple[int, int, Any]]]:
    """Row ``index`` (0-based, not blank: a blank row under a merge stays blank) with its empty
    cells under a range merged down from a row above given that range's value; ``spans`` are
    the ranges open so far (bottom, column, value), and the ones still open after this row are
    returned with it."""
    spans = [span for span in spans if span[0] >= index]
    if spans:
        row = list(row)
        for _bottom, column, value in spans:
            if column < len(row) and row[column] == "":
                row[column] = value
    for bottom, column in downs.get(index, ()):
        if column < len(row) and row[column] != "":
            spans.append((bottom, column, row[column]))
    return row, spans


def sheet_column(values: Sequence[Any]) -> Sequence[Any]:
    """One column of sheet cells as the readers give columns: numbers (with empty cells) as an
    Arrow string array written as :func:`_excel_text` writes each, texts as a list (empty cells
    None), anything else (dates, yes/no, mixed) cell by cell."""
    kinds = set(map(type, values))
    if kinds == {str}:
        return [v or None for v in values]
    if not kinds <= {float, str} or (str in kinds and values.count("") + sum(
            1 for v in values if type(v) is float) != len(values)):
        return [_excel_text(v) for v in values]
    cells = np.array(values, dtype=object)
    cells[cells == ""] = np.nan
    return _number_texts(cells.astype(np.float64))


def _number_texts(numbers: np.ndarray) -> pa.Array:
    """Floats as :func:`_excel_text` writes them, vectorised: whole ones below 2**53 as integers,
    others in the shortest form that reads back the same float; NaN as an empty text (as an
    empty CSV field reads)."""
    absent = np.isnan(numbers)
    whole = ~absent & (numbers == np.round(numbers)) & (np.abs(numbers) < 2.0**53)
    integers = pc.cast(pa.array(np.where(whole, numbers, 0).astype(np.int64)), pa.string())
    floats = pc.cast(pa.array(numbers, mask=absent), pa.string())
    return pc.if_else(pa.array(whole), integers, floats).fill_null("")


#: Per thread, within :func:`kept_workbooks`: path -> the checked book, its sheets and the
#: loaded ones.
_local = threading.local()


def _kept() -> dict[str, dict[str, Any]] | None:
    return getattr(_local, "kept", None)


@contextlib.contextmanager
def kept_workbooks() -> Iterator[None]:
    """Keep every workbook this thread opens in the block, checked and with its loaded sheets,
    until the block ends: the preview and each pass of an import then load a sheet once."""
    if _kept() is not None:
        yield
        return
    _local.kept = {}
    try:
        yield
    finally:
        books, _local.kept = _local.kept, None
        for entry in books.values():
            _close_book(entry)


def _close_book(entry: dict[str, Any] | None) -> None:
    if entry is not None:
        with contextlib.suppress(Exception):
            entry["book"].close()


def _workbook(path: str, name: str) -> dict[str, Any]:
    """The checked workbook at ``path`` (kept, or opened now): the book, its worksheets, the
    visible ones and the sheets loaded so far; a file changed since it was kept is opened
    again."""
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    kept = _kept()
    stat = os.stat(path)
    entry = kept.get(path) if kept is not None else None
    if entry is not None and entry["stamp"] == (stat.st_size, stat.st_mtime_ns):
        return entry
    layouts = check_workbook(path, name) or xls_layouts(path)
    book = CalamineWorkbook.from_path(path)
    sheets = [m.name for m in book.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
    visible = [m.name for m in book.sheets_metadata
               if m.name in sheets and m.visible == SheetVisibleEnum.Visible]
    entry = {"stamp": (stat.st_size, stat.st_mtime_ns), "book": book, "sheets": sheets,
             "visible": visible, "loaded": {}, "layouts": layouts}
    if kept is not None:
        _close_book(kept.pop(path, None))
        kept[path] = entry
    return entry


def _sheet(entry: dict[str, Any], name: str) -> Any:
    """Sheet ``name`` of the workbook ``entry``, loaded once while the book is kept."""
    if name not in entry["loaded"]:
        entry["loaded"][name] = entry["book"].get_sheet_by_name(name)
    return entry["loaded"][name]
