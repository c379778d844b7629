"""Issue 5: seconds to train and compare every default classifier on the Taiwan default data
(30,000 rows, stratified 5-fold CV) from the Models panel, and the share of that time the UI
stayed responsive.

The real panel (:class:`ModelsPanel`, shown offscreen at 1280 x 800) is set up as a user would:
the Taiwan dataset, its target, every default classification model ticked, stratified CV with
``--folds`` folds, the default costs and seed; then its Train button is clicked. The panel
submits :func:`train_job` to the app's :class:`JobRunner` (a worker process), shows the progress,
and when the job is done reloads the leaderboard, selects the best run and draws its plots, all
in the GUI thread. The measured window runs from the click to the first event-loop tick after
the panel's ``trained`` signal, so that GUI-side work is part of it.

Responsiveness. A ``PreciseTimer`` QTimer in the GUI thread fires every ``--interval`` ms (5)
and every firing time is recorded. With the window's start ``t_0``, the firing times in it and
its end ``t_n`` (itself a firing), the gaps are ``g_i = t_{i+1} - t_i``. For a limit ``L``
(50 and 100 ms) a gap longer than ``L`` is a stall, and

    responsive share(L) = 1 - sum_i max(0, g_i - L) / (t_n - t_0)

i.e. the share of wall time in which the event loop would have answered an input within ``L``
ms (the first ``L`` ms of every gap count as responsive: a user does not notice them). Also
reported: the longest gap ("longest stall") and when it began (seconds after ``t_0``), and the
number of gaps above 100 ms. The panel's window is also split at the moment the job's result
reached the GUI: while the job ran, and while the panel showed the results.

Baselines, measured in the same run on a slice of the same work (``--slice-model``, default
logistic regression, plus the baseline model the training always adds; same data, CV, costs
and seed): the same :func:`train_job` called inline in the GUI thread (what the panel would do
without background jobs), and in a QThread of the GUI process (the naive background design,
where scikit-learn and pandas compete with the event loop for the GIL). Ratios compare those
figures with the panel's.

Per model: its wall seconds inside the job (from the job's progress: each model owns an equal
slice of the progress bar, so a model starts when the progress first reaches its slice) and
fit and predict seconds per fold from the job's result.

Figures only, no asserts. Needs ``../shared/data`` (skips with a message when absent).

    nice -n 10 .venv/bin/python bench/bench_models_ui.py [--quick] [--models logistic,knn]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd
import workloads
from PySide6.QtCore import QEventLoop, Qt, QThread, QTimer
from PySide6.QtWidgets import QApplication

from iotfin_gui.core.jobs import JobContext, JobSpec
from iotfin_gui.core.models import describe_models, train_job
from iotfin_gui.core.store import Store
from iotfin_gui.ui.jobs import JobRunner
from iotfin_gui.ui.panels.models import ModelsPanel

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
TAIWAN = DATA / "credit" / "taiwan_default.csv.gz"
TARGET = "default_payment_next_month"
QUICK_ROWS = 5_000
LIMITS_MS = (50, 100)
#: Progress fractions of :func:`~iotfin_gui.core.models.service.train`: reading the data takes
#: 0..0.05, model k of n owns 0.05 + 0.9 k/n .. 0.05 + 0.9 (k+1)/n, saving starts at 0.96.
DATA_SHARE, MODELS_SHARE, SAVING_AT = 0.05, 0.9, 0.96


@dataclass
class Responsiveness:
    """How the event loop answered during one measured window (see the module docstring)."""

    wall_s: float
    share: dict[int, float]
    longest_ms: float
    longest_at_s: float
    stalls_over_100: int
    ticks: int


def stall_stats(ticks: Sequence[float], start: float, end: float) -> Responsiveness:
    """The figures of a window from ``start`` to ``end`` (seconds) with timer firings ``ticks``
    (seconds; those outside the window are ignored)."""
    points = [start, *(t for t in ticks if start < t < end), end]
    gaps_ms = [1000 * (b - a) for a, b in pairwise(points)]
    wall_ms = 1000 * (end - start)
    share = {limit: 1 - sum(max(0.0, g - limit) for g in gaps_ms) / wall_ms if wall_ms else 1.0
             for limit in LIMITS_MS}
    longest = max(range(len(gaps_ms)), key=gaps_ms.__getitem__)
    return Responsiveness(wall_ms / 1000, share, gaps_ms[longest], points[longest] - start,
                          sum(g > 100 for g in gaps_ms), len(points) - 2)


class TickRecorder:
    """Records the firing times of a fast timer in the GUI thread around a piece of work."""

    def __init__(self, interval_ms: int = 5) -> None:
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.ticks: list[float] = []
        self._done_at: float | None = None
        self._loop: QEventLoop | None = None

    def _tick(self) -> None:
        now = time.perf_counter()
        self.ticks.append(now)
        if self._done_at is not None and now >= self._done_at and self._loop is not None:
            self._loop.quit()

    def _finished(self) -> None:
        self._done_at = time.perf_counter()

    def measure(self, start_work: Callable[[Callable[[], None]], None],
                timeout_s: float = 4 * 3600) -> Responsiveness:
        """Run the event loop, start the work from it with ``start_work(finished)``, and stop
        at the first tick after the work called ``finished()``."""
        self.ticks, self._done_at = [], None
        self._loop = QEventLoop()
        started: list[float] = []

        def kick_off() -> None:
            started.append(time.perf_counter())
            start_work(self._finished)

        deadline = QTimer()
        deadline.setSingleShot(True)
        deadline.timeout.connect(self._loop.quit)
        QTimer.singleShot(0, kick_off)
        deadline.start(int(timeout_s * 1000))
        self.timer.start()
        self._loop.exec()
        self.timer.stop()
        deadline.stop()
        if self._done_at is None:
            raise TimeoutError(f"the work did not finish within {timeout_s:.0f} s")
        return stall_stats(self.ticks, started[0], self.ticks[-1])


@dataclass
class PanelRun:
    """The panel's training: responsiveness over the whole window and split at the moment the
    job's result arrived (while the job ran; while the panel showed the results), the job's
    own duration, its results and each model's seconds in the job."""

    ui: Responsiveness
    during_job: Responsiveness
    showing_results: Responsiveness
    job_s: float
    results: list[dict[str, Any]]
    model_walls: dict[str, float] = field(default_factory=dict)


