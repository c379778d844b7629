"""The recipe editor: an ordered list of steps and, for the selected step, a parameter form built
from the step type's schema (:data:`STEP_TYPES`), so a new step type needs no UI code.

Steps are added from a menu grouped like the core groups them, at the place the phase rule
allows (row steps, then at most one split, then learned steps); Up and Down only move a step
among steps of its own phase. Column pickers list the columns the step will see (the panel
supplies them through ``columns_for``, from validating the steps before it). Text that cannot be
read (e.g. "1, x" for lags) is reported by :meth:`RecipeEditor.input_problem` and leaves the
parameter unset.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from iotfin_gui.core.recipes import STEP_TYPES, Columns, Param, StepType
from iotfin_gui.core.recipes.params import AGGREGATIONS, choice_label
from iotfin_gui.ui.i18n import translated

PHASE_ORDER = {"row": 0, "split": 1, "learned": 2}
INT_LIMIT = 2**31 - 1
NUMBER_LIMIT = 1e12
MISSING_COLOR = QColor("#b00020")


class InputProblem(ValueError):
    """Text in a form field that cannot be read as the parameter's kind."""


# --- one editor per parameter kind -----------------------------------------------------------


class ColumnBox(QComboBox):
    """One column; "(default)" when the parameter is optional."""

    def __init__(self, param: Param, value: Any, columns: list[str], parent: QWidget) -> None:
        super().__init__(parent)
        if not param.required:
            self.addItem(self.tr("(default)"), None)
        elif value is None:
            self.addItem(self.tr("— choose a column —"), None)
        for name in columns:
            self.addItem(name, name)
        if value is not None and value not in columns:
            self.addItem(self.tr("%1 (missing)").replace("%1", str(value)), value)
            self.setItemData(self.count() - 1, QBrush(MISSING_COLOR),
                             Qt.ItemDataRole.ForegroundRole)
        self.setCurrentIndex(max(self.findData(value), 0))
        self.currentIndexChanged.connect(lambda _: self.edited.emit())

    edited = Signal()

    def value(self) -> Any:
        return self.currentData()


class CheckList(QListWidget):
    """Several of ``options`` (columns or choices), kept in the listed order; ``label`` gives
    the text shown for an option (default: the option itself)."""

    edited = Signal()

    def __init__(self, options: list[str], value: list | None, parent: QWidget,
                 label: Callable[[str], str] = str) -> None:
        super().__init__(parent)
        chosen = list(value or [])
        for name in options + [v for v in chosen if v not in options]:
            item = QListWidgetItem(translated(label(name)) if name in options else
                                   self.tr("%1 (missing)").replace("%1", str(name)), self)
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            item.setCheckState(Qt.CheckState.Checked if name in chosen else
                               Qt.CheckState.Unchecked)
            if name not in options:
                item.setForeground(QBrush(MISSING_COLOR))
        self.setMaximumHeight(min(24 + 20 * self.count(), 150))
        self.setMinimumHeight(min(24 + 20 * self.count(), 70))
        self.itemChanged.connect(lambda _: self.edited.emit())

    def set_checked(self, names: list[str]) -> None:
        """Check exactly ``names`` (for tests and scripted use)."""
        for row in range(self.count()):
            item = self.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole)
                               in names else Qt.CheckState.Unchecked)

    def value(self) -> list | None:
        checked = [self.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.count())
                   if self.item(row).checkState() == Qt.CheckState.Checked]
        return checked or None


class ChoiceBox(QComboBox):
    edited = Signal()

    def __init__(self, param: Param, value: Any, parent: QWidget) -> None:
        super().__init__(parent)
        if value is None:
            self.addItem(self.tr("— choose —") if param.required else self.tr("(default)"), None)
        for choice in param.choices:
            self.addItem(translated(param.choice_label(choice)), choice)
        self.setCurrentIndex(max(self.findData(value), 0))
        self.currentIndexChanged.connect(lambda _: self.edited.emit())

    def value(self) -> Any:
        return self.currentData()


def _limits(param: Param, limit: float) -> tuple[float, float]:
    low = param.minimum if param.minimum is not None else -limit
    high = param.maximum if param.maximum is not None else limit
    return max(low, -limit), min(high, limit)


