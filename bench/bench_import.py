"""Benchmark: our CSV import (types parsed and validated) against the ``sqlite3`` shell's .import.

Generates an N-row (default 1,000,000), 8-column telemetry CSV in a temporary folder, imports it
with :func:`iotfin_gui.core.ingest.import_file` in a child process (to measure that process's
peak RSS), then times ``sqlite3 DB ".import --csv FILE t"`` on the same file, and prints rows/s for
both, the ratio ours/shell and our peak RSS. Targets: ratio >= 0.5, peak RSS < 300 MB.

    python bench/bench_import.py [--rows N] [--chunk-rows N]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from iotfin_gui.core.ingest import import_file
from iotfin_gui.core.store import Store
store = Store.open(sys.argv[2])
start = time.perf_counter()
result = import_file(store, sys.argv[3], name="bench", kind="telemetry",
                     chunk_rows=int(sys.argv[4]))
seconds = time.perf_counter() - start
store.close()
print(json.dumps({"seconds": seconds, "rows": result.rows_imported,
                  "quarantined": result.rows_quarantined,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def make_csv(path: Path, rows: int, seed: int = 0) -> None:
    """An 8-column telemetry CSV: time, device, 5 metrics and a status, written in blocks."""
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2024-01-01")
    block = 200_000
    with open(path, "w", newline="") as handle:
        for offset in range(0, rows, block):
            n = min(block, rows - offset)
            index = np.arange(offset, offset + n)
            frame = pd.DataFrame({
                "timestamp": (start + pd.to_timedelta(index // 50 * 60, unit="s"))
                .strftime("%Y-%m-%d %H:%M:%S"),
                "device_id": np.char.add("ATM-", (index % 50).astype(str)),
                "temperature": rng.normal(30, 5, n).round(3),
                "voltage": rng.normal(220, 3, n).round(3),
                "cash_level": rng.integers(0, 100_000, n),
                "door_open": rng.integers(0, 2, n),
                "vibration": rng.random(n).round(5),
                "status": rng.choice(["ok", "warn", "fault"], n),
            })
            frame.to_csv(handle, index=False, header=offset == 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--chunk-rows", type=int, default=50_000)
    args = parser.parse_args()
    sqlite = shutil.which("sqlite3")
    with tempfile.TemporaryDirectory() as folder:
        folder_path = Path(folder)
        csv_path = folder_path / "telemetry.csv"
        make_csv(csv_path, args.rows)
        size_mb = csv_path.stat().st_size / 1e6
        print(f"file: {args.rows:,} rows x 8 columns, {size_mb:,.1f} MB")

        output = subprocess.run(
            [sys.executable, "-c", CHILD, str(ROOT), str(folder_path / "ours.sqlite"),
             str(csv_path), str(args.chunk_rows)],
            check=True, capture_output=True, text=True,
        ).stdout.strip().splitlines()[-1]
        ours = json.loads(output)
        ours_rate = ours["rows"] / ours["seconds"]
        print(f"ours:   {ours['seconds']:.2f} s  {ours_rate:,.0f} rows/s  "
              f"(imported {ours['rows']:,}, quarantined {ours['quarantined']:,}), "
              f"peak RSS {ours['peak_rss_mb']:.0f} MB")

        if sqlite is None:
            print("sqlite3 shell not found; no comparison")
            return
        start = time.perf_counter()
        subprocess.run([sqlite, str(folder_path / "shell.sqlite"), f".import --csv {csv_path} t"],
                       check=True)
        shell_seconds = time.perf_counter() - start
        shell_rate = args.rows / shell_seconds
        print(f"shell:  {shell_seconds:.2f} s  {shell_rate:,.0f} rows/s  (sqlite3 .import --csv, "
              "all text, no validation)")
        print(f"ratio ours/shell: {ours_rate / shell_rate:.2f}  (target >= 0.5)")
        print(f"peak RSS: {ours['peak_rss_mb']:.0f} MB  (target < 300 MB); this process: "
              f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
