"""The Fleet panel: every ATM's status (ok, low cash, fault, offline) at any moment of a window.

A background job reads the window's fleet data once (:func:`core.fleet.panel_data.fleet_window_job`)
together with the status intervals of every ATM. The "as of" slider and date-time edit then
replay the fleet at any moment of the window by calling :func:`core.fleet.status_at` on that
data (fast, no store access) after a short debounce. The panel shows status tiles, a filterable
table, a map of the ATMs, the fleet's status timeline, the rules in words with an editor, and the
selected ATM's cash, withdrawals and telemetry on a linked time axis (read by a second job).
"""

from __future__ import annotations

import html
import logging
import time
import uuid
from typing import TYPE_CHECKING, Any

import pandas as pd
from PySide6.QtCore import (
    QCoreApplication,
    QDateTime,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    QTimeZone,
    Signal,
)
from PySide6.QtGui import QColor, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSlider,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from iotfin_gui.core.errors import UserFacingError, user_message
from iotfin_gui.core.fleet import FleetRules, FleetStatus, RulesError, save_rules, status_at
from iotfin_gui.core.fleet.panel_data import (
    FleetWindow,
    device_history_job,
    fleet_status_at_job,
    fleet_window_job,
)
from iotfin_gui.core.fleet.sources import (
    KINDS,
    candidates,
    choose_source,
    dismiss_offers,
    load_sources,
    pin_sources,
    source_offers,
)
from iotfin_gui.core.formatting import currency_sign, grouped
from iotfin_gui.core.jobs import JobSpec
from iotfin_gui.ui.fleet_plots import (
    STATUS_COLORS,
    STATUS_ORDER,
    AtmHistoryPlots,
    FleetMap,
    StatusTimeline,
    legend_html,
    status_label,
)
from iotfin_gui.ui.i18n import number, number_style, translated, when
from iotfin_gui.ui.panels.base import EmptyState, Panel
from iotfin_gui.ui.plots import epoch_seconds
from iotfin_gui.ui.source_bar import SourceBar, SourceNotice, slot_label
from iotfin_gui.ui.table_model import DataFrameModel

if TYPE_CHECKING:
    from iotfin_gui.core.store import Store
    from iotfin_gui.ui.jobs import JobRunner

log = logging.getLogger("iotfin.ui.fleet")

TABLE_COLUMNS = ("device_id", "branch", "city", "status", "since", "cash_level", "cash_pct",
                 "days_to_cashout", "last_fault", "reasons")
#: Table order of statuses: the most urgent first.
#: The status table's columns of amounts, shown with the data's currency.
MONEY_COLUMNS = ("cash_level",)
URGENCY = ("offline", "fault", "cash_out", "low_cash", "ok")
SLIDER_STEP = pd.Timedelta(minutes=15)
PERIOD_DAYS = (1, 3, 7, 14, 30)
HISTORY_DAYS = 30
DEBOUNCE_MS = 60
#: Above this time for one status computation, the slider recomputes in a job.
DIRECT_LIMIT_MS = 50.0
Index = QModelIndex | QPersistentModelIndex


def utc_text(moment: pd.Timestamp) -> str:
    """A moment (naive UTC) in the date format of every other tab, marked UTC."""
    return when(moment) + " UTC"


