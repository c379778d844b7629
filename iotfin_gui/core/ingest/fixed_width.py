"""Fixed-width text reports (.txt, .prn, .dat) as core-banking systems print them.

Owns :func:`find_layout` (the columns of a report: a line of column names underlined by a rule
of dashes, ``------  ------``, each run of dashes one column) and :class:`FixedWidthReader`.
Columns are measured as the report was written: in display columns (a CJK character two wide),
in the bytes of the file's encoding (GBK, Big5, Shift-JIS reports padded byte by byte, which is
the same for CJK text; UTF-8 ones padded by bytes) or in characters; the measure under which the
header and the lines below it line up with the rule is the one used. A line whose text runs
across the gap between two columns is set aside, never split where it would give wrong values.
The page furniture a printed report repeats (page footers, the title and the column names again,
the rule under them, a rule that closes a page's table and the counts below it) is set aside
with its reason, as totals rows and note lines are
(:mod:`~iotfin_gui.core.ingest.report_lines`).
"""

from __future__ import annotations

import codecs
import dataclasses
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.ingest.readers import (
    _SUSPECT,
    RawChunk,
    Reject,
    SourceReader,
    printable,
    set_aside_report_rows,
)
from iotfin_gui.core.ingest.report_lines import PageRepeats, filled_cells
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message

#: How many lines at the top of a report are searched for the underlined column names.
LAYOUT_SEARCH_LINES = 200
#: A rule under the column names: two or more runs of dashes (or ``=``, box-drawing lines)
#: separated by spaces, one of them two long at least (a one-letter column has one dash).
_RULE = re.compile("^ *(?=.*[-=─━]{2})([-=─━]+ +)+[-=─━]+ *$")
_RUN = re.compile("[-=─━]+")
#: A line of dashes or the like (a rule closing a page's table).
_RULE_LINE = re.compile("^ *[-=_*~─━]{3,}[-=_*~─━ ]*$")
#: Legacy code pages whose reports are padded byte by byte (a CJK character is two bytes).
_DOUBLE_BYTE = frozenset({"gb18030", "gbk", "gb2312", "big5", "big5hkscs", "cp950", "cp932",
                          "shift_jis", "euc_jp", "cp949", "euc_kr"})


#: Stands for the further columns a wide character takes, in a line spelled column by column.
_FILLER = "\0"


def _display_width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


class _Spelling(dict):
    """A :meth:`str.translate` table spelling each character as the columns it takes: itself,
    then a :data:`_FILLER` per further column (filled in as characters are met). A character of
    no width (a combining mark) still takes a column: a line holding one no longer lines up and
    is set aside, never cut in the wrong place."""

    def __init__(self, width: Callable[[str], int]) -> None:
        super().__init__()
        self._width = width

    def __missing__(self, code: int) -> str:
        char = chr(code)
        spelled = self[code] = char + _FILLER * (self._width(char) - 1)
        return spelled


@lru_cache(maxsize=16)
def _spelling(name: str) -> _Spelling:
    """The table for a measure: ``width`` (display), ``chars`` or ``bytes:ENC``."""
    if name == "width":
        return _Spelling(_display_width)
    if name == "chars":
        return _Spelling(lambda char: 1)
    encoding = name.split(":", 1)[1]
    return _Spelling(lambda char: len(char.encode(encoding, "replace")))


def _measures(encoding: str | None) -> list[str]:
    """The measures to try, the likeliest for the encoding first (ties go to the first)."""
    name = codecs.lookup(encoding or "utf-8").name
    if name in _DOUBLE_BYTE:
        return [f"bytes:{name}", "width", "chars"]
    if name in ("utf-8", "utf-8-sig"):
        return ["width", "chars", "bytes:utf-8"]
    return ["width", "chars"]


def clean_line(raw: str) -> str:
    """A physical line without its line break, form feeds and trailing spaces; tabs expanded."""
    text = raw.rstrip("\r\n").replace("\f", "").rstrip()
    return text.expandtabs(8) if "\t" in text else text


@dataclass(frozen=True)
class Layout:
    """The columns of a report: ``spans`` (start, end) of each run of the rule, in ``measure``
    units, the index of the header line and of the rule among the lines searched."""

    spans: tuple[tuple[int, int], ...]
    measure: str
    header: int
    rule: int

    def split(self, text: str) -> list[str] | None:
        """The cells of a line (stripped), or None when its text runs across a gap between two
        columns (or a wide character straddles one)."""
        spelled = _spelled(text, self.measure)
        spans = self.spans
        values: list[str] = []
        start = 0
        for index in range(1, len(spans)):
            gap_start, gap_end = spans[index - 1][1], spans[index][0]
            if spelled[gap_start:gap_end].strip(" "):
                return None
            values.append(spelled[start:gap_start].strip())
            start = gap_end
        values.append(spelled[start:].strip())
        if _FILLER in spelled:
            values = [v.replace(_FILLER, "") for v in values]
        return values

    def gap(self, text: str) -> int | None:
        """The column (from 1) whose right-hand gap ``text`` runs across, or None."""
        spelled = _spelled(text, self.measure)
        for index in range(1, len(self.spans)):
            if spelled[self.spans[index - 1][1]:self.spans[index][0]].strip(" "):
                return index
        return None


def _spelled(text: str, measure: str) -> str:
    """``text`` one character per column it takes (see :class:`_Spelling`)."""
    return text if text.isascii() else text.translate(_spelling(measure))


