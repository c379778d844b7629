"""Benchmark: the recipe engine against hand-written vectorised pandas doing the same steps.

Data: ``demo_withdrawals`` of the demo fleet scaled to 1,000 ATMs x 2 years (``simulate_fleet``;
730,000 daily rows), simulated once and shared through a Parquet file. Steps: resample daily ->
daily per ATM (the data is already daily, so this regularises the grid: it aggregates each day,
fills missing days and marks them with ``is_gap``), lags 1..28 of ``amount``, rolling means over
the previous 7 and 28 days, and calendar features (day of week, day of month, month, month end,
days to month end, CN holidays). Each variant runs ``--repeat`` times, each run in a fresh
subprocess, alternating, which reports its seconds (the steps only, not reading the data) and
peak RSS. Outputs of the two are asserted equal. Target: recipe time <= 1.5x hand-written.

    python bench/bench_recipe.py [--atms 1000] [--days 730] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LAGS = list(range(1, 29))
WINDOWS = [7, 28]
FEATURES = ["day_of_week", "day_of_month", "month", "is_month_end", "days_to_month_end",
            "is_holiday"]
AGGREGATIONS = {"amount": "sum", "count": "sum", "cash_level_end": "last",
                "replenished": "sum"}


def with_recipe(frame: pd.DataFrame) -> pd.DataFrame:
    from iotfin_gui.core.recipes import Columns, make_recipe, run_recipe

    recipe = make_recipe("bench", [
        ("resample", {"frequency": "daily", "aggregations": AGGREGATIONS}),
        ("lags", {"columns": ["amount"], "lags": LAGS}),
        ("rolling", {"columns": ["amount"], "windows": WINDOWS, "stats": ["mean"]}),
        ("calendar", {"features": FEATURES, "holidays": "CN"}),
    ])
    columns = Columns.of_frame(frame, device="device_id", time="date")
    return run_recipe(frame, recipe, columns).frame.drop(columns=["split"])


def by_hand(frame: pd.DataFrame) -> pd.DataFrame:
    import holidays

    day = frame["date"].dt.floor("D").rename("date")
    grouped = frame.groupby([frame["device_id"], day], sort=True)
    daily = grouped.agg(**{c: (c, how) for c, how in AGGREGATIONS.items()})
    sizes = grouped.size()
    bounds = daily.reset_index().groupby("device_id")["date"].agg(["min", "max"])
    days = [pd.date_range(low, high, freq="D") for low, high in bounds.to_numpy()]
    grid = pd.MultiIndex.from_arrays(
        [np.repeat(bounds.index.to_numpy(), [len(d) for d in days]), np.concatenate(days)],
        names=["device_id", "date"])
    daily = daily.reindex(grid)
    daily["is_gap"] = sizes.reindex(grid).isna().to_numpy().astype("int8")
    out = daily.reset_index()
    amount = out.groupby("device_id", sort=False)["amount"]
    new = {f"amount_lag{k}": amount.shift(k) for k in LAGS}
    previous = amount.shift(1).groupby(out["device_id"], sort=False)
    for window in WINDOWS:
        new[f"amount_roll{window}_mean"] = previous.rolling(window).mean().droplevel(0)
    dates = out["date"]
    years = range(dates.min().year - 1, dates.max().year + 2)
    marks = pd.DatetimeIndex(list(holidays.country_holidays("CN", years=list(years))))
    new.update(day_of_week=dates.dt.day_of_week, day_of_month=dates.dt.day,
               month=dates.dt.month, is_month_end=dates.dt.is_month_end.astype("int8"),
               days_to_month_end=dates.dt.days_in_month - dates.dt.day,
               is_holiday=dates.dt.normalize().isin(marks).astype("int8"))
    return pd.concat([out, pd.DataFrame(new)], axis=1)


def child(variant: str, data: Path, out: Path | None) -> None:
    frame = pd.read_parquet(data)
    function = with_recipe if variant == "recipe" else by_hand
    if variant == "recipe":
        import iotfin_gui.core.recipes  # noqa: F401 - imports are not part of the timing
    import holidays  # noqa: F401
    start = time.perf_counter()
    result = function(frame)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if out is not None:
        result.to_parquet(out)
    print(json.dumps({"seconds": seconds, "peak_rss_mb": peak_mb, "rows": len(result),
                      "columns": len(result.columns)}))


def measure(variant: str, data: Path, out: Path | None = None) -> dict:
    command = [sys.executable, __file__, "--child", variant, "--data", str(data)]
    if out is not None:
        command += ["--out", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--atms", type=int, default=1000)
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", choices=["recipe", "hand"], help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.data, args.out)
        return
    from iotfin_gui.core.demo import DemoConfig, simulate_fleet

    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "withdrawals.parquet"
        started = time.perf_counter()
        fleet = simulate_fleet(DemoConfig(n_atms=args.atms, days=args.days, telemetry_days=1,
                                          credit_rows=10))
        fleet.withdrawals.to_parquet(data)
        print(f"simulated {len(fleet.withdrawals):,} daily rows of {args.atms} ATMs in "
              f"{time.perf_counter() - started:.1f} s")
        del fleet
        outputs = {v: Path(folder) / f"{v}.parquet" for v in ("recipe", "hand")}
        runs: dict[str, list[dict]] = {"recipe": [], "hand": []}
        for round_ in range(args.repeat):
            for variant in ("hand", "recipe"):
                runs[variant].append(measure(variant, data, outputs[variant] if round_ == 0
                                             else None))
        recipe_out, hand_out = (pd.read_parquet(outputs[v]) for v in ("recipe", "hand"))
        pd.testing.assert_frame_equal(recipe_out, hand_out[list(recipe_out.columns)],
                                      check_dtype=False, check_exact=False, rtol=1e-9)
        print(f"outputs equal: {len(recipe_out):,} rows x {len(recipe_out.columns)} columns")
    ratios = [r["seconds"] / h["seconds"] for r, h in zip(runs["recipe"], runs["hand"],
                                                          strict=True)]
    for variant, label in (("hand", "hand-written pandas"), ("recipe", "recipe engine")):
        seconds = statistics.median(r["seconds"] for r in runs[variant])
        peak = max(r["peak_rss_mb"] for r in runs[variant])
        print(f"{label:<20} median {seconds:6.2f} s   peak RSS {peak:7.0f} MB   runs "
              + ", ".join(f"{r['seconds']:.2f}" for r in runs[variant]))
    ratio = statistics.median(ratios)
    print(f"ratio recipe / hand-written: {ratio:.2f}x (median of per-round ratios; target "
          f"<= 1.5x: {'met' if ratio <= 1.5 else 'NOT met'})")


if __name__ == "__main__":
    main()
