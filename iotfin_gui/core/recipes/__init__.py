"""Preprocessing recipes: versioned JSON documents of steps that turn a stored dataset into
model-ready train and test frames (no Qt; the Preprocess panel and the CLI build on this).

    recipe = Recipe.from_json(text)            # or make_recipe("name", [("lags", {...}), ...])
    recipe.validate(store.dataset("demo_withdrawals"))
    save_recipe(store, recipe)                 # -> (row id, version)
    prepared = apply_recipe(store, "demo_withdrawals", recipe)   # reads only the columns used
    prepared.X_train, prepared.y_train, prepared.pipeline
    summary, info, run_id = apply_and_save(store, "demo_withdrawals", recipe, "weekly")
    preview_recipe(store, "demo_withdrawals", recipe)

:data:`STEP_TYPES` describes every step and its parameters, for building forms.
"""

from iotfin_gui.core.recipes.batched import apply_and_save
from iotfin_gui.core.recipes.document import Recipe, Step, columns_of, make_recipe
from iotfin_gui.core.recipes.engine import (
    SPLIT_COLUMN,
    PreparedData,
    StepReport,
    apply_recipe,
    run_recipe,
)
from iotfin_gui.core.recipes.params import Columns, Param, RecipeError
from iotfin_gui.core.recipes.preview import RecipePreview, preview_recipe
from iotfin_gui.core.recipes.steps import STEP_TYPES, Env, StepType
from iotfin_gui.core.recipes.storage import (
    RecipeSummary,
    export_recipe,
    import_recipe,
    list_recipes,
    load_recipe,
    recipe_job,
    recipe_versions,
    save_prepared,
    save_recipe,
)

__all__ = [
    "SPLIT_COLUMN", "STEP_TYPES", "Columns", "Env", "Param", "PreparedData", "Recipe",
    "RecipeError", "RecipePreview", "RecipeSummary", "Step", "StepReport", "StepType",
    "apply_and_save", "apply_recipe", "columns_of", "export_recipe", "import_recipe",
    "list_recipes", "load_recipe", "make_recipe", "preview_recipe", "recipe_job",
    "recipe_versions", "run_recipe", "save_prepared", "save_recipe",
]
