"""Benchmark: ``forecast`` auto of a bank-scale fleet, locally and on a 2-worker Dask cluster.

    nice .venv/bin/python bench/bench_forecast_scale.py [--atms 1000 10000] [--days 730]
                                                        [--horizon 28] [--cluster | --no-cluster]
                                                        [--cores 2] [--keep DIR]

For each fleet size it generates N ATMs x ``--days`` daily withdrawals (weekly and yearly
seasonality, English bank holidays and the days before them, payday bumps, noise, a per-ATM scale,
a few unrecorded days; seeded, so every run sees the same fleet) as a CSV in a temporary folder
(never committed), imports it into a fresh store with the app's own ``import`` command, then
runs the app's ``forecast`` command (auto, ``--horizon``, GB-ENG holidays, the run recorded in
the store, the table written as CSV) in a child process of its own and measures:

* wall seconds; CPU seconds of the command and everything it started;
* peak RSS of the command's process tree, sampled every 0.2 s (with the cluster: plus the
  cluster's worker processes, which run the pieces);
* the load average before and after.

With ``--cluster`` (the default) the same forecast runs again with ``--cluster`` pointing at a
``LocalCluster`` of 2 worker processes x 1 thread started here (loopback only); the ratio
cluster/local is printed. With two or more sizes the growth per 10x ATMs is printed as well.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import math
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import psutil
import pyarrow as pa
import pyarrow.csv as pacsv

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
START = "2024-01-01"
HOLIDAYS = "GB-ENG"
#: ATMs generated (and written) at a time, to keep the generator's memory small.
CHUNK_ATMS = 1000
SEED = 20261202


def load() -> str:
    return "load {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


def fleet_frame(first: int, count: int, dates: pd.DatetimeIndex, holiday_days: np.ndarray,
                rng: np.random.Generator) -> pd.DataFrame:
    """Daily withdrawals of ATMs ``first .. first + count - 1`` (device_id, date, withdrawn)."""
    days = len(dates)
    weekday = dates.day_of_week.to_numpy()
    weekly = np.array([0.95, 0.9, 0.95, 1.05, 1.35, 1.1, 0.7])[weekday]
    yearly = 1 + 0.12 * np.sin(2 * np.pi * (dates.day_of_year.to_numpy() - 80) / 365.25)
    payday = 1 + 0.25 * np.asarray(dates.days_in_month - dates.day <= 1)
    on_holiday = np.isin(dates.normalize().to_numpy(), holiday_days)
    before_holiday = np.isin((dates + pd.Timedelta(days=1)).normalize().to_numpy(), holiday_days)
    calendar = weekly * yearly * payday * np.where(on_holiday, 0.45, 1.0) * \
        np.where(before_holiday, 1.5, 1.0)
    scale = rng.lognormal(mean=np.log(9000), sigma=0.6, size=count)
    trend = 1 + rng.normal(0, 0.1, size=count)[:, None] * np.linspace(0, 1, days)
    noise = rng.lognormal(mean=0, sigma=0.18, size=(count, days))
    values = np.round(scale[:, None] * calendar * trend * noise, 2)
    values[rng.random((count, days)) < 0.005] = np.nan  # days the feed missed
    keep = np.isfinite(values).ravel()
    ids = np.array([f"ATM-{i:05d}" for i in range(first, first + count)])
    return pd.DataFrame({
        "device_id": np.repeat(ids, days)[keep],
        "date": np.tile(dates.strftime("%Y-%m-%d").to_numpy(), count)[keep],
        "withdrawn": values.ravel()[keep],
    })


def generate_csv(path: Path, atms: int, days: int) -> int:
    """Write the fleet's CSV; the number of rows written."""
    from iotfin_gui.core.forecast.calendar import holiday_calendar

    dates = pd.date_range(START, periods=days, freq="D")
    years = range(dates[0].year, dates[-1].year + 2)
    holiday_days = pd.DatetimeIndex(sorted(holiday_calendar(HOLIDAYS, years))).to_numpy()
    rng = np.random.default_rng(SEED)
    rows = 0
    with pacsv.CSVWriter(path, pa.schema([("device_id", pa.string()), ("date", pa.string()),
                                          ("withdrawn", pa.float64())])) as writer:
        for first in range(0, atms, CHUNK_ATMS):
            frame = fleet_frame(first, min(CHUNK_ATMS, atms - first), dates, holiday_days, rng)
            writer.write_table(pa.Table.from_pandas(frame, preserve_index=False))
            rows += len(frame)
    return rows


@dataclass
class Measured:
    """One command's wall and CPU seconds, the peak RSS of its processes, the load around it."""

    wall: float
    cpu: float
    peak_mb: float
    load_before: str
    load_after: str
    output: str


def _tree_rss(root: psutil.Process, extra: list[psutil.Process]) -> tuple[float, dict[int, float]]:
    """RSS (MB) of ``root``, its descendants and ``extra``; and the CPU seconds of each."""
    total, cpu = 0.0, {}
    with contextlib.suppress(psutil.NoSuchProcess):
        processes = [root, *root.children(recursive=True), *extra]
        for process in processes:
            with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied), \
                    process.oneshot():
                total += process.memory_info().rss / 1e6
                times = process.cpu_times()
                cpu[process.pid] = times.user + times.system
    return total, cpu


