"""Real-data checks of the models core (no asserts; figures printed for the issue).

* ``german``: UCI German credit, every default classifier, stratified 10-fold CV repeated
  ``--repeats`` times (BENCHMARKS.md uses 5), ROC AUC and average cost under the 5:1 cost matrix
  with ``--threshold validation`` (the default: cost-minimising on the other folds'
  out-of-fold probabilities, smoothed cost curve) or ``bayes``
  (the cut-off 1/6 of the cost matrix). Reference: logistic AUC 0.787 / cost 0.544, random
  forest 0.792 / 0.543; StatLog best cost 0.535.
* ``thresholds``: German credit, each fold's cost-minimising threshold chosen on the other
  folds' out-of-fold predictions (the default for k-fold, stratified and grouped CV) against
  an inner 3-fold CV of the fold's training rows, paired on the same fold models.
* ``taiwan``: UCI Taiwan credit-card default (30,000 rows): seconds to train and compare every
  default classifier with 5-fold stratified CV.
* ``pdm``: Azure predictive maintenance subset (20 machines, hourly, 2015-01-01..03-31; the data
  are synthetic): does a component fail within the next 24 h? One row per machine and hour t;
  the label is a failure in (t, t + 24 h]; every feature uses data at or before t only: 24 h
  rolling mean and spread of the four telemetry readings, errors in (t - 24 h, t], hours since
  each component's last replacement (a failure's replacement is logged as maintenance at the
  failure's time, when the label has already moved past that failure), machine model and age.
  The core's expanding-window time CV with 3 folds (each scores 540 hours, about 6 to 9
  failure events), training rows purged ``--gap`` hours (default 24, the label's horizon)
  before each scored fold, a missed failure costing 10 false alarms and the core's validation
  threshold (whose validation rows are not purged and, above 20,000 training rows, are split
  at random rather than in time).
  Per model and the baseline: PR AUC, precision, recall, ROC AUC (mean ± std over the folds),
  fit seconds per fold and seconds for the whole CV. Then the checks: features recomputed from
  the data cut at 12 instants (one hour before some errors, maintenance and failures, and
  evenly spread) must equal the full computation up to each cut (this catches a feature that
  reads even one hour ahead); the label against a failure-by-failure count; the same pipeline
  on the label shuffled within each machine (PR AUC must fall to the prevalence); PR AUC by
  feature group (telemetry, errors, maintenance, all but errors, all).
  Measured (gap 24): PR AUC logistic 0.847 ± 0.022, random forest 0.877 ± 0.146, hist GB
  0.734 ± 0.251, baseline 0.017; logistic precision 0.70 ± 0.14, recall 0.80 ± 0.29. With
  ``--gap 0`` 0.840, 0.880, 0.738: the purge changes little, and no feature reads ahead.
  Shuffled label: 0.023 to 0.030 (prevalence 0.021). The signal is the synthetic generator's:
  an error is logged exactly 24 h before 702 of 719 failures, so "an error in the last 24 h"
  spans the positive window exactly (errors alone: recall 1.0, PR AUC 0.35, as only 26 % of
  errors precede a failure); telemetry alone reaches 0.19 to 0.29, maintenance alone 0.16 to
  0.30, all but errors 0.32 to 0.46, and all together 0.73 to 0.88. Precision and recall at
  the chosen threshold swing from fold to fold (few events per fold); quote PR AUC first.

    python bench/bench_models.py german --repeats 1
    python bench/bench_models.py thresholds --repeats 2
    python bench/bench_models.py taiwan pdm
    python bench/bench_models.py pdm --gap 0
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from iotfin_gui.core.models import model_spec, train  # noqa: E402
from iotfin_gui.core.models.data import training_data  # noqa: E402
from iotfin_gui.core.models.fitting import choose_threshold, cross_validate  # noqa: E402
from iotfin_gui.core.models.metrics import classification_scores, summarise  # noqa: E402
from iotfin_gui.core.models.specs import default_models  # noqa: E402
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


def bench_thresholds(store: Store, repeats: int, models: list[str] | None) -> None:
    """Each fold's threshold chosen on the other folds' out-of-fold predictions (the app's
    k-fold default) against an inner 3-fold CV of the fold's training rows (the app's default
    before, still used for hold-out and time-series CV), paired: the same fold models, only
    the threshold differs. Cost is scored on the fold's own rows, which neither choice sees."""
    frame = pd.read_csv(DATA / "credit" / "german_credit.csv")
    if not store.has_dataset("german"):
        store.write_dataset("german", frame, "table", source="bench")
    data = training_data(store, "german", target="credit_risk", positive="bad",
                         task="classification", cv="stratified", folds=10, repeats=repeats,
                         cost_fp=1, cost_fn=5)
    problem = data.problem
    names = models or [n for n in default_models("classification") if n != "baseline"]
    print(f"\nThresholds on German credit (stratified 10-fold x {repeats}, costs 1:5): mean "
          "cost per case, cross-fold vs inner CV, same fold models")
    print(f"{'model':<15}{'cross-fold':>12}{'inner CV':>10}{'difference':>12}{'fold sd':>9}")
    for name in names:
        spec = model_spec("classification", name)
        outcome = cross_validate(problem, spec)
        inner = []
        for fold in problem.folds:
            rows = outcome.oof[(outcome.oof["repeat"] == fold.repeat)
                               & (outcome.oof["fold"] == fold.index)]
            threshold = choose_threshold(problem, spec, None, fold.train)
            inner.append(classification_scores(rows["actual"].to_numpy(int),
                                               rows["predicted"].to_numpy(float), threshold,
                                               1, 5)["expected_cost"])
        cross = [scores["expected_cost"] for scores in outcome.per_fold]
        print(f"{name:<15}{np.mean(cross):>12.3f}{np.mean(inner):>10.3f}"
              f"{np.mean(cross) - np.mean(inner):>+12.3f}{np.std(cross):>9.3f}", flush=True)


