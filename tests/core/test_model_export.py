"""model export/import: a colleague's model travels as one file, is checked without running any
code from it, and predicts exactly as it did where it was trained."""

from __future__ import annotations

import hashlib
import json
import zipfile

import numpy as np
import pytest

from iotfin_gui.cli import main
from iotfin_gui.core import signing
from iotfin_gui.core.models import models_dir, persistence, predict, safe_format, train
from iotfin_gui.core.models.sharing import ModelShareError, export_model, import_model
from iotfin_gui.core.outputs import OutputError
from iotfin_gui.core.store import Store
from tests.core.models_fixtures import classification_frame


@pytest.fixture(autouse=True)
def key_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(signing.KEY_DIR_ENV, str(tmp_path / "config"))


@pytest.fixture
def trained(store):
    store.write_dataset("apps", classification_frame(), "table", roles={"bad": "label"},
                        source="test")
    return train(store, "apps", task="classification", models=["hist_gb"], folds=3)[1].run_id


class _StateMarker:
    def __init__(self, path):
        self.path = str(path)

    def __setstate__(self, state):
        open(state["path"], "w").close()


def test_export_import_round_trip_predicts_the_same(store, trained, tmp_path, monkeypatch):
    out = tmp_path / "shared.iotfin-model"
    summary = export_model(store, trained, out)
    assert summary["out"] == str(out) and zipfile.ZipFile(out).namelist() == [
        "run.json", "model.skops", "evaluation.json"]
    expected = predict(store, trained, "apps").frame
    monkeypatch.setenv(signing.KEY_DIR_ENV, str(tmp_path / "colleague"))  # another user
    with Store.open(tmp_path / "colleague.sqlite") as other:
        other.write_dataset("apps", classification_frame(), "table", source="test")
        imported = import_model(other, out)
        run = other.run(imported["run_id"])
        assert run["params"]["imported"]["source_run"] == trained
        assert run["metrics"] == store.run(trained)["metrics"]
        assert run["data_hash"] == store.run(trained)["data_hash"]
        local = (other.path.parent / run["model_path"]).read_bytes()
        assert local[len(persistence.MAGIC):len(persistence.MAGIC) + 1] == persistence.SKOPS
        got = predict(other, imported["run_id"], "apps").frame
    assert np.array_equal(got["probability"], expected["probability"])
    assert (got["prediction"] == expected["prediction"]).all()


def _export_with(path, payload: bytes, **changes) -> None:
    metadata = {"format": "iotfin-model-export/1", "task": "classification", "model": "x",
                "target": "bad", "features": ["x1"], "params": {}, "metrics": [],
                "model_sha256": hashlib.sha256(payload).hexdigest(), **changes}
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("run.json", json.dumps(metadata))
        archive.writestr("model.skops", payload)


def test_import_names_untrusted_types_and_runs_nothing(store, tmp_path):
    marker = tmp_path / "code-ran"
    path = tmp_path / "evil.iotfin-model"
    _export_with(path, safe_format.dumps({"format": persistence.BUNDLE_FORMAT,
                                          "pipeline": _StateMarker(marker)}))
    with pytest.raises(ModelShareError, match=r"does not trust: .*_StateMarker"):
        import_model(store, path)
    assert not marker.exists()
    assert store.conn.execute("SELECT count(*) FROM runs").fetchone()[0] == 0
    assert not models_dir(store).exists() or not any(models_dir(store).iterdir())


def test_import_refuses_changed_and_foreign_files(store, trained, tmp_path):
    out = tmp_path / "shared.iotfin-model"
    export_model(store, trained, out)
    members = {n: zipfile.ZipFile(out).read(n) for n in zipfile.ZipFile(out).namelist()}
    changed = tmp_path / "changed.iotfin-model"
    with zipfile.ZipFile(changed, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data[:-10] if name == "model.skops" else data)
    with pytest.raises(ModelShareError, match="does not match the SHA-256"):
        import_model(store, changed)
    foreign = tmp_path / "foreign.iotfin-model"
    with zipfile.ZipFile(foreign, "w") as archive:
        archive.writestr("model.pkl", b"x")
    with pytest.raises(ModelShareError, match="not an IoTFin model export"):
        import_model(store, foreign)
    (tmp_path / "text.iotfin-model").write_text("hello")
    with pytest.raises(ModelShareError, match="not a readable model export"):
        import_model(store, tmp_path / "text.iotfin-model")


def test_export_goes_through_the_output_checks(store, trained, tmp_path):
    out = tmp_path / "shared.iotfin-model"
    out.write_text("keep me")
    with pytest.raises(OutputError, match="already exists"):
        export_model(store, trained, out)
    assert out.read_text() == "keep me"
    export_model(store, trained, out, force=True)
    with pytest.raises(OutputError, match="belongs to the store"):
        export_model(store, trained, models_dir(store) / "copy.iotfin-model")


def test_cli_export_and_import(store_path, tmp_path, capsys):
    with Store.open(store_path) as store:
        store.write_dataset("apps", classification_frame(), "table", roles={"bad": "label"},
                            source="test")
        run_id = train(store, "apps", task="classification", models=["logistic"],
                       folds=3)[1].run_id
    out = tmp_path / "m.iotfin-model"
    assert main(["model", "export", str(run_id), "--out", str(out), "--db",
                 str(store_path)]) == 0
    capsys.readouterr()
    assert main(["model", "import", str(out), "--db", str(store_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[-1])["model"] == "logistic"
    evil = tmp_path / "evil.iotfin-model"
    _export_with(evil, safe_format.dumps({"pipeline": _StateMarker(tmp_path / "m")}))
    assert main(["model", "import", str(evil), "--db", str(store_path)]) == 2
    assert "_StateMarker" in capsys.readouterr().err


def test_a_pickled_model_is_not_exported(store, tmp_path, monkeypatch):
    store.write_dataset("apps", classification_frame(), "table", roles={"bad": "label"},
                        source="test")
    # A model the safe format cannot store exactly is kept as a signed pickle, for this user only.
    with monkeypatch.context() as patched:
        patched.setattr(safe_format, "round_trips", lambda *_args: False)
        run_id = train(store, "apps", task="classification", models=["logistic"], folds=3
                       )[1].run_id
    data = (store.path.parent / store.run(run_id)["model_path"]).read_bytes()
    assert data[len(persistence.MAGIC):len(persistence.MAGIC) + 1] == persistence.PICKLE
    assert len(predict(store, run_id, "apps").frame) == 160  # signed, so it loads here
    with pytest.raises(ModelShareError, match="cannot be exported"):
        export_model(store, run_id, tmp_path / "x.iotfin-model")
    assert not (tmp_path / "x.iotfin-model").exists()

