"""Benchmark: bank-scale data, the store's Parquet layout against the release before it.

    nice .venv/bin/python bench/bench_scale.py [--rows N] [--read-rows N] [--atms 1000 10000]
                                               [--before REF] [--skip-before] [--keep DIR]
                                               [--steps import,read,overview,fleet]

``--steps import --skip-before`` runs only the import (ours and DuckDB's, side by side).

Everything is generated into a temporary folder (never committed). Each figure is measured in a
child process of its own (its peak RSS is that process's ``ru_maxrss``), with the machine's
load average printed beside it; "before" runs the same child code against the release ``REF``
(default 0360be3, rows in SQLite tables), unpacked with ``git archive`` into the temporary folder
and run with the same Python. Figures:

* import an N-row, 8-column telemetry CSV (``import_file``): seconds, rows/s, peak RSS; against
  DuckDB's ``read_csv`` into its own database file, same file, side by side (ratio ours/DuckDB);
* read back ``--read-rows`` rows x 8 columns with ``read_dataset``, after vs before: seconds,
  peak RSS, the frame's own size, speed-up;
* the Data panel's overview of the N-row dataset (per-column summary and the per-day series the
  "over time" plot draws), after vs before, scanned (the kept overviews deleted first) and then
  as kept in the store;
* fleet status of a simulated fleet of each ``--atms`` size (30 days of hourly telemetry):
  ``fleet_status`` from a fresh open, and one replay step (``status_at`` on loaded data), after
  vs before, and the growth per 10x ATMs.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = 8

CHILD = r"""
import json, os, resource, sys, time
sys.path.insert(0, sys.argv[1])
step, args = sys.argv[2], json.loads(sys.argv[3])
os.environ.setdefault("IOTFIN_CORES", "2")
result = {}
start = time.perf_counter()
if step == "import":
    from iotfin_gui.core.ingest import import_file
    from iotfin_gui.core.store import Store
    with Store.open(args["db"]) as store:
        done = import_file(store, args["csv"], name="telemetry", kind="telemetry")
        result["rows"] = done.rows_imported
elif step == "duckdb":
    import duckdb
    conn = duckdb.connect(args["db"])
    conn.execute(f"SET threads = {int(os.environ['IOTFIN_CORES'])}")
    conn.execute(f"CREATE TABLE t AS SELECT * FROM read_csv('{args['csv']}')")
    result["rows"] = conn.execute("SELECT count(*) FROM t").fetchone()[0]
    conn.close()
elif step == "read":
    from iotfin_gui.core.store import Store
    with Store.open(args["db"]) as store:
        start = time.perf_counter()
        frame = store.read_dataset("telemetry")
        result["rows"] = len(frame)
        result["frame_mb"] = frame.memory_usage(deep=True).sum() / 1e6
elif step == "overview":
    from iotfin_gui.core.overview import dataset_overview
    from iotfin_gui.core.store import Store
    with Store.open(args["db"]) as store:
        keeps = store.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'overviews'").fetchone() is not None
        if keeps:
            with store.atomic():
                store.conn.execute("DELETE FROM overviews")
        start = time.perf_counter()
        overview = dataset_overview(store, "telemetry")
        result["days"] = len(overview.daily)
        if keeps:
            scanned, tick = time.perf_counter() - start, time.perf_counter()
            dataset_overview(store, "telemetry")
            result["kept_seconds"] = time.perf_counter() - tick
            start = time.perf_counter() - scanned  # "seconds" stays the scan's
elif step == "demo":
    from iotfin_gui.core.demo import DemoConfig, load_demo
    from iotfin_gui.core.store import Store
    with Store.open(args["db"]) as store:
        load_demo(store, DemoConfig(n_atms=args["atms"], days=35, telemetry_days=30,
                                    credit_rows=10))
        result["rows"] = store.dataset("demo_telemetry").row_count
