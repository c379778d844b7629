"""A store's models folder without the models core: the names of its files, and the removal of a
deleted run's files and of those a killed training left behind.

Kept outside :mod:`iotfin_gui.core.models` on purpose: importing anything of that package loads
scikit-learn (about 1.5 CPU-seconds), and every writing command and the window tidy the store
(:mod:`iotfin_gui.core.leftovers`) before they work, and emptying the trash removes model files,
most of them without any model. The models core writes its files with these names
(:mod:`iotfin_gui.core.models.persistence`).

A training writes its files before it records its runs in one transaction, and a run in progress
is not visible in the store, so age is what tells a leftover from a file being written right now:
:func:`remove_orphans` only deletes files :data:`ORPHAN_AGE_S` old.
"""

from __future__ import annotations

import time
from pathlib import Path

from iotfin_gui.core import store_files
from iotfin_gui.core.store import Store

MODEL_SUFFIX = ".model"
EVAL_SUFFIX = ".eval.json"
#: Model files of an older version (unsigned pickles): never loaded, only tidied away.
OLD_PICKLE_SUFFIX = ".joblib"
TEMP_PREFIX = ".tmp-"
#: Leftover files younger than this (seconds) are kept: a training may be writing them.
ORPHAN_AGE_S = 15 * 60


def models_dir(store: Store) -> Path:
    """The folder of ``store``'s model files (not created)."""
    return store_files.models_dir(store.path)


def remove_files(store: Store, relatives: list[str]) -> None:
    """Delete model and evaluation files by the paths the store records for them (those of a
    run that failed to be recorded, was cancelled or left the emptied trash)."""
    for relative in relatives:
        (models_dir(store) / Path(relative).name).unlink(missing_ok=True)


def remove_orphans(store: Store, min_age_s: float = ORPHAN_AGE_S) -> list[Path]:
    """Delete, from the models folder, ``.tmp-*`` files and model or evaluation files that no
    run (trashed runs included) records, once they are ``min_age_s`` old; returns them. Other
    files and folders are never touched."""
    folder = models_dir(store)
    if not folder.is_dir():
        return []
    recorded = set()
    for model_path, evaluation_path in store.conn.execute(
            "SELECT model_path, json_extract(params, '$.evaluation_path') FROM runs"):
        recorded |= {Path(p).name for p in (model_path, evaluation_path) if p}
    now, removed = time.time(), []
    for entry in folder.iterdir():
        name = entry.name
        ours = name.startswith(TEMP_PREFIX) or name.endswith((MODEL_SUFFIX, OLD_PICKLE_SUFFIX,
                                                               EVAL_SUFFIX))
        if not ours or name in recorded or entry.is_symlink() or not entry.is_file():
            continue
        if now - entry.stat().st_mtime >= min_age_s:
            entry.unlink(missing_ok=True)
            removed.append(entry)
    return sorted(removed)
