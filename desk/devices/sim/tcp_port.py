"""A TCP socket standing in for a serial cable, so the simulators run on Windows too.

The desk opens it with pyserial's ``socket://HOST:PORT`` URL (``serial.serial_for_url``), the
scanner and strip-unit settings accept any such URL. One desk at a time: a new connection
replaces the previous one, as a cable goes to one computer. ``unplug()`` drops the connection
and stops listening (the desk's reads fail, its reconnects are refused) and ``replug()`` listens
again on the same port, so a desk configured with that URL reconnects by itself.
"""

from __future__ import annotations

import errno
import select
import socket
import threading


def parse_address(text: str, default_host: str = "127.0.0.1") -> tuple[str, int]:
    """``"9100"`` or ``"HOST:9100"`` (``"[::1]:9100"``) as ``(host, port)``; ValueError if not."""
    host, _, port = text.rpartition(":")
    host = host.strip("[]") or default_host
    if not port.isdigit() or not 0 <= int(port) <= 65535:
        raise ValueError(f"not a TCP port: {text!r} (expected PORT or HOST:PORT)")
    return host, int(port)


class TcpPort:
    """The simulator's end: listens on ``host:port`` (0 picks a free port, kept across replugs)."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, write_wait: float = 2.0) -> None:
        self.host = host
        self.port = port
        self.write_wait = write_wait
        self._server: socket.socket | None = None
        self._client: socket.socket | None = None
        self._lock = threading.Lock()
        self._connected = threading.Condition(self._lock)
        self._thread: threading.Thread | None = None
        self.replug()

    @property
    def path(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"socket://{host}:{self.port}"

    @property
    def plugged(self) -> bool:
        return self._server is not None

    @property
    def connected(self) -> bool:
        return self._client is not None

    def wait_for_desk(self, timeout: float) -> bool:
        """Wait until a desk has connected (True) or ``timeout`` seconds have passed."""
        with self._connected:
            return self._connected.wait_for(lambda: self._client is not None, timeout)

    def replug(self) -> None:
        """Listen (again) and accept the desk's connections in a background thread."""
        if self._server is not None:
            return
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        server = socket.socket(family, socket.SOCK_STREAM)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            server.bind((self.host, self.port))
            server.listen(1)
        except OSError:
            server.close()
            raise
        server.settimeout(0.1)    # accept() polls: closing a socket does not wake it on Linux
        self.port = int(server.getsockname()[1])
        self._server = server
        self._thread = threading.Thread(target=self._accept, args=(server,),
                                        name=f"sim-tcp-{self.port}", daemon=True)
        self._thread.start()

    def unplug(self) -> None:
        """Drop the desk's connection and stop listening."""
        server, self._server = self._server, None
        if server is not None:
            server.close()
        with self._lock:
            client, self._client = self._client, None
        if client is not None:
            _drop(client)
        if self._thread is not None:
            self._thread.join(2)
            self._thread = None

    close = unplug

    def write(self, data: bytes) -> None:
        """Send to the connected desk, waiting up to ``write_wait`` seconds for one (the desk's
        connect returns before this side has accepted); OSError if none comes."""
        if self._server is None:
            raise OSError(errno.ENODEV, "the simulated cable is unplugged")
        if not self.wait_for_desk(self.write_wait):
            raise OSError(errno.ENOTCONN, f"no desk connected to {self.path}")
        client = self._client
        if client is None:
            raise OSError(errno.ENOTCONN, f"no desk connected to {self.path}")
        client.sendall(data)

    def read(self, timeout: float) -> bytes:
        client = self._client
        if client is None:
            # Nothing to read until a desk connects: wait as a read on an idle line would.
            self.wait_for_desk(timeout)
            return b""
        try:
            ready, _, _ = select.select([client], [], [], timeout)
            if not ready:
                return b""
            data = client.recv(4096)
        except (OSError, ValueError):
            data = b""
        if not data:               # the desk closed its end: wait for it to come back
            with self._lock:
                if self._client is client:
                    self._client = None
            _drop(client)
        return data

    def _accept(self, server: socket.socket) -> None:
        while self._server is server:
            try:
                client, _ = server.accept()
            except TimeoutError:
                continue
            except OSError:        # closed by unplug()
                return
            client.settimeout(None)
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._connected:
                previous, self._client = self._client, client
                self._connected.notify_all()
            if previous is not None:
                _drop(previous)


def _drop(connection: socket.socket) -> None:
    try:
        connection.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    connection.close()
