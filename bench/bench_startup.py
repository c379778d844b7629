"""How fast does the workstation start? Core import time and cold start to the first frame.

Each figure is the median of several fresh processes, next to baselines measured in the same run:
a bare interpreter, ``import pandas`` (what any data tool pays) and ``import PySide6.QtWidgets``.

* core import: ``import iotfin_gui.core.store, jobs, demo`` (what the CLI pays);
* first frame: from interpreter start to the main window's first paint, on a store that already
  holds the demo fleet (a normal launch) and on an empty store (first launch: the demo then loads
  in the background and "ready" is when its first overview is drawn).

    python bench/bench_startup.py [--repeats 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

IMPORT_TIME = "import time; t = time.perf_counter(); {stmt}; print(time.perf_counter() - t)"

FIRST_FRAME = """
import time
started = time.perf_counter()
import sys
from argparse import Namespace
from PySide6.QtCore import QObject, QEvent, QSettings, QTimer
from iotfin_gui.ui.app import application
from iotfin_gui.core.store import Store
from iotfin_gui.ui.jobs import JobRunner
from iotfin_gui.ui.main_window import MainWindow
app = application()
store = Store.open(sys.argv[1])
runner = JobRunner()
marks = {}
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "frame" not in marks:
            marks["frame"] = time.perf_counter() - started
        return False
window = MainWindow(store, runner, settings=QSettings(sys.argv[2], QSettings.Format.IniFormat))
paint = FirstPaint()
window.installEventFilter(paint)
window.ready.connect(lambda: (marks.setdefault("ready", time.perf_counter() - started),
                              QTimer.singleShot(0, app.quit)))
window.show()
QTimer.singleShot(120000, app.quit)
app.exec()
print(marks.get("frame", float("nan")), marks.get("ready", float("nan")))
runner.shutdown()
"""


def run(code: str, *args: str) -> str:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                            cwd=ROOT, env=env, check=True)
    return result.stdout.strip().splitlines()[-1]


def median_of(repeats: int, code: str, *args: str) -> list[float]:
    samples = [[float(v) for v in run(code, *args).split()] for _ in range(repeats)]
    return [statistics.median(column) for column in zip(*samples, strict=False)]


def wall(repeats: int, code: str) -> float:
    import time

    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        run(code)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    n = args.repeats

    interpreter = wall(n, "print(0)")
    pandas = median_of(n, IMPORT_TIME.format(stmt="import pandas"))[0]
    qt = median_of(n, IMPORT_TIME.format(stmt="import PySide6.QtWidgets"))[0]
    core = median_of(n, IMPORT_TIME.format(
        stmt="import iotfin_gui.core.store, iotfin_gui.core.jobs, iotfin_gui.core.demo"))[0]
    print(f"interpreter start (baseline)     {interpreter:6.2f} s")
    print(f"import pandas (baseline)         {pandas:6.2f} s")
    print(f"import PySide6.QtWidgets         {qt:6.2f} s")
    print(f"import the core                  {core:6.2f} s   ratio to pandas {core / pandas:.2f}")

    with tempfile.TemporaryDirectory() as folder:
        demo = Path(folder) / "demo.sqlite"
        subprocess.run([sys.executable, str(ROOT / "main.py"), "demo", "--db", str(demo)],
                       check=True, capture_output=True, cwd=ROOT)
        frame, ready = median_of(n, FIRST_FRAME, str(demo), str(Path(folder) / "a.ini"))
        print(f"first frame, demo store          {frame:6.2f} s   ratio to pandas import "
              f"{frame / pandas:.2f}")
        print(f"ready (first overview drawn)     {ready:6.2f} s")
        firsts = []
        for index in range(n):
            empty = Path(folder) / f"empty{index}.sqlite"
            firsts.append([float(v) for v in run(FIRST_FRAME, str(empty),
                                                 str(Path(folder) / f"b{index}.ini")).split()])
        frame, ready = (statistics.median(c) for c in zip(*firsts, strict=False))
        print(f"first frame, empty store         {frame:6.2f} s")
        print(f"ready after loading the demo     {ready:6.2f} s")


if __name__ == "__main__":
    main()
