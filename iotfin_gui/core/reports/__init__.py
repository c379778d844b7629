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
are personal), ``privacy`` (masking, hashing, the plan), ``registry`` (the list of tables, light:
``iotfin export --list`` loads no pandas), ``tables`` (the built-in tables' rows; a forecast run's
cash plan comes from :mod:`iotfin_gui.core.cashplan`), ``export``, ``summary`` and ``bundle``.
Files reach the disk through :mod:`iotfin_gui.core.outputs`. Each name below is imported from its
module when first used (:mod:`iotfin_gui.core.lazy_exports`).
"""

from iotfin_gui.core.lazy_exports import attach

__getattr__, __dir__, __all__ = attach(__name__, {
    "bundle": ["RUN_TABLES", "ReportResult", "build_report", "register_run_tables", "report_job"],
    "csv_writer": ["DELIMITERS", "ENCODINGS", "CsvFormat"],
    "export": ["ExportOptions", "ExportResult", "export_frame", "export_job", "export_table",
               "personal_columns"],
    "personal": ["Finding", "detect_personal", "find_personal"],
    "privacy": ["hash_salt"],
    "registry": ["ExportableTable", "Selection", "exportable_tables", "get_table",
                 "register_table"],
    "tables": ["TableData"],
})