def find_layout(lines: Sequence[str], encoding: str | None = None,
                header_line: int | None = None) -> Layout | None:
    """The layout of a report whose first lines (as read, line breaks optional) are
    ``lines``: the first rule (:data:`_RULE`) right under a line that, in some measure, fills
    two of the rule's columns and lines up with them; the measure under which the fewest of the
    next lines run across a gap. ``header_line`` (from 1) names the header's line instead."""
    texts = [clean_line(line) for line in lines]
    for index in range(1, len(texts)):
        if header_line is not None and index != header_line:
            continue
        if not _RULE.match(texts[index]) or not texts[index - 1].strip():
            continue
        best: tuple[int, Layout] | None = None
        for measure in _measures(encoding):
            rule = _spelled(texts[index], measure).replace(_FILLER, "-")
            spans = tuple((m.start(), m.end()) for m in _RUN.finditer(rule))
            layout = Layout(spans, measure, index - 1, index)
            header = layout.split(texts[index - 1])
            if header is None or sum(1 for v in header if v) < 2:
                continue
            below = [t for t in texts[index + 1:index + 51] if t.strip() and not
                     _RULE_LINE.match(t)]
            misses = sum(1 for t in below if layout.split(t) is None)
            if best is None or misses < best[0]:
                best = (misses, layout)
        if best is not None:
            return best[1]
    return None


class FixedWidthReader(SourceReader):
    """A fixed-width report: the columns of :func:`find_layout`, the rows below the rule as
    cells cut at the gaps, each with its physical line number; blank lines skipped, page
    furniture and lines that do not line up set aside with their reason."""

    def open(self) -> None:
        self._stream = self._text()
        self._lines = enumerate(self._stream, start=1)
        wanted = self.fmt.header_row
        top = list(itertools.islice(self._lines, max(LAYOUT_SEARCH_LINES, (wanted or 0) + 1)))
        layout = find_layout([text for _, text in top], self.fmt.encoding, wanted)
        if layout is None:
            raise InputError(QT_TRANSLATE_NOOP(
                "Core", "no line of column names underlined by a rule of dashes (------ ------) "
                "was found in the first {count} lines, so the columns of this fixed-width "
                "report are unknown.").format(count=len(top)), file=self.fmt.name)
        self._layout = layout
        header = layout.split(clean_line(top[layout.header][1])) or []
        self._set_columns(header)
        above = [[clean_line(text)] for _, text in top[:layout.header]]
        self._repeats = PageRepeats(header, above)
        self._header = filled_cells(header)
        self._first = header[0] if header else ""
        self._rows = itertools.chain(top[layout.rule + 1:], self._lines)
        self.fmt = dataclasses.replace(self.fmt, header=True, header_row=layout.header + 1)
        if layout.header:
            self.warnings.append(QT_TRANSLATE_NOOP(
                "Core", "the column names are on line {line}; the {count} line(s) above them "
                "(a title, notes) were not imported.").format(line=layout.header + 1,
                                                              count=layout.header))

    def chunks(self) -> Iterator[RawChunk]:
        rows: list[list[str]] = []
        lines: list[int] = []
        rejects: list[Reject] = []
        #: The line of the rule that closed a page's table; None while rows may follow.
        self._closed: int | None = None
        self._after_header = False
        for line, raw in self._rows:
            text = clean_line(raw)
            if not text.strip():
                continue
            cells, reason = self._cells(line, text)
            if cells is None:
                rejects.append(Reject(line, None, printable(text), reason))
            else:
                rows.append(cells)
                lines.append(line)
            if len(rows) >= self.chunk_rows:
                yield self._chunk(rows, lines, rejects)
                rows, lines, rejects = [], [], []
        if rows or rejects:
            yield self._chunk(rows, lines, rejects)

    def _cells(self, line: int, text: str) -> tuple[list[str] | None, Message]:
        """The cells of a line of the table, or None and why it is not a row."""
        after_header, self._after_header = self._after_header, False
        hit = _SUSPECT.search(text)
        if hit is not None:
            return None, QT_TRANSLATE_NOOP("Core", "contains a NUL byte") \
                if hit.group() == "\x00" else QT_TRANSLATE_NOOP(
                    "Core", "contains bytes that are not valid {encoding} (is part of the file "
                    "in another encoding?)").format(encoding=self.fmt.encoding)
        if _RULE_LINE.match(text):
            if not after_header:
                self._closed = line
            return None, QT_TRANSLATE_NOOP("Core", "a rule line, not data")
        cells = self._layout.split(text)
        if cells is not None and cells[0] == self._first and filled_cells(cells) == self._header:
            self._closed, self._after_header = None, True
            return None, QT_TRANSLATE_NOOP(
                "Core", "the column names again (a new page of the report), not data")
        # A heading or a footer fills half the columns at most (or does not line up).
        if cells is None or 2 * sum(1 for v in cells if v) <= len(cells):
            repeated = self._repeats.reason([text])
            if repeated is not None:
                return None, repeated
        if self._closed is not None:
            return None, QT_TRANSLATE_NOOP(
                "Core", "below the rule on line {line} that closes the table, not data").format(
                    line=self._closed)
        if cells is None:
            column = self._layout.gap(text) or 1
            return None, QT_TRANSLATE_NOOP(
                "Core", "the text runs across the gap between columns {left!r} and {right!r}: "
                "the line does not line up with the columns under the header's rule").format(
                    left=self.columns[column - 1], right=self.columns[column])
        return cells, ""

    def _chunk(self, rows: list[list[str]], lines: list[int],
               rejects: list[Reject]) -> RawChunk:
        return set_aside_report_rows(self._make_chunk(rows, lines, rejects), "  ")

    def close(self) -> None:
        stream = getattr(self, "_stream", None)
        if stream is not None:
            stream.close()
        super().close()