def bench_taiwan(store: Store, models: list[str] | None) -> None:
    frame = pd.read_csv(DATA / "credit" / "taiwan_default.csv.gz")
    frame = frame.drop(columns=[c for c in frame.columns if c.upper() == "ID"])
    store.write_dataset("taiwan", frame, "table", source="bench")
    started = time.perf_counter()
    results = train(store, "taiwan", target="default_payment_next_month",
                    task="classification", models=models, cv="stratified", folds=5)
    print("\nTaiwan default (30,000 rows): stratified 5-fold")
    _table(results, ["roc_auc", "expected_cost"], time.perf_counter() - started)


TELEMETRY = ("volt", "rotate", "pressure", "vibration")
COMPONENTS = ("comp1", "comp2", "comp3", "comp4")
#: Hours the label looks ahead: a failure in (t, t + PDM_HORIZON].
PDM_HORIZON = 24
#: The feature groups ("machine": model and age, seen only in "all" and "all but errors").
PDM_GROUPS = {
    "telemetry": [f"{c}_{stat}24" for c in TELEMETRY for stat in ("mean", "std")],
    "errors": ["errors24"],
    "maintenance": [f"since_{c}" for c in COMPONENTS],
    "machine": ["model", "age"],
}
PDM_MODELS = ["logistic", "random_forest", "hist_gb"]


def pdm_tables() -> dict[str, pd.DataFrame]:
    """The Azure PdM files: telemetry (the subset), errors, failures, maint and machines."""
    folder = DATA / "pdm"
    read = {"telemetry": next(folder.glob("PdM_telemetry_subset*.csv.gz"))} | {
        name: folder / f"PdM_{name}.csv.gz" for name in ("errors", "failures", "maint")}
    tables = {name: pd.read_csv(path, parse_dates=["datetime"]) for name, path in read.items()}
    tables["machines"] = pd.read_csv(folder / "PdM_machines.csv.gz")
    return tables


def _times(table: pd.DataFrame, machine: int, **where: str) -> np.ndarray:
    rows = table["machineID"] == machine
    for column, value in where.items():
        rows &= table[column] == value
    return np.sort(table.loc[rows, "datetime"].to_numpy())


