"""Model files: verified before loading (tampered or foreign files refused, never unpickled),
the predict round trip, a cancelled search that leaves no run and no file, and the clean-up of
files no run records."""

from __future__ import annotations

import os
import pickle
import time

import numpy as np
import pytest

from iotfin_gui.core import model_folder, signing, trash
from iotfin_gui.core.errors import JobCancelled
from iotfin_gui.core.jobs import JobContext, JobSpec, run_inline
from iotfin_gui.core.models import (
    ModelFileError,
    delete_run,
    models_dir,
    predict,
    train,
)
from iotfin_gui.core.models.jobs import predict_job, train_job
from tests.core.models_fixtures import classification_frame, regression_frame


@pytest.fixture(autouse=True)
def key_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(signing.KEY_DIR_ENV, str(tmp_path / "config"))


@pytest.fixture
def trained(store):
    store.write_dataset("apps", classification_frame(), "table", roles={"bad": "label"},
                        source="test")
    results = train(store, "apps", task="classification", models=["logistic"], folds=3)
    return results[1].run_id


def _model_file(store, run_id):
    return store.path.parent / store.run(run_id)["model_path"]


def test_model_files_live_next_to_the_store(store, trained):
    path = _model_file(store, trained)
    assert path.parent == models_dir(store) == store.path.parent / "store_models"
    assert not list(models_dir(store).glob(".tmp-*"))


def test_flipped_byte_is_refused(store, trained):
    path = _model_file(store, trained)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ModelFileError, match="changed or replaced"):
        predict(store, trained, "apps")


class _Marker:
    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (open, (str(self.path), "w"))


def test_foreign_pickle_is_never_unpickled(store, trained, tmp_path):
    marker = tmp_path / "unpickled"
    _model_file(store, trained).write_bytes(pickle.dumps(_Marker(marker)))
    with pytest.raises(ModelFileError):
        predict(store, trained, "apps")
    assert not marker.exists()


def test_path_outside_the_models_folder_is_refused(store, trained):
    """A record is trusted for a file name only: it is looked for in the models folder."""
    store.conn.execute("UPDATE runs SET model_path = '../elsewhere.joblib' WHERE id = ?",
                       [trained])
    with pytest.raises(ModelFileError, match=r"store_models/elsewhere\.joblib is missing"):
        predict(store, trained, "apps")


def test_missing_file_is_a_clear_error(store, trained):
    _model_file(store, trained).unlink()
    with pytest.raises(ModelFileError, match="missing"):
        predict(store, trained, "apps")


def test_predict_round_trip_and_save(store, trained):
    fresh = classification_frame(rows=30, seed=5).drop(columns=["bad"])
    store.write_dataset("new_apps", fresh, "table", source="test")
    result = predict(store, trained, "new_apps", save_as="scored")
    assert list(result.frame.columns) == ["row", "prediction", "probability"]
    assert len(result.frame) == 30 and set(result.frame["prediction"]) <= {0, 1}
    saved = store.read_dataset("scored")
    assert np.allclose(saved["probability"], result.frame["probability"])
    assert store.run(result.predict_run_id)["params"]["model_run"] == trained
    again = predict(store, trained, "new_apps")
    assert np.allclose(again.frame["probability"], result.frame["probability"])


def test_predict_needs_the_training_columns(store, trained):
    store.write_dataset("other", regression_frame(), "table", source="test")
    with pytest.raises(Exception, match="lacks the column"):
        predict(store, trained, "other")


def test_delete_run_removes_its_files(store, trained):
    path = _model_file(store, trained)
    delete_run(store, trained)
    assert path.exists()  # in the trash until it is emptied
    trash.empty(store)
    assert not path.exists() and not list(models_dir(store).glob(f"{path.stem}*"))


def test_cancel_mid_search_leaves_no_run_and_no_file(store):
    store.write_dataset("apps", classification_frame(), "table", source="test")
    calls = []

    def cancel_requested():
        calls.append(1)
        return len(calls) > 12

    ctx = JobContext(None, cancel_requested)
    with pytest.raises(JobCancelled):
        train(store, "apps", target="bad", task="classification", models=["knn"],
              folds=3, search="grid", ctx=ctx)
    assert store.conn.execute("SELECT count(*) FROM runs").fetchone()[0] == 0
    folder = models_dir(store)
    assert not folder.exists() or not any(folder.iterdir())


def test_jobs_run_inline(store_path):
    from iotfin_gui.core.store import Store

    with Store.open(store_path) as store:
        store.write_dataset("sales", regression_frame(), "table", source="test")
    runs = run_inline(JobSpec.of("Train", train_job, db_path=str(store_path), dataset="sales",
                                 target="amount", task="regression", models=["ridge"], folds=3))
    assert [r["model"] for r in runs] == ["baseline", "ridge"]
    out = run_inline(JobSpec.of("Predict", predict_job, db_path=str(store_path),
                                run_id=runs[1]["run_id"], dataset="sales"))
    assert len(out["frame"]) == 120 and out["dataset"] is None


def test_orphans_are_removed_once_old_enough(store, trained):
    folder = models_dir(store)
    kept = {p.name for p in folder.iterdir()}
    old = time.time() - model_folder.ORPHAN_AGE_S - 60
    names = ("model-orphan.model", "model-orphan.eval.json", ".tmp-abc", "model-old.joblib",
             "notes.txt", "model-young.model")
    for name in names:
        (folder / name).write_bytes(b"x")
        if name != "model-young.model":
            os.utime(folder / name, (old, old))
    for name in kept:
        os.utime(folder / name, (old, old))
    removed = model_folder.remove_orphans(store)
    assert {p.name for p in removed} == set(names[:4])
    assert {p.name for p in folder.iterdir()} == kept | {"notes.txt", "model-young.model"}
    assert len(predict(store, trained, "apps").frame) == 160
