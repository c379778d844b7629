"""Benchmark: store migration 6 (the role ``cash_level`` stated for datasets stored before it)
against opening the same store with nothing to migrate, in one run.

    nice .venv/bin/python bench/bench_cash_level_migration.py [--datasets N] [--rows N]
                                                              [--repeats N]

A store of ``--datasets`` (default 200) withdrawals datasets of ``--rows`` rows each (default
1,000) is generated into a temporary folder: half keep their end-of-day cash as a metric named
``cash_level_end`` (as before the role existed), a quarter as a column without a role, a quarter
have no cash column. Each repeat opens a fresh copy at schema 5 (backup, then the migration) and
a fresh copy already at the current schema (the baseline), alternating which goes first; the
median of each is shown, with the migration step alone (run and rolled back) and the load.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
import pandas as pd

from iotfin_gui.core.store import Store
from iotfin_gui.core.store_files import backups_dir, data_dir
from iotfin_gui.core.store_migration import state_cash_levels


def generate(path: Path, datasets: int, rows: int) -> None:
    rng = np.random.default_rng(6)
    with Store.open(path) as store:
        for index in range(datasets):
            frame = pd.DataFrame({
                "atm": [f"ATM-{i % 20:03d}" for i in range(rows)],
                "day": pd.date_range("2024-01-01", periods=rows, freq="h"),
                "amount": rng.gamma(2.0, 1_000.0, rows).round(-2),
                "cash_level_end": rng.uniform(0, 200_000, rows).round(-2),
            })
            roles = {"atm": "device_id", "day": "timestamp", "amount": "amount"}
            if index % 4 == 3:
                frame = frame.drop(columns="cash_level_end")
            elif index % 2 == 0:
                roles["cash_level_end"] = "metric"
            store.write_dataset(f"w{index:03d}", frame, "withdrawals", roles=roles,
                                source="bench")


def copy(source: Path, target: Path, version: int | None) -> Path:
    shutil.copy(source, target)
    shutil.copytree(data_dir(source), data_dir(target))
    if version is not None:
        with sqlite3.connect(target) as conn:
            conn.execute(f"PRAGMA user_version = {version}")
    return target


def timed_open(path: Path) -> float:
    start = time.perf_counter()
    with Store.open(path):
        pass
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=int, default=200)
    parser.add_argument("--rows", type=int, default=1_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        source = root / "source.sqlite"
        generate(source, args.datasets, args.rows)
        migrate, baseline, step = [], [], []
        for repeat in range(args.repeats):
            old = copy(source, root / f"old{repeat}.sqlite", 5)
            new = copy(source, root / f"new{repeat}.sqlite", None)
            pair = [(old, migrate), (new, baseline)]
            for path, times in pair if repeat % 2 == 0 else pair[::-1]:
                times.append(timed_open(path))
            with Store.open(new) as store:
                store.conn.execute("BEGIN")
                start = time.perf_counter()
                state_cash_levels(store)
                step.append(time.perf_counter() - start)
                store.conn.execute("ROLLBACK")
            with Store.open(old) as store:
                stated = sum(1 for d in store.datasets() if "cash_level" in d.roles.values())
            for path in (old, new):
                shutil.rmtree(data_dir(path), ignore_errors=True)
                shutil.rmtree(backups_dir(path), ignore_errors=True)
    load = Path("/proc/loadavg").read_text().split()[:3]
    med = {name: statistics.median(times) for name, times in
           (("migrate", migrate), ("baseline", baseline), ("step", step))}
    print(f"{args.datasets} datasets x {args.rows} rows, {args.repeats} repeats, "
          f"load {' '.join(load)}; {stated} datasets got the role")
    print(f"open at schema 5 (backup + migration): {med['migrate'] * 1000:8.1f} ms")
    print(f"open at the current schema (baseline): {med['baseline'] * 1000:8.1f} ms")
    print(f"migration step alone:                  {med['step'] * 1000:8.1f} ms")
    print(f"ratio migrate / baseline: {med['migrate'] / med['baseline']:.2f}; "
          f"step / baseline: {med['step'] / med['baseline']:.2f}")


if __name__ == "__main__":
    main()
