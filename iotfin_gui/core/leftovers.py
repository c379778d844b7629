"""What killed processes left behind, removed when a store is opened to work in.

A process killed while it writes (``kill -9``, a crash, a power cut) leaves files that no record of
the store points to: model, evaluation and ``.tmp-*`` files of a training whose run was never
recorded (removed by :func:`iotfin_gui.core.model_folder.remove_orphans` once they are old enough
that no training can still be writing them), the hidden ``.iotfin-part`` files and folders of an
export or report (removed by :func:`iotfin_gui.core.outputs.remove_leftovers`), and the Parquet
folders of an import or migration that never committed (:func:`remove_data_orphans`, by the same age
rule), and the temporary database and data folder of a backup cut short
(:func:`iotfin_gui.core.backups.remove_leftovers`, by the same age rule too). The catalogue needs
nothing: SQLite rolls back a transaction that was cut short.
:func:`clean_leftovers` runs the removals and says what they removed, for the Messages pane and the
command line.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from iotfin_gui.core import backups, datafiles, model_folder, outputs
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message
from iotfin_gui.core.store import Store

# How many file names a message lists before it says how many more there are.
NAMES_SHOWN = 5


def _names(paths: Sequence[Path]) -> str:
    names = ", ".join(path.name for path in paths[:NAMES_SHOWN])
    return names if len(paths) <= NAMES_SHOWN else f"{names}, … (+{len(paths) - NAMES_SHOWN})"


def remove_data_orphans(store: Store,
                        min_age: float = datafiles.ORPHAN_AGE_SECONDS) -> list[Path]:
    """Remove the data folder's dataset folders that no catalogue row (trashed ones included)
    names, once nothing wrote to them for ``min_age`` seconds; returns them."""
    referenced = {row[0] for row in store.conn.execute("SELECT table_name FROM datasets")}
    found = datafiles.orphans(store.path, referenced, min_age)
    return datafiles.remove_folders(store.path, [path.name for path in found])


def clean_leftovers(store: Store) -> list[Message]:
    """Remove what stopped trainings, exports and reports left behind; one message for each
    kind of leftover removed (none when there was nothing), or for a removal that failed (a
    file that cannot be deleted never stops the app from starting)."""
    found = (
        (model_folder.remove_orphans, QT_TRANSLATE_NOOP(
            "Core", "Removed {count} model file(s) that no run records, left by a training that "
            "was stopped before it finished: {files}")),
        (outputs.remove_leftovers, QT_TRANSLATE_NOOP(
            "Core", "Removed {count} unfinished output file(s) left by an export or report that "
            "was stopped before it finished: {files}")),
        (remove_data_orphans, QT_TRANSLATE_NOOP(
            "Core", "Removed {count} unfinished dataset folder(s) left by an import that was "
            "stopped before it finished: {files}")),
        (lambda store: backups.remove_leftovers(store.path), QT_TRANSLATE_NOOP(
            "Core", "Removed {count} unfinished backup file(s) or folder(s) left by a backup "
            "that was stopped before it finished: {files}")),
    )
    messages = []
    for remove, message in found:
        try:
            removed = sorted(remove(store))
        except OSError as error:
            messages.append(QT_TRANSLATE_NOOP(
                "Core", "Could not remove the files a stopped job left behind: {error}").format(
                    error=str(error)))
            continue
        if removed:
            messages.append(message.format(count=len(removed), files=_names(removed)))
    return messages
