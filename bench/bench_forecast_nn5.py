"""NN5 benchmark of the forecasting core: every model and ``auto`` on rolling-origin backtests.

Reads ``../shared/data/nn5/nn5_train.csv`` beside the repository (the 735 training days only;
the held-out test days are never used) and runs ``forecast(model="auto")``, which backtests every
model at origins 56, 112, 168 ... days before the end. Prints, per model, the mean sMAPE and
MASE over series, the MAE, the out-of-sample interval coverage and the fitting seconds, over all
origins and on the last 56 training days alone, with ratios to the seasonal naive baseline of the
same run. ``auto (nested)`` picks its model on the older origins only and is scored on the last
one, so its figure carries no selection bias. The published NN5 figures (BENCHMARKS.md) are on the
real test period, so they compare only loosely.

    python bench/bench_forecast_nn5.py            # all 111 series
    python bench/bench_forecast_nn5.py --series 20 --origins 2
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from iotfin_gui.core.forecast import forecast  # noqa: E402
from iotfin_gui.core.forecast.data import to_panel  # noqa: E402
from iotfin_gui.core.forecast.intervals import ALPHA, under_covered  # noqa: E402
from iotfin_gui.core.forecast.metrics import mae, mase, mean_of, seasonal_scale, smape  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "nn5" / "nn5_train.csv"


def load_nn5(series: int | None = None) -> pd.DataFrame | None:
    """The NN5 training days (the first ``series`` series only when given); ``None`` with a
    message when the shared data is absent."""
    if not DATA.is_file():
        print(f"NN5 data not found at {DATA}; nothing to benchmark.")
        return None
    data = pd.read_csv(DATA)
    if series:
        keep = data["series_id"].drop_duplicates().iloc[:series]
        data = data[data["series_id"].isin(keep)]
    return data


def last_origin_scores(result, panel) -> pd.DataFrame:
    """Per model: mean sMAPE, MASE, MAE and 95% coverage on the latest backtest origin only."""
    frame = result.backtest
    latest = frame["origin"].max()
    origin = panel.dates.get_loc(latest) + 1
    scale = seasonal_scale(panel.values[:, :origin])
    rows = {}
    for name, part in frame[frame["origin"] == latest].groupby("model", sort=False):
        part = part.set_index("series_id").loc[list(panel.ids)]
        shape = (panel.n_series, -1)
        actual = part["actual"].to_numpy().reshape(shape)
        point = part["forecast"].to_numpy().reshape(shape)
        inside = (actual >= part["lo_95"].to_numpy().reshape(shape)) & (
            actual <= part["hi_95"].to_numpy().reshape(shape))
        rows[name] = {
            "smape": mean_of(smape(actual, point)),
            "mase": mean_of(mase(actual, point, scale)),
            "mae": mean_of(mae(actual, point)),
            "coverage_95": float(inside[np.isfinite(actual)].mean()),
        }
    return pd.DataFrame.from_dict(rows, orient="index")


def under_covered_atms(result, levels=(80, 95), alpha: float = ALPHA) -> pd.DataFrame:
    """Per model and level: pooled out-of-sample coverage over all origins and how many ATMs
    are significantly under-covered (:func:`~iotfin_gui.core.forecast.intervals.under_covered`:
    a one-sided binomial test of each ATM's hits over all origins at the nominal level, at
    ``alpha``; ``alpha`` times the ATMs are expected by chance)."""
    rows = {}
    for name, part in result.backtest.groupby("model", sort=False):
        recorded = part[part["actual"].notna()]
        row = {}
        for level in levels:
            inside = (recorded["actual"] >= recorded[f"lo_{level}"]) & (
                recorded["actual"] <= recorded[f"hi_{level}"])
            per_atm = inside.groupby(recorded["series_id"]).agg(["sum", "count"])
            flagged = under_covered(per_atm["sum"].to_numpy(), per_atm["count"].to_numpy(),
                                    level, alpha)
            row[f"coverage_{level}"] = float(inside.mean())
            row[f"under_{level}"] = int(flagged.sum())
        row["expected_under"] = alpha * recorded["series_id"].nunique()
        rows[name] = row
    return pd.DataFrame.from_dict(rows, orient="index")


def _cpu_seconds() -> float:
    """CPU seconds of this process and its worker processes: the live ones (the reusable
    pool keeps them) and those that ended."""
    import psutil

    alive = 0.0
    for child in psutil.Process().children(recursive=True):
        with contextlib.suppress(psutil.Error):
            times = child.cpu_times()
            alive += times.user + times.system
    own, ended = (resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                     resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + ended.ru_utime + ended.ru_stime + alive


def nested_auto(result) -> str:
    """The model ``auto`` would pick from the older origins alone."""
    frame = result.backtest
    older = frame[frame["origin"] < frame["origin"].max()]
    if older.empty:
        return result.model
    errors = older.assign(error=(older["actual"] - older["forecast"]).abs())
    per_series = errors.groupby(["model", "series_id"])["error"].mean().unstack(0)
    return str((per_series / per_series["seasonal_naive"].to_numpy()[:, None]).mean().idxmin())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", type=int, help="only the first N series (quick run)")
    parser.add_argument("--origins", type=int, default=3, help="backtest origins (default 3)")
    parser.add_argument("--horizon", type=int, default=56)
    parser.add_argument("--holidays", default="GB-ENG", help="holiday calendar (default GB-ENG)")
    args = parser.parse_args()
    data = load_nn5(args.series)
    if data is None:
        return 0
    started, cpu_started = time.perf_counter(), _cpu_seconds()
    result = forecast(data, id_col="series_id", time_col="date", value_col="value",
                      horizon=args.horizon, model="auto", levels=(80, 95),
                      holidays_country=args.holidays, n_origins=args.origins)
    seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu_started
    panel = to_panel(data, id_col="series_id", time_col="date", value_col="value")
    overall = result.overall.copy()
    naive = overall.loc["seasonal_naive"]
    overall["smape_ratio"] = overall["smape"] / naive["smape"]
    overall["mase_ratio"] = overall["mase"] / naive["mase"]
    latest = last_origin_scores(result, panel)
    nested = nested_auto(result)
    latest.loc["auto (nested)"] = latest.loc[nested]
    latest["smape_ratio"] = latest["smape"] / latest.loc["seasonal_naive", "smape"]
    latest["mase_ratio"] = latest["mase"] / latest.loc["seasonal_naive", "mase"]
    origins = sorted(result.backtest["origin"].unique())
    pd.set_option("display.width", 160)
    print(f"NN5: {panel.n_series} series, horizon {args.horizon}, backtest origins (last day "
          f"known) {', '.join(str(o.date()) for o in origins)}; holidays {args.holidays}")
    print(f"\nAll origins (mean over series; coverage out of sample; seconds = fitting time "
          f"over all origins). auto chose: {result.model}")
    print(overall[["smape", "mase", "mae", "rmse", "coverage_80", "coverage_95", "seconds",
                   "smape_ratio", "mase_ratio"]].round(3).to_string())
    print(f"\nLast {args.horizon} training days only (auto (nested) = {nested}, chosen on the "
          "older origins):")
    print(latest.round(3).to_string())
    print("\nInterval coverage per level over all origins, and ATMs significantly under-covered "
          "(one-sided binomial test, 5 %; 'expected' = by chance):")
    print(under_covered_atms(result).round(3).to_string())
    print(f"\nWhole run (auto: backtest of every model + final fit + intervals): {seconds:.1f} s, "
          f"{cpu:.1f} CPU-s ({cpu / panel.n_series:.3f} per ATM), "
          "load {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    print("Published NN5 best on the real test period: sMAPE 21.19 %, MASE 0.858 (TBATS).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
