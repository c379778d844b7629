"""Speed on a busy laptop (issue 15): every figure is a ratio measured within one run.

* ``contention``: each headline job as a CLI command (NN5 ``auto`` forecast, German credit
  default training with 10-fold CV, a 1,000,000-row CSV import) alone and again while two
  busy-loop processes run, interleaved (alone, loaded, alone, loaded...); the ratio
  loaded/alone of the median wall times (target <= 2.0);
* ``sklearn``: German credit (every default model, stratified 10-fold, default threshold) and
  Taiwan default (30,000 rows, default models, 5-fold) trained by the app, against a plain
  scikit-learn ``cross_validate`` of the same pipelines on the same folds, serial (``n_jobs=1``,
  one thread), in the same run (target for German: <= 2.0);
* ``forecast``: NN5 (111 ATMs, horizon 56) and the 60-ATM demo ``auto`` forecasts: wall time,
  CPU seconds of the whole process tree (workers included) and the backtest sMAPE/MASE of the
  chosen model (targets: <= 60 CPU-s, <= 30 s on an idle machine);
* ``startup``: ``--help``, ``--version``, ``datasets``, ``info``, the writing commands
  ``import`` (a 1,000-row CSV) and ``backup``, and the commands that read a training run
  (``leaderboard``, ``report`` of a training run, ``export runs``), wall and CPU seconds,
  against ``import pandas`` (target: <= 1.5x; a command that fits no model loads no
  scikit-learn).

Each figure is printed with the machine's load average (``os.getloadavg``) at the time. Jobs run
in child processes (``python main.py ...``); ``--root DIR`` runs another checkout's code (e.g.
the commit before the change, for "before" figures) with the same interpreter. ``--quick``
shrinks every job (20 NN5 series, 200,000 import rows, German 5-fold, Taiwan 5,000 rows) to
check that the script works. Data from ``../shared/data``; a job whose data is absent is
skipped.

    python bench/bench_contention.py contention sklearn forecast startup [--quick] [--repeats 2]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pandas as pd
import psutil

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "bench"))

from bench_import import make_csv  # noqa: E402

BUSY_LOOP = "while True: pass"


def load() -> str:
    """The 1-minute load average and the core count, e.g. ``load 8.7 on 2 cores``."""
    return f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


class TreeCpu:
    """CPU seconds of a process and all its descendants, sampled while it runs (a worker that
    exits between two samples loses at most one interval)."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        self.root, self.seen, self.interval = psutil.Process(pid), {}, interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                procs = []
            for proc in procs:
                try:
                    times = proc.cpu_times()
                    self.seen[proc.pid] = times.user + times.system
                except psutil.Error:
                    pass
            self._stop.wait(self.interval)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return sum(self.seen.values())


