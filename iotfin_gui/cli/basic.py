"""Store-level commands: ``demo`` (load or remove the demo fleet), ``datasets``, ``info``."""

from __future__ import annotations

import argparse
from typing import Any

from iotfin_gui.core.jobs import JobContext
from iotfin_gui.core.lineage import library_versions
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.store import Store


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    demo = subparsers.add_parser(
        "demo", parents=[common],
        help=QT_TRANSLATE_NOOP("Core", "load the simulated demo ATM fleet into the store"),
    )
    demo.add_argument("--seed", type=int, help=QT_TRANSLATE_NOOP(
        "Core", "simulator seed (default: the embedded demo's)"))
    demo.add_argument("--remove", action="store_true",
                      help=QT_TRANSLATE_NOOP("Core", "remove the demo data instead"))
    demo.set_defaults(run=run_demo)

    datasets = subparsers.add_parser("datasets", parents=[common],
                                     help=QT_TRANSLATE_NOOP("Core", "list the datasets"))
    datasets.set_defaults(run=run_datasets, render=render_datasets)

    info = subparsers.add_parser("info", parents=[common],
                                 help=QT_TRANSLATE_NOOP("Core", "describe the store"))
    info.set_defaults(run=run_info)


def run_demo(args: argparse.Namespace, store: Store, ctx: JobContext) -> dict[str, Any]:
    if args.remove:
        return {"removed_datasets": store.remove_demo_data()}
    from iotfin_gui.core.demo import DemoConfig, load_demo  # the simulator: only for this command

    config = DemoConfig() if args.seed is None else DemoConfig(seed=args.seed)
    return load_demo(store, config, ctx)


def run_datasets(args: argparse.Namespace, store: Store, ctx: JobContext) -> dict[str, Any]:
    return {
        "datasets": [
            {"name": d.name, "kind": d.kind, "rows": d.row_count, "columns": len(d.columns),
             "demo": d.is_demo, "source": d.source, "created": d.created_at}
            for d in store.datasets()
        ]
    }


def render_datasets(payload: dict[str, Any]) -> str:
    rows = payload["datasets"]
    if not rows:
        return QT_TRANSLATE_NOOP(
            "Core", "The store holds no datasets. Load the demo with: iotfin demo")
    width = max(len(r["name"]) for r in rows)
    lines = [f"{'name':<{width}}  {'kind':<11} {'rows':>10}  cols  demo"]
    lines += [
        f"{r['name']:<{width}}  {r['kind']:<11} {r['rows']:>10}  {r['columns']:>4}  "
        f"{'yes' if r['demo'] else ''}"
        for r in rows
    ]
    return "\n".join(lines)


def run_info(args: argparse.Namespace, store: Store, ctx: JobContext) -> dict[str, Any]:
    return {
        "store": str(store.path),
        "schema_version": store.schema_version,
        "tables": store.table_counts(),
        "has_demo_data": store.has_demo_data,
        "versions": library_versions(),
    }
