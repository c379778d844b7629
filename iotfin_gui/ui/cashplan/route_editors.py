"""The editors of the route table's cells, each fit for its setting, and the delegate that picks
them.

Visit days are a checkable list of Monday ... Sunday; CIT holidays a list of dates with a date
box to add one; the ATMs a checkable list of the fleet's ATMs or "all other ATMs"; whole numbers
spin boxes with the ranges the core's rules allow (:data:`WHOLE_RANGES`); amounts money boxes in
the data's currency; the idle rate a percent. The list editors are taller than a row: they open
as a popup over the table (never clipped by it) and are kept with their Done button or by a
click elsewhere.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QDateEdit,
    QDoubleSpinBox,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from iotfin_gui.core.cashplan.routes import WHOLE_RANGES
from iotfin_gui.core.formatting import currency_sign
from iotfin_gui.ui.cashplan.routes_model import MONEY_COLUMNS, RoutesModel, weekday_name

Index = QModelIndex | QPersistentModelIndex
#: The largest amount a money box takes.
MAX_AMOUNT = 1e12


class PopupEditor(QFrame):
    """A cell editor taller than its row, with a Done button that commits it."""

    done = Signal()

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(4, 4, 4, 4)
        self.done_button = QPushButton(self.tr("Done"), self)
        self.done_button.clicked.connect(self.done)

    def finish_layout(self) -> None:
        """Put the Done button last (call after adding the editor's own widgets)."""
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.done_button)
        self.layout_.addLayout(row)


def _checkable(parent: QListWidget, text: str, data: Any, checked: bool) -> QListWidgetItem:
    item = QListWidgetItem(text, parent)
    item.setData(Qt.ItemDataRole.UserRole, data)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    return item


def _checked_data(box: QListWidget) -> list[Any]:
    return [box.item(i).data(Qt.ItemDataRole.UserRole) for i in range(box.count())
            if box.item(i).checkState() == Qt.CheckState.Checked]


class WeekdayPicker(PopupEditor):
    """Monday ... Sunday, ticked for the days the cash-in-transit company may visit."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.days = QListWidget(self)
        for day in range(7):
            _checkable(self.days, weekday_name(day), day, False)
        self.days.setFixedHeight(7 * self.days.sizeHintForRow(0) + 2 * self.days.frameWidth())
        self.layout_.addWidget(self.days)
        self.finish_layout()

    def set_value(self, days: tuple[int, ...]) -> None:
        for day in range(7):
            self.days.item(day).setCheckState(
                Qt.CheckState.Checked if day in days else Qt.CheckState.Unchecked)

    def value(self) -> tuple[int, ...]:
        return tuple(_checked_data(self.days))

    def tick(self, day: int, checked: bool = True) -> None:
        """Tick (or untick) ``day`` (Monday = 0) as a click on its box would."""
        self.days.item(day).setCheckState(
            Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)


class DateListEditor(PopupEditor):
    """The days the cash-in-transit company does not come: a list, a date box and Add/Remove."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.dates = QListWidget(self)
        self.dates.setFixedHeight(110)
        self.date_box = QDateEdit(QDate.currentDate(), self)
        self.date_box.setDisplayFormat("yyyy-MM-dd")
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.clicked.connect(self.add_shown_date)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.clicked.connect(self.remove_selected)
        row = QHBoxLayout()
        row.addWidget(self.date_box, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        self.layout_.addWidget(self.dates)
        self.layout_.addLayout(row)
        self.finish_layout()

    def set_value(self, days: tuple[str, ...]) -> None:
        self.dates.clear()
        self.dates.addItems(list(days))

    def value(self) -> tuple[str, ...]:
        return tuple(self.dates.item(i).text() for i in range(self.dates.count()))

    def add_shown_date(self) -> None:
        day = self.date_box.date().toString("yyyy-MM-dd")
        if day not in self.value():
            self.set_value(tuple(sorted((*self.value(), day))))

    def remove_selected(self) -> None:
        for item in self.dates.selectedItems():
            self.dates.takeItem(self.dates.row(item))


class AtmPicker(PopupEditor):
    """The ATMs a route serves: ticked in the fleet's list, or every ATM on no other route."""

    def __init__(self, parent: QWidget | None, fleet: list[str]) -> None:
        super().__init__(parent)
        self.fleet = fleet
        self.all_others = QCheckBox(self.tr("All other ATMs"), self)
        self.all_others.toggled.connect(self._follow_all_others)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Filter ATMs"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        self.atms = QListWidget(self)
        self.atms.setFixedHeight(150)
        self.layout_.addWidget(self.all_others)
        self.layout_.addWidget(self.filter)
        self.layout_.addWidget(self.atms)
        self.finish_layout()

    def set_value(self, atms: tuple[str, ...]) -> None:
        self.atms.clear()
        for atm in dict.fromkeys([*self.fleet, *atms]):
            _checkable(self.atms, atm, atm, atm in atms)
        self.all_others.setChecked(not atms)
        self._follow_all_others(not atms)

    def value(self) -> tuple[str, ...]:
        return () if self.all_others.isChecked() else tuple(_checked_data(self.atms))

    def tick(self, atm: str, checked: bool = True) -> None:
        """Tick (or untick) ``atm`` as a click on its box would."""
        for item in self.atms.findItems(atm, Qt.MatchFlag.MatchExactly):
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _follow_all_others(self, checked: bool) -> None:
        self.atms.setEnabled(not checked)
        self.filter.setEnabled(not checked)

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self.atms.count()):
            item = self.atms.item(i)
            item.setHidden(bool(needle) and needle not in item.text().casefold())


