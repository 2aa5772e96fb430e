"""One window per person: a second start hands its request to the running program and ends.

The running program listens on a local socket (QLocalServer) named after the
user and the data folder. A second start connects, sends which database it was
asked to open, and exits; the first brings its window to the front (and opens
that database if it is another one). A socket left behind by a killed program
answers nobody, so the next start removes it and listens itself.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from sisiding_desktop import APP_NAME
from sisiding_desktop.machine import paths
from sisiding_desktop.machine.desk import login_name
from sisiding_desktop.store.server import is_server_url

CONNECT_TIMEOUT_MS = 1000
ASFW_ANY = -1


def instance_key() -> str:
    """The socket name shared by every start of the program for this user and data folder."""
    seed = f"{login_name()}|{paths.data_dir()}".encode()
    return f"{APP_NAME}-{hashlib.sha1(seed).hexdigest()[:16]}"


class SingleInstance(QObject):
    """``activated(db_path)`` fires in the running program when another start hands over ("" = default file)."""

    activated = Signal(str)

    def __init__(self, key: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.server: QLocalServer | None = None

    def hand_over(self, db_path: Path | str | None) -> bool:
        """Send the request to a running program; True if one took it (this start should then end)."""
        socket = QLocalSocket()
        socket.connectToServer(self.key)
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            return False
        if sys.platform == "win32":  # let the running program take the foreground from us
            import ctypes

            ctypes.windll.user32.AllowSetForegroundWindow(ASFW_ANY)
        request = {"db": _requested(db_path)}
        socket.write(json.dumps(request).encode() + b"\n")
        socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
        socket.disconnectFromServer()
        return True

    def listen(self) -> bool:
        """Start answering later starts; a socket left by a killed program is removed first."""
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.key):
            QLocalServer.removeServer(self.key)
            if not server.listen(self.key):
                return False  # the program still works, only without handing over
        server.newConnection.connect(self._accept)
        self.server = server
        return True

    def close(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None

    def _accept(self) -> None:
        """Read each waiting request at once: it is one short line, written before the sender disconnects."""
        while self.server is not None and (socket := self.server.nextPendingConnection()) is not None:
            if not socket.canReadLine():
                socket.waitForReadyRead(CONNECT_TIMEOUT_MS)
            line = bytes(socket.readLine().data()).decode("utf-8", errors="replace")
            socket.disconnectFromServer()
            socket.deleteLater()
            self.activated.emit(requested_db(line))


def _requested(db_path: Path | str | None) -> str:
    """The database a start was asked for: a server database's URL as given, a file's full path, or ""."""
    if not db_path:
        return ""
    return db_path if is_server_url(db_path) else str(Path(db_path).expanduser().resolve())


def requested_db(line: str) -> str:
    """The database path in a hand-over request ("" for the default file or an unreadable request)."""
    try:
        request = json.loads(line)
    except ValueError:
        return ""
    db = request.get("db", "") if isinstance(request, dict) else ""
    return db if isinstance(db, str) else ""
