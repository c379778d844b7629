"""Sharing a trained model: export it to one self-contained file, import a colleague's file.

An export file (``.iotfin-model``) is a ZIP archive of ``run.json`` (the run's task, model,
target, features, parameters, metrics, data hash, seed, the library versions it was trained and
exported with, and the SHA-256 of the model), ``model.skops`` (the model bundle in the safe
format of :mod:`.safe_format`) and, when the run has it, ``evaluation.json`` (its plot data).
It is written atomically through :mod:`iotfin_gui.core.outputs`. A model that is kept as a signed
pickle (see :mod:`.persistence`) is not exported: nobody else could load it safely.

Importing never runs code from the file: the archive must hold exactly those members, the model
must match its SHA-256 and load in the safe format (any type outside the trusted list is named
and refused; trees are checked), and the bundle must agree with ``run.json``. The model is then
stored as a new training run, without a dataset of this store, and its local copy is signed with
the importing user's key.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import time
import zipfile
from pathlib import Path
from typing import Any

from iotfin_gui.core import model_folder, outputs, store_files
from iotfin_gui.core.lineage import library_versions, utc_now
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.models import persistence, safe_format
from iotfin_gui.core.models.service import train_run
from iotfin_gui.core.models.specs import MODEL_SPECS
from iotfin_gui.core.store import Store

EXPORT_FORMAT = "iotfin-model-export/1"
RUN_MEMBER, MODEL_MEMBER, EVALUATION_MEMBER = "run.json", "model.skops", "evaluation.json"
#: Largest member read from an export file (bytes, uncompressed).
MAX_MEMBER_BYTES = 1 << 30
_LOCAL_PARAMS = ("evaluation_path", "evaluation_sha256")


class ModelShareError(persistence.ModelFileError):
    """A model cannot be exported, or an export file cannot be imported safely."""


def export_model(store: Store, run_id: int, path: str | Path, *, force: bool = False
                 ) -> dict[str, Any]:
    """Write run ``run_id``'s model and metadata to ``path``; a summary of what was written."""
    run = train_run(store, run_id)
    location, data = persistence.verified_bytes(store, run["model_path"], run["model_sha256"])
    kind, payload = persistence.unseal(location, data)
    if kind != persistence.SKOPS:
        raise ModelShareError(QT_TRANSLATE_NOOP(
            "Core", "Run {run}'s model holds objects the safe format cannot store (for example "
            "a recipe's outlier clipping step), so it is kept as a file only your IoTFin "
            "loads; it cannot be exported.").format(run=run_id))
    params = {k: v for k, v in run["params"].items() if k not in _LOCAL_PARAMS}
    metadata = {"format": EXPORT_FORMAT, "exported_at": utc_now(), "source_run": run["id"],
                "title": str(run["title"]), "task": params.get("task"),
                "model": params.get("model"), "target": params.get("target"),
                "features": params.get("features"), "params": params,
                "metrics": [[scope, name, value, spread]
                            for (scope, name), (value, spread) in run["metrics"].items()],
                "data_hash": run["data_hash"], "seed": run["seed"],
                "trained_with": run["library_versions"], "exported_with": library_versions(),
                "model_sha256": hashlib.sha256(payload).hexdigest()}
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr(RUN_MEMBER, json.dumps(metadata, indent=1, default=str))
        bundle.writestr(MODEL_MEMBER, payload)
        if run["params"].get("evaluation_path"):
            evaluation = persistence.verified_bytes(store, run["params"]["evaluation_path"],
                                                    run["params"].get("evaluation_sha256"))[1]
            bundle.writestr(EVALUATION_MEMBER, evaluation)
    written = outputs.write_file(path, archive.getvalue(), store=store, force=force)
    return {"run_id": run["id"], "out": str(written), "model": params.get("model"),
            "task": params.get("task"), "bytes": len(archive.getvalue()),
            "model_sha256": metadata["model_sha256"]}


def _refused(path: Path, reason: Any) -> ModelShareError:
    return ModelShareError(QT_TRANSLATE_NOOP("Core", "{file} cannot be imported: {reason}.")
                           .format(file=str(path), reason=reason))


def _members(path: Path) -> dict[str, bytes]:
    """The members of an export file, after checking their names and sizes."""
    try:
        with zipfile.ZipFile(store_files.check_input_path(path)) as archive:
            infos = archive.infolist()
            names = sorted(i.filename for i in infos)
            if names not in (sorted([RUN_MEMBER, MODEL_MEMBER]),
                             sorted([RUN_MEMBER, MODEL_MEMBER, EVALUATION_MEMBER])):
                raise _refused(path, QT_TRANSLATE_NOOP(
                    "Core", "it is not an IoTFin model export (it holds {names})").format(
                        names=", ".join(names) or "nothing"))
            if any(i.file_size > MAX_MEMBER_BYTES for i in infos):
                raise _refused(path, QT_TRANSLATE_NOOP("Core", "a part of it is too large"))
            return {i.filename: archive.read(i) for i in infos}
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise _refused(path, QT_TRANSLATE_NOOP("Core", "it is not a readable model export "
                                               "({error})").format(error=str(error))) from error


