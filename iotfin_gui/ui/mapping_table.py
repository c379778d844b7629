"""The editable column mapping of an import: include, name, type, role, time format per column.

Its Type and Role combo boxes ignore the mouse wheel unless they have the focus (clicked or
tabbed into): the wheel scrolls the table, and scrolling past a box never changes a value.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import replace

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from iotfin_gui.core.ingest import ROLE_LABELS, ROLES, TYPES, UNIQUE_ROLES, ColumnMapping, Mapping
from iotfin_gui.core.ingest.numbers import NumberFormat
from iotfin_gui.core.store import TYPE_LABELS
from iotfin_gui.ui.i18n import translated

SOURCE, NAME, TYPE, ROLE, FORMAT = range(5)
_AMBIGUOUS = QColor("#fff4ce")


class CellCombo(QComboBox):
    """A combo box in a cell of ``table`` that takes the wheel only once it has the focus;
    until then the wheel scrolls the table."""

    def __init__(self, table: QAbstractScrollArea) -> None:
        super().__init__(table)
        self._table = table
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
            return
        QApplication.sendEvent(self._table.viewport(), event)
        event.accept()


class MappingTable(QTableWidget):
    """One row per source column; :meth:`mapping` reads the user's choices back."""

    #: The user changed something; the dialog previews again with :meth:`mapping`.
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self.setHorizontalHeaderLabels([
            self.tr("Column (import?)"), self.tr("Name in dataset"), self.tr("Type"),
            self.tr("Role"), self.tr("Time format")])
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self.itemChanged.connect(lambda _item: self.edited.emit())
        self._types = {t: translated(TYPE_LABELS[t]) for t in TYPES}
        self._roles = {"": self.tr("none"), **{r: translated(ROLE_LABELS[r]) for r in ROLES}}
        #: Each column's number format (decimal mark, thousands), kept as the preview gave it.
        self._numbers: dict[str, tuple[str | None, str | None]] = {}

    def set_mapping(self, mapping: Mapping, ambiguous: Collection[str] = ()) -> None:
        """Show ``mapping``; columns in ``ambiguous`` are highlighted (their format is unknown)."""
        self._numbers = {c.source: (c.decimal, c.thousands) for c in mapping.columns}
        with QSignalBlocker(self):
            self.setRowCount(0)
            self.setRowCount(len(mapping.columns))
            for row, column in enumerate(mapping.columns):
                source = QTableWidgetItem(column.source)
                source.setData(Qt.ItemDataRole.UserRole, column.source)
                source.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                source.setCheckState(Qt.CheckState.Checked if column.include
                                     else Qt.CheckState.Unchecked)
                self.setItem(row, SOURCE, source)
                self.setItem(row, NAME, QTableWidgetItem(column.name))
                self.setCellWidget(row, TYPE, self._combo(self._types, column.type,
                                                          lambda _combo: self.edited.emit()))
                self.setCellWidget(row, ROLE, self._combo(self._roles, column.role or "",
                                                          self._role_changed))
                fmt = QTableWidgetItem(column.format or "")
                fmt.setToolTip(self.tr("How the times are written, e.g. ISO8601, %d/%m/%Y %H:%M, "
                                       "epoch_s, epoch_ms"))
                if column.source in ambiguous and not column.format:
                    fmt.setBackground(QBrush(_AMBIGUOUS))
                    fmt.setToolTip(self.tr("Day-first or month-first? Choose above."))
                self.setItem(row, FORMAT, fmt)
        self.resizeColumnsToContents()

    def mapping(self, kind: str) -> Mapping:
        """The mapping as the table now shows it, for a dataset of ``kind``."""
        columns = []
        for row in range(self.rowCount()):
            source = str(self.item(row, SOURCE).data(Qt.ItemDataRole.UserRole))
            type_ = self.type_combo(row).currentData()
            fmt = self.item(row, FORMAT).text().strip() or None
            decimal, thousands = self._numbers.get(source, (None, None))
            columns.append(ColumnMapping(
                source=source, name=self.item(row, NAME).text().strip() or source, type=type_,
                role=self.role_combo(row).currentData() or None,
                format=fmt if type_ == "datetime" else None,
                include=self.item(row, SOURCE).checkState() == Qt.CheckState.Checked,
                decimal=decimal, thousands=thousands))
        return Mapping(kind, tuple(columns))

    def set_number_format(self, source: str, decimal: str) -> None:
        """Read the number column ``source`` with the decimal mark ``decimal`` (and every other
        thousands separator), as the user answered for that column."""
        self._numbers[source] = (decimal, NumberFormat.for_decimal(decimal).thousands)

    def row_of(self, source: str) -> int:
        """The row of the source column ``source``."""
        for row in range(self.rowCount()):
            if self.item(row, SOURCE).data(Qt.ItemDataRole.UserRole) == source:
                return row
        raise KeyError(source)

    def type_combo(self, row: int) -> QComboBox:
        return self.cellWidget(row, TYPE)  # type: ignore[return-value]

    def role_combo(self, row: int) -> QComboBox:
        return self.cellWidget(row, ROLE)  # type: ignore[return-value]

    def _combo(self, choices: dict[str, str], value: str,
               on_change: Callable[[QComboBox], None]) -> QComboBox:
        combo = CellCombo(self)
        for key, label in choices.items():
            combo.addItem(label, key)
        combo.setCurrentIndex(max(combo.findData(value), 0))
        combo.currentIndexChanged.connect(lambda _index, c=combo: on_change(c))
        return combo

    def _role_changed(self, combo: QComboBox) -> None:
        """A role only one column can play (:data:`UNIQUE_ROLES`), given to this column, is
        taken from the others."""
        role = combo.currentData()
        row = next(r for r in range(self.rowCount()) if self.role_combo(r) is combo)
        if role in UNIQUE_ROLES:
            for other in range(self.rowCount()):
                if other != row and self.role_combo(other).currentData() == role:
                    with QSignalBlocker(self.role_combo(other)):
                        self.role_combo(other).setCurrentIndex(0)
        if role == "timestamp":
            with QSignalBlocker(self.type_combo(row)):
                self.type_combo(row).setCurrentIndex(self.type_combo(row).findData("datetime"))
        self.edited.emit()


def without_formats(mapping: Mapping, sources: Collection[str]) -> Mapping:
    """``mapping`` with the time format of ``sources`` cleared (to be decided again)."""
    return Mapping(mapping.kind, tuple(replace(c, format=None) if c.source in sources else c
                                       for c in mapping.columns))
