"""A cash operation's route settings: visit days, CIT holidays, lead time, cassettes, costs.

A :class:`RouteSettings` holds one route's rules (the ATMs it serves, or every ATM not on
another route); :func:`read_routes_csv` reads them from a CSV with one row per route and names
the row and column of anything it cannot read; :func:`route_problems` and
:func:`table_problems` are the one place for the rules (the CSV reader, :func:`check_routes`
and the window's route editor all use them); :func:`write_routes_csv` writes a table the reader
reads back to equal settings; :func:`save_routes` / :func:`load_routes` keep them in the store
(setting :data:`ROUTES_SETTING`). Plain Python, no pandas: listing or importing the routes
(``routes show``) starts in a fraction of a second. :mod:`.inputs` turns the settings into the
per-ATM arrays the optimiser reads.

CSV columns (only ``route`` is required; an empty cell takes the default):
``route, atms`` (ATM ids separated by ``;``, empty or ``*`` = every other ATM),
``visit_days`` (``Mon-Fri``, ``Mon,Wed,Fri``; English three-letter names or 1-7),
``cit_holidays`` (dates separated by ``;`` on which the cash-in-transit company does not come),
``lead_days`` (days between ordering and the visit), ``capacity`` (cassette capacity; empty =
the device registry's), ``denomination``, ``notes_per_bundle``, ``visit_cost``, ``surcharge``
(extra on Saturdays, Sundays and public holidays, not on make-up working days), ``idle_rate``
(annual cost of idle cash, ``5%`` or ``0.05``), ``stockout_penalty`` (per stock-out: a cycle
between visits in which the ATM runs dry) and ``max_interval`` (longest days between visits).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import numbers
import os
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.formula_text import is_formula_like
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message
from iotfin_gui.core.outputs import write_file
from iotfin_gui.core.store_files import check_input_path

ROUTES_SETTING = "cashplan.routes"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CSV_COLUMNS = ("route", "atms", "visit_days", "cit_holidays", "lead_days", "capacity",
               "denomination", "notes_per_bundle", "visit_cost", "surcharge", "idle_rate",
               "stockout_penalty", "max_interval")
MAX_CSV_BYTES = 5_000_000
#: The whole-number settings' allowed ranges (the window's spin boxes take them too).
WHOLE_RANGES = {"lead_days": (0, 14), "notes_per_bundle": (1, 100_000), "max_interval": (1, 60)}


@dataclass(frozen=True)
class RouteSettings:
    """One route's operating rules (amounts in the data's currency unit)."""

    route: str = "default"
    atms: tuple[str, ...] = ()
    visit_days: tuple[int, ...] = (0, 1, 2, 3, 4)
    cit_holidays: tuple[str, ...] = ()
    lead_days: int = 1
    capacity: float | None = None
    denomination: float = 100.0
    notes_per_bundle: int = 100
    visit_cost: float = 150.0
    surcharge: float = 100.0
    idle_rate: float = 0.05
    stockout_penalty: float = 1000.0
    max_interval: int = 21
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def bundle(self) -> float:
        return float(self.denomination) * int(self.notes_per_bundle)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("extra")
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RouteSettings:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__ and k != "extra"}
        for key in ("atms", "visit_days", "cit_holidays"):
            if key in known:
                known[key] = tuple(known[key])
        return _checked(cls(**known), None)




def route_problems(route: RouteSettings) -> list[tuple[str, Message]]:
    """Every value of ``route`` out of range, as (column, message naming the rule); the one
    place for the rules of a single route (the CSV reader and the window's editor use it)."""
    problems: list[tuple[str, Message]] = []

    def bad(column: str, rule: str, value: Any) -> None:
        problems.append((column, QT_TRANSLATE_NOOP(
            "Core", "{value!r} is not allowed: {rule}").format(value=value, rule=rule)))

    if not str(route.route).strip():
        bad("route", QT_TRANSLATE_NOOP("Core", "a route needs a name"), route.route)
    elif str(route.route) != str(route.route).strip():
        bad("route", QT_TRANSLATE_NOOP("Core", "no spaces around a route's name"), route.route)
    if not route.visit_days or any(d not in range(7) for d in route.visit_days):
        bad("visit_days", QT_TRANSLATE_NOOP("Core", "at least one weekday"), route.visit_days)
    if not _in_range(route.lead_days, "lead_days"):
        bad("lead_days", QT_TRANSLATE_NOOP("Core", "0 to 14 days"), route.lead_days)
    if route.capacity is not None and not (math.isfinite(route.capacity) and route.capacity > 0):
        bad("capacity", QT_TRANSLATE_NOOP("Core", "a positive amount"), route.capacity)
    for column in ("denomination", "visit_cost", "surcharge", "stockout_penalty"):
        value = getattr(route, column)
        positive = column == "denomination"
        if not math.isfinite(value) or value < 0 or (positive and value == 0):
            bad(column, QT_TRANSLATE_NOOP("Core", "a positive amount") if positive else
                QT_TRANSLATE_NOOP("Core", "an amount of 0 or more"), value)
    if not _in_range(route.notes_per_bundle, "notes_per_bundle"):
        bad("notes_per_bundle", QT_TRANSLATE_NOOP("Core", "1 to 100000 notes"),
            route.notes_per_bundle)
    elif route.capacity is not None and route.denomination > 0 and \
            route.bundle > route.capacity:
        problems.append(("capacity", QT_TRANSLATE_NOOP(
            "Core", "the cassettes hold {capacity}, less than one bundle of {bundle} ({notes} "
            "notes of {denomination}), so no fill would fit; lower the notes per bundle or "
            "raise the capacity").format(
                capacity=amount_text(route.capacity), bundle=amount_text(route.bundle),
                notes=amount_text(route.notes_per_bundle),
                denomination=amount_text(route.denomination))))
    if not (math.isfinite(route.idle_rate) and 0 <= route.idle_rate <= 1):
        bad("idle_rate", QT_TRANSLATE_NOOP("Core", "an annual rate from 0% to 100%"),
            route.idle_rate)
    if not _in_range(route.max_interval, "max_interval"):
        bad("max_interval", QT_TRANSLATE_NOOP("Core", "1 to 60 days"), route.max_interval)
    unreadable = next((d for d in route.cit_holidays if _iso_date(d) is None), None)
    if unreadable is not None:
        problems.append(("cit_holidays", _date_message(unreadable)))
    return problems


def _in_range(value: Any, column: str) -> bool:
    low, high = WHOLE_RANGES[column]
    return isinstance(value, numbers.Integral) and low <= value <= high


def amount_text(value: float) -> str:
    """An amount as a message names it: grouped, without trailing zeros (10,000; 0.25)."""
    return f"{float(value):,.2f}".rstrip("0").rstrip(".")


def _checked(route: RouteSettings, row: int | None) -> RouteSettings:
    """``route`` if every value is in range, else :class:`InputError` naming the column."""
    problems = route_problems(route)
    if problems:
        column, message = problems[0]
        raise InputError(message, row=row, column=column)
    return route


def _iso_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text).strip())
    except ValueError:
        return None