def run(args: list[str], code_root: Path, env: dict[str, str] | None = None,
        check: bool = True) -> tuple[float, float, str]:
    """Run ``python ARGS`` (``main.py`` of ``code_root`` when ARGS start with a command):
    wall seconds, CPU seconds of the process tree, stdout."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, *args], cwd=code_root, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})
    cpu = TreeCpu(proc.pid)
    out, err = proc.communicate()
    wall, seconds = time.perf_counter() - started, cpu.stop()
    if check and proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({proc.returncode}): {err[-2000:]}")
    return wall, seconds, out


def main_py(code_root: Path, *args: str) -> list[str]:
    """``main.py ARGS`` of ``code_root`` (with ``--quiet`` where the CLI has it)."""
    quiet = "--quiet" in (code_root / "iotfin_gui" / "cli" / "__init__.py").read_text()
    return [str(code_root / "main.py"), *args, *(["--quiet"] if quiet else [])]


# --- the headline jobs -------------------------------------------------------------------


def prepare(work: Path, code_root: Path, quick: bool) -> dict[str, list[str]]:
    """Stores and files the jobs need; returns each job's command (arguments of python)."""
    jobs: dict[str, list[str]] = {}
    nn5 = DATA / "nn5" / "nn5_train.csv"
    if nn5.is_file():
        frame = pd.read_csv(nn5)
        if quick:
            frame = frame[frame["series_id"].isin(frame["series_id"].unique()[:20])]
        frame.to_csv(work / "nn5.csv", index=False)
        store = work / "nn5.sqlite"
        run(main_py(code_root, "import", str(work / "nn5.csv"), "--db", str(store),
                    "--name", "nn5", "--kind", "withdrawals"), code_root)
        jobs["NN5 auto forecast"] = main_py(
            code_root, "forecast", "--db", str(store), "--dataset", "nn5", "--id-col",
            "series_id", "--time-col", "date", "--value-col", "value", "--horizon", "56",
            "--holidays", "GB-ENG", "--no-save", "--force", "--out", str(work / "f.csv"))
    german = DATA / "credit" / "german_credit.csv"
    if german.is_file():
        store = work / "german.sqlite"
        run(main_py(code_root, "import", str(german), "--db", str(store), "--name", "german",
                    "--kind", "table"), code_root)
        jobs["German credit training"] = main_py(
            code_root, "train", "--db", str(store), "--dataset", "german", "--target",
            "credit_risk", "--task", "classification", "--cv",
            "stratified:5" if quick else "stratified:10")
    rows = 200_000 if quick else 1_000_000
    make_csv(work / "telemetry.csv", rows)
    jobs[f"{rows:,}-row import"] = ["IMPORT", str(work / "telemetry.csv")]
    return jobs


def job_command(command: list[str], code_root: Path, work: Path, run_number: int) -> list[str]:
    if command[0] != "IMPORT":
        return command
    store = work / f"import-{run_number}.sqlite"
    return main_py(code_root, "import", command[1], "--db", str(store), "--kind", "telemetry")