elif step == "fleet":
    import pandas as pd
    from iotfin_gui.core.fleet.status import fleet_status, load_fleet, status_at
    from iotfin_gui.core.fleet.rules import load_rules
    from iotfin_gui.core.store import Store
    with Store.open(args["db"]) as store:
        start = time.perf_counter()
        status = fleet_status(store)
        result["seconds_status"] = time.perf_counter() - start
        result["atms"] = len(status.table)
        rules = load_rules(store)
        end = status.as_of
        data = load_fleet(store, end - pd.Timedelta(days=2), end, rules)
        steps = []
        for hours in range(1, 6):
            tick = time.perf_counter()
            status_at(data, end - pd.Timedelta(hours=hours), rules)
            steps.append(time.perf_counter() - tick)
        result["replay_step_s"] = sorted(steps)[len(steps) // 2]
result["seconds"] = time.perf_counter() - start
result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(result))
"""


def load() -> str:
    return "load {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


def child(code: Path, step: str, **args: object) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, str(code), step, json.dumps(args)],
                          capture_output=True, text=True, check=False, cwd=code)
    if done.returncode:
        raise SystemExit(f"{step} ({code}) failed:\n{done.stderr[-3000:]}")
    result = json.loads([line for line in done.stdout.splitlines() if line.startswith("{")][-1])
    result["load"] = load()
    return result


def generate_csv(path: Path, rows: int, atms: int) -> None:
    """An N-row, 8-column hourly telemetry CSV of ``atms`` ATMs, written by DuckDB (fast,
    bounded memory): 10M rows of 10,000 ATMs span 42 days, 50M rows 208 days."""
    import duckdb

    conn = duckdb.connect()
    conn.execute(f"""
        COPY (SELECT
            printf('ATM-%05d', i % {atms}) AS device_id,
            TIMESTAMP '2024-01-01' + to_hours(CAST(i // {atms} AS BIGINT)) AS timestamp,
            round(200000 - (i // {atms}) % 5000 * 37.5 + (hash(i) % 1000) / 10.0, 2) AS cash,
            round(20 + (hash(i * 7) % 150) / 10.0, 1) AS temperature,
            (hash(i * 13) % 97 = 0) AS door_open,
            CAST(hash(i * 17) % 5 AS INTEGER) AS error_code,
            1 AS heartbeat,
            CASE WHEN hash(i * 19) % 50 = 0 THEN 'maintenance' ELSE 'in service' END AS status
          FROM range({rows}) t(i))
        TO '{path}' (HEADER, DELIMITER ',')""")
    conn.close()


def unpack(ref: str, folder: Path) -> Path:
    """The release ``ref`` as files in ``folder`` (``git archive``: the repository is untouched)."""
    target = folder / f"release-{ref}"
    if not target.exists():
        target.mkdir()
        archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True,
                                 check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def row(name: str, after: dict, before: dict | None, key: str = "seconds") -> str:
    ratio = f"{before[key] / after[key]:.1f}x" if before else "-"
    was = f"{before[key]:.2f} s, {before['rss_mb']:.0f} MB ({before['load']})" if before else "-"
    return (f"| {name} | {was} | {after[key]:.2f} s, {after['rss_mb']:.0f} MB ({after['load']}) "
            f"| {ratio} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--read-rows", type=int, default=None,
                        help="rows read back (default: --rows, at most 5,000,000)")
    parser.add_argument("--atms", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--before", default="0360be3", help="the release to compare with")
    parser.add_argument("--skip-before", action="store_true")
    parser.add_argument("--keep", metavar="DIR")
    parser.add_argument("--steps", default="import,read,overview,fleet",
                        help="which figures (a --keep folder keeps the stores of earlier steps)")
    args = parser.parse_args(argv)
    steps = set(args.steps.split(","))
    read_rows = args.read_rows or min(args.rows, 5_000_000)
    folder = Path(args.keep or tempfile.mkdtemp(prefix="iotfin-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    before_code = None if args.skip_before else unpack(args.before, folder)
    lines = [f"# bench_scale: N={args.rows:,} rows x {COLUMNS} columns, read-back "
             f"{read_rows:,} rows, cores={os.cpu_count()}, start {load()}",
             "| work | before | after | before/after |", "|---|---|---|---|"]
    try:
        if "import" in steps:
            lines.append(import_row(folder, args.rows))
            print(lines[-1], flush=True)
        if "read" in steps:
            lines.append(read_row(folder, read_rows, before_code))
            print(lines[-1], flush=True)
        if "overview" in steps:
            lines += overview_rows(folder, args.rows, read_rows, before_code)
            print("\n".join(lines[-3:]), flush=True)
        if "fleet" in steps:
            lines += fleet_rows(folder, args.atms, before_code)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    print("\n".join(lines))
    print(f"end {load()}, {time.strftime('%H:%M:%S')}")
    return 0


def import_row(folder: Path, rows: int) -> str:
    """The import of an N-row CSV (into ``after.sqlite``), ours against DuckDB's read_csv into
    its own file, side by side."""
    big = folder / "telemetry.csv"
    generate_csv(big, rows, 10_000)
    mb = big.stat().st_size / 1e6
    ours = child(ROOT, "import", db=str(folder / "after.sqlite"), csv=str(big))
    duck = child(ROOT, "duckdb", db=str(folder / "duck.db"), csv=str(big))
    return (f"| import {rows:,}-row CSV ({mb:.0f} MB) | DuckDB read_csv: {duck['seconds']:.1f} s, "
            f"{rows / duck['seconds']:,.0f} rows/s, {duck['rss_mb']:.0f} MB ({duck['load']}) | "
            f"{ours['seconds']:.1f} s, {rows / ours['seconds']:,.0f} rows/s, "
            f"{ours['rss_mb']:.0f} MB ({ours['load']}) | ours/DuckDB "
            f"{duck['seconds'] / ours['seconds']:.2f}x |")


def read_row(folder: Path, rows: int, before_code: Path | None) -> str:
    """``read_dataset`` of a ``rows``-row dataset (``read.sqlite`` after, ``before.sqlite``
    before), made from the same CSV."""
    small = folder / "read.csv"
    if not small.exists():
        generate_csv(small, rows, 10_000)
    after_db, before_db = folder / "after-read.sqlite", folder / "before.sqlite"
    if not after_db.exists():
        child(ROOT, "import", db=str(after_db), csv=str(small))
    before = None
    if before_code is not None:
        if not before_db.exists():
            child(before_code, "import", db=str(before_db), csv=str(small))
        before = child(before_code, "read", db=str(before_db))
    after = child(ROOT, "read", db=str(after_db))
    return row(f"read back {rows:,} x {COLUMNS} (frame {after['frame_mb']:.0f} MB)", after,
               before)


def overview_rows(folder: Path, rows: int, read_rows: int,
                  before_code: Path | None) -> list[str]:
    """The Data panel's overview: of the read-back dataset after vs before, and of N rows."""
    before = None
    if before_code is not None:
        before = child(before_code, "overview", db=str(folder / "before.sqlite"))
    after = child(ROOT, "overview", db=str(folder / "after-read.sqlite"))
    big = child(ROOT, "overview", db=str(folder / "after.sqlite"))
    return [row(f"Data panel overview, {read_rows:,} rows ({after['days']} days)", after, before),
            row(f"Data panel overview, {rows:,} rows ({big['days']} days)", big, None),
            row(f"the same once kept in the store, {rows:,} rows", big, None, "kept_seconds")]


def fleet_rows(folder: Path, sizes: list[int], before_code: Path | None) -> list[str]:
    """Fleet status and a replay step per fleet size, after vs before, and their growth."""
    lines, fleet = [], {}
    for atms in sizes:
        results = {}
        for label, code in (("after", ROOT), ("before", before_code)):
            if code is None:
                continue
            db = folder / f"fleet-{label}-{atms}.sqlite"
            made = child(code, "demo", db=str(db), atms=atms)
            results[label] = child(code, "fleet", db=str(db))
            results[label]["telemetry_rows"] = made["rows"]
        fleet[atms] = results
        after, before = results["after"], results.get("before")
        lines.append(row(f"fleet status, {atms:,} ATMs x 30 days hourly "
                         f"({after['telemetry_rows']:,} rows)", after, before, "seconds_status"))
        lines.append(row(f"replay step, {atms:,} ATMs", after, before, "replay_step_s"))
        print("\n".join(lines[-2:]), flush=True)
    for low, high in itertools.pairwise(sorted(fleet)):
        for label in ("after", "before"):
            if label in fleet[low]:
                a, b = fleet[low][label], fleet[high][label]
                growth = b["seconds_status"] / a["seconds_status"]
                per = growth ** (1 / math.log10(high / low))
                lines.append(f"growth {label}: status {low:,} -> {high:,} ATMs x{growth:.1f} "
                             f"(x{per:.1f} per 10x), replay step x"
                             f"{b['replay_step_s'] / a['replay_step_s']:.1f}")
    return lines


if __name__ == "__main__":
    sys.exit(main())
