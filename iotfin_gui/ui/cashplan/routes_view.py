"""The route settings table: what the plan knows about each route, edited in place, imported
from and exported to CSV.

Edits change a draft (:class:`RoutesModel`), checked cell by cell with the core's rules; Save
keeps it in the store (:func:`save_routes`, one write) and emits :attr:`RoutesView.changed`, on
which the plan is made again; Revert brings back what the store holds. Import replaces the
stored routes from a CSV (a bad file changes nothing and its row and column are named); Export
writes the stored routes as a CSV the import reads back.
"""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from iotfin_gui.core.cashplan import load_routes, read_routes_csv, save_routes
from iotfin_gui.core.cashplan.routes import RouteSettings, write_routes_csv
from iotfin_gui.core.errors import InputError, UserFacingError, user_message
from iotfin_gui.core.outputs import check_file_target
from iotfin_gui.core.store import Store
from iotfin_gui.ui.cashplan.route_editors import RouteDelegate
from iotfin_gui.ui.cashplan.routes_model import RoutesModel
from iotfin_gui.ui.dialogs import ask_replace
from iotfin_gui.ui.file_dialogs import open_file_name, save_file_name
from iotfin_gui.ui.i18n import translated

#: The widest a column gets from its contents (a route of many ATMs lists them in its tooltip).
MAX_COLUMN_WIDTH = 280