def open_panel(store: Store, runner: JobRunner, dataset: str, target: str,
               models: Sequence[str], folds: int) -> ModelsPanel:
    """The Models panel, shown, set up for classification of ``target`` with ``models`` and
    stratified ``folds``-fold CV (the panel's defaults for everything else)."""
    panel = ModelsPanel(store, runner)
    panel.resize(1280, 800)
    panel.show()
    panel.refresh()
    panel.setup.task_box.setCurrentIndex(panel.setup.task_box.findData("classification"))
    panel.setup.dataset_box.setCurrentText(dataset)
    panel.setup.target_box.setCurrentText(target)
    panel.setup.set_models(list(models))
    panel.setup.folds_box.setValue(folds)
    options = panel.setup.train_options()
    if (options["dataset"], options["target"], options["cv"]) != (dataset, target, "stratified"):
        raise RuntimeError(f"the panel is not set up as expected: {options}")
    return panel


def model_walls(progress: Sequence[tuple[float, float]], names: Sequence[str]) -> dict[str, float]:
    """Each model's seconds inside the job from ``(time, fraction)`` progress events."""
    def reached(fraction: float) -> float | None:
        return next((t for t, f in progress if f >= fraction - 1e-6), None)

    starts = [reached(DATA_SHARE + MODELS_SHARE * k / len(names)) for k in range(len(names))]
    starts.append(reached(SAVING_AT))
    return {name: b - a for name, a, b in zip(names, starts, starts[1:], strict=False)
            if a is not None and b is not None}


