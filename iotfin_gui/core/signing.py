"""The user's signing key, kept outside every store, and HMAC-SHA256 signatures made with it.

Model files are signed so that a file is loaded only if this user's IoTFin wrote it: someone who
can write a store's folder (and so replace a model file and the SHA-256 the store records for
it) cannot sign a file without the key. The key is 32 random bytes in ``model-signing.key`` in
the user's configuration folder (platformdirs ``user_config_path``; ``IOTFIN_KEY_DIR``
overrides it, e.g. for tests). It is created on first use, readable by its owner only (0600,
its folder 0700), and published with a hard link so that two processes starting at once end up
with the same key. On POSIX a key file that others may read or write is refused: anyone who can
read it can sign files.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
import stat
import tempfile
from pathlib import Path

import platformdirs

from iotfin_gui.core.errors import UserFacingError
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.paths import APP_AUTHOR, APP_NAME

KEY_DIR_ENV = "IOTFIN_KEY_DIR"
KEY_FILE = "model-signing.key"
KEY_BYTES = 32
#: Bytes in a signature (HMAC-SHA256).
SIGNATURE_BYTES = 32


class SigningKeyError(UserFacingError):
    """The signing key cannot be created or read, or others may read it."""


def key_path() -> Path:
    """Where this user's signing key is (or will be created)."""
    folder = os.environ.get(KEY_DIR_ENV)
    base = Path(folder).expanduser() if folder else platformdirs.user_config_path(APP_NAME,
                                                                                 APP_AUTHOR)
    return base / KEY_FILE


def _create(path: Path) -> None:
    """Write a new random key to ``path`` unless another process got there first."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor, name = tempfile.mkstemp(prefix=".key-", dir=path.parent)
    try:
        os.chmod(name, 0o600)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(secrets.token_bytes(KEY_BYTES))
            stream.flush()
            os.fsync(stream.fileno())
        with contextlib.suppress(FileExistsError):  # another process made it first: use it
            os.link(name, path)
    finally:
        Path(name).unlink(missing_ok=True)


def signing_key() -> bytes:
    """This user's key, created on first use."""
    path = key_path()
    try:
        if not path.exists():
            _create(path)
        info = path.stat()
        if os.name == "posix" and info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise SigningKeyError(QT_TRANSLATE_NOOP(
                "Core", "The signing key {path} may be read or changed by other users; IoTFin "
                "does not use it. Make it private (chmod 600) or delete it to create a new "
                "one (models signed with it then need retraining).").format(path=str(path)))
        key = path.read_bytes()
    except OSError as error:
        raise SigningKeyError(QT_TRANSLATE_NOOP(
            "Core", "Cannot read or create the signing key {path}: {error}").format(
                path=str(path), error=str(error.strerror or error))) from error
    if len(key) != KEY_BYTES:
        raise SigningKeyError(QT_TRANSLATE_NOOP(
            "Core", "The signing key {path} is damaged (it should hold {size} bytes); delete "
            "it to create a new one (models signed with it then need retraining).").format(
                path=str(path), size=KEY_BYTES))
    return key


def sign(data: bytes) -> bytes:
    """The signature of ``data`` under this user's key."""
    return hmac.new(signing_key(), data, hashlib.sha256).digest()


def is_signed(data: bytes, signature: bytes) -> bool:
    """Whether ``signature`` is this user's signature of ``data`` (compared in constant time)."""
    return hmac.compare_digest(sign(data), signature)
