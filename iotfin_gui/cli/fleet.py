"""``fleet``: every ATM's status (offline, fault, low_cash, ok) as of a moment, with reasons.

    iotfin fleet --db store.sqlite --as-of "2026-10-30 12:00" --json

prints the status counts and, per ATM, its status, days to cash-out and the reasons. Without
``--as-of`` the check time is the latest data time (for the demo, its simulated "now"); the
output states which. The rules are the ones saved in the store (see ``iotfin_gui.core.fleet``),
and so are the sources: an automatic choice is pinned and saved as the window pins it
(:func:`~iotfin_gui.core.fleet.sources.pin_sources`), so that a later import never switches the
data this command reads; the output names the datasets read.
"""

from __future__ import annotations

import argparse
from typing import Any

from iotfin_gui.core.fleet import fleet_status
from iotfin_gui.core.fleet.sources import pin_sources
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.store import Store


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("fleet", parents=[common], help=QT_TRANSLATE_NOOP(
        "Core", "status of every ATM (offline, fault, low cash, ok)"))
    parser.add_argument("--as-of", metavar="TIME", help=QT_TRANSLATE_NOOP(
        "Core", "check time in UTC, e.g. '2026-10-30 12:00' (default: the latest data time)"))
    parser.set_defaults(run=run, render=render)


def run(args: argparse.Namespace, store: Store, ctx: JobContext) -> dict[str, Any]:
    ctx.progress(None, QT_TRANSLATE_NOOP("Core", "Evaluating the fleet status"))
    sources, notes = pin_sources(store)
    summary = fleet_status(store, args.as_of, sources=sources).summary()
    return {**summary, "notes": [*notes, *summary["notes"]]}


def render(payload: dict[str, Any]) -> str:
    counts = ", ".join(f"{status} {count}" for status, count in payload["counts"].items())
    lines = [f"Fleet status as of {payload['as_of']} ({payload['as_of_source']}): {counts}"]
    lines.append("sources: " + ", ".join(f"{kind} {name}"
                                         for kind, name in payload["sources"].items()))
    lines += [f"note: {note}" for note in payload["notes"]]
    width = max((len(atm["device_id"]) for atm in payload["atms"]), default=9)
    for atm in payload["atms"]:
        days = atm["days_to_cashout"]
        shown = "" if days is None else f"{days:.1f} d"
        lines.append(f"{atm['device_id']:<{width}}  {atm['status']:<8}  {shown:>8}  "
                     f"{atm['reasons']}")
    return "\n".join(lines)