def train_in_panel(panel: ModelsPanel, recorder: TickRecorder,
                   timeout_s: float = 4 * 3600) -> PanelRun:
    """Click Train and measure until the panel has shown the results."""
    runner = panel.runner
    names = panel.setup.checked_models()
    progress: list[tuple[float, float]] = []
    results: list[dict[str, Any]] = []
    job_done: list[float] = []
    clicked: list[float] = []

    def on_progress(job_id: int, fraction: float | None, message: str) -> None:
        if job_id == panel.train_job_id and fraction is not None:
            progress.append((time.perf_counter(), fraction))

    def on_succeeded(job_id: int, result: object) -> None:
        if job_id == panel.train_job_id:
            job_done.append(time.perf_counter())

    def start(finished: Callable[[], None]) -> None:
        def trained(summaries: list[dict[str, Any]]) -> None:
            results.extend(summaries)
            finished()

        panel.trained.connect(trained)
        clicked.append(time.perf_counter())
        panel.setup.train_button.click()
        if panel.train_job_id is None:
            raise RuntimeError("the Train button did not start a job")

    runner.progressed.connect(on_progress)
    runner.succeeded.connect(on_succeeded)
    try:
        ui = recorder.measure(start, timeout_s)
    finally:
        runner.progressed.disconnect(on_progress)
        runner.succeeded.disconnect(on_succeeded)
    if not job_done:
        raise RuntimeError("the panel reported results but the job never succeeded")
    start, end = clicked[0], recorder.ticks[-1]
    return PanelRun(ui, stall_stats(recorder.ticks, start, job_done[0]),
                    stall_stats(recorder.ticks, job_done[0], end), job_done[0] - start,
                    results, model_walls(progress, names))


class _TrainThread(QThread):
    def __init__(self, options: dict[str, Any]) -> None:
        super().__init__()
        self.options = options

    def run(self) -> None:
        train_job(JobContext(), **self.options)


def slice_options(panel: ModelsPanel, model: str) -> dict[str, Any]:
    """:func:`train_job`'s arguments for the panel's set-up with only ``model`` (and the
    baseline)."""
    return {"db_path": str(panel.store.path), **panel.setup.train_options(), "models": [model]}


def train_inline(options: dict[str, Any], recorder: TickRecorder) -> Responsiveness:
    """The slice run by the GUI thread itself."""
    def start(finished: Callable[[], None]) -> None:
        train_job(JobContext(), **options)
        finished()

    return recorder.measure(start)


def train_in_thread(options: dict[str, Any], recorder: TickRecorder) -> Responsiveness:
    """The slice run by a QThread of the GUI process."""
    thread = _TrainThread(options)

    def start(finished: Callable[[], None]) -> None:
        thread.finished.connect(finished)
        thread.start()

    ui = recorder.measure(start)
    thread.wait()
    return ui


def warm_up(runner: JobRunner) -> None:
    """One tiny job, so that the measured one finds a started worker, as in the app."""
    loop = QEventLoop()
    runner.succeeded.connect(loop.quit)
    runner.submit(JobSpec.of("warm-up", workloads.python_loop, seconds=0.1))
    loop.exec()
    runner.succeeded.disconnect(loop.quit)


@dataclass
class Report:
    """Everything one benchmark run measured."""

    rows: int
    folds: int
    slice_model: str
    panel: PanelRun
    inline: Responsiveness
    thread: Responsiveness


def run_benchmark(store: Store, runner: JobRunner, dataset: str, target: str,
                  models: Sequence[str], folds: int, slice_model: str,
                  interval_ms: int = 5) -> Report:
    """Train ``models`` from the panel, then the slice inline and in a QThread."""
    panel = open_panel(store, runner, dataset, target, models, folds)
    recorder = TickRecorder(interval_ms)
    try:
        warm_up(runner)
        trained = train_in_panel(panel, recorder)
        options = slice_options(panel, slice_model)
        inline = train_inline(options, recorder)
        thread = train_in_thread(options, recorder)
    finally:
        panel.close()
        panel.deleteLater()
    return Report(store.dataset(dataset).row_count, folds, slice_model, trained, inline, thread)


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "inf"


