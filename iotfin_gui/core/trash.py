"""The trash: deleted datasets, runs and recipes wait here until restored or emptied.

Deleting is one *trash entry* (schema ``_V3``): the store is backed up first
(:mod:`iotfin_gui.core.backups`), then, in one transaction, the rows are marked with
``deleted_at`` and the entry's id and hidden from every listing and lookup. A trashed dataset or
recipe gives up its name, so a new one may take it; the registry rows that came with a dataset
are kept in the entry. Restoring puts everything back (under a ``(restored)`` name when the old
one has been taken meanwhile); :func:`undo` restores the newest entry. Emptying (backed up
first) deletes the rows, then removes the datasets' Parquet folders (holding the write lock, and
only those no catalogue row names by then: a restore in another program may have brought one
back) and the model files of trashed runs (the backup keeps its own links to the parts).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any

from iotfin_gui.core import datafiles, model_folder
from iotfin_gui.core.backups import backup
from iotfin_gui.core.errors import NotFoundError
from iotfin_gui.core.lineage import utc_now
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message
from iotfin_gui.core.store import DatasetInfo, Store, message_columns, stored_message

#: What each kind of entry holds, as shown in the Trash view.
KIND_LABELS: dict[str, Message] = {
    "dataset": QT_TRANSLATE_NOOP("Core", "dataset"),
    "run": QT_TRANSLATE_NOOP("Core", "run"),
    "recipe": QT_TRANSLATE_NOOP("Core", "recipe"),
    "demo": QT_TRANSLATE_NOOP("Core", "demo data"),
}
#: Starts the name a trashed dataset or recipe holds meanwhile (a character nobody types).
_HIDDEN = "\x1etrash"


@dataclass(frozen=True)
class TrashEntry:
    """One delete: its kind, what was deleted (a Message where translatable), when (UTC), and
    how many datasets, runs and recipe versions it holds."""

    id: int
    kind: str
    label: Message | str
    deleted_at: str
    datasets: int = 0
    runs: int = 0
    recipes: int = 0


@dataclass(frozen=True)
class Restored:
    """A restored entry and the names that had to change (old name -> new name)."""

    entry: TrashEntry
    renamed: dict[str, str] = field(default_factory=dict)


def _count(store: Store, table: str, trash_id: int) -> int:
    return store.conn.execute(f"SELECT count(*) FROM {table} WHERE trash_id = ?",
                              [trash_id]).fetchone()[0]


def _entry(row: tuple[Any, ...], store: Store) -> TrashEntry:
    trash_id, kind, label, template, params, deleted_at = row
    return TrashEntry(trash_id, kind, stored_message(label, template, params), deleted_at,
                      _count(store, "datasets", trash_id), _count(store, "runs", trash_id),
                      _count(store, "recipes", trash_id))


_ENTRY_COLUMNS = "id, kind, label, label_template, label_params, deleted_at"


def entries(store: Store) -> list[TrashEntry]:
    """What is in the trash, newest first."""
    rows = store.conn.execute(f"SELECT {_ENTRY_COLUMNS} FROM trash ORDER BY id DESC").fetchall()
    return [_entry(row, store) for row in rows]


def newest(store: Store) -> TrashEntry | None:
    """The entry :func:`undo` would restore, or None when the trash is empty."""
    row = store.conn.execute(
        f"SELECT {_ENTRY_COLUMNS} FROM trash ORDER BY id DESC LIMIT 1").fetchone()
    return None if row is None else _entry(row, store)


def _new_entry(store: Store, kind: str, label: str, devices: list[dict[str, Any]]) -> int:
    template, params = message_columns(label)
    return store.db["trash"].insert({
        "kind": kind, "label": str(label), "label_template": template, "label_params": params,
        "deleted_at": utc_now(), "devices": json.dumps(devices, ensure_ascii=False),
    }).last_pk


def _trash_datasets(store: Store, datasets: list[DatasetInfo], kind: str, label: str,
                    *, demo_devices: bool = False) -> int:
    ids = [d.id for d in datasets]
    marks = ", ".join("?" * len(ids)) or "NULL"
    where = f"dataset_id IN ({marks})" + (" OR is_demo = 1" if demo_devices else "")
    with store.atomic():
        devices = list(store.db.query(f"SELECT * FROM devices WHERE {where}", ids))
        trash_id = _new_entry(store, kind, label, devices)
        store.conn.execute(f"DELETE FROM devices WHERE {where}", ids)
        now = utc_now()
        for info in datasets:
            store.conn.execute(
                "UPDATE datasets SET deleted_at = ?, trash_id = ?, trashed_name = name, "
                "name = ? WHERE id = ?", [now, trash_id, f"{_HIDDEN}-{info.id}", info.id])
        store.audit("dataset.delete", datasets=[d.name for d in datasets], trash_id=trash_id,
                    devices=len(devices))
    return trash_id


def trash_dataset(store: Store, name_or_id: str | int) -> int:
    """Back up the store, then move a dataset (and its registry rows) to the trash; returns the
    trash entry's id."""
    info = store.dataset(name_or_id)
    backup(store, "delete-dataset")
    return _trash_datasets(store, [info], "dataset", info.name)