def _date_message(text: str) -> Message:
    return QT_TRANSLATE_NOOP("Core", "cannot read {value!r} as a date (write 2026-12-25)").format(
        value=text)


def _date(text: str, row: int | None, column: str) -> dt.date:
    day = _iso_date(text)
    if day is None:
        raise InputError(_date_message(text), row=row, column=column)
    return day


def parse_visit_days(text: str, row: int | None = None) -> tuple[int, ...]:
    """``Mon-Fri``, ``Mon,Wed,Fri`` or ``1-5`` (Monday = 1) as weekday numbers (Monday = 0)."""
    days: set[int] = set()
    for part in str(text).replace(" ", "").lower().split(","):
        if not part:
            continue
        first, _, last = part.partition("-")
        start, stop = _weekday(first, row), _weekday(last or first, row)
        span = range(start, stop + 1) if start <= stop else [*range(start, 7), *range(stop + 1)]
        days.update(span)
    if not days:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "no visit days in {value!r} (write e.g. Mon-Fri)").format(value=text),
            row=row, column="visit_days")
    return tuple(sorted(days))


def _weekday(name: str, row: int | None) -> int:
    if name.isdigit() and 1 <= int(name) <= 7:
        return int(name) - 1
    if name[:3] in WEEKDAYS:
        return WEEKDAYS.index(name[:3])
    raise InputError(QT_TRANSLATE_NOOP(
        "Core", "{value!r} is not a weekday (Mon ... Sun or 1 ... 7)").format(value=name),
        row=row, column="visit_days")


