"""The Reports panel: runs with their lineage, report bundles, every table's CSV export, audit.

* The runs recorded in the store (forecasts, later trainings) in a sortable table with their key
  metrics; selecting one shows its lineage as the store records it (dataset and hash, imports,
  parameters, seed, library versions, metrics).
* "Build report…" writes the run's bundle (:func:`report_job`) into a folder, optionally zipped,
  with PNGs of the run's plots if a panel is showing them: any panel with a
  ``plot_images(run_id) -> {name: png_bytes}`` method contributes (the Forecast panel does).
* Every exportable table (:func:`exportable_tables`) with its description, the choice it needs
  (a dataset or a run) and an Export… button that opens :class:`ExportDialog`.
* The latest audit-log entries and exports.
"""

from __future__ import annotations

import html
import json
import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from PySide6.QtCore import QLocale, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from iotfin_gui.core.errors import NotFoundError, UserFacingError, user_message
from iotfin_gui.core.jobs import JobSpec
from iotfin_gui.core.outputs import check_file_target, check_folder_target
from iotfin_gui.core.reports import ExportableTable, exportable_tables, get_table, report_job
from iotfin_gui.core.reports.bundle import PLOT_NOT_SHOWN_NOTE
from iotfin_gui.core.reports.summary import report_facts
from iotfin_gui.core.reports.tables import leaderboard
from iotfin_gui.core.store import DATASET_KIND_LABELS, RUN_KIND_LABELS
from iotfin_gui.ui import file_dialogs
from iotfin_gui.ui.dialogs import ask_replace, error_box
from iotfin_gui.ui.export_dialog import ExportDialog, default_folder
from iotfin_gui.ui.i18n import number, translated, when
from iotfin_gui.ui.panels.base import EmptyState, Panel
from iotfin_gui.ui.table_model import DataFrameModel, table_view

if TYPE_CHECKING:
    from iotfin_gui.core.store import Store
    from iotfin_gui.ui.jobs import JobRunner

log = logging.getLogger("iotfin.ui")

AUDIT_ROWS = 200
EXPORT_ROWS = 200
#: Metrics shown as columns of the runs table, when a run has them (overall or backtest).
KEY_METRICS = ("smape", "mase", "coverage_95", "rmse", "accuracy", "roc_auc", "r2")
#: Which runs a table's run choice offers: tables of forecast runs only list those.
FORECAST_TABLES = ("forecast", "replenishment_plan")


def _short(text: str, length: int = 48) -> str:
    return text if len(text) <= length else text[:length - 1] + "…"


def _label(labels: dict, key: str) -> str:
    """The translated label of ``key`` in ``labels``, or the key itself when it has none."""
    return translated(labels[key]) if key in labels else str(key)


def _value(value: Any) -> str:
    """A lineage value on screen: numbers in the user's locale (floats to 6 significant
    digits), lists and dicts as JSON, nothing as "-"."""
    if value is None:
        return "-"
    if isinstance(value, float):
        return QLocale().toString(value, "g", 6)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _moment(text: str) -> str:
    """A stored time (ISO 8601, UTC) in the user's locale; as stored if it does not read as
    one."""
    try:
        return when(datetime.fromisoformat(text))
    except (TypeError, ValueError):
        return str(text)


def _table_title(name: str) -> str:
    """The translated title of exportable table ``name`` (the name itself if it is unknown)."""
    try:
        return translated(get_table(name).title)
    except NotFoundError:
        return name


class TableExportRow:
    """One exportable table on the panel: title, description, its choice, Export…."""

    def __init__(self, table: ExportableTable, choice: str | None, box: QComboBox | None,
                 button: QPushButton) -> None:
        self.table = table
        self.choice = choice
        self.box = box
        self.button = button


