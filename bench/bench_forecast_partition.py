"""Benchmark: a forecast on a 2-worker LocalCluster with its backtest in chunks of ATMs
(:mod:`iotfin_gui.core.forecast.partition`) against one piece per origin only, in one run.

    nice .venv/bin/python bench/bench_forecast_partition.py [--atms N] [--repeats N]

A generated fleet of ``--atms`` ATMs (default 1,000) x 730 days (weekly pattern, noise; nothing
stored, nothing committed) is forecast ``auto`` with horizon 28 through
:func:`~iotfin_gui.core.forecast.service.forecast_panel`, ``--repeats`` times each way
(alternating which goes first); "by origin" forces one chunk. Wall times and the load average
are printed for every run, then the fastest of each way and their ratio. The forecasts of the
two ways must be equal.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np
import pandas as pd


def fleet(atms: int) -> object:
    from iotfin_gui.core.forecast.data import Panel

    rng = np.random.default_rng(1)
    days = pd.date_range("2024-01-01", periods=730)
    week = np.array([1.0, 1.1, 1.0, 1.2, 1.5, 1.7, 0.6])
    values = (rng.gamma(4, 5000 / 4, (atms, 1)) * week[np.arange(730) % 7]
              * rng.lognormal(0, 0.25, (atms, 730)))
    return Panel(tuple(f"ATM{i:05d}" for i in range(atms)), days, values.round())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--atms", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    from distributed import LocalCluster

    from iotfin_gui.core import cluster
    from iotfin_gui.core.forecast import partition, service

    panel = fleet(args.atms)
    chunked = partition.chunk_count
    times: dict[str, list[float]] = {"by origin": [], "in chunks": []}
    forecasts: dict[str, pd.DataFrame] = {}
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as made:
        os.environ[cluster.CLUSTER_VARIABLE] = made.scheduler_address
        for repeat in range(args.repeats):
            ways = list(times) if repeat % 2 == 0 else list(times)[::-1]
            for way in ways:
                partition.chunk_count = (lambda _panel: 1) if way == "by origin" else chunked
                started = time.perf_counter()
                result = service.forecast_panel(panel, data_hash="", columns=("id", "day", "v"),
                                                horizon=28, model="auto", seed=7)
                took = time.perf_counter() - started
                times[way].append(took)
                forecasts[way] = result.forecast
                print(f"{way:9s} {took:6.1f} s  (model {result.model}, load "
                      f"{os.getloadavg()[0]:.2f})", flush=True)
        cluster.close()
    pd.testing.assert_frame_equal(forecasts["by origin"], forecasts["in chunks"])
    origin, chunks = min(times["by origin"]), min(times["in chunks"])
    print(f"{args.atms:,} ATMs x 730 days, auto, horizon 28, 2-worker LocalCluster: fastest by "
          f"origin {origin:.1f} s, in chunks {chunks:.1f} s (ratio {chunks / origin:.2f}); "
          "forecasts equal")


if __name__ == "__main__":
    main()
