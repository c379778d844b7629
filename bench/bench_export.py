"""Export throughput: ``export_table`` of a 1M-row stored dataset vs pandas ``to_csv`` of it.

    .venv/bin/python bench/bench_export.py [ROWS]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from iotfin_gui.core.reports import export_table
from iotfin_gui.core.store import Store


def main(rows: int = 1_000_000) -> None:
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({
        "device_id": [f"ATM-{i:04d}" for i in rng.integers(0, 2000, rows)],
        "timestamp": pd.Timestamp("2025-01-01") + pd.to_timedelta(
            rng.integers(0, 365 * 86400, rows), unit="s"),
        "amount": rng.normal(50_000, 20_000, rows).round(2),
        "count": rng.integers(0, 300, rows),
        "note": rng.choice(["正常", "=1+2", "-5", "cash low"], rows),
    })
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        with Store.open(root / "bench.sqlite") as store:
            store.write_dataset("bench", frame, "table", source="bench")
            started = time.perf_counter()
            export_table(store, "dataset", root / "export.csv", dataset="bench")
            ours = time.perf_counter() - started
            started = time.perf_counter()
            store.read_dataset("bench").to_csv(root / "pandas.csv", index=False,
                                               encoding="utf-8-sig")
            baseline = time.perf_counter() - started
    print(f"{rows:,} rows: export_table {ours:.2f} s ({rows / ours:,.0f} rows/s); "
          f"read_dataset + to_csv {baseline:.2f} s ({rows / baseline:,.0f} rows/s)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
