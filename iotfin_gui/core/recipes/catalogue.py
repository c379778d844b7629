"""The recipes in the store as its catalogue lists them: names, versions, step counts (plain
SQLite, no pandas: ``iotfin recipe list`` and the panels' recipe lists). Saving, loading and
applying recipes is :mod:`iotfin_gui.core.recipes.storage`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from iotfin_gui.core.errors import NotFoundError
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.store import Store


@dataclass(frozen=True)
class RecipeSummary:
    """One recipe name in the store: its latest version and how many versions it has."""

    id: int
    name: str
    version: int
    versions: int
    steps: int
    note: str
    created_at: str


def recipe_id(store: Store, name: str, version: int) -> int:
    row = store.conn.execute("SELECT id FROM recipes WHERE name = ? AND version = ?",
                             [name, version]).fetchone()
    if row is None:
        raise NotFoundError(QT_TRANSLATE_NOOP(
            "Core", "There is no recipe {name!r} version {version} in the store.").format(
                name=name, version=version))
    return row[0]


def list_recipes(store: Store) -> list[RecipeSummary]:
    """Every recipe name with its latest version, by name."""
    rows = store.conn.execute(
        "SELECT r.id, r.name, r.version, r.document, r.note, r.created_at, counts.n "
        "FROM recipes r JOIN (SELECT name, max(version) AS v, count(*) AS n FROM recipes "
        "WHERE deleted_at IS NULL GROUP BY name) counts "
        "ON r.name = counts.name AND r.version = counts.v ORDER BY r.name"
    ).fetchall()
    return [RecipeSummary(row[0], row[1], row[2], row[6], len(json.loads(row[3])["steps"]),
                          row[4], row[5]) for row in rows]


def recipe_versions(store: Store, name: str) -> list[tuple[int, str]]:
    """(version, created_at) of every version of ``name``, oldest first."""
    return [(v, c) for v, c in store.conn.execute(
        "SELECT version, created_at FROM recipes WHERE name = ? ORDER BY version", [name])]