def _number(text: str, row: int, column: str, *, percent: bool = False) -> float:
    cleaned = text.strip().replace(",", "").replace("_", "")
    scale = 1.0
    if percent and cleaned.endswith("%"):
        cleaned, scale = cleaned[:-1], 0.01
    try:
        value = float(cleaned) * scale
    except ValueError:
        value = float("nan")
    if not math.isfinite(value):
        raise InputError(QT_TRANSLATE_NOOP("Core", "cannot read {value!r} as a number").format(
            value=text), row=row, column=column)
    return value


def _whole(text: str, row: int, column: str) -> int:
    value = _number(text, row, column)
    if value != int(value):
        raise InputError(QT_TRANSLATE_NOOP("Core", "{value!r} is not a whole number").format(
            value=text), row=row, column=column)
    return int(value)


def _decode(data: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(QT_TRANSLATE_NOOP("Core", "the file is neither UTF-8 nor GB18030 text"),
                     file=name)


def read_routes_csv(path: str | os.PathLike) -> list[RouteSettings]:
    """Route settings from a CSV (see the module docstring); rows are numbered from 1 after
    the header. Raises :class:`InputError` naming the file, row and column of the first
    problem; nothing is returned half-read."""
    name = os.fspath(path)
    check_input_path(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_CSV_BYTES + 1)
    except OSError as error:
        raise InputError(QT_TRANSLATE_NOOP("Core", "cannot read the file: {reason}").format(
            reason=error.strerror or str(error)), file=name) from error
    if len(data) > MAX_CSV_BYTES:
        raise InputError(QT_TRANSLATE_NOOP("Core", "the file is over 5 MB; a route table is "
                                           "a few rows"), file=name)
    try:
        return routes_from_text(_decode(data, name))
    except InputError as error:
        if error.file is not None:
            raise
        named = InputError(error.args[0], file=name)
        named.row, named.column = error.row, error.column
        raise named from error


def routes_from_text(text: str) -> list[RouteSettings]:
    """Route settings from CSV text (see :func:`read_routes_csv`). Rows are numbered as a
    spreadsheet shows them below the header; a row with no value (``,,,`` as spreadsheets
    save an emptied row) is skipped, and so is a column with neither name nor value."""
    records = _records(text)
    if not records:
        raise InputError(QT_TRANSLATE_NOOP("Core", "not a readable CSV table: {reason}").format(
            reason=QT_TRANSLATE_NOOP("Core", "the text is empty")))
    names = [cell.strip().lower() for cell in records[0]]
    body = [(index, record) for index, record in enumerate(records[1:], start=1)
            if any(cell.strip() for cell in record)]
    for index, record in body:
        if len(record) > len(names) and any(cell.strip() for cell in record[len(names):]):
            raise InputError(QT_TRANSLATE_NOOP(
                "Core", "the row has {count} cells, more than the header's {columns}").format(
                    count=len(record), columns=len(names)), row=index)
    used = [column for column, name in enumerate(names)
            if name or any(column < len(record) and record[column].strip()
                           for _, record in body)]
    names = [names[column] for column in used]
    if "route" not in names:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "the table has no 'route' column (columns: {columns})").format(
                columns=", ".join(names)), column="route")
    unknown = [name for name in names if name not in CSV_COLUMNS]
    if unknown:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "unknown column(s) {columns}; the columns are {known}").format(
                columns=", ".join(unknown), known=", ".join(CSV_COLUMNS)), column=unknown[0])
    twice = next((name for name in names if names.count(name) > 1), None)
    if twice is not None:
        raise InputError(QT_TRANSLATE_NOOP("Core", "column {column!r} appears twice").format(
            column=twice), column=twice)
    if not body:
        raise InputError(QT_TRANSLATE_NOOP("Core", "the table has no routes"), column="route")
    routes = [_route_row({name: record[column] if column < len(record) else ""
                          for name, column in zip(names, used, strict=True)}, index)
              for index, record in body]
    problems = table_problems(routes)
    if problems:
        position, column, message = problems[0]
        raise InputError(message, row=body[position - 1][0], column=column)
    return routes


