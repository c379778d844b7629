"""``model export`` and ``model import``: share a trained model as one file.

    iotfin model export RUN --out churn.iotfin-model [--force]
    iotfin model import churn.iotfin-model --json

``export`` writes the run's model (safe format) and its metadata (task, features, target,
metrics, data hash, library versions, SHA-256) to one file, atomically; an existing file is
replaced only with ``--force``. ``import`` checks the file without running any code from it
(untrusted types are named and refused), records it as a new training run and signs the local
copy with your key; ``predict --run NEW`` then applies it. See
:mod:`iotfin_gui.core.models.sharing`.
"""

from __future__ import annotations

import argparse
from typing import Any

from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.models.sharing import export_model, import_model
from iotfin_gui.core.store import Store


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("model", parents=[common], help=QT_TRANSLATE_NOOP(
        "Core", "share trained models: export one to a file, import a colleague's"))
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    export = actions.add_parser("export", parents=[common], help=QT_TRANSLATE_NOOP(
        "Core", "write a training run's model and metadata to one file"))
    export.add_argument("run_id", metavar="RUN", type=int,
                        help=QT_TRANSLATE_NOOP("Core", "training run id"))
    export.add_argument("--out", required=True, metavar="FILE.iotfin-model",
                        help=QT_TRANSLATE_NOOP("Core", "the file to write"))
    export.add_argument("--force", action="store_true",
                        help=QT_TRANSLATE_NOOP("Core", "replace the file if it exists"))
    export.set_defaults(run=run_export)

    imported = actions.add_parser("import", parents=[common], help=QT_TRANSLATE_NOOP(
        "Core", "check a model file without running it and store it as a new training run"))
    imported.add_argument("file", metavar="FILE.iotfin-model")
    imported.set_defaults(run=run_import)


def run_export(args: argparse.Namespace, store: Store, ctx: JobContext) -> dict[str, Any]:
    return export_model(store, args.run_id, args.out, force=args.force)


def run_import(args: argparse.Namespace, store: Store, ctx: JobContext) -> dict[str, Any]:
    return import_model(store, args.file)
