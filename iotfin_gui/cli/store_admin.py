"""Looking after the store: backups, restore, the trash and compacting.

    iotfin backup                   back up the store now
    iotfin restore --list           list the backups, newest first
    iotfin restore [BACKUP]         restore a backup (default: the newest)
    iotfin trash list|empty         what was deleted; delete it for good
    iotfin trash restore ID         bring a deleted dataset, run or recipe back
    iotfin compact                  VACUUM the store; prints its size before and after

BACKUP is a file name in the store's backups folder or the path of a backup. A file that is not
an intact IoTFin store is refused (exit code 2) and the store is left as it was.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from iotfin_gui.core import backups, trash
from iotfin_gui.core.errors import StoreError
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.store import Store
from iotfin_gui.core.store_files import backups_dir


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    manual = subparsers.add_parser("backup", parents=[common], help=QT_TRANSLATE_NOOP(
        "Core", "back up the store now (into its backups folder)"))
    manual.set_defaults(run=run_backup)

    restore = subparsers.add_parser("restore", parents=[common], help=QT_TRANSLATE_NOOP(
        "Core", "bring the store back to a backup (the current state is backed up first)"))
    restore.add_argument("backup", nargs="?", metavar="BACKUP", help=QT_TRANSLATE_NOOP(
        "Core", "a backup's file name or path (default: the newest backup)"))
    restore.add_argument("--list", action="store_true",
                         help=QT_TRANSLATE_NOOP("Core", "list the backups instead"))
    restore.set_defaults(run=run_restore, needs_store=False)

    compact = subparsers.add_parser("compact", parents=[common], help=QT_TRANSLATE_NOOP(
        "Core", "give the space of deleted data back to the disk (VACUUM)"))
    compact.set_defaults(run=run_compact)

    bin_parser = subparsers.add_parser("trash", parents=[common], help=QT_TRANSLATE_NOOP(
        "Core", "deleted datasets, runs and recipes: list, restore, empty"))
    actions = bin_parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", parents=[common], help=QT_TRANSLATE_NOOP(
        "Core", "list what is in the trash")).set_defaults(run=run_trash_list)
    back = actions.add_parser("restore", parents=[common], help=QT_TRANSLATE_NOOP(
        "Core", "bring a trash entry back"))
    back.add_argument("id", type=int, metavar="ID")
    back.set_defaults(run=run_trash_restore)
    actions.add_parser("empty", parents=[common], help=QT_TRANSLATE_NOOP(
        "Core", "delete everything in the trash for good (after a backup)")).set_defaults(
            run=run_trash_empty)


def _describe(item: backups.Backup) -> dict[str, Any]:
    return {"name": item.path.name, "created": item.created.strftime("%Y-%m-%d %H:%M:%S"),
            "reason": item.reason, "bytes": item.size}


def run_backup(args: argparse.Namespace, store: Store, ctx: JobContext) -> dict[str, Any]:
    path = backups.backup(store, "manual")
    return {"backup": str(path), "bytes": path.stat().st_size}


def _chosen_backup(store_path: Path, given: str | None) -> Path:
    if given is None:
        newest = backups.newest_backup(store_path)
        if newest is None:
            raise StoreError(QT_TRANSLATE_NOOP(
                "Core", "The store {path} has no backups yet (they are taken before every "
                "delete; take one with: iotfin backup).").format(path=str(store_path)))
        return newest.path
    in_folder = backups_dir(store_path) / given
    return in_folder if Path(given).name == given and in_folder.is_file() else Path(given)


def run_restore(args: argparse.Namespace, path: Path, ctx: JobContext) -> dict[str, Any]:
    """Works on the store's path, not an open store: a damaged store is restored too."""
    if args.list:
        return {"folder": str(backups_dir(path)),
                "backups": [_describe(b) for b in backups.list_backups(path)]}
    source = _chosen_backup(path, args.backup)
    before = backups.restore(path, source)
    return {"restored": str(source), "previous_state_saved_as": before and str(before)}


def run_compact(args: argparse.Namespace, store: Store, ctx: JobContext) -> dict[str, Any]:
    return backups.compact(store)


def _entry(entry: trash.TrashEntry) -> dict[str, Any]:
    return {"id": entry.id, "kind": entry.kind, "what": str(entry.label),
            "deleted": entry.deleted_at, "datasets": entry.datasets, "runs": entry.runs,
            "recipes": entry.recipes}


def run_trash_list(args: argparse.Namespace, store: Store, ctx: JobContext) -> dict[str, Any]:
    return {"trash": [_entry(e) for e in trash.entries(store)]}


def run_trash_restore(args: argparse.Namespace, store: Store,
                      ctx: JobContext) -> dict[str, Any]:
    restored = trash.restore(store, args.id)
    return {"restored": _entry(restored.entry), "renamed": restored.renamed}


def run_trash_empty(args: argparse.Namespace, store: Store, ctx: JobContext) -> dict[str, Any]:
    return {"deleted": trash.empty(store)}
