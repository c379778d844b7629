"""Stores for the store-integrity tests: a healthy one with rows, and damage as a disk does it."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from iotfin_gui.core.store import Store


def healthy_store(path: Path, rows: int = 20_000) -> Path:
    """A store holding one table dataset ``big`` of ``rows`` rows, and as many audit entries
    (the rows are Parquet files: the entries give the SQLite file pages to check and damage)."""
    with Store.open(path) as store:
        frame = pd.DataFrame({"a": range(rows), "b": [f"text {i}" for i in range(rows)]})
        store.write_dataset("big", frame, "table", source="test")
        with store.atomic():
            store.conn.executemany(
                "INSERT INTO audit_log (ts, action, detail) VALUES (?, 'sample', ?)",
                [("2026-01-01T00:00:00Z", f'{{"row": {i}}}') for i in range(rows)])
    return path


def damage(path: Path) -> None:
    """Overwrite one page in the middle of the (closed) store with noise."""
    pages = path.stat().st_size // 4096
    with open(path, "r+b") as handle:
        handle.seek(4096 * (pages // 2))
        handle.write(os.urandom(4096))
