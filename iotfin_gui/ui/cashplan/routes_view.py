"""The route settings table: what the plan knows about each route, imported from a CSV."""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from iotfin_gui.core.cashplan import load_routes, read_routes_csv, save_routes
from iotfin_gui.core.cashplan.inputs import WEEKDAYS
from iotfin_gui.core.errors import InputError, user_message
from iotfin_gui.core.store import Store
from iotfin_gui.ui.file_dialogs import open_file_name
from iotfin_gui.ui.i18n import translated
from iotfin_gui.ui.table_model import DataFrameModel, table_view


class RoutesView(QWidget):
    """Shows the store's route settings; "Import routes…" replaces them from a CSV (checked
    first: a bad file changes nothing and its row and column are named)."""

    changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.model = DataFrameModel(parent=self)
        self.table = table_view(self.model, self)
        self.import_button = QPushButton(self.tr("Import routes…"), self)
        self.import_button.setToolTip(self.tr(
            "A CSV with one row per route: route, atms, visit_days, cit_holidays, lead_days, "
            "capacity, denomination, notes_per_bundle, visit_cost, surcharge, idle_rate, "
            "stockout_penalty, max_interval"))
        self.import_button.clicked.connect(self.choose_file)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("<b>Routes</b>"), self))
        top.addStretch(1)
        top.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self.refresh()

    def refresh(self) -> None:
        routes = load_routes(self.store)
        frame = pd.DataFrame([{
            "route": r.route,
            "atms": "; ".join(r.atms) if r.atms else self.tr("all other ATMs"),
            "visit_days": ", ".join(WEEKDAYS[d].title() for d in r.visit_days),
            "cit_holidays": len(r.cit_holidays), "lead_days": r.lead_days,
            "capacity": r.capacity if r.capacity is not None else self.tr("registry"),
            "bundle": r.bundle, "visit_cost": r.visit_cost, "surcharge": r.surcharge,
            "idle_rate": f"{100 * r.idle_rate:g}%", "stockout_penalty": r.stockout_penalty,
            "max_interval": r.max_interval} for r in routes])
        self.model.set_frame(frame, {
            "route": self.tr("Route"), "atms": self.tr("ATMs"),
            "visit_days": self.tr("Visit days"), "cit_holidays": self.tr("CIT holidays"),
            "lead_days": self.tr("Lead time (days)"), "capacity": self.tr("Capacity"),
            "bundle": self.tr("Bundle"), "visit_cost": self.tr("Visit cost"),
            "surcharge": self.tr("Weekend/holiday surcharge"),
            "idle_rate": self.tr("Idle cash rate (a year)"),
            "stockout_penalty": self.tr("Stock-out penalty"),
            "max_interval": self.tr("Longest interval (days)")})
        self.table.resizeColumnsToContents()

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
        self.message.setText(self.tr("%n route(s) imported.", "", len(routes)))
        self.refresh()
        self.changed.emit()
        return True