def pdm_frame(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per machine and telemetry hour t: features from data at or before t only, and
    the label ``failure_24h``, a failure in (t, t + 24 h].

    Features: the mean and spread of each telemetry reading over the 24 rows (hours) up to and
    including t, the machine's errors in (t - 24 h, t], hours since each component's last
    replacement at or before t (a failure's replacement is logged as maintenance at the
    failure's time, so it counts from that time on, when the label has moved past it), and
    the machine's model and age."""
    telemetry = tables["telemetry"].sort_values(["machineID", "datetime"]).reset_index(drop=True)
    out = telemetry[["machineID", "datetime"]].copy()
    grouped = telemetry.groupby("machineID")
    for column in TELEMETRY:
        rolling = grouped[column].rolling(24, min_periods=1)
        out[f"{column}_mean24"] = rolling.mean().to_numpy()
        out[f"{column}_std24"] = rolling.std().to_numpy()
    horizon = np.timedelta64(PDM_HORIZON, "h")
    hour = np.timedelta64(1, "h")
    errors24, label = np.zeros(len(out), int), np.zeros(len(out), int)
    since = {comp: np.full(len(out), np.nan) for comp in COMPONENTS}
    for machine, rows in out.groupby("machineID").indices.items():
        times = out["datetime"].to_numpy()[rows]
        own = _times(tables["errors"], machine)
        errors24[rows] = (np.searchsorted(own, times, side="right")
                          - np.searchsorted(own, times - horizon, side="right"))
        fails = _times(tables["failures"], machine)
        label[rows] = (np.searchsorted(fails, times + horizon, side="right")
                       > np.searchsorted(fails, times, side="right"))
        for comp in COMPONENTS:
            done = _times(tables["maint"], machine, comp=comp)
            last = np.searchsorted(done, times, side="right") - 1
            since[comp][rows] = np.where(last >= 0, (times - done[np.maximum(last, 0)]) / hour,
                                         np.nan)
    out["errors24"] = errors24
    for comp in COMPONENTS:
        out[f"since_{comp}"] = since[comp]
    out["failure_24h"] = label
    out = out.merge(tables["machines"], on="machineID", how="left")
    out["machineID"] = out["machineID"].map(lambda m: f"M{m:03d}")
    return out


def _cuts(tables: dict[str, pd.DataFrame], frame: pd.DataFrame,
          per_table: int) -> list[pd.Timestamp]:
    """Instants one hour before some error, maintenance and failure of the telemetry window
    (so a feature reading even one hour ahead would differ on the cut's rows), and a few
    evenly spread instants."""
    first, last = frame["datetime"].min(), frame["datetime"].max()
    cuts = list(pd.date_range(first, last, periods=per_table + 2)[1:-1])
    for name in ("errors", "maint", "failures"):
        times = tables[name]["datetime"]
        inside = np.sort(times[(times > first + pd.Timedelta(hours=1)) & (times <= last)].unique())
        picked = inside[np.linspace(0, len(inside) - 1, per_table).astype(int)]
        cuts += [pd.Timestamp(t) - pd.Timedelta(hours=1) for t in picked]
    return cuts


def pdm_audit(tables: dict[str, pd.DataFrame], frame: pd.DataFrame, per_table: int = 3) -> None:
    """Print the leakage checks: features recomputed from the data cut at several instants
    (one hour before some error, maintenance and failure, and a few more) equal the full
    computation on every row at or before the cut, so no feature reads later data; each label
    equals a failure in (t, t + 24 h] found failure by failure; and how often an error precedes
    a failure by exactly 24 h (the synthetic data's precursor)."""
    features = [c for group in PDM_GROUPS.values() for c in group]
    cuts = _cuts(tables, frame, per_table)
    worst = 0.0
    for cut in cuts:
        part = {name: t if "datetime" not in t else t.loc[t["datetime"] <= cut]
                for name, t in tables.items()}
        again = pdm_frame(part).set_index(["machineID", "datetime"])[features]
        full = frame.set_index(["machineID", "datetime"]).loc[again.index, features]
        numbers = again.select_dtypes("number")
        difference = (numbers - full[numbers.columns]).abs().to_numpy()
        same_missing = (numbers.isna().to_numpy() == full[numbers.columns].isna().to_numpy()).all()
        worst = max(worst, float(np.nanmax(difference)) if same_missing else np.inf)
        worst = max(worst, 0.0 if again["model"].equals(full["model"]) else np.inf)
    print(f"look-ahead check: features recomputed from the data cut at {len(cuts)} instants differ "
          f"from the full computation by at most {worst:.1e} on the rows up to each cut")
    failures = tables["failures"]
    expected = pd.Series(0, index=pd.MultiIndex.from_frame(frame[["machineID", "datetime"]]))
    for machine, when in failures[["machineID", "datetime"]].drop_duplicates().itertuples(
            index=False):
        start = when - pd.Timedelta(hours=PDM_HORIZON)
        hours = pd.date_range(start, when, freq="h", inclusive="left")
        key = [(f"M{machine:03d}", h) for h in hours]
        expected.loc[expected.index.intersection(key)] = 1
    mismatched = int((expected.to_numpy() != frame["failure_24h"].to_numpy()).sum())
    print(f"label check: {mismatched} rows differ from a failure in (t, t + {PDM_HORIZON} h] "
          "found row by row")
    events = failures[["machineID", "datetime"]].drop_duplicates()
    errors = set(zip(tables["errors"]["machineID"], tables["errors"]["datetime"], strict=True))
    preceded = sum((m, t - pd.Timedelta(hours=PDM_HORIZON)) in errors
                   for m, t in events.itertuples(index=False))
    followed = tables["errors"].merge(events.assign(
        datetime=events["datetime"] - pd.Timedelta(hours=PDM_HORIZON)), how="inner")
    print(f"precursor: an error is logged exactly {PDM_HORIZON} h before {preceded} of "
          f"{len(events)} failure events (all machines, whole year); "
          f"{len(followed) / len(tables['errors']):.0%} of errors are followed by a failure "
          f"{PDM_HORIZON} h later")


@dataclass
class PdmScore:
    """One model's cross-validated scores (mean, spread over folds), fit seconds per fold and
    seconds for its whole cross-validation (threshold choice included)."""

    model: str
    metrics: dict[str, tuple[float, float | None]]
    fit_seconds: float
    seconds: float


def pdm_cv(store: Store, frame: pd.DataFrame, name: str, features: list[str],
           models: list[str], gap_hours: float, folds: int = 3) -> list[PdmScore]:
    """Cross-validate the baseline and ``models`` on ``features`` of ``frame`` with the core's
    expanding-window time CV (``folds`` folds, training rows purged ``gap_hours`` before each
    scored fold), a 10:1 cost of a missed failure and the threshold chosen on validation
    predictions inside each training fold."""
    columns = ["machineID", "datetime", *features, "failure_24h"]
    store.write_dataset(name, frame[columns], "telemetry", source="bench",
                        roles={"machineID": "device_id", "datetime": "timestamp"})
    problem = training_data(store, name, target="failure_24h", task="classification",
                            cv="time", folds=folds, cost_fp=1, cost_fn=10,
                            gap_hours=gap_hours).problem
    scores = []
    for model in ["baseline", *models]:
        started = time.perf_counter()
        outcome = cross_validate(problem, model_spec("classification", model))
        scores.append(PdmScore(model, summarise(outcome.per_fold),
                               float(np.mean(outcome.fit_seconds)),
                               time.perf_counter() - started))
    return scores


def _pdm_table(scores: list[PdmScore]) -> None:
    metrics = ["pr_auc", "precision", "recall", "roc_auc"]
    print(f"{'model':<15}" + "".join(f"{m:>16}" for m in metrics)
          + f"{'fit s/fold':>12}{'seconds':>9}")
    for score in scores:
        cells = "".join(f"{score.metrics[m][0]:>8.3f} ± {score.metrics[m][1] or 0:<5.3f}"
                        for m in metrics)
        print(f"{score.model:<15}{cells}{score.fit_seconds:>12.2f}{score.seconds:>9.1f}")


def bench_pdm(store: Store, models: list[str] | None, gap_hours: float) -> None:
    """The PdM figures, the leakage checks, the shuffled-label check and the feature-group
    ablations (see the module docstring)."""
    tables = pdm_tables()
    frame = pdm_frame(tables)
    models = models or PDM_MODELS
    features = [c for group in PDM_GROUPS.values() for c in group]
    print(f"\nAzure PdM subset: {len(frame):,} machine-hours, {frame['failure_24h'].mean():.2%} "
          f"with a failure in the next {PDM_HORIZON} h; time CV, 3 expanding folds, training "
          f"rows purged {gap_hours:g} h before each scored fold; cost of a miss 10, of a "
          "false alarm 1")
    pdm_audit(tables, frame)
    main_scores = pdm_cv(store, frame, "pdm", features, models, gap_hours)
    _pdm_table(main_scores)
    rng = np.random.default_rng(0)
    shuffled = frame.assign(failure_24h=frame.groupby("machineID")["failure_24h"].transform(
        lambda s: rng.permutation(s.to_numpy())))
    print(f"\nsanity: the label shuffled within each machine (prevalence "
          f"{shuffled['failure_24h'].mean():.3f})")
    _pdm_table(pdm_cv(store, shuffled, "pdm_shuffled", features, models, gap_hours))
    groups = {"telemetry": PDM_GROUPS["telemetry"], "errors": PDM_GROUPS["errors"],
              "maintenance": PDM_GROUPS["maintenance"],
              "all but errors": [c for c in features if c not in PDM_GROUPS["errors"]],
              "all": features}
    ablation = {"all": {s.model: s for s in main_scores}} | {
        group: {s.model: s for s in pdm_cv(store, frame, f"pdm_{group.replace(' ', '_')}",
                                           columns, models, gap_hours)}
        for group, columns in groups.items() if group != "all"}
    print("\nfeature groups: PR AUC (and recall) by the features a model sees")
    print(f"{'model':<15}" + "".join(f"{g:>24}" for g in groups))
    for model in ["baseline", *models]:
        cells = "".join(f"{ablation[g][model].metrics['pr_auc'][0]:>9.3f} ± "
                        f"{ablation[g][model].metrics['pr_auc'][1] or 0:<5.3f}"
                        f" ({ablation[g][model].metrics['recall'][0]:.2f})" for g in groups)
        print(f"{model:<15}{cells}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checks", nargs="*", default=["german", "taiwan", "pdm"])
    parser.add_argument("--repeats", type=int, default=5, help="German credit CV repeats")
    parser.add_argument("--models", help="comma-separated models (default: all)")
    parser.add_argument("--threshold", default="validation", choices=["validation", "bayes"],
                        help="German credit decision threshold: chosen on validation "
                        "predictions inside each training fold, or the Bayes cut-off of the "
                        "cost matrix")
    parser.add_argument("--gap", type=float, default=PDM_HORIZON,
                        help="PdM: hours of training rows purged before each scored fold "
                        "(default: the label's 24 h horizon; 0 reproduces the unpurged CV)")
    args = parser.parse_args()
    if not DATA.is_dir():
        sys.exit(f"{DATA} is absent; nothing to benchmark.")
    models = args.models.split(",") if args.models else None
    with tempfile.TemporaryDirectory() as folder, \
            Store.open(Path(folder) / "bench.sqlite") as store:
        for check in args.checks:
            {"german": lambda: bench_german(store, args.repeats, models, args.threshold),
             "thresholds": lambda: bench_thresholds(store, args.repeats, models),
             "taiwan": lambda: bench_taiwan(store, models),
             "pdm": lambda: bench_pdm(store, models, args.gap)}[check]()


if __name__ == "__main__":
    main()