def print_report(report: Report, title: str) -> None:
    print(f"\n{title}: {report.rows:,} rows, stratified {report.folds}-fold CV")
    print(f"{'model':<14}{'wall s in job':>14}{'fit s/fold':>12}{'predict s/fold':>16}"
          f"{'ROC AUC':>9}{'cost/case':>11}")
    panel = report.panel
    for r in panel.results:
        wall = panel.model_walls.get(r["model"], float("nan"))
        print(f"{r['model']:<14}{wall:>14.1f}{r['fit_seconds']:>12.2f}"
              f"{r['predict_seconds']:>16.3f}{r['metrics'].get('roc_auc') or float('nan'):>9.3f}"
              f"{r['metrics'].get('expected_cost') or float('nan'):>11.3f}")
    print(f"job (click to result) {panel.job_s:.1f} s; "
          f"click to results shown {panel.ui.wall_s:.1f} s")
    rows = [(f"panel, worker process ({len(panel.results)} models)", panel.ui),
            ("  while the job ran", panel.during_job),
            ("  while the panel showed the results", panel.showing_results),
            (f"GUI thread inline (slice: {report.slice_model})", report.inline),
            (f"QThread (slice: {report.slice_model})", report.thread)]
    print(f"\n{'where the work ran':<42}{'wall s':>8}{'resp. <=50ms':>14}{'resp. <=100ms':>15}"
          f"{'longest ms':>12}{'at s':>8}{'stalls>100ms':>14}")
    for name, ui in rows:
        print(f"{name:<42}{ui.wall_s:>8.1f}{ui.share[50]:>14.2%}{ui.share[100]:>15.2%}"
              f"{ui.longest_ms:>12.0f}{ui.longest_at_s:>8.1f}{ui.stalls_over_100:>14}")
    for name, base in (("inline", report.inline), ("QThread", report.thread)):
        frozen = {limit: _ratio(1 - base.share[limit], 1 - panel.ui.share[limit])
                  for limit in LIMITS_MS}
        rate = _ratio(base.stalls_over_100 / base.wall_s,
                      panel.ui.stalls_over_100 / panel.ui.wall_s)
        print(f"ratio {name} / panel: unresponsive share {frozen[50]} (50 ms), "
              f"{frozen[100]} (100 ms); longest stall "
              f"{_ratio(base.longest_ms, panel.ui.longest_ms)}; stalls > 100 ms per second "
              f"{rate}")


def load_taiwan(rows: int | None) -> pd.DataFrame:
    """The Taiwan table without its ID column; a seeded random sample of ``rows`` if given."""
    frame = pd.read_csv(TAIWAN)
    frame = frame.drop(columns=[c for c in frame.columns if c.upper() == "ID"])
    return frame.sample(n=rows, random_state=0).reset_index(drop=True) if rows else frame


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", help="comma-separated classifiers (default: every default "
                        "classification model)")
    parser.add_argument("--quick", action="store_true",
                        help=f"a {QUICK_ROWS:,}-row sample instead of all 30,000 rows")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--slice-model", default="logistic",
                        help="the model of the inline and QThread baselines")
    parser.add_argument("--interval", type=int, default=5, help="tick interval, ms")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"Skipped: {DATA} is absent, so there is no Taiwan data to benchmark.")
        return
    models = (args.models.split(",") if args.models
              else [m["name"] for m in describe_models("classification")])
    frame = load_taiwan(QUICK_ROWS if args.quick else None)
    app = QApplication.instance() or QApplication([])
    runner = JobRunner(max_workers=1)
    load = os.getloadavg()
    try:
        with tempfile.TemporaryDirectory() as folder, \
                Store.open(Path(folder) / "bench.sqlite") as store:
            store.write_dataset("taiwan", frame, "table", source="bench",
                                roles={TARGET: "label"})
            report = run_benchmark(store, runner, "taiwan", TARGET, models, args.folds,
                                   args.slice_model, args.interval)
    finally:
        runner.shutdown()
    print_report(report, "Taiwan default")
    print(f"\nload average (1, 5, 15 min): before {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, "
          "after {:.2f} {:.2f} {:.2f}; {} CPUs".format(*os.getloadavg(), os.cpu_count()))
    app.quit()


if __name__ == "__main__":
    main()
