"""Exports and report bundles (no Qt): every table leaves the store through this package.

For a Reports panel:

* :func:`exportable_tables` lists what can be exported (name, title, description, what it needs:
  a dataset, a run, an import or a DataFrame the caller holds); :func:`register_table` adds one.
* :func:`export_table` writes one CSV (Excel-friendly, injection-safe, personal data masked,
  atomic, recorded in ``exports`` and the audit log); :func:`export_job` runs it in the job pool.
* :func:`build_report` writes a run's bundle (CSVs, the caller's PNG plots, summary in Markdown,
  HTML and JSON); :func:`report_job` runs it in the job pool.
* :func:`detect_personal` tells the UI which columns will be masked by default.

Modules: ``csv_writer`` (format, atomic file), ``safety`` (formula injection), ``privacy``
(masking, hashing, card numbers), ``tables`` (registry), ``plan`` (plan from a forecast run),
``export``, ``summary`` and ``bundle``.
"""

from iotfin_gui.core.reports.bundle import (
    RUN_TABLES,
    ReportResult,
    build_report,
    register_run_tables,
    report_job,
)
from iotfin_gui.core.reports.csv_writer import DELIMITERS, ENCODINGS, CsvFormat
from iotfin_gui.core.reports.export import ExportOptions, ExportResult, export_job, export_table
from iotfin_gui.core.reports.privacy import detect_personal, hash_salt
from iotfin_gui.core.reports.tables import (
    ExportableTable,
    Selection,
    TableData,
    exportable_tables,
    get_table,
    register_table,
)

__all__ = [
    "DELIMITERS", "ENCODINGS", "RUN_TABLES", "CsvFormat", "ExportOptions", "ExportResult",
    "ExportableTable", "ReportResult", "Selection", "TableData", "build_report",
    "detect_personal", "export_job", "export_table", "exportable_tables", "get_table",
    "hash_salt", "register_run_tables", "register_table", "report_job",
]
