"""An ESC/POS receipt printer simulator on a pseudo-terminal or on TCP (127.0.0.1:9100).

It decodes what it gets with ``desk.devices.escpos_decode``, answers real-time status queries
(``DLE EOT 1/2/4``) from its ``paper_out`` / ``cover_open`` switches, and ends a job at each cut
(or when a TCP connection closes): the job is kept in ``jobs`` and, with an ``output_dir``,
written there as ``job-NNN.txt`` and ``job-NNN.png``. With no paper or the cover open, it drops
what it is sent, as a real printer does.
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desk.devices.escpos_decode import (
    Barcode,
    Cut,
    DrawerKick,
    Element,
    EscposDecoder,
    RasterImage,
    StatusQuery,
    TextLine,
)
from desk.devices.escpos_preview import to_png_image, to_text

if TYPE_CHECKING:
    from desk.devices.sim.pty_port import PtyPort

PRINTED = (TextLine, RasterImage, Barcode, DrawerKick)


@dataclass
class Job:
    elements: list[Element]
    number: int
    text: str = ""
    png: Path | None = None

    @property
    def barcodes(self) -> list[Barcode]:
        return [e for e in self.elements if isinstance(e, Barcode)]


@dataclass
class PrinterSimulator:
    output_dir: Path | None = None
    paper_out: bool = False
    cover_open: bool = False
    width_dots: int = 576
    jobs: list[Job] = field(default_factory=list)
    dropped: int = 0
    drawer_kicks: int = 0
    unknown: list[bytes] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Condition()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._server: socket.socket | None = None
        self.pty: PtyPort | None = None

    # -- protocol ---------------------------------------------------------------------------
    def status_byte(self, n: int) -> int:
        value = 0x12
        if n == 1 and (self.paper_out or self.cover_open):
            value |= 0x08
        elif n == 2:
            value |= (0x04 if self.cover_open else 0) | (0x20 if self.paper_out else 0)
        elif n == 4 and self.paper_out:
            value |= 0x60
        return value

    def receive(self, decoder: EscposDecoder, data: bytes, pending: list[Element]) -> bytes:
        """Take bytes of one connection; returns the status bytes to answer."""
        reply = bytearray()
        for element in decoder.feed(data):
            if isinstance(element, StatusQuery):
                reply.append(self.status_byte(element.n))
                continue
            pending.append(element)
            if isinstance(element, DrawerKick):
                with self._lock:
                    self.drawer_kicks += 1
                    self._lock.notify_all()
            if isinstance(element, Cut):
                self._end_job(pending)
        return bytes(reply)

    def _end_job(self, pending: list[Element]) -> None:
        elements = list(pending)
        pending.clear()
        if not any(isinstance(e, PRINTED) for e in elements):
            return
        with self._lock:
            if self.paper_out or self.cover_open:
                self.dropped += 1
                self._lock.notify_all()
                return
            job = Job(elements, len(self.jobs) + 1, to_text(elements))
            if self.output_dir is not None:
                self.output_dir.mkdir(parents=True, exist_ok=True)
                stem = self.output_dir / f"job-{job.number:03d}"
                stem.with_suffix(".txt").write_text(job.text, encoding="utf-8")
                job.png = stem.with_suffix(".png")
                to_png_image(elements, self.width_dots).save(job.png)
            self.jobs.append(job)
            self._lock.notify_all()

    def wait_for_jobs(self, count: int, timeout: float = 5.0) -> bool:
        with self._lock:
            return self._lock.wait_for(lambda: len(self.jobs) >= count, timeout)

    # -- transports -------------------------------------------------------------------------
    def start_pty(self, link: str | Path | None = None) -> str:
        """Listen on a pseudo-terminal (Linux, macOS); returns the path to configure."""
        from desk.devices.sim.pty_port import PtyPort  # POSIX only: loaded when chosen
        self.pty = PtyPort(link)
        self._spawn(self._serve_pty, "printer-sim-pty")
        return self.pty.path

    def start_tcp(self, host: str = "127.0.0.1", port: int = 9100) -> int:
        """Listen on TCP (``port=0`` picks a free one); returns the port."""
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((host, port))
        server.listen(4)
        server.settimeout(0.1)
        self._server = server
        self._spawn(self._serve_tcp, "printer-sim-tcp")
        return int(server.getsockname()[1])

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(3)
        self._threads.clear()
        if self._server is not None:
            self._server.close()
            self._server = None
        if self.pty is not None:
            self.pty.close()

    def _spawn(self, target: object, name: str, *args: object) -> None:
        thread = threading.Thread(target=target, args=args, name=name, daemon=True)  # type: ignore[arg-type]
        self._threads.append(thread)
        thread.start()

    def _serve_pty(self) -> None:
        assert self.pty is not None
        decoder, pending = EscposDecoder(), []  # type: ignore[var-annotated]
        while not self._stop.is_set():
            data = self.pty.read(0.05)
            if data:
                reply = self.receive(decoder, data, pending)
                if reply:
                    try:
                        self.pty.write(reply)
                    except OSError:
                        pass
        self.unknown += decoder.unknown

    def _serve_tcp(self) -> None:
        assert self._server is not None
        while not self._stop.is_set():
            try:
                connection, _ = self._server.accept()
            except (TimeoutError, OSError):
                continue
            self._spawn(self._serve_connection, "printer-sim-conn", connection)

    def _serve_connection(self, connection: socket.socket) -> None:
        decoder, pending = EscposDecoder(), list[Element]()
        connection.settimeout(0.1)
        with connection:
            while not self._stop.is_set():
                try:
                    data = connection.recv(65536)
                except TimeoutError:
                    continue
                except OSError:
                    break
                if not data:
                    break
                reply = self.receive(decoder, data, pending)
                if reply:
                    connection.sendall(reply)
        pending += [e for e in decoder.finish() if not isinstance(e, StatusQuery)]
        self._end_job(pending)
        with self._lock:
            self.unknown += decoder.unknown
