"""``routes``: show, import and export the cash plan's route settings stored in the store.

    iotfin routes show | routes import routes.csv | routes export --out routes.csv [--force]

An import is checked first (a bad file changes nothing); the export writes the CSV that
``plan --routes`` and the window's Import read back (see :mod:`iotfin_gui.core.cashplan.routes`).
Apart from planning (:mod:`.planning`), so listing the routes loads no forecasting.
"""

from __future__ import annotations

import argparse
from typing import Any

from iotfin_gui.core.cashplan.routes import (
    WEEKDAYS,
    RouteSettings,
    load_routes,
    read_routes_csv,
    save_routes,
    write_routes_csv,
)
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.store import Store


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    routes = subparsers.add_parser("routes", parents=[common], help=QT_TRANSLATE_NOOP(
        "Core", "the cash plan's route settings: show, import, export"))
    actions = routes.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("show", parents=[common], help=QT_TRANSLATE_NOOP(
        "Core", "list the stored route settings")).set_defaults(run=run_routes_show)
    imported = actions.add_parser("import", parents=[common], help=QT_TRANSLATE_NOOP(
        "Core", "replace the stored route settings with a route CSV"))
    imported.add_argument("file", metavar="FILE.csv")
    imported.set_defaults(run=run_routes_import)
    exported = actions.add_parser("export", parents=[common], help=QT_TRANSLATE_NOOP(
        "Core", "write the stored route settings as a route CSV"))
    exported.add_argument("--out", required=True, metavar="FILE.csv")
    exported.add_argument("--force", action="store_true",
                          help=QT_TRANSLATE_NOOP("Core", "overwrite an existing output"))
    exported.set_defaults(run=run_routes_export)


def _route_rows(routes: list[RouteSettings]) -> list[dict[str, Any]]:
    return [{**route.to_dict(), "atms": ";".join(route.atms) or "*",
             "visit_days": ",".join(WEEKDAYS[d].title() for d in route.visit_days),
             "cit_holidays": ";".join(route.cit_holidays)} for route in routes]


def run_routes_show(args: argparse.Namespace, store: Store, ctx: JobContext) -> dict[str, Any]:
    return {"routes": _route_rows(load_routes(store))}


def run_routes_import(args: argparse.Namespace, store: Store, ctx: JobContext) -> dict[str, Any]:
    routes = read_routes_csv(args.file)
    save_routes(store, routes)
    return {"imported": len(routes), "routes": [r.route for r in routes]}


def run_routes_export(args: argparse.Namespace, store: Store, ctx: JobContext) -> dict[str, Any]:
    routes = load_routes(store)
    written = write_routes_csv(routes, args.out, store=store, force=args.force)
    return {"out": str(written), "routes": len(routes)}
