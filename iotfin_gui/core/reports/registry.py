"""The list of exportable tables: name, title, description, what each needs, and where the code
that produces it lives, without that code's pandas and Arrow (``iotfin export --list``, the
Reports panel's list).

Each :class:`ExportableTable` turns a :class:`Selection` (which dataset, run or import) into a
:class:`~iotfin_gui.core.reports.tables.TableData`. Its ``producer`` is a function, or the
``"module:function"`` that defines it, imported on the first export: the built-in tables below
name theirs in :mod:`iotfin_gui.core.reports.tables`. New tables (predictions, cluster
assignments) plug in with :func:`register_table`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from iotfin_gui.core.errors import InputError, NotFoundError
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message

if TYPE_CHECKING:
    import pandas as pd

    from iotfin_gui.core.reports.tables import TableData
    from iotfin_gui.core.store import Store

CHUNK_ROWS = 10_000


@dataclass(frozen=True)
class Selection:
    """What to export from a table: a dataset (name or id), a run, an import, a DataFrame the
    caller already holds (e.g. the plan on screen), a fleet as-of time."""

    dataset: str | int | None = None
    run_id: int | None = None
    import_id: int | None = None
    frame: pd.DataFrame | None = None
    as_of: str | None = None
    chunk_rows: int = CHUNK_ROWS


Producer = Callable[["Store", Selection], "TableData"]


@dataclass(frozen=True)
class ExportableTable:
    """A table the user can export. ``accepts`` lists the selectors of which one is required
    (``dataset``, ``run``, ``import``, ``frame``); empty means the table needs none. ``title``
    and ``description`` are shown to the user (Messages, so the UI can translate them).
    ``producer`` makes its rows: a function, or ``"module:function"`` imported when first used.
    ``sampled``: its first rows are cheap enough to check for personal data before an export
    (a table recomputed from a model is checked only when written)."""

    name: str
    title: Message
    description: Message
    producer: Producer | str
    accepts: tuple[str, ...] = ()
    sampled: bool = True

    def produce(self, store: Store, selection: Selection) -> TableData:
        producer = self.producer
        if isinstance(producer, str):
            module, _, function = producer.partition(":")
            producer = getattr(importlib.import_module(module), function)
        return producer(store, selection)

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title, "description": self.description,
                "needs": " or ".join(self.accepts)}


_REGISTRY: dict[str, ExportableTable] = {}


def register_table(table: ExportableTable) -> ExportableTable:
    """Add (or replace) an exportable table."""
    _REGISTRY[table.name] = table
    return table


def exportable_tables() -> list[ExportableTable]:
    """Every registered table, in registration order."""
    return list(_REGISTRY.values())


def get_table(name: str) -> ExportableTable:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise NotFoundError(QT_TRANSLATE_NOOP(
            "Core", "There is no exportable table {table!r}; choose one of {tables}.").format(
                table=name, tables=", ".join(_REGISTRY))) from None


#: How each selector is named in messages.
SELECTOR_LABELS: dict[str, Message] = {
    "dataset": QT_TRANSLATE_NOOP("Core", "dataset"),
    "run": QT_TRANSLATE_NOOP("Core", "run"),
    "import": QT_TRANSLATE_NOOP("Core", "import"),
    "frame": QT_TRANSLATE_NOOP("Core", "table on screen"),
}


def _needs(accepts: tuple[str, ...]) -> Message:
    """``dataset``, ``import or dataset``...: the selectors a table accepts, in words."""
    needs = SELECTOR_LABELS[accepts[0]]
    for other in accepts[1:]:
        needs = QT_TRANSLATE_NOOP("Core", "{first} or {second}").format(
            first=needs, second=SELECTOR_LABELS[other])
    return needs


def produce(store: Store, name: str, selection: Selection) -> TableData:
    """The rows of table ``name`` for ``selection``, checked against what the table needs."""
    table = get_table(name)
    given = {"dataset": selection.dataset is not None, "run": selection.run_id is not None,
             "import": selection.import_id is not None, "frame": selection.frame is not None}
    if table.accepts and not any(given[a] for a in table.accepts):
        options = ", ".join(f"--{a}" for a in table.accepts if a != "frame")
        raise InputError(QT_TRANSLATE_NOOP("Core", "the {table} table needs a {needs} ({options})")
                         .format(table=name, needs=_needs(table.accepts), options=options))
    return table.produce(store, selection)


_TABLES = "iotfin_gui.core.reports.tables"

for _table in (
    ExportableTable("dataset", QT_TRANSLATE_NOOP("Core", "Dataset"), QT_TRANSLATE_NOOP(
        "Core", "All rows of a stored dataset, as imported or derived (streamed; large datasets "
        "are fine)."), f"{_TABLES}:dataset_table", ("dataset",)),
    ExportableTable("quarantine", QT_TRANSLATE_NOOP("Core", "Quarantined rows"), QT_TRANSLATE_NOOP(
        "Core", "Rows an import set aside, with the file, line and reason (of one import, or "
        "every import of a dataset)."), f"{_TABLES}:quarantine_table", ("import", "dataset")),
    ExportableTable("runs", QT_TRANSLATE_NOOP("Core", "Leaderboard (runs)"), QT_TRANSLATE_NOOP(
        "Core", "Every training and forecast run with its model, seed, data hash and overall "
        "metrics as columns."), f"{_TABLES}:runs_table"),
    ExportableTable("run_metrics", QT_TRANSLATE_NOOP("Core", "Run metrics"), QT_TRANSLATE_NOOP(
        "Core", "Every metric of one run (overall, per model and per series)."),
        f"{_TABLES}:run_metrics_table", ("run",)),
    ExportableTable("forecast", QT_TRANSLATE_NOOP("Core", "Forecast"), QT_TRANSLATE_NOOP(
        "Core", "A stored forecast run: one row per ATM and day with the forecast and its "
        "interval bounds."), f"{_TABLES}:forecast_table", ("run",)),
    ExportableTable("replenishment_plan", QT_TRANSLATE_NOOP("Core", "Replenishment plan"),
                    QT_TRANSLATE_NOOP(
        "Core", "Which ATM to visit on which day and what to fill it to: the plan on screen, "
        "or the cash plan of a forecast run from today's cash (its stored scenarios, no new "
        "forecast)."), f"{_TABLES}:plan_table",
        ("run", "frame"), sampled=False),
    ExportableTable("fleet_status", QT_TRANSLATE_NOOP("Core", "Fleet status"), QT_TRANSLATE_NOOP(
        "Core", "Each ATM's status, cash, days to cash-out and reasons, as of the latest data "
        "(or a given time)."), f"{_TABLES}:fleet_table"),
    ExportableTable("audit_log", QT_TRANSLATE_NOOP("Core", "Audit log"), QT_TRANSLATE_NOOP(
        "Core", "Everything done to the store, oldest first."), f"{_TABLES}:audit_table"),
):
    register_table(_table)
