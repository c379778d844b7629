"""Real-data checks of the models core (no asserts; figures printed for the issue).

* ``german``: UCI German credit, every default classifier, stratified 10-fold CV repeated
  ``--repeats`` times (BENCHMARKS.md uses 5), ROC AUC and average cost under the 5:1 cost matrix
  with ``--threshold validation`` (the default: cost-minimising on the out-of-fold
  probabilities of a 3-fold inner CV of each training fold, smoothed cost curve) or ``bayes``
  (the cut-off 1/6 of the cost matrix). Reference: logistic AUC 0.787 / cost 0.544, random
  forest 0.792 / 0.543; StatLog best cost 0.535.
* ``taiwan``: UCI Taiwan credit-card default (30,000 rows): seconds to train and compare every
  default classifier with 5-fold stratified CV.
* ``pdm``: Azure predictive maintenance subset: a component failure within the next 24 h from
  telemetry (24 h rolling means and spreads), errors in the last 24 h, hours since each
  component's last replacement and machine model/age; expanding-window time CV (3 folds);
  precision, recall and PR AUC against the baseline (PR AUC of the baseline = prevalence).

    python bench/bench_models.py german --repeats 1
    python bench/bench_models.py taiwan pdm
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from iotfin_gui.core.models import train  # noqa: E402
from iotfin_gui.core.store import Store  # noqa: E402

DATA = ROOT.parent / "shared" / "data"


def _table(results, metrics: list[str], seconds: float) -> None:
    print(f"{'model':<15}" + "".join(f"{m:>22}" for m in metrics) + f"{'fit s/fold':>12}")
    for r in results:
        cells = "".join(f"{r.metrics[m][0]:>13.3f} ± {r.metrics[m][1] or 0:<6.3f}"
                        for m in metrics)
        print(f"{r.model:<15}{cells}{r.fit_seconds:>12.2f}")
    print(f"total {seconds:.1f} s")


def bench_german(store: Store, repeats: int, models: list[str] | None,
                 threshold: str = "validation") -> None:
    frame = pd.read_csv(DATA / "credit" / "german_credit.csv")
    store.write_dataset("german", frame, "table", source="bench")
    started = time.perf_counter()
    results = train(store, "german", target="credit_risk", positive="bad",
                    task="classification", models=models, cv="stratified", folds=10,
                    repeats=repeats, cost_fp=1, cost_fn=5, threshold=threshold)
    print(f"\nGerman credit: stratified 10-fold x {repeats}, cost bad-as-good 5, good-as-bad 1, "
          f"threshold: {threshold}")
    _table(results, ["roc_auc", "expected_cost", "accuracy"], time.perf_counter() - started)


def bench_taiwan(store: Store, models: list[str] | None) -> None:
    frame = pd.read_csv(DATA / "credit" / "taiwan_default.csv.gz")
    frame = frame.drop(columns=[c for c in frame.columns if c.upper() == "ID"])
    store.write_dataset("taiwan", frame, "table", source="bench")
    started = time.perf_counter()
    results = train(store, "taiwan", target="default_payment_next_month",
                    task="classification", models=models, cv="stratified", folds=5)
    print("\nTaiwan default (30,000 rows): stratified 5-fold")
    _table(results, ["roc_auc", "expected_cost"], time.perf_counter() - started)


def pdm_frame() -> pd.DataFrame:
    """One row per machine and hour with past-only features and the next-24 h failure label."""
    folder = DATA / "pdm"
    telemetry = pd.read_csv(next(folder.glob("PdM_telemetry_subset*.csv.gz")),
                            parse_dates=["datetime"])
    errors = pd.read_csv(folder / "PdM_errors.csv.gz", parse_dates=["datetime"])
    failures = pd.read_csv(folder / "PdM_failures.csv.gz", parse_dates=["datetime"])
    maint = pd.read_csv(folder / "PdM_maint.csv.gz", parse_dates=["datetime"])
    machines = pd.read_csv(folder / "PdM_machines.csv.gz")
    telemetry = telemetry.sort_values(["machineID", "datetime"]).reset_index(drop=True)
    grouped = telemetry.groupby("machineID")
    out = telemetry[["machineID", "datetime"]].copy()
    for column in ("volt", "rotate", "pressure", "vibration"):
        rolling = grouped[column].rolling(24, min_periods=1)
        out[f"{column}_mean24"] = rolling.mean().to_numpy()
        out[f"{column}_std24"] = rolling.std().to_numpy()
    hours = out["datetime"].to_numpy()
    out["errors24"] = 0
    out["hours_to_failure"] = np.inf
    for machine, rows in out.groupby("machineID").groups.items():
        times = hours[rows]
        own = errors.loc[errors["machineID"] == machine, "datetime"].sort_values().to_numpy()
        out.loc[rows, "errors24"] = (np.searchsorted(own, times, side="right")
                                     - np.searchsorted(own, times - np.timedelta64(24, "h"),
                                                       side="right"))
        fails = failures.loc[failures["machineID"] == machine, "datetime"].sort_values()
        nxt = np.searchsorted(fails.to_numpy(), times, side="right")
        padded = np.append(fails.to_numpy(), np.datetime64("2100-01-01"))
        out.loc[rows, "hours_to_failure"] = (padded[nxt] - times) / np.timedelta64(1, "h")
        for comp in ("comp1", "comp2", "comp3", "comp4"):
            done = maint.loc[(maint["machineID"] == machine) & (maint["comp"] == comp),
                             "datetime"].sort_values().to_numpy()
            last = np.searchsorted(done, times, side="right") - 1
            since = np.where(last >= 0, (times - done[np.maximum(last, 0)])
                             / np.timedelta64(1, "h"), np.nan)
            out.loc[rows, f"since_{comp}"] = since
    out["failure_24h"] = (out["hours_to_failure"] <= 24).astype(int)
    out = out.drop(columns=["hours_to_failure"]).merge(machines, on="machineID")
    out["machineID"] = out["machineID"].map(lambda m: f"M{m:03d}")
    return out


def bench_pdm(store: Store, models: list[str] | None) -> None:
    frame = pdm_frame()
    store.write_dataset("pdm", frame, "telemetry", source="bench",
                        roles={"machineID": "device_id", "datetime": "timestamp"})
    print(f"\nAzure PdM subset: {len(frame):,} machine-hours, "
          f"{frame['failure_24h'].mean():.2%} within 24 h of a failure")
    started = time.perf_counter()
    results = train(store, "pdm", target="failure_24h", task="classification",
                    models=models or ["logistic", "random_forest", "hist_gb"], cv="time",
                    folds=3, cost_fp=1, cost_fn=10)
    _table(results, ["pr_auc", "precision", "recall", "roc_auc"], time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checks", nargs="*", default=["german", "taiwan", "pdm"])
    parser.add_argument("--repeats", type=int, default=5, help="German credit CV repeats")
    parser.add_argument("--models", help="comma-separated models (default: all)")
    parser.add_argument("--threshold", default="validation", choices=["validation", "bayes"],
                        help="German credit decision threshold: chosen on validation "
                        "predictions inside each training fold, or the Bayes cut-off of the "
                        "cost matrix")
    args = parser.parse_args()
    if not DATA.is_dir():
        sys.exit(f"{DATA} is absent; nothing to benchmark.")
    models = args.models.split(",") if args.models else None
    with tempfile.TemporaryDirectory() as folder, \
            Store.open(Path(folder) / "bench.sqlite") as store:
        for check in args.checks:
            {"german": lambda: bench_german(store, args.repeats, models, args.threshold),
             "taiwan": lambda: bench_taiwan(store, models),
             "pdm": lambda: bench_pdm(store, models)}[check]()


if __name__ == "__main__":
    main()
