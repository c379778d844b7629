"""Benchmark: exporting a stored forecast run as CSV, streamed from SQL against the run's two
tables read whole into pandas (``read_forecast``, as the export did before).

    nice .venv/bin/python bench/bench_forecast_export.py [--atms N] [--horizon DAYS]
                                                         [--repeats N]

A store with one forecast run of ``--atms`` ATMs (default 10,000) x ``--horizon`` days (28) and
the 80/95 % intervals is generated in a temporary folder (never committed). Each export runs
in a child process of its own (peak RSS: the child's ``ru_maxrss``, its start-up included, also
measured alone as "idle"); the two ways alternate, the fastest of ``--repeats`` is shown, both
files must be byte-identical, and the load average is printed beside every figure.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, resource, sys, time
from iotfin_gui.core.store import Store
from iotfin_gui.core.reports import ExportOptions, export_frame, export_table
from iotfin_gui.core.forecast import read_forecast
way, db, out = sys.argv[1:4]
with Store.open(db) as store:
    started = time.perf_counter()
    if way == "whole":
        export_frame(store, "forecast", read_forecast(store, 1), out, run_id=1,
                     options=ExportOptions(force=True))
    elif way == "streamed":
        export_table(store, "forecast", out, run_id=1, options=ExportOptions(force=True))
    took = time.perf_counter() - started
print(json.dumps({"seconds": took, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                  / 1024, "load": open("/proc/loadavg").read().split()[0]}))
"""


def make_store(path: Path, atms: int, horizon: int) -> int:
    import numpy as np
    import pandas as pd

    from iotfin_gui.core.store import Store

    ids = np.repeat([f"ATM{i:05d}" for i in range(atms)], horizon)
    days = np.tile(pd.date_range("2026-12-01", periods=horizon).strftime("%Y-%m-%d"), atms)
    rng = np.random.default_rng(0)
    point = rng.gamma(4.0, 5000.0, len(ids)).round(2)
    with Store.open(path) as store, store.atomic():
        run = store.record_run("forecast", "bench", started_at="2026-12-01T00:00:00Z",
                               duration_s=1.0, params={"horizon": horizon})
        store.conn.executemany("INSERT INTO forecasts VALUES (?, ?, ?, ?)",
                               zip([run] * len(ids), ids, days, point.tolist(), strict=True))
        for level, width in ((80, 0.2), (95, 0.35)):
            store.conn.executemany(
                "INSERT INTO forecast_intervals VALUES (?, ?, ?, ?, ?, ?)",
                zip([run] * len(ids), ids, days, [level] * len(ids),
                    (point * (1 - width)).tolist(), (point * (1 + width)).tolist(), strict=True))
    return len(ids)


def child(way: str, db: Path, out: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, way, str(db), str(out)], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--atms", type=int, default=10_000)
    parser.add_argument("--horizon", type=int, default=28)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "store.sqlite"
        rows = make_store(db, args.atms, args.horizon)
        print(f"{rows:,} forecast rows ({args.atms:,} ATMs x {args.horizon} days, 2 levels)")
        best: dict[str, dict] = {}
        for repeat in range(args.repeats):
            ways = ("whole", "streamed") if repeat % 2 == 0 else ("streamed", "whole")
            for way in (*ways, "idle"):
                got = child(way, db, Path(folder) / f"{way}.csv")
                print(f"  {way:9s} {got['seconds']:6.2f} s  peak RSS {got['rss_mb']:6.0f} MB  "
                      f"(load {got['load']})", flush=True)
                if way not in best or got["seconds"] < best[way]["seconds"]:
                    best[way] = got
        same = (Path(folder) / "whole.csv").read_bytes() == \
            (Path(folder) / "streamed.csv").read_bytes()
        whole, streamed, idle = best["whole"], best["streamed"], best["idle"]
        print(f"identical files: {same}")
        print(f"fastest: whole {whole['seconds']:.2f} s, streamed {streamed['seconds']:.2f} s "
              f"(x{whole['seconds'] / streamed['seconds']:.2f} faster)")
        above = (whole["rss_mb"] - idle["rss_mb"], streamed["rss_mb"] - idle["rss_mb"])
        print(f"peak RSS above an idle child ({idle['rss_mb']:.0f} MB): whole {above[0]:.0f} MB, "
              f"streamed {above[1]:.0f} MB")


if __name__ == "__main__":
    main()
