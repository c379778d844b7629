"""A stored dataset's daily panel, read straight from its Parquet parts.

:func:`stored_panel` reads only the id, date and value columns as an Arrow table, hashes them
from Arrow (the same data hash :func:`iotfin_gui.core.data_hash.frame_hash` gives the DataFrame)
and builds the :class:`~.data.Panel` with the ids dictionary-encoded, so a fleet of 10,000 ATMs x
2 years (7.3 million rows) never becomes 7.3 million Python strings, and the table is let go once
the panel is made: the fleet's history is held once, as the panel's array.

The panel remembers its :class:`PanelSource` (the parts' paths, the columns' types, the rule for
duplicates). A cluster worker that shares the store's file system (a ``LocalCluster``, or workers
started on machines that mount the same folder, see the README) is sent that source instead of
the array and reads the parts itself (:meth:`PanelSource.load`, read-only Arrow reads); it makes
the same panel the client made, so results equal a local run's.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as pads

from iotfin_gui.core import columnar
from iotfin_gui.core.data_hash import ValueHash
from iotfin_gui.core.datafiles import file_paths
from iotfin_gui.core.errors import StoreError
from iotfin_gui.core.forecast.data import Panel, to_panel
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.part_writer import arrow_schema
from iotfin_gui.core.store import DatasetInfo, Store
from iotfin_gui.core.store_files import store_access


@dataclass(frozen=True)
class PanelSource:
    """Where a stored panel's rows are and how they become the panel."""

    paths: tuple[str, ...]
    #: (name, logical type) of the columns read.
    schema: tuple[tuple[str, str], ...]
    #: The id, date and value columns.
    roles: tuple[str, str, str]
    duplicates: str

    def read(self) -> pa.Table:
        """The columns of the parts, as the store types them."""
        missing = next((path for path in self.paths if not os.path.isfile(path)), None)
        if missing is not None:
            raise StoreError(QT_TRANSLATE_NOOP(
                "Core", "This process cannot read the dataset file {path}: a cluster worker "
                "must see the store's folder at the same path as the app (a shared or "
                "mounted folder).").format(path=missing))
        with store_access():  # read-only Arrow reads of the store's own parts
            return pads.dataset(list(self.paths), schema=arrow_schema(self.schema),
                                format="parquet").to_table(use_threads=False)

    def load(self) -> Panel:
        """The panel these rows make (kept for the pieces that follow on this worker)."""
        return _loaded(self)


@functools.lru_cache(maxsize=1)
def _loaded(source: PanelSource) -> Panel:
    return _panel(_frame(source.read(), source), source)


def _frame(table: pa.Table, source: PanelSource) -> pd.DataFrame:
    """The table as the store's DataFrame, its ids as categories (no Python string per row)."""
    position = table.schema.get_field_index(source.roles[0])
    return columnar.to_frame(table.set_column(position, source.roles[0],
                                              pc.dictionary_encode(table.column(position))))


def _panel(frame: pd.DataFrame, source: PanelSource) -> Panel:
    id_col, time_col, value_col = source.roles
    panel = to_panel(frame, id_col=id_col, time_col=time_col, value_col=value_col,
                     duplicates=source.duplicates)
    return replace(panel, source=source)


def table_hash(table: pa.Table, columns: Sequence[str], kinds: dict[str, str]) -> str:
    """The data hash of ``table[columns]`` (a column may repeat), as ``frame_hash`` gives it for
    the DataFrame the store reads, straight from Arrow."""
    hashed = ValueHash([(name, kinds[name]) for name in columns])
    for batch in table.to_batches():
        for index, name in enumerate(columns):
            hashed.update(index, batch.column(name))
        hashed.advance(batch.num_rows)
    return hashed.hexdigest()


def stored_panel(store: Store, info: DatasetInfo, columns: tuple[str, str, str],
                 duplicates: str = "error") -> tuple[Panel, str]:
    """The panel of a stored dataset's (id, date, value) ``columns`` and their data hash."""
    names = list(dict.fromkeys(columns))
    kinds = {column.name: column.type for column in info.columns}
    table = columnar.read_table(store, info, names)
    data_hash = table_hash(table, columns, kinds)
    source = PanelSource(
        paths=tuple(str(path) for path in file_paths(store.path, info.table_name, info.files)),
        schema=tuple((name, kinds[name]) for name in names),
        roles=columns,
        duplicates=duplicates,
    )
    frame = _frame(table, source)
    del table
    return _panel(frame, source), data_hash
