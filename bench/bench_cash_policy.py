"""Policy backtest on NN5: the app's daily re-planned cash plan against the fixed rule.

Reads ``../shared/data/nn5/nn5_train.csv`` (the 735 training days only; the held-out days are
never used) and forecasts it once with ``--origins`` rolling backtest origins inside those days
(horizon 56). Each origin is a replay window (:mod:`iotfin_gui.core.cashplan.backtest`): the
forecast made from the days before it, scenarios from the errors of the origins before it only
(the first origin has none and is not replayed), and the demand that followed, replayed day by
day from full cassettes. The newest ``--test`` windows (3) are the test; the older ones
calibrate the plan's internal probability for each target and capacity. On the test windows the
plan (calibrated, and at the raw target) and the fixed rule (visit Mon-Fri, refill to capacity
when cash is below the 90 % quantile of demand until the next visit) are scored: realised
service (share of cycles between visits without a stock-out), stock-out days, visits (and on
surcharge days), mean idle cash per ATM-day and the total cost. Capacities are 5 and 10 days
of each ATM's mean demand; visits Mon-Fri except English bank holidays, lead time 1 day.
Amounts are NN5's (thousands of pounds): visit 0.2, surcharge 0.1, idle cash 5 % a year,
stock-out penalty 0.1 per cycle that runs dry, bundles of 50 x 20 pounds.

    python bench/bench_cash_policy.py               # all 111 ATMs, 6 origins: 2 + 3 windows
    python bench/bench_cash_policy.py --series 20 --origins 4 --test 2
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from iotfin_gui.core.cashplan.backtest import (  # noqa: E402
    calibrate,
    policy_table,
    replay_all,
    windows_from_forecast,
)
from iotfin_gui.core.cashplan.inputs import atm_rules  # noqa: E402
from iotfin_gui.core.cashplan.routes import RouteSettings  # noqa: E402
from iotfin_gui.core.forecast import forecast  # noqa: E402
from iotfin_gui.core.forecast.calendar import holiday_calendar  # noqa: E402
from iotfin_gui.core.forecast.data import to_panel  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from bench_forecast_nn5 import load_nn5  # noqa: E402

TARGETS = (0.80, 0.90, 0.95, 0.99)


def load() -> str:
    return "load {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


def commit() -> str:
    """The checked-out commit (and whether the tree differs from it) the run measured."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True,
                              text=True).stdout.strip()

    head = git("rev-parse", "--short", "HEAD")
    if not head:
        return "unknown (not a git checkout)"
    dirty = git("status", "--porcelain", "--", "iotfin_gui")
    return head + (" + uncommitted changes" if dirty else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", type=int, help="only the first N series (quick run)")
    parser.add_argument("--origins", type=int, default=6,
                        help="backtest origins (default 6; the first is not replayed)")
    parser.add_argument("--test", type=int, default=3,
                        help="newest windows kept for the test (default 3)")
    parser.add_argument("--model", default="auto", help="forecast model (default auto)")
    parser.add_argument("--lead", type=int, default=1, help="lead time in days (default 1)")
    parser.add_argument("--penalty", type=float, default=0.1,
                        help="stock-out penalty per cycle that runs dry (default 0.1)")
    args = parser.parse_args()
    data = load_nn5(args.series)
    if data is None:
        return 0
    started = time.perf_counter()
    result = forecast(data, id_col="series_id", time_col="date", value_col="value", horizon=56,
                      model=args.model, holidays_country="GB-ENG", n_origins=args.origins)
    print(f"commit {commit()}; forecast ({result.model}, {args.origins} origins): "
          f"{time.perf_counter() - started:.1f} s, {load()}")
    panel = to_panel(data, id_col="series_id", time_col="date", value_col="value")
    started = time.perf_counter()
    windows = windows_from_forecast(result, panel, max_cycle=21)
    windows.sort(key=lambda w: w.model.start)
    if len(windows) <= args.test:
        print(f"only {len(windows)} replay windows: give more --origins than --test + 1")
        return 1
    calibration, test = windows[: -args.test], windows[-args.test:]
    years = range(panel.dates[0].year, panel.dates[-1].year + 2)
    bank = sorted(holiday_calendar("GB-ENG", years))
    mean_demand = pd.Series(np.nanmean(panel.values, axis=1), index=list(panel.ids))
    print(f"windows: calibration {', '.join(str(w.model.start.date()) for w in calibration)}; "
          f"test {', '.join(str(w.model.start.date()) for w in test)} (56 days each)")
    rows = []
    for days in (5, 10):
        route = RouteSettings(
            visit_days=(0, 1, 2, 3, 4), cit_holidays=tuple(d.isoformat() for d in bank),
            lead_days=args.lead, denomination=0.02, notes_per_bundle=50, visit_cost=0.2,
            surcharge=0.1, idle_rate=0.05, stockout_penalty=args.penalty, max_interval=21)
        capacity = mean_demand * days

        def rules_for(window, route=route, capacity=capacity):
            return atm_rules([route], window.model.ids, window.model.dates, capacity, bank)

        fixed = replay_all(test, rules_for, "fixed")
        rows.append(("fixed", days, fixed))
        for target in TARGETS:
            tick = time.perf_counter()
            chosen = calibrate(calibration, rules_for, target)
            calibrated = replay_all(test, rules_for, "plan", level=chosen.level, target=target,
                                    headroom=chosen.headroom)
            raw = replay_all(test, rules_for, "plan", level=target, target=target)
            rows.append(("plan", days, calibrated))
            rows.append(("plan (uncalibrated)", days, raw))
            print(f"  capacity {days} d, target {target:.0%}: internal level {chosen.level:.3f}, "
                  f"headroom {chosen.headroom:g} (calibration service {chosen.service:.1%}), "
                  f"{time.perf_counter() - tick:.1f} s, {load()}", flush=True)
    table = policy_table([r for _, _, r in rows])
    table.insert(0, "capacity_days", [d for _, d, _ in rows])
    table["policy"] = [name for name, _, _ in rows]
    for days in (5, 10):
        base = table[(table["capacity_days"] == days) & (table["policy"] == "fixed")].iloc[0]
        part = table["capacity_days"] == days
        table.loc[part, "cost_vs_fixed"] = table.loc[part, "total_cost"] / base["total_cost"]
        table.loc[part, "visits_vs_fixed"] = table.loc[part, "visits"] / base["visits"]
        table.loc[part, "idle_vs_fixed"] = table.loc[part, "mean_idle_cash"] / \
            base["mean_idle_cash"]
    table["service"] = (100 * table["service"]).round(1)
    table["target"] = (100 * table["target"]).round(0)
    pd.set_option("display.width", 200)
    print(f"\nPolicy table on the test windows ({len(test)} x 56 days x {panel.n_series} ATMs); "
          f"replays {time.perf_counter() - started:.1f} s, {load()}")
    columns = ["capacity_days", "policy", "target", "level", "headroom", "service", "stockout_days",
               "stockout_cycles", "visits", "surcharged_visits", "mean_idle_cash", "total_cost",
               "cost_vs_fixed", "visits_vs_fixed", "idle_vs_fixed"]
    print(table[columns].round(3).to_string(index=False))
    plan = table[table["policy"] == "plan"]
    off = (plan["service"] - plan["target"]).abs().max()
    print(f"\nLargest distance of the calibrated plan's realised service from its target: "
          f"{off:.1f} points (must be <= 2)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
