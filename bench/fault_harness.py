"""Fault harness: SIGKILL the CLI at random moments of each writing job, then check the store.

    nice .venv/bin/python bench/fault_harness.py [--kills 30] [--jobs import,train] [--seed 0]

A demo store is made once (``main.py demo``), with a forecast run to report and plan on, a
recipe to apply, a training run whose model is exported to a file (to import), and a dataset in
the trash (its backup is the one to restore). For each job (import of a ~200k-row CSV, recipe
apply, train, forecast, plan, export, report, backup, restore, trash empty, trash restore,
compact, model import, and the migration of a schema-3 store with a ~200k-row table on its first
open) the job is first run to the end once on a copy (its typical duration and its complete
outputs), then ``--kills`` times on a fresh copy (made with SQLite's backup API, the dataset
parts linked: ``backups.duplicate``; its models and backups folders copied): the CLI is started
in a process group of its own and killed with SIGKILL after a random delay in (0, typical
duration). After each kill the harness checks:

* for the migration, before anything else: the store is whole and either still at schema 3
  with every old table holding its rows, or migrated (the next start then finishes it);

* ``PRAGMA integrity_check`` is ``ok`` and no ``pending_*`` table is left;
* no half-made row: every dataset's Parquet parts exist and hold ``row_count`` rows (the import
  streams into a staging folder published with the catalogue's commit); every run that
  names a model file has it (with its SHA-256); every forecast run has its forecasts; every
  preprocessing run's dataset exists; every export row's file exists with its SHA-256;
* an output file or report folder that exists is the complete one (same bytes, or same files);
* every backup listed is an intact store with its parts (``backups.check_backup``);
* after the next start's cleanup (``main.py export --list``, a writing command, cleans first) no
  ``.iotfin-part`` / ``.tmp-`` file and no model file that no run records is left (the model
  files are first dated back by ``ORPHAN_AGE_S``: the cleanup keeps younger ones, which a
  training in another process may still be writing, so the next start is taken to come later),
  and no dataset folder that no catalogue row names (dated back the same way);
* ``main.py info`` exits 0.

It prints one row per job (job, kills, clean, problems) and exits 1 when any check failed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
MAIN = ROOT / "main.py"
sys.path.insert(0, str(ROOT))

import pyarrow.parquet as pq  # noqa: E402

from iotfin_gui.core.backups import check_backup, duplicate, list_backups  # noqa: E402
from iotfin_gui.core.errors import StoreError  # noqa: E402
from iotfin_gui.core.model_folder import ORPHAN_AGE_S  # noqa: E402
from iotfin_gui.core.schema import SCHEMA_VERSION  # noqa: E402
from iotfin_gui.core.store_files import backups_dir, data_dir  # noqa: E402
from iotfin_gui.core.store_health import needs_recovery  # noqa: E402

IMPORT_ROWS = 200_000
#: The schema-3 store the migration job starts from (its telemetry table is made larger).
OLD_STORE = ROOT / "tests" / "data" / "store_v3.sqlite"
MIGRATE_ROWS = 200_000
LEFTOVER_MARKS = (".iotfin-part-", ".tmp-")


@dataclass
class Job:
    """A CLI command to kill: its arguments (``{db}``, ``{out}`` and ``{data}`` filled in) and
    the output it writes (a file or a folder, or None)."""

    name: str
    args: list[str]
    output: str | None = None
    typical_s: float = 0.0
    reference: dict[str, str] = field(default_factory=dict)
    #: Which prepared store the job starts from: "base" (the demo) or "old" (schema 3).
    start: str = "base"


JOBS = (
    Job("import", ["import", "{data}/readings.csv", "--kind", "telemetry", "--name", "readings"]),
    Job("recipe apply", ["recipe", "apply", "harness", "--dataset", "demo_withdrawals",
                         "--save-as", "prepared"]),
    Job("train", ["train", "--dataset", "demo_credit_applications", "--target", "defaulted",
                  "--task", "classification", "--models", "logistic,random_forest", "--cv", "3"]),
    Job("forecast", ["forecast", "--dataset", "demo_withdrawals", "--horizon", "14",
                     "--model", "weekday_profile", "--out", "{out}"], output="forecast.csv"),
    Job("export", ["export", "dataset", "--dataset", "demo_withdrawals", "--out", "{out}"],
        output="withdrawals.csv"),
    Job("report", ["report", "--run", "1", "--out", "{out}"], output="report"),
    Job("plan", ["plan", "--run", "1", "--out", "{out}"], output="plan.csv"),
    Job("backup", ["backup"]),
    Job("restore", ["restore"]),
    Job("trash empty", ["trash", "empty"]),
    Job("trash restore", ["trash", "restore", "1"]),
    Job("compact", ["compact"]),
    Job("model import", ["model", "import", "{data}/shared.iotfin-model"]),
    Job("migrate", ["datasets"], start="old"),
)


def cli(db: Path, *args: str, timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(MAIN), *args, "--db", str(db)], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout, check=False)


def copy_store(source: Path, target: Path) -> None:
    """A consistent copy of a closed store through SQLite, its dataset parts linked."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    if _schema(source) < 4:  # no data folder yet: a plain copy through SQLite
        with closing(read_only(source)) as conn, closing(sqlite3.connect(target)) as copy:
            conn.backup(copy)
        return
    duplicate(source, target)
    for folder in (source.with_name(f"{source.stem}_models"), backups_dir(source)):
        if folder.is_dir():
            shutil.copytree(folder, target.with_name(folder.name.replace(source.stem,
                                                                         target.stem, 1)))


