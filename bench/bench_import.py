"""Benchmark: our CSV import (types parsed and validated) against the ``sqlite3`` shell's .import.

For each size in ``--rows`` (default 1,000,000) it generates an 8-column telemetry CSV in a
temporary folder, then ``--repeat`` times, alternating: imports it with
:func:`iotfin_gui.core.ingest.import_file` in a child process (for that process's own peak RSS)
and times ``sqlite3 DB ".import --csv FILE t"`` on the same file. It prints the median rows/s of
both, the median of the per-round ratios ours/shell (the machine may be shared: only ratios
measured side by side mean much), our peak RSS and where our time went (reading and splitting,
converting and validating, handing rows to the store's writer, the rest: preview, duplicate
check, commit). Since the CSV is read ahead in a thread of its own and the Parquet parts are
encoded in another, "read" overlaps the rest and the parts may add up to more than the total.
Targets: ratio >= 0.7 (issue 14), peak RSS < 300 MB and flat in the file size.

Then the same columns as a ``--xlsx-rows`` (default 100,000) row .xlsx workbook: our import
against python-calamine reading the sheet into Python lists directly (the floor for any importer
built on it), both in child processes, side by side; ``--xlsx-rows 0`` skips it.

``--baseline ROOT`` also times, in the same rounds, the import of the project checked out at
ROOT (e.g. ``git worktree add /tmp/before <commit>``) and prints after/before ratios. Every
figure is printed with the machine's load average when it was measured.

    python bench/bench_import.py [--rows N [N ...]] [--repeat R] [--chunk-rows N]
                                 [--xlsx-rows N] [--baseline ROOT]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
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
from iotfin_gui.core.ingest.readers import CsvReader
try:
    from iotfin_gui.core.ingest.workbooks import ExcelReader
except ImportError:  # a baseline from before the workbook reader had its own module
    from iotfin_gui.core.ingest.readers import ExcelReader
from iotfin_gui.core.ingest.validate import ChunkConverter
from iotfin_gui.core.store import DatasetWriter, Store

spent = {"read": 0.0, "convert": 0.0, "write": 0.0}

def timed(name, function):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - start
    return wrapper

def timed_chunks(function):
    def wrapper(self):
        chunks = function(self)
        while True:
            start = time.perf_counter()
            chunk = next(chunks, None)
            spent["read"] += time.perf_counter() - start
            if chunk is None:
                return
            yield chunk
    return wrapper

CsvReader.chunks = timed_chunks(CsvReader.chunks)
ExcelReader.chunks = timed_chunks(ExcelReader.chunks)
ChunkConverter.convert = timed("convert", ChunkConverter.convert)
if hasattr(DatasetWriter, "append_columns"):
    DatasetWriter.append_columns = timed("write", DatasetWriter.append_columns)
else:  # a baseline from before the writer took Arrow columns
    DatasetWriter.append = timed("write", DatasetWriter.append)
store = Store.open(sys.argv[2])
start = time.perf_counter()
result = import_file(store, sys.argv[3], name="bench", kind="telemetry",
                     chunk_rows=int(sys.argv[4]))
seconds = time.perf_counter() - start
store.close()
print(json.dumps({"seconds": seconds, "rows": result.rows_imported,
                  "quarantined": result.rows_quarantined, "spent": spent,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


CALAMINE = """
import json, sys, time
from python_calamine import CalamineWorkbook
start = time.perf_counter()
book = CalamineWorkbook.from_path(sys.argv[1])
rows = book.get_sheet_by_name(book.sheet_names[0]).to_python()
print(json.dumps({"seconds": time.perf_counter() - start, "rows": len(rows) - 1}))
"""


def telemetry(rows: int, seed: int = 0, block: int = 200_000):
    """Blocks of an 8-column telemetry table: time, device, 5 metrics and a status."""
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2024-01-01")
    for offset in range(0, rows, block):
        n = min(block, rows - offset)
        index = np.arange(offset, offset + n)
        yield offset, pd.DataFrame({
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


def make_csv(path: Path, rows: int) -> None:
    """The telemetry table as CSV, written in blocks."""
    with open(path, "w", newline="") as handle:
        for offset, frame in telemetry(rows):
            frame.to_csv(handle, index=False, header=offset == 0)


def make_xlsx(path: Path, rows: int) -> None:
    """The telemetry table as a one-sheet .xlsx (openpyxl's streaming writer)."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("telemetry")
    for offset, frame in telemetry(rows):
        if offset == 0:
            sheet.append(list(frame.columns))
        for row in frame.itertuples(index=False):
            sheet.append([v.item() if hasattr(v, "item") else v for v in row])
    book.save(path)


def child(script: str, *args: str) -> dict:
    """What a child process running ``script`` prints last (JSON)."""
    output = subprocess.run([sys.executable, "-c", script, *args], check=True,
                            capture_output=True, text=True).stdout.strip().splitlines()[-1]
    return json.loads(output)


def ours(folder: Path, csv_path: Path, chunk_rows: int, root: Path = ROOT) -> dict:
    """One import in a child process (of the project at ``root``): seconds, rows, peak RSS,
    the time split and the load average after it."""
    db = folder / "ours.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    shutil.rmtree(folder / "ours_data", ignore_errors=True)  # the store's Parquet parts, if any
    result = child(CHILD, str(root), str(db), str(csv_path), str(chunk_rows))
    return {**result, "load": os.getloadavg()[0]}


def baseline_line(runs: list[dict], before: list[dict]) -> str:
    """The after/before ratio of import times measured in the same rounds."""
    ratios = sorted(b["seconds"] / r["seconds"] for r, b in zip(runs, before, strict=True))
    return (f"before:   {statistics.median(b['seconds'] for b in before):.2f} s (the baseline "
            f"tree); speed-up after/before: median {statistics.median(ratios):.2f} (rounds "
            f"{', '.join(f'{r:.2f}' for r in ratios)})")


def loads(runs: list[dict]) -> str:
    return "load " + ", ".join(f"{r['load']:.1f}" for r in runs)


def shell(sqlite: str, folder: Path, csv_path: Path) -> float:
    """Seconds the sqlite3 shell takes to ``.import --csv`` the file into a new database."""
    db = folder / "shell.sqlite"
    db.unlink(missing_ok=True)
    start = time.perf_counter()
    subprocess.run([sqlite, str(db), f".import --csv {csv_path} t"], check=True)
    return time.perf_counter() - start


def run(rows: int, repeat: int, chunk_rows: int, sqlite: str | None,
        baseline: Path | None = None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder_path = Path(folder)
        csv_path = folder_path / "telemetry.csv"
        make_csv(csv_path, rows)
        print(f"file: {rows:,} rows x 8 columns, {csv_path.stat().st_size / 1e6:,.1f} MB; "
              f"{repeat} rounds")
        runs, shell_seconds, before = [], [], []
        for _ in range(repeat):
            runs.append(ours(folder_path, csv_path, chunk_rows))
            if sqlite is not None:
                shell_seconds.append(shell(sqlite, folder_path, csv_path))
            if baseline is not None:
                before.append(ours(folder_path, csv_path, chunk_rows, baseline))
        seconds = statistics.median(r["seconds"] for r in runs)
        last = runs[-1]
        print(f"ours:   {seconds:.2f} s  {rows / seconds:,.0f} rows/s  (imported "
              f"{last['rows']:,}, quarantined {last['quarantined']:,}), peak RSS "
              f"{max(r['peak_rss_mb'] for r in runs):.0f} MB; {loads(runs)}")
        if before:
            print("        " + baseline_line(runs, before))
        split = {k: statistics.median(r["spent"][k] for r in runs) for k in last["spent"]}
        split["other"] = seconds - sum(split.values())
        print("        " + ", ".join(f"{k} {v:.2f} s" for k, v in split.items()) +
              "  (other: preview, duplicate check, commit)")
        if sqlite is None:
            print("sqlite3 shell not found; no comparison")
            return
        shell_median = statistics.median(shell_seconds)
        print(f"shell:  {shell_median:.2f} s  {rows / shell_median:,.0f} rows/s  (sqlite3 "
              ".import --csv, all text, no validation)")
        ratios = sorted(s / r["seconds"] for r, s in zip(runs, shell_seconds, strict=True))
        print(f"ratio ours/shell: median {statistics.median(ratios):.2f} (rounds "
              f"{', '.join(f'{r:.2f}' for r in ratios)}; target >= 0.7)")


def run_xlsx(rows: int, repeat: int, chunk_rows: int, baseline: Path | None = None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder_path = Path(folder)
        path = folder_path / "telemetry.xlsx"
        make_xlsx(path, rows)
        print(f"workbook: {rows:,} rows x 8 columns, {path.stat().st_size / 1e6:,.1f} MB; "
              f"{repeat} rounds")
        runs, direct, before = [], [], []
        for _ in range(repeat):
            runs.append(ours(folder_path, path, chunk_rows))
            direct.append(child(CALAMINE, str(path))["seconds"])
            if baseline is not None:
                before.append(ours(folder_path, path, chunk_rows, baseline))
        seconds = statistics.median(r["seconds"] for r in runs)
        last = runs[-1]
        print(f"ours:     {seconds:.2f} s  {rows / seconds:,.0f} rows/s  (imported "
              f"{last['rows']:,}), peak RSS {max(r['peak_rss_mb'] for r in runs):.0f} MB; "
              f"reading {statistics.median(r['spent']['read'] for r in runs):.2f} s; "
              f"{loads(runs)}")
        calamine = statistics.median(direct)
        print(f"calamine: {calamine:.2f} s  {rows / calamine:,.0f} rows/s  (the sheet into "
              "Python lists, no types, no store)")
        ratios = sorted(d / r["seconds"] for r, d in zip(runs, direct, strict=True))
        print(f"ratio ours/calamine: median {statistics.median(ratios):.2f} (rounds "
              f"{', '.join(f'{r:.2f}' for r in ratios)})")
        if before:
            old = sorted(d / b["seconds"] for b, d in zip(before, direct, strict=True))
            print(f"ratio before/calamine: median {statistics.median(old):.2f}")
            print(baseline_line(runs, before))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--chunk-rows", type=int, default=50_000)
    parser.add_argument("--xlsx-rows", type=int, default=100_000)
    parser.add_argument("--baseline", type=Path, default=None,
                        help="also time the project checked out at this folder")
    args = parser.parse_args()
    sqlite = shutil.which("sqlite3")
    for rows in args.rows:
        run(rows, args.repeat, args.chunk_rows, sqlite, args.baseline)
    if args.xlsx_rows:
        run_xlsx(args.xlsx_rows, args.repeat, args.chunk_rows, args.baseline)
    print(f"peak RSS target < 300 MB; this process: "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
