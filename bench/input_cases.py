"""Replay the concrete cases of issue 20 against a tree and print what each one ends in.

    .venv/bin/python bench/input_cases.py                        # this tree
    PYTHONPATH=/tmp/old .venv/bin/python bench/input_cases.py     # another checkout

Every case runs the command line in its own process (``python -c 'iotfin_gui.cli.main()'``,
with the ``iotfin_gui`` this interpreter imports), capped at 1.5 GB of address space and
:data:`TIMEOUT` seconds, on a small demo store made first. The outcome of each case is one of:
``ok`` (exit 0 where work was expected), ``refused, clear`` (exit 2, one line, naming the real
cause: the words the case expects), ``refused, unclear`` (exit 2 without them), ``accepted``
(exit 0 where the input should have been refused), ``traceback``, ``MemoryError`` or ``hang``.
The disk-full case runs in a private mount namespace on a 4 MB tmpfs (``unshare``; skipped where
that is not allowed). Prints one line per case, the counts and the machine load.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from damaged_files import corrupted_parquet, xlsx_with_bad_cached_value

TIMEOUT = 120
MEMORY_LIMIT = 1_500_000_000
#: The CLI under the memory cap; a run still going after ``{seconds}`` s prints where it is
#: (faulthandler) and exits, so that a hang says what it waits for.
RUNNER = ("import faulthandler, resource, sys;"
          "resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}));"
          "faulthandler.dump_traceback_later({seconds}, exit=True);"
          "from iotfin_gui.cli import main; sys.exit(main(sys.argv[1:]))")


@dataclass
class Case:
    """One case: its label, the command line, whether it should be refused and, if so, the
    words (any of them, lower case) a clear message contains."""

    label: str
    argv: list[str]
    refuse: bool = True
    words: tuple[str, ...] = ()


def run(argv: list[str], timeout: float = TIMEOUT, prefix: tuple[str, ...] = ()
        ) -> tuple[int | None, str]:
    """(exit code or None on a hang, stderr) of one command line."""
    code = RUNNER.format(limit=MEMORY_LIMIT, seconds=timeout)
    env = {**os.environ, "IOTFIN_CORES": "1", "QT_QPA_PLATFORM": "offscreen"}
    try:
        done = subprocess.run([*prefix, sys.executable, "-c", code, *argv], capture_output=True,
                              text=True, timeout=timeout + 30, env=env, check=False)
    except subprocess.TimeoutExpired:
        return None, ""
    if "Timeout (" in done.stderr:
        return None, done.stderr
    return done.returncode, done.stderr


def outcome(case: Case, code: int | None, err: str) -> str:
    if code is None:
        return "hang"
    if "MemoryError" in err:
        return "MemoryError"
    if "Traceback" in err:
        return "traceback"
    if code == 0:
        return "accepted" if case.refuse else "ok"
    message = err.strip().splitlines()[-1] if err.strip() else ""
    for arg in case.argv:
        if "/" in arg:
            message = message.replace(arg, "").replace(Path(arg).name, "")
    message = message.lower()
    if not case.refuse:
        return f"failed: {message[:90]}"
    clear = any(word in message for word in case.words) and err.strip().count("\n") == 0
    return "refused, clear" if clear else "refused, unclear"


def make_store(folder: Path) -> Path:
    """A small demo store (5 ATMs, 120 days) with one trained model."""
    store = folder / "store.sqlite"
    script = ("import sys; from iotfin_gui.core.store import Store;"
              "from iotfin_gui.core.demo import DemoConfig, load_demo;"
              "s = Store.open(sys.argv[1]);"
              "load_demo(s, DemoConfig(n_atms=5, days=120, telemetry_days=2, credit_rows=300));"
              "s.close()")
    subprocess.run([sys.executable, "-c", script, str(store)], check=True)
    code, err = run(["train", "--db", str(store), "--dataset", "demo_credit_applications",
                     "--task", "classification", "--models", "logistic", "--cv", "2", "--quiet"],
                    timeout=300)
    if code != 0:
        raise SystemExit(f"could not train the model of the renamed-store case: {err}")
    return store


def recipe_file(folder: Path, name: str, step: dict) -> Path:
    path = folder / f"{name}.json"
    path.write_text(json.dumps({"format": "iotfin-recipe", "name": name, "steps": [step]}))
    return path


def cases(folder: Path, store: Path) -> tuple[list[Case], socket.socket]:
    db = ["--db", str(store), "--quiet"]
    train = ["train", *db, "--dataset", "demo_credit_applications", "--task", "classification",
             "--models", "logistic", "--cv", "2"]
    out = str(folder / "f.csv")
    forecast = ["forecast", *db, "--dataset", "demo_withdrawals", "--model", "seasonal_naive",
                "--horizon", "7", "--out", out, "--force", "--no-save"]
    plan = [*forecast, "--plan-out", str(folder / "plan.csv")]
    fifo = folder / "pipe.csv"
    os.mkfifo(fifo)
    loop_a, loop_b = folder / "loop_a.csv", folder / "loop_b.csv"
    loop_a.symlink_to(loop_b)
    loop_b.symlink_to(loop_a)
    sock = folder / "sock.csv"
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(sock))
    recipe_file(folder, "many_lags", {"type": "lags", "params": {
        "columns": ["amount"], "lags": list(range(1, 10_001))}})
    recipe_file(folder, "many_windows", {"type": "rolling", "params": {
        "columns": ["amount"], "windows": list(range(1, 10_001))}})
    renamed = folder / "renamed" / "bank.sqlite"
    renamed.parent.mkdir()
    shutil.copy(store, renamed)
    shutil.copytree(store.with_name("store_models"), renamed.parent / "store_models")
    if store.with_name("store_data").is_dir():  # dataset rows, since issue 16: renamed along
        shutil.copytree(store.with_name("store_data"), renamed.parent / "bank_data")
    range_words = ("range", "at least", "at most", "between")
    special = ("fifo", "pipe", "device", "/proc", "socket", "folder", "not a regular file")
    return [
        Case("train --seed -1", [*train, "--seed", "-1"], words=("--seed",)),
        Case("train --cost-fp nan", [*train, "--cost-fp", "nan"], words=("--cost-fp",)),
        Case("train --cost-fn inf", [*train, "--cost-fn", "inf"], words=("--cost-fn",)),
        Case("forecast --origins 0", [*forecast, "--origins", "0"], words=("--origins",)),
        Case("forecast --origins 1000", [*forecast, "--origins", "1000"],
             words=("--origins",)),
        Case("forecast --capacity -1", [*plan, "--capacity", "-1"], words=("--capacity",)),
        Case("forecast --capacity nan", [*plan, "--capacity", "nan"], words=("--capacity",)),
        Case("recipe lags 1..10000 (apply)", ["recipe", "apply", "many_lags", *db,
                                               "--dataset", "demo_withdrawals"],
             words=("memory", "columns")),
        Case("recipe rolling 1..10000 (apply)", ["recipe", "apply", "many_windows", *db,
                                                  "--dataset", "demo_withdrawals"],
             words=("memory", "columns")),
        Case("recipe import /dev/zero", ["recipe", "import", "/dev/zero", *db],
             words=special),
        Case("recipe import FIFO", ["recipe", "import", str(fifo), *db], words=special),
        Case("import FIFO", ["import", str(fifo), *db], words=special),
        Case("import /dev/zero", ["import", "/dev/zero", *db], words=special),
        Case("import /proc/self/environ", ["import", "/proc/self/environ", *db],
             words=special),
        Case("import symlink loop", ["import", str(loop_a), *db], words=("link loop",)),
        Case("import socket", ["import", str(sock), *db], words=special),
        Case("import a directory", ["import", str(folder), *db], words=special),
        Case("import xlsx bad cached value", ["import", str(xlsx_with_bad_cached_value(folder)),
                                              *db], words=("cash", "b3", "sheet")),
        Case("import corrupted parquet", ["import", str(corrupted_parquet(folder)), *db],
             words=("row group",)),
        Case("predict on a renamed store", ["predict", "--db", str(renamed), "--quiet",
                                            "--run", "1", "--dataset",
                                            "demo_credit_applications", "--out",
                                            str(folder / "p.csv")], refuse=False),
        Case("train --cv 99999999", ["train", *db[:3], "--dataset", "x", "--task",
                                     "classification", "--cv", "99999999"], words=range_words),
        Case("predict --run 2**70", ["predict", *db, "--run", str(2**70), "--dataset", "x",
                                     "--out", out, "--force"], words=("--run",)),
    ], listener


def disk_full(folder: Path) -> tuple[str, str]:
    """Import a CSV into a store on a full 4 MB tmpfs; (outcome, message)."""
    if shutil.which("unshare") is None:
        return "skipped", "no unshare"
    mount = folder / "tmpfs_mount"
    mount.mkdir()
    data = folder / "big.csv"
    data.write_text("device_id,timestamp,amount\n" + "".join(
        f"A{i % 9},2026-01-{1 + i % 28:02d} {i % 24:02d}:00,{i}.5\n" for i in range(60_000)))
    cli = f"{sys.executable} -c \"{RUNNER.format(limit=MEMORY_LIMIT, seconds=TIMEOUT)}\""
    script = (f"mount -t tmpfs -o size=4m tmpfs {mount} && "
              f"{cli} datasets --db {mount}/s.sqlite --quiet >/dev/null && "
              f"(head -c 100000000 /dev/zero > {mount}/fill 2>/dev/null; true) && "
              f"{cli} import {data} --db {mount}/s.sqlite --quiet")
    try:
        done = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                               script], capture_output=True, text=True, timeout=120,
                              check=False)
    except subprocess.TimeoutExpired:
        return "hang", ""
    case = Case("disk full", [str(mount)], words=("is full", "no space"))
    message = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
    return outcome(case, done.returncode, done.stderr), message


def main() -> None:
    import iotfin_gui

    print(f"iotfin_gui from {Path(iotfin_gui.__file__).parent}")
    folder = Path(tempfile.mkdtemp(prefix="iotfin-cases-"))
    try:
        store = make_store(folder)
        all_cases, listener = cases(folder, store)
        for name in ("many_lags", "many_windows"):
            code, err = run(["recipe", "import", str(folder / f"{name}.json"), "--db",
                             str(store)], timeout=900)
            if code != 0:
                raise SystemExit(f"could not store the recipe {name}: {err or 'timed out'}")
        counts: Counter[str] = Counter()
        for case in all_cases:
            code, err = run(case.argv)
            result = outcome(case, code, err)
            counts[result.split(":")[0]] += 1
            last = err.strip().splitlines()[-1] if err.strip() and result != "hang" else ""
            print(f"{case.label:<34} {result:<18} {last[:150]}", flush=True)
            frames = [line.strip() for line in err.splitlines() if line.startswith("  File")]
            if result == "hang" and frames:
                print("    waiting in: " + " <- ".join(frames[:2]), flush=True)
        listener.close()
        result, message = disk_full(folder)
        counts[result.split(":")[0]] += 1
        print(f"{'disk full (import)':<34} {result:<18} {message[:150]}")
        print("counts: " + ", ".join(f"{k} {v}" for k, v in counts.most_common()))
        print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
