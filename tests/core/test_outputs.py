"""The one output writer: refusals (store files, devices, pipes, folders, existing files),
atomic replacement, pending temporary files and their removal after a kill, report folders."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from iotfin_gui.core.outputs import (
    MANIFEST,
    PART_MARK,
    PENDING_SETTING,
    OutputError,
    OutputFile,
    OutputFolder,
    remove_leftovers,
    write_file,
)
from iotfin_gui.core.store import Store
from iotfin_gui.core.store_files import backups_dir, models_dir


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "fleet.sqlite") as opened:
        opened.set_setting("marker", "intact")
        yield opened


def intact(store: Store) -> bool:
    check = store.conn.execute("PRAGMA integrity_check").fetchone()[0]
    return check == "ok" and store.setting("marker") == "intact"


def parts(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if PART_MARK in p.name]


def store_targets(store: Store) -> dict[str, Path]:
    path = Path(store.path)
    models_dir(path).mkdir(exist_ok=True)
    backups_dir(path).mkdir(exist_ok=True)
    return {"store": path, "wal": path.with_name(path.name + "-wal"),
            "shm": path.with_name(path.name + "-shm"),
            "journal": path.with_name(path.name + "-journal"),
            "models folder": models_dir(path), "model file": models_dir(path) / "m.joblib",
            "backup": backups_dir(path) / "fleet-1.sqlite"}


@pytest.mark.parametrize("force", [False, True])
def test_the_store_and_its_files_are_refused_even_with_force(store, force) -> None:
    for what, target in store_targets(store).items():
        with pytest.raises(OutputError, match="belongs to the store") as refused:
            write_file(target, b"x", store=store, force=force)
        assert str(target) in str(refused.value), what
    link = Path(store.path).with_name("innocent.csv")
    link.symlink_to(store.path)
    with pytest.raises(OutputError, match="belongs to the store"):
        write_file(link, b"x", store=store, force=True)
    assert intact(store) and not parts(Path(store.path).parent)


def test_a_hard_link_to_the_store_is_refused(tmp_path) -> None:
    path = tmp_path / "fleet.sqlite"
    Store.open(path).close()
    os.link(path, tmp_path / "copy.csv")
    with Store.open(path) as store, pytest.raises(OutputError, match="belongs to the store"):
        write_file(tmp_path / "copy.csv", b"x", store=store, force=True)


def test_a_store_open_in_the_process_is_refused_without_being_named(store) -> None:
    with pytest.raises(OutputError, match="belongs to the store"):
        write_file(store.path, b"x", force=True)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("force", [False, True])
def test_devices_pipes_and_folders_are_refused(store, tmp_path, force) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    for target, why in ((Path("/dev/null"), "not a regular file"), (fifo, "not a regular file"),
                        (folder, "is a folder")):
        with pytest.raises(OutputError, match=why):
            write_file(target, b"x", store=store, force=force)
    assert Path("/dev/null").is_char_device() and fifo.is_fifo() and not any(folder.iterdir())


def test_an_existing_file_needs_force_and_is_replaced_atomically(store, tmp_path) -> None:
    target = tmp_path / "out.csv"
    target.write_bytes(b"old")
    with pytest.raises(OutputError, match=r"already exists.*--force"):
        write_file(target, b"new", store=store)
    assert target.read_bytes() == b"old"
    before = target.stat().st_ino
    assert write_file(target, b"new", store=store, force=True) == target
    assert target.read_bytes() == b"new" and target.stat().st_ino != before
    assert not parts(tmp_path) and store.setting(PENDING_SETTING) == []


def test_a_file_that_appears_while_writing_is_not_overwritten(store, tmp_path) -> None:
    target = tmp_path / "out.csv"
    with OutputFile(target, store=store) as handle:
        handle.write(b"ours")
        target.write_bytes(b"theirs")
        with pytest.raises(OutputError, match="already exists"):
            handle.commit()
    assert target.read_bytes() == b"theirs" and not parts(tmp_path)


def test_the_temporary_file_is_pending_while_written_and_gone_after_an_error(store,
                                                                            tmp_path) -> None:
    target = tmp_path / "out.csv"
    with pytest.raises(RuntimeError), OutputFile(target, store=store) as handle:
        handle.write(b"half")
        [pending] = store.setting(PENDING_SETTING)
        temporary = Path(pending["path"])
        assert temporary.name.startswith(".out.csv" + PART_MARK) and temporary.exists()
        assert pending["pid"] == os.getpid()
        raise RuntimeError("cancelled")
    assert not target.exists() and not temporary.exists()
    assert store.setting(PENDING_SETTING) == []


KILLED_WRITER = """
import os, signal, sys
from iotfin_gui.core.outputs import OutputFile
from iotfin_gui.core.store import Store
store = Store.open(sys.argv[1])
handle = OutputFile(sys.argv[2], store=store).__enter__()
handle.write(b"half a file")
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_remove_leftovers_deletes_what_a_killed_writer_left(store, tmp_path) -> None:
    target = tmp_path / "out.csv"
    killed = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(store.path), str(target)],
                            capture_output=True, check=False)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    [left] = parts(tmp_path)
    with OutputFile(tmp_path / "busy.csv", store=store) as busy:
        busy.write(b"being written by a live process")
        assert remove_leftovers(store) == [tmp_path / left]
        assert parts(tmp_path) == [Path(p["path"]).name for p in store.setting(PENDING_SETTING)]
        busy.commit()
    assert not target.exists() and not parts(tmp_path) and remove_leftovers(store) == []
    assert store.setting(PENDING_SETTING) == [] and intact(store)