class IntegerBox(QSpinBox):
    """A whole number; optional parameters get a "(default)" value just below the minimum."""

    edited = Signal()

    def __init__(self, param: Param, value: Any, parent: QWidget) -> None:
        super().__init__(parent)
        low, high = _limits(param, INT_LIMIT - 1)
        self.optional = not param.required
        self.setRange(int(low) - (1 if self.optional else 0), int(high))
        if self.optional:
            self.setSpecialValueText(self.tr("(default)"))
        self.setValue(int(value) if value is not None else self.minimum())
        self.valueChanged.connect(lambda _: self.edited.emit())

    def value(self) -> int | None:  # type: ignore[override]
        number = super().value()
        return None if self.optional and number == self.minimum() else number


class NumberBox(QDoubleSpinBox):
    edited = Signal()

    def __init__(self, param: Param, value: Any, parent: QWidget) -> None:
        super().__init__(parent)
        low, high = _limits(param, NUMBER_LIMIT)
        self.setDecimals(4)
        self.setSingleStep(0.01 if high <= 1 else 1.0)
        self.optional = not param.required
        step = self.singleStep()
        self.setRange(low - (step if self.optional else 0), high)
        if self.optional:
            self.setSpecialValueText(self.tr("(default)"))
        self.setValue(float(value) if value is not None else self.minimum())
        self.valueChanged.connect(lambda _: self.edited.emit())

    def value(self) -> float | None:  # type: ignore[override]
        number = super().value()
        return None if self.optional and number == self.minimum() else number


class BooleanBox(QCheckBox):
    edited = Signal()

    def __init__(self, value: Any, parent: QWidget) -> None:
        super().__init__(parent)
        self.setChecked(bool(value))
        self.toggled.connect(lambda _: self.edited.emit())

    def value(self) -> bool:
        return self.isChecked()


class TextBox(QLineEdit):
    """Texts, dates, lists ("1, 7, 28"), scalars and JSON, read by ``kind``."""

    edited = Signal()
    PLACEHOLDERS: ClassVar[dict[str, str]] = {
        "integers": "1, 7, 28", "texts": "ATM-0001, ATM-0002", "datetime": "2026-01-31",
        "conditions": '[{"column": "amount", "op": ">", "value": 0}]',
        "orders": '{"risk": ["low", "medium", "high"]}', "scalar": "0",
    }

    def __init__(self, param: Param, value: Any, parent: QWidget) -> None:
        super().__init__(parent)
        self.kind, self.default = param.kind, param.default
        self.setText(self._show(value))
        self.setPlaceholderText(self.PLACEHOLDERS.get(self.kind, ""))
        self.textEdited.connect(lambda _: self.edited.emit())

    def _show(self, value: Any) -> str:
        if value is None:
            return ""
        if self.kind in ("integers", "texts"):
            return ", ".join(map(str, value))
        if self.kind in ("conditions", "orders"):
            return json.dumps(value, ensure_ascii=False)
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    def value(self) -> Any:
        text = self.text().strip()
        if not text:
            return "" if self.kind == "text" and self.default else None
        if self.kind == "integers":
            try:
                return [int(part) for part in text.replace(";", ",").split(",") if part.strip()]
            except ValueError:
                raise InputProblem(self.tr("%1 is not a list of whole numbers such as 1, 7, 28")
                                   .replace("%1", repr(text))) from None
        if self.kind == "texts":
            return [part.strip() for part in text.split(",") if part.strip()]
        if self.kind in ("conditions", "orders"):
            try:
                return json.loads(text)
            except ValueError as error:
                raise InputProblem(self.tr("is not valid JSON (%1)").replace("%1", str(error))) \
                    from None
        if self.kind == "scalar":
            if text.lower() in ("true", "false"):
                return text.lower() == "true"
            try:
                return float(text) if any(c in text for c in ".eE") else int(text)
            except ValueError:
                return text
        return text


