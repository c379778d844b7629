"""A store renamed or moved finds its models relative to itself (issue 20: a renamed store
made every model 'outside the models folder')."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from iotfin_gui.core.errors import StoreError
from iotfin_gui.core.models import ModelFileError, models_dir, persistence, predict, train
from iotfin_gui.core.store import Store
from tests.core.models_fixtures import classification_frame


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """A store with one trained model (trained once for the module; the session's key)."""
    path = tmp_path_factory.mktemp("trained") / "store.sqlite"
    with Store.open(path) as store:
        store.write_dataset("apps", classification_frame(rows=80), "table",
                            roles={"bad": "label"}, source="test")
        run_id = train(store, "apps", task="classification", models=["logistic"], folds=2)[1].run_id
    return path, run_id


@pytest.fixture
def trained_store(template: tuple[Path, int], tmp_path: Path) -> tuple[Path, int]:
    """A fresh copy of the template store and its folders."""
    source, run_id = template
    for item in source.parent.iterdir():
        (shutil.copytree if item.is_dir() else shutil.copy2)(item, tmp_path / item.name)
    return tmp_path / source.name, run_id


@pytest.mark.parametrize("with_folder", [True, False], ids=["folder renamed", "folder kept"])
def test_a_renamed_store_loads_its_models(trained_store, with_folder: bool) -> None:
    path, run_id = trained_store
    renamed = path.with_name("bank.sqlite")
    path.rename(renamed)
    for suffix in ("_data", "_models"):
        old = path.with_name(f"store{suffix}")
        if old.exists() and (suffix == "_data" or with_folder):
            old.rename(renamed.with_name(f"bank{suffix}"))
    with Store.open(renamed) as store:
        assert len(predict(store, run_id, "apps").frame) == 80


def test_a_store_moved_with_its_folders_loads_its_models(trained_store, tmp_path: Path) -> None:
    path, run_id = trained_store
    moved = tmp_path / "elsewhere"
    moved.mkdir()
    for item in path.parent.glob("store*"):
        shutil.move(item, moved / item.name)
    with Store.open(moved / "store.sqlite") as store:
        assert len(predict(store, run_id, "apps").frame) == 80


def test_a_record_cannot_point_outside_the_models_folders(trained_store, tmp_path) -> None:
    path, run_id = trained_store
    with Store.open(path) as store:
        recorded = store.run(run_id)["model_path"]
        name = Path(recorded).name
        for hostile in (f"../../{name}", f"/etc/{name}", f"other/{name}"):
            assert persistence.model_file(store, hostile) == models_dir(store) / name
        store.conn.execute("UPDATE runs SET model_path = ? WHERE id = ?",
                           ["/etc/missing.model", run_id])
        store.conn.commit()
        with pytest.raises(ModelFileError, match="missing"):
            predict(store, run_id, "apps")


def test_a_store_renamed_without_its_data_folder_says_so(trained_store) -> None:
    path, run_id = trained_store
    renamed = path.with_name("bank.sqlite")
    path.rename(renamed)
    with Store.open(renamed) as store, pytest.raises(
            StoreError, match=r"rows of dataset apps are missing.*folder bank_data beside it"):
        predict(store, run_id, "apps")
