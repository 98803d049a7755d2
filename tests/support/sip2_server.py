"""A real ``python -m desk sip2 serve`` process on a free port, and raw SIP2 frames written
from the 2.00 specification's layout (the checksum computed here over the bytes, on its own,
not with the server's code)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from desk.circulation import Library

ROOT = Path(__file__).resolve().parents[2]
TERMINAL_PASSWORD = "kiosk-pass-2026"
DATE = "20261201    101500"          # a transaction date (local time)


def frame(text: str, *, sequence: int | None = 0, encoding: str = "utf-8",
          checksum: bool = True, crlf: bool = False) -> bytes:
    """``text`` (code, fixed fields, variable fields each ending in |) as a frame: AY and AZ
    appended when asked (AZ: two's complement of the 16-bit byte sum, 4 upper-case hex)."""
    data = text.encode(encoding)
    if sequence is not None:
        data += f"AY{sequence}".encode("ascii")
    if checksum:
        data += b"AZ"
        total = 0
        for byte in data:
            total += byte
        data += format((-total) & 0xFFFF, "04X").encode("ascii")
    return data + (b"\r\n" if crlf else b"\r")


def checksum_ok(reply: bytes) -> bool:
    """Whether a reply's AZ checksum matches its bytes."""
    body = reply.rstrip(b"\r\n")
    at = body.rfind(b"AZ")
    return at >= 0 and (sum(body[:at + 2]) + int(body[at + 2:], 16)) & 0xFFFF == 0


def fields(reply: bytes, encoding: str = "utf-8", fixed: int = 0) -> dict[str, list[str]]:
    """The variable fields of a reply (after ``fixed`` characters of fixed fields)."""
    text = reply.rstrip(b"\r\n").decode(encoding)
    cut = text.rfind("|AY") if "|AY" in text else text.rfind("|AZ")
    body = text[2 + fixed:cut + 1] if cut >= 0 else text[2 + fixed:]
    found: dict[str, list[str]] = {}
    for piece in body.split("|"):
        if len(piece) >= 2:
            found.setdefault(piece[:2], []).append(piece[2:])
    return found


@dataclass
class Server:
    process: subprocess.Popen[str]
    host: str
    port: int

    def connect(self, timeout: float = 10.0) -> socket.socket:
        sock = socket.create_connection((self.host, self.port), timeout=timeout)
        sock.settimeout(timeout)
        return sock


def exchange(sock: socket.socket, data: bytes) -> bytes:
    """Send ``data`` and read one reply (up to CR)."""
    sock.sendall(data)
    return read_reply(sock)


def read_reply(sock: socket.socket) -> bytes:
    buffer = b""
    while not buffer.endswith(b"\r"):
        chunk = sock.recv(4096)
        if not chunk:
            raise ConnectionError(f"closed by the server after {buffer!r}")
        buffer += chunk
    return buffer


def add_terminal(library: Library, login: str = "kiosk1", *, desk: str = "MAIN-1",
                 encoding: str = "utf-8") -> None:
    admin = library.sign_in("admin", "admin-pass")
    library.add_terminal(login, TERMINAL_PASSWORD, desk=desk, encoding=encoding, by=admin)
    library.sign_out(admin)


@contextmanager
def running_server(url: str, tmp_path: Path, **settings: str) -> Iterator[Server]:
    """``python -m desk sip2 serve --url URL --listen 127.0.0.1:0`` with ``settings`` as
    ``DESK_<NAME>`` environment variables; stopped (SIGTERM) at the end."""
    env = {**os.environ, "DESK_CONFIG": str(tmp_path / "no-settings.toml"),
           "DESK_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(ROOT)}
    env.update({f"DESK_{name.upper()}": value for name, value in settings.items()})
    process = subprocess.Popen(
        [sys.executable, "-m", "desk", "sip2", "serve", "--url", url, "--listen",
         "127.0.0.1:0"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
        stderr=open(tmp_path / "server.log", "w"), text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if "listening on" not in line:
            raise RuntimeError(f"the server did not start: {line!r} "
                               f"{(tmp_path / 'server.log').read_text()}")
        address = line.split("listening on ", 1)[1].split()[0]
        host, port = address.rsplit(":", 1)
        yield Server(process, host, int(port))
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def server_log(tmp_path: Path) -> str:
    time.sleep(0.2)
    return (tmp_path / "server.log").read_text()


def build_selfcheck_library(library: Library, clock: object) -> None:
    """The small library, built as of 2026-10-01 (``clock`` a FakeClock), with terminals
    ``kiosk1`` (UTF-8) and ``kiosk-big5`` (Big5) at MAIN-1, an English-speaking patron P010,
    and B012 lent to P002 on 2026-10-01 (due 2026-10-31: overdue, with a fine, by now)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from tests.support import small_library
    clock.set(2026, 10, 1)  # type: ignore[attr-defined]
    desk = small_library.build(library)
    add_terminal(library, "kiosk1")
    add_terminal(library, "kiosk-big5", encoding="big5")
    library.add_patron("P010", "Alice Chen", "student", language="en")
    desk.main.checkout("P002", "B012")
    assert clock() < datetime.now(ZoneInfo("Asia/Taipei"))  # type: ignore[operator]


def login_frame(login: str = "kiosk1", password: str = TERMINAL_PASSWORD,
                institution: str = "") -> bytes:
    return frame(f"9300CN{login}|CO{password}|CPMAIN|" + (f"AO{institution}|"
                                                         if institution else ""))
