"""``recipe``: list, show, import, export and apply preprocessing recipes.

    iotfin recipe list
    iotfin recipe show NAME [--version N]
    iotfin recipe import FILE.json
    iotfin recipe export NAME --out FILE.json [--version N] [--force]
    iotfin recipe apply NAME --dataset D [--version N] [--save-as NEW] --json

``apply`` runs the recipe; with ``--save-as`` it saves the result as a derived dataset and
records the run (one transaction). Bad recipes, names or files exit with code 2.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from iotfin_gui.core import recipes
from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.store import Store


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("recipe", parents=[common], help=QT_TRANSLATE_NOOP(
        "Core", "preprocessing recipes: list, show, import, export, apply"))
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    latest = QT_TRANSLATE_NOOP("Core", "version (default: the latest)")

    listing = actions.add_parser("list", parents=[common],
                                 help=QT_TRANSLATE_NOOP("Core", "list the stored recipes"))
    listing.set_defaults(run=run_list)

    show = actions.add_parser("show", parents=[common],
                              help=QT_TRANSLATE_NOOP("Core", "print a recipe as JSON"))
    show.add_argument("name")
    show.add_argument("--version", type=int, help=latest)
    show.set_defaults(run=run_show, render=render_show)

    imported = actions.add_parser("import", parents=[common], help=QT_TRANSLATE_NOOP(
        "Core", "store a recipe file (a new version if the name exists)"))
    imported.add_argument("file")
    imported.set_defaults(run=run_import)

    export = actions.add_parser("export", parents=[common],
                                help=QT_TRANSLATE_NOOP("Core", "write a recipe to a file"))
    export.add_argument("name")
    export.add_argument("--out", required=True, metavar="FILE.json")
    export.add_argument("--version", type=int, help=latest)
    export.add_argument("--force", action="store_true",
                        help=QT_TRANSLATE_NOOP("Core", "overwrite an existing output"))
    export.set_defaults(run=run_export)

    apply = actions.add_parser("apply", parents=[common],
                               help=QT_TRANSLATE_NOOP("Core", "run a recipe on a dataset"))
    apply.add_argument("name")
    apply.add_argument("--dataset", required=True, help=QT_TRANSLATE_NOOP("Core", "dataset name"))
    apply.add_argument("--version", type=int, help=latest)
    apply.add_argument("--save-as", metavar="NEW", help=QT_TRANSLATE_NOOP(
        "Core", "save the result as a new dataset"))
    apply.set_defaults(run=run_apply)

    steps = actions.add_parser("steps", parents=[common],
                               help=QT_TRANSLATE_NOOP("Core", "list the step types"))
    steps.set_defaults(run=run_steps)


def run_list(args: argparse.Namespace, store: Store, ctx: JobContext) -> dict[str, Any]:
    return {"recipes": [{"name": r.name, "version": r.version, "versions": r.versions,
                         "steps": r.steps, "created": r.created_at, "note": r.note}
                        for r in recipes.list_recipes(store)]}


def run_show(args: argparse.Namespace, store: Store, ctx: JobContext) -> dict[str, Any]:
    recipe = recipes.load_recipe(store, args.name, args.version)
    return {"recipe": recipe.to_dict(),
            "versions": [v for v, _ in recipes.recipe_versions(store, args.name)]}


def render_show(payload: dict[str, Any]) -> str:
    return json.dumps(payload["recipe"], indent=2, ensure_ascii=False)


def run_import(args: argparse.Namespace, store: Store, ctx: JobContext) -> dict[str, Any]:
    row_id, version = recipes.import_recipe(store, args.file)
    name = store.conn.execute("SELECT name FROM recipes WHERE id = ?", [row_id]).fetchone()[0]
    return {"name": name, "version": version, "id": row_id}


def run_export(args: argparse.Namespace, store: Store, ctx: JobContext) -> dict[str, Any]:
    path = recipes.export_recipe(store, args.name, args.out, args.version, force=args.force)
    return {"name": args.name, "out": str(path)}


def run_apply(args: argparse.Namespace, store: Store, ctx: JobContext) -> dict[str, Any]:
    recipe = recipes.load_recipe(store, args.name, args.version)
    if not args.save_as:
        return recipes.apply_recipe(store, args.dataset, recipe, ctx).summary()
    summary, info, run_id = recipes.apply_and_save(store, args.dataset, recipe, args.save_as, ctx)
    summary.update(saved_as=info.name, dataset_id=info.id, run_id=run_id)
    return summary


def run_steps(args: argparse.Namespace, store: Store, ctx: JobContext) -> dict[str, Any]:
    return {"steps": [{"type": s.name, "phase": s.phase, "group": s.group,
                       "params": ",".join(p.name for p in s.params)}
                      for s in recipes.STEP_TYPES.values()]}
