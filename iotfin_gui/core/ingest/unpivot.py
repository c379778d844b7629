"""Wide tables of daily series made long: one row per device and date, ``device_id, date, value``.

ATM withdrawals are often kept wide, as the original NN5 competition workbook is: a date column
and one column per ATM (:data:`DEVICES_ACROSS`), or one row per ATM and one column per date
(:data:`DATES_ACROSS`). :func:`wide_shape` recognises either from a sample (so the import can
offer to unpivot; it never does so on its own) and :class:`UnpivotReader` wraps any reader so
that every chunk it yields is the long form. An empty cell stays a row with an empty value:
missing days stay missing, as in the long file, never dropped or filled.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
import pandas as pd

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.ingest import timestamps
from iotfin_gui.core.ingest.numbers import NumberFormat
from iotfin_gui.core.ingest.readers import RawChunk, SourceReader
from iotfin_gui.core.ingest.roles import TYPE_SHARE, number_kinds, sample_texts
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP

DEVICES_ACROSS = "devices_across"
DATES_ACROSS = "dates_across"
SHAPES = (DEVICES_ACROSS, DATES_ACROSS)
#: The ``unpivot`` option that asks for the shape the file shows.
AUTO = "auto"
LONG_COLUMNS = ["device_id", "date", "value"]
#: Fewest value columns (devices or dates) for a table to count as wide.
MIN_SERIES = 3
#: Device column names: a shared stem and a number (``NN5-001``, ``ATM 12``, ``T1``) or only
#: digits.
_NUMBERED = re.compile(r"(.*?)[\s_-]*(\d+)")


def wide_shape(columns: dict[str, Sequence[Any]]) -> str | None:
    """The wide shape a sample (column -> raw values) has, or None.

    :data:`DEVICES_ACROSS`: the first column holds dates and the other (at least
    :data:`MIN_SERIES`) hold numbers, their names numbered alike (``NN5-001``, ``NN5-002``...).
    :data:`DATES_ACROSS`: the first column holds texts (the devices), each other column's name
    is a date of one format, and their values are numbers.
    """
    names = list(columns)
    if len(names) < MIN_SERIES + 1:
        return None
    first, rest = names[0], names[1:]
    if _numbered_alike(rest) and _dates(sample_texts(columns[first]), first) and all(
            _numbers(columns[name]) for name in rest):
        return DEVICES_ACROSS
    header = timestamps.guess_format(rest, "date")
    if header is not None and header.format is not None and \
            _all_dates(rest, header.format) and all(_numbers(columns[n]) for n in rest):
        return DATES_ACROSS
    return None


def _numbered_alike(names: list[str]) -> bool:
    stems = [m.group(1) if (m := _NUMBERED.fullmatch(str(n).strip())) else None for n in names]
    return None not in stems and len(set(stems)) == 1


def _dates(texts: list[str], name: str) -> bool:
    return bool(texts) and timestamps.guess_format(texts, name) is not None


def _all_dates(texts: list[str], fmt: str) -> bool:
    _, bad, _ = timestamps.parse(pd.Series(texts, dtype=object), fmt)
    return not bad.any()


def _numbers(values: Sequence[Any]) -> bool:
    """Whether a column's present values are numbers (empty cells allowed)."""
    texts = sample_texts(values)
    if not texts:
        return True
    kinds = number_kinds(Counter(texts), NumberFormat(), TYPE_SHARE * len(texts))
    return sum(count for kind, count in kinds.items() if kind) >= TYPE_SHARE * len(texts)


def unpivot(chunk: RawChunk, shape: str) -> RawChunk:
    """``chunk`` (of a wide table of ``shape``) as long rows ``device_id, date, value``, each
    keeping the line it comes from; rows follow the file, cells left to right."""
    plain = chunk.plain()
    names = list(plain.columns)
    first, rest = names[0], names[1:]
    width, count = len(rest), len(plain)
    labels = np.array(rest, dtype=object)
    keys = np.empty(count, dtype=object)
    keys[:] = list(plain.columns[first])
    cells = np.empty((count, width), dtype=object)
    for index, name in enumerate(rest):
        cells[:, index] = list(plain.columns[name])
    if shape == DEVICES_ACROSS:
        devices, dates = np.tile(labels, count), np.repeat(keys, width)
    else:
        devices, dates = np.repeat(keys, width), np.tile(labels, count)
    columns = {"device_id": list(devices), "date": list(dates), "value": list(cells.ravel())}
    return RawChunk(columns, np.repeat(plain.lines, width), list(plain.rejects), plain.fraction,
                    plain.bytes_read)


class UnpivotReader:
    """A reader whose chunks are another reader's, unpivoted (see the module docstring); its
    ``fmt.unpivot`` names the shape once known (``auto`` is settled by the first chunk)."""

    columns = LONG_COLUMNS

    def __init__(self, reader: SourceReader) -> None:
        self._reader = reader
        self.fmt = reader.fmt
        self.sheets = reader.sheets

    @property
    def warnings(self) -> list[Any]:
        return self._reader.warnings

    @property
    def sha256(self) -> str | None:
        return self._reader.sha256

    def chunks(self) -> Iterator[RawChunk]:
        shape = self.fmt.unpivot
        for chunk in self._reader.chunks():
            self.fmt = dataclasses.replace(self._reader.fmt, unpivot=shape)
            if shape == AUTO:
                shape = wide_shape(chunk.plain().columns)
                if shape is None:
                    raise InputError(QT_TRANSLATE_NOOP(
                        "Core", "the table is not wide: unpivoting needs a date column and one "
                        "number column per device (named alike, e.g. NN5-001, NN5-002), or a "
                        "device column and one number column per date."), file=self.fmt.name)
                self.fmt = dataclasses.replace(self.fmt, unpivot=shape)
            if shape not in SHAPES:
                raise InputError(QT_TRANSLATE_NOOP(
                    "Core", "unknown unpivot shape {shape!r}; use {shapes} or auto.").format(
                        shape=shape, shapes=", ".join(SHAPES)), file=self.fmt.name)
            yield unpivot(chunk, shape)

    def close(self) -> None:
        self._reader.close()

    def __enter__(self) -> UnpivotReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