def trash_demo(store: Store) -> int:
    """Back up the store, then move every demo dataset and demo device to the trash as one
    entry; returns how many datasets (nothing happens when there is no demo data)."""
    demo = [d for d in store.datasets() if d.is_demo]
    if not demo and not store.conn.execute("SELECT 1 FROM devices WHERE is_demo = 1").fetchone():
        return 0
    backup(store, "remove-demo")
    label = QT_TRANSLATE_NOOP("Core", "{count} demo datasets").format(count=len(demo))
    _trash_datasets(store, demo, "demo", label, demo_devices=True)
    return len(demo)


def trash_run(store: Store, run_id: int) -> int:
    """Back up the store, then move a run to the trash (its files stay until the trash is
    emptied); returns the trash entry's id."""
    run = store.run(run_id)
    backup(store, "delete-run")
    label = QT_TRANSLATE_NOOP("Core", "#{run} {title}").format(run=run["id"], title=run["title"])
    with store.atomic():
        trash_id = _new_entry(store, "run", label, [])
        store.conn.execute("UPDATE runs SET deleted_at = ?, trash_id = ? WHERE id = ?",
                           [utc_now(), trash_id, run["id"]])
        store.audit("run.delete", run_id=run["id"], trash_id=trash_id)
    return trash_id


def trash_recipe(store: Store, name: str) -> int:
    """Back up the store, then move every version of recipe ``name`` to the trash; returns the
    trash entry's id."""
    if not store.conn.execute("SELECT 1 FROM recipes WHERE name = ? AND deleted_at IS NULL",
                              [name]).fetchone():
        raise NotFoundError(QT_TRANSLATE_NOOP(
            "Core", "There is no recipe {name!r} in the store.").format(name=name))
    backup(store, "delete-recipe")
    with store.atomic():
        trash_id = _new_entry(store, "recipe", name, [])
        store.conn.execute(
            "UPDATE recipes SET deleted_at = ?, trash_id = ?, trashed_name = name, name = ? "
            "WHERE name = ? AND deleted_at IS NULL",
            [utc_now(), trash_id, f"{_HIDDEN}-{trash_id}", name])
        store.audit("recipe.delete", recipe=name, trash_id=trash_id)
    return trash_id


def _free_name(taken: Any, name: str) -> str:
    """``name``, or ``name (restored)``, ``name (restored 2)``... whichever ``taken`` allows."""
    candidate, number = name, 1
    while taken(candidate):
        candidate = f"{name} (restored)" if number == 1 else f"{name} (restored {number})"
        number += 1
    return candidate


def _recipe_taken(store: Store, name: str) -> bool:
    return bool(store.conn.execute("SELECT 1 FROM recipes WHERE name = ?", [name]).fetchone())


