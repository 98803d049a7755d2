"""The state of one device as the status area shows it: connected, error or off, with a detail.

Pure Python: drivers report through a ``StatusReporter`` (plain callbacks, safe to call from a
reader thread); the Qt ``DeviceHub`` turns those callbacks into ``status_changed`` signals.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum


class DeviceState(str, Enum):
    """What the status area shows for one device."""

    CONNECTED = "connected"
    ERROR = "error"
    OFF = "off"


@dataclass(frozen=True)
class DeviceStatus:
    """A device's state and a human-readable detail (already in the UI language)."""

    state: DeviceState
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.state is DeviceState.CONNECTED


StatusListener = Callable[[DeviceStatus], None]


class StatusReporter:
    """Holds a device's current status and tells listeners when it changes."""

    def __init__(self, initial: DeviceStatus | None = None) -> None:
        self._status = initial or DeviceStatus(DeviceState.OFF)
        self._listeners: list[StatusListener] = []
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)

    @property
    def status(self) -> DeviceStatus:
        with self._lock:
            return self._status

    def add_listener(self, listener: StatusListener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def set(self, state: DeviceState, detail: str = "") -> None:
        """Record a new status; listeners hear about it only when it differs from the last one."""
        status = DeviceStatus(state, detail)
        with self._lock:
            if status == self._status:
                return
            self._status = status
            listeners = list(self._listeners)
            self._changed.notify_all()
        for listener in listeners:
            listener(status)

    def wait_for(self, state: DeviceState, timeout: float) -> bool:
        """Block until the state is ``state`` (True) or ``timeout`` seconds pass (False)."""
        with self._lock:
            return self._changed.wait_for(lambda: self._status.state is state, timeout)
