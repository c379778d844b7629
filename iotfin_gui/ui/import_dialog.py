"""The import dialog: preview a file, confirm how it is read and mapped, import it as a job.

Flow: a file is chosen, a matching import profile (if any) is applied, and a preview job reads
the first rows. The detected reading options, kind and column mapping are shown and editable;
every change previews again (keyed jobs, so a stale preview never shows). Import stays blocked
while anything is unresolved: an ambiguous date order, an ambiguous decimal mark (``1,234``), a
mapping the core would refuse, a dataset name already taken. The import runs as a job (progress
and Cancel in the dialog and the status bar); a file imported before is only imported again when
the user says so.
"""

from __future__ import annotations

import codecs
import re
import zoneinfo
from collections.abc import Callable
from datetime import datetime
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, QTimer, QTimeZone, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from iotfin_gui.core.errors import UserFacingError, user_message
from iotfin_gui.core.ingest import (
    DUPLICATE_POLICIES,
    FORMAT_LABELS,
    Mapping,
    Preview,
    SourceFormat,
    free_dataset_name,
    import_job,
    list_profiles,
    load_profile,
    preview_job,
    profile_for,
    profile_options,
    save_profile,
)
from iotfin_gui.core.ingest.numbers import NumberFormat, format_label
from iotfin_gui.core.jobs import JobSpec
from iotfin_gui.core.store import DATASET_KIND_LABELS, DATASET_KINDS
from iotfin_gui.ui import file_dialogs
from iotfin_gui.ui.dialogs import error_box
from iotfin_gui.ui.i18n import number, translated, when
from iotfin_gui.ui.mapping_table import MappingTable, without_formats
from iotfin_gui.ui.quarantine_view import policy_labels, with_policy_named
from iotfin_gui.ui.status import show_progress
from iotfin_gui.ui.table_model import DataFrameModel

if TYPE_CHECKING:
    from iotfin_gui.core.store import Store
    from iotfin_gui.ui.jobs import JobRunner

PREVIEW_ROWS = 100
FILE_PATTERNS = ("*.csv *.tsv *.txt *.gz *.xlsx *.xlsm *.xlsb *.xls *.ods *.parquet *.json "
                 "*.jsonl *.ndjson")
ZONES = ("UTC", "Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Singapore",
         "Asia/Tokyo", "Europe/London", "Europe/Berlin", "America/New_York")
_ERROR_STYLE = "color: #b00020;"


def _example(column: str, values: list) -> str:
    """A column and two of its values for a question, as rich text that shows them literally."""
    shown = escape(", ".join(map(str, values)))
    return f"<b>{escape(str(column))}</b> ({shown})"


def choose_file(parent: QWidget) -> str | None:
    """Ask for a file to import; None if the user cancelled."""
    data_files = QCoreApplication.translate("ImportDialog", "Data files")
    all_files = QCoreApplication.translate("ImportDialog", "All files")
    path, _ = file_dialogs.open_file_name(
        parent, QCoreApplication.translate("ImportDialog", "Import a file"), "",
        f"{data_files} ({FILE_PATTERNS});;{all_files} (*)")
    return path or None


def machine_zone() -> str:
    """The computer's IANA time zone, or UTC when it is unknown."""
    zone = bytes(QTimeZone.systemTimeZoneId()).decode() or "UTC"
    return "UTC" if zone in ("Etc/UTC", "UTC", "Etc/GMT") or not zone_is_valid(zone) else zone


def zone_is_valid(zone: str) -> bool:
    if zone.upper() == "UTC":
        return True
    try:
        zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _codec(name: str | None) -> str | None:
    try:
        return codecs.lookup(name).name if name else None
    except LookupError:
        return name


