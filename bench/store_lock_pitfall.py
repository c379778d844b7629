"""SQLite's POSIX-lock pitfall, replayed with and without the store-file guard.

The scenario of the store-integrity issue, run ``--runs`` times each way in this process (A) with
the CLI as process B:

1. A opens the store, writes a setting, lists datasets;
2. A opens and closes the store's database, ``-wal`` and ``-shm`` files with ``os.open``;
3. B imports ``two.csv``; A writes 50 settings and lists datasets;
4. B imports ``three.csv``; A writes 50 settings, lists datasets, deletes one, closes.

A run is *broken* when A does not see ``three`` or ``PRAGMA integrity_check`` fails at the end.
"Guarded" is the app as shipped: step 2 is refused (StoreFileError) and nothing breaks.
"Unguarded" switches the guard off for process A only, to show the pitfall is real on this
machine. Prints one line per mode: runs, broken, refused opens.

    python bench/store_lock_pitfall.py --runs 10
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from iotfin_gui.core import store as store_module  # noqa: E402
from iotfin_gui.core.store import Store  # noqa: E402
from iotfin_gui.core.store_files import StoreFileError, sqlite_files  # noqa: E402


def cli_import(db: Path, csv: Path) -> None:
    subprocess.run([sys.executable, str(ROOT / "main.py"), "import", str(csv), "--db", str(db)],
                   check=True, capture_output=True)


def write_csv(path: Path, rows: int) -> Path:
    lines = ["device_id,reading"] + [f"ATM-{i % 7:04d},{i * 1.5}" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def one_run(folder: Path) -> tuple[bool, int]:
    """(broken, refused opens) of one replay of the scenario."""
    db = folder / "store.sqlite"
    cli_import(db, write_csv(folder / "one.csv", 200))
    refused = 0
    a = Store.open(db)
    try:
        a.set_setting("step", 1)
        a.datasets()
        for file in sqlite_files(db)[:3]:
            try:
                os.close(os.open(file, os.O_RDONLY | os.O_CREAT))
            except StoreFileError:
                refused += 1
        cli_import(db, write_csv(folder / "two.csv", 300))
        for i in range(50):
            a.set_setting(f"a{i}", i)
        a.datasets()
        cli_import(db, write_csv(folder / "three.csv", 400))
        for i in range(50):
            a.set_setting(f"b{i}", i)
        names = {d.name for d in a.datasets()}
        a.delete_dataset("one")
    finally:
        a.close()
    conn = sqlite3.connect(db)
    try:
        verdict = conn.execute("PRAGMA integrity_check").fetchall()
        still = {r[0] for r in conn.execute("SELECT name FROM datasets")}
    except sqlite3.DatabaseError as error:
        verdict, still = [(str(error),)], set()
    finally:
        conn.close()
    broken = "three" not in names or verdict != [("ok",)] or not {"two", "three"} <= still
    return broken, refused


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    results = {}
    for mode in ("unguarded", "guarded"):
        if mode == "unguarded":
            original = store_module.register_open_store
            store_module.register_open_store = lambda path: None
        broken = refused = 0
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory() as folder:
                was_broken, was_refused = one_run(Path(folder))
            broken += was_broken
            refused += was_refused
        if mode == "unguarded":
            store_module.register_open_store = original
        results[mode] = (broken, refused)
        print(f"{mode:10s} runs {args.runs:3d}  broken {broken:3d}  refused opens {refused:3d}",
              flush=True)


if __name__ == "__main__":
    main()
