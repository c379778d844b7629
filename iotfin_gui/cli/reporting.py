"""``export`` (one table as Excel-friendly CSV) and ``report`` (a run's bundle folder).

    iotfin export dataset --dataset demo_withdrawals --out withdrawals.csv --json
    iotfin export --list
    iotfin report --run 3 --out report_3 --zip --json

Personal columns (found by name or content) are masked by default and personal values in the
other columns masked inside them; ``--check`` shows which columns and why without writing;
``--mask``/``--hash`` name more columns, ``--keep`` leaves some as they are, ``--no-mask`` turns
the automatic masking off. An existing file is refused unless ``--force``; the store's files
always (see :mod:`iotfin_gui.core.outputs`). ``report --force`` replaces only the files an
earlier report wrote in the folder.
"""

from __future__ import annotations

import argparse
from typing import Any

from iotfin_gui.core import reports
from iotfin_gui.core.errors import InputError
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.store import Store


def _columns(text: str | None) -> list[str]:
    return [c.strip() for c in (text or "").split(",") if c.strip()]


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    export = subparsers.add_parser("export", parents=[common], help=QT_TRANSLATE_NOOP(
        "Core", "export a table as CSV (Excel-friendly, masked, safe)"))
    export.add_argument("table", nargs="?",
                        help=QT_TRANSLATE_NOOP("Core", "table to export (see --list)"))
    export.add_argument("--list", action="store_true",
                        help=QT_TRANSLATE_NOOP("Core", "list the exportable tables"))
    export.add_argument("--out", metavar="FILE.csv",
                        help=QT_TRANSLATE_NOOP("Core", "file to write"))
    export.add_argument("--dataset",
                        help=QT_TRANSLATE_NOOP("Core", "dataset name (dataset, quarantine)"))
    export.add_argument("--run", dest="run_id", type=int, help=QT_TRANSLATE_NOOP(
        "Core", "run id (forecast, run_metrics, replenishment_plan)"))
    export.add_argument("--import", dest="import_id", type=int,
                        help=QT_TRANSLATE_NOOP("Core", "import id (quarantine)"))
    export.add_argument("--as-of", help=QT_TRANSLATE_NOOP(
        "Core", "fleet status time (default: latest data)"))
    export.add_argument("--check", action="store_true", help=QT_TRANSLATE_NOOP(
        "Core", "only show which columns hold personal data, why, and what the export would do "
        "with each; write nothing"))
    _format_options(export)
    export.set_defaults(run=run_export)

    report = subparsers.add_parser("report", parents=[common], help=QT_TRANSLATE_NOOP(
        "Core", "write a run's report folder: CSVs and a summary"))
    report.add_argument("--run", dest="run_id", type=int, required=True,
                        help=QT_TRANSLATE_NOOP("Core", "run id"))
    report.add_argument("--out", required=True, metavar="DIR",
                        help=QT_TRANSLATE_NOOP("Core", "folder to create"))
    report.add_argument("--zip", action="store_true",
                        help=QT_TRANSLATE_NOOP("Core", "also write DIR.zip"))
    _format_options(report)
    report.set_defaults(run=run_report)


def _format_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--mask", metavar="COL,...",
                        help=QT_TRANSLATE_NOOP("Core", "also mask these columns"))
    parser.add_argument("--hash", metavar="COL,...", help=QT_TRANSLATE_NOOP(
        "Core", "replace these columns by a salted HMAC-SHA256"))
    parser.add_argument("--keep", metavar="COL,...", help=QT_TRANSLATE_NOOP(
        "Core", "leave these columns as they are (not masked, not scanned)"))
    parser.add_argument("--no-mask", action="store_true", help=QT_TRANSLATE_NOOP(
        "Core", "do not mask detected personal columns and card numbers"))
    parser.add_argument("--encoding", default="utf-8-sig", choices=["utf-8-sig", "utf-8"],
                        help=QT_TRANSLATE_NOOP(
                            "Core", "utf-8-sig (with BOM, for Excel; default) or utf-8"))
    parser.add_argument("--delimiter", default=",",
                        help=QT_TRANSLATE_NOOP("Core", "one of , ; | tab (default ,)"))
    parser.add_argument("--force", action="store_true",
                        help=QT_TRANSLATE_NOOP("Core", "overwrite an existing output"))


def _options(args: argparse.Namespace) -> reports.ExportOptions:
    return reports.ExportOptions(encoding=args.encoding, delimiter=args.delimiter,
                                 mask=_columns(args.mask), hash_columns=_columns(args.hash),
                                 keep=_columns(args.keep), auto_mask=not args.no_mask,
                                 force=args.force)


def _handling(column: str, kind: str, options: reports.ExportOptions) -> str:
    """What the export does with a column found personal: mask, hash, keep or scan."""
    if column in options.hash_columns:
        return "hash"
    if column in options.keep or not options.auto_mask:
        return "mask" if column in options.mask else "keep"
    return "scan" if kind == "text" and column not in options.mask else "mask"


def check_privacy(args: argparse.Namespace, store: Store) -> dict[str, Any]:
    """``export --check``: the personal columns of the table, why, and their handling."""
    options = _options(args)
    selection = reports.Selection(args.dataset, args.run_id, args.import_id, None, args.as_of)
    found = reports.personal_columns(store, args.table, selection)
    return {"table": args.table, "personal": [
        {"column": column, **finding.describe(),
         "handling": _handling(column, finding.kind, options)}
        for column, finding in found.items()]}


def run_export(args: argparse.Namespace, store: Store, ctx: JobContext) -> dict[str, Any]:
    if args.list:
        return {"tables": [t.describe() for t in reports.exportable_tables()]}
    if not args.table:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "name the table to export (see: iotfin export --list)"))
    if args.check:
        return check_privacy(args, store)
    if not args.out:
        raise InputError(QT_TRANSLATE_NOOP("Core", "give the file to write with --out FILE.csv"))
    result = reports.export_table(store, args.table, args.out, dataset=args.dataset,
                                  run_id=args.run_id, import_id=args.import_id, as_of=args.as_of,
                                  options=_options(args), ctx=ctx)
    return result.summary()


def run_report(args: argparse.Namespace, store: Store, ctx: JobContext) -> dict[str, Any]:
    result = reports.build_report(store, args.run_id, args.out, make_zip=args.zip,
                                  force=args.force, options=_options(args), ctx=ctx)
    return result.summary()
