"""Every command that writes a file (found in the argparse parser, so a new one is covered or
this test fails) refuses the store, its journal files, its models and backups folders, devices,
pipes, folders and existing files: exit 2, one clear line, the store intact. With --force an
existing file is replaced atomically; a report folder keeps the files the app did not write."""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from iotfin_gui.cli import EXIT_OK, EXIT_USAGE, build_parser, main
from iotfin_gui.core.backups import duplicate
from iotfin_gui.core.models import train
from iotfin_gui.core.outputs import MANIFEST, PART_MARK
from iotfin_gui.core.recipes import save_recipe
from iotfin_gui.core.recipes.document import Recipe
from iotfin_gui.core.store import Store
from iotfin_gui.core.store_files import backups_dir, data_dir, models_dir

FORECAST = ["forecast", "--dataset", "demo_withdrawals", "--horizon", "7", "--model",
            "weekday_profile", "--no-save"]
#: Folder outputs (the rest write one file).
FOLDER_OUTPUTS = {(("report",), "--out")}


def output_options(parser: argparse.ArgumentParser,
                   path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], str]]:
    """(command path, option) of every option of the CLI that names a file or folder to write."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from output_options(sub, (*path, name))
        elif action.dest == "out" or action.dest.endswith("_out"):
            yield path, action.option_strings[0]


@pytest.fixture(scope="module")
def prepared(report_demo_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with a forecast run (1), a recipe and a trained model, never changed."""
    path = tmp_path_factory.mktemp("outputs_cli") / "fleet.sqlite"
    duplicate(report_demo_path, path)
    with Store.open(path) as store:
        save_recipe(store, Recipe(name="daily", steps=()))
        results = train(store, "demo_credit_applications", target="defaulted",
                        task="classification", models=["logistic"], cv="stratified", folds=3)
        store.set_setting("trained_run", results[-1].run_id)
    return path


