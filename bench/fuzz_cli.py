"""Fuzz every subcommand with many examples and print the counts (issue 20's closing note).

    .venv/bin/python bench/fuzz_cli.py [--examples 200] [--only train,forecast]

The harness is tests/core/cli_fuzzing.py (the normal suite runs it with a few examples per
command): free command lines per command, then ("valid+1 COMMAND") a working command line with
one option made hostile. Every command line runs in-process on a fresh copy of a small demo
store, under a cap of 3 GB of address space; a run passes when it ends with exit code 0 or 2,
one error line and no traceback within the time bound. Prints per strategy the examples and
outcomes (ok, refused, and any failure kind), each failure's command line and message, the
totals, the seconds and the machine load.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "core"))
os.environ.setdefault("IOTFIN_CORES", "1")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("IOTFIN_KEY_DIR", tempfile.mkdtemp(prefix="iotfin-fuzz-keys-"))

MEMORY_LIMIT = 3 * 1024**3


def fuzz(command: str, strategy, playground, examples: int) -> tuple[Counter, list]:
    from hypothesis import HealthCheck, given, settings

    counts: Counter[str] = Counter()
    failures = []

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def one(argv: list[str]) -> None:
        from cli_fuzzing import run_one

        outcome = run_one(playground, argv)
        counts[outcome.kind] += 1
        if not outcome.passed:
            failures.append(outcome)

    one()
    return counts, failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=200)
    parser.add_argument("--only", help="comma-separated commands (default: all)")
    options = parser.parse_args()
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    from cli_fuzzing import Playground, command_lines, mutated_lines

    with tempfile.TemporaryDirectory(prefix="iotfin-fuzz-") as folder:
        playground = Playground(Path(folder))
        strategies = command_lines(playground)
        commands = len(strategies)
        strategies.update({f"valid+1 {command}": strategy
                           for command, strategy in mutated_lines(playground).items()})
        chosen = options.only.split(",") if options.only else list(strategies)
        totals: Counter[str] = Counter()
        started = time.perf_counter()
        for command in chosen:
            began = time.perf_counter()
            counts, failures = fuzz(command, strategies[command], playground, options.examples)
            totals.update(counts)
            print(f"{command:<22} {sum(counts.values()):>5} examples  "
                  + ", ".join(f"{k} {v}" for k, v in counts.most_common())
                  + f"  ({time.perf_counter() - began:.0f} s, load "
                  f"{os.getloadavg()[0]:.1f})", flush=True)
            for outcome in failures[:5]:
                print(f"    FAIL {outcome.kind}: {' '.join(outcome.argv)[:200]}\n"
                      f"         {(outcome.crash or outcome.stderr.strip())[-300:]}", flush=True)
        playground.close()
    print(f"strategies {len(chosen)} ({commands} commands), examples "
          f"{sum(totals.values())}: "
          + ", ".join(f"{k} {v}" for k, v in totals.most_common())
          + f"; {time.perf_counter() - started:.0f} s; load average "
          + " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