class ImportDialog(QDialog):
    """Everything between "this file" and "this dataset"; see the module docstring."""

    preview_ready = Signal()
    preview_failed = Signal(str)
    #: The import succeeded; carries the core's summary (dataset, rows, quarantined, ...).
    imported = Signal(dict)
    #: An import attempt ended: "imported", "cancelled", "failed" or "declined".
    import_finished = Signal(str)

    def __init__(self, store: Store, runner: JobRunner, path: str | Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import data"))
        self.resize(1000, 720)
        self.store, self.runner = store, runner
        self._path: Path | None = None
        self._overrides: dict[str, Any] = {}
        self._preview: Preview | None = None
        self._preview_error: str | None = None
        self._preview_job: int | None = None
        self._preview_pending = False
        self._next_mapping: Mapping | None = None
        self._reset_mapping = True
        self._kind_chosen = False
        self._ambiguous: set[str] = set()
        self._dayfirst: bool | None = None
        #: The number column whose decimal mark the dialog asks for now.
        self._number_question: str | None = None
        #: The wide shape of the file (a column per ATM or per date), once a preview found it.
        self._wide: str | None = None
        self._import_job: int | None = None
        self._done = False
        self._preview_key = f"import.preview.{id(self)}"
        self._timer = QTimer(self, singleShot=True, interval=120)
        self._timer.timeout.connect(self._run_preview)

        self.editor = QWidget(self)
        self._build_file_row()
        self._build_source_box()
        self._build_ambiguity_box()
        self._build_mapping_area()
        self._build_target_row()
        editor_layout = QVBoxLayout(self.editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.file_row, self.source_box, self.numbers_label, self.ambiguity_box,
                       self.numbers_box):
            editor_layout.addWidget(widget)
        editor_layout.addWidget(self.splitter, 1)
        editor_layout.addWidget(self.warnings_label)
        editor_layout.addWidget(self.target_row)

        self.progress = QProgressBar(self)
        self.progress.hide()
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.RichText)  # user data escaped
        self.status_label.setWordWrap(True)
        self.import_button = QPushButton(self.tr("Import"), self)
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(lambda: self.start_import())
        self.cancel_import_button = QPushButton(self.tr("Cancel import"), self)
        self.cancel_import_button.hide()
        self.cancel_import_button.clicked.connect(self._cancel_import)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_import_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)

        runner.progressed.connect(self._on_progress)
        self._reload_profiles()
        self._update_state()
        if path is not None:
            self.set_path(path)

    # --- building -------------------------------------------------------------------------

    def _build_file_row(self) -> None:
        self.file_row = QWidget(self.editor)
        self.path_edit = QLineEdit(self.file_row)
        self.path_edit.setReadOnly(True)
        browse = QPushButton(self.tr("Choose file…"), self.file_row)
        browse.clicked.connect(self._browse)
        self.profile_combo = QComboBox(self.file_row)
        self.profile_combo.currentIndexChanged.connect(self._profile_chosen)
        self.save_profile_button = QPushButton(self.tr("Save as profile…"), self.file_row)
        self.save_profile_button.setToolTip(self.tr(
            "Remember how files like this one are read and mapped"))
        self.save_profile_button.clicked.connect(self.save_profile)
        self.profile_note = QLabel(self.file_row)
        self.profile_note.setTextFormat(Qt.TextFormat.PlainText)
        layout = QFormLayout(self.file_row)
        layout.setContentsMargins(0, 0, 0, 0)
        file_line = QHBoxLayout()
        file_line.addWidget(self.path_edit, 1)
        file_line.addWidget(browse)
        layout.addRow(self.tr("File:"), file_line)
        profile_line = QHBoxLayout()
        profile_line.addWidget(self.profile_combo)
        profile_line.addWidget(self.save_profile_button)
        profile_line.addWidget(self.profile_note, 1)
        layout.addRow(self.tr("Profile:"), profile_line)

    def _build_source_box(self) -> None:
        self.source_box = QGroupBox(self.tr("How the file is read"), self.editor)
        self.format_label = QLabel(self.source_box)
        self.encoding_combo = self._option_combo("encoding", [
            ("utf-8", self.tr("UTF-8")), ("utf-8-sig", self.tr("UTF-8 with BOM")),
            ("gb18030", self.tr("GB18030 (Chinese)")), ("gbk", self.tr("GBK (Chinese)")),
            ("big5", self.tr("Big5 (Traditional Chinese)")),
            ("cp932", self.tr("Shift-JIS (Japanese)")), ("cp949", self.tr("EUC-KR (Korean)")),
            ("utf-16", self.tr("UTF-16")), ("cp1252", self.tr("Windows-1252 (Western)")),
            ("latin-1", self.tr("Latin-1 (Western European)"))])
        self._build_encoding_field()
        self._build_sheet_row()
        self.delimiter_combo = self._option_combo("delimiter", [
            (",", self.tr("comma ,")), (";", self.tr("semicolon ;")), ("\t", self.tr("tab")),
            ("|", self.tr("bar |"))])
        self.decimal_combo = self._option_combo("decimal", [
            (None, self.tr("per column")), (".", self.tr("point .")), (",", self.tr("comma ,"))])
        self.thousands_combo = self._option_combo("thousands", [
            (None, self.tr("any")), (",", self.tr("comma ,")), (".", self.tr("point .")),
            ("'", self.tr("apostrophe '")), (" ", self.tr("space")), ("none", self.tr("none"))])
        self.numbers_label = QLabel(self.editor)
        self.numbers_label.setTextFormat(Qt.TextFormat.PlainText)
        self.numbers_label.setWordWrap(True)
        self.header_check = QCheckBox(self.tr("First row holds the column names"),
                                      self.source_box)
        self.header_check.toggled.connect(lambda on: self._set_option("header", on))
        self.unpivot_check = QCheckBox(self.tr("One row per ATM and date (unpivot)"),
                                       self.source_box)
        self.unpivot_check.setToolTip(self.tr(
            "The table is wide: a column per ATM or a column per date. Unpivoted, it imports as "
            "device_id, date, value; empty cells stay missing values."))
        self.unpivot_check.toggled.connect(self._unpivot_toggled)
        self.unpivot_check.hide()
        layout = QHBoxLayout(self.source_box)
        for label, widget in ((self.tr("Format:"), self.format_label),
                              (self.tr("Encoding:"), self.encoding_combo),
                              (self.tr("Delimiter:"), self.delimiter_combo),
                              (self.tr("Decimal:"), self.decimal_combo),
                              (self.tr("Thousands:"), self.thousands_combo)):
            layout.addWidget(QLabel(label, self.source_box))
            layout.addWidget(widget)
            layout.addSpacing(8)
        layout.insertWidget(layout.indexOf(self.encoding_combo) + 1, self.encoding_note)
        layout.addWidget(self.header_check)
        layout.addWidget(self.unpivot_check)
        layout.addWidget(self.sheet_row)
        layout.addStretch(1)

    def _build_encoding_field(self) -> None:
        """The encoding can also be typed (any Python codec name, e.g. big5hkscs, euc_jp)."""
        combo = self.encoding_combo
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.setToolTip(self.tr("Choose or type the file's text encoding, e.g. big5, "
                                 "shift_jis, euc_kr, gb18030, cp1252"))
        combo.lineEdit().editingFinished.connect(self._encoding_typed)
        self.encoding_note = QLabel(self.source_box)

    def _encoding_typed(self) -> None:
        text = self.encoding_combo.currentText().strip()
        index = self.encoding_combo.findText(text)
        value = self.encoding_combo.itemData(index) if index >= 0 else text
        current = self._preview.source.encoding if self._preview is not None else None
        if value and _codec(value) != _codec(current):
            self._set_option("encoding", value)

    def _build_sheet_row(self) -> None:
        """A workbook's sheet and header row (0: found past title and blank rows)."""
        self.sheet_row = QWidget(self.source_box)
        self.sheet_combo = QComboBox(self.sheet_row)
        self.sheet_combo.activated.connect(self._sheet_chosen)
        self.header_row_spin = QSpinBox(self.sheet_row)
        self.header_row_spin.setRange(0, 1_048_576)
        self.header_row_spin.setSpecialValueText(self.tr("auto"))
        self.header_row_spin.setToolTip(self.tr(
            "The sheet row that holds the column names; auto finds it past title rows, blank "
            "rows and merged cells"))
        self.header_row_spin.valueChanged.connect(
            lambda row: self._set_option("header_row", row or None))
        layout = QHBoxLayout(self.sheet_row)
        layout.setContentsMargins(0, 0, 0, 0)
        for label, widget in ((self.tr("Sheet:"), self.sheet_combo),
                              (self.tr("Header row:"), self.header_row_spin)):
            layout.addWidget(QLabel(label, self.sheet_row))
            layout.addWidget(widget)
        self.sheet_row.hide()

    def _sheet_chosen(self) -> None:
        """Another sheet: its header row is found afresh."""
        self._overrides.pop("header_row", None)
        self._set_option("sheet", self.sheet_combo.currentData())

    def _option_combo(self, option: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox(self.source_box)
        for value, label in items:
            combo.addItem(label, value)
        combo.currentIndexChanged.connect(
            lambda _index: self._set_option(option, combo.currentData()))
        return combo

    def _build_ambiguity_box(self) -> None:
        self.ambiguity_box = QGroupBox(self.tr("Which comes first in the dates?"), self.editor)
        self.ambiguity_box.setStyleSheet("QGroupBox { background: #fff4ce; }")
        self.ambiguity_label = QLabel(self.ambiguity_box)
        self.ambiguity_label.setTextFormat(Qt.TextFormat.RichText)  # user data escaped
        self.ambiguity_label.setWordWrap(True)
        self.day_first_radio = QRadioButton(self.tr("Day first (31/12/2024)"),
                                            self.ambiguity_box)
        self.month_first_radio = QRadioButton(self.tr("Month first (12/31/2024)"),
                                              self.ambiguity_box)
        self.date_order = QButtonGroup(self)
        self.date_order.addButton(self.day_first_radio)
        self.date_order.addButton(self.month_first_radio)
        self.date_order.buttonClicked.connect(self._date_order_chosen)
        layout = QHBoxLayout(self.ambiguity_box)
        layout.addWidget(self.ambiguity_label, 1)
        layout.addWidget(self.day_first_radio)
        layout.addWidget(self.month_first_radio)
        self.ambiguity_box.hide()
        self.numbers_box = QGroupBox(self.tr("Which is the decimal mark?"), self.editor)
        self.numbers_box.setStyleSheet("QGroupBox { background: #fff4ce; }")
        self.numbers_question = QLabel(self.numbers_box)
        self.numbers_question.setTextFormat(Qt.TextFormat.RichText)  # user data escaped
        self.numbers_question.setWordWrap(True)
        self.decimal_point_radio = QRadioButton(self.tr("Point: 1,234.5"), self.numbers_box)
        self.decimal_comma_radio = QRadioButton(self.tr("Comma: 1.234,5"), self.numbers_box)
        self.decimal_point_radio.clicked.connect(lambda: self._decimal_chosen("."))
        self.decimal_comma_radio.clicked.connect(lambda: self._decimal_chosen(","))
        self.decimal_marks = QButtonGroup(self)
        self.decimal_marks.addButton(self.decimal_point_radio)
        self.decimal_marks.addButton(self.decimal_comma_radio)
        layout = QHBoxLayout(self.numbers_box)
        layout.addWidget(self.numbers_question, 1)
        layout.addWidget(self.decimal_point_radio)
        layout.addWidget(self.decimal_comma_radio)
        self.numbers_box.hide()

    def _build_mapping_area(self) -> None:
        columns = QGroupBox(self.tr("Columns"), self.editor)
        self.kind_combo = QComboBox(columns)
        for kind in DATASET_KINDS:
            self.kind_combo.addItem(translated(DATASET_KIND_LABELS[kind]), kind)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.mapping_table = MappingTable(columns)
        self.mapping_table.edited.connect(self._mapping_edited)
        kind_line = QHBoxLayout()
        kind_line.addWidget(QLabel(self.tr("Kind of data:"), columns))
        kind_line.addWidget(self.kind_combo)
        kind_line.addStretch(1)
        layout = QVBoxLayout(columns)
        layout.addLayout(kind_line)
        layout.addWidget(self.mapping_table)

        self.rows_model = DataFrameModel(parent=self)
        self.rejects_model = DataFrameModel(parent=self)
        self.raw_model = DataFrameModel(parent=self)
        self.preview_tabs = QTabWidget(self.editor)
        self.preview_views: list[QTableView] = []
        for model, title in ((self.rows_model, self.tr("Parsed rows")),
                             (self.rejects_model, self.tr("Problems")),
                             (self.raw_model, self.tr("As read"))):
            view = QTableView(self.preview_tabs)
            view.setModel(model)
            view.setAlternatingRowColors(True)
            view.verticalHeader().setDefaultSectionSize(22)
            self.preview_views.append(view)
            self.preview_tabs.addTab(view, title)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self.editor)
        self.splitter.addWidget(columns)
        self.splitter.addWidget(self.preview_tabs)
        self.warnings_label = QLabel(self.editor)
        self.warnings_label.setTextFormat(Qt.TextFormat.RichText)  # user data escaped
        self.warnings_label.setWordWrap(True)
        self.warnings_label.hide()

    def _build_target_row(self) -> None:
        self.target_row = QWidget(self.editor)
        self.name_edit = QLineEdit(self.target_row)
        self.name_edit.textChanged.connect(self._update_state)
        self.zone_combo = QComboBox(self.target_row)
        self.zone_combo.setEditable(True)
        self.zone_combo.setToolTip(self.tr(
            "The time zone of times without one in the file; the store keeps UTC"))
        for zone in dict.fromkeys((machine_zone(), *ZONES)):
            self.zone_combo.addItem(zone)
        self.zone_combo.currentTextChanged.connect(self._zone_changed)
        self.duplicates_combo = QComboBox(self.target_row)
        self.duplicates_combo.setToolTip(self.tr(
            "Rows with the same device and time as another row"))
        labels = policy_labels()
        for policy in DUPLICATE_POLICIES:
            self.duplicates_combo.addItem(labels[policy], policy)
        layout = QHBoxLayout(self.target_row)
        layout.setContentsMargins(0, 0, 0, 0)
        for label, widget in ((self.tr("Dataset name:"), self.name_edit),
                              (self.tr("Time zone of the file:"), self.zone_combo),
                              (self.tr("Repeated rows:"), self.duplicates_combo)):
            layout.addWidget(QLabel(label, self.target_row))
            layout.addWidget(widget, 1 if widget is self.name_edit else 0)
            layout.addSpacing(8)

    # --- the file and its preview ---------------------------------------------------------

    def set_path(self, path: str | Path) -> None:
        """Start over with ``path``: apply a matching profile if there is one, then preview."""
        self._path = Path(path)
        self.path_edit.setText(str(self._path))
        self._overrides, self._preview, self._preview_error = {}, None, None
        self._kind_chosen, self._done, self._wide = False, False, None
        self._forget_date_order()
        self.name_edit.setText(free_dataset_name(self.store, self._path))
        for model in (self.rows_model, self.rejects_model, self.raw_model):
            model.set_frame(pd.DataFrame())
        self.status_label.clear()
        suggested = profile_for(self.store, self._path)
        with QSignalBlocker(self.profile_combo):
            self.profile_combo.setCurrentIndex(max(self.profile_combo.findData(suggested), 0))
        if suggested is not None:
            self.profile_note.setText(self.tr("The saved profile “%1” matches this file and "
                                              "was applied.").replace("%1", suggested))
            self._apply_profile(suggested)
        else:
            self.profile_note.clear()
            self._request_preview(None)

    @property
    def preview(self) -> Preview | None:
        """The preview on screen (None before the first one arrives)."""
        return self._preview

    def _browse(self) -> None:
        path = choose_file(self)
        if path:
            self.set_path(path)

    def _set_option(self, option: str, value: Any) -> None:
        """The user overrode a detected reading option: guess the mapping afresh."""
        self._overrides[option] = value
        self._forget_date_order()
        self._request_preview(None)

    def _unpivot_toggled(self, on: bool) -> None:
        """Read the wide table long (in the shape the preview found) or as it is."""
        self._set_option("unpivot", self._wide if on else None)

    def _kind_changed(self) -> None:
        self._kind_chosen = True
        self._mapping_edited()

    def _mapping_edited(self) -> None:
        self._request_preview(self._table_mapping() if self._preview is not None else None)

    def _zone_changed(self) -> None:
        self._update_state()
        if zone_is_valid(self.zone_combo.currentText().strip()):
            self._mapping_edited()

    def _date_order_chosen(self) -> None:
        self._dayfirst = self.day_first_radio.isChecked()
        self._request_preview(without_formats(self._table_mapping(), self._ambiguous))

    def _decimal_chosen(self, mark: str) -> None:
        """The user answered the decimal-mark question for the column it names: that column
        (only) is read with ``mark``, kept in the mapping; the next ambiguous one is asked."""
        if self._number_question is None:
            return
        self.mapping_table.set_number_format(self._number_question, mark)
        self._request_preview(self._table_mapping())

    def _forget_date_order(self) -> None:
        self._ambiguous, self._dayfirst = set(), None
        self.date_order.setExclusive(False)
        self.day_first_radio.setChecked(False)
        self.month_first_radio.setChecked(False)
        self.date_order.setExclusive(True)
        self.ambiguity_box.hide()

    def _table_mapping(self) -> Mapping:
        return self.mapping_table.mapping(self.kind_combo.currentData())

    def _request_preview(self, mapping: Mapping | None) -> None:
        """Preview again shortly with ``mapping`` (None: guess it); requests coalesce."""
        if mapping is None:
            self._reset_mapping = True
        self._next_mapping = mapping
        self._preview_pending = True
        self._timer.start()
        self._update_state()

    def _run_preview(self) -> None:
        if self._path is None or not zone_is_valid(self._zone()):
            self._preview_pending = False
            self._update_state()
            return
        options: dict[str, Any] = {"rows": PREVIEW_ROWS, "tz": self._zone(),
                                   "dayfirst": self._dayfirst, **self._overrides}
        if not self._reset_mapping and self._next_mapping is not None:
            options["mapping"] = self._next_mapping.to_dict()
        elif self._kind_chosen:
            options["kind"] = self.kind_combo.currentData()
        self._reset_mapping = False
        self._preview_job = self.runner.submit(
            JobSpec.of(self.tr("Previewing %1").replace("%1", self._path.name), preview_job,
                       path=str(self._path), **options),
            key=self._preview_key, on_done=self._show_preview, on_error=self._preview_failed,
            on_cancel=self._preview_cancelled)

    def _show_preview(self, preview: Preview) -> None:
        self._preview, self._preview_error, self._preview_pending = preview, None, False
        self._ambiguous |= set(preview.ambiguous)
        self._show_source(preview.source)
        with QSignalBlocker(self.kind_combo):
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(preview.kind))
        self.mapping_table.set_mapping(preview.mapping, preview.ambiguous)
        self.rows_model.set_frame(self._in_date_order(preview.frame))
        self._show_workbook(preview)
        self._show_unpivot(preview)
        self.raw_model.set_frame(preview.raw)
        # Rows are only "bad" in an ambiguous column until the user says how to read it.
        rejects = pd.DataFrame([(r.line, r.column, r.raw, translated(r.reason))
                                for r in preview.rejects if r.column not in preview.ambiguous],
                               columns=["line", "column", "raw", "reason"])
        self.rejects_model.set_frame(rejects, {
            "line": self.tr("Line"), "column": self.tr("Column"), "raw": self.tr("Value"),
            "reason": self.tr("Reason")})
        self.preview_tabs.setTabText(1, self.tr("Problems (%1)").replace("%1",
                                                                         number(len(rejects))))
        for view in self.preview_views:
            view.resizeColumnsToContents()
        self.warnings_label.setText("<br>".join(escape(translated(w)) for w in preview.warnings))
        self.warnings_label.setVisible(bool(preview.warnings))
        self._show_date_question(preview)
        self._show_numbers(preview)
        self._update_state()
        self.preview_ready.emit()

    def _show_source(self, source: SourceFormat) -> None:
        label = FORMAT_LABELS.get(source.format)
        text = translated(label) if label is not None else source.format
        if source.compression:
            text = self.tr("%1, %2-compressed").replace("%1", text).replace(
                "%2", source.compression)
        self.format_label.setText(f"<b>{text}</b>")
        is_csv = source.format == "csv"
        self.encoding_combo.setEnabled(source.encoding is not None)
        for widget in (self.delimiter_combo, self.header_check):
            widget.setEnabled(is_csv)
        if source.encoding is not None:
            self._select(self.encoding_combo, source.encoding, _codec)
        self._show_encoding_note(source)
        if is_csv:
            self._select(self.delimiter_combo, source.delimiter)
            with QSignalBlocker(self.header_check):
                self.header_check.setChecked(source.header)

    def _show_encoding_note(self, source: SourceFormat) -> None:
        """How sure detection is of the encoding, in red when the text looks garbled."""
        detected = source.encoding is not None and "encoding" not in self._overrides
        confidence = source.encoding_confidence or 0.0
        self.encoding_note.setStyleSheet(_ERROR_STYLE if source.garbled else "")
        self.encoding_note.setText(
            "" if not detected else self.tr("looks garbled: choose") if source.garbled
            else self.tr("detected, %1% sure").replace("%1", number(round(100 * confidence))))

    def _show_workbook(self, preview: Preview) -> None:
        """The sheets of a workbook and the header row used (hidden for other formats)."""
        source = preview.source
        self.sheet_row.setVisible(source.format == "excel")
        with QSignalBlocker(self.sheet_combo), QSignalBlocker(self.header_row_spin):
            self.sheet_combo.clear()
            for sheet in preview.sheets:
                self.sheet_combo.addItem(sheet, sheet)
            self.sheet_combo.setCurrentIndex(max(self.sheet_combo.findData(source.sheet), 0))
            self.header_row_spin.setValue(source.header_row or 0)

    def _show_unpivot(self, preview: Preview) -> None:
        """Offer to unpivot a wide table (checked while the preview shows the long form)."""
        self._wide = preview.wide or preview.source.unpivot or self._wide
        with QSignalBlocker(self.unpivot_check):
            self.unpivot_check.setChecked(bool(preview.source.unpivot))
        self.unpivot_check.setVisible(self._wide is not None)

    def _in_date_order(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` with its dates written in the order the user chose (day or month first),
        so the preview reads the way the file does; unchanged before a choice."""
        if self._dayfirst is None:
            return frame
        order = "%d/%m/%Y" if self._dayfirst else "%m/%d/%Y"
        shown = frame.copy()
        for name in frame.columns:
            column = frame[name]
            if pd.api.types.is_datetime64_any_dtype(column):
                timed = bool((column.dt.hour.fillna(0) + column.dt.minute.fillna(0)
                              + column.dt.second.fillna(0)).any())
                shown[name] = column.dt.strftime(order + (" %H:%M:%S" if timed else ""))
        return shown

    @staticmethod
    def _select(combo: QComboBox, value: Any,
                normal: Callable[[Any], Any] = lambda v: v) -> None:
        """Show ``value`` in ``combo`` (adding it if it is not offered) without side effects."""
        with QSignalBlocker(combo):
            index = next((i for i in range(combo.count())
                          if normal(combo.itemData(i)) == normal(value)), -1)
            if index < 0:
                combo.addItem(str(value), value)
                index = combo.count() - 1
            combo.setCurrentIndex(index)

    def _show_date_question(self, preview: Preview) -> None:
        if not self._ambiguous:
            self.ambiguity_box.hide()
            return
        examples = []
        for column in sorted(self._ambiguous):
            values = preview.raw[column].dropna().head(2).tolist() \
                if column in preview.raw else []
            examples.append(_example(column, values))
        self.ambiguity_label.setText(self.tr(
            "The dates in %1 read both day-first and month-first. Which is it? Nothing is "
            "imported until you say.").replace("%1", "; ".join(examples)))
        self.ambiguity_box.show()

    def _show_numbers(self, preview: Preview) -> None:
        """The number format read in each number column, and the question when one is
        ambiguous (``1,234``)."""
        self._select(self.decimal_combo, self._overrides.get("decimal"))
        self._select(self.thousands_combo, self._overrides.get("thousands"))
        shapes = {"CR/DR": self.tr("CR/DR"), "借/贷": self.tr("借/贷"), "万/亿": self.tr("万/亿"),
                  "Arabic digits": self.tr("Arabic digits")}
        formats = []
        for column in preview.mapping.included:
            if column.type not in ("integer", "float") or column.decimal is None:
                continue
            text = f"{column.source}: {format_label(column.number_format(NumberFormat()))}"
            seen = preview.number_shapes.get(column.source, ())
            formats.append(text + (f" ({', '.join(shapes.get(x, x) for x in seen)})"
                                   if seen else ""))
        self.numbers_label.setText(self.tr("Numbers read as %1").replace(
            "%1", "; ".join(formats)) if formats else "")
        ambiguous = sorted(preview.ambiguous_numbers)
        self._number_question = ambiguous[0] if ambiguous else None
        self.decimal_marks.setExclusive(False)
        for radio in (self.decimal_point_radio, self.decimal_comma_radio):
            radio.setChecked(False)
        self.decimal_marks.setExclusive(True)
        if not ambiguous:
            self.numbers_box.hide()
            return
        column = ambiguous[0]
        values = preview.raw[column].dropna().head(2).tolist() if column in preview.raw else []
        question = self.tr(
            "The numbers in %1 read both ways: 1,234 can be a thousand and more or one and a "
            "fraction. Which mark separates the decimals in this column? Nothing is imported "
            "until you say.").replace("%1", _example(column, values))
        if len(ambiguous) > 1:
            question += " " + self.tr("(%1 more column(s) to answer after this one.)").replace(
                "%1", number(len(ambiguous) - 1))
        self.numbers_question.setText(question)
        self.numbers_box.show()

    def _preview_failed(self, message: str, details: str) -> None:
        self._preview, self._preview_error, self._preview_pending = None, message, False
        self.mapping_table.setRowCount(0)
        for model in (self.rows_model, self.rejects_model, self.raw_model):
            model.set_frame(pd.DataFrame())
        self._update_state()
        self.preview_failed.emit(message)

    def _preview_cancelled(self) -> None:
        self._preview_pending = False
        self._preview_error = self.tr("The preview was cancelled.")
        self._update_state()

    def _zone(self) -> str:
        return self.zone_combo.currentText().strip()

    # --- state ----------------------------------------------------------------------------

    def blocking_problem(self) -> str | None:
        """Why Import is disabled now (None when it is enabled)."""
        if self._path is None:
            return self.tr("Choose a file to import.")
        if not zone_is_valid(self._zone()):
            return self.tr("Unknown time zone “%1”; use a name like Asia/Shanghai or UTC.") \
                .replace("%1", self._zone())
        if self._preview_pending:
            return self.tr("Reading the file…")
        if self._preview_error is not None:
            return self._preview_error
        if self._preview is None:
            return self.tr("Reading the file…")
        if self._preview.ambiguous:
            return self.tr("Say whether the dates are day-first or month-first.")
        if self._preview.source.garbled:
            return self.tr("The text looks garbled in the detected encoding; choose the file's "
                           "encoding.")
        if self._preview.ambiguous_numbers:
            return self.tr("Say which mark separates the decimals in the numbers.")
        try:
            self._table_mapping().check()
        except UserFacingError as error:
            return translated(user_message(error))
        name = self.name_edit.text().strip()
        if not name:
            return self.tr("Give the dataset a name.")
        if self.store.has_dataset(name):
            return self.tr("There is already a dataset named “%1”; choose another name.") \
                .replace("%1", name)
        return None

    def _update_state(self) -> None:
        if self._done or self._import_job is not None:
            return
        problem = self.blocking_problem()
        self.import_button.setEnabled(problem is None)
        self.save_profile_button.setEnabled(self._preview is not None)
        waiting = self._path is None or self._preview_pending or (
            self._preview is None and self._preview_error is None)
        self.status_label.setStyleSheet(_ERROR_STYLE if problem and not waiting else "")
        self.status_label.setText(escape(problem or self.tr("Ready to import.")))

    # --- profiles -------------------------------------------------------------------------

    def _reload_profiles(self, current: str | None = None) -> None:
        with QSignalBlocker(self.profile_combo):
            self.profile_combo.clear()
            self.profile_combo.addItem(self.tr("(guess from the file)"), None)
            for profile in list_profiles(self.store):
                self.profile_combo.addItem(profile["name"], profile["name"])
            self.profile_combo.setCurrentIndex(max(self.profile_combo.findData(current), 0))

    def _profile_chosen(self) -> None:
        name = self.profile_combo.currentData()
        self.profile_note.clear()
        if self._path is None:
            return
        if name is None:
            self._overrides = {}
            self._forget_date_order()
            self._request_preview(None)
        else:
            self._apply_profile(name)

    def _apply_profile(self, name: str) -> None:
        options = profile_options(load_profile(self.store, name))
        mapping = Mapping.from_dict(options.pop("mapping"))
        with QSignalBlocker(self.zone_combo), QSignalBlocker(self.duplicates_combo):
            self.zone_combo.setCurrentText(options.pop("tz"))
            self.duplicates_combo.setCurrentIndex(
                self.duplicates_combo.findData(options.pop("duplicates")))
        self._overrides = options
        self._kind_chosen = True
        self._forget_date_order()
        self._reset_mapping = False
        self._request_preview(mapping)

    def save_profile(self) -> None:
        """Save the reading options and mapping under a name the user gives."""
        if self._preview is None or self._path is None:
            return
        current = self.profile_combo.currentData() or self._path.name.split(".")[0]
        name, ok = QInputDialog.getText(self, self.tr("Save import profile"),
                                        self.tr("Profile name:"), text=current)
        if not ok or not name.strip():
            return
        pattern = re.sub(r"\d+", "*", self._path.name)
        try:
            save_profile(self.store, name.strip(), mapping=self._table_mapping(),
                         source=self._preview.source, tz=self._zone(),
                         duplicates=self.duplicates_combo.currentData(), pattern=pattern)
        except UserFacingError as error:
            QMessageBox.warning(self, self.tr("Save import profile"),
                                translated(user_message(error)))
            return
        self._reload_profiles(name.strip())
        self.profile_note.setText(self.tr("Saved; it will be suggested for files named %1.")
                                  .replace("%1", pattern))

    # --- importing ------------------------------------------------------------------------

    def start_import(self, *, allow_duplicate_file: bool = False) -> None:
        """Import the file as previewed, as a job."""
        if self._preview is None or self._path is None or self.blocking_problem() is not None:
            return
        # The file's detected decimal mark is not a choice for every column: each column's
        # (detected or answered) is in the mapping; only the user's own choice applies to all.
        source = {k: v for k, v in self._preview.source.options().items() if v is not None
                  and (k not in ("decimal", "thousands") or k in self._overrides)}
        options = {
            **source, "name": self.name_edit.text().strip(),
            "mapping": self._table_mapping().to_dict(), "tz": self._zone(),
            "dayfirst": self._dayfirst, "duplicates": self.duplicates_combo.currentData()}
        self._set_importing(True)
        self._import_job = self.runner.submit(
            JobSpec.of(self.tr("Importing %1").replace("%1", self._path.name), import_job,
                       db_path=str(self.store.path), path=str(self._path),
                       allow_duplicate_file=allow_duplicate_file, **options),
            on_done=self._import_done, on_error=self._import_failed,
            on_cancel=self._import_cancelled)

    def _set_importing(self, importing: bool) -> None:
        self.editor.setEnabled(not importing)
        self.import_button.setVisible(not importing)
        self.cancel_import_button.setVisible(importing)
        self.cancel_import_button.setEnabled(importing)
        self.close_button.setEnabled(not importing)
        self.progress.setVisible(importing)
        self.progress.setRange(0, 0)
        if importing:
            self.status_label.setStyleSheet("")
            self.status_label.setText(self.tr("Importing…"))
        else:
            self._import_job = None

    def _on_progress(self, job_id: int, fraction: float | None, message: str) -> None:
        if job_id != self._import_job:
            return
        show_progress(self.progress, fraction, message)
        self.status_label.setText(escape(message))

    def _cancel_import(self) -> None:
        if self._import_job is not None:
            self.cancel_import_button.setEnabled(False)
            self.runner.cancel(self._import_job)

    def _import_done(self, result: dict[str, Any]) -> None:
        self._set_importing(False)
        if result["status"] == "duplicate_file":
            self._ask_to_import_again(result["previous"])
            return
        self._done = True
        self.editor.setEnabled(False)
        self.import_button.setEnabled(False)
        self.status_label.setStyleSheet("")
        self.status_label.setText(self.summary_text(result))
        self.imported.emit(result)
        self.import_finished.emit("imported")

    def summary_text(self, result: dict[str, Any]) -> str:
        """What an import did, in a sentence or two."""
        text = self.tr("Imported %1 rows into “%2”; %3 rows quarantined (see the Quarantine "
                       "tab); %4 repeated rows.") \
            .replace("%1", number(result["rows"])).replace("%2", escape(result["dataset"])) \
            .replace("%3", number(result["quarantined"])) \
            .replace("%4", number(result["duplicates"]))
        return "<br>".join([text, *(escape(with_policy_named(w))
                                    for w in result.get("warnings", []))])

    def _ask_to_import_again(self, previous: list[dict[str, Any]]) -> None:
        imports = ", ".join(self.tr("#%1 on %2 (UTC)").replace("%1", str(p["id"]))
                            .replace("%2", when(datetime.fromisoformat(p["finished_at"])))
                            for p in previous[:3])
        answer = QMessageBox.question(
            self, self.tr("Import again?"),
            self.tr("This exact file was imported before (%1). Import it again as another "
                    "dataset?").replace("%1", imports))
        if answer == QMessageBox.StandardButton.Yes:
            self.start_import(allow_duplicate_file=True)
            return
        self._update_state()
        self.status_label.setText(self.tr("Nothing was imported: the file was imported before."))
        self.import_finished.emit("declined")

    def _import_failed(self, message: str, details: str) -> None:
        self._set_importing(False)
        self._update_state()
        self.status_label.setStyleSheet(_ERROR_STYLE)
        self.status_label.setText(escape(message))
        error_box(self, self.tr("Import failed"), message, details)
        self.import_finished.emit("failed")

    def _import_cancelled(self) -> None:
        self._set_importing(False)
        self._update_state()
        self.status_label.setText(self.tr("Import cancelled; nothing was stored."))
        self.import_finished.emit("cancelled")

    def reject(self) -> None:
        """Close, unless an import is running (cancel it first)."""
        if self._import_job is not None:
            return
        if self._preview_pending and self._preview_job is not None:
            self.runner.cancel(self._preview_job)
        super().reject()
