"""A TCP proxy to a PostgreSQL server's Unix socket that adds latency each way, so that
``floor.py`` can measure what a branch desk pays per round trip."""

from __future__ import annotations

import multiprocessing
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

PROXY_DELAY_S = 0.0005


class LatencyProxy:
    """Forwards TCP connections on 127.0.0.1 to a Unix socket, holding every chunk back
    ``delay`` seconds in each direction (a thread per direction keeps the order)."""

    def __init__(self, unix_path: str, delay: float = PROXY_DELAY_S) -> None:
        self.unix_path = unix_path
        self.delay = delay
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.port = self.server.getsockname()[1]
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.closed:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            upstream.connect(self.unix_path)
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket) -> None:
        try:
            while chunk := source.recv(65536):
                time.sleep(self.delay)
                target.sendall(chunk)
        except OSError:
            pass
        finally:
            for end in (source, target):
                try:
                    end.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self) -> None:
        self.closed = True
        self.server.close()


def _serve_proxy(unix_path: str, delay: float, report: Any) -> None:
    proxy = LatencyProxy(unix_path, delay)
    report.send(proxy.port)
    threading.Event().wait()


@contextmanager
def proxy_process(unix_path: str, delay: float = PROXY_DELAY_S) -> Iterator[int]:
    """A ``LatencyProxy`` in a process of its own, so its threads do not wait for the GIL of
    the process being measured (which would add latency a real network does not); yields the
    port."""
    parent, child = multiprocessing.Pipe()
    process = multiprocessing.get_context("fork").Process(
        target=_serve_proxy, args=(unix_path, delay, child), daemon=True)
    process.start()
    try:
        yield int(parent.recv())
    finally:
        process.terminate()
        process.join()
