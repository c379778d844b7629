"""Exports and report bundles (no Qt): every table leaves the store through this package.

For a Reports panel:

* :func:`exportable_tables` lists what can be exported (name, title, description, what it needs:
  a dataset, a run, an import or a DataFrame the caller holds); :func:`register_table` adds one.
* :func:`export_table` writes one CSV (Excel-friendly, injection-safe, personal data masked,
  atomic, recorded in ``exports`` and the audit log); :func:`export_job` runs it in the job pool;
  :func:`export_frame` writes a DataFrame the caller computed the same way.
* :func:`build_report` writes a run's bundle (CSVs, the caller's PNG plots, summary in Markdown,
  HTML and JSON); :func:`report_job` runs it in the job pool.
* :func:`personal_columns` (a table's) and :func:`find_personal` (columns and sample values)
  tell the UI which columns will be masked by default, and why.

Modules: ``csv_writer`` (format), ``safety`` (formula injection), ``personal`` (which columns
are personal), ``privacy`` (masking, hashing, the plan), ``tables`` (registry; a forecast run's
cash plan comes from :mod:`iotfin_gui.core.cashplan`), ``export``, ``summary`` and ``bundle``.
Files reach the disk through :mod:`iotfin_gui.core.outputs`.
"""

from iotfin_gui.core.reports.bundle import (
    RUN_TABLES,
    ReportResult,
    build_report,
    register_run_tables,
    report_job,
)
from iotfin_gui.core.reports.csv_writer import DELIMITERS, ENCODINGS, CsvFormat
from iotfin_gui.core.reports.export import (
    ExportOptions,
    ExportResult,
    export_frame,
    export_job,
    export_table,
    personal_columns,
)
from iotfin_gui.core.reports.personal import Finding, detect_personal, find_personal
from iotfin_gui.core.reports.privacy import hash_salt
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
    "ExportableTable", "Finding", "ReportResult", "Selection", "TableData", "build_report",
    "detect_personal", "export_frame", "export_job", "export_table", "exportable_tables",
    "find_personal", "get_table", "hash_salt", "personal_columns", "register_run_tables",
    "register_table", "report_job",
]
