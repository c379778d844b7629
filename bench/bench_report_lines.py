"""Benchmark: what looking for totals rows and note lines costs the CSV reader.

Generates ``bench_import``'s 8-column telemetry CSV (``--rows``, default 1,000,000) and, in
``--repeat`` alternating rounds, reads it to the end with the CSV reader twice: its chunks as
split (the baseline: no look for report rows) and as the import reads them, with
:func:`~iotfin_gui.core.ingest.readers.set_aside_report_rows` applied to each. Prints the
median of each, the median of the per-round ratios with/without and the load average.

    python bench/bench_report_lines.py [--rows N] [--repeat R]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_import import make_csv  # noqa: E402

from iotfin_gui.core.ingest.detect import sniff  # noqa: E402
from iotfin_gui.core.ingest.readers import open_reader  # noqa: E402


def read(path: Path, aside: bool) -> float:
    """Seconds to read every chunk of ``path``, with or without the look for report rows."""
    start = time.perf_counter()
    with open_reader(sniff(path), 50_000) as reader:
        for _ in (reader.chunks() if aside else reader._split_chunks()):
            pass
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "telemetry.csv"
        make_csv(path, args.rows)
        without, with_, ratios, loads = [], [], [], []
        for _ in range(args.repeat):
            loads.append(os.getloadavg()[0])
            without.append(read(path, aside=False))
            with_.append(read(path, aside=True))
            ratios.append(with_[-1] / without[-1])
    print(f"CSV reader, {args.rows:,} rows x 8 columns, {args.repeat} rounds, "
          f"load {', '.join(f'{x:.1f}' for x in loads)}")
    print(f"without the look for report rows: median {statistics.median(without):.2f} s")
    print(f"with it (as imported):           median {statistics.median(with_):.2f} s")
    print(f"ratio with/without: median {statistics.median(ratios):.3f} "
          f"(rounds {', '.join(f'{r:.3f}' for r in ratios)})")


if __name__ == "__main__":
    main()
