"""Published parts are never written again: a closed part is read-only, read-only parts are
removed even where the system refuses to delete them (Windows), and a backup's parts, hard links
shared with the store, keep their bytes through every operation that changes the store."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iotfin_gui.core import backups, datafiles, trash
from iotfin_gui.core.lineage import file_sha256
from iotfin_gui.core.store import Store
from iotfin_gui.core.store_files import data_dir, store_access
from iotfin_gui.core.store_health import integrity_check
from tests.damaged_files import replace_part
from tests.store_samples import damage

V3_STORE = Path(__file__).parents[1] / "data" / "store_v3.sqlite"


def _frame(rows: int, step: int) -> pd.DataFrame:
    return pd.DataFrame({"device_id": [f"ATM-{i % 3}" for i in range(rows)],
                         "amount": [float(i * step) for i in range(rows)],
                         "note": [f"row {i} of step {step}" for i in range(rows)]})


def _part_bytes(store_path: Path) -> dict[str, str]:
    """The SHA-256 of every part under a store's (or a backup's) data folder, by relative path."""
    root = data_dir(store_path)
    with store_access():
        return {str(p.relative_to(root)): file_sha256(p) for p in sorted(root.rglob("*.parquet"))}


class BackupLedger:
    """The bytes of each backup's parts as they were when the backup appeared."""

    def __init__(self, store_path: Path) -> None:
        self.store_path = store_path
        self.seen: dict[Path, dict[str, str]] = {}

    def check(self, after: str) -> None:
        """Fail unless every backup still listed has the part bytes it had, all of them as its
        catalogue records (but in the copy of a damaged state); then note the backups that
        appeared."""
        listed = {b.path: b for b in backups.list_backups(self.store_path)}
        self.seen = {path: parts for path, parts in self.seen.items() if path in listed}
        for path, before in self.seen.items():
            assert _part_bytes(path) == before, f"{after} changed the parts of {path.name}"
        for path in sorted(set(listed) - set(self.seen)):
            if listed[path].reason != backups.DAMAGED:
                assert integrity_check(path, full=True).ok, f"{path.name}, made by {after}"
            self.seen[path] = _part_bytes(path)


def _with_store(action: Callable[[Store, int], object]) -> Callable[[Path, int], None]:
    def run(path: Path, step: int) -> None:
        with Store.open(path) as store:
            action(store, step)
    return run


def _delete(store: Store, _step: int) -> None:
    live = store.datasets()
    if live:
        store.delete_dataset(live[0].name)


def _restore_newest(path: Path, _step: int) -> None:
    newest = backups.newest_backup(path)
    if newest is not None:
        backups.restore(path, newest.path)


def _damage_and_restore(path: Path, step: int) -> None:
    """A page of the closed store overwritten, as a failing disk does, then the newest backup
    restored over it (a backup of the damaged state is kept)."""
    if backups.newest_backup(path) is not None:
        damage(path)
        _restore_newest(path, step)


OPERATIONS: dict[str, Callable[[Path, int], None]] = {
    "import": _with_store(lambda store, step: store.write_dataset(
        f"cash {step}", _frame(50 + step, step), "table", source="test")),
    "delete": _with_store(_delete),
    "undo": _with_store(lambda store, _step: trash.undo(store)),
    "empty trash": _with_store(lambda store, _step: trash.empty(store)),
    "compact": _with_store(lambda store, _step: backups.compact(store)),
    "backup": _with_store(lambda store, _step: backups.backup(store, "manual")),
    "restore": _restore_newest,
    "rotate": lambda path, _step: backups.rotate(path, keep=2),
    "damage and restore": _damage_and_restore,
}


def _start(folder: Path, migrated: bool) -> Path:
    """A store with two datasets: imported now, or moved to Parquet from a store of the last
    release (a migration, which backs up the old store first)."""
    path = folder / "bank.sqlite"
    if migrated:
        shutil.copy(V3_STORE, path)
    with Store.open(path) as store:
        if not migrated:
            for step in range(2):
                store.write_dataset(f"start {step}", _frame(30, step), "table", source="test")
    return path


