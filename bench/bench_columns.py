"""Benchmark: recipes and training that read only the columns they use (and save in batches),
against the code before it.

    nice .venv/bin/python bench/bench_columns.py [--rows N] [--unused N] [--before REF]
                                                 [--repeats N] [--skip-before] [--keep DIR]

A store is generated into a temporary folder (never committed): one telemetry-like dataset of
``--rows`` rows (default 2,000,000) and 40 columns, of which a recipe or a model uses 5 (device,
time, amount, count and the 0/1 ``fault`` label) and the other ``--unused`` (35) are readings
nothing uses. Two recipes are saved with it:

* ``features`` (row by row: a value filter, calendar features, a missing-value marker, a time
  split, a median impute and a scaler; every column passes through to the result), applied and
  saved as a new dataset with ``recipe_job``: the batched path;
* ``few`` (``select_columns`` of the 5 used columns, a lag, a time split, an impute), used by
  ``train`` (logistic regression, 3-fold CV): the column-limited read.

Each figure is measured in a child process of its own on its own copy of the store (peak RSS is
the child's ``ru_maxrss``), with the load average beside it; "before" runs the same child code
against ``REF`` (default: the commit this work started from), unpacked with ``git archive``
into the temporary folder, with the same Python. With ``--repeats`` each side runs that many
times, alternating which goes first, and the fastest run of each is shown.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START = "4ef4ee7"

CHILD = r"""
import json, os, resource, sys, time
sys.path.insert(0, sys.argv[1])
step, args = sys.argv[2], json.loads(sys.argv[3])
os.environ.setdefault("IOTFIN_CORES", "2")
result = {}
start = time.perf_counter()
if step == "generate":
    import numpy as np
    import pandas as pd
    from iotfin_gui.core.recipes import make_recipe, save_recipe
    from iotfin_gui.core.store import Column, Store
    rows, unused, chunk = args["rows"], args["unused"], 200_000
    names = ["device_id", "time", "amount", "count", "fault"]
    names += [f"reading_{n:02d}" for n in range(unused)]
    kinds = ["text", "datetime", "float", "integer", "integer"] + ["float"] * unused
    atms = max(1, rows // 1000)
    per_atm = rows // atms
    rng = np.random.default_rng(1)
    with Store.open(args["db"]) as store:
        with store.new_dataset("telemetry", "telemetry", [Column(n, k) for n, k in zip(names,
                               kinds)], roles={"device_id": "device_id", "time": "timestamp",
                                               "fault": "label"}, source="bench") as writer:
            for first in range(0, atms * per_atm, chunk):
                index = np.arange(first, min(first + chunk, atms * per_atm))
                amount = rng.gamma(2.0, 400.0, len(index))
                amount[rng.random(len(index)) < 0.02] = np.nan
                frame = pd.DataFrame({
                    "device_id": [f"ATM-{n:05d}" for n in index // per_atm],
                    "time": pd.Timestamp("2026-01-01") + pd.to_timedelta(index % per_atm,
                                                                          unit="h"),
                    "amount": amount, "count": rng.integers(0, 60, len(index)),
                    "fault": (rng.random(len(index)) < 0.05 + (amount > 1500) * 0.1).astype(
                        "int64")})
                for n in range(unused):
                    frame[f"reading_{n:02d}"] = rng.normal(n, 1.0, len(index))
                writer.append(frame)
        save_recipe(store, make_recipe("features", [
            ("filter_rows", {"conditions": [{"column": "count", "op": ">=", "value": 1}]}),
            ("calendar", {"features": ["day_of_week", "month"]}),
            ("missing_indicator", {"columns": ["amount"]}),
            ("split", {"method": "time", "test_fraction": 0.2}),
            ("impute", {"columns": ["amount"], "strategy": "median"}),
            ("scale", {"columns": ["amount", "count"]})], target="fault"))
        save_recipe(store, make_recipe("few", [
            ("select_columns", {"columns": ["device_id", "time", "amount", "count", "fault"]}),
            ("lags", {"columns": ["amount"], "lags": [1]}),
            ("split", {"method": "time", "test_fraction": 0.2}),
            ("impute", {"columns": ["amount", "amount_lag1"], "strategy": "median"})],
            target="fault"))
        result["rows"] = store.dataset("telemetry").row_count
        result["columns"] = len(store.dataset("telemetry").columns)
elif step == "apply":
    from iotfin_gui.core.jobs import JobContext
    from iotfin_gui.core.recipes import recipe_job
    from iotfin_gui.core.store import Store
    summary = recipe_job(JobContext(), args["db"], "telemetry", "features", save_as="prepared")
    with Store.open(args["db"]) as store:
        saved = store.dataset("prepared")
        result["rows"], result["columns"] = saved.row_count, len(saved.columns)
        result["hash"] = saved.data_hash
elif step == "train":
    from iotfin_gui.core.models import train
    from iotfin_gui.core.store import Store
    with Store.open(args["db"]) as store:
        results = train(store, "telemetry", task="classification", models=["logistic"],
                        cv="kfold", folds=3, recipe="few")
        result["roc_auc"] = results[1].metrics["roc_auc"][0]
result["seconds"] = time.perf_counter() - start
result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(result))
"""


def load() -> str:
    return "load {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


def child(code: Path, step: str, **args: object) -> dict:
    started = load()
    done = subprocess.run([sys.executable, "-c", CHILD, str(code), step, json.dumps(args)],
                          capture_output=True, text=True, check=False, cwd=code)
    if done.returncode:
        raise SystemExit(f"{step} ({code}) failed:\n{done.stderr[-3000:]}")
    result = json.loads([line for line in done.stdout.splitlines() if line.startswith("{")][-1])
    result["load"] = f"{started} -> {load()}"
    return result


def unpack(ref: str, folder: Path) -> Path:
    """The code at ``ref`` as files in ``folder`` (``git archive``: the repository is
    untouched)."""
    target = folder / f"code-{ref}"
    if not target.exists():
        target.mkdir()
        archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True,
                                 check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def copy_store(source: Path, folder: Path) -> Path:
    """A copy of the store ``source`` (its SQLite file and its rows' folder) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, folder / source.name)
    data = source.with_name(f"{source.stem}_data")
    shutil.copytree(data, folder / data.name)
    return folder / source.name


def row(name: str, before: dict | None, after: dict) -> str:
    if before is None:
        return (f"| {name} | - | {after['seconds']:.1f} s, {after['rss_mb']:.0f} MB "
                f"({after['load']}) | - | - |")
    return (f"| {name} | {before['seconds']:.1f} s, {before['rss_mb']:.0f} MB ({before['load']}) "
            f"| {after['seconds']:.1f} s, {after['rss_mb']:.0f} MB ({after['load']}) "
            f"| {before['seconds'] / after['seconds']:.2f}x "
            f"| {before['rss_mb'] / after['rss_mb']:.2f}x |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--unused", type=int, default=35,
                        help="columns nothing uses (the dataset has 5 more)")
    parser.add_argument("--before", default=START, help="the code to compare with")
    parser.add_argument("--skip-before", action="store_true")
    parser.add_argument("--keep", metavar="DIR")
    parser.add_argument("--repeats", type=int, default=1,
                        help="runs of each side, alternating the order; the fastest is shown")
    args = parser.parse_args(argv)
    folder = Path(args.keep or tempfile.mkdtemp(prefix="iotfin-columns-"))
    folder.mkdir(parents=True, exist_ok=True)
    codes = {"after": ROOT}
    if not args.skip_before:
        codes["before"] = unpack(args.before, folder)
    source = folder / "source" / "bench.sqlite"
    source.parent.mkdir(exist_ok=True)
    lines = [f"# bench_columns: {args.rows:,} rows x {args.unused + 5} columns (5 used), "
             f"cores={os.cpu_count()}, start {load()}",
             "| work | before (load) | after (load) | time before/after "
             "| peak RSS before/after |", "|---|---|---|---|---|"]
    try:
        # made by the older code, which the newer one reads (and migrates) as any user's store
        made = child(codes.get("before", ROOT), "generate", db=str(source), rows=args.rows,
                     unused=args.unused)
        print(f"generated {made['rows']:,} rows x {made['columns']} columns in "
              f"{made['seconds']:.0f} s ({made['load']})", flush=True)
        for step, label in (("apply", "recipe `features` applied and saved (all columns "
                                       "pass through)"),
                            ("train", "train logistic, 3-fold CV, recipe `few` (5 of 40 "
                                      "columns)")):
            runs: dict[str, list[dict]] = {side: [] for side in codes}
            for repeat in range(args.repeats):
                # before, after, then after, before...: a load that drifts hits both alike
                for side in ("before", "after") if repeat % 2 == 0 else ("after", "before"):
                    if side in codes:
                        shutil.rmtree(folder / f"{step}-{side}", ignore_errors=True)
                        db = copy_store(source, folder / f"{step}-{side}")
                        runs[side].append(child(codes[side], step, db=str(db)))
                        print(f"{step} {side}: {json.dumps(runs[side][-1])}", flush=True)
            results = {side: min(done, key=lambda r: r["seconds"]) for side, done in runs.items()}
            if "before" in results and "hash" in results["before"]:
                same = results["before"]["hash"] == results["after"]["hash"]
                label += " - same data hash" if same else " - DATA HASH DIFFERS"
            lines.append(row(label, results.get("before"), results["after"]))
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    print("\n".join(lines))
    print(f"end {load()}, {time.strftime('%H:%M:%S')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
