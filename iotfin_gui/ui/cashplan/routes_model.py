"""The editable route table's model: a draft of the store's routes, one row per route, one column
per setting, every cell checked by the core's rules as it is edited.

The draft holds :class:`RouteSettings` exactly as typed (a bad value stays on screen, marked, so
the user can fix it); :meth:`RoutesModel.problems` are the core's :func:`table_problems` (the
same rules as the CSV import) and a route whose bundle is larger than the cassettes of one of
the fleet's ATMs (:func:`capacity_problems`, the plan's own check), shown as a red cell with
the message as its tooltip. Money shows in the data's currency, the idle rate as a percent,
weekdays by name.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pandas as pd
from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from iotfin_gui.core.cashplan.inputs import capacity_problems
from iotfin_gui.core.cashplan.routes import CSV_COLUMNS, RouteSettings, table_problems
from iotfin_gui.core.formatting import grouped, money
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message
from iotfin_gui.ui.i18n import number_style, translated

Index = QModelIndex | QPersistentModelIndex
#: The columns holding amounts in the data's currency.
MONEY_COLUMNS = ("capacity", "denomination", "visit_cost", "surcharge", "stockout_penalty")
#: The weekday names, Monday first, as the table and its editor show them.
WEEKDAY_NAMES = (
    QT_TRANSLATE_NOOP("RoutesModel", "Mon"), QT_TRANSLATE_NOOP("RoutesModel", "Tue"),
    QT_TRANSLATE_NOOP("RoutesModel", "Wed"), QT_TRANSLATE_NOOP("RoutesModel", "Thu"),
    QT_TRANSLATE_NOOP("RoutesModel", "Fri"), QT_TRANSLATE_NOOP("RoutesModel", "Sat"),
    QT_TRANSLATE_NOOP("RoutesModel", "Sun"))
#: Each setting's header.
LABELS = {
    "route": QT_TRANSLATE_NOOP("RoutesModel", "Route"),
    "atms": QT_TRANSLATE_NOOP("RoutesModel", "ATMs"),
    "visit_days": QT_TRANSLATE_NOOP("RoutesModel", "Visit days"),
    "cit_holidays": QT_TRANSLATE_NOOP("RoutesModel", "CIT holidays"),
    "lead_days": QT_TRANSLATE_NOOP("RoutesModel", "Lead time (days)"),
    "capacity": QT_TRANSLATE_NOOP("RoutesModel", "Capacity"),
    "denomination": QT_TRANSLATE_NOOP("RoutesModel", "Note value"),
    "notes_per_bundle": QT_TRANSLATE_NOOP("RoutesModel", "Notes per bundle"),
    "visit_cost": QT_TRANSLATE_NOOP("RoutesModel", "Visit cost"),
    "surcharge": QT_TRANSLATE_NOOP("RoutesModel", "Weekend/holiday surcharge"),
    "idle_rate": QT_TRANSLATE_NOOP("RoutesModel", "Idle cash rate (a year)"),
    "stockout_penalty": QT_TRANSLATE_NOOP("RoutesModel", "Stock-out penalty"),
    "max_interval": QT_TRANSLATE_NOOP("RoutesModel", "Longest interval (days)"),
}
PROBLEM_COLOR = QColor(255, 214, 214)


def column_label(column: str) -> str:
    """The (translated) header of a route setting."""
    return translated(LABELS[column])


def weekday_name(day: int) -> str:
    """Monday (0) ... Sunday (6), short, in the interface language."""
    return translated(WEEKDAY_NAMES[day])


class RoutesModel(QAbstractTableModel):
    """The route table being edited; :attr:`edited` fires after every change of the draft."""

    edited = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._routes: list[RouteSettings] = []
        self._saved: list[RouteSettings] = []
        self._problems: dict[tuple[int, str], Message] = {}
        #: The fleet's ATMs and the registry's capacities, which the bundles must fit.
        self._atms: list[str] = []
        self._capacity: pd.Series | None = None
        self.currency: str | None = None
        self._locale = QLocale()

    # --- the draft -------------------------------------------------------------------------

    def set_routes(self, routes: list[RouteSettings]) -> None:
        """Show ``routes`` as saved (the draft starts equal to them)."""
        self.beginResetModel()
        self._routes, self._saved = list(routes), list(routes)
        self._check()
        self.endResetModel()
        self.edited.emit()

    def routes(self) -> list[RouteSettings]:
        return list(self._routes)

    def is_dirty(self) -> bool:
        return self._routes != self._saved

    def set_currency(self, currency: str | None) -> None:
        self.currency = currency
        self.layoutChanged.emit()

    def add_route(self, name: str) -> int:
        """Append a route with the default settings named ``name``; returns its row."""
        row = len(self._routes)
        self.beginInsertRows(QModelIndex(), row, row)
        self._routes.append(RouteSettings(route=name, atms=()))
        self.endInsertRows()
        self._changed()
        return row

    def remove_route(self, row: int) -> None:
        if not 0 <= row < len(self._routes):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._routes[row]
        self.endRemoveRows()
        self._changed()

    def _changed(self) -> None:
        self._check()
        if self._routes:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._routes) - 1, len(CSV_COLUMNS) - 1))
        self.edited.emit()

    def set_capacities(self, atms: list[str], capacity: pd.Series | None) -> None:
        """Check the routes against the cassettes of the fleet's ``atms`` (``capacity``: the
        registry's per ATM): a bundle larger than an ATM's cassettes is a problem."""
        self._atms, self._capacity = list(atms), capacity
        self._changed()

    def _check(self) -> None:
        self._problems = {}
        for row, column, message in [*table_problems(self._routes), *capacity_problems(
                self._routes, self._atms, self._capacity)]:
            self._problems.setdefault((row - 1, column), message)

    def problems(self) -> list[tuple[int, str, Message]]:
        """The draft's problems as (row from 0, column, message), by row."""
        return sorted(((row, column, message) for (row, column), message
                       in self._problems.items()), key=lambda p: (p[0], CSV_COLUMNS.index(p[1])))

    def problem_text(self, row: int, column: str) -> str:
        """The message for one problem, naming the route and the setting."""
        message = self._problems[(row, column)]
        return self.tr("Route %1, %2: %3").replace("%1", repr(self._routes[row].route)).replace(
            "%2", column_label(column)).replace("%3", translated(message))

    # --- Qt's model interface --------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._routes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(CSV_COLUMNS)

    @staticmethod
    def column_of(index: Index) -> str:
        """The setting shown in ``index``'s column."""
        return CSV_COLUMNS[index.column()]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | \
            Qt.ItemFlag.ItemIsEditable

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return column_label(CSV_COLUMNS[section])
        return str(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        route, column = self._routes[index.row()], self.column_of(index)
        value = getattr(route, column)
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(column, value)
        problem = (index.row(), column) in self._problems
        if role == Qt.ItemDataRole.BackgroundRole and problem:
            return QBrush(PROBLEM_COLOR)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.problem_text(index.row(), column) if problem else \
                self.display(column, value) if column in ("atms", "cit_holidays") else None
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, (int, float)) \
                and column != "route":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def display(self, column: str, value: Any) -> str:
        """How one setting reads in the table."""
        style = number_style(self._locale)
        if column == "atms":
            return "; ".join(value) if value else self.tr("all other ATMs")
        if column == "visit_days":
            return ", ".join(weekday_name(d) for d in value if d in range(7))
        if column == "cit_holidays":
            return ", ".join(value)
        if column == "capacity" and value is None:
            return self.tr("registry")
        if column in MONEY_COLUMNS:
            return money(float(value), self.currency, style=style,
                         decimals=0 if float(value).is_integer() else 2)
        if column == "idle_rate":
            return grouped(100 * value, 2, style).rstrip("0").rstrip(style.decimal) + "%"
        if isinstance(value, int):
            return grouped(value, 0, style)
        return str(value)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row, column = index.row(), self.column_of(index)
        if column == "route":
            value = str(value).strip()
        elif column in ("atms", "visit_days", "cit_holidays"):
            value = tuple(value)
        if getattr(self._routes[row], column) == value:
            return False
        self._routes[row] = replace(self._routes[row], **{column: value})
        self._changed()
        return True
