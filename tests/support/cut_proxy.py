"""A TCP proxy to a Unix socket that a test can cut (every connection dropped, new ones
refused) and mend: the database "goes away" for a server process without touching the
shared PostgreSQL server."""

from __future__ import annotations

import socket
import threading


class CutProxy:
    """Listens on 127.0.0.1:``port`` (a free one) and forwards to the Unix socket ``path``."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.port = int(self._listener.getsockname()[1])
        self._open: list[socket.socket] = []
        self._lock = threading.Lock()
        self.cut = False
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if self.cut:
                client.close()
                continue
            upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            upstream.connect(self.path)
            with self._lock:
                self._open += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass   # the other side was cut: this pipe ends with it
        finally:
            for end in (source, target):
                try:
                    end.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass   # already closed
                end.close()

    def cut_off(self) -> None:
        """Drop every connection; refuse new ones until ``mend``."""
        self.cut = True
        with self._lock:
            for sock in self._open:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass   # already closed by its pipe
            self._open.clear()

    def mend(self) -> None:
        self.cut = False

    def close(self) -> None:
        self._closed = True
        self.cut_off()
        self._listener.close()