class FleetTableModel(DataFrameModel):
    """The status table: statuses as words with their colour, reasons in the interface
    language, percentages and days rounded."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self.frame.columns[index.column()]
        value = self.value(index.row(), index.column())
        if column == "status":
            if role == Qt.ItemDataRole.DisplayRole:
                return status_label(str(value))
            if role == Qt.ItemDataRole.DecorationRole:
                return QColor(STATUS_COLORS.get(str(value), "#000000"))
        if column == "reasons" and role == Qt.ItemDataRole.DisplayRole:
            return translated(value)
        if column == "reasons" and role == Qt.ItemDataRole.ToolTipRole:
            return translated(value).replace("; ", "\n")
        if (column in ("cash_pct", "days_to_cashout") and role == Qt.ItemDataRole.DisplayRole
                and isinstance(value, float)):
            return grouped(value, 1, number_style(self._locale))
        return super().data(index, role)


class StatusTile(QFrame):
    """A count of ATMs in one status, in the status colour; a click filters the table."""

    clicked = Signal(str)

    def __init__(self, status: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = status
        color = STATUS_COLORS[status]
        self.setObjectName(f"tile_{status}")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        tint = QColor(color)
        tint.setAlpha(30)
        background = f"rgba({tint.red()}, {tint.green()}, {tint.blue()}, {tint.alpha()})"
        self.setStyleSheet(
            f"QFrame#tile_{status} {{ background: {background}; border: 1px solid {color};"
            f" border-left: 6px solid {color}; border-radius: 4px; }}")
        self.count_label = QLabel("–", self)
        self.count_label.setStyleSheet(f"font-size: 20pt; font-weight: 600; color: {color};"
                                       " border: none; background: transparent;")
        self.title_label = QLabel(status_label(status), self)
        self.title_label.setStyleSheet("border: none; background: transparent;")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 2, 10, 2)
        layout.addWidget(self.count_label)
        layout.addWidget(self.title_label, 1)

    def set_count(self, count: int, total: int) -> None:
        self.count_label.setText(number(count))
        self.setToolTip(self.tr("%1 of %2 ATMs; click to list them").replace("%1", number(count))
                        .replace("%2", number(total)))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.status)
        super().mouseReleaseEvent(event)


class RulesEditor(QWidget):
    """The status rules in words, and editors for their values with Apply."""

    apply_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rules = FleetRules()
        self.description = QLabel(self)
        self.description.setWordWrap(True)
        self.description.setTextFormat(Qt.TextFormat.RichText)
        self.offline_minutes = QSpinBox(self)
        self.offline_minutes.setRange(1, 100_000)
        self.offline_minutes.setSuffix(self.tr(" min"))
        self.pct_check, self.pct = self._optional(0.1, 100.0, self.tr(" % of capacity"), 1)
        self.days_check, self.days = self._optional(0.1, 60.0, self.tr(" day(s) of demand"), 1)
        self.amount_check, self.amount = self._optional(0.0, 1e9, "", 0)
        self.amount.setSingleStep(1000)
        self.demand_window = QSpinBox(self)
        self.demand_window.setRange(1, 366)
        self.demand_window.setSuffix(self.tr(" days"))
        self.lookback = QDoubleSpinBox(self)
        self.lookback.setRange(0.1, 60.0)
        self.lookback.setDecimals(1)
        self.lookback.setSuffix(self.tr(" days"))
        self.ignore = QLineEdit(self)
        self.ignore.setPlaceholderText(self.tr("components, comma-separated"))
        self.apply_button = QPushButton(self.tr("Apply"), self)
        self.apply_button.clicked.connect(self._apply)
        self.defaults_button = QPushButton(self.tr("Defaults"), self)
        self.defaults_button.setToolTip(self.tr("Fill in the default rules (Apply to use them)"))
        self.defaults_button.clicked.connect(lambda: self.set_rules(FleetRules(),
                                                                    describe=False))
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {STATUS_COLORS['fault']};")

        form = QFormLayout()
        form.addRow(self.tr("Offline after no telemetry for"), self.offline_minutes)
        form.addRow(self._pair(self.pct_check, self.tr("Low cash below")), self.pct)
        form.addRow(self._pair(self.days_check, self.tr("Low cash below")), self.days)
        form.addRow(self._pair(self.amount_check, self.tr("Low cash below amount")), self.amount)
        form.addRow(self.tr("Demand: mean of the last"), self.demand_window)
        form.addRow(self.tr("Use readings from the last"), self.lookback)
        form.addRow(self.tr("Faults to ignore"), self.ignore)
        buttons = QHBoxLayout()
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.defaults_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<b>How the status is decided</b>"), self))
        layout.addWidget(self.description)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def _optional(self, lo: float, hi: float, suffix: str,
                  decimals: int) -> tuple[QCheckBox, QDoubleSpinBox]:
        check = QCheckBox(self)
        box = QDoubleSpinBox(self)
        box.setRange(lo, hi)
        box.setDecimals(decimals)
        box.setSuffix(suffix)
        check.toggled.connect(box.setEnabled)
        return check, box

    def _pair(self, check: QCheckBox, text: str) -> QWidget:
        holder = QWidget(self)
        layout = QHBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(check)
        layout.addWidget(QLabel(text, holder))
        return holder

    def set_rules(self, rules: FleetRules, describe: bool = True) -> None:
        if describe:
            self._rules = rules
            rows = "".join(
                f"<tr><td style='color:{STATUS_COLORS[e['status']]}; padding-right:8px'>"
                f"<b>■&nbsp;{status_label(e['status'])}</b></td>"
                f"<td>{translated(e['rule'])}</td></tr>"
                for e in rules.describe())
            self.description.setText(f"<table cellspacing='3'>{rows}</table>")
        self.offline_minutes.setValue(round(rules.offline_after_minutes))
        for check, box, value in ((self.pct_check, self.pct, rules.low_cash_pct),
                                  (self.days_check, self.days, rules.low_cash_days),
                                  (self.amount_check, self.amount, rules.low_cash_amount)):
            check.setChecked(value is not None)
            box.setEnabled(value is not None)
            if value is not None:
                box.setValue(value)
        self.demand_window.setValue(rules.demand_window_days)
        self.lookback.setValue(rules.lookback_days)
        self.ignore.setText(", ".join(rules.ignore_components))
        self.error.clear()

    def rules(self) -> FleetRules:
        """The rules as edited; raises :class:`RulesError` for values that cannot be used."""
        def optional(check: QCheckBox, box: QDoubleSpinBox) -> float | None:
            return box.value() if check.isChecked() else None

        ignore = tuple(p.strip() for p in self.ignore.text().split(",") if p.strip())
        return FleetRules(
            offline_after_minutes=float(self.offline_minutes.value()),
            ignore_components=ignore,
            low_cash_amount=optional(self.amount_check, self.amount),
            low_cash_pct=optional(self.pct_check, self.pct),
            low_cash_days=optional(self.days_check, self.days),
            demand_window_days=self.demand_window.value(),
            lookback_days=self.lookback.value(),
            precedence=self._rules.precedence,
        )

    def _apply(self) -> None:
        try:
            rules = self.rules()
        except RulesError as error:
            self.error.setText(translated(user_message(error)))
            return
        self.error.clear()
        self.apply_requested.emit(rules)


class FleetPanel(Panel):
    """The fleet's status now or at any moment of the last days, per ATM and over time."""

    #: A window of fleet data was read and shown (the :class:`FleetWindow`).
    window_ready = Signal(object)
    #: The status at a moment is shown (the :class:`FleetStatus`).
    status_shown = Signal(object)
    #: The selected ATM's history is plotted (its device id).
    history_ready = Signal(str)
    #: Reading the fleet failed; the message is in the empty state.
    load_failed = Signal(str)

    def __init__(self, store: Store, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(store, runner, parent)
        self.window: FleetWindow | None = None
        self.status: FleetStatus | None = None
        self.selected: str | None = None
        self._pending_atm: str | None = None
        self.history: dict[str, pd.DataFrame] | None = None
        self.as_of: pd.Timestamp | None = None
        self.last_recompute_ms = 0.0
        self.direct_limit_ms = DIRECT_LIMIT_MS
        self._token = ""
        self._sorted_once = False
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._recompute)

        # The "as of" bar.
        self.as_of_label = QLabel(self)
        self.as_of_label.setObjectName("as_of_label")
        self.as_of_label.setStyleSheet("font-weight: 600;")
        self.as_of_label.setWordWrap(True)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setToolTip(self.tr("Replay the fleet at any moment of the period"))
        self.slider.valueChanged.connect(self._slider_moved)
        self.as_of_edit = QDateTimeEdit(self)
        self.as_of_edit.setTimeZone(QTimeZone.utc())
        self.as_of_edit.setDisplayFormat("yyyy-MM-dd HH:mm 'UTC'")
        self.as_of_edit.setCalendarPopup(True)
        self.as_of_edit.dateTimeChanged.connect(self._edit_changed)
        self.latest_button = QPushButton(self.tr("Latest"), self)
        self.latest_button.setToolTip(self.tr("Back to the latest data time"))
        self.latest_button.clicked.connect(lambda: self.slider.setValue(self.slider.maximum()))
        self.period_box = QComboBox(self)
        for days in PERIOD_DAYS:
            self.period_box.addItem(self.tr("last %n day(s)", "", days), days)
        self.period_box.setCurrentIndex(PERIOD_DAYS.index(7))
        self.period_box.currentIndexChanged.connect(lambda _: self.refresh())
        bar = QHBoxLayout()
        bar.addWidget(self.as_of_label, 2)
        bar.addWidget(self.slider, 3)
        bar.addWidget(self.as_of_edit)
        bar.addWidget(self.latest_button)
        bar.addWidget(QLabel(self.tr("Period"), self))
        bar.addWidget(self.period_box)

        # Tiles.
        self.tiles = {status: StatusTile(status, self) for status in STATUS_ORDER}
        tiles = QHBoxLayout()
        for tile in self.tiles.values():
            tile.clicked.connect(self.filter_status)
            tiles.addWidget(tile, 1)
        self.notes_label = QLabel(self)
        self.notes_label.setWordWrap(True)
        self.notes_label.setStyleSheet("color: palette(mid);")

        # Table with its filters.
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("Filter by ATM, branch, city or reason"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.status_box = QComboBox(self)
        self.status_box.addItem(self.tr("All statuses"), None)
        self.status_box.addItem(self.tr("Any problem"), "problem")
        for status in STATUS_ORDER:
            self.status_box.addItem(status_label(status), status)
        self.status_box.currentIndexChanged.connect(self._apply_filter)
        self.shown_label = QLabel(self)
        filters = QHBoxLayout()
        filters.addWidget(self.filter_edit, 1)
        filters.addWidget(self.status_box)
        filters.addWidget(self.shown_label)
        self.model = FleetTableModel(parent=self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setResizeContentsPrecision(100)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._table_selection)
        self.table.doubleClicked.connect(lambda _: self.tabs.setCurrentWidget(self.detail))
        table_box = QWidget(self)
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addLayout(filters)
        table_layout.addWidget(self.table, 1)

        # Plots.
        self.timeline = StatusTimeline(self)
        self.timeline.atm_clicked.connect(self.select_atm)
        self.timeline.as_of_moved.connect(self._timeline_moved)
        self.map = FleetMap(self)
        self.map.atm_clicked.connect(self.select_atm)
        self.detail_label = QLabel(self)
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextFormat(Qt.TextFormat.RichText)
        self.history_plots = AtmHistoryPlots(self)
        self.detail = QWidget(self)
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.setContentsMargins(4, 4, 4, 4)
        detail_layout.addWidget(self.detail_label)
        detail_layout.addWidget(self.history_plots, 1)
        self.rules_editor = RulesEditor(self)
        self.rules_editor.apply_requested.connect(self.apply_rules)
        rules_scroll = QScrollArea(self)
        rules_scroll.setWidgetResizable(True)
        rules_scroll.setWidget(self.rules_editor)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.map, self.tr("Map"))
        self.tabs.addTab(self.detail, self.tr("Selected ATM"))
        self.tabs.addTab(rules_scroll, self.tr("Rules"))

        self.timeline_label = QLabel(self)
        self.timeline_label.setWordWrap(True)
        timeline_box = QWidget(self)
        timeline_layout = QVBoxLayout(timeline_box)
        timeline_layout.setContentsMargins(0, 4, 0, 0)
        timeline_layout.setSpacing(2)
        timeline_layout.addWidget(self.timeline_label)
        timeline_layout.addWidget(self.timeline, 1)
        left = QSplitter(Qt.Orientation.Vertical, self)
        left.addWidget(table_box)
        left.addWidget(timeline_box)
        left.setSizes([330, 270])
        main = QSplitter(Qt.Orientation.Horizontal, self)
        main.addWidget(left)
        main.addWidget(self.tabs)
        main.setStretchFactor(0, 3)
        main.setStretchFactor(1, 2)
        self.splitter = main
        content = QWidget(self)
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addLayout(bar)
        content_layout.addLayout(tiles)
        content_layout.addWidget(self.notes_label)
        content_layout.addWidget(main, 1)

        self.empty_state = EmptyState(self._empty_text(self.tr("Reading the fleet data…")), self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.empty_state)
        self.pages.addWidget(content)
        self.source_bar = SourceBar(KINDS, self)
        self.source_bar.chosen.connect(self.set_source)
        self.source_notice = SourceNotice(self)
        self.source_notice.accepted.connect(self.use_new_sources)
        self.source_notice.dismissed.connect(self.keep_sources)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.source_bar)
        layout.addWidget(self.source_notice)
        layout.addWidget(self.pages, 1)

    def title(self) -> str:
        return self.tr("Fleet")

    def _empty_text(self, message: str) -> str:
        return self.tr("<h2>Fleet status</h2><p>%1</p><p>Here you will see every ATM's status "
                       "(OK, low cash, fault, offline) by explicit rules, replay any moment of "
                       "the last days, and follow one ATM's cash and telemetry.</p>"
                       ).replace("%1", message)

    # Loading -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the (pinned) data sources and read the fleet data of the period in a job."""
        try:
            self._show_sources()
        except UserFacingError as error:
            self._load_failed(translated(user_message(error)))
            return
        self.runner.submit(
            JobSpec.of(self.tr("Reading the fleet status"), fleet_window_job,
                       db_path=str(self.store.path), days=float(self.period_box.currentData())),
            key="fleet.window",
            on_done=self.show_window,
            on_error=self._load_failed,
        )

    def _show_sources(self) -> None:
        sources, notes = pin_sources(self.store)
        self.source_bar.set_choices({
            kind: ([d.name for d in candidates(self.store, kind)], getattr(sources, kind))
            for kind in KINDS})
        self.source_notice.show_offers(source_offers(self.store, sources),
                                       [translated(note) for note in notes])

    def set_source(self, kind: str, dataset: str | None) -> None:
        """Use ``dataset`` as the fleet's ``kind`` data (``None``: none); saved in the store."""
        try:
            choose_source(self.store, kind, dataset)
        except UserFacingError as error:
            self._load_failed(translated(user_message(error)))
            return
        self._log_source(kind, dataset)
        self.store_changed.emit()

    def _log_source(self, kind: str, dataset: str | None) -> None:
        log.info(self.tr("Fleet data: %1 from %2").replace("%1", slot_label(kind))
                 .replace("%2", dataset or self.tr("not used")))

    def use_new_sources(self) -> None:
        """Switch every offered kind to its new dataset. When that is the analyst's own data,
        the demo's datasets of the other kinds stop being used: the demo's telemetry says
        nothing of the bank's ATMs and would call every one of them offline."""
        offered = {offer.slot: offer.dataset for offer in self.source_notice.offers}
        for kind, dataset in offered.items():
            choose_source(self.store, kind, dataset)
            self._log_source(kind, dataset)
        if any(not self.store.dataset(name).is_demo for name in offered.values()):
            sources = load_sources(self.store)
            for kind in KINDS:
                current = getattr(sources, kind)
                if kind not in offered and current and self.store.has_dataset(current) \
                        and self.store.dataset(current).is_demo:
                    choose_source(self.store, kind, None)
                    self._log_source(kind, None)
        self.keep_sources()

    def keep_sources(self) -> None:
        """Stop offering the datasets present now."""
        dismiss_offers(self.store, load_sources(self.store))
        self.store_changed.emit()

    def _load_failed(self, message: str, details: str = "") -> None:
        log.info(self.tr("Fleet panel: %1").replace("%1", message))
        self.window = self.status = None
        self.empty_state.setText(self._empty_text(message))
        self.pages.setCurrentIndex(0)
        self.load_failed.emit(message)

    def show_window(self, window: FleetWindow) -> None:
        keep = self.as_of if self.window is not None else None
        self.window = window
        self._token = uuid.uuid4().hex
        self.rules_editor.set_rules(window.rules)
        steps = int((window.end - window.start) / SLIDER_STEP)
        for widget in (self.slider, self.as_of_edit):
            widget.blockSignals(True)
        self.slider.setRange(0, steps)
        self.slider.setPageStep(4 * 6)
        self.as_of_edit.setDateTimeRange(self._qt_time(window.start), self._qt_time(window.end))
        for widget in (self.slider, self.as_of_edit):
            widget.blockSignals(False)
        ids = window.data.devices["device_id"].astype(str).tolist()
        self.timeline.show_timeline(window.timeline, ids, window.start, window.end)
        self.timeline_label.setText(
            self.tr("<b>Status timeline</b>, %1 to %2 (every %3; drag the dashed line to "
                    "replay)").replace("%1", utc_text(window.start))
            .replace("%2", utc_text(window.end)).replace("%3", window.freq)
            + "&nbsp;&nbsp;&nbsp;" + legend_html())
        if self.pages.currentIndex() == 0:
            self.pages.setCurrentIndex(1)
            width = max(self.splitter.width(), 900)
            self.splitter.setSizes([int(width * 0.6), width - int(width * 0.6)])
        if keep is not None and window.start <= keep <= window.end:
            self._move_to(keep)
            self._recompute()
        else:
            self._move_to(window.end)
            self._show_status(window.status)
        if self._pending_atm is not None:
            self.focus_atm(self._pending_atm)
        self.window_ready.emit(window)

    def focus_atm(self, device_id: str) -> None:
        """Show ``device_id`` in the table (filters cleared) and its history, now or once the
        fleet data is read."""
        if self.window is None:
            self._pending_atm = device_id
            return
        self._pending_atm = None
        self.filter_edit.clear()
        self.filter_status(None)
        self.select_atm(device_id)
        self.tabs.setCurrentWidget(self.detail)

    # The "as of" moment --------------------------------------------------------------------

    @staticmethod
    def _qt_time(when: pd.Timestamp) -> QDateTime:
        return QDateTime.fromSecsSinceEpoch(int(epoch_seconds(pd.Series([when]))[0]),
                                            QTimeZone.utc())

    def _slider_time(self, value: int) -> pd.Timestamp:
        assert self.window is not None
        if value >= self.slider.maximum():
            return self.window.end
        return self.window.start + value * SLIDER_STEP

    def _move_to(self, when: pd.Timestamp) -> None:
        """Put the slider, date edit and timeline line at ``when`` without recomputing."""
        assert self.window is not None
        self.as_of = when
        for widget in (self.slider, self.as_of_edit):
            widget.blockSignals(True)
        self.slider.setValue(round((when - self.window.start) / SLIDER_STEP))
        self.as_of_edit.setDateTime(self._qt_time(when))
        for widget in (self.slider, self.as_of_edit):
            widget.blockSignals(False)
        self.timeline.set_as_of(when)

    def set_as_of(self, when: pd.Timestamp) -> None:
        """Show the fleet at ``when`` (clipped to the period) after the debounce."""
        if self.window is None:
            return
        when = min(max(when, self.window.start), self.window.end)
        self._move_to(when)
        self._debounce.start()

    def _slider_moved(self, value: int) -> None:
        if self.window is not None:
            self.set_as_of(self._slider_time(value))

    def _edit_changed(self, value: QDateTime) -> None:
        self.set_as_of(pd.Timestamp(value.toSecsSinceEpoch(), unit="s"))

    def _timeline_moved(self, seconds: float) -> None:
        self.set_as_of(pd.Timestamp(round(seconds / 60) * 60, unit="s"))

    def uses_job(self) -> bool:
        """Whether the status at a moment is computed in a job (large fleets) rather than on
        the GUI thread (where it must stay under ``direct_limit_ms``, as measured by the core)."""
        return self.window is not None and self.window.status_ms > self.direct_limit_ms

    def _recompute(self) -> None:
        window, when = self.window, self.as_of
        if window is None or when is None:
            return
        if when == window.end:
            self._show_status(window.status)
            return
        if self.uses_job():
            self.runner.submit(
                JobSpec.of(self.tr("Fleet status at %1").replace("%1", utc_text(when)),
                           fleet_status_at_job, db_path=str(self.store.path),
                           start=str(window.start), end=str(window.end), as_of=str(when),
                           rules=window.rules.to_dict(), token=self._token),
                key="fleet.status_at",
                on_done=lambda status, w=window: self._status_from_job(w, status),
                on_error=self._status_failed,
            )
            return
        started = time.perf_counter()
        status = status_at(window.data, when, window.rules, as_of_source="replay")
        self.last_recompute_ms = 1000 * (time.perf_counter() - started)
        self._show_status(status)
        log.debug("Fleet status at %s in %.0f ms", when, self.last_recompute_ms)

    def _status_from_job(self, window: FleetWindow, status: FleetStatus) -> None:
        if window is self.window and status.as_of == self.as_of:
            self._show_status(status)

    def _status_failed(self, message: str, details: str = "") -> None:
        self.as_of_label.setText(self.tr("The status could not be computed: %1")
                                 .replace("%1", message))

    def _show_status(self, status: FleetStatus) -> None:
        assert self.window is not None
        self.status = status
        self.as_of = status.as_of
        latest = self.window.status
        if status.as_of_source == "replay":
            origin = self.tr("replay; latest data %1").replace("%1", utc_text(latest.as_of))
        elif status.as_of_source == "demo.as_of":
            origin = self.tr("latest data: the demo's simulated now")
        else:
            origin = self.tr("latest data")
        self.as_of_label.setText(self.tr("Status as of %1 (%2)").replace(
            "%1", utc_text(status.as_of)).replace("%2", origin))
        total = len(status.table)
        for name, tile in self.tiles.items():
            tile.set_count(status.counts.get(name, 0), total)
        notes = [translated(note) for note in status.notes]
        self.notes_label.setText(" ".join(notes))
        self.notes_label.setVisible(bool(notes))
        self.map.show_fleet(status.table)
        self._apply_filter()
        self._update_detail_label()
        self.history_plots.set_as_of(status.as_of)
        self.status_shown.emit(status)

    # Table, filters and selection -----------------------------------------------------------

    def filter_status(self, status: str | None) -> None:
        self.status_box.setCurrentIndex(max(0, self.status_box.findData(status)))

    def _apply_filter(self) -> None:
        if self.status is None:
            return
        table = self.status.table
        frame = table[list(TABLE_COLUMNS)].assign(
            status=pd.Categorical(table["status"], categories=URGENCY, ordered=True))
        wanted = self.status_box.currentData()
        if wanted == "problem":
            frame = frame[frame["status"] != "ok"]
        elif wanted is not None:
            frame = frame[frame["status"] == wanted]
        text = self.filter_edit.text().strip().lower()
        if text:
            haystack = (table["device_id"].astype(str) + " " + table["name"].astype(str) + " "
                        + table["branch"].astype(str) + " " + table["city"].astype(str) + " "
                        + table["reasons"].map(translated)).str.lower()
            frame = frame[haystack.loc[frame.index].str.contains(text, regex=False)]
        self.model.set_currency(MONEY_COLUMNS, self.window.data.currency)
        self.model.set_frame(frame, self._headers())
        header = self.table.horizontalHeader()
        if not self._sorted_once:
            self._sorted_once = True
            self.table.sortByColumn(TABLE_COLUMNS.index("status"), Qt.SortOrder.AscendingOrder)
            header.setSectionResizeMode(len(TABLE_COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        else:
            self.table.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())
        # Every new moment may bring wider numbers: never let a column cut "2.3" to "2".
        for column in range(len(TABLE_COLUMNS) - 1):
            self.table.resizeColumnToContents(column)
        self.shown_label.setText(self.tr("%1 of %2 ATMs").replace("%1", number(len(frame)))
                                 .replace("%2", number(len(table))))
        if self.selected is None and len(self.model.frame):
            self.select_atm(str(self.model.frame.iloc[0]["device_id"]))
        else:
            self._select_row(self.selected)

    def _headers(self) -> dict[str, str]:
        return {"device_id": self.tr("ATM"), "branch": self.tr("Branch"), "city": self.tr("City"),
                "status": self.tr("Status"), "since": self.tr("Since (UTC)"),
                "cash_level": self.tr("Cash"), "cash_pct": self.tr("Cash %"),
                "days_to_cashout": self.tr("Days to cash-out"),
                "last_fault": self.tr("Last fault (UTC)"), "reasons": self.tr("Reasons")}

    def _select_row(self, device_id: str | None) -> None:
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        self.table.clearSelection()
        ids = self.model.frame["device_id"].astype(str).tolist() if len(self.model.frame) else []
        if device_id in ids:
            self.table.selectRow(ids.index(device_id))
            self.table.scrollTo(self.model.index(ids.index(device_id), 0))
        selection.blockSignals(False)
        self.table.viewport().update()

    def _table_selection(self, *args: object) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.select_atm(str(self.model.frame.iloc[rows[0].row()]["device_id"]))

    def selected_atm(self) -> str | None:
        return self.selected

    def select_atm(self, device_id: str) -> None:
        """Select an ATM everywhere (table, map, timeline) and read its history."""
        if self.window is None:
            return
        changed = device_id != self.selected
        self.selected = device_id
        self._select_row(device_id)
        self.map.select(device_id)
        self.timeline.select(device_id)
        self._update_detail_label()
        if not changed:
            return
        self.history = None
        self.history_plots.clear_all()
        self.tabs.setTabText(self.tabs.indexOf(self.detail), device_id)
        end = self.window.end
        self.runner.submit(
            JobSpec.of(self.tr("Reading the history of %1").replace("%1", device_id),
                       device_history_job, db_path=str(self.store.path), device_id=device_id,
                       start=str(end - pd.Timedelta(days=HISTORY_DAYS)), end=str(end)),
            key="fleet.history",
            on_done=lambda frames, d=device_id: self._show_history(d, frames),
            on_error=self._history_failed,
        )

    def _history_failed(self, message: str, details: str = "") -> None:
        self.detail_label.setText(self.tr("The history could not be read: %1")
                                  .replace("%1", message))

    def _show_history(self, device_id: str, frames: dict[str, pd.DataFrame]) -> None:
        if device_id != self.selected or self.as_of is None:
            return
        self.history = frames
        self.history_plots.show_history(frames, self.as_of)
        self._label_money_axes()
        self.history_ready.emit(device_id)

    def _label_money_axes(self) -> None:
        """Name the data's currency on the cash and withdrawals axes (``cash (¥)``)."""
        currency = self.window.data.currency if self.window is not None else None
        for plot, label in ((self.history_plots.cash, QCoreApplication.translate("Fleet", "cash")),
                            (self.history_plots.withdrawals,
                             QCoreApplication.translate("Fleet", "per day"))):
            plot.setLabel("left", self.tr("%1 (%2)").replace("%1", label).replace(
                "%2", currency_sign(currency)) if currency else label)

    def _update_detail_label(self) -> None:
        if self.status is None or self.selected is None:
            self.detail_label.setText(self.tr("Select an ATM in the table, map or timeline."))
            return
        rows = self.status.table[self.status.table["device_id"].astype(str) == self.selected]
        if rows.empty:
            self.detail_label.setText(html.escape(self.selected))
            return
        row = rows.iloc[0]
        color = STATUS_COLORS.get(row["status"], "#000000")
        device = html.escape(str(row["device_id"]))
        place = ", ".join(html.escape(str(row[c])) for c in ("name", "branch", "city")
                          if c in row.index and pd.notna(row[c]) and str(row[c]).strip())
        self.detail_label.setText(
            f"<b>{device}</b>" + (f" — {place}" if place else "") + ": "
            f"<span style='color:{color}'><b>{status_label(row['status'])}</b></span> "
            + self.tr("at %1").replace("%1", utc_text(self.status.as_of))
            + f"<br><small>{html.escape(translated(row['reasons']))}</small>")

    # Rules ------------------------------------------------------------------------------------

    def apply_rules(self, rules: FleetRules) -> None:
        """Save the rules in the store and read the fleet again with them."""
        save_rules(self.store, rules)
        log.info(self.tr("Fleet rules saved: %1").replace("%1", str(rules.to_dict())))
        self.refresh()