def restore(store: Store, trash_id: int) -> Restored:
    """Put a trash entry's datasets, runs, recipes and registry rows back."""
    row = store.conn.execute(f"SELECT {_ENTRY_COLUMNS} FROM trash WHERE id = ?",
                             [trash_id]).fetchone()
    if row is None:
        raise NotFoundError(QT_TRANSLATE_NOOP(
            "Core", "There is no entry {id} in the trash.").format(id=trash_id))
    entry = _entry(row, store)
    renamed: dict[str, str] = {}
    with store.atomic():
        datasets = store.conn.execute("SELECT id, trashed_name FROM datasets WHERE trash_id = ? "
                                      "ORDER BY id", [trash_id]).fetchall()
        for dataset_id, name in datasets:
            new_name = _free_name(store.has_dataset, name)
            store.conn.execute("UPDATE datasets SET name = ?, deleted_at = NULL, trash_id = NULL, "
                               "trashed_name = NULL WHERE id = ?", [new_name, dataset_id])
            if new_name != name:
                renamed[name] = new_name
        _restore_recipes(store, trash_id, renamed)
        store.conn.execute("UPDATE runs SET deleted_at = NULL, trash_id = NULL "
                           "WHERE trash_id = ?", [trash_id])
        devices = json.loads(store.conn.execute("SELECT devices FROM trash WHERE id = ?",
                                                [trash_id]).fetchone()[0])
        if devices:
            store.db["devices"].insert_all(devices, ignore=True)
        store.conn.execute("DELETE FROM trash WHERE id = ?", [trash_id])
        store.audit("trash.restore", trash_id=trash_id, kind=entry.kind, renamed=renamed)
    return Restored(entry, renamed)


def _restore_recipes(store: Store, trash_id: int, renamed: dict[str, str]) -> None:
    # The recipes core imports scikit-learn (its learned steps); only a renamed recipe needs it,
    # not every command that backs up or empties the trash.
    from iotfin_gui.core.recipes.document import Recipe

    rows = store.conn.execute("SELECT id, trashed_name, document FROM recipes WHERE trash_id = ?",
                              [trash_id]).fetchall()
    if not rows:
        return
    name = rows[0][1]
    new_name = _free_name(lambda n: _recipe_taken(store, n), name)
    for row_id, _, document in rows:
        if new_name != name:
            document = replace(Recipe.from_json(document), name=new_name).to_json()
        store.conn.execute("UPDATE recipes SET name = ?, document = ?, deleted_at = NULL, "
                           "trash_id = NULL, trashed_name = NULL WHERE id = ?",
                           [new_name, document, row_id])
    if new_name != name:
        renamed[name] = new_name


def undo(store: Store) -> Restored | None:
    """Restore the newest trash entry (None when the trash is empty)."""
    entry = newest(store)
    return None if entry is None else restore(store, entry.id)


def empty(store: Store) -> dict[str, int]:
    """Back up the store, then delete for good everything in the trash; returns how many
    datasets, runs and recipe versions went."""
    counts = {table: store.conn.execute(
        f"SELECT count(*) FROM {table} WHERE trash_id IS NOT NULL").fetchone()[0]
        for table in ("datasets", "runs", "recipes")}
    if not store.conn.execute("SELECT 1 FROM trash").fetchone():
        return counts
    backup(store, "empty-trash")
    files: list[str] = []
    for model_path, params in store.conn.execute(
            "SELECT model_path, params FROM runs WHERE trash_id IS NOT NULL").fetchall():
        files += [p for p in (model_path, json.loads(params).get("evaluation_path")) if p]
    with store.atomic():
        folders = [row[0] for row in store.conn.execute(
            "SELECT table_name FROM datasets WHERE trash_id IS NOT NULL").fetchall()]
        trashed_recipes = "SELECT id FROM recipes WHERE trash_id IS NOT NULL"
        for table in ("runs", "datasets"):
            store.conn.execute(f"UPDATE {table} SET recipe_id = NULL "
                               f"WHERE recipe_id IN ({trashed_recipes})")
        for table in ("runs", "datasets", "recipes"):
            store.conn.execute(f"DELETE FROM {table} WHERE trash_id IS NOT NULL")
        store.conn.execute("DELETE FROM trash")
        store.audit("trash.empty", **counts)
    with store.atomic():  # the write lock: no restore elsewhere names them again meanwhile
        named = set(datafiles.catalogue_files(store.conn))
        datafiles.remove_folders(store.path, [f for f in folders if f not in named])
    model_folder.remove_files(store, files)
    return counts
