"""The one "Export to CSV…" dialog: file, format, personal data, overwrite, background export.

Every panel that exports a table opens :class:`ExportDialog` with the table's name (see
:func:`iotfin_gui.core.reports.exportable_tables`) and what to export (a dataset, a run, an
import or a DataFrame it holds). The dialog lists the columns :func:`detect_personal` finds
with a mask / hash / keep choice each (masked by default), asks before replacing a file, runs
:func:`export_job` in the background (progress and Cancel here and in the status bar) and ends
with a short summary: rows, path, what was masked.
"""

from __future__ import annotations

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

from iotfin_gui.core.jobs import JobSpec
from iotfin_gui.core.reports import detect_personal, export_job, get_table
from iotfin_gui.core.reports.personal import PERSONAL_KIND_LABELS
from iotfin_gui.ui import file_dialogs
from iotfin_gui.ui.dialogs import ask_replace, error_box
from iotfin_gui.ui.i18n import number, translated
from iotfin_gui.ui.status import show_progress

if TYPE_CHECKING:
    from iotfin_gui.core.store import Store
    from iotfin_gui.ui.jobs import JobRunner

#: Personal-data handling choices.
HANDLING = ("mask", "hash", "keep")

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
                         .replace("%1", translated(spec.title))
                         .replace("%2", f" — {what}" if what else "")
                         .replace("%3", translated(spec.description)), self)
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

        self.personal = detect_personal(columns if columns is not None else self._columns())
        self.privacy_table = QTableWidget(len(self.personal), 3, self)
        self.privacy_table.setHorizontalHeaderLabels(
            [self.tr("Column"), self.tr("Looks like"), self.tr("In the file")])
        self.privacy_table.verticalHeader().hide()
        self.privacy_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.privacy_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch)
        self.handling_boxes: dict[str, QComboBox] = {}
        labels = {"mask": self.tr("Masked (138****5678)"),
                  "hash": self.tr("Hashed (same value → same code)"),
                  "keep": self.tr("Kept as is")}
        for row, (column, kind) in enumerate(self.personal.items()):
            self.privacy_table.setItem(row, 0, QTableWidgetItem(column))
            self.privacy_table.setItem(row, 1, QTableWidgetItem(translated(
                PERSONAL_KIND_LABELS[kind])))
            box = QComboBox(self.privacy_table)
            for value in HANDLING:
                box.addItem(labels[value], value)
            box.currentIndexChanged.connect(self._update_card_scan)
            self.privacy_table.setCellWidget(row, 2, box)
            self.handling_boxes[column] = box
        self.privacy_table.setVisible(bool(self.personal))
        self.privacy_table.setMaximumHeight(36 + 30 * max(1, len(self.personal)))
        self.card_scan_box = QCheckBox(self.tr(
            "Mask card numbers found in any other text column (first 6 and last 4 digits kept)"),
            self)
        self.card_scan_box.setChecked(True)
        self.privacy_note = QLabel(self)
        self.privacy_note.setWordWrap(True)
        privacy = QGroupBox(self.tr("Personal data"), self)
        privacy_layout = QVBoxLayout(privacy)
        privacy_layout.addWidget(QLabel(self.tr(
            "These columns look like personal data:") if self.personal else self.tr(
            "No column is named like personal data."), privacy))
        privacy_layout.addWidget(self.privacy_table)
        privacy_layout.addWidget(self.card_scan_box)
        privacy_layout.addWidget(self.privacy_note)

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress.hide()
        self.status = QLabel(self)
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
        self._update_card_scan()

    # --- what is exported -------------------------------------------------------------------

    def _columns(self) -> list[str]:
        frame = self.selectors.get("frame")
        if frame is not None:
            return [str(c) for c in frame.columns]
        if self.table == "dataset" and "dataset" in self.selectors:
            return self.store.dataset(self.selectors["dataset"]).column_names
        return []

    def handling(self) -> dict[str, str]:
        """Personal column -> mask, hash or keep, as chosen."""
        return {c: box.currentData() for c, box in self.handling_boxes.items()}

    def set_handling(self, column: str, choice: str) -> None:
        box = self.handling_boxes[column]
        box.setCurrentIndex(box.findData(choice))

    def _update_card_scan(self, *args: object) -> None:
        # The core masks every detected column while automatic masking is on, so keeping one
        # means turning it off, and with it the card-number scan of the other columns.
        keeping = "keep" in self.handling().values()
        self.card_scan_box.setEnabled(not keeping)
        if keeping:
            self.card_scan_box.setChecked(False)
            self.privacy_note.setText(self.tr(
                "A personal column is kept as is, so card numbers in other columns are not "
                "searched for either. Make sure the file may leave the bank."))
        else:
            self.privacy_note.setText("")

    def options(self, force: bool = False) -> dict[str, Any]:
        """The :func:`export_job` options (besides table, output and selectors)."""
        handling = self.handling()
        keeping = "keep" in handling.values()
        return {
            "encoding": self.encoding_box.currentData(),
            "delimiter": self.delimiter_box.currentData(),
            "mask": [c for c, h in handling.items() if h == "mask"],
            "hash_columns": [c for c, h in handling.items() if h == "hash"],
            "auto_mask": self.card_scan_box.isChecked() and not keeping,
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
        self.status.setText(self.tr("Exporting to %1…").replace("%1", str(path)))
        return True

    def cancel_export(self) -> None:
        if self.job_id is not None:
            self.cancel_button.setEnabled(False)
            self.runner.cancel(self.job_id)

    def _set_running(self, running: bool) -> None:
        for widget in (self.export_button, self.browse_button, self.path_edit,
                       self.encoding_box, self.delimiter_box, self.privacy_table):
            widget.setEnabled(not running)
        self.card_scan_box.setEnabled(not running and "keep" not in self.handling().values())
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
            privacy += self.tr("; card numbers masked in other columns: %1").replace(
                "%1", number(masking.get("cards_masked", 0)))
        else:
            privacy += self.tr("; card numbers were not searched for")
        return (self.tr("<b>Exported %1 rows</b> to %2<br>Personal data: %3.")
                .replace("%1", number(summary["rows"])).replace("%2", summary["out"])
                .replace("%3", privacy))

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
