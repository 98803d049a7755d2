"""The security-strip unit interface: ``desensitize()`` on checkout, ``resensitize()`` on checkin.

Both return ``None`` when the unit did its job and raise ``StripError`` (with a message for
staff) when it did not. The caller decides what a failure means; here it only means the strip
was not done.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from desk.wording import devices as messages
from desk.wording import text as tr
from desk.devices.status import DeviceState, DeviceStatus, StatusReporter


class StripError(Exception):
    """The strip unit did not do what it was asked; ``str(error)`` is for staff."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class SecurityStrip(ABC):
    """One security-strip unit."""

    def __init__(self) -> None:
        self.reporter = StatusReporter()

    @property
    def status(self) -> DeviceStatus:
        return self.reporter.status

    @abstractmethod
    def desensitize(self) -> None:
        """Deactivate the strip in the item on the unit (checkout)."""

    @abstractmethod
    def resensitize(self) -> None:
        """Reactivate the strip (checkin)."""

    def test(self) -> str:
        """Check the unit is reachable without changing any strip; a detail text or StripError."""
        return self.status.detail

    def close(self) -> None:
        """Release the port."""


class NoStrip(SecurityStrip):
    """No unit (standalone units, or none at all): both actions do nothing."""

    def __init__(self) -> None:
        super().__init__()
        self.reporter.set(DeviceState.OFF, tr(messages.STRIP_NONE))

    def desensitize(self) -> None:
        return None

    def resensitize(self) -> None:
        return None

    def test(self) -> str:
        return tr(messages.STRIP_NONE)


class DummyStrip(SecurityStrip):
    """Records the calls in ``calls``; set ``failures`` to make the next N calls fail."""

    def __init__(self, failures: int = 0, message: str | None = None) -> None:
        super().__init__()
        self.calls: list[str] = []
        self.failures = failures
        self.message = message
        self.reporter.set(DeviceState.CONNECTED, "dummy")

    def desensitize(self) -> None:
        self._call("desensitize")

    def resensitize(self) -> None:
        self._call("resensitize")

    def _call(self, action: str) -> None:
        self.calls.append(action)
        if self.failures > 0:
            self.failures -= 1
            message = self.message or tr(messages.STRIP_DUMMY_FAILURE)
            self.reporter.set(DeviceState.ERROR, message)
            raise StripError(message)
        self.reporter.set(DeviceState.CONNECTED, "dummy")
