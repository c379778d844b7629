"""The trash: deleted datasets, runs and recipes are hidden everywhere, come back identical
(undo, restore, under a new name when theirs was taken) and go for good when emptied."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iotfin_gui.cli import main
from iotfin_gui.core import backups, trash
from iotfin_gui.core.errors import NotFoundError
from iotfin_gui.core.models import leaderboard
from iotfin_gui.core.models.persistence import models_dir
from iotfin_gui.core.recipes import list_recipes, load_recipe, save_recipe
from iotfin_gui.core.recipes.document import make_recipe
from iotfin_gui.core.reports.tables import leaderboard as runs_table
from iotfin_gui.core.store import Store

LAGS = make_recipe("lags", [("lags", {"columns": ["amount"], "lags": [1]})])


def cash(rows: int = 30) -> pd.DataFrame:
    return pd.DataFrame({"device_id": [f"ATM{i % 3}" for i in range(rows)],
                         "amount": [float(i) * 1.5 for i in range(rows)],
                         "when": pd.date_range("2026-01-01", periods=rows, freq="D")})


def test_a_deleted_dataset_is_hidden_and_its_name_free(store: Store) -> None:
    info = store.write_dataset("cash", cash(), "withdrawals", source="test")
    rows = store.read_dataset("cash")
    store.delete_dataset("cash")
    assert store.datasets() == [] and not store.has_dataset("cash")
    for key in ("cash", info.id):
        with pytest.raises(NotFoundError):
            store.dataset(key)
    newer = store.write_dataset("cash", cash(5), "table", source="test")
    [entry] = trash.entries(store)
    assert (entry.kind, entry.label, entry.datasets) == ("dataset", "cash", 1)
    restored = trash.restore(store, entry.id)
    assert restored.renamed == {"cash": "cash (restored)"}
    back = store.dataset("cash (restored)")
    assert (back.id, back.data_hash) == (info.id, info.data_hash)
    pd.testing.assert_frame_equal(store.read_dataset(back.id), rows)
    assert store.dataset("cash").id == newer.id and trash.entries(store) == []


def test_undo_restores_the_newest_delete_with_its_registry_rows(store: Store) -> None:
    registry = store.write_dataset("atms", pd.DataFrame({"device_id": ["A", "B"]}), "registry",
                                   source="test")
    store.upsert_devices(pd.DataFrame({"device_id": ["A", "B"], "city": ["Wuhan", "Xi'an"]}),
                         dataset_id=registry.id)
    store.write_dataset("cash", cash(), "withdrawals", source="test")
    devices = store.devices()
    store.delete_dataset("atms")
    store.delete_dataset("cash")
    assert store.devices().empty
    assert str(trash.newest(store).label) == "cash"
    assert trash.undo(store).entry.label == "cash"
    assert [d.name for d in store.datasets()] == ["cash"]
    trash.undo(store)
    pd.testing.assert_frame_equal(store.devices(), devices)
    assert trash.undo(store) is None and trash.newest(store) is None


def test_removing_the_demo_is_one_entry(demo: Store) -> None:
    before = [(d.name, d.data_hash) for d in demo.datasets()]
    devices = demo.devices()
    assert demo.remove_demo_data() == len(before)
    assert demo.datasets() == [] and demo.devices().empty and not demo.has_demo_data
    [entry] = trash.entries(demo)
    assert entry.kind == "demo" and entry.datasets == len(before)
    assert backups.newest_backup(demo.path).reason == "remove-demo"
    trash.undo(demo)
    assert [(d.name, d.data_hash) for d in demo.datasets()] == before
    pd.testing.assert_frame_equal(demo.devices(), devices)
    assert demo.remove_demo_data() == len(before) and demo.remove_demo_data() == 0


def test_runs_in_the_trash_are_hidden_and_their_files_go_when_emptied(store: Store) -> None:
    info = store.write_dataset("cash", cash(), "withdrawals", source="test")
    folder = models_dir(store)
    folder.mkdir()
    model = folder / "model-x.joblib"
    model.write_bytes(b"model")
    relative = model.relative_to(Path(store.path).parent).as_posix()
    run_id = store.record_run("train", "ridge", started_at="2026-01-01T00:00:00Z",
                              duration_s=1.0, dataset_id=info.id, params={"task": "regression"},
                              model_path=relative, model_sha256="0" * 64)
    trash_id = trash.trash_run(store, run_id)
    with pytest.raises(NotFoundError, match=f"no run {run_id}"):
        store.run(run_id)
    assert leaderboard(store).empty and runs_table(store).empty
    trash.restore(store, trash_id)
    assert store.run(run_id)["title"] == "ridge" and len(runs_table(store)) == 1
    store.delete_dataset("cash")
    assert store.run(run_id)["dataset_id"] is None  # its dataset reads as deleted
    assert runs_table(store)["dataset"].isna().all()
    trash.undo(store)
    assert store.run(run_id)["dataset_id"] == info.id
    trash.trash_run(store, run_id)
    assert model.exists()
    assert trash.empty(store) == {"datasets": 0, "runs": 1, "recipes": 0}
    assert not model.exists()
    assert backups.newest_backup(store.path).reason == "empty-trash"


def test_recipes_in_the_trash_free_their_name_and_come_back_renamed(store: Store) -> None:
    save_recipe(store, LAGS)
    save_recipe(store, make_recipe("lags", [("lags", {"columns": ["amount"], "lags": [2]})]))
    trash_id = trash.trash_recipe(store, "lags")
    assert list_recipes(store) == []
    with pytest.raises(NotFoundError):
        load_recipe(store, "lags")
    assert save_recipe(store, LAGS)[1] == 1  # a new recipe of that name starts again
    assert trash.restore(store, trash_id).renamed == {"lags": "lags (restored)"}
    restored = load_recipe(store, "lags (restored)")
    assert restored.name == "lags (restored)" and restored.version == 2
    with pytest.raises(NotFoundError):
        trash.trash_recipe(store, "nothing")


def test_emptying_deletes_for_good_what_runs_still_point_at(store: Store) -> None:
    recipe_id, _ = save_recipe(store, LAGS)
    info = store.write_dataset("cash", cash(), "withdrawals", source="test")
    run_id = store.record_run("preprocess", "lags", started_at="2026-01-01T00:00:00Z",
                              duration_s=1.0, dataset_id=info.id, recipe_id=recipe_id)
    trash.trash_recipe(store, "lags")
    store.delete_dataset("cash")
    assert trash.empty(store) == {"datasets": 1, "runs": 0, "recipes": 1}
    run = store.run(run_id)
    assert run["dataset_id"] is None and run["recipe_id"] is None
    assert info.table_name not in store.db.table_names()
    assert trash.entries(store) == [] and trash.empty(store)["datasets"] == 0
    with pytest.raises(NotFoundError, match="no entry 1"):
        trash.restore(store, 1)


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)
       .filter(str.strip))
def test_any_name_survives_the_trash(store: Store, name: str) -> None:
    info = store.write_dataset(name, cash(3), "table", source="test")
    store.delete_dataset(name)
    assert not store.has_dataset(name)
    trash.undo(store)
    assert store.dataset(name).data_hash == info.data_hash
    store.delete_dataset(name)
    trash.empty(store)


def cli(capsys, *args: str) -> tuple[int, dict | None, str]:
    code = main([*args, "--json"])
    out, err = capsys.readouterr()
    lines = out.strip().splitlines()
    return code, json.loads(lines[-1]) if lines else None, err


def test_cli_trash_list_restore_empty(capsys, store_path: Path) -> None:
    with Store.open(store_path) as store:
        store.write_dataset("cash", cash(), "withdrawals", source="test")
        store.write_dataset("other", cash(), "withdrawals", source="test")
        store.delete_dataset("cash")
        store.delete_dataset("other")
    db = ("--db", str(store_path))
    code, listed, _ = cli(capsys, "trash", "list", *db)
    assert code == 0 and [e["what"] for e in listed["trash"]] == ["other", "cash"]
    code, restored, _ = cli(capsys, "trash", "restore", str(listed["trash"][1]["id"]), *db)
    assert code == 0 and restored["restored"]["what"] == "cash"
    code, _, err = cli(capsys, "trash", "restore", "99", *db)
    assert code == 2 and "no entry 99 in the trash" in err
    code, emptied, _ = cli(capsys, "trash", "empty", *db)
    assert code == 0 and emptied["deleted"]["datasets"] == 1
    with Store.open(store_path) as store:
        assert [d.name for d in store.datasets()] == ["cash"] and trash.entries(store) == []
