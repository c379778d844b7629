"""What killed jobs leave behind is removed at the next start, which says so."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from iotfin_gui.cli import main as cli_main
from iotfin_gui.core import model_folder, outputs
from iotfin_gui.core.leftovers import clean_leftovers
from iotfin_gui.core.messages import Message
from iotfin_gui.core.models import persistence
from iotfin_gui.core.store import Store


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _killed_export(store: Store, folder: Path) -> Path:
    """What an export killed mid-write leaves: its hidden part file, listed as pending."""
    part = folder / f".plan.csv{outputs.PART_MARK}x1y2"
    part.write_bytes(b"device_id,amount\n" * 1000)
    store.set_setting(outputs.PENDING_SETTING, [
        {"path": str(part), "pid": _dead_pid(), "host": socket.gethostname()}])
    return part


def _killed_training(store: Store, age_s: float) -> list[Path]:
    """What a training killed before its run was recorded leaves in the models folder,
    ``age_s`` seconds ago."""
    folder = persistence.models_dir(store)
    folder.mkdir(parents=True, exist_ok=True)
    stem = persistence.new_stem()
    left = [folder / f"{stem}{model_folder.MODEL_SUFFIX}",
            folder / f"{stem}{model_folder.EVAL_SUFFIX}",
            folder / f"{model_folder.TEMP_PREFIX}{stem}"]
    then = time.time() - age_s
    for path in left:
        path.write_bytes(b"half")
        os.utime(path, (then, then))
    return left


def test_nothing_left_behind_means_no_message(store: Store) -> None:
    assert clean_leftovers(store) == []


def test_a_killed_exports_part_file_is_removed_and_named(store: Store, tmp_path: Path) -> None:
    part = _killed_export(store, tmp_path)
    messages = clean_leftovers(store)
    assert not part.exists()
    assert len(messages) == 1 and isinstance(messages[0], Message)
    assert "1 unfinished output file" in messages[0] and part.name in messages[0]
    assert store.setting(outputs.PENDING_SETTING) == []
    assert clean_leftovers(store) == []


def test_a_part_file_still_being_written_is_kept(store: Store, tmp_path: Path) -> None:
    part = tmp_path / f".plan.csv{outputs.PART_MARK}live"
    part.write_bytes(b"x")
    store.set_setting(outputs.PENDING_SETTING, [
        {"path": str(part), "pid": os.getpid(), "host": socket.gethostname()}])
    assert clean_leftovers(store) == [] and part.exists()


def test_old_model_files_no_run_records_are_removed_recorded_and_young_ones_kept(
        store: Store) -> None:
    kept_path, _ = persistence.save_json(store, "recorded.eval.json", {"a": 1})
    store.record_run("train", "kept", started_at="2024-01-01T00:00:00Z", duration_s=1.0,
                     params={"evaluation_path": kept_path})
    recorded = store.path.parent / kept_path
    old = time.time() - 2 * model_folder.ORPHAN_AGE_S
    os.utime(recorded, (old, old))
    leftovers = _killed_training(store, 2 * model_folder.ORPHAN_AGE_S)
    writing = _killed_training(store, 1.0)
    messages = clean_leftovers(store)
    assert not any(path.exists() for path in leftovers)
    assert recorded.exists() and all(path.exists() for path in writing)
    assert len(messages) == 1 and "3 model file(s)" in messages[0]
    assert leftovers[0].name in messages[0]


def test_many_names_are_cut_short(store: Store, tmp_path: Path) -> None:
    parts = [tmp_path / f".r{i}.csv{outputs.PART_MARK}{i}" for i in range(8)]
    dead = _dead_pid()
    for part in parts:
        part.write_bytes(b"x")
    store.set_setting(outputs.PENDING_SETTING, [
        {"path": str(p), "pid": dead, "host": socket.gethostname()} for p in parts])
    (message,) = clean_leftovers(store)
    assert "8 unfinished" in message and "(+3)" in message


def test_a_writing_command_cleans_first_and_a_reading_one_does_not(
        store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    with Store.open(store_path) as store:
        store.write_dataset("d", pd.DataFrame({"a": [1]}), "table", source="test")
        part = _killed_export(store, tmp_path)
    assert cli_main(["info", "--db", str(store_path)]) == 0
    assert part.exists()
    out = tmp_path / "d.csv"
    assert cli_main(["export", "dataset", "--db", str(store_path), "--dataset", "d",
                     "--out", str(out)]) == 0
    assert not part.exists() and out.exists()
    assert "1 unfinished output file" in capsys.readouterr().err


@pytest.mark.gui
def test_the_window_says_what_it_removed_in_the_messages_pane(qtbot, store: Store,
                                                              tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from iotfin_gui.ui.jobs import JobRunner
    from iotfin_gui.ui.main_window import MainWindow

    part = _killed_export(store, tmp_path)
    runner = JobRunner(max_workers=1)
    try:
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(store, runner, load_demo_if_empty=False, settings=settings)
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: "unfinished output file" in window.log_pane.text.toPlainText())
        assert not part.exists()
    finally:
        runner.shutdown()