def _records(text: str) -> list[list[str]]:
    """Every record of CSV ``text``, empty lines included (so that rows keep their numbers)."""
    try:
        return list(csv.reader(io.StringIO(text, newline=""), skipinitialspace=True))
    except csv.Error as error:
        raise InputError(QT_TRANSLATE_NOOP("Core", "not a readable CSV table: {reason}").format(
            reason=str(error).strip())) from error


def _route_row(row: Mapping[str, str], index: int) -> RouteSettings:
    values: dict[str, Any] = {"route": _uncsv_text(row["route"].strip()).strip()}
    cell = {k: _uncsv_text(str(v).strip()) for k, v in row.items()}
    if cell.get("atms") and cell["atms"] != "*":
        values["atms"] = tuple(a.strip() for a in cell["atms"].split(";") if a.strip())
    if cell.get("visit_days"):
        values["visit_days"] = parse_visit_days(cell["visit_days"], index)
    if cell.get("cit_holidays"):
        values["cit_holidays"] = tuple(
            _date(d, index, "cit_holidays").isoformat()
            for d in cell["cit_holidays"].split(";") if d.strip())
    for column in ("lead_days", "notes_per_bundle", "max_interval"):
        if cell.get(column):
            values[column] = _whole(cell[column], index, column)
    for column in ("capacity", "denomination", "visit_cost", "surcharge", "stockout_penalty"):
        if cell.get(column):
            values[column] = _number(cell[column], index, column)
    if cell.get("idle_rate"):
        values["idle_rate"] = _number(cell["idle_rate"], index, "idle_rate", percent=True)
    return _checked(RouteSettings(**values), index)


def table_problems(routes: Sequence[RouteSettings]) -> list[tuple[int, str, Message]]:
    """Every problem of a route table as (row from 1, column, message): each route's values
    (:func:`route_problems`), a route name that repeats, a second route taking "every other
    ATM", an ATM on two routes."""
    problems = [(index, column, message) for index, route in enumerate(routes, start=1)
                for column, message in route_problems(route)]
    names: set[str] = set()
    seen: dict[str, int] = {}
    catch_all = None
    for index, route in enumerate(routes, start=1):
        if route.route in names:
            problems.append((index, "route", QT_TRANSLATE_NOOP(
                "Core", "route {route!r} appears twice").format(route=route.route)))
        names.add(route.route)
        if not route.atms:
            if catch_all is not None:
                problems.append((index, "atms", QT_TRANSLATE_NOOP(
                    "Core", "routes {first!r} and {second!r} both take every other ATM; list "
                    "the ATMs of one").format(first=catch_all, second=route.route)))
            catch_all = route.route
        for atm in route.atms:
            if atm in seen:
                problems.append((index, "atms", QT_TRANSLATE_NOOP(
                    "Core", "ATM {atm!r} is on route {first!r} (row {row}) and on this one")
                    .format(atm=atm, first=routes[seen[atm] - 1].route, row=seen[atm])))
                break
            seen[atm] = index
    return sorted(problems, key=lambda problem: problem[0])


