"""Model files: written only by the app, verified before every load.

Model files live in a folder named after the store, next to it: ``<store stem>_models/``
(``store.sqlite`` -> ``store_models/``), so two stores in one folder never share files. The store
records each file's path relative to the store's folder and its SHA-256. A file is written to a
temporary name, flushed to disk and renamed. Before a file is unpickled its path must lie inside
the models folder and its SHA-256 must equal the store's record; anything else (an edited,
truncated or foreign file) is refused with a :class:`UserFacingError` and never unpickled.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
import uuid
from pathlib import Path
from typing import Any

import joblib

from iotfin_gui.core.errors import UserFacingError
from iotfin_gui.core.lineage import file_sha256
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.store import Store

BUNDLE_FORMAT = "iotfin-model/1"


class ModelFileError(UserFacingError):
    """A model file is missing, outside the models folder, or not the file the app wrote."""


def models_dir(store: Store) -> Path:
    """The folder of ``store``'s model files (not created)."""
    path = Path(store.path)
    return path.parent / f"{path.stem}_models"


def _atomic_write(folder: Path, name: str, write: Any) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        target = folder / name
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def new_stem() -> str:
    """A fresh, unguessable file name stem for one trained model."""
    return f"model-{uuid.uuid4().hex[:16]}"


def save_bundle(store: Store, stem: str, bundle: dict[str, Any]) -> tuple[str, str]:
    """Write a model bundle; returns (path relative to the store's folder, SHA-256)."""
    bundle = {"format": BUNDLE_FORMAT, **bundle}
    path = _atomic_write(models_dir(store), f"{stem}.joblib",
                         lambda stream: joblib.dump(bundle, stream, compress=3))
    return _relative(store, path), file_sha256(path)


def save_json(store: Store, name: str, document: Any) -> tuple[str, str]:
    """Write a JSON document (evaluation data) next to the models; (relative path, SHA-256)."""
    data = json.dumps(_finite(document), allow_nan=False, default=_json_default).encode()
    path = _atomic_write(models_dir(store), name, lambda stream: stream.write(data))
    return _relative(store, path), file_sha256(path)


def _finite(value: Any) -> Any:
    """``value`` with NaN and infinities (nested anywhere) as None, which JSON can hold."""
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _json_default(value: Any) -> Any:
    if hasattr(value, "item"):
        return value.item()
    return str(value)


def _relative(store: Store, path: Path) -> str:
    return path.relative_to(Path(store.path).parent).as_posix()


def verified_path(store: Store, relative: str | None, sha256: str | None) -> Path:
    """The absolute path of a recorded file, after checking where it is and its SHA-256."""
    if not relative or not sha256:
        raise ModelFileError(QT_TRANSLATE_NOOP("Core", "This run has no model file (only "
                                               "trained models are saved)."))
    folder = models_dir(store).resolve()
    path = (Path(store.path).parent / relative).resolve()
    if path.parent != folder:
        raise ModelFileError(QT_TRANSLATE_NOOP("Core", "The recorded model file {file} is "
                                               "outside the models folder {folder}; refusing to "
                                               "load it.").format(file=relative,
                                                                  folder=str(folder)))
    if not path.is_file():
        raise ModelFileError(QT_TRANSLATE_NOOP("Core", "The model file {file} is missing; "
                                               "retrain the model.").format(file=str(path)))
    if file_sha256(path) != sha256:
        raise ModelFileError(QT_TRANSLATE_NOOP("Core", "The model file {file} has been changed "
                                               "or replaced since the app wrote it (its SHA-256 "
                                               "does not match the store); refusing to load it. "
                                               "Retrain the model.").format(file=str(path)))
    return path


def load_bundle(store: Store, relative: str | None, sha256: str | None) -> dict[str, Any]:
    """Unpickle a model bundle, only after :func:`verified_path` passed."""
    path = verified_path(store, relative, sha256)
    bundle = joblib.load(path)
    if not isinstance(bundle, dict) or bundle.get("format") != BUNDLE_FORMAT:
        raise ModelFileError(QT_TRANSLATE_NOOP("Core", "{file} is not an IoTFin model file.")
                             .format(file=str(path)))
    return bundle


def load_json(store: Store, relative: str | None, sha256: str | None) -> Any:
    """Read a verified JSON document written by :func:`save_json`."""
    return json.loads(verified_path(store, relative, sha256).read_bytes())


def remove_files(store: Store, relatives: list[str]) -> None:
    """Delete files this run wrote (when recording it failed or was cancelled)."""
    for relative in relatives:
        (Path(store.path).parent / relative).unlink(missing_ok=True)
