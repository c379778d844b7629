"""The one "Export to CSV…" dialog: file, format, personal data, overwrite, background export.

Every panel that exports a table opens :class:`ExportDialog` with the table's name (see
:func:`iotfin_gui.core.reports.exportable_tables`) and what to export (a dataset, a run, an
import or a DataFrame it holds). The dialog lists the columns :func:`personal_columns` finds
(by name and by the content of the first rows), with why, and a mask / hash / keep choice each
(masked by default; free text is masked inside), checks the file with the output writer's
rules (never the store's files, a device or a folder), asks before replacing a file, runs
:func:`export_job` in the background (progress and Cancel here and in the status bar) and ends
with a short summary: rows, path, what was masked.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from PySide6.QtCore import QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from iotfin_gui.core.errors import UserFacingError, user_message
from iotfin_gui.core.jobs import JobSpec
from iotfin_gui.core.outputs import check_file_target
from iotfin_gui.core.reports import (
    Finding,
    Selection,
    export_job,
    find_personal,
    get_table,
    personal_columns,
)
from iotfin_gui.core.reports.personal import PERSONAL_KIND_LABELS
from iotfin_gui.ui import file_dialogs
from iotfin_gui.ui.dialogs import ask_replace, error_box
from iotfin_gui.ui.i18n import number, translated
from iotfin_gui.ui.status import show_progress

if TYPE_CHECKING:
    from iotfin_gui.core.store import Store
    from iotfin_gui.ui.jobs import JobRunner

#: Personal-data handling choices: of a personal column, of free text with personal data in it.
HANDLING = ("mask", "hash", "keep")
HANDLING_OF_TEXT = ("scan", "mask", "hash", "keep")

#: The folder the last export went to, offered first by the next one (this session only).
_last_folder: Path | None = None


def default_folder() -> Path:
    if _last_folder is not None and _last_folder.is_dir():
        return _last_folder
    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def file_stem(table: str, dataset: str | int | None, run_id: int | None,
              import_id: int | None) -> str:
    """A file name (without .csv) that says what is in it: ``demo_withdrawals``,
    ``forecast_run3``, ``quarantine_demo_events``."""
    parts = [table] if table != "dataset" else []
    if dataset is not None:
        parts.append(str(dataset))
    if run_id is not None:
        parts.append(f"run{run_id}")
    if import_id is not None:
        parts.append(f"import{import_id}")
    stem = "_".join(parts) or table
    return re.sub(r'[\\/:*?"<>|\s]+', "_", stem).strip("_") or "export"


class ExportDialog(QDialog):
    """Exports one table to a CSV file in a background job.

    ``what`` describes the content for the heading (e.g. "dataset demo_withdrawals"); the
    selectors (``dataset``, ``run_id``, ``import_id``, ``frame``) are passed to
    :func:`export_job` as given. ``columns`` are the table's columns when the caller knows
    them (a dataset's and a frame's are looked up); personal ones get a handling choice.
    """

    exported = Signal(object)
    export_failed = Signal(str)
    export_cancelled = Signal()

    def __init__(self, store: Store, runner: JobRunner, table: str,
                 parent: QWidget | None = None, *, dataset: str | int | None = None,
                 run_id: int | None = None, import_id: int | None = None,
                 frame: pd.DataFrame | None = None, what: str = "",
                 columns: list[str] | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.runner = runner
        self.table = table
        self.selectors: dict[str, Any] = {
            k: v for k, v in (("dataset", dataset), ("run_id", run_id),
                              ("import_id", import_id), ("frame", frame)) if v is not None}
        self.job_id: int | None = None
        self.result: dict | None = None
        spec = get_table(table)
        self.setObjectName("export_dialog")
        self.setWindowTitle(self.tr("Export to CSV"))
        self.setMinimumWidth(560)

        heading = QLabel(self.tr("<b>%1</b>%2<br><span style='color: gray'>%3</span>")
                         .replace("%1", html.escape(translated(spec.title)))
                         .replace("%2", html.escape(f" — {what}") if what else "")
                         .replace("%3", html.escape(translated(spec.description))), self)
        heading.setWordWrap(True)

        self.path_edit = QLineEdit(self)
        self.path_edit.setText(str(default_folder()
                                   / f"{file_stem(table, dataset, run_id, import_id)}.csv"))
        self.browse_button = QPushButton(self.tr("Browse…"), self)
        self.browse_button.clicked.connect(self.choose_path)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)

        self.encoding_box = QComboBox(self)
        self.encoding_box.addItem(self.tr("Excel: UTF-8 with BOM"), "utf-8-sig")
        self.encoding_box.addItem(self.tr("Plain UTF-8 (no BOM)"), "utf-8")
        self.encoding_box.setToolTip(self.tr(
            "Excel needs the BOM to read Chinese and other non-English text correctly"))
        self.delimiter_box = QComboBox(self)
        for value, label in ((",", self.tr("Comma ( , )")), (";", self.tr("Semicolon ( ; )")),
                             ("tab", self.tr("Tab")), ("|", self.tr("Vertical bar ( | )"))):
            self.delimiter_box.addItem(label, value)
        form = QFormLayout()
        form.addRow(self.tr("File"), path_row)
        form.addRow(self.tr("Encoding"), self.encoding_box)
        form.addRow(self.tr("Delimiter"), self.delimiter_box)

        self.findings = self._findings(columns)
        self.personal = {c: f.kind for c, f in self.findings.items()}
        self.privacy_table = QTableWidget(len(self.findings), 3, self)
        self.privacy_table.setHorizontalHeaderLabels(
            [self.tr("Column"), self.tr("Looks like"), self.tr("In the file")])
        self.privacy_table.verticalHeader().hide()
        self.privacy_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.privacy_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch)
        self.handling_boxes: dict[str, QComboBox] = {}
        labels = {"mask": self.tr("Masked (138****5678)"),
                  "scan": self.tr("Masked inside the text"),
                  "hash": self.tr("Hashed (same value → same code)"),
                  "keep": self.tr("Kept as is")}
        for row, (column, finding) in enumerate(self.findings.items()):
            self.privacy_table.setItem(row, 0, QTableWidgetItem(column))
            kind = QTableWidgetItem(translated(PERSONAL_KIND_LABELS[finding.kind]))
            kind.setToolTip(translated(finding.reason))
            self.privacy_table.setItem(row, 1, kind)
            box = QComboBox(self.privacy_table)
            for value in HANDLING_OF_TEXT if finding.kind == "text" else HANDLING:
                box.addItem(labels[value], value)
            box.setToolTip(translated(finding.reason))
            box.currentIndexChanged.connect(self._update_privacy_note)
            self.privacy_table.setCellWidget(row, 2, box)
            self.handling_boxes[column] = box
        self.privacy_table.setVisible(bool(self.findings))
        self.privacy_table.setMaximumHeight(36 + 30 * max(1, len(self.findings)))
        self.card_scan_box = QCheckBox(self.tr(
            "Mask card numbers, mobile numbers, ID numbers and e-mail addresses found in the "
            "other columns"), self)
        self.card_scan_box.setChecked(True)
        self.card_scan_box.toggled.connect(self._update_privacy_note)
        self.privacy_note = QLabel(self)
        self.privacy_note.setTextFormat(Qt.TextFormat.PlainText)
        self.privacy_note.setWordWrap(True)
        privacy = QGroupBox(self.tr("Personal data"), self)
        privacy_layout = QVBoxLayout(privacy)
        privacy_layout.addWidget(QLabel(self.tr(
            "These columns look like personal data (hover for why):") if self.findings else
            self.tr("No column looks like personal data."), privacy))
        privacy_layout.addWidget(self.privacy_table)
        privacy_layout.addWidget(self.card_scan_box)
        privacy_layout.addWidget(self.privacy_note)

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress.hide()
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.show_folder_button = QPushButton(self.tr("Show in folder"), self)
        self.show_folder_button.clicked.connect(self.show_in_folder)
        self.show_folder_button.hide()
        self.export_button = QPushButton(self.tr("Export"), self)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button = QPushButton(self.tr("Cancel export"), self)
        self.cancel_button.clicked.connect(self.cancel_export)
        self.cancel_button.hide()
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(privacy)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        runner.progressed.connect(self._on_progress)
        self._update_privacy_note()

    # --- what is exported -------------------------------------------------------------------

    def _findings(self, columns: list[str] | None) -> dict[str, Finding]:
        """The columns found personal (by name, and by the content of the first rows), each
        with why; what the export will mask unless the user chooses otherwise."""
        frame = self.selectors.get("frame")
        if columns is not None and frame is None:
            return find_personal(columns)
        selection = Selection(**{k: self.selectors.get(k) for k in
                                 ("dataset", "run_id", "import_id", "frame")})
        try:
            return personal_columns(self.store, self.table, selection)
        except UserFacingError:
            return {}  # the export itself reports what is wrong

    def handling(self) -> dict[str, str]:
        """Personal column -> mask, scan (free text: masked inside), hash or keep, as chosen."""
        return {c: box.currentData() for c, box in self.handling_boxes.items()}

    def set_handling(self, column: str, choice: str) -> None:
        box = self.handling_boxes[column]
        box.setCurrentIndex(box.findData(choice))

    def _update_privacy_note(self, *args: object) -> None:
        kept = [c for c, h in self.handling().items() if h == "keep"]
        notes = []
        if kept:
            notes.append(self.tr("Kept as they are: %1.").replace("%1", ", ".join(kept)))
        if not self.card_scan_box.isChecked():
            notes.append(self.tr("Card, mobile and ID numbers and e-mail addresses in the other "
                                 "columns are left as they are."))
        if notes:
            notes.append(self.tr("Make sure the file may leave the bank."))
        self.privacy_note.setText(" ".join(notes))

    def options(self, force: bool = False) -> dict[str, Any]:
        """The :func:`export_job` options (besides table, output and selectors)."""
        handling = self.handling()
        return {
            "encoding": self.encoding_box.currentData(),
            "delimiter": self.delimiter_box.currentData(),
            "mask": [c for c, h in handling.items() if h == "mask"],
            "hash_columns": [c for c, h in handling.items() if h == "hash"],
            "keep": [c for c, h in handling.items() if h == "keep"],
            "auto_mask": self.card_scan_box.isChecked(),
            "force": force,
        }

    # --- the file ---------------------------------------------------------------------------

    def path(self) -> Path | None:
        text = self.path_edit.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        if not path.suffix:
            path = path.with_suffix(".csv")
        return path.absolute()

    def set_path(self, path: str | Path) -> None:
        self.path_edit.setText(str(path))

    def choose_path(self) -> None:
        current = self.path() or default_folder()
        csv_files, all_files = self.tr("CSV files"), self.tr("All files")
        path, _ = file_dialogs.save_file_name(
            self, self.tr("Export to CSV"), str(current),
            f"{csv_files} (*.csv);;{all_files} (*)")
        if path:
            self.set_path(path)

    # --- the job ----------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.job_id is not None

    def start_export(self) -> bool:
        """Export to the chosen file; asks first if it exists. False if nothing was started."""
        path = self.path()
        if path is None:
            self.status.setText(self.tr("Choose a file to export to."))
            return False
        try:
            check_file_target(path, store=self.store, force=True)
        except UserFacingError as error:
            self.status.setText(html.escape(translated(user_message(error))))
            return False
        force = False
        if path.exists():
            if not ask_replace(self, self.tr("Replace the file?"), path):
                self.status.setText(self.tr("Not exported: the file was left as it is."))
                return False
            force = True
        self.result = None
        self.show_folder_button.hide()
        self.job_id = self.runner.submit(
            JobSpec.of(self.tr("Exporting %1").replace("%1", path.name), export_job,
                       db_path=str(self.store.path), table=self.table, out=str(path),
                       **self.selectors, **self.options(force)),
            key=f"export:{path}",
            on_done=self._done,
            on_error=self._failed,
            on_cancel=self._cancelled,
        )
        self._set_running(True)
        self.status.setText(self.tr("Exporting to %1…").replace("%1", html.escape(str(path))))
        return True

    def cancel_export(self) -> None:
        if self.job_id is not None:
            self.cancel_button.setEnabled(False)
            self.runner.cancel(self.job_id)

    def _set_running(self, running: bool) -> None:
        for widget in (self.export_button, self.browse_button, self.path_edit,
                       self.encoding_box, self.delimiter_box, self.privacy_table):
            widget.setEnabled(not running)
        self.card_scan_box.setEnabled(not running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.progress.setVisible(running)
        self.progress.setValue(0)
        if not running:
            self.job_id = None

    def _on_progress(self, job_id: int, fraction: float | None, message: str) -> None:
        if job_id == self.job_id:
            show_progress(self.progress, fraction, message)

    def _done(self, summary: dict) -> None:
        global _last_folder
        self._set_running(False)
        self.result = summary
        path = Path(summary["out"])
        _last_folder = path.parent
        self.status.setText(self.summary_text(summary))
        self.show_folder_button.show()
        self.exported.emit(summary)

    def summary_text(self, summary: dict) -> str:
        masking = summary["masking"]
        masked, hashed = self.tr("%1 (masked)"), self.tr("%1 (hashed)")
        parts = [masked.replace("%1", c) for c in masking.get("masked", {})]
        parts += [hashed.replace("%1", c) for c in masking.get("hashed", [])]
        privacy = ", ".join(parts) if parts else self.tr("no column masked")
        if masking.get("card_scan"):
            privacy += self.tr("; values masked in other columns: %1").replace(
                "%1", number(sum(masking.get("values_masked", {}).values())))
        else:
            privacy += self.tr("; card numbers were not searched for")
        return (self.tr("<b>Exported %1 rows</b> to %2<br>Personal data: %3.")
                .replace("%1", number(summary["rows"])).replace("%2", html.escape(summary["out"]))
                .replace("%3", html.escape(privacy)))

    def _failed(self, message: str, details: str) -> None:
        self._set_running(False)
        self.status.setText(self.tr("The export failed; no file was written."))
        error_box(self, self.tr("The export failed"), message, details)
        self.export_failed.emit(message)

    def _cancelled(self) -> None:
        self._set_running(False)
        self.status.setText(self.tr("Export cancelled; no file was written."))
        self.export_cancelled.emit()

    def show_in_folder(self) -> None:
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.result["out"]).parent)))

    def reject(self) -> None:
        """Closing the dialog (Close, Esc, the title bar) while it exports cancels the export,
        which leaves nothing behind."""
        self.cancel_export()
        super().reject()