def _metadata(path: Path, members: dict[str, bytes]) -> dict[str, Any]:
    try:
        metadata = json.loads(members[RUN_MEMBER])
    except ValueError as error:
        raise _refused(path, QT_TRANSLATE_NOOP("Core", "its run.json is not valid JSON "
                                               "({error})").format(error=str(error))) from error
    if not isinstance(metadata, dict) or metadata.get("format") != EXPORT_FORMAT:
        raise _refused(path, QT_TRANSLATE_NOOP("Core", "its run.json is not of the format "
                                               "{format}").format(format=EXPORT_FORMAT))
    if hashlib.sha256(members[MODEL_MEMBER]).hexdigest() != metadata.get("model_sha256"):
        raise _refused(path, QT_TRANSLATE_NOOP("Core", "the model does not match the SHA-256 "
                                               "in run.json (the file is damaged or was "
                                               "changed)"))
    return metadata


def _metrics(path: Path, rows: Any) -> dict[tuple[str, str], tuple[float, float | None]]:
    def number(value: Any) -> bool:
        return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(
            value)

    metrics = {}
    for row in rows if isinstance(rows, list) else [None]:
        if not (isinstance(row, list) and len(row) == 4 and all(isinstance(t, str)
                                                                 for t in row[:2])
                and (row[2] is None or number(row[2])) and (row[3] is None or number(row[3]))):
            raise _refused(path, QT_TRANSLATE_NOOP("Core", "its metrics are malformed"))
        metrics[(row[0], row[1])] = (row[2], row[3])
    return metrics


def import_model(store: Store, path: str | Path) -> dict[str, Any]:
    """Store the model of an export file as a new training run; a summary with its run id."""
    started, source = time.perf_counter(), Path(path).expanduser()
    members = _members(source)
    metadata = _metadata(source, members)
    payload = members[MODEL_MEMBER]
    try:
        bundle = safe_format.loads(payload)
    except safe_format.UnsafeModel as error:
        raise _refused(source, error.reason) from error
    params = metadata.get("params")
    if (not isinstance(bundle, dict) or bundle.get("format") != persistence.BUNDLE_FORMAT
            or not isinstance(params, dict)
            or any(bundle.get(k) != metadata.get(k) for k in ("task", "model", "target",
                                                              "features"))):
        raise _refused(source, QT_TRANSLATE_NOOP("Core", "the model does not match its "
                                                 "run.json"))
    metrics = _metrics(source, metadata.get("metrics"))
    evaluation = members.get(EVALUATION_MEMBER)
    document = None
    if evaluation is not None:
        try:
            document = json.loads(evaluation)
        except ValueError as error:
            raise _refused(source, QT_TRANSLATE_NOOP("Core", "its evaluation.json is not valid "
                                                     "JSON")) from error
    stem, written = persistence.new_stem(), []
    spec = MODEL_SPECS.get(str(bundle["task"]), {}).get(str(bundle["model"]))
    label = spec.label if spec is not None else str(params.get("label") or bundle["model"])
    try:
        with store.atomic():
            model_path, model_sha = persistence.save_sealed(store, stem, persistence.SKOPS,
                                                            payload)
            written.append(model_path)
            local = {k: v for k, v in params.items() if k not in _LOCAL_PARAMS}
            if document is not None:
                eval_path, eval_sha = persistence.save_json(
                    store, f"{stem}{model_folder.EVAL_SUFFIX}", document)
                written.append(eval_path)
                local |= {"evaluation_path": eval_path, "evaluation_sha256": eval_sha}
            local["imported"] = {"file": source.name, "exported_at": metadata.get("exported_at"),
                                 "source_run": metadata.get("source_run"),
                                 "source_title": metadata.get("title"),
                                 "trained_with": metadata.get("trained_with"),
                                 "exported_with": metadata.get("exported_with")}
            run_id = store.record_run(
                "train", QT_TRANSLATE_NOOP("Core", "{model} imported from {file}").format(
                    model=label, file=source.name),
                started_at=utc_now(), duration_s=time.perf_counter() - started,
                data_hash=metadata.get("data_hash"), params=local,
                seed=metadata.get("seed") if isinstance(metadata.get("seed"), int) else None,
                metrics=metrics, model_path=model_path, model_sha256=model_sha)
    except BaseException:
        model_folder.remove_files(store, written)
        raise
    return {"run_id": run_id, "model": bundle["model"], "task": bundle["task"],
            "target": bundle["target"], "features": len(bundle["features"] or []),
            "trained_with": metadata.get("trained_with")}
