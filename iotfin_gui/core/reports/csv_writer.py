"""Writing CSV the way Excel reads it, chunk by chunk, to a file that appears only when complete.

Format (:class:`CsvFormat`): UTF-8 with a BOM by default (Excel then reads Chinese text
correctly; plain UTF-8 as an option), a chosen delimiter, CRLF line ends (RFC 4180's and what
Excel on Windows writes; every reader also accepts them), ``.`` as decimal mark, no index.
Values: integers and floats as numbers (shortest round-tripping form, missing = empty),
booleans ``TRUE``/``FALSE``, dates ``YYYY-MM-DD`` and times ``YYYY-MM-DD HH:MM:SS`` (UTC, as
stored), text neutralised against formula injection and quoted only where needed, and in the
Excel format (the BOM) digits Excel would change written as ``="…"`` (:mod:`.safety`: account
numbers keep their leading zeros and every digit), personal data masked by the export's
:class:`PrivacyPlan`. Everything is vectorised with Arrow; one chunk becomes one ``bytes``.
The bytes reach the disk through :class:`iotfin_gui.core.outputs.OutputFile` (atomic,
refuses the store's files).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from iotfin_gui.core.data_hash import logical_type
from iotfin_gui.core.errors import InputError
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.reports.privacy import PrivacyPlan
from iotfin_gui.core.reports.safety import excel_literals, quote_cells, safe_text_cells

ENCODINGS = ("utf-8-sig", "utf-8")
DELIMITERS = {",": ",", ";": ";", "tab": "\t", "\t": "\t", "\\t": "\t", "|": "|"}
COLUMN_KINDS = ("integer", "float", "boolean", "date", "datetime", "text")
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class CsvFormat:
    """How the file is written: ``encoding`` utf-8-sig (BOM, default) or utf-8, ``delimiter``
    one of ``,`` ``;`` tab ``|``, ``line_end`` CRLF."""

    encoding: str = "utf-8-sig"
    delimiter: str = ","
    line_end: str = "\r\n"

    @classmethod
    def of(cls, encoding: str = "utf-8-sig", delimiter: str = ",") -> CsvFormat:
        """A checked format; raises :class:`InputError` for anything else."""
        if encoding.lower() not in ENCODINGS:
            raise InputError(QT_TRANSLATE_NOOP(
                "Core", "unknown encoding {encoding!r}; use utf-8-sig (Excel) or utf-8").format(
                    encoding=encoding))
        if delimiter not in DELIMITERS:
            raise InputError(QT_TRANSLATE_NOOP(
                "Core", "unsupported delimiter {delimiter!r}; use , ; | or tab").format(
                    delimiter=delimiter))
        return cls(encoding.lower(), DELIMITERS[delimiter])

    @property
    def preamble(self) -> bytes:
        return _BOM if self.for_excel else b""

    @property
    def for_excel(self) -> bool:
        """Whether the file is written for Excel (the BOM; plain UTF-8 is for other programs,
        which get every value as it is)."""
        return self.encoding == "utf-8-sig"


def column_kind(series: pd.Series) -> str:
    """The CSV kind of a DataFrame column: the store's logical type, except that a datetime
    column whose values are all midnight is a ``date``."""
    kind = logical_type(series)
    if kind == "datetime":
        values = series.dropna()
        return "date" if (values == values.dt.normalize()).all() else "datetime"
    return kind


Values = pd.Series | pa.Array
#: One chunk of a table: column name -> its values (a DataFrame is one).
Chunk = Mapping[str, Values]


def _arrow(values: Values, kind: pa.DataType | None = None) -> pa.Array:
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if not isinstance(values, pa.Array):
        values = pa.array(values, from_pandas=True)
    return values if kind is None or values.type == kind else pc.cast(values, kind)


def _as_strings(values: Values) -> pa.Array:
    """Any column as an Arrow string array (missing values null)."""
    if isinstance(values, pa.Array) or isinstance(values.dtype, pd.StringDtype):
        return _arrow(values, pa.string())
    texts = [None if pd.api.types.is_scalar(v) and pd.isna(v) else str(v) for v in values]
    return pa.array(texts, type=pa.string())


def _time_texts(values: Values, kind: str) -> pa.Array:
    if isinstance(values, pd.Series) and pd.api.types.is_datetime64_any_dtype(values.dtype):
        if values.dt.tz is not None:
            values = values.dt.tz_convert("UTC").dt.tz_localize(None)
        seconds = values.to_numpy().astype("datetime64[s]")
        texts = pc.cast(pa.array(seconds, type=pa.timestamp("s"), from_pandas=True), pa.string())
    else:
        texts = _as_strings(values)
    return pc.utf8_slice_codeunits(texts, 0, 10) if kind == "date" else texts


def format_column(values: Values, kind: str, column: str, fmt: CsvFormat,
                  privacy: PrivacyPlan | None = None) -> pa.Array:
    """One column of a chunk as the cell texts written to the file (null = empty cell)."""
    if privacy is not None and privacy.touches(column):
        kind = "text"
    if kind in ("integer", "float"):
        numbers = _arrow(values, pa.float64() if kind == "float" else None)
        texts = pc.cast(numbers, pa.string())
        if privacy is not None:
            texts = privacy.apply_numbers(column, numbers, texts)
        if kind == "integer" and fmt.for_excel:
            texts, literal = excel_literals(texts, numbers=True)
            texts = quote_cells(texts, literal, fmt.delimiter)
        return texts
    if kind == "boolean":
        return pc.if_else(_arrow(values, pa.bool_()), "TRUE", "FALSE")
    if kind in ("date", "datetime"):
        return _time_texts(values, kind)
    texts = _as_strings(values)
    if privacy is not None:
        texts = privacy.apply(column, texts)
    return safe_text_cells(texts, fmt.delimiter, excel=fmt.for_excel)


def _joined_bytes(lines: pa.Array) -> bytes:
    """The concatenated UTF-8 bytes of a string array (no copy per row)."""
    lines = lines.cast(pa.large_string()) if lines.type != pa.large_string() else lines
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int64, count=len(lines) + 1,
                            offset=lines.offset * 8)
    data = lines.buffers()[2]
    return b"" if data is None else memoryview(data)[offsets[0]:offsets[-1]].tobytes()


def encode_rows(cells: Sequence[pa.Array], fmt: CsvFormat) -> bytes:
    """Rows of formatted cells (one array per column) as the bytes of CSV lines."""
    if not cells or len(cells[0]) == 0:
        return b""
    joined = pc.binary_join_element_wise(*cells, fmt.delimiter, null_handling="replace",
                                         null_replacement="")
    lines = pc.binary_join_element_wise(joined, "", fmt.line_end)
    return _joined_bytes(lines)


def encode_header(columns: Sequence[str], fmt: CsvFormat) -> bytes:
    """The header line: column names, neutralised and quoted like any text."""
    names = safe_text_cells(pa.array([str(c) for c in columns], type=pa.string()), fmt.delimiter)
    return (fmt.delimiter.join(names.to_pylist()) + fmt.line_end).encode("utf-8")


def encode_chunk(chunk: Chunk, columns: Sequence[str], kinds: Mapping[str, str],
                 fmt: CsvFormat, privacy: PrivacyPlan | None = None) -> bytes:
    """A chunk's ``columns`` (in that order) as CSV lines."""
    cells = [format_column(chunk[c], kinds[c], c, fmt, privacy) for c in columns]
    return encode_rows(cells, fmt)