def _run(folder: Path, migrated: bool, steps: list[str]) -> BackupLedger:
    path = _start(folder, migrated)
    ledger = BackupLedger(path)
    ledger.check("the start")
    for step, name in enumerate(steps):
        OPERATIONS[name](path, step)
        ledger.check(name)
        assert integrity_check(path, full=True).ok, f"the store after {name}"
    return ledger


def test_every_operation_keeps_every_backups_parts(tmp_path: Path) -> None:
    steps = ["backup", "import", "delete", "undo", "delete", "compact", "empty trash", "import",
             "restore", "damage and restore", "backup", "rotate", "import", "restore"]
    ledger = _run(tmp_path, migrated=True, steps=steps)
    store_parts = _part_bytes(tmp_path / "bank.sqlite")
    shared = [path for path, parts in ledger.seen.items()
              if set(parts.items()) & set(store_parts.items())]
    assert len(ledger.seen) >= 2 and shared  # several backups, some sharing parts with the store
    assert any(p.stat().st_nlink > 1 for p in data_dir(tmp_path / "bank.sqlite").rglob("*.parquet"))


@settings(max_examples=12, deadline=None)
@given(migrated=st.booleans(),
       steps=st.lists(st.sampled_from(sorted(OPERATIONS)), min_size=1, max_size=8))
def test_any_sequence_of_operations_keeps_every_backups_parts(migrated: bool,
                                                              steps: list[str]) -> None:
    with tempfile.TemporaryDirectory(prefix="iotfin-parts-") as folder:
        _run(Path(folder), migrated, steps)


def test_a_closed_part_is_read_only_and_its_backup_is_the_same_file(store: Store) -> None:
    info = store.write_dataset("cash", _frame(20, 1), "table", source="test")
    part = data_dir(store.path) / info.table_name / info.files[0].name
    assert stat.S_IMODE(part.stat().st_mode) == datafiles.READ_ONLY
    made = backups.backup(store, "manual")
    linked = data_dir(made) / info.table_name / info.files[0].name
    assert os.path.samefile(part, linked)
    assert stat.S_IMODE(linked.stat().st_mode) == datafiles.READ_ONLY


IN_PLACE_WRITES: dict[str, Callable[[Path], object]] = {
    "write_bytes": lambda path: path.write_bytes(b"PAR1"),
    "open r+b": lambda path: open(path, "r+b").close(),
    "open ab": lambda path: open(path, "ab").close(),
    "os.open O_WRONLY": lambda path: os.close(os.open(path, os.O_WRONLY)),
    "os.truncate": lambda path: os.truncate(path, 0),
}


@pytest.mark.parametrize("write", sorted(IN_PLACE_WRITES))
def test_the_guard_refuses_writing_a_part_in_place_even_to_the_store(store: Store,
                                                                     write: str) -> None:
    """Refused for root too, inside store_access, for the store's part (also through a symbolic
    link or a roundabout path) and its backup's link; reading it and replacing it with a new
    file stay allowed."""
    info = store.write_dataset("cash", _frame(20, 1), "table", source="test")
    part = data_dir(store.path) / info.table_name / info.files[0].name
    linked = data_dir(backups.backup(store, "manual")) / info.table_name / info.files[0].name
    symlink = store.path.parent / "elsewhere.parquet"
    symlink.symlink_to(part)
    roundabout = data_dir(store.path) / info.table_name / ".." / info.table_name / part.name
    with store_access():
        original = file_sha256(part)
        for path in (part, linked, symlink, roundabout):
            with pytest.raises(PermissionError, match="never written again"):
                IN_PLACE_WRITES[write](path)
        assert file_sha256(linked) == original
        replace_part(part, part.read_bytes()[:-1] + b"!")
        assert file_sha256(part) != original and file_sha256(linked) == original


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root writes read-only files")
def test_writing_a_part_in_place_fails_for_its_owner(store: Store) -> None:
    """Arrow's own open (which the guard does not see) is refused by the part's mode. (pyarrow's
    write_table would then delete the name it failed to write: the backup's link stays.)"""
    info = store.write_dataset("cash", _frame(20, 1), "table", source="test")
    part = data_dir(store.path) / info.table_name / info.files[0].name
    with store_access():
        before = file_sha256(part)
        with pytest.raises(PermissionError):
            pa.OSFile(str(part), "w")
        assert file_sha256(part) == before


