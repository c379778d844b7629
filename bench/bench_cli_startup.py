"""How fast do the quick store commands start? Wall time, peak memory and heavy imports per command.

For every CLI command that by its nature needs no data frame, model or cluster (``--version``,
``--help``, ``datasets``, ``info``, ``leaderboard``, ``check``, ``backup``, ``restore --list``,
``compact``, ``trash list``, ``recipe list``, ``recipe steps``, ``routes show``, ``export
--list``) and, for the model files, ``model export``, ``model import`` and ``predict`` (which load
a saved model with skops), on a demo store with one trained logistic regression: the median wall
time of ``python main.py CMD`` in a fresh process, its ratio to ``python -c pass`` measured in
the same run, the process's peak RSS, and which heavy libraries (pandas, numpy, pyarrow,
scikit-learn, scipy, skops, dask, PySide6) were loaded when it exited. Everything is measured
alone, then again beside two busy-loop processes (started and ended by this script), giving the
ratio loaded/alone; the load average is printed with each phase. ``--root DIR`` runs another
checkout's code with the same interpreter (e.g. the commit before a change, for "before"
figures).

    python bench/bench_cli_startup.py [--repeats 5] [--root DIR] [--only datasets,info]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("pandas", "numpy", "pyarrow", "sklearn", "scipy", "skops", "dask", "PySide6")
#: Runs ``main.py ARGS`` (``python -c WATCH main.py ARGS``) and prints, as the last line of
#: stderr, the heavy libraries loaded when it exited.
WATCH = ("import atexit, runpy, sys\n"
         f"atexit.register(lambda: print('heavy:', *sorted(set({HEAVY!r}) & set(sys.modules)),"
         " file=sys.stderr))\n"
         "sys.argv = sys.argv[1:]\n"
         "runpy.run_path(sys.argv[0], run_name='__main__')\n")


def load() -> str:
    return "load " + " ".join(f"{v:.1f}" for v in os.getloadavg())


def measure(args: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of ``python ARGS`` (its own rusage, from ``wait4``)."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, *args], cwd=cwd, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    error = child.stderr.read().decode(errors="replace") if child.stderr else ""
    if child.returncode:
        raise RuntimeError(f"{args} failed ({child.returncode}): {error[-600:]}")
    return wall, usage.ru_maxrss / 1024


def heavy_modules(args: list[str], cwd: Path) -> str:
    done = subprocess.run([sys.executable, "-c", WATCH, *args], cwd=cwd, capture_output=True,
                          text=True, check=True)
    return " ".join(done.stderr.rsplit("heavy:", 1)[1].split()) or "-"


@contextmanager
def busy_loops(count: int = 2) -> Iterator[None]:
    """``count`` processes spinning ``while True: pass``, ended (by their handles) afterwards."""
    loops = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)]
    try:
        time.sleep(1.0)
        yield
    finally:
        for loop in loops:
            loop.kill()
            loop.wait()


def prepare(root: Path, tmp: Path) -> tuple[Path, str]:
    """A demo store with a logistic regression trained on the credit applications."""
    store = tmp / "demo.sqlite"
    main = str(root / "main.py")
    subprocess.run([sys.executable, main, "demo", "--db", str(store), "--quiet"], cwd=root,
                   check=True, capture_output=True)
    trained = subprocess.run(
        [sys.executable, main, "train", "--dataset", "demo_credit_applications", "--target",
         "defaulted", "--task", "classification", "--models", "logistic", "--cv", "2", "--json",
         "--quiet", "--db", str(store)], cwd=root, check=True, capture_output=True, text=True)
    return store, str(json.loads(trained.stdout.splitlines()[-1])["runs"][-1]["run_id"])


def commands(root: Path, store: Path, run_id: str, tmp: Path) -> dict[str, list[str]]:
    main, db = str(root / "main.py"), ["--db", str(store)]
    return {
        "--version": [main, "--version"],
        "--help": [main, "--help"],
        "datasets": [main, "datasets", *db],
        "info": [main, "info", *db],
        "leaderboard": [main, "leaderboard", *db],
        "check": [main, "check", *db],
        "backup": [main, "backup", *db],
        "restore --list": [main, "restore", "--list", *db],
        "compact": [main, "compact", *db],
        "trash list": [main, "trash", "list", *db],
        "recipe list": [main, "recipe", "list", *db],
        "recipe steps": [main, "recipe", "steps", *db],
        "routes show": [main, "routes", "show", *db],
        "export --list": [main, "export", "--list", *db],
        "model export": [main, "model", "export", run_id, "--out",
                         str(tmp / "model.iotfin-model"), "--force", *db],
        "model import": [main, "model", "import", str(tmp / "model.iotfin-model"), *db],
        "predict": [main, "predict", "--run", run_id, "--dataset", "demo_credit_applications",
                    "--out", str(tmp / "scored.csv"), "--force", *db],
    }


def medians(todo: dict[str, list[str]], root: Path, repeats: int
            ) -> dict[str, tuple[float, float]]:
    """Median wall time and RSS of each command, the commands interleaved round by round."""
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in todo}
    for _ in range(repeats):
        for name, args in todo.items():
            samples[name].append(measure(args, root))
    return {name: (statistics.median(s[0] for s in got), statistics.median(s[1] for s in got))
            for name, got in samples.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout whose code runs")
    parser.add_argument("--only", help="comma-separated command labels (default: all)")
    args = parser.parse_args()
    root = args.root.resolve()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        store, run_id = prepare(root, tmp)
        todo = {"python -c pass": ["-c", "pass"], **commands(root, store, run_id, tmp)}
        if args.only:
            wanted = {label.strip() for label in args.only.split(",")}
            todo = {k: v for k, v in todo.items() if k in wanted or k == "python -c pass"}
        heavy = {name: heavy_modules(argv, root) for name, argv in todo.items()
                 if name != "python -c pass"}
        print(f"CLI start-up of {root}, medians of {args.repeats} fresh processes")
        print(f"alone: {load()}", flush=True)
        alone = medians(todo, root, args.repeats)
        print(f"alone done: {load()}", flush=True)
        with busy_loops():
            print(f"beside two busy loops: {load()}", flush=True)
            loaded = medians(todo, root, args.repeats)
            print(f"loaded done: {load()}", flush=True)
    base, base_loaded = alone["python -c pass"][0], loaded["python -c pass"][0]
    print(f"\n{'command':<16}{'alone s':>8}{'x pass':>8}{'RSS MB':>8}{'loaded s':>10}"
          f"{'x pass':>8}{'ld/alone':>9}  heavy modules at exit")
    for name in todo:
        wall, rss = alone[name]
        wall_loaded = loaded[name][0]
        print(f"{name:<16}{wall:>8.2f}{wall / base:>8.1f}{rss:>8.0f}{wall_loaded:>10.2f}"
              f"{wall_loaded / base_loaded:>8.1f}{wall_loaded / wall:>9.2f}  "
              f"{heavy.get(name, '')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