class ReportsPanel(Panel):
    """Lists runs with lineage, builds report bundles, exports any table, shows the audit log."""

    report_built = Signal(object)
    report_failed = Signal(str)

    def __init__(self, store: Store, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(store, runner, parent)
        self.export_dialog: ExportDialog | None = None
        self.report_job_id: int | None = None
        self.last_report: dict | None = None

        # --- runs and lineage
        self.runs_model = DataFrameModel(parent=self)
        self.runs_view = table_view(self.runs_model, self, single_row=True)
        self.runs_view.selectionModel().selectionChanged.connect(self._on_run_selected)
        self.runs_view.horizontalHeader().setStretchLastSection(True)
        self.lineage = QTextBrowser(self)
        self.lineage.setOpenExternalLinks(False)
        self.build_button = QPushButton(self.tr("Build report…"), self)
        self.build_button.setToolTip(self.tr(
            "Write the run's CSVs, plots and a summary (Markdown, HTML, JSON) into a folder"))
        self.build_button.clicked.connect(lambda: self.build_report())
        self.zip_box = QCheckBox(self.tr("Also as .zip"), self)
        self.images_hint = QLabel(self)
        self.images_hint.setWordWrap(True)
        self.images_hint.setStyleSheet("color: palette(mid);")
        self.report_status = QLabel(self)
        self.report_status.setTextFormat(Qt.TextFormat.RichText)
        self.report_status.setWordWrap(True)
        self.report_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.show_report_button = QPushButton(self.tr("Show in folder"), self)
        self.show_report_button.clicked.connect(self.show_report_folder)
        self.show_report_button.hide()

        lineage_page = QWidget(self)
        lineage_layout = QVBoxLayout(lineage_page)
        lineage_layout.setContentsMargins(0, 0, 0, 0)
        lineage_layout.addWidget(QLabel(self.tr("<b>Lineage of the selected run</b>"), self))
        lineage_layout.addWidget(self.lineage, 1)
        build_row = QHBoxLayout()
        build_row.addWidget(self.build_button)
        build_row.addWidget(self.zip_box)
        build_row.addStretch(1)
        build_row.addWidget(self.show_report_button)
        lineage_layout.addLayout(build_row)
        lineage_layout.addWidget(self.images_hint)
        lineage_layout.addWidget(self.report_status)
        # A splitter ignores a wrapped label's height for its width: keep room for the lines.
        lines = self.fontMetrics().lineSpacing()
        self.images_hint.setMinimumHeight(2 * lines + 4)
        self.report_status.setMinimumHeight(3 * lines + 4)
        self.report_status.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        runs_page = QWidget(self)
        runs_layout = QVBoxLayout(runs_page)
        runs_layout.setContentsMargins(0, 0, 0, 0)
        self.runs_label = QLabel(self)
        runs_layout.addWidget(self.runs_label)
        runs_layout.addWidget(self.runs_view, 1)
        runs_split = QSplitter(Qt.Orientation.Horizontal, self)
        runs_split.addWidget(runs_page)
        runs_split.addWidget(lineage_page)
        runs_split.setStretchFactor(0, 3)
        runs_split.setStretchFactor(1, 2)
        runs_split.setSizes([780, 420])

        self.empty_state = EmptyState(self.tr(
            "<h2>No runs yet</h2><p>Run a forecast first (Forecast panel): each run is listed "
            "here with its lineage, and you can build its report bundle. Tables can already be "
            "exported below.</p>"), self)
        self.runs_pages = QStackedWidget(self)
        self.runs_pages.addWidget(self.empty_state)
        self.runs_pages.addWidget(runs_split)

        # --- exports, audit log
        self.table_rows: dict[str, TableExportRow] = {}
        tables_widget = QWidget(self)
        self.tables_grid = QGridLayout(tables_widget)
        self.tables_grid.setColumnStretch(1, 1)
        for row, table in enumerate(exportable_tables()):
            self._add_table_row(tables_widget, row, table)
        self.tables_grid.setRowStretch(len(self.table_rows) * 2, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(tables_widget)

        self.audit_model = DataFrameModel(parent=self)
        self.audit_view = table_view(self.audit_model, self)
        self.audit_view.horizontalHeader().setStretchLastSection(True)
        self.exports_model = DataFrameModel(parent=self)
        self.exports_view = table_view(self.exports_model, self)
        self.exports_view.horizontalHeader().setStretchLastSection(True)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(scroll, self.tr("Export tables"))
        self.tabs.addTab(self.exports_view, self.tr("Recent exports"))
        self.tabs.addTab(self.audit_view, self.tr("Audit log"))

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.runs_pages)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([440, 250])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def title(self) -> str:
        return self.tr("Reports")

    # --- refresh ----------------------------------------------------------------------------

    def refresh(self) -> None:
        self._refresh_runs()
        self._refresh_choices()
        self.refresh_logs()

    def showEvent(self, event: QShowEvent) -> None:
        # Other panels record runs and exports without announcing a store change.
        super().showEvent(event)
        self.refresh()

    def _refresh_runs(self) -> None:
        previous = self.selected_run()
        board = leaderboard(self.store)
        self.runs = board
        frame = board[["run_id", "kind", "dataset", "model", "started_at",
                       "duration_s"]].copy()
        frame["started_at"] = frame["started_at"].dt.floor("min")  # shown like every date
        frame["kind"] = [_label(RUN_KIND_LABELS, k) for k in frame["kind"]]
        frame["duration_s"] = frame["duration_s"].astype(float).round(1)
        for name in KEY_METRICS:
            column = name if name in board.columns else f"backtest_{name}"
            if column in board.columns:
                frame[name] = board[column].astype(float).round(3)
        frame["title"] = [translated(title) for title in board["title"]]
        headers = {"run_id": self.tr("Run"), "kind": self.tr("Kind"), "title": self.tr("Title"),
                   "dataset": self.tr("Dataset"), "model": self.tr("Model"),
                   "started_at": self.tr("Started (UTC)"), "duration_s": self.tr("Seconds"),
                   "smape": self.tr("sMAPE %"), "mase": self.tr("MASE"),
                   "coverage_95": self.tr("95% coverage"), "rmse": self.tr("RMSE"),
                   "accuracy": self.tr("Accuracy"), "roc_auc": self.tr("ROC AUC"),
                   "r2": self.tr("R²")}
        self.runs_model.set_frame(frame.sort_values("run_id", ascending=False), headers)
        self.runs_view.resizeColumnsToContents()
        self.runs_label.setText(self.tr("<b>Runs</b> (%1)").replace("%1", number(len(frame))))
        self.runs_pages.setCurrentIndex(1 if len(frame) else 0)
        if len(frame):
            ids = self.runs_model.frame["run_id"].tolist()
            self.select_run(previous if previous in ids else ids[0])
        else:
            self._on_run_selected()

    def _refresh_choices(self) -> None:
        datasets = [d.name for d in self.store.datasets()]
        runs = [] if self.runs.empty else list(
            self.runs.sort_values("run_id", ascending=False).itertuples(index=False))
        imports = self.store.conn.execute(
            "SELECT i.id, i.source_path FROM imports i ORDER BY i.id DESC").fetchall()
        for entry in self.table_rows.values():
            if entry.box is None:
                continue
            current = entry.box.currentData()
            entry.box.clear()
            if entry.choice == "dataset":
                for name in datasets:
                    entry.box.addItem(name, name)
            elif entry.choice == "run":
                for run in runs:
                    if entry.table.name in FORECAST_TABLES and run.kind != "forecast":
                        continue
                    entry.box.addItem(f"#{run.run_id} {_short(translated(run.title))}",
                                      int(run.run_id))
            elif entry.choice == "import":
                for import_id, source in imports:
                    entry.box.addItem(f"#{import_id} {Path(source).name}", int(import_id))
            index = entry.box.findData(current)
            entry.box.setCurrentIndex(max(index, 0))
            available = entry.box.count() > 0
            entry.box.setEnabled(available)
            entry.button.setEnabled(available)
            needs = {"dataset": self.tr("Needs a dataset: import one on the Data panel."),
                     "run": self.tr("Needs a run: run a forecast first."),
                     "import": self.tr("Needs an import.")}[entry.choice]
            entry.button.setToolTip("" if available else needs)

    def refresh_logs(self) -> None:
        audit = self.store.audit_log(limit=AUDIT_ROWS)
        audit["ts"] = audit["ts"].str.replace("T", " ").str.replace("Z", "")
        self.audit_model.set_frame(audit, {"id": "#", "ts": self.tr("Time (UTC)"),
                                           "action": self.tr("Action"),
                                           "detail": self.tr("Detail")})
        self.audit_view.resizeColumnsToContents()
        exports = pd.DataFrame(
            self.store.conn.execute(
                "SELECT created_at, what, run_id, row_count, encoding, masking, path "
                "FROM exports ORDER BY id DESC LIMIT ?", [EXPORT_ROWS]).fetchall(),
            columns=["created_at", "what", "run_id", "row_count", "encoding", "masking", "path"])
        exports["created_at"] = exports["created_at"].str.replace("T", " ").str.replace("Z", "")
        exports["masking"] = [self._masking_text(m) for m in exports["masking"]]
        exports["what"] = [_table_title(w) for w in exports["what"]]
        self.exports_model.set_frame(exports, {
            "created_at": self.tr("Time (UTC)"), "what": self.tr("Table"),
            "run_id": self.tr("Run"), "row_count": self.tr("Rows"),
            "encoding": self.tr("Encoding"), "masking": self.tr("Masked"),
            "path": self.tr("File")})
        self.exports_view.resizeColumnsToContents()

    @staticmethod
    def _masking_text(text: str) -> str:
        masking = json.loads(text or "{}")
        columns = [*masking.get("masked", {}), *masking.get("hashed", [])]
        return ", ".join(columns) or "-"

    # --- runs and lineage -------------------------------------------------------------------

    def selected_run(self) -> int | None:
        rows = self.runs_view.selectionModel().selectedRows()
        if not rows:
            return None
        return int(self.runs_model.frame.iloc[rows[0].row()]["run_id"])

    def select_run(self, run_id: int) -> None:
        ids = self.runs_model.frame["run_id"].tolist()
        if run_id in ids:
            self.runs_view.selectRow(ids.index(run_id))

    def _on_run_selected(self, *args: object) -> None:
        run_id = self.selected_run()
        self.build_button.setEnabled(run_id is not None and self.report_job_id is None)
        self.zip_box.setEnabled(run_id is not None)
        if run_id is None:
            self.lineage.clear()
            self.images_hint.clear()
            return
        facts = report_facts(self.store, run_id)
        self.lineage.setHtml(self.lineage_html(facts))
        if self.plot_images(run_id, render=False):
            self.images_hint.setText(self.tr(
                "The report will include the plot of this run shown on the %1 panel.")
                .replace("%1", ", ".join(self.plot_images(run_id, render=False))))
        elif facts["run"]["kind"] == "train":
            self.images_hint.setText(self.tr(
                "No panel shows this run's plots, so its report will have no images. Select "
                "the run in the Models panel's leaderboard to include its plots."))
        else:
            self.images_hint.setText(self.tr(
                "No panel shows this run's plots, so its report will have no images. Open the "
                "run on the Forecast panel to include its plot."))

    def lineage_html(self, facts: dict[str, Any]) -> str:
        e = html.escape
        run = facts["run"]

        def table(rows: list[tuple[str, ...]], header: tuple[str, ...] = ()) -> str:
            head = "".join(f"<th align='left'>{e(h)}</th>" for h in header)
            body = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>"
                           for row in rows)
            return (f"<table cellspacing='0' cellpadding='2'>"
                    f"{'<tr>' + head + '</tr>' if head else ''}{body}</table>")

        title = self.tr("Run #%1: %2").replace("%1", str(run["run_id"])).replace(
            "%2", translated(run["title"]))
        duration = self.tr("%1 s").replace("%1", _value(run["duration_s"]))
        parts = [f"<h3>{e(title)}</h3>",
                 table([(self.tr("Kind"), _label(RUN_KIND_LABELS, run["kind"])),
                        (self.tr("Model"), _value(run["model"] and translated(run["model"]))),
                        (self.tr("Seed"), _value(run["seed"])),
                        (self.tr("Started (UTC)"), _moment(run["started_at"])),
                        (self.tr("Duration"), duration),
                        (self.tr("Input data hash"), _value(run["data_hash"]))])]
        parts.append("<h4>" + e(self.tr("Data")) + "</h4>")
        if not facts["data_sources"]:
            parts.append("<p>" + e(self.tr("The run records no dataset.")) + "</p>")
        for source in facts["data_sources"]:
            if source.get("dataset") is None:
                deleted = self.tr("Dataset %1 was deleted.").replace(
                    "%1", str(source["dataset_id"]))
                parts.append(f"<p>{e(deleted)}</p>")
                continue
            dataset = self.tr("%1 (%2, %3 rows)").replace("%1", source["dataset"]).replace(
                "%2", _label(DATASET_KIND_LABELS, source["kind"])).replace(
                "%3", number(source["rows"]))
            rows = [(self.tr("Dataset"), dataset),
                    (self.tr("Data hash"), _value(source["data_hash"])),
                    (self.tr("Source"), _value(source["source"]))]
            rows += [(self.tr("Imported file"), f"{i['source_path']} (sha256 {i['sha256']})")
                     for i in source.get("imports", [])]
            parts.append(table(rows))
        parts.append("<h4>" + e(self.tr("Parameters")) + "</h4>")
        parts.append(table([(k, _value(v)) for k, v in sorted(facts["params"].items())]))
        metrics = [m for m in facts["metrics"] if m["scope"] in ("", "backtest")]
        others = len(facts["metrics"]) - len(metrics)
        parts.append("<h4>" + e(self.tr("Metrics")) + "</h4>")
        parts.append(table([(m["scope"] or self.tr("overall"), m["name"], _value(m["value"]))
                            for m in metrics], (self.tr("Scope"), self.tr("Metric"),
                                                self.tr("Value"))))
        if others:
            more = self.tr("%1 more per-model metrics are in the report.").replace(
                "%1", number(others))
            parts.append(f"<p>{e(more)}</p>")
        parts.append("<h4>" + e(self.tr("Library versions")) + "</h4>")
        parts.append(table(list(facts["versions"].items())))
        return "".join(parts)

    # --- report bundles ---------------------------------------------------------------------

    def plot_images(self, run_id: int, *, render: bool = True) -> dict[str, bytes]:
        """PNG images of ``run_id``'s plots from the panels showing them (any panel with a
        ``plot_images(run_id)`` method). With ``render=False``, only which panels would:
        panel title -> b""."""
        images: dict[str, bytes] = {}
        window = self.window()
        panels = window.findChildren(Panel) if window is not self else []
        for panel in panels:
            provider = getattr(panel, "plot_images", None)
            if panel is self or provider is None:
                continue
            if not render:
                if provider(run_id, render=False):
                    images[panel.title()] = b""
                continue
            images.update(provider(run_id))
        return images

    def build_report(self, folder: str | Path | None = None) -> bool:
        """Write the selected run's report into ``report-run-N`` inside ``folder`` (asked for
        when None); refuses what the output writer refuses (the store's folder, a file) and
        asks before replacing an existing one. False if nothing was started."""
        run_id = self.selected_run()
        if run_id is None or self.report_job_id is not None:
            return False
        if folder is None:
            chosen = file_dialogs.existing_directory(
                self, self.tr("Choose the folder to write the report in"), str(default_folder()))
            if not chosen:
                return False
            folder = chosen
        target = Path(folder).expanduser().absolute() / f"report-run-{run_id}"
        make_zip = self.zip_box.isChecked()
        zip_path = target.parent / f"{target.name}.zip"
        try:
            check_folder_target(target, store=self.store, force=True)
            if make_zip:
                check_file_target(zip_path, store=self.store, force=True)
        except UserFacingError as error:
            self.report_status.setText(html.escape(translated(user_message(error))))
            return False
        force = False
        if target.exists() or (make_zip and zip_path.exists()):
            if not ask_replace(self, self.tr("Replace the report?"), target):
                self.report_status.setText(self.tr("Not built: the existing report was kept."))
                return False
            force = True
        images = self.plot_images(run_id)
        # The summary files say why there are no images, in English like all file contents.
        note = {} if images else {"image_note": PLOT_NOT_SHOWN_NOTE}
        self.report_job_id = self.runner.submit(
            JobSpec.of(self.tr("Building the report of run #%1").replace("%1", str(run_id)),
                       report_job, db_path=str(self.store.path), run_id=run_id,
                       out_dir=str(target), images=images, make_zip=make_zip, force=force,
                       **note),
            key="reports.build",
            on_done=self._report_done,
            on_error=self._report_failed,
            on_cancel=self._report_cancelled,
        )
        self.build_button.setEnabled(False)
        self.show_report_button.hide()
        note = self.tr("with %n image(s)", "", len(images)) if images else \
            self.tr("without images (no panel shows this run's plots)")
        self.report_status.setText(self.tr("Building the report of run #%1 in %2, %3…")
                                   .replace("%1", str(run_id))
                                   .replace("%2", html.escape(str(target)))
                                   .replace("%3", note))
        return True

    def _report_finished(self) -> None:
        self.report_job_id = None
        self.build_button.setEnabled(self.selected_run() is not None)

    def _report_done(self, summary: dict) -> None:
        self._report_finished()
        self.last_report = summary
        csvs = [f for f in summary["files"] if f["name"].endswith(".csv")]
        images = summary["images"] if isinstance(summary["images"], list) else []
        text = self.tr("<b>Report of run #%1 written</b> to %2: %3 CSV files, %4, summary in "
                       "Markdown, HTML and JSON.").replace("%1", str(summary["run_id"])) \
            .replace("%2", html.escape(summary["out"])).replace("%3", str(len(csvs))) \
            .replace("%4", self.tr("images: %1").replace("%1", html.escape(", ".join(images)))
                     if images else self.tr("no images"))
        if summary.get("zip"):
            text += " " + self.tr("Zipped as %1.").replace("%1", html.escape(summary["zip"]))
        self.report_status.setText(text)
        self.show_report_button.show()
        log.info("Report written to %s", summary["out"])
        self.refresh_logs()
        self.report_built.emit(summary)

    def _report_failed(self, message: str, details: str) -> None:
        self._report_finished()
        self.report_status.setText(self.tr("The report was not built."))
        error_box(self, self.tr("The report failed"), message, details)
        self.report_failed.emit(message)

    def _report_cancelled(self) -> None:
        self._report_finished()
        self.report_status.setText(self.tr("Report cancelled; nothing was written."))

    def show_report_folder(self) -> None:
        if self.last_report is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(self.last_report["out"]))

    # --- table exports ----------------------------------------------------------------------

    def _add_table_row(self, parent: QWidget, row: int, table: ExportableTable) -> None:
        choice = next((c for c in ("dataset", "run", "import") if c in table.accepts), None)
        if table.accepts and choice is None:
            return  # only exportable from the panel that holds its frame
        title = QLabel(f"<b>{html.escape(translated(table.title))}</b>", parent)
        description = QLabel(translated(table.description), parent)
        description.setWordWrap(True)
        description.setStyleSheet("color: palette(dark);")
        box = None
        if choice is not None:
            box = QComboBox(parent)
            box.setMinimumContentsLength(22)
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setToolTip({"dataset": self.tr("Which dataset"), "run": self.tr("Which run"),
                            "import": self.tr("Which import")}[choice])
        button = QPushButton(self.tr("Export…"), parent)
        button.setObjectName(f"export_{table.name}")
        button.clicked.connect(lambda _=False, name=table.name: self.export_table(name))
        self.tables_grid.addWidget(title, row, 0)
        self.tables_grid.addWidget(description, row, 1)
        if box is not None:
            self.tables_grid.addWidget(box, row, 2)
        self.tables_grid.addWidget(button, row, 3)
        self.table_rows[table.name] = TableExportRow(table, choice, box, button)

    def export_table(self, name: str) -> ExportDialog | None:
        """Open the export dialog for table ``name`` with the choice made on its row."""
        entry = self.table_rows[name]
        selector: dict[str, Any] = {}
        what = ""
        if entry.box is not None:
            value = entry.box.currentData()
            if value is None:
                return None
            key = {"dataset": "dataset", "run": "run_id", "import": "import_id"}[entry.choice]
            selector[key] = value
            what = entry.box.currentText()
        dialog = ExportDialog(self.store, self.runner, name, self, what=what, **selector)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exported.connect(lambda _summary: self.refresh_logs())
        dialog.show()
        self.export_dialog = dialog
        return dialog