class AggregationGrid(QWidget):
    """One aggregation (or none) per column, for resampling."""

    edited = Signal()

    def __init__(self, value: dict | None, columns: list[str], parent: QWidget) -> None:
        super().__init__(parent)
        chosen = dict(value or {})
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setVerticalSpacing(2)
        self.boxes: dict[str, QComboBox] = {}
        for row, name in enumerate(columns + [c for c in chosen if c not in columns]):
            label = QLabel(name if name in columns else
                           self.tr("%1 (missing)").replace("%1", name), self)
            label.setTextFormat(Qt.TextFormat.PlainText)
            box = QComboBox(self)
            box.addItem(self.tr("— (drop)"), None)
            for how in AGGREGATIONS:
                box.addItem(translated(choice_label(how)), how)
            box.setCurrentIndex(max(box.findData(chosen.get(name)), 0))
            box.currentIndexChanged.connect(lambda _: self.edited.emit())
            layout.addWidget(label, row, 0)
            layout.addWidget(box, row, 1)
            self.boxes[name] = box

    def value(self) -> dict | None:
        result = {name: box.currentData() for name, box in self.boxes.items()
                  if box.currentData() is not None}
        return result or None


# --- the form of one step --------------------------------------------------------------------


class ParamForm(QWidget):
    """The parameters of one step; ``edited`` fires on every change a user makes."""

    edited = Signal()

    def __init__(self, step_type: StepType, params: dict[str, Any], columns: Columns | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step_type = step_type
        self.given = dict(params)
        self.problems: dict[str, str] = {}
        names = list(columns.types) if columns is not None else []
        roles = {columns.device, columns.time} if columns is not None else set()
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.widgets: dict[str, QWidget] = {}
        for param in step_type.params:
            value = params.get(param.name, param.default)
            widget = self._widget(param, value, names, roles)
            widget.setObjectName(f"param_{param.name}")
            tip = translated(param.help) if param.help else ""
            widget.setToolTip(tip)
            widget.edited.connect(self.edited)
            label = QLabel(translated(param.label) + (" *" if param.required else ""), self)
            label.setToolTip(tip)
            layout.addRow(label, widget)
            self.widgets[param.name] = widget

    def _widget(self, param: Param, value: Any, names: list[str], roles: set) -> QWidget:
        kind = param.kind
        if kind == "column":
            return ColumnBox(param, value, names, self)
        if kind == "columns":
            return CheckList(names, value, self)
        if kind == "choice":
            return ChoiceBox(param, value, self)
        if kind == "choices":
            return CheckList(list(param.choices), value, self, param.choice_label)
        if kind == "integer":
            return IntegerBox(param, value, self)
        if kind == "number":
            return NumberBox(param, value, self)
        if kind == "boolean":
            return BooleanBox(value, self)
        if kind == "aggregations":
            return AggregationGrid(value, [n for n in names if n not in roles], self)
        return TextBox(param, value, self)

    def values(self) -> dict[str, Any]:
        """The parameters as the step stores them: unset ones and untouched defaults left out.
        Unreadable text leaves its parameter out and is listed in ``problems``."""
        result: dict[str, Any] = {}
        self.problems = {}
        for param in self.step_type.params:
            widget = self.widgets[param.name]
            try:
                value = widget.value()
            except InputProblem as problem:
                self.problems[param.name] = str(problem)
                widget.setStyleSheet("border: 1px solid #b00020;")
                continue
            widget.setStyleSheet("")
            if value is None or (param.name not in self.given and value == param.default):
                continue
            result[param.name] = value
        return result


# --- the editor ------------------------------------------------------------------------------


class RecipeEditor(QWidget):
    """Ordered steps and the form of the selected one; ``changed`` fires on every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._steps: list[tuple[str, dict[str, Any]]] = []
        self._read_only = False
        self._problem_step: int | None = None
        self._input_problem: str | None = None
        #: The columns step ``index`` sees; set by the panel from the dataset and earlier steps.
        self.columns_for: Callable[[int], Columns | None] = lambda index: None
        self.form: ParamForm | None = None

        self.step_list = QListWidget(self)
        self.step_list.setObjectName("step_list")
        self.step_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.step_list.currentRowChanged.connect(self._step_selected)
        self.step_list.setMinimumHeight(120)

        self.add_menu = QMenu(self)
        self.add_menu.setToolTipsVisible(True)
        self.add_actions: dict[str, QAction] = {}
        groups: dict[str, QMenu] = {}
        for name, step_type in STEP_TYPES.items():
            if step_type.group not in groups:
                groups[step_type.group] = self.add_menu.addMenu(translated(step_type.group))
                groups[step_type.group].setToolTipsVisible(True)
            action = groups[step_type.group].addAction(translated(step_type.label))
            action.setToolTip(translated(step_type.description))
            action.setStatusTip(translated(step_type.description))
            action.triggered.connect(lambda _=False, n=name: self.add_step(n))
            self.add_actions[name] = action
        self.add_button = QToolButton(self)
        self.add_button.setText(self.tr("Add step"))
        self.add_button.setMenu(self.add_menu)
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        style = self.style()
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button = QPushButton(style.standardIcon(QStyle.StandardPixmap.SP_ArrowUp), "",
                                     self)
        self.up_button.setToolTip(self.tr("Move the step up (within its phase)"))
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button = QPushButton(style.standardIcon(QStyle.StandardPixmap.SP_ArrowDown),
                                       "", self)
        self.down_button.setToolTip(self.tr("Move the step down (within its phase)"))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)

        self.description = QLabel(self)
        self.description.setWordWrap(True)
        self.description.setStyleSheet("color: palette(dark);")
        self.form_area = QScrollArea(self)
        self.form_area.setWidgetResizable(True)
        self.form_area.setMinimumHeight(160)
        self.form_holder = QWidget(self)
        self.form_area.setWidget(self.form_holder)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.step_list, 2)
        layout.addWidget(self.description)
        layout.addWidget(self.form_area, 3)
        self._update_buttons()

    # --- the steps -----------------------------------------------------------------------

    def steps(self) -> list[tuple[str, dict[str, Any]]]:
        return [(kind, dict(params)) for kind, params in self._steps]

    def set_steps(self, steps: list[tuple[str, dict[str, Any]]]) -> None:
        """Show ``steps`` (e.g. a loaded recipe), selecting the first; no ``changed``."""
        self._steps = [(kind, dict(params)) for kind, params in steps]
        self._problem_step, self._input_problem = None, None
        self._fill_list(0 if self._steps else -1)

    def selected(self) -> int:
        return self.step_list.currentRow()

    def select(self, index: int) -> None:
        self.step_list.setCurrentRow(index)

    def insert_position(self, kind: str) -> int:
        """Where a new step of ``kind`` goes: after the selected step of the same phase, else
        after the last step of its phase (or an earlier one)."""
        phase = PHASE_ORDER[STEP_TYPES[kind].phase]
        current = self.selected()
        if 0 <= current < len(self._steps) and self._phase(current) == phase:
            return current + 1
        return sum(1 for index in range(len(self._steps)) if self._phase(index) <= phase)

    def add_step(self, kind: str) -> int:
        if self._read_only:
            return -1
        index = self.insert_position(kind)
        self._steps.insert(index, (kind, {}))
        self._fill_list(index)
        self.changed.emit()
        return index

    def remove_selected(self) -> None:
        index = self.selected()
        if self._read_only or not 0 <= index < len(self._steps):
            return
        del self._steps[index]
        self._fill_list(min(index, len(self._steps) - 1))
        self.changed.emit()

    def can_move(self, index: int, delta: int) -> bool:
        other = index + delta
        return (not self._read_only and 0 <= index < len(self._steps)
                and 0 <= other < len(self._steps) and self._phase(index) == self._phase(other))

    def move_selected(self, delta: int) -> None:
        index = self.selected()
        if not self.can_move(index, delta):
            return
        steps = self._steps
        steps[index], steps[index + delta] = steps[index + delta], steps[index]
        self._fill_list(index + delta)
        self.changed.emit()

    def _phase(self, index: int) -> int:
        return PHASE_ORDER[STEP_TYPES[self._steps[index][0]].phase]

    # --- state shown ---------------------------------------------------------------------

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.form_holder.setEnabled(not read_only)
        self._update_buttons()

    def is_read_only(self) -> bool:
        return self._read_only

    def set_problem_step(self, index: int | None) -> None:
        """Mark step ``index`` (the one the validation message names), or none."""
        self._problem_step = index
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for row in range(self.step_list.count()):
            item = self.step_list.item(row)
            item.setIcon(warning if row == index else QIcon())
            item.setData(Qt.ItemDataRole.ForegroundRole,
                         QBrush(MISSING_COLOR) if row == index else None)

    def input_problem(self) -> str | None:
        """Unreadable text in the form, as a message naming the step and the parameter."""
        return self._input_problem

    def refresh_form(self) -> None:
        """Rebuild the form of the selected step (e.g. after the dataset changed)."""
        self._build_form(self.selected())

    # --- internals -----------------------------------------------------------------------

    def _item_text(self, index: int) -> str:
        kind, params = self._steps[index]
        step_type = STEP_TYPES[kind]
        parts = []
        for param in step_type.params:
            if param.name in params:
                value = params[param.name]
                if isinstance(value, bool):
                    value = self.tr("yes") if value else self.tr("no")
                elif param.kind == "choice":
                    value = translated(param.choice_label(value))
                elif isinstance(value, list):
                    value = ", ".join(map(str, value))
                elif isinstance(value, dict):
                    value = ", ".join(f"{k}: {v}" for k, v in value.items())
                parts.append(str(value))
        detail = "; ".join(parts)
        if len(detail) > 48:
            detail = detail[:45] + "…"
        phase = "" if step_type.phase == "row" else f" [{translated(step_type.phase_label)}]"
        return f"{index + 1}. {translated(step_type.label)}{phase}" + (
            f"  ·  {detail}" if detail else "")

    def _fill_list(self, select: int) -> None:
        self.step_list.blockSignals(True)
        self.step_list.clear()
        for index, (kind, _params) in enumerate(self._steps):
            item = QListWidgetItem(self._item_text(index), self.step_list)
            item.setToolTip(translated(STEP_TYPES[kind].description))
        self.step_list.blockSignals(False)
        self.set_problem_step(self._problem_step if self._problem_step is not None
                              and self._problem_step < len(self._steps) else None)
        self.step_list.setCurrentRow(select)
        self._step_selected(select)

    def _step_selected(self, index: int) -> None:
        self._build_form(index)
        self._update_buttons()

    def _build_form(self, index: int) -> None:
        old = self.form_area.takeWidget()
        if old is not None:
            old.deleteLater()
        self.form_holder = QWidget(self)
        holder_layout = QVBoxLayout(self.form_holder)
        self.form = None
        self._input_problem = None
        if 0 <= index < len(self._steps):
            kind, params = self._steps[index]
            step_type = STEP_TYPES[kind]
            self.description.setText(f"<b>{translated(step_type.label)}</b> "
                                     f"({translated(step_type.phase_label)}): "
                                     f"{translated(step_type.description)}")
            self.form = ParamForm(step_type, params, self.columns_for(index), self.form_holder)
            self.form.edited.connect(self._form_edited)
            holder_layout.addWidget(self.form)
        else:
            self.description.setText(self.tr(
                "Add steps with <b>Add step</b>: row steps first (filters, resampling, "
                "features), then at most one train/test split, then learned steps (scaling, "
                "encoding) fitted on the training rows only."))
        holder_layout.addStretch(1)
        self.form_holder.setEnabled(not self._read_only)
        self.form_area.setWidget(self.form_holder)

    def _form_edited(self) -> None:
        index = self.selected()
        if self.form is None or not 0 <= index < len(self._steps):
            return
        kind = self._steps[index][0]
        self._steps[index] = (kind, self.form.values())
        self._input_problem = None
        if self.form.problems:
            name, message = next(iter(self.form.problems.items()))
            self._input_problem = self.tr("Step %1 (%2), parameter '%3': %4").replace(
                "%1", str(index + 1)).replace("%2", kind).replace("%3", name).replace(
                "%4", message)
        self.step_list.item(index).setText(self._item_text(index))
        self.changed.emit()

    def _update_buttons(self) -> None:
        index = self.selected()
        has_split = any(STEP_TYPES[k].phase == "split" for k, _ in self._steps)
        self.add_button.setEnabled(not self._read_only)
        for name, action in self.add_actions.items():
            action.setEnabled(not (STEP_TYPES[name].phase == "split" and has_split))
        valid = 0 <= index < len(self._steps)
        self.remove_button.setEnabled(not self._read_only and valid)
        self.up_button.setEnabled(self.can_move(index, -1))
        self.down_button.setEnabled(self.can_move(index, 1))
