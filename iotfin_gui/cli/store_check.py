"""``check``: SQLite's integrity check of the store, through a read-only connection.

    iotfin check            the quick check (what every start runs, without its time budget)
    iotfin check --full     the full integrity check (slower: also compares every index)

It never opens the store for writing, so it also reports on a damaged store (exit code 2, naming
the newest backup to restore).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from iotfin_gui.core.errors import StoreError
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.store_health import check_existing_file, damaged, integrity_check


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    check = subparsers.add_parser("check", parents=[common], help=QT_TRANSLATE_NOOP(
        "Core", "check the store's integrity without writing to it"))
    check.add_argument("--full", action="store_true", help=QT_TRANSLATE_NOOP(
        "Core", "run the full integrity check (slower) instead of the quick check"))
    check.set_defaults(run=run_check, needs_store=False)


def run_check(args: argparse.Namespace, path: Path, ctx: JobContext) -> dict[str, Any]:
    if not path.is_file():
        raise StoreError(QT_TRANSLATE_NOOP("Core", "There is no store at {path}.").format(
            path=str(path)))
    check_existing_file(path, recover=False)
    ctx.progress(None, QT_TRANSLATE_NOOP("Core", "Checking the store…"))
    result = integrity_check(path, full=args.full)
    if not result.ok:
        raise damaged(path, list(result.problems))
    return {"store": str(path), "check": "integrity_check" if args.full else "quick_check",
            "result": "ok", "seconds": round(result.seconds, 3)}
