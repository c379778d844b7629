"""Edit one model's search grid: a table of parameters and the values to try (one row per
parameter, values separated by commas), with the JSON text as an advanced view. Both views
hold the same grid: switching converts it, and OK checks it against the model's parameters and
their allowed values, naming the parameter at fault."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from iotfin_gui.core.errors import UserFacingError, user_message
from iotfin_gui.core.models import model_spec
from iotfin_gui.core.models.search import check_grid
from iotfin_gui.ui.i18n import number, translated

Grid = dict[str, list[Any]]


class GridError(ValueError):
    """A grid that cannot be read: the message names the parameter (or JSON position)."""


def split_values(text: str) -> list[str]:
    """``text`` split at the commas outside brackets and quotes: ``[32], [64, 32]`` gives
    two values."""
    parts, depth, quote, current = [], 0, "", []
    for char in text:
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
            continue
        current.append(char)
    parts.append("".join(current).strip())
    return parts


def parse_value(text: str) -> Any:
    """One value as typed: JSON (numbers, ``[64, 32]``, ``null``, ``"text"``) or, failing
    that, plain text such as ``sqrt``."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        if text[:1] in "[{\"":
            raise
        return text


def value_text(value: Any) -> str:
    """How a value reads in the table: text that would not read back as JSON bare, else
    JSON."""
    if isinstance(value, str):
        try:
            json.loads(value)
        except json.JSONDecodeError:
            if "," not in value and value.strip() == value and value[:1] not in "[{\"'":
                return value
    return json.dumps(value)


class GridEditor(QDialog):
    """One model's grid as a table (the default view) or JSON (advanced), checked on OK."""

    def __init__(self, task: str, model: str, grid: Grid, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = model_spec(task, model)
        self.grid: Grid = dict(grid)
        self.setWindowTitle(self.tr("Search grid: %1").replace("%1",
                                                               translated(self.spec.label)))
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Parameter"), self.tr("Values to try")])
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch)
        self.table.setToolTip(self.tr("Values separated by commas, e.g. 0.1, 1, 10 or sqrt, 0.5; "
                                      "a list value in brackets, e.g. [64, 32]"))
        known = sorted(k for k in self.spec.build().get_params() if k.count("__") <= 1)
        self.known_label = QLabel(self.tr("Parameters of %1: %2").replace(
            "%1", translated(self.spec.label)).replace("%2", ", ".join(known)), self)
        self.known_label.setWordWrap(True)
        self.add_button = QPushButton(self.tr("Add parameter"), self)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button = QPushButton(self.tr("Remove parameter"), self)
        self.remove_button.clicked.connect(self.remove_row)
        self.json_button = QPushButton(self.tr("JSON (advanced)"), self)
        self.json_button.setCheckable(True)
        self.json_button.setToolTip(self.tr("Edit the same grid as JSON text"))
        self.json_button.toggled.connect(self._switch_view)
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(self.add_button)
        row_buttons.addWidget(self.remove_button)
        row_buttons.addStretch(1)
        row_buttons.addWidget(self.json_button)
        table_page = QWidget(self)
        table_layout = QVBoxLayout(table_page)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.table, 1)
        table_layout.addWidget(self.known_label)
        self.editor = QPlainTextEdit(self)
        self.editor.setMinimumSize(420, 220)
        self.views = QStackedWidget(self)
        self.views.addWidget(table_page)
        self.views.addWidget(self.editor)
        self.message = QLabel(self.tr(
            "Each parameter with the values to try, e.g. C: 0.1, 1, 10."), self)
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(
            self.restore_default)
        layout = QVBoxLayout(self)
        layout.addLayout(row_buttons)
        layout.addWidget(self.views, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.show_grid(self.grid)

    # --- the two views -----------------------------------------------------------------------

    def json_view(self) -> bool:
        return self.json_button.isChecked()

    def show_grid(self, grid: Grid) -> None:
        """Put ``grid`` in both views."""
        self.table.setRowCount(0)
        for name, values in grid.items():
            self.add_row(name, ", ".join(value_text(v) for v in values))
        self.table.resizeColumnToContents(0)
        self.editor.setPlainText(json.dumps(grid, indent=2))

    def add_row(self, name: str = "", values: str = "") -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(name))
        self.table.setItem(row, 1, QTableWidgetItem(values))
        if not name:
            self.table.setCurrentCell(row, 0)

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def restore_default(self) -> None:
        self.show_grid({k: list(v) for k, v in self.spec.grid.items()})

    def table_grid(self) -> Grid:
        """The grid the table holds (rows without a parameter name and values are skipped)."""
        grid: Grid = {}
        for row in range(self.table.rowCount()):
            name = (self.table.item(row, 0).text() if self.table.item(row, 0) else "").strip()
            text = (self.table.item(row, 1).text() if self.table.item(row, 1) else "").strip()
            if not name and not text:
                continue
            if not name:
                raise GridError(self.tr("Row %1: name the parameter of the values %2.")
                                .replace("%1", number(row + 1)).replace("%2", text))
            if name in grid:
                raise GridError(self.tr("%1: the parameter is listed twice.").replace("%1", name))
            values = []
            for part in split_values(text):
                if not part:
                    raise GridError(self.tr("%1: a value is missing (two commas in a row, or "
                                            "none at all).").replace("%1", name))
                try:
                    values.append(parse_value(part))
                except json.JSONDecodeError as error:
                    raise GridError(self.tr("%1: cannot read the value %2 (%3).")
                                    .replace("%1", name).replace("%2", part)
                                    .replace("%3", error.msg)) from None
            grid[name] = values
        return grid

    def json_grid(self) -> Grid:
        """The grid the JSON text holds."""
        try:
            grid = json.loads(self.editor.toPlainText() or "{}")
        except json.JSONDecodeError as error:
            raise GridError(self.tr("Not valid JSON (line %1, column %2): %3")
                            .replace("%1", number(error.lineno))
                            .replace("%2", number(error.colno)).replace("%3", error.msg)) from None
        if not isinstance(grid, dict):
            raise GridError(self.tr("The grid must be a JSON object of parameter names and "
                                    "lists of values."))
        return {str(k): v if isinstance(v, list) else [v] for k, v in grid.items()}

    def _switch_view(self, to_json: bool) -> None:
        """Carry the grid over to the other view; stay if it cannot be read."""
        try:
            grid = self.table_grid() if to_json else self.json_grid()
        except GridError as error:
            self._show_problem(str(error))
            self.json_button.blockSignals(True)
            self.json_button.setChecked(not to_json)
            self.json_button.blockSignals(False)
            return
        self.show_grid(grid)
        self.views.setCurrentIndex(1 if to_json else 0)
        for button in (self.add_button, self.remove_button):
            button.setEnabled(not to_json)

    # --- checking ----------------------------------------------------------------------------

    def _show_problem(self, text: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;")

    def validate(self) -> Grid | None:
        """The grid in the active view checked against the model, or None with the problem
        shown under it."""
        try:
            grid = self.json_grid() if self.json_view() else self.table_grid()
            check_grid(self.spec, grid)
        except GridError as error:
            self._show_problem(str(error))
            return None
        except UserFacingError as error:
            self._show_problem(translated(user_message(error)))
            return None
        return grid

    def accept(self) -> None:
        grid = self.validate()
        if grid is None:
            return
        self.grid = grid
        super().accept()