class RoutesView(QWidget):
    """The store's route settings as an editable table with Add, Remove, Import, Export,
    Revert and Save."""

    changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.model = RoutesModel(self)
        self.delegate = RouteDelegate(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setItemDelegate(self.delegate)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.model.dataChanged.connect(self._fit_edited)
        self.table.horizontalHeader().setMaximumSectionSize(MAX_COLUMN_WIDTH)
        self.add_button = self._button(self.tr("Add route"), self.add_route, self.tr(
            "A new route with the default settings; tick its ATMs"))
        self.remove_button = self._button(self.tr("Remove route"), self.remove_route,
                                          self.tr("Remove the selected route"))
        self.import_button = self._button(self.tr("Import routes…"), self.choose_file, self.tr(
            "A CSV with one row per route: route, atms, visit_days, cit_holidays, lead_days, "
            "capacity, denomination, notes_per_bundle, visit_cost, surcharge, idle_rate, "
            "stockout_penalty, max_interval"))
        self.export_button = self._button(self.tr("Export routes…"), self.choose_export_file,
                                          self.tr("Write the saved routes as a CSV that "
                                                  "Import reads back"))
        self.revert_button = self._button(self.tr("Revert"), self.revert,
                                          self.tr("Back to the saved routes"))
        self.save_button = self._button(self.tr("Save"), self.save, self.tr(
            "Keep the routes in the store and make the plan again"))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("<b>Routes</b>"), self))
        top.addStretch(1)
        for button in (self.add_button, self.remove_button, self.import_button,
                       self.export_button, self.revert_button, self.save_button):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self.model.edited.connect(self._follow_draft)
        self.table.selectionModel().selectionChanged.connect(self._follow_draft)
        self.refresh()

    def _button(self, text: str, slot: object, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def set_fleet(self, atms: list[str], currency: str | None,
                  capacity: pd.Series | None = None) -> None:
        """The ATMs the route editor offers (their bundles checked against ``capacity``, the
        registry's cassettes) and the currency amounts are in."""
        self.delegate.fleet = list(atms)
        self.delegate.currency = currency
        self.model.set_currency(currency)
        self.model.set_capacities(atms, capacity)
        self.table.resizeColumnsToContents()

    def refresh(self) -> None:
        """Show the store's routes (unsaved edits are dropped). Stored routes the rules refuse
        (saved by another version) are left as they are and named; the table starts from the
        default route until Save or Import replaces them."""
        try:
            routes = load_routes(self.store)
        except InputError as error:
            routes = [RouteSettings()]
            self.message.setText(self.tr("The stored routes cannot be used: %1").replace(
                "%1", translated(user_message(error))))
        self.model.set_routes(routes)
        self.table.resizeColumnsToContents()

    def _fit_edited(self, top: QModelIndex, bottom: QModelIndex, *args: object) -> None:
        """Widen an edited column to its new text (a typed capacity of 1,000,000 was cut to
        "1,000…" in a column sized for "registry")."""
        for column in range(top.column(), bottom.column() + 1):
            self.table.resizeColumnToContents(column)

    def _follow_draft(self, *args: object) -> None:
        problems = self.model.problems()
        dirty = self.model.is_dirty()
        self.save_button.setEnabled(dirty and not problems)
        self.revert_button.setEnabled(dirty)
        self.export_button.setEnabled(not dirty)
        self.export_button.setToolTip(self.tr(
            "Write the saved routes as a CSV that Import reads back") if not dirty else
            self.tr("Save or revert the edits first"))
        self.remove_button.setEnabled(self.table.currentIndex().isValid()
                                      and self.model.rowCount() > 1)
        if problems:
            row, column, _ = problems[0]
            more = len(problems) - 1
            self.message.setText(self.model.problem_text(row, column) + (
                " " + self.tr("(%n more problem(s))", "", more) if more else ""))
        elif dirty:
            self.message.setText(self.tr("Unsaved changes."))

    # --- editing ---------------------------------------------------------------------------

    def add_route(self) -> int:
        """Append a route named after its row and start editing its name; returns the row."""
        names = {r.route for r in self.model.routes()}
        number = len(names) + 1
        while self.tr("Route %1").replace("%1", str(number)) in names:
            number += 1
        row = self.model.add_route(self.tr("Route %1").replace("%1", str(number)))
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return row

    def remove_route(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.model.remove_route(index.row())

    def revert(self) -> None:
        self.refresh()
        self.message.setText(self.tr("Back to the saved routes."))

    def save(self) -> bool:
        """Keep the draft in the store (checked again by the core) and re-plan."""
        routes = self.model.routes()
        try:
            save_routes(self.store, routes)
        except InputError as error:
            self.message.setText(self.tr("Not saved: %1").replace(
                "%1", translated(user_message(error))))
            return False
        self.model.set_routes(routes)
        self.message.setText(self.tr("%n route(s) saved.", "", len(routes)))
        self.changed.emit()
        return True

    # --- files -----------------------------------------------------------------------------

    def choose_file(self) -> None:
        path, _ = open_file_name(self, self.tr("Import route settings"), "",
                                 self.tr("CSV files (*.csv);;All files (*)"))
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> bool:
        """Read ``path`` and keep its routes; on a problem, say where and keep the old ones."""
        try:
            routes = read_routes_csv(path)
            save_routes(self.store, routes)
        except InputError as error:
            self.message.setText(self.tr("Not imported: %1").replace(
                "%1", translated(user_message(error))))
            return False
        self.refresh()
        self.message.setText(self.tr("%n route(s) imported.", "", len(routes)))
        self.changed.emit()
        return True

    def choose_export_file(self) -> None:
        path, _ = save_file_name(self, self.tr("Export route settings"), "routes.csv",
                                 self.tr("CSV files (*.csv);;All files (*)"))
        if path:
            self.export_file(path)

    def export_file(self, path: str, *, replace: bool | None = None) -> bool:
        """Write the saved routes to ``path``; an existing file is replaced only when the user
        agrees (``replace``: the answer, for scripts and tests)."""
        try:
            exists = check_file_target(path, store=self.store, force=True).exists()
            if exists and not (replace if replace is not None else ask_replace(
                    self, self.tr("Replace the file?"), path)):
                return False
            routes = load_routes(self.store)
            written = write_routes_csv(routes, path, store=self.store, force=exists)
        except UserFacingError as error:
            self.message.setText(self.tr("Not exported: %1").replace(
                "%1", translated(user_message(error))))
            return False
        self.message.setText(self.tr("%n route(s) exported to %1.", "", len(routes)).replace(
            "%1", str(written)))
        return True
