"""Only regular files (or links to them) are read as input: a pipe, a device, a /proc file, a
folder, a socket, a link loop or a dangling link each get a message saying what it is, from
the shared entry check, from ``import`` and from ``recipe import``; recipe reads are bounded."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from iotfin_gui.cli import main
from iotfin_gui.core.errors import InputError
from iotfin_gui.core.input_files import check_regular_file, read_bounded
from iotfin_gui.core.store_files import check_input_path


@pytest.fixture
def specials(tmp_path: Path):
    """name -> (path, words its message must contain)."""
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    (tmp_path / "loop_a.csv").symlink_to(tmp_path / "loop_b.csv")
    (tmp_path / "loop_b.csv").symlink_to(tmp_path / "loop_a.csv")
    (tmp_path / "dangling.csv").symlink_to(tmp_path / "gone.csv")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(tmp_path / "sock.csv"))
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    yield {
        "fifo": (str(fifo), "named pipe"),
        "dev_zero": ("/dev/zero", "device"),
        "proc": ("/proc/self/environ", "made up by the system"),
        "loop": (str(tmp_path / "loop_a.csv"), "link loop"),
        "dangling": (str(tmp_path / "dangling.csv"), "does not exist"),
        "socket": (str(tmp_path / "sock.csv"), "socket"),
        "folder": (str(folder), "folder"),
        "missing": (str(tmp_path / "missing.csv"), "does not exist"),
    }
    listener.close()


KINDS = ("fifo", "dev_zero", "proc", "loop", "dangling", "socket", "folder", "missing")


@pytest.mark.parametrize("kind", KINDS)
def test_the_entry_check_says_what_the_path_is(specials, kind: str) -> None:
    path, words = specials[kind]
    with pytest.raises(InputError, match=words) as caught:
        check_input_path(path)
    assert path in str(caught.value)


@pytest.mark.parametrize("command", [["import"], ["recipe", "import"]])
@pytest.mark.parametrize("kind", KINDS)
def test_import_and_recipe_import_refuse_with_one_line(capsys, specials, store_path: Path,
                                                       command: list[str], kind: str) -> None:
    path, words = specials[kind]
    code = main([*command, path, "--db", str(store_path), "--quiet"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and words in err and "empty" not in err


def test_a_link_to_a_regular_file_is_read(tmp_path: Path) -> None:
    target = tmp_path / "recipe.json"
    target.write_bytes(b'{"name": "x", "steps": []}')
    (tmp_path / "link.json").symlink_to(target)
    assert check_regular_file(tmp_path / "link.json").st_size == target.stat().st_size
    assert read_bounded(tmp_path / "link.json", 1000) == target.read_bytes()


def test_reads_are_bounded_in_bytes(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 5000)
    assert len(read_bounded(big, 5000)) == 5000
    with pytest.raises(InputError, match="larger than 4,999 bytes"):
        read_bounded(big, 4999)


def test_reads_are_bounded_in_time(tmp_path: Path) -> None:
    slow = tmp_path / "slow.json"
    slow.write_bytes(b" " * 3_000_000)
    with pytest.raises(InputError, match="took longer than"):
        read_bounded(slow, 10_000_000, seconds=-1.0)


def test_a_name_with_a_nul_byte_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a usable file name"):
        check_regular_file(str(tmp_path / "a\0b.csv"))