@pytest.fixture
def db(prepared: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "store"
    folder.mkdir()
    duplicate(prepared, folder / "fleet.sqlite")
    shutil.copytree(models_dir(prepared), models_dir(folder / "fleet.sqlite"))
    backups_dir(folder / "fleet.sqlite").mkdir(exist_ok=True)
    (backups_dir(folder / "fleet.sqlite") / "fleet-1.sqlite").write_bytes(b"a backup")
    return folder / "fleet.sqlite"


def trained_run(db: Path) -> str:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        return connection.execute("SELECT value FROM settings WHERE key = 'trained_run'"
                                  ).fetchone()[0]


def command(key: tuple[tuple[str, ...], str], db: Path, fresh: Path) -> list[str]:
    """The arguments that get command ``key`` to write its output (given last)."""
    runs = {
        (("forecast",), "--out"): FORECAST,
        (("forecast",), "--plan-out"): [*FORECAST, "--out", str(fresh)],
        (("predict",), "--out"): ["predict", "--run", trained_run(db), "--dataset",
                                  "demo_credit_applications"],
        (("recipe", "export"), "--out"): ["recipe", "export", "daily"],
        (("model", "export"), "--out"): ["model", "export", trained_run(db)],
        (("export",), "--out"): ["export", "dataset", "--dataset", "demo_withdrawals"],
        (("report",), "--out"): ["report", "--run", "1"],
        (("plan",), "--out"): ["plan", "--run", "1"],
        (("routes", "export"), "--out"): ["routes", "export"],
    }
    return [*runs[key], "--db", str(db)]


def test_every_output_option_of_the_cli_is_walked() -> None:
    found = set(output_options(build_parser()))
    assert found == {(("forecast",), "--out"), (("forecast",), "--plan-out"),
                     (("predict",), "--out"), (("recipe", "export"), "--out"),
                     (("model", "export"), "--out"), (("export",), "--out"),
                     (("report",), "--out"), (("plan",), "--out"),
                     (("routes", "export"), "--out")}, \
        "a new command writes a file: add it to command() and check it goes through outputs"


def snapshot(path: Path) -> tuple:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        check = connection.execute("PRAGMA integrity_check").fetchone()[0]
        datasets = connection.execute("SELECT name, row_count, data_hash FROM datasets "
                                      "ORDER BY name").fetchall()
        kind = connection.execute("PRAGMA application_id").fetchone()[0]
    return check, datasets, kind


def hostile_targets(db: Path, tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "pipe.csv"
    if not fifo.exists():
        os.mkfifo(fifo)
    folder = tmp_path / "a_folder"
    folder.mkdir(exist_ok=True)
    return {"store": db, "wal": db.with_name(db.name + "-wal"),
            "shm": db.with_name(db.name + "-shm"), "models folder": models_dir(db),
            "model file": models_dir(db) / "model.joblib", "backups folder": backups_dir(db),
            "backup": backups_dir(db) / "fleet-1.sqlite", "link to the store":
            _link(tmp_path / "link.csv", db), "device": Path("/dev/null"), "fifo": fifo,
            "folder holding the store": db.parent, "folder": folder,
            "data folder": data_dir(db)}


def _link(link: Path, target: Path) -> Path:
    if not link.is_symlink():
        link.symlink_to(target)
    return link


def run(capsys, args: list[str]) -> tuple[int, str]:
    code = main(args)
    return code, capsys.readouterr().err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and /dev/null")
def test_every_output_refuses_the_store_devices_pipes_and_folders(db, tmp_path, capsys) -> None:
    before = snapshot(db)
    assert before[0] == "ok"
    targets = hostile_targets(db, tmp_path)
    refusals = 0
    for key in sorted(output_options(build_parser())):
        is_folder = key in FOLDER_OUTPUTS
        for what, target in targets.items():
            if is_folder and what == "folder":
                continue  # an existing folder without force is below, with force allowed
            for force in ([], ["--force"]):
                fresh = tmp_path / f"fresh-{refusals}.csv"
                code, err = run(capsys, [*command(key, db, fresh), *force, key[1], str(target)])
                assert code == EXIT_USAGE, (key, what, force, err)
                assert err.startswith("error: ") and err.strip().count("\n") == 0, err
                assert str(target) in err, (key, what, err)
                assert not fresh.exists(), "refused before anything was written"
                refusals += 1
        existing = tmp_path / ("existing_folder" if is_folder else "existing.csv")
        existing.mkdir(exist_ok=True) if is_folder else existing.write_text("keep")
        code, err = run(capsys, [*command(key, db, tmp_path / "x.csv"), key[1], str(existing)])
        assert code == EXIT_USAGE and "already exists" in err and "--force" in err, (key, err)
        refusals += 1
    assert snapshot(db) == before
    assert Path("/dev/null").is_char_device() and targets["fifo"].is_fifo()
    assert not any(targets["folder"].iterdir())
    assert (backups_dir(db) / "fleet-1.sqlite").read_bytes() == b"a backup"
    assert not [p for p in tmp_path.rglob(f"*{PART_MARK}*")]
    assert refusals == 9 * 13 * 2 - 2 + 9


def test_force_replaces_an_existing_file_atomically(db, tmp_path, capsys) -> None:
    for key in sorted(output_options(build_parser())):
        if key in FOLDER_OUTPUTS:
            continue
        target = tmp_path / f"{'_'.join(key[0])}{key[1]}.out"
        target.write_text("old")
        inode = target.stat().st_ino
        fresh = tmp_path / f"fresh-{target.name}.csv"
        code, err = run(capsys, [*command(key, db, fresh), "--force", key[1], str(target)])
        assert code == EXIT_OK, (key, err)
        assert target.read_bytes() != b"old" and target.stat().st_ino != inode, key
    assert not [p for p in tmp_path.rglob(f"*{PART_MARK}*")]
    assert snapshot(db)[0] == "ok"


def test_report_force_keeps_what_the_app_did_not_write(db, tmp_path, capsys) -> None:
    report = tmp_path / "report"
    report.mkdir()
    (report / "my notes.txt").write_text("mine")
    code, err = run(capsys, [*command((("report",), "--out"), db, tmp_path), "--force",
                             "--out", str(report)])
    assert code == EXIT_OK, err
    assert (report / "my notes.txt").read_text() == "mine"
    assert (report / "summary.md").exists() and (report / MANIFEST).exists()
    (report / "summary.md").write_text("edited by the app's earlier run")
    code, err = run(capsys, [*command((("report",), "--out"), db, tmp_path), "--force",
                             "--out", str(report)])
    assert code == EXIT_OK, err
    assert (report / "summary.md").read_text().startswith("# Report")
    (report / "forecast.csv").unlink()
    (report / "forecast.csv").write_text("not the app's")
    manifest = (report / MANIFEST).read_text().replace('"forecast.csv",', "")
    (report / MANIFEST).write_text(manifest)
    code, err = run(capsys, [*command((("report",), "--out"), db, tmp_path), "--force",
                             "--out", str(report)])
    assert code == EXIT_USAGE and "forecast.csv" in err
    assert (report / "forecast.csv").read_text() == "not the app's"
    assert snapshot(db)[0] == "ok"
