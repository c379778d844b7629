"""A read-only, sortable Qt table model over a pandas DataFrame, and the table view for it."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from iotfin_gui.core.formatting import grouped, money
from iotfin_gui.core.messages import Message
from iotfin_gui.ui.i18n import number_style, translated, when

Index = QModelIndex | QPersistentModelIndex


def display_text(value: Any, locale: QLocale) -> str:
    """How one cell reads: numbers grouped in the user's locale (``43,133``; two decimals when
    not whole), dates in its short format, core Messages translated (an ``object`` column keeps
    them; pandas turns them into plain ``str`` otherwise), missing values empty."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return grouped(value, 0 if value.is_integer() else 2, number_style(locale))
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (int, np.integer)):
        return grouped(value, 0, number_style(locale))
    if isinstance(value, pd.Timestamp):
        return when(value, with_time=bool(value.hour or value.minute or value.second))
    if isinstance(value, Message):
        return translated(value)
    return str(value)


#: Cells whose text is longer than this many characters show it whole as a tooltip (a
#: quarantine reason, a plan's note), since the column may cut it.
TOOLTIP_AFTER = 30


class DataFrameModel(QAbstractTableModel):
    """Shows a DataFrame; ``set_frame`` replaces it; clicking a header sorts by that column.

    ``headers`` maps column names to the (translated) labels shown in the header;
    :meth:`set_currency` names the columns holding amounts in a currency (``¥43,133``)."""

    def __init__(self, frame: pd.DataFrame | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._frame = frame if frame is not None else pd.DataFrame()
        self._values = self._cells(self._frame)
        self._locale = QLocale()
        self._headers: dict[str, str] = {}
        self._currencies: dict[str, str] = {}

    def set_currency(self, columns: list[str] | tuple[str, ...], currency: str | None) -> None:
        """Show ``columns``' amounts with ``currency``'s sign or code (``None``: without)."""
        self._currencies = dict.fromkeys(columns, currency) if currency else {}
        self.layoutChanged.emit()

    def currency_text(self, column: str, value: Any) -> str | None:
        """``value`` as an amount of ``column``'s currency; ``None`` when it has none."""
        currency = self._currencies.get(column)
        if currency is None or not isinstance(value, (int, float, np.integer, np.floating)) \
                or isinstance(value, (bool, np.bool_)) or pd.isna(value):
            return None
        return money(float(value), currency, style=number_style(self._locale),
                     decimals=0 if float(value).is_integer() else 2)

    @property
    def frame(self) -> pd.DataFrame:
        return self._frame

    @staticmethod
    def _cells(frame: pd.DataFrame) -> list[np.ndarray]:
        """Each column's values as Python objects: a view reads every cell once per paint and
        per resize, and ``DataFrame.iat`` costs about 90 µs a cell (0.2 s to size the Fleet
        table of 30 ATMs)."""
        return [frame.iloc[:, i].to_numpy(dtype=object) for i in range(frame.shape[1])]

    def value(self, row: int, column: int) -> Any:
        """The frame's value at (``row``, ``column``), read from the cached columns."""
        return self._values[column][row]

    def set_frame(self, frame: pd.DataFrame, headers: dict[str, str] | None = None) -> None:
        self.beginResetModel()
        self._frame = frame.reset_index(drop=True)
        self._values = self._cells(self._frame)
        self._headers = dict(headers or {})
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._frame)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._frame.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.value(index.row(), index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            amount = self.currency_text(str(self._frame.columns[index.column()]), value)
            text = amount if amount is not None else display_text(value, self._locale)
            if role == Qt.ItemDataRole.DisplayRole:
                return text
            return text if len(text) > TOOLTIP_AFTER else None  # a long text, cut in its cell
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(
                value, (int, float, np.integer)) and not isinstance(value, (bool, np.bool_)):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            name = str(self._frame.columns[section])
            return self._headers.get(name, name)
        return str(section + 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._frame.columns):
            return
        self.layoutAboutToBeChanged.emit()
        self._frame = self._frame.sort_values(
            self._frame.columns[column], ascending=order == Qt.SortOrder.AscendingOrder,
            kind="stable", na_position="last", ignore_index=True,
        )
        self._values = self._cells(self._frame)
        self.layoutChanged.emit()


def table_view(model: DataFrameModel, parent: QWidget, *, single_row: bool = False) -> QTableView:
    """A sortable, row-selecting view of ``model`` in the workstation's compact style."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSortingEnabled(True)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single_row:
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.verticalHeader().setDefaultSectionSize(22)
    return view
