"""One window per store: a second launch on the same store brings the first window forward.

The first instance listens on a local socket (a named pipe on Windows) whose name comes from
the store's resolved path and the user name; a later launch on the same store connects to it,
which asks the first window to come forward, and then exits. A launch on another store, or by
another user, gets another name and opens normally. A socket left by a crashed instance answers
no one and is replaced.
"""

from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

CONNECT_TIMEOUT_MS = 1000


def server_name(store_path: Path) -> str:
    """The local socket's name for ``store_path``: the same for every spelling of the path."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "user"
    key = f"{user}\0{Path(store_path).expanduser().resolve()}".encode()
    return "iotfin-" + hashlib.sha256(key).hexdigest()[:24]


class InstanceGuard(QObject):
    """Claims the store for this process; :attr:`activation_requested` fires when a later
    launch on the same store asks this window to come forward."""

    activation_requested = Signal()

    def __init__(self, store_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(store_path)
        self._server: QLocalServer | None = None

    def claim(self) -> bool:
        """True when this process now owns the store; False when another instance does (it has
        been asked to bring its window forward)."""
        if self._ask_owner_forward():
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            QLocalServer.removeServer(self.name)  # left by an instance that crashed
            if not server.listen(self.name):
                return True  # no socket to be had: open anyway rather than refuse to start
        server.newConnection.connect(self._on_connection)
        self._server = server
        return True

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    def _ask_owner_forward(self) -> bool:
        socket = QLocalSocket(self)
        socket.connectToServer(self.name)
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            return False
        socket.write(b"raise\n")
        socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
        socket.disconnectFromServer()
        return True

    def _on_connection(self) -> None:
        while self._server is not None and self._server.hasPendingConnections():
            connection = self._server.nextPendingConnection()
            connection.disconnected.connect(connection.deleteLater)
        self.activation_requested.emit()