def test_read_only_parts_are_removed_where_the_system_refuses_to_delete_them(
        store: Store, monkeypatch) -> None:
    """As on Windows, deleting a read-only file fails: the removal makes it writable first. The
    backup's link to the part keeps its bytes."""
    info = store.write_dataset("cash", _frame(20, 1), "table", source="test")
    made = backups.backup(store, "manual")
    kept = _part_bytes(made)
    real_unlink = os.unlink
    refused: list[str] = []

    def unlink_as_windows(path, *, dir_fd=None) -> None:
        if not os.stat(path, dir_fd=dir_fd, follow_symlinks=False).st_mode & stat.S_IWUSR:
            refused.append(os.fsdecode(path))
            raise PermissionError(13, "Access is denied", path)
        real_unlink(path, dir_fd=dir_fd)

    monkeypatch.setattr(os, "unlink", unlink_as_windows)
    assert datafiles.remove_folders(store.path, [info.table_name])
    assert refused and not (data_dir(store.path) / info.table_name).exists()
    assert _part_bytes(made) == kept


@pytest.mark.parametrize("harm", ["changed", "missing", "changed, on Windows"])
def test_restoring_a_backup_repairs_a_damaged_part_and_keeps_the_damage_aside(
        store: Store, harm: str, monkeypatch) -> None:
    """A part damaged (or lost) after the backup: the restore puts the backup's bytes back, and
    the backup of the damaged state still holds the damaged file. Windows refuses to rename a
    file over a read-only one."""
    info = store.write_dataset("cash", _frame(200, 3), "table", source="test")
    expected = store.read_dataset("cash")
    made = backups.backup(store, "manual")
    part = data_dir(store.path) / info.table_name / info.files[0].name
    with store_access():
        original = part.read_bytes()
        if harm == "missing":
            part.unlink()
        else:
            replace_part(part, original[:-9] + bytes([original[-9] ^ 1]) + original[-8:])
            os.chmod(part, datafiles.READ_ONLY)
    assert not integrity_check(store.path, full=True).ok
    if harm.endswith("Windows"):
        real_replace = os.replace

        def replace_as_windows(source, target, **options) -> None:
            if os.path.isfile(target) and not os.stat(target).st_mode & stat.S_IWUSR:
                raise PermissionError(13, "Access is denied", os.fsdecode(target))
            real_replace(source, target, **options)

        monkeypatch.setattr(os, "replace", replace_as_windows)
    before = backups.restore(store.path, made)
    assert before is not None and before.name.endswith(f"_{backups.DAMAGED}.sqlite")
    assert integrity_check(store.path, full=True).ok
    pd.testing.assert_frame_equal(store.read_dataset("cash"), expected)
    kept = data_dir(before) / info.table_name / info.files[0].name
    with store_access():
        assert kept.exists() == (harm != "missing")
        assert harm == "missing" or kept.read_bytes() != original
        assert file_sha256(data_dir(made) / info.table_name / info.files[0].name) == \
            info.files[0].sha256


@settings(max_examples=15, deadline=None)
@given(start=st.floats(0, 1), garbage=st.binary(min_size=0, max_size=64),
       cut=st.booleans())
def test_any_damage_to_a_part_is_repaired_by_a_restore(start: float, garbage: bytes,
                                                       cut: bool) -> None:
    """Bytes overwritten anywhere in the part, or the part cut short there: a restore of the
    backup taken before always gives back the dataset's rows."""
    with tempfile.TemporaryDirectory(prefix="iotfin-parts-") as folder:
        path = Path(folder) / "bank.sqlite"
        with Store.open(path) as store:
            info = store.write_dataset("cash", _frame(300, 7), "table", source="test")
            expected = store.read_dataset("cash")
            made = backups.backup(store, "manual")
            part = data_dir(path) / info.table_name / info.files[0].name
            with store_access():
                data = part.read_bytes()
                at = int(start * len(data))
                damaged = data[:at] if cut else data[:at] + garbage + data[at + len(garbage):]
                replace_part(part, damaged)
            backups.restore(path, made)
            pd.testing.assert_frame_equal(store.read_dataset("cash"), expected)
        assert integrity_check(path, full=True).ok
