"""The import core (no Qt): files of many formats become datasets in the store, all or nothing.

Use :func:`sniff` to see how a file would be read, :func:`preview` for its first rows with the
guessed kind and column roles, then :func:`import_file` (or the GUI job :func:`import_job`).
Modules: ``detect`` (format from the bytes, encoding, dialect), ``readers`` (chunked reading
of CSV, Parquet and JSON), ``workbooks`` with ``workbook_guards`` and ``xls_layout``
(spreadsheets, their hidden rows and columns), ``grid`` with ``html_tables`` and ``excel_xml``
(tables given cell by cell in markup, as systems save .xls files), ``fixed_width`` (printed
core-banking reports), ``report_lines`` (a report's two-row header, totals rows, notes and
repeated page lines), ``unpivot`` (wide daily tables made long), ``pipeline`` (reading ahead),
``numbers`` (number formats as people write them), ``timestamps`` (one format per column,
UTC), ``roles`` (types, roles, kind, the mapping), ``validate`` (typed chunks, quarantine
reasons, duplicates), ``importer`` (the transaction).
"""

from iotfin_gui.core.ingest.detect import FORMAT_LABELS, SourceFormat, sniff
from iotfin_gui.core.ingest.importer import (
    AmbiguousDateError,
    AmbiguousNumberError,
    DuplicateFileError,
    ImportResult,
    Preview,
    free_dataset_name,
    import_file,
    import_job,
    list_profiles,
    load_profile,
    preview,
    preview_job,
    previous_imports,
    profile_for,
    profile_options,
    quarantine_count,
    quarantined_rows,
    save_profile,
)
from iotfin_gui.core.ingest.roles import (
    ROLE_LABELS,
    ROLES,
    TYPES,
    UNIQUE_ROLES,
    ColumnMapping,
    Mapping,
)
from iotfin_gui.core.ingest.validate import DUPLICATE_POLICIES

__all__ = [
    "DUPLICATE_POLICIES", "FORMAT_LABELS", "ROLES", "ROLE_LABELS", "TYPES", "UNIQUE_ROLES",
    "AmbiguousDateError",
    "AmbiguousNumberError", "ColumnMapping", "DuplicateFileError", "ImportResult", "Mapping",
    "Preview", "SourceFormat",
    "free_dataset_name", "import_file", "import_job", "list_profiles", "load_profile", "preview",
    "preview_job", "previous_imports", "profile_for", "profile_options", "quarantine_count",
    "quarantined_rows", "save_profile", "sniff",
]