def check_routes(routes: Sequence[RouteSettings]) -> list[RouteSettings]:
    """The routes if :func:`table_problems` finds none; else :class:`InputError` naming the
    row and column of the first."""
    problems = table_problems(routes)
    if problems:
        row, column, message = problems[0]
        raise InputError(message, row=row, column=column)
    return list(routes)


def routes_csv_text(routes: Sequence[RouteSettings]) -> str:
    """``routes`` as the CSV :func:`routes_from_text` reads back to equal settings: every
    column, numbers exactly (``repr``), the idle rate as a fraction, text cells a spreadsheet
    would run as a formula behind a ``'`` (the reader drops it). Raises :class:`InputError`
    naming the row for an ATM id the ``;``-separated list cannot hold."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for index, route in enumerate(check_routes(routes), start=1):
        for atm in route.atms:
            if ";" in atm or atm != atm.strip() or atm in ("", "*"):
                raise InputError(QT_TRANSLATE_NOOP(
                    "Core", "ATM id {atm!r} cannot be written in a route file (it has a ';', "
                    "surrounding spaces or is '*')").format(atm=atm), row=index, column="atms")
        writer.writerow([_csv_text(cell) for cell in (
            route.route, ";".join(route.atms),
            ",".join(WEEKDAYS[d].title() for d in route.visit_days),
            ";".join(route.cit_holidays), str(int(route.lead_days)),
            "" if route.capacity is None else repr(float(route.capacity)),
            repr(float(route.denomination)), str(int(route.notes_per_bundle)),
            repr(float(route.visit_cost)), repr(float(route.surcharge)),
            repr(float(route.idle_rate)), repr(float(route.stockout_penalty)),
            str(int(route.max_interval)))])
    return buffer.getvalue()


def _csv_text(text: str) -> str:
    return f"'{text}" if text.startswith("'") or is_formula_like(text) else text


def _uncsv_text(text: str) -> str:
    return text[1:] if text.startswith("'") else text


def write_routes_csv(routes: Sequence[RouteSettings], path: str | os.PathLike, *,
                     store: Any = None, force: bool = False) -> Path:
    """Write ``routes`` as a route CSV (UTF-8 with BOM, for spreadsheets) through the app's
    output writer: atomic, an existing file only with ``force``, the store's files never."""
    data = routes_csv_text(routes).encode("utf-8-sig")
    return write_file(path, data, store=store, force=force)


def save_routes(store: Any, routes: Sequence[RouteSettings]) -> None:
    """Keep ``routes`` as the store's plan settings (checked first; replaced and recorded in
    the audit log in one transaction)."""
    checked = check_routes(list(routes))
    with store.atomic():
        store.set_setting(ROUTES_SETTING, [r.to_dict() for r in checked])
        store.audit("cashplan.routes.save", routes=[r.route for r in checked])


def load_routes(store: Any) -> list[RouteSettings]:
    """The store's plan settings, or one default route for every ATM."""
    stored = store.setting(ROUTES_SETTING)
    if not stored:
        return [RouteSettings()]
    return check_routes([RouteSettings.from_dict(item) for item in stored])


def route_of(routes: Sequence[RouteSettings], atm: str) -> RouteSettings | None:
    """The route serving ``atm``: the one listing it, else the catch-all (None if neither)."""
    for route in routes:
        if atm in route.atms:
            return route
    return next((r for r in routes if not r.atms), None)


def longest_interval(routes: Sequence[RouteSettings]) -> int:
    """The longest allowed days between visits over ``routes``."""
    return max(r.max_interval for r in routes)
