"""One window per store: a second launch on the same store brings the first window forward."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

import pytest

from iotfin_gui.ui.app import run_gui
from iotfin_gui.ui.single_instance import InstanceGuard, server_name

pytestmark = pytest.mark.gui


def test_the_name_depends_on_the_store_not_on_its_spelling(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    assert server_name(tmp_path / "a.sqlite") == server_name(Path("sub/../a.sqlite"))
    assert server_name(tmp_path / "a.sqlite") != server_name(tmp_path / "b.sqlite")


def test_a_second_claim_on_a_store_asks_the_first_forward(qapp, qtbot, tmp_path: Path) -> None:
    first = InstanceGuard(tmp_path / "store.sqlite")
    assert first.claim()
    try:
        other_store = InstanceGuard(tmp_path / "other.sqlite")
        assert other_store.claim()
        other_store.release()
        with qtbot.waitSignal(first.activation_requested, timeout=10_000):
            assert not InstanceGuard(tmp_path / "store.sqlite").claim()
    finally:
        first.release()
    again = InstanceGuard(tmp_path / "store.sqlite")
    assert again.claim()  # released: the next launch owns the store
    again.release()


def test_a_second_launch_brings_the_window_forward_and_exits(qapp, qtbot, tmp_path: Path,
                                                             capsys) -> None:
    store = tmp_path / "store.sqlite"
    first = InstanceGuard(store)
    assert first.claim()
    try:
        args = Namespace(db=str(store), screenshot=None, no_demo=True, panel=None)
        with qtbot.waitSignal(first.activation_requested, timeout=10_000):
            assert run_gui(args) == 0
    finally:
        first.release()
    assert "already open" in capsys.readouterr().err
    assert not store.exists()  # the second launch did not even open the store
