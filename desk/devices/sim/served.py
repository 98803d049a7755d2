"""The loop a command-answering simulator runs: read what the desk wrote on its ``Link`` and
``feed`` it to the simulator, in a thread (``start``/``stop``) or in the foreground
(``serve_forever``). Shared by the strip unit and the RFID reader simulators."""

from __future__ import annotations

import threading

from desk.devices.sim.link import Link


class LinkServer:
    """Mixin: the class gives ``port``, ``feed(data)`` and ``thread_name``; ``_stop`` and
    ``_thread`` are made here when the class has not made them."""

    port: Link
    thread_name = "sim"
    _stop: threading.Event
    _thread: threading.Thread | None

    def feed(self, data: bytes) -> None:
        raise NotImplementedError

    def _stop_event(self) -> threading.Event:
        if getattr(self, "_stop", None) is None:
            self._stop = threading.Event()
        return self._stop

    def start(self) -> None:
        self._stop_event().clear()
        self._thread = threading.Thread(target=self.serve_forever, name=self.thread_name,
                                        daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop_event().set()
        thread = getattr(self, "_thread", None)
        if thread is not None:
            thread.join(2)
            self._thread = None

    def serve_forever(self) -> None:
        stop = self._stop_event()
        while not stop.is_set():
            data = self.port.read(0.05)
            if data:
                self.feed(data)