def measure(command: list[str], extra: list[psutil.Process] | None = None) -> Measured:
    """Run ``command``; sample its process tree (and ``extra`` processes) every 0.2 s."""
    extra = extra or []
    extra_cpu_before = sum(_tree_rss(p, [])[1].get(p.pid, 0.0) for p in extra)
    load_before = load()
    started = time.perf_counter()
    children_before = os.times()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    watched = psutil.Process(process.pid)
    peak = 0.0
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.extend(process.stdout), daemon=True)
    reader.start()
    while process.poll() is None:
        peak = max(peak, _tree_rss(watched, extra)[0])
        time.sleep(0.2)
    reader.join()
    wall = time.perf_counter() - started
    children = os.times()
    own = (children.children_user - children_before.children_user
           + children.children_system - children_before.children_system)
    extra_cpu = sum(_tree_rss(p, [])[1].get(p.pid, 0.0) for p in extra) - extra_cpu_before
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{''.join(output)[-3000:]}")
    return Measured(wall, own + extra_cpu, peak, load_before, load(), "".join(output))


def app(db: Path, *args: str, cluster: str | None = None, cores: int = 2) -> list[str]:
    """The app's command line for ``args`` on store ``db``."""
    where = ["--cluster", cluster] if cluster else []
    return [sys.executable, str(ROOT / "main.py"), "--db", str(db), "--cores", str(cores),
            "--quiet", *where, *args]


def forecast_command(db: Path, out: Path, horizon: int, cluster: str | None,
                     cores: int) -> list[str]:
    return app(db, "forecast", "--dataset", "withdrawals", "--horizon", str(horizon),
               "--model", "auto", "--holidays", HOLIDAYS, "--out", str(out), "--force",
               cluster=cluster, cores=cores)


@contextlib.contextmanager
def local_cluster(workers: int) -> Iterator[tuple[str, list[psutil.Process]]]:
    """A LocalCluster of ``workers`` processes x 1 thread on loopback: its address and its
    worker processes."""
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      host="127.0.0.1", dashboard_address=None) as made, \
            Client(made.scheduler_address) as client:
        pids = client.run(os.getpid).values()
        yield made.scheduler_address, [psutil.Process(pid) for pid in pids]


def row(label: str, found: Measured, baseline: Measured | None = None) -> str:
    ratio = f"{found.wall / baseline.wall:.2f}x" if baseline else "-"
    return (f"| {label} | {found.wall:.1f} | {found.cpu:.1f} | {found.peak_mb:,.0f} | {ratio} | "
            f"{found.load_before} -> {found.load_after} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--atms", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--horizon", type=int, default=28)
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--cluster", action=argparse.BooleanOptionalAction, default=True,
                        help="also run on a 2-worker LocalCluster (default: yes)")
    parser.add_argument("--keep", metavar="DIR", help="keep the generated stores in DIR")
    args = parser.parse_args(argv)
    folder = Path(args.keep or tempfile.mkdtemp(prefix="iotfin-forecast-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    lines = [f"# bench_forecast_scale: {args.days} days, horizon {args.horizon}, auto, "
             f"--cores {args.cores}, machine cores {os.cpu_count()}, start {load()}",
             "| run | wall s | CPU s | peak RSS MB | ratio to local | load before -> after |",
             "|---|---|---|---|---|---|"]
    local: dict[int, Measured] = {}
    try:
        for atms in args.atms:
            local[atms] = run_size(folder, atms, args, lines)
        for low, high in itertools.pairwise(sorted(local)):
            growth = local[high].wall / local[low].wall
            per = growth ** (1 / math.log10(high / low))
            lines.append(f"growth local {low:,} -> {high:,} ATMs: wall x{growth:.1f} "
                         f"(x{per:.1f} per 10x), CPU x{local[high].cpu / local[low].cpu:.1f}, "
                         f"peak RSS x{local[high].peak_mb / local[low].peak_mb:.1f}")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    print("\n".join(lines))
    print(f"end {load()}, {time.strftime('%H:%M:%S')}")
    return 0


def run_size(folder: Path, atms: int, args: argparse.Namespace, lines: list[str]) -> Measured:
    """Generate, import and forecast a fleet of ``atms``; its rows go to ``lines``."""
    db = folder / f"fleet-{atms}.sqlite"
    csv = folder / f"withdrawals-{atms}.csv"
    if not db.exists():
        rows = generate_csv(csv, atms, args.days)
        imported = measure(app(db, "import", str(csv), "--name", "withdrawals", "--kind",
                               "withdrawals", "--role", "withdrawn=amount"))
        csv.unlink()
        lines.append(f"| import {atms:,} ATMs ({rows:,} rows) | {imported.wall:.1f} | "
                     f"{imported.cpu:.1f} | {imported.peak_mb:,.0f} | - | "
                     f"{imported.load_before} -> {imported.load_after} |")
        print(lines[-1], flush=True)
    out = folder / f"forecast-{atms}.csv"
    local = measure(forecast_command(db, out, args.horizon, None, args.cores))
    lines.append(row(f"forecast {atms:,} ATMs, local", local))
    print(lines[-1], flush=True)
    if args.cluster:
        with local_cluster(2) as (address, workers):
            remote = measure(forecast_command(db, out, args.horizon, address, args.cores),
                             workers)
        lines.append(row(f"forecast {atms:,} ATMs, 2-worker LocalCluster", remote, local))
        print(lines[-1], flush=True)
    return local


if __name__ == "__main__":
    sys.exit(main())