class RouteDelegate(QStyledItemDelegate):
    """Gives each column of :class:`RoutesModel` its editor and writes the value back."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: The fleet's ATM ids offered by the ATM picker.
        self.fleet: list[str] = []
        self.currency: str | None = None

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        column = RoutesModel.column_of(index)
        editor: QWidget
        if column == "visit_days":
            editor = WeekdayPicker(parent)
        elif column == "cit_holidays":
            editor = DateListEditor(parent)
        elif column == "atms":
            editor = AtmPicker(parent, self.fleet)
        elif column in WHOLE_RANGES:
            editor = QSpinBox(parent)
            editor.setRange(*WHOLE_RANGES[column])
            editor.setGroupSeparatorShown(True)
        elif column in MONEY_COLUMNS:
            editor = self.money_box(parent, optional=column == "capacity")
        elif column == "idle_rate":
            editor = QDoubleSpinBox(parent)
            editor.setRange(0.0, 100.0)
            editor.setDecimals(2)
            editor.setSuffix("%")
        else:
            editor = QLineEdit(parent)
        if isinstance(editor, PopupEditor):
            editor.done.connect(lambda: self._finish(editor))
        return editor

    def money_box(self, parent: QWidget, *, optional: bool = False) -> QDoubleSpinBox:
        """An amount in the data's currency (its sign in front); ``optional``: 0 reads
        "registry" (the device registry's capacity)."""
        box = QDoubleSpinBox(parent)
        box.setRange(0.0, MAX_AMOUNT)
        box.setDecimals(2)
        box.setGroupSeparatorShown(True)
        box.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
        if self.currency:
            box.setPrefix(currency_sign(self.currency) + " ")
        if optional:
            box.setSpecialValueText(self.tr("registry"))
        return box

    def _finish(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        column = RoutesModel.column_of(index)
        if isinstance(editor, PopupEditor):
            editor.set_value(tuple(value))
        elif column == "idle_rate":
            editor.setValue(100.0 * float(value))
        elif column == "capacity":
            editor.setValue(0.0 if value is None else float(value))
        elif isinstance(editor, (QSpinBox, QDoubleSpinBox)):
            editor.setValue(value)
        else:
            editor.setText(str(value))
        if isinstance(editor, (QSpinBox, QDoubleSpinBox)):
            editor.setProperty("shown", editor.value())

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        column = RoutesModel.column_of(index)
        if isinstance(editor, (QSpinBox, QDoubleSpinBox)) and \
                editor.value() == editor.property("shown"):
            return  # untouched: keep the stored value (it may have more decimals than shown)
        if isinstance(editor, PopupEditor):
            value: Any = editor.value()
        elif column == "idle_rate":
            value = round(editor.value() / 100.0, 6)
        elif column == "capacity":
            value = editor.value() or None
        elif isinstance(editor, (QSpinBox, QDoubleSpinBox)):
            value = editor.value()
        else:
            value = editor.text()
        model.setData(index, value, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,
                             index: Index) -> None:
        if not isinstance(editor, PopupEditor):
            super().updateEditorGeometry(editor, option, index)
            return
        viewport = editor.parentWidget()
        hint = editor.sizeHint()
        rect = QRect(viewport.mapToGlobal(option.rect.topLeft()),
                     QSize(max(option.rect.width(), hint.width(), 200), hint.height()))
        bounds = viewport.window().geometry()  # kept inside the window
        rect.moveTop(max(bounds.top(), min(rect.top(), bounds.bottom() - rect.height())))
        rect.moveLeft(max(bounds.left(), min(rect.left(), bounds.right() - rect.width())))
        editor.setGeometry(rect)
