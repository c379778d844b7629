"""Does the window stay responsive while a CPU-heavy job runs, and how fast does Cancel act?

A 5 ms QTimer records event-loop ticks while a job runs: (a) through the app's JobRunner (worker
process), (b) in a QThread inside the GUI process, the naive design, as the baseline measured in
the same run. The stall is the largest gap between two ticks. Then Cancel is timed from the
click to the ``cancelled`` signal, for a job with cancel points and for one that never checks.

    python bench/bench_ui_responsiveness.py [--seconds 5] [--repeats 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import workloads
from PySide6.QtCore import QElapsedTimer, QEventLoop, QThread, QTimer
from PySide6.QtWidgets import QApplication

from iotfin_gui.core.jobs import JobSpec
from iotfin_gui.ui.jobs import JobRunner


class TickRecorder:
    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.ticks: list[int] = []
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(lambda: self.ticks.append(self.clock.elapsed()))

    def start(self) -> None:
        self.ticks.clear()
        self.clock.start()
        self.timer.start()

    def stop(self) -> tuple[float, float]:
        self.timer.stop()
        gaps = [b - a for a, b in zip(self.ticks, self.ticks[1:], strict=False)] or [0]
        return float(max(gaps)), float(statistics.quantiles(gaps, n=100)[98]) if len(
            gaps) > 2 else float(max(gaps))


def wait_for(signal, timeout_ms: int = 120_000) -> list:
    loop = QEventLoop()
    received: list = []

    def done(*args: object) -> None:
        received.extend(args)
        loop.quit()

    signal.connect(done)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    signal.disconnect(done)
    return received


class ThreadJob(QThread):
    def __init__(self, fn, seconds: float) -> None:
        super().__init__()
        self.fn, self.seconds = fn, seconds

    def run(self) -> None:
        self.fn(None, self.seconds)


def stall_in_worker_process(runner: JobRunner, fn, seconds: float) -> tuple[float, float]:
    recorder = TickRecorder()
    runner.submit(JobSpec.of("warm-up", workloads.python_loop, seconds=0.1))
    wait_for(runner.succeeded)
    recorder.start()
    runner.submit(JobSpec.of("bench", fn, seconds=seconds))
    wait_for(runner.succeeded)
    return recorder.stop()


def stall_in_thread(fn, seconds: float) -> tuple[float, float]:
    recorder = TickRecorder()
    thread = ThreadJob(fn, seconds)
    recorder.start()
    thread.start()
    wait_for(thread.finished)
    return recorder.stop()


def cancel_latency(runner: JobRunner, fn, repeats: int) -> list[float]:
    latencies = []
    for _ in range(repeats):
        job_id = runner.submit(JobSpec.of("cancel me", fn, seconds=120))
        loop = QEventLoop()
        QTimer.singleShot(500, loop.quit)
        loop.exec()
        clicked = time.perf_counter()
        runner.cancel(job_id)
        wait_for(runner.cancelled)
        latencies.append(time.perf_counter() - clicked)
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    runner = JobRunner(max_workers=1)
    print(f"{'workload':<14}{'where':<16}{'max stall ms':>14}{'p99 gap ms':>12}")
    for name, fn in (("forest fit", workloads.forest_fit), ("python loop", workloads.python_loop)):
        process = stall_in_worker_process(runner, fn, args.seconds)
        thread = stall_in_thread(fn, args.seconds)
        print(f"{name:<14}{'worker process':<16}{process[0]:>14.0f}{process[1]:>12.0f}")
        print(f"{name:<14}{'QThread (base)':<16}{thread[0]:>14.0f}{thread[1]:>12.0f}")
        print(f"{'':<14}{'ratio':<16}{process[0] / max(thread[0], 1):>14.2f}"
              f"{process[1] / max(thread[1], 1):>12.2f}")
    print()
    for name, fn in (("cooperative (forest fit)", workloads.forest_fit),
                     ("never checks (python loop)", workloads.python_loop)):
        latencies = cancel_latency(runner, fn, args.repeats)
        print(f"cancel, {name}: median {statistics.median(latencies):.2f} s, "
              f"max {max(latencies):.2f} s over {len(latencies)} runs")
    runner.shutdown()
    app.quit()


if __name__ == "__main__":
    main()
