"""NoStrip does nothing; DummyStrip records and fails on request."""

from __future__ import annotations

import pytest

from desk.devices.status import DeviceState
from desk.devices.strip import DummyStrip, NoStrip, StripError


def test_no_strip() -> None:
    strip = NoStrip()
    strip.desensitize()
    strip.resensitize()
    assert strip.status.state is DeviceState.OFF
    assert "No security-strip" in strip.test()


def test_dummy_records_and_fails() -> None:
    strip = DummyStrip(failures=1)
    with pytest.raises(StripError, match="Simulated"):
        strip.desensitize()
    assert strip.status.state is DeviceState.ERROR
    strip.desensitize()
    strip.resensitize()
    assert strip.calls == ["desensitize", "desensitize", "resensitize"]
    assert strip.status.state is DeviceState.CONNECTED
