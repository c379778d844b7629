"""Model files: written only by the app, signed with the user's key, verified before every load.

Model files live in a folder named after the store, next to it: ``<store stem>_models/``
(``store.sqlite`` -> ``store_models/``, see :func:`iotfin_gui.core.store_files.models_dir`), so
two stores in one folder never share files. The store records each file's path relative to the
store's folder and its SHA-256. A file is written to a temporary name (``.tmp-*``), flushed to
disk and renamed.

A model file (``<stem>.model``) is ``MAGIC``, one byte naming the format, the HMAC-SHA256 of
everything else under the user's key (:mod:`iotfin_gui.core.signing`, kept outside every store)
and the payload. The payload is the model bundle in skops' safe format
(:mod:`.safe_format`: explicit trusted types, trees checked), or, only when skops cannot store
the bundle faithfully (today: a recipe's outlier clipping step, which keeps pandas objects), a
joblib pickle. Before any byte reaches a loader the file must be found by its recorded name in a
models folder beside the store (:func:`model_file`: a renamed or moved store finds its models
relative to itself), match the SHA-256 the store records and carry a valid signature; anything
else (an edited, truncated or foreign file, a file of an older version, which was an unsigned
pickle) is refused with a :class:`ModelFileError` and never loaded. So whoever can write the
store's folder but not the user's configuration folder cannot make ``predict`` run their code.
A pickle payload is never exported (see :mod:`.sharing`); a skops payload could be loaded safely
even without the key.

Evaluation data (``<stem>.eval.json``) is plain JSON, checked against its recorded SHA-256.

The file names (suffixes, the ``.tmp-`` prefix) come from :mod:`iotfin_gui.core.model_folder`,
which removes what a killed training left behind without importing this package.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import tempfile
import uuid
from pathlib import Path
from typing import Any

import joblib

from iotfin_gui.core import signing
from iotfin_gui.core.errors import UserFacingError
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.model_folder import MODEL_SUFFIX, TEMP_PREFIX, models_dir
from iotfin_gui.core.models import safe_format
from iotfin_gui.core.store import Store

BUNDLE_FORMAT = "iotfin-model/1"
#: Start of every signed model file; then the format byte, the signature and the payload.
MAGIC = b"IoTFinM2"
SKOPS, PICKLE = b"S", b"P"
_HEADER = len(MAGIC) + 1 + signing.SIGNATURE_BYTES


class ModelFileError(UserFacingError):
    """A model file is missing or not the file the app wrote."""


def _atomic_write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=folder)
    target = folder / name
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        if error.filename is not None:
            raise
        # A failed write names no file; the messages for it (a full disk, a size limit) do.
        raise OSError(error.errno, error.strerror, str(target)) from error
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def new_stem() -> str:
    """A fresh, unguessable file name stem for one trained model."""
    return f"model-{uuid.uuid4().hex[:16]}"


def encode_bundle(bundle: dict[str, Any]) -> tuple[bytes, bytes]:
    """(format byte, payload): skops when the bundle loads back from it unchanged and safely,
    else a joblib pickle."""
    try:
        payload = safe_format.dumps(bundle)
    except (TypeError, ValueError, AttributeError, RecursionError):
        payload = b""
    if payload and safe_format.round_trips(bundle, payload):
        return SKOPS, payload
    stream = io.BytesIO()
    joblib.dump(bundle, stream, compress=3)
    return PICKLE, stream.getvalue()


def seal(kind: bytes, payload: bytes) -> bytes:
    """A signed model file's bytes."""
    head = MAGIC + kind
    return head + signing.sign(head + payload) + payload


def save_bundle(store: Store, stem: str, bundle: dict[str, Any]) -> tuple[str, str]:
    """Write a signed model file; returns (path relative to the store's folder, SHA-256)."""
    return save_sealed(store, stem, *encode_bundle({"format": BUNDLE_FORMAT, **bundle}))


def save_sealed(store: Store, stem: str, kind: bytes, payload: bytes) -> tuple[str, str]:
    """Sign and write an encoded bundle; (path relative to the store's folder, SHA-256)."""
    data = seal(kind, payload)
    path = _atomic_write(models_dir(store), f"{stem}{MODEL_SUFFIX}", data)
    return _relative(store, path), hashlib.sha256(data).hexdigest()


