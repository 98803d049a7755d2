"""A real SMTP server for the notice tests: aiosmtpd on a free local port, recording every
message it accepts, and able to refuse (4xx/5xx) or to kill the sending process right after it
received a message's DATA (before the sender could mark the notice sent)."""

from __future__ import annotations

import os
import signal
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Recorder:
    """The handler: ``messages`` received; ``refuse`` replies to give to the next DATA
    commands instead of accepting; ``kill_pid`` is SIGKILLed after the ``kill_after``-th
    message was received."""

    messages: list[EmailMessage] = field(default_factory=list)
    refuse: list[str] = field(default_factory=list)
    kill_pid: int | None = None
    kill_after: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            if self.refuse:
                return self.refuse.pop(0)
            parsed = message_from_bytes(envelope.original_content or envelope.content,
                                        policy=policy.default)
            assert isinstance(parsed, EmailMessage)
            self.messages.append(parsed)
            if self.kill_pid is not None and len(self.messages) == self.kill_after:
                os.kill(self.kill_pid, signal.SIGKILL)
                self.kill_pid = None
        return "250 Message accepted for delivery"

    def message_ids(self) -> list[str]:
        return [str(m["Message-ID"]) for m in self.messages]


@contextmanager
def smtp_server() -> Iterator[tuple[Recorder, int]]:
    """A running server and its port."""
    recorder = Recorder()
    port = free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield recorder, port
    finally:
        controller.stop()
