"""Background jobs of the Preprocess panel that are not already in :mod:`.storage`.

A job is a module-level ``fn(ctx, **kwargs)`` whose arguments pickle, so the recipe travels as
its document (a dict), not as a :class:`Recipe`. :func:`.storage.recipe_job` runs a stored
recipe on a whole dataset; :func:`preview_job` previews a recipe being edited (not yet saved).
"""

from __future__ import annotations

import os
from typing import Any

from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.recipes.document import Recipe
from iotfin_gui.core.recipes.preview import RecipePreview, preview_recipe
from iotfin_gui.core.store import Store


def preview_job(ctx: JobContext, db_path: str | os.PathLike, dataset: str,
                recipe: dict[str, Any], rows: int = 20,
                limit: int | None = 50_000) -> RecipePreview:
    """Job: the before/after preview of the recipe document ``recipe`` on ``dataset``'s first
    ``limit`` rows; nothing is written."""
    document = Recipe.from_dict(recipe)
    with Store.open(db_path) as store:
        return preview_recipe(store, dataset, document, rows, limit=limit, ctx=ctx)