def _schema(db: Path) -> int:
    return _read(db, "PRAGMA user_version")[0][0]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fingerprint(path: Path) -> dict[str, str]:
    """An output's content: file name -> SHA-256 (a folder: each file in it)."""
    if path.is_dir():
        return {str(p.relative_to(path)): sha256(p) for p in sorted(path.rglob("*"))
                if p.is_file()}
    return {path.name: sha256(path)} if path.exists() else {}


def prepare(folder: Path) -> dict[str, Path]:
    """The starting stores: "base", the demo with a forecast run (id 1), a training run (id 2)
    whose model is exported to ``shared.iotfin-model``, a recipe and a trashed dataset (whose
    backup the restore job restores); "old", a schema-3 store. Plus the CSV to import."""
    base = folder / "base.sqlite"
    for args in (["demo"],
                 ["forecast", "--dataset", "demo_withdrawals", "--horizon", "7", "--model",
                  "weekday_profile", "--out", str(folder / "setup_forecast.csv")],
                 ["train", "--dataset", "demo_credit_applications", "--target", "defaulted",
                  "--task", "classification", "--models", "logistic", "--cv", "3"],
                 ["model", "export", "2", "--out", str(folder / "shared.iotfin-model")]):
        done = cli(base, *args)
        if done.returncode:
            raise SystemExit(f"setup failed: {' '.join(args)}\n{done.stderr}")
    from iotfin_gui.core import trash
    from iotfin_gui.core.store import Store

    with Store.open(base) as store:
        trash.trash_dataset(store, "demo_events")
    from iotfin_gui.core.recipes import make_recipe

    recipe = make_recipe("harness", [
        ("lags", {"columns": ["amount"], "lags": [1, 7]}),
        ("rolling", {"columns": ["amount"], "windows": [7], "stats": ["mean"]}),
    ])
    (folder / "harness.json").write_text(recipe.to_json(), encoding="utf-8")
    done = cli(base, "recipe", "import", str(folder / "harness.json"))
    if done.returncode:
        raise SystemExit(f"setup failed: recipe import\n{done.stderr}")
    rng = np.random.default_rng(0)
    pd.DataFrame({
        "device_id": [f"ATM-{i:04d}" for i in rng.integers(1, 61, IMPORT_ROWS)],
        "timestamp": (pd.Timestamp("2026-01-01") + pd.to_timedelta(
            np.sort(rng.integers(0, 90 * 86400, IMPORT_ROWS)), unit="s")).strftime(
                "%Y-%m-%d %H:%M:%S"),
        "cash": rng.normal(200_000, 50_000, IMPORT_ROWS).round(2),
        "temperature": rng.normal(30, 5, IMPORT_ROWS).round(1),
    }).to_csv(folder / "readings.csv", index=False)
    return {"base": base, "old": old_store(folder / "old.sqlite")}


def old_store(path: Path) -> Path:
    """The schema-3 test store with :data:`MIGRATE_ROWS` rows in its telemetry table (its
    catalogue's row count and hash follow; the migration keeps the hash it finds)."""
    shutil.copy(OLD_STORE, path)
    with sqlite3.connect(path) as conn:
        conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            "INSERT INTO ds_2 (device_id, timestamp, cash, heartbeat) SELECT "
            "printf('ATM-%04d', i % 60), datetime('2026-01-01', '+' || i || ' seconds'), "
            "i * 1.5, i % 7 FROM n", [MIGRATE_ROWS - 1])
        count = conn.execute("SELECT count(*) FROM ds_2").fetchone()[0]
        conn.execute("UPDATE datasets SET row_count = ? WHERE id = 2", [count])
    return path


def command(job: Job, db: Path, work: Path, data: Path) -> list[str]:
    out = str(work / job.output) if job.output else ""
    return [sys.executable, str(MAIN), *[a.format(db=db, out=out, data=data) for a in job.args],
            "--db", str(db)]