def save_json(store: Store, name: str, document: Any) -> tuple[str, str]:
    """Write a JSON document (evaluation data) next to the models; (relative path, SHA-256)."""
    data = json.dumps(_finite(document), allow_nan=False, default=_json_default).encode()
    path = _atomic_write(models_dir(store), name, data)
    return _relative(store, path), hashlib.sha256(data).hexdigest()


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


def model_file(store: Store, relative: str) -> Path:
    """Where the recorded model file ``relative`` is, found relative to the store itself.

    Records hold ``<stem>_models/<name>`` (relative to the store's folder; an older version
    recorded absolute paths). Only the name is trusted: the file is looked for in the store's
    own models folder, then, for a store renamed without its folder (``bank.sqlite`` beside
    ``store_models/``), in the ``*_models`` folder the record names beside the store. A record
    can never point anywhere else."""
    recorded = Path(relative)
    own = models_dir(store) / recorded.name
    beside = Path(store.path).parent / recorded.parent.name / recorded.name
    if not own.is_file() and recorded.parent.name.endswith("_models") and beside.is_file():
        return beside
    return own


def verified_bytes(store: Store, relative: str | None, sha256: str | None) -> tuple[Path, bytes]:
    """A recorded file's path and bytes (read once), after checking where it is and its
    SHA-256."""
    if not relative or not sha256:
        raise ModelFileError(QT_TRANSLATE_NOOP("Core", "This run has no model file (only "
                                               "trained models are saved)."))
    path = model_file(store, relative)
    if not path.is_file():
        raise ModelFileError(QT_TRANSLATE_NOOP("Core", "The model file {file} is missing; "
                                               "retrain the model.").format(file=str(path)))
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise ModelFileError(QT_TRANSLATE_NOOP("Core", "The model file {file} has been changed "
                                               "or replaced since the app wrote it (its SHA-256 "
                                               "does not match the store); refusing to load it. "
                                               "Retrain the model.").format(file=str(path)))
    return path, data


def unseal(path: Path, data: bytes) -> tuple[bytes, bytes]:
    """(format byte, payload) of a model file whose signature is this user's; else refused."""
    if not data.startswith(MAGIC):
        raise ModelFileError(QT_TRANSLATE_NOOP(
            "Core", "The model file {file} is not a signed IoTFin model file (files of older "
            "versions were unsigned pickles, which can run code when loaded); it is not loaded. "
            "Retrain the model.").format(file=str(path)))
    kind, signature = data[len(MAGIC):len(MAGIC) + 1], data[len(MAGIC) + 1:_HEADER]
    payload = data[_HEADER:]
    if (kind not in (SKOPS, PICKLE) or len(signature) != signing.SIGNATURE_BYTES
            or not signing.is_signed(MAGIC + kind + payload, signature)):
        raise ModelFileError(QT_TRANSLATE_NOOP(
            "Core", "The model file {file} does not carry your signature (key {key}): your "
            "IoTFin did not write it, or it was changed since. It is not loaded; retrain the "
            "model (a colleague's model comes in with 'model import').").format(
                file=str(path), key=str(signing.key_path())))
    return kind, payload


def decode_bundle(path: Path, kind: bytes, payload: bytes) -> dict[str, Any]:
    """The bundle in a verified payload (skops: trusted types only, trees checked)."""
    if kind == SKOPS:
        try:
            bundle = safe_format.loads(payload)
        except safe_format.UnsafeModel as error:
            raise ModelFileError(QT_TRANSLATE_NOOP("Core", "The model file {file} cannot be "
                                                   "loaded safely: {reason}.").format(
                file=str(path), reason=error.reason)) from error
    else:
        bundle = joblib.load(io.BytesIO(payload))
    if not isinstance(bundle, dict) or bundle.get("format") != BUNDLE_FORMAT:
        raise ModelFileError(QT_TRANSLATE_NOOP("Core", "{file} is not an IoTFin model file.")
                             .format(file=str(path)))
    return bundle


def load_bundle(store: Store, relative: str | None, sha256: str | None) -> dict[str, Any]:
    """A model bundle, loaded only after its place, SHA-256 and signature were checked."""
    path, data = verified_bytes(store, relative, sha256)
    return decode_bundle(path, *unseal(path, data))


def load_json(store: Store, relative: str | None, sha256: str | None) -> Any:
    """Read a verified JSON document written by :func:`save_json`."""
    return json.loads(verified_bytes(store, relative, sha256)[1])