def contention(code_root: Path, quick: bool, repeats: int, only: str | None = None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        jobs = {name: command for name, command in prepare(work, code_root, quick).items()
                if only is None or only.lower() in name.lower()}
        print(f"\nContention ({code_root}): wall seconds, median of {repeats}; "
              f"loaded = with two busy-loop processes")
        print(f"{'job':<28}{'alone':>9}{'loaded':>9}{'ratio':>8}   load (alone / loaded)")
        counter = 0
        for name, command in jobs.items():
            alone, loaded, loads = [], [], ([], [])
            for _ in range(repeats):
                counter += 1
                loads[0].append(os.getloadavg()[0])
                alone.append(run(job_command(command, code_root, work, counter), code_root)[0])
                busy = [subprocess.Popen([sys.executable, "-c", BUSY_LOOP]) for _ in range(2)]
                try:
                    time.sleep(1.0)
                    counter += 1
                    loads[1].append(os.getloadavg()[0])
                    loaded.append(run(job_command(command, code_root, work, counter),
                                      code_root)[0])
                finally:
                    for proc in busy:
                        proc.kill()
                        proc.wait()
            a, b = statistics.median(alone), statistics.median(loaded)
            print(f"{name:<28}{a:>9.1f}{b:>9.1f}{b / a:>8.2f}   "
                  f"{statistics.mean(loads[0]):.1f} / {statistics.mean(loads[1]):.1f}",
                  flush=True)


# --- the app against plain scikit-learn ----------------------------------------------------

SKLEARN_BASELINE = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from sklearn.model_selection import cross_validate
from iotfin_gui.core.models.data import training_data
from iotfin_gui.core.models.specs import default_models, model_spec
from iotfin_gui.core.store import Store
args = json.loads(sys.argv[2])
with Store.open(args["db"]) as store:
    data = training_data(store, args["dataset"], target=args["target"], task="classification",
                         cv="stratified", folds=args["folds"])
problem = data.problem
folds = [(f.train, f.test) for f in problem.folds]
started = time.perf_counter()
for name in args["models"]:
    cross_validate(problem.pipeline(model_spec("classification", name)), problem.X, problem.y,
                   cv=folds, scoring="roc_auc", n_jobs=1)
print(json.dumps({"seconds": time.perf_counter() - started}))
"""


def sklearn_ratio(code_root: Path, quick: bool) -> None:
    cases = []
    german = DATA / "credit" / "german_credit.csv"
    taiwan = DATA / "credit" / "taiwan_default.csv.gz"
    if german.is_file():
        cases.append(("German credit", german, "credit_risk", 5 if quick else 10, None))
    if taiwan.is_file():
        cases.append(("Taiwan default", taiwan, "default_payment_next_month", 5,
                      5_000 if quick else None))
    print(f"\nThe app against plain scikit-learn cross_validate (serial, one thread), "
          f"same pipelines and folds ({code_root})")
    print("wall seconds and CPU seconds of the process tree (CPU: the fairer figure on a "
          "loaded machine)")
    print(f"{'data':<16}{'models':>7}{'app s':>9}{'sklearn s':>11}{'ratio':>8}"
          f"{'app CPU':>9}{'sklearn CPU':>13}{'ratio':>8}   load")
    with tempfile.TemporaryDirectory() as tmp:
        for name, path, target, folds, rows in cases:
            source = path
            if rows:
                source = Path(tmp) / "taiwan.csv"
                pd.read_csv(path).head(rows).to_csv(source, index=False)
            store = Path(tmp) / f"{name.split()[0]}.sqlite"
            run(main_py(code_root, "import", str(source), "--db", str(store), "--name", "data",
                        "--kind", "table"), code_root)
            wall, cpu, out = run(main_py(code_root, "train", "--db", str(store), "--dataset",
                                       "data", "--target", target, "--task", "classification",
                                       "--cv", f"stratified:{folds}", "--json"), code_root)
            models = [r["model"] for r in json.loads(out.strip().splitlines()[-1])["runs"]]
            base = {"db": str(store), "dataset": "data", "target": target, "folds": folds,
                    "models": models}
            _, plain_cpu, out = run(["-c", SKLEARN_BASELINE, str(code_root), json.dumps(base)],
                                    code_root, env={"OMP_NUM_THREADS": "1",
                                                    "OPENBLAS_NUM_THREADS": "1"})
            plain = json.loads(out.strip().splitlines()[-1])["seconds"]
            print(f"{name:<16}{len(models):>7}{wall:>9.1f}{plain:>11.1f}{wall / plain:>8.2f}"
                  f"{cpu:>9.1f}{plain_cpu:>13.1f}{cpu / plain_cpu:>8.2f}   {load()}", flush=True)


# --- forecasts: CPU and accuracy --------------------------------------------------------------


def forecasts(code_root: Path, quick: bool) -> None:
    print(f"\nauto forecasts, horizon 56 ({code_root}): wall, CPU of the process tree, "
          "backtest of the chosen model")
    print(f"{'data':<22}{'wall s':>8}{'CPU s':>8}  {'model':<16}{'sMAPE':>8}{'MASE':>8}   load")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        cases = []
        nn5 = DATA / "nn5" / "nn5_train.csv"
        if nn5.is_file():
            jobs = prepare(work, code_root, quick)
            cases.append(("NN5 (20 ATMs)" if quick else "NN5 (111 ATMs)",
                          jobs["NN5 auto forecast"]))
        demo = work / "demo.sqlite"
        run(main_py(code_root, "demo", "--db", str(demo)), code_root)
        cases.append(("demo (60 ATMs)", main_py(
            code_root, "forecast", "--db", str(demo), "--dataset", "demo_withdrawals",
            "--horizon", "56", "--no-save", "--force", "--out", str(work / "d.csv"))))
        for name, command in cases:
            wall, cpu, out = run([*command, "--json"], code_root)
            summary = json.loads(out.strip().splitlines()[-1])
            backtest = summary.get("backtest", {})
            print(f"{name:<22}{wall:>8.1f}{cpu:>8.1f}  {summary.get('model', '?'):<16}"
                  f"{backtest.get('smape', float('nan')):>8.2f}"
                  f"{backtest.get('mase', float('nan')):>8.3f}   {load()}", flush=True)


# --- CLI start-up ----------------------------------------------------------------------------


def cpu_of(args: list[str], code_root: Path) -> tuple[float, float]:
    """Wall and CPU seconds of ``python ARGS`` (exact: the child's rusage once it has exited,
    where :class:`TreeCpu`'s samples would miss most of a one-second process)."""
    before, started = os.times(), time.perf_counter()
    subprocess.run([sys.executable, *args], cwd=code_root, check=True, capture_output=True)
    wall, after = time.perf_counter() - started, os.times()
    return wall, (after.children_user - before.children_user
                  + after.children_system - before.children_system)


def startup(code_root: Path, repeats: int) -> None:
    """Median wall and CPU seconds of read-only and writing commands that fit no model,
    against ``import pandas``; the writing ones tidy the store first (``import``: a 1,000-row
    CSV, German credit when present, else telemetry rows; ``report`` and ``export runs`` of
    the demo's credit applications trained with a logistic regression)."""
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "demo.sqlite"
        run(main_py(code_root, "demo", "--db", str(store)), code_root)
        trained = run(main_py(code_root, "train", "--dataset", "demo_credit_applications",
                              "--target", "defaulted", "--task", "classification", "--models",
                              "logistic", "--cv", "3", "--json", "--db", str(store)), code_root)
        train_run = str(json.loads(trained[2])["runs"][-1]["run_id"])
        small = DATA / "credit" / "german_credit.csv"
        if not small.is_file():
            small = Path(tmp) / "small.csv"
            make_csv(small, 1_000)
        names = iter(range(10_000))

        def median(args: list[str]) -> tuple[float, float]:
            samples = [cpu_of([part.format(next(names)) for part in args], code_root)
                       for _ in range(max(3, repeats))]
            return (statistics.median(s[0] for s in samples),
                    statistics.median(s[1] for s in samples))

        pandas, pandas_cpu = median(["-c", "import pandas"])
        print(f"\nCLI start-up ({code_root}): median wall and CPU seconds, wall ratio to "
              f"`import pandas` ({pandas:.2f} s, {pandas_cpu:.2f} CPU-s)   {load()}")
        main = str(code_root / "main.py")
        for label, args in (("--help", [main, "--help"]), ("--version", [main, "--version"]),
                            ("datasets", [main, "datasets", "--db", str(store)]),
                            ("info", [main, "info", "--db", str(store)]),
                            ("import", main_py(code_root, "import", str(small), "--db", str(store),
                                               "--name", "small_{}", "--allow-duplicate-file")),
                            ("backup", main_py(code_root, "backup", "--db", str(store))),
                            ("leaderboard", [main, "leaderboard", "--db", str(store)]),
                            ("report", main_py(code_root, "report", "--run", train_run, "--out",
                                               str(Path(tmp) / "report_{}"), "--db",
                                               str(store))),
                            ("export runs", main_py(code_root, "export", "runs", "--out",
                                                    str(Path(tmp) / "runs_{}.csv"), "--db",
                                                    str(store)))):
            seconds, cpu = median(args)
            print(f"  {label:<12}{seconds:>7.2f} s {cpu:>6.2f} CPU-s  {seconds / pandas:>5.2f}x"
                  f"   {load()}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("parts", nargs="*", default=["contention", "sklearn", "forecast",
                                                     "startup"])
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout whose code runs")
    parser.add_argument("--quick", action="store_true", help="small jobs (checks the script)")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--only", help="contention: only the jobs whose name contains this")
    args = parser.parse_args()
    print(f"bench_contention at {time.strftime('%Y-%m-%d %H:%M')}, {load()}")
    for part in args.parts:
        if part == "contention":
            contention(args.root, args.quick, args.repeats, args.only)
        elif part == "sklearn":
            sklearn_ratio(args.root, args.quick)
        elif part == "forecast":
            forecasts(args.root, args.quick)
        elif part == "startup":
            startup(args.root, args.repeats)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
