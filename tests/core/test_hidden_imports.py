"""Hiding a package from one import, and a real import of it from another thread meanwhile."""

from __future__ import annotations

import importlib
import sys
import threading

import pytest

from iotfin_gui.core import hidden_imports


@pytest.fixture
def package(tmp_path, monkeypatch) -> str:
    name = "iotfin_test_optional_pkg"
    (tmp_path / name).mkdir()
    (tmp_path / name / "__init__.py").write_text("VALUE = 42\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    yield name
    sys.modules.pop(name, None)


def test_a_package_is_hidden_only_within_the_block(package) -> None:
    with hidden_imports.hidden([package]), pytest.raises(ImportError):
        importlib.import_module(package)
    assert package not in sys.modules
    assert importlib.import_module(package).VALUE == 42


def test_a_package_already_loaded_stays_visible(package) -> None:
    loaded = importlib.import_module(package)
    with hidden_imports.hidden([package]):
        assert importlib.import_module(package) is loaded


def test_another_threads_import_waits_for_the_block_and_then_succeeds(package) -> None:
    """The cluster's import of Dask, while a model save hides Dask from skops, must not fail."""
    got: list[object] = []
    importer = threading.Thread(target=lambda: got.append(hidden_imports.import_module(package)))
    with hidden_imports.hidden([package]):
        importer.start()
        importer.join(timeout=0.3)
        assert importer.is_alive() and not got  # waiting, not failed
    importer.join(timeout=30)
    assert [module.VALUE for module in got] == [42]