def test_remove_leftovers_never_deletes_a_path_that_is_not_a_temporary_file(store,
                                                                           tmp_path) -> None:
    precious = tmp_path / "precious.csv"
    precious.write_text("keep")
    store.set_setting(PENDING_SETTING, [
        {"path": str(precious), "pid": 0, "host": os.uname().nodename},
        {"path": str(store.path), "pid": 0, "host": os.uname().nodename}])
    assert remove_leftovers(store) == []
    assert precious.read_text() == "keep" and intact(store)


def bundle(path: Path, store: Store, files: dict[str, bytes], force: bool = False) -> Path:
    with OutputFolder(path, store=store, force=force) as folder:
        for name, data in files.items():
            folder.write(name, data)
        return folder.commit()


def test_a_folder_replaces_only_the_files_the_app_wrote(store, tmp_path) -> None:
    target = tmp_path / "report"
    bundle(target, store, {"a.csv": b"1", "old.csv": b"2"})
    assert json.loads((target / MANIFEST).read_text())["files"] == ["a.csv", "old.csv"]
    (target / "notes.txt").write_text("the analyst's own notes")
    with pytest.raises(OutputError, match="already exists"):
        bundle(target, store, {"a.csv": b"3"})
    bundle(target, store, {"a.csv": b"3", "b.csv": b"4"}, force=True)
    assert sorted(p.name for p in target.iterdir()) == [MANIFEST, "a.csv", "b.csv", "notes.txt"]
    assert (target / "a.csv").read_bytes() == b"3"
    assert (target / "notes.txt").read_text() == "the analyst's own notes"
    with pytest.raises(OutputError, match=r"did not write \(notes\.txt\)"):
        bundle(target, store, {"notes.txt": b"overwritten?"}, force=True)
    assert (target / "notes.txt").read_text() == "the analyst's own notes"
    assert not parts(tmp_path) and store.setting(PENDING_SETTING) == []


def test_a_folder_holding_the_store_or_owned_by_it_is_refused(store, tmp_path) -> None:
    for target, why in ((tmp_path, "holds the store"),
                        (models_dir(store.path), "belongs to the store"),
                        (backups_dir(store.path) / "report", "belongs to the store")):
        with pytest.raises(OutputError, match=why):
            bundle(target, store, {"a.csv": b"1"}, force=True)
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    with pytest.raises(OutputError, match="is a file"):
        bundle(plain, store, {"a.csv": b"1"}, force=True)
    assert intact(store) and plain.read_text() == "x"
