"""``import FILE``: import a CSV/TSV, Excel, Parquet, JSON, JSON lines or ThingsBoard file.

Everything is detected (format, encoding, delimiter, header, each number column's decimal mark,
types, kind and column roles) and can be overridden; ``--unpivot`` reads a wide table (a column
per ATM or per date) as one row per device and date; ``--profile`` reuses saved settings,
``--save-profile`` keeps this import's. An ambiguous date column (day-first or month-first), a
number column that reads both ways (``1,234``: say ``--decimal``, or ``--column-decimal`` for one
column), a file imported before, or a file with nothing importable stops with exit code 2 and
the store unchanged.
"""

from __future__ import annotations

import argparse
from typing import Any

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.ingest import (
    DUPLICATE_POLICIES,
    ROLES,
    TYPES,
    import_file,
    load_profile,
    preview,
    profile_options,
    save_profile,
)
from iotfin_gui.core.ingest.detect import FORMATS
from iotfin_gui.core.ingest.unpivot import AUTO, SHAPES
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.overview import prepare_daily_series
from iotfin_gui.core.store import DATASET_KINDS, Store


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "import", parents=[common],
        help=QT_TRANSLATE_NOOP("Core", "import a data file as a new dataset"),
        description=QT_TRANSLATE_NOOP(
            "Core", "Everything is detected (format, encoding, delimiter, header, decimal "
            "separator, types, kind and column roles) and can be overridden; --profile reuses "
            "saved settings, --save-profile keeps this import's. An ambiguous date column "
            "(day-first or month-first), a file imported before, or a file with nothing "
            "importable stops with exit code 2 and the store unchanged."),
    )
    parser.add_argument("file", help=QT_TRANSLATE_NOOP(
        "Core", "the file to import (.csv, .tsv, .txt, .xlsx, .xls, .xlsb, .ods, .parquet, .json, "
        ".jsonl; an .xls that is an HTML table, tab-separated text or Excel 2003 XML; a "
        "fixed-width .txt/.prn/.dat report; .gz compressed too; the format is read from the "
        "bytes, not the name)"))
    parser.add_argument("--name", help=QT_TRANSLATE_NOOP(
        "Core", "dataset name (default: the file name)"))
    parser.add_argument("--kind", choices=DATASET_KINDS, help=QT_TRANSLATE_NOOP(
        "Core", "dataset kind (default: guessed)"))
    parser.add_argument("--format", choices=FORMATS, help=QT_TRANSLATE_NOOP(
        "Core", "file format (default: detected from the file's bytes)"))
    parser.add_argument("--encoding", help=QT_TRANSLATE_NOOP(
        "Core", "text encoding (default: detected), e.g. utf-8, gb18030, big5, shift_jis, "
        "euc_kr, utf-16, latin-1"))
    parser.add_argument("--delimiter", help=QT_TRANSLATE_NOOP(
        "Core", "field separator (use \\t for tab)"))
    parser.add_argument("--decimal", choices=(".", ","), help=QT_TRANSLATE_NOOP(
        "Core", "decimal mark of every number column (default: detected per column)"))
    parser.add_argument("--thousands", choices=(",", ".", "'", "space", "none"),
                        help=QT_TRANSLATE_NOOP(
        "Core", "thousands separator of every number column (default: any but the decimal "
        "mark)"))
    parser.add_argument("--column-decimal", action="append", default=[], metavar="COLUMN=MARK",
                        help=QT_TRANSLATE_NOOP(
        "Core", "decimal mark (. or ,) of one number column, e.g. a column of 1,234 that reads "
        "both ways"))
    header = parser.add_mutually_exclusive_group()
    header.add_argument("--header", dest="header", action="store_true", default=None,
                        help=QT_TRANSLATE_NOOP("Core", "the first row holds the column names"))
    header.add_argument("--no-header", dest="header", action="store_false",
                        help=QT_TRANSLATE_NOOP("Core", "the first row is data"))
    parser.add_argument("--sheet", help=QT_TRANSLATE_NOOP(
        "Core", "workbook sheet, by name or number from 1 (default: the first visible one)"))
    parser.add_argument("--header-row", type=int, metavar="N", help=QT_TRANSLATE_NOOP(
        "Core", "workbook row or text file line (from 1) that holds the column names (default: "
        "found past title, note and blank rows)"))
    parser.add_argument("--unpivot", nargs="?", const=AUTO, choices=(AUTO, *SHAPES),
                        help=QT_TRANSLATE_NOOP(
        "Core", "read a wide table as one row per device and date (device_id, date, value): "
        "a date column and one column per ATM (devices_across), or one row per ATM and one "
        "column per date (dates_across); alone: the shape the file shows"))
    parser.add_argument("--device", help=QT_TRANSLATE_NOOP(
        "Core", "device id for a ThingsBoard export"))
    parser.add_argument("--topic-device-segment", type=int, metavar="N", help=QT_TRANSLATE_NOOP(
        "Core", "JSON lines: take the device id from segment N of the topic (0 = first, -1 = "
        "last)"))
    parser.add_argument("--date-format", metavar="F", help=QT_TRANSLATE_NOOP(
        "Core", "dayfirst, monthfirst, iso, epoch_s, epoch_ms, minguo (Taiwan's ROC years: "
        "99/12/31 is 2010-12-31) or a pattern such as %%d.%%m.%%Y %%H:%%M; also for a column "
        "given --type COLUMN=datetime"))
    parser.add_argument("--tz", default=None, help=QT_TRANSLATE_NOOP(
        "Core", "time zone of times without an offset (default UTC), e.g. Asia/Shanghai"))
    parser.add_argument("--duplicates", choices=DUPLICATE_POLICIES, default=None,
                        help=QT_TRANSLATE_NOOP(
                            "Core", "rows with the same device and time (default keep_first)"))
    parser.add_argument("--role", action="append", default=[], metavar="COLUMN=ROLE",
                        help=QT_TRANSLATE_NOOP("Core", "set a column's role ({roles}, or none)")
                        .format(roles=", ".join(ROLES)))
    parser.add_argument("--type", action="append", default=[], metavar="COLUMN=TYPE",
                        help=QT_TRANSLATE_NOOP("Core", "set a column's type ({types})").format(
                            types=", ".join(TYPES)))
    parser.add_argument("--exclude", action="append", default=[], metavar="COLUMN",
                        help=QT_TRANSLATE_NOOP("Core", "leave a column out"))
    parser.add_argument("--profile", help=QT_TRANSLATE_NOOP("Core", "use a saved import profile"))
    parser.add_argument("--save-profile", metavar="NAME", help=QT_TRANSLATE_NOOP(
        "Core", "save this import's settings as a profile"))
    parser.add_argument("--allow-duplicate-file", action="store_true", help=QT_TRANSLATE_NOOP(
        "Core", "import even if this exact file was imported before"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, store: Store, ctx: JobContext) -> dict[str, Any]:
    options: dict[str, Any] = {"tz": "UTC", "duplicates": "keep_first"}
    if args.profile:
        options.update(profile_options(load_profile(store, args.profile)))
    source = {
        "format": args.format, "encoding": args.encoding,
        "delimiter": args.delimiter.replace("\\t", "\t") if args.delimiter else None,
        "decimal": args.decimal, "thousands": args.thousands, "header": args.header,
        "sheet": args.sheet,
        "header_row": args.header_row, "unpivot": args.unpivot,
        "device": args.device, "topic_device_segment": args.topic_device_segment,
    }
    options.update({k: v for k, v in source.items() if v is not None})
    for key in ("tz", "duplicates"):
        if getattr(args, key) is not None:
            options[key] = getattr(args, key)
    roles = _pairs(args.role, "--role")
    types = _pairs(args.type, "--type")
    decimals = _pairs(args.column_decimal, "--column-decimal")
    if roles or types or decimals or args.exclude or args.kind:
        look = preview(args.file, rows=1, kind=args.kind,
                       **{k: v for k, v in options.items() if k != "duplicates"})
        mapping = look.mapping.changed(
            kind=args.kind,
            roles={c: (None if r.lower() == "none" else r) for c, r in roles.items()},
            types=types, exclude=args.exclude, decimals=decimals)
        options["mapping"] = mapping
    result = import_file(store, args.file, name=args.name, date_format=args.date_format,
                         allow_duplicate_file=args.allow_duplicate_file, ctx=ctx, **options)
    prepare_daily_series(store, result.dataset)
    if args.save_profile:
        save_profile(store, args.save_profile, mapping=result.mapping, source=result.source,
                     tz=options["tz"], duplicates=options["duplicates"])
    return result.summary()


def _pairs(items: list[str], option: str) -> dict[str, str]:
    pairs = {}
    for item in items:
        column, sep, value = item.rpartition("=")
        if not sep or not column:
            raise InputError(QT_TRANSLATE_NOOP(
                "Core", "{option} takes COLUMN=VALUE, not {item!r}.").format(
                    option=option, item=item))
        pairs[column] = value
    return pairs
