"""Preprocessing recipes: versioned JSON documents of steps that turn a stored dataset into
model-ready train and test frames (no Qt; the Preprocess panel and the CLI build on this).

    recipe = Recipe.from_json(text)            # or make_recipe("name", [("lags", {...}), ...])
    recipe.validate(store.dataset("demo_withdrawals"))
    save_recipe(store, recipe)                 # -> (row id, version)
    prepared = apply_recipe(store, "demo_withdrawals", recipe)   # reads only the columns used
    prepared.X_train, prepared.y_train, prepared.pipeline
    summary, info, run_id = apply_and_save(store, "demo_withdrawals", recipe, "weekly")
    preview_recipe(store, "demo_withdrawals", recipe)

:data:`STEP_TYPES` describes every step and its parameters, for building forms. Each name below is
imported from its module when first used (:mod:`iotfin_gui.core.lazy_exports`): listing the
stored recipes (:mod:`.catalogue`) needs no pandas.
"""

from iotfin_gui.core.lazy_exports import attach

__getattr__, __dir__, __all__ = attach(__name__, {
    "batched": ["apply_and_save"],
    "catalogue": ["RecipeSummary", "list_recipes", "recipe_versions"],
    "document": ["Recipe", "Step", "columns_of", "make_recipe"],
    "engine": ["SPLIT_COLUMN", "PreparedData", "StepReport", "apply_recipe", "run_recipe"],
    "params": ["Columns", "Param", "RecipeError"],
    "preview": ["RecipePreview", "preview_recipe"],
    "steps": ["STEP_TYPES", "Env", "StepType"],
    "storage": ["export_recipe", "import_recipe", "load_recipe", "recipe_job", "save_prepared",
                "save_recipe"],
})
