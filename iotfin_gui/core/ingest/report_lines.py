"""What a bank's report wraps around its table, told apart from the rows of data.

Owns :func:`info_line` (an ``账号:, 6222…`` line above the header), :func:`joined_header`
(a header on two rows: a group cell such as ``取款`` over ``笔数 |
金额``, merged or written once) and :func:`report_rows`: totals rows (``合计``, ``Total``,
``小计`` …) and note lines (``制表人：张三``, ``打印日期：2024-01-04``) among the rows, which the
readers set aside with their reason instead of importing them. Also what a printed report
repeats on each page (:class:`PageRepeats`): page footers (``第 1 页 共 3 页``, ``Page 2 of 5``),
the column names and the title lines above them. CSV files, workbooks, HTML tables and
fixed-width reports use these, so the same report reads the same way whichever it was saved as.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message

_SPACE = "[\\s\u3000\u00a0]"
#: The first filled cell of a totals row (RE2, as Arrow's regular expressions are).
TOTALS = (f"^{_SPACE}*(grand{_SPACE}+total|sub-?total|totals?|sum|合{_SPACE}*计|合{_SPACE}*計|"
          f"总{_SPACE}*计|總{_SPACE}*計|小{_SPACE}*计|小{_SPACE}*計|共{_SPACE}*计|합{_SPACE}*계)"
          f"{_SPACE}*[:：]?{_SPACE}*$")
#: A note written as a label and a colon (``制表人：``, ``Printed on:``): a label starts with a
#: letter and holds no digit, so a time (``9:05``, ``Jan 2, 2024 09:05``) is never one.
NOTE = f"^{_SPACE}*\\pL[^\\d:：]{{0,30}}[:：]"
#: The UTF-8 bytes a totals label can start with: spaces (ASCII, no-break ``C2``, ideographic
#: ``E3``), ``g s t`` in either case and the lead bytes of 合 小 共 (``E5``), 总 (``E6``), 總
#: (``E7``) and 합 (``ED``).
_TOTALS_FIRST = np.zeros(256, dtype=bool)
_TOTALS_FIRST[list(b" \t\r\n\x0b\x0cgstGST\xc2\xe3\xe5\xe6\xe7\xed")] = True
#: A page footer: ``第 1 页 共 3 页``, ``共3页 第1页``, ``Page 2 of 5`` anywhere in the row's
#: first filled cell; alone in it, ``第 2 页``, ``Page 2``, ``- 2 -``.
PAGE = (f"第{_SPACE}*\\d+{_SPACE}*页{_SPACE}*[,，/]?{_SPACE}*共{_SPACE}*\\d+{_SPACE}*页|"
        f"共{_SPACE}*\\d+{_SPACE}*页{_SPACE}*[,，/]?{_SPACE}*第{_SPACE}*\\d+{_SPACE}*页|"
        f"(?i:\\bpage{_SPACE}+\\d+{_SPACE}*(of|/){_SPACE}*\\d+\\b)|"
        f"^{_SPACE}*(第{_SPACE}*\\d+{_SPACE}*页|(?i:page){_SPACE}*\\d+|-{_SPACE}*\\d+{_SPACE}*-)"
        f"{_SPACE}*$")
#: A row below the header is a second header row only if no cell of it holds a digit.
_DIGIT = re.compile(r"\d")


def joined_header(header: Sequence[Any], below: Sequence[Any],
                  merged: Sequence[bool] | None = None) -> list[str | None] | None:
    """The column names of a header written on two rows, or None when ``below`` is data.

    ``header`` and ``below`` are the two rows (empty cells None); ``merged`` marks the header
    cells an Excel merge fills from the left. ``below`` is a second header row when it holds
    at least two labels (texts without a digit, nothing else), one of them stands under an
    empty or merged header cell (that cell belongs to the group named to its left), and a
    column is named by the top row alone (``日期`` spanning both rows, empty below): a first row
    of data that happens to be words under an unnamed column, or a header row under a title
    merged across, is never taken for names. Each column is then named ``group sub``
    (``取款 笔数``), or by the row that names it.
    """
    width = max(len(header), len(below))
    top = [_text(v) for v in header] + [None] * (width - len(header))
    low = [_text(v) for v in below] + [None] * (width - len(below))
    joins = list(merged or []) + [False] * (width - len(merged or []))
    filled = [v for v in low if v is not None]
    if len(filled) < 2 or any(_DIGIT.search(v) for v in filled) or \
            any(not isinstance(v, str) for v in below if v is not None and v != ""):
        return None
    grouped = [low[i] is not None and (top[i] is None or joins[i]) for i in range(width)]
    alone = any(top[i] is not None and low[i] is None for i in range(width))
    if not any(grouped) or not alone:
        return None
    names: list[str | None] = []
    group: str | None = None
    for i in range(width):
        if top[i] is not None and not joins[i]:
            group = top[i]
        elif top[i] is None and low[i] is None:
            group = None
        above = top[i] if top[i] is not None else (group if low[i] is not None else None)
        names.append(" ".join(v for v in (above, low[i]) if v is not None) or None)
    return names


def info_line(cells: Sequence[Any]) -> bool:
    """Whether a row above the table is an "Account: ..." line, not the header: one of its
    cells is a label ending in a colon (``账号:``, ``户名：``, ``Account:``), which no column
    name does."""
    return any(isinstance(v, str) and v.rstrip().endswith((":", "：")) and len(v.strip()) > 1
               for v in cells)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


class PageRepeats:
    """What a printed report repeats at the top of each page, to tell it from the rows: the
    column names (``header``) and the lines above them (``above``: a title, an account line),
    each compared by its filled cells with their spaces collapsed."""

    def __init__(self, header: Sequence[Any], above: Iterable[Sequence[Any]] = ()) -> None:
        self.header = filled_cells(header)
        self.above = {filled_cells(row) for row in above} - {()}
        #: The first filled cell of each repeated line (to find candidates without a loop).
        self.firsts = sorted({self.header[:1], *(row[:1] for row in self.above)} - {()})

    def reason(self, cells: Sequence[Any]) -> Message | None:
        """Why ``cells`` (a row of the table's width or a whole line) is no row of data: a page
        footer, the column names again, or a heading line again; None when it may be data."""
        filled = filled_cells(cells)
        if not filled:
            return None
        if filled == self.header:
            return QT_TRANSLATE_NOOP(
                "Core", "the column names again (a new page of the report), not data")
        if filled in self.above:
            return QT_TRANSLATE_NOOP(
                "Core", "the report's heading again ({label}) on a new page, not data").format(
                    label=" ".join(filled))
        return page_footer(filled[0])


def filled_cells(cells: Iterable[Any]) -> tuple[str, ...]:
    """The texts of the filled cells of a row, each with its runs of spaces made one space."""
    texts = (" ".join(str(c).replace("\u3000", " ").split()) for c in cells if c is not None)
    return tuple(t for t in texts if t)


_PAGE = re.compile(PAGE)


def page_footer(text: str) -> Message | None:
    """The reason a line that reads ``text`` is a page footer (:data:`PAGE`), or None."""
    if not _PAGE.search(text):
        return None
    return QT_TRANSLATE_NOOP("Core", "a page footer ({label}), not data").format(
        label=text.strip())


def report_rows(columns: Sequence[Sequence[Any]],
                repeats: PageRepeats | None = None) -> dict[int, Message]:
    """The positions of a chunk's totals rows, note lines and page footers, and those
    ``repeats`` names (the column names or the heading on a new page), each with the reason it
    is not data. ``columns`` are the chunk's columns of texts (lists or Arrow string arrays,
    empty cells None or ``""``).

    A totals row's first filled cell is a totals label (:data:`TOTALS`); a note line fills at
    most half of a table of three columns or more, and every cell it fills is a label with a
    colon (:data:`NOTE`). Vectorised, and only the first column is searched for every row: the
    other columns only for the rows that leave it empty, the note pattern only for the rows
    that fill so few cells."""
    arrays = [_texts(c) for c in columns]
    if not arrays or not len(arrays[0]):
        return {}
    filled = np.array([_filled(a) for a in arrays])
    labels = _first_filled(arrays, filled)
    found: dict[int, Message] = {}
    maybe = _may_be_totals(labels)
    if maybe.size:
        totals = pc.match_substring_regex(labels.take(pa.array(maybe)), TOTALS,
                                          ignore_case=True).fill_null(False)
        for index in maybe[totals.to_numpy(zero_copy_only=False)]:
            found[int(index)] = QT_TRANSLATE_NOOP(
                "Core", "a totals row ({label}), not data").format(
                    label=labels[int(index)].as_py().strip())
    found.update(_page_rows(arrays, labels, repeats, found))
    if len(arrays) < 3:
        return found
    count = filled.sum(axis=0)
    few = np.flatnonzero((count >= 1) & (count <= len(arrays) // 2))
    if not few.size:
        return found
    taken = pa.array(few)
    notes = np.ones(few.size, dtype=bool)
    for array, present in zip(arrays, filled, strict=True):
        if present[few].any():
            match = pc.match_substring_regex(array.take(taken), NOTE).fill_null(False).to_numpy(
                zero_copy_only=False)
            notes &= match | ~present[few]
    for index in few[notes]:
        if int(index) not in found:
            found[int(index)] = QT_TRANSLATE_NOOP(
                "Core", "a note line ({label}), not data").format(
                    label=labels[int(index)].as_py().strip())
    return found


def _page_rows(arrays: list[pa.Array], labels: pa.Array, repeats: PageRepeats | None,
               found: dict[int, Message]) -> dict[int, Message]:
    """The page footers among the rows (searched only in the labels that hold 页 or ``page``,
    or start and end with ``-``) and the rows ``repeats`` names (only those whose label is the
    first cell of a repeated line)."""
    trimmed = pc.utf8_trim_whitespace(labels)
    maybe = pc.or_(pc.or_(pc.match_substring(labels, "页"),
                          pc.match_substring(labels, "page", ignore_case=True)),
                   pc.and_(pc.starts_with(trimmed, "-"), pc.ends_with(trimmed, "-")))
    if repeats is not None and repeats.firsts:
        maybe = pc.or_(maybe, pc.is_in(trimmed, value_set=pa.array(
            [first[0] for first in repeats.firsts], type=pa.string())))
    pages: dict[int, Message] = {}
    for index in np.flatnonzero(maybe.fill_null(False).to_numpy(zero_copy_only=False)):
        if int(index) in found:
            continue
        cells = [array[int(index)].as_py() for array in arrays]
        reason = repeats.reason(cells) if repeats is not None else \
            page_footer(next((c for c in cells if c and c.strip()), ""))
        if reason is not None:
            pages[int(index)] = reason
    return pages


def _filled(texts: pa.Array) -> np.ndarray:
    """Which cells hold a text of at least one character (from the offsets, no copy)."""
    offsets = np.frombuffer(texts.buffers()[1], dtype=np.int32, count=len(texts) + 1,
                            offset=texts.offset * 4)
    filled = np.diff(offsets) > 0
    if texts.null_count:
        filled &= texts.is_valid().to_numpy(zero_copy_only=False)
    return filled


def _may_be_totals(labels: pa.Array) -> np.ndarray:
    """The positions of the labels whose first byte can start a totals label (most cells of
    data, dates and numbers, are passed over without the regular expression)."""
    offsets = np.frombuffer(labels.buffers()[1], dtype=np.int32, count=len(labels) + 1,
                            offset=labels.offset * 4)
    data = labels.buffers()[2]
    if data is None or offsets[-1] == offsets[0]:
        return np.empty(0, dtype=np.int64)
    starts, lengths = offsets[:-1], np.diff(offsets)
    first = np.frombuffer(data, dtype=np.uint8).take(starts, mode="clip")
    return np.flatnonzero((lengths > 0) & _TOTALS_FIRST[first])


def _first_filled(arrays: list[pa.Array], filled: np.ndarray) -> pa.Array:
    """Each row's first filled cell (the first column's, unless it is empty there)."""
    empty = np.flatnonzero(~filled[0])
    if not empty.size:
        return arrays[0]
    taken = pa.array(empty)
    rest = [pc.if_else(pa.array(present[empty]), a.take(taken), pa.scalar(None, pa.string()))
            for a, present in zip(arrays, filled, strict=True)]
    firsts = pc.coalesce(*rest).to_pylist()
    labels = arrays[0].to_pylist()
    for position, label in zip(empty, firsts, strict=True):
        labels[position] = label
    return pa.array(labels, type=pa.string())


def _texts(values: Sequence[Any]) -> pa.Array:
    """A column as an Arrow string array."""
    if isinstance(values, pa.Array):
        return values if values.type == pa.string() else pc.cast(values, pa.string())
    try:
        return pa.array(values, type=pa.string())
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return pa.array([None if v is None else str(v) for v in values], type=pa.string())