def fresh(base: Path, work: Path) -> Path:
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    db = work / "store.sqlite"
    copy_store(base, db)
    return db


def run_to_end(job: Job, base: Path, work: Path, data: Path) -> None:
    db = fresh(base, work)
    started = time.perf_counter()
    done = subprocess.run(command(job, db, work, data), cwd=ROOT, capture_output=True,
                          text=True, check=False)
    job.typical_s = time.perf_counter() - started
    if done.returncode:
        raise SystemExit(f"{job.name} fails even without a kill:\n{done.stderr}")
    if job.output:
        job.reference = fingerprint(work / job.output)


def kill_once(job: Job, db: Path, work: Path, data: Path, delay: float) -> bool:
    """Start the job, SIGKILL its process group after ``delay`` seconds; whether it was killed
    (False: it had already finished)."""
    process = subprocess.Popen(command(job, db, work, data), cwd=ROOT, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        process.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return True


def read_only(db: Path) -> sqlite3.Connection:
    """A read-only connection to the store, after SQLite's own recovery of a write cut short (a
    hot journal, which a read-only connection may not roll back: the app's next start does it
    through a read-write one, :func:`store_health.check_existing_file`)."""
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.OperationalError as error:
        conn.close()
        if not needs_recovery(error):
            raise
        with closing(sqlite3.connect(db)) as recover:
            recover.execute("PRAGMA schema_version").fetchone()
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    return conn


def _rows(conn: sqlite3.Connection, sql: str, params: tuple = ()) -> list[tuple]:
    return conn.execute(sql, params).fetchall()


def old_store_problems(db: Path) -> list[str]:
    """What is wrong with a store whose migration was killed: it is whole and either still at
    schema 3 with every old table holding its rows, or migrated."""
    check = _read(db, "PRAGMA integrity_check")
    if check != [("ok",)]:
        return [f"integrity_check: {check[:3]}"]
    version = _schema(db)
    if version == SCHEMA_VERSION:
        return []
    if version != 3:
        return [f"schema {version}: neither the old one nor the new"]
    return [f"old table {table}: {held} rows, row_count {count}"
            for table, count in _read(db, "SELECT table_name, row_count FROM datasets")
            if (held := _read(db, f'SELECT count(*) FROM "{table}"')[0][0]) != count]


def backup_problems(db: Path) -> list[str]:
    """Every backup listed must be an intact store with its parts."""
    problems = []
    for item in list_backups(db):
        try:
            check_backup(item.path)
        except StoreError as error:
            problems.append(f"backup {item.path.name}: {error}")
    return problems


def store_problems(db: Path) -> list[str]:
    """What is wrong inside the store after a kill (see the module docstring)."""
    problems: list[str] = []
    conn = read_only(db)
    try:
        check = _rows(conn, "PRAGMA integrity_check")
        if check != [("ok",)]:
            problems.append(f"integrity_check: {check[:3]}")
        tables = {name for (name,) in _rows(conn, "SELECT name FROM sqlite_master "
                                                  "WHERE type = 'table'")}
        problems += [f"pending table {t}" for t in sorted(tables) if t.startswith("pending")]
        for dataset_id, folder, count, files in _rows(
                conn, "SELECT id, table_name, row_count, files FROM datasets"):
            parts = [data_dir(db) / folder / f["name"] for f in json.loads(files)]
            missing = [p.name for p in parts if not p.is_file()]
            if not parts or missing:
                problems.append(f"dataset {dataset_id}: parts missing in {folder}: {missing}")
                continue
            held = sum(pq.ParquetFile(p).metadata.num_rows for p in parts)
            if held != count:
                problems.append(f"dataset {dataset_id}: {held} rows, row_count {count}")
        for run_id, kind, model_path, model_sha, dataset_id in _rows(
                conn, "SELECT id, kind, model_path, model_sha256, dataset_id FROM runs"):
            if model_path:  # found as the app finds it: by name, in the store's own folder
                path = db.with_name(f"{db.stem}_models") / Path(model_path).name
                if not path.is_file():
                    problems.append(f"run {run_id}: model file {model_path} missing")
                elif model_sha and sha256(path) != model_sha:
                    problems.append(f"run {run_id}: model file {model_path} differs")
            if kind == "forecast" and not _rows(conn, "SELECT 1 FROM forecasts WHERE run_id = ? "
                                                      "LIMIT 1", (run_id,)):
                problems.append(f"forecast run {run_id} has no forecasts")
            if kind == "preprocess" and dataset_id is not None and not _rows(
                    conn, "SELECT 1 FROM datasets WHERE id = ?", (dataset_id,)):
                problems.append(f"run {run_id}: dataset {dataset_id} missing")
        for export_id, path, digest in _rows(conn, "SELECT id, path, sha256 FROM exports"):
            if not Path(path).exists():
                problems.append(f"export {export_id}: {path} missing")
            elif digest and Path(path).is_file() and sha256(Path(path)) != digest:
                problems.append(f"export {export_id}: {path} differs from its record")
    finally:
        conn.close()
    return problems


def file_problems(job: Job, db: Path, work: Path) -> list[str]:
    """Leftover temporary files, unrecorded model files and half outputs."""
    problems = [f"leftover {p.relative_to(work)}" for p in sorted(work.rglob("*"))
                if any(mark in p.name for mark in LEFTOVER_MARKS)]
    models = db.with_name(f"{db.stem}_models")
    if models.is_dir():
        conn = read_only(db)
        try:
            recorded = " ".join(f"{p} {q}" for p, q in
                                _rows(conn, "SELECT model_path, params FROM runs"))
        finally:
            conn.close()
        problems += [f"model file no run records: {p.name}" for p in sorted(models.iterdir())
                     if p.name not in recorded]
    named = {row[0] for row in _read(db, "SELECT table_name FROM datasets")}
    data = data_dir(db)
    problems += [f"dataset folder no row names: {p.name}" for p in
                 (sorted(data.iterdir()) if data.is_dir() else []) if p.name not in named]
    if job.output and (work / job.output).exists():
        content = fingerprint(work / job.output)
        if job.output == "report":
            content = {k: v for k, v in content.items() if k in job.reference}
            if set(content) != set(job.reference):
                problems.append(f"half report folder: {sorted(set(job.reference) - set(content))}")
        elif content != job.reference:
            problems.append(f"half output {job.output}")
    return problems


def _read(db: Path, sql: str) -> list[tuple]:
    conn = read_only(db)
    try:
        return _rows(conn, sql)
    finally:
        conn.close()


def age_model_files(db: Path) -> None:
    """Date the model files, dataset folders and unfinished backups back as if the next start
    came ``ORPHAN_AGE_S`` later."""
    models, data, kept = db.with_name(f"{db.stem}_models"), data_dir(db), backups_dir(db)
    paths = list(models.iterdir()) if models.is_dir() else []
    paths += list(data.rglob("*")) if data.is_dir() else []
    paths += list(kept.rglob("*")) if kept.is_dir() else []
    for path in paths:
        then = path.stat().st_mtime - ORPHAN_AGE_S - 60
        os.utime(path, (then, then))


def check(job: Job, db: Path, work: Path) -> list[str]:
    if job.start == "old":
        problems = old_store_problems(db)
    else:
        problems = store_problems(db) + backup_problems(db)
    age_model_files(db)
    cleanup = cli(db, "export", "--list")
    if cleanup.returncode:
        problems.append(f"next start failed: {cleanup.stderr.strip()[-200:]}")
    if job.start == "old":
        problems += store_problems(db) + backup_problems(db)
    problems += file_problems(job, db, work)
    info = cli(db, "info")
    if info.returncode:
        problems.append(f"info exit {info.returncode}: {info.stderr.strip()[-200:]}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=30, help="kills per job (default 30)")
    parser.add_argument("--jobs", help="comma-separated job names (default: all)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep it")
    args = parser.parse_args(argv)
    wanted = set(args.jobs.split(",")) if args.jobs else {j.name for j in JOBS}
    rng = random.Random(args.seed)
    folder = Path(args.keep or tempfile.mkdtemp(prefix="iotfin-faults-"))
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    try:
        starts = prepare(folder)
        rows = []
        for job in (j for j in JOBS if j.name in wanted):
            work = folder / job.name.replace(" ", "_")
            base = starts[job.start]
            run_to_end(job, base, work, folder)
            killed, clean, found = 0, 0, []
            for number in range(1, args.kills + 1):
                db = fresh(base, work)
                delay = rng.uniform(0.0, job.typical_s)
                killed += kill_once(job, db, work, folder, delay)
                problems = check(job, db, work)
                clean += not problems
                found += problems
                print(f"{job.name} #{number} at {delay:.1f}s: {'; '.join(problems) or 'clean'}",
                      file=sys.stderr, flush=True)
            rows.append((job.name, args.kills, killed, clean, job.typical_s, found))
            print(f"{job.name}: {clean}/{args.kills} clean", file=sys.stderr, flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    print("| job | kills | killed mid-run | clean | typical s | problems |")
    print("|---|---|---|---|---|---|")
    for name, kills, killed, clean, typical, found in rows:
        shown = "; ".join(sorted(set(found))[:5]) or "none"
        print(f"| {name} | {kills} | {killed} | {clean} | {typical:.1f} | {shown} |")
    print(f"total {time.perf_counter() - started:.0f} s")
    return 1 if any(found for *_, found in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
