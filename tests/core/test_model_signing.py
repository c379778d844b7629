"""Model files cannot run code: only files signed with the user's key (kept outside the store)
are loaded, skops files only with trusted types and checked trees. The issue's test: a malicious
pickle planted in the store with a matching SHA-256 is refused without being loaded."""

from __future__ import annotations

import hashlib
import os
import pickle

import numpy as np
import pytest
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.neighbors import KNeighborsClassifier
from sklearn.tree import DecisionTreeClassifier
from sklearn.tree._tree import Tree

from iotfin_gui.core import signing
from iotfin_gui.core.models import ModelFileError, persistence, predict, safe_format, train
from tests.core.models_fixtures import classification_frame


@pytest.fixture(autouse=True)
def key_dir(tmp_path, monkeypatch):
    folder = tmp_path / "config"
    monkeypatch.setenv(signing.KEY_DIR_ENV, str(folder))
    return folder


@pytest.fixture
def trained(store):
    store.write_dataset("apps", classification_frame(), "table", roles={"bad": "label"},
                        source="test")
    return train(store, "apps", task="classification", models=["logistic"], folds=3)[1].run_id


class _PickleMarker:
    """Unpickling it creates a file: proof that a loader ran the file's code."""

    def __init__(self, path):
        self.path = str(path)

    def __reduce__(self):
        return (open, (self.path, "w"))


class _StateMarker:
    """Rebuilding it (skops calls __setstate__) creates a file."""

    def __init__(self, path):
        self.path = str(path)

    def __setstate__(self, state):
        open(state["path"], "w").close()


def _plant(store, run_id, data: bytes) -> None:
    """Replace a run's model file and update its recorded SHA-256, as a store writer could."""
    run = store.run(run_id)
    (store.path.parent / run["model_path"]).write_bytes(data)
    store.conn.execute("UPDATE runs SET model_sha256 = ? WHERE id = ?",
                       [hashlib.sha256(data).hexdigest(), run_id])


def test_malicious_pickle_with_matching_hash_is_refused_unloaded(store, trained, tmp_path):
    marker = tmp_path / "code-ran"
    _plant(store, trained, pickle.dumps(_PickleMarker(marker)))
    with pytest.raises(ModelFileError, match="not a signed IoTFin model file"):
        predict(store, trained, "apps")
    assert not marker.exists()


def test_pickle_behind_a_forged_header_is_refused_unloaded(store, trained, tmp_path):
    marker = tmp_path / "code-ran"
    forged = persistence.MAGIC + persistence.PICKLE + bytes(32) + pickle.dumps(
        _PickleMarker(marker))
    _plant(store, trained, forged)
    with pytest.raises(ModelFileError, match="does not carry your signature"):
        predict(store, trained, "apps")
    assert not marker.exists()


def test_skops_file_with_an_untrusted_type_is_refused_unloaded(store, trained, tmp_path):
    marker = tmp_path / "code-ran"
    payload = safe_format.dumps({"format": persistence.BUNDLE_FORMAT,
                                 "pipeline": _StateMarker(marker)})
    _plant(store, trained, persistence.MAGIC + persistence.SKOPS + bytes(32) + payload)
    with pytest.raises(ModelFileError, match="does not carry your signature"):
        predict(store, trained, "apps")
    _plant(store, trained, persistence.seal(persistence.SKOPS, payload))  # even signed
    with pytest.raises(ModelFileError, match=r"types IoTFin does not trust: .*_StateMarker"):
        predict(store, trained, "apps")
    assert not marker.exists()


def test_another_users_key_is_refused(store, trained, tmp_path, monkeypatch):
    monkeypatch.setenv(signing.KEY_DIR_ENV, str(tmp_path / "colleague"))
    with pytest.raises(ModelFileError, match="does not carry your signature"):
        predict(store, trained, "apps")


def test_missing_signature_and_truncated_file_are_refused(store, trained):
    data = (store.path.parent / store.run(trained)["model_path"]).read_bytes()
    for damaged in (data[:len(persistence.MAGIC) + 1] + data[len(persistence.MAGIC) + 33:],
                    data[:len(data) // 2], data[:10]):
        _plant(store, trained, damaged)
        with pytest.raises(ModelFileError, match="does not carry your signature"):
            predict(store, trained, "apps")


def test_the_key_is_private_created_once_and_refused_when_shared(key_dir):
    first = signing.signing_key()
    path = signing.key_path()
    assert path.parent == key_dir and len(first) == 32 and signing.signing_key() == first
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600
        path.chmod(0o644)
        with pytest.raises(signing.SigningKeyError, match="other users"):
            signing.sign(b"x")


def test_models_that_skops_cannot_store_faithfully_stay_signed_pickles():
    assert persistence.encode_bundle({"a": np.arange(3)})[0] == persistence.SKOPS
    # skops turns a dict's False key into True: caught by the round-trip check
    assert persistence.encode_bundle({"shares": {True: 0.75, False: 0.25}})[0] == \
        persistence.PICKLE


def _data():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(80, 3))
    return X, (X[:, 0] > 0).astype(int)


def test_a_tree_with_an_out_of_range_child_is_refused():
    X, y = _data()
    model = DecisionTreeClassifier(random_state=0).fit(X, y)
    state = model.tree_.__getstate__()
    state["nodes"] = state["nodes"].copy()
    state["nodes"]["left_child"][0] = 10**6
    bad = Tree(model.tree_.n_features, np.array([2], dtype=np.intp), 1)
    bad.__setstate__(state)
    model.tree_ = bad
    with pytest.raises(safe_format.UnsafeModel):
        safe_format.check_structures({"pipeline": model})


def test_a_boosting_tree_with_a_bad_feature_and_a_tampered_kd_tree_are_refused():
    X, y = _data()
    boosted = HistGradientBoostingRegressor(max_iter=3).fit(X, y)
    nodes = boosted._predictors[0][0].nodes
    nodes["feature_idx"][~nodes["is_leaf"].astype(bool)] = 7
    with pytest.raises(safe_format.UnsafeModel):
        safe_format.check_structures(boosted)
    knn = KNeighborsClassifier(algorithm="kd_tree").fit(X, y)
    safe_format.check_structures(knn)
    knn._tree.idx_array[0] = 10**6
    with pytest.raises(safe_format.UnsafeModel):
        safe_format.check_structures(knn)
