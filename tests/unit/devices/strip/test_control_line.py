"""ControlLineStrip pulses on pyserial's loop:// port (whose CTS/DSR mirror RTS/DTR)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from desk.devices.sim.pty_port import PtyPort
from desk.devices.strip import ControlLineStrip, StripError


def watch(strip: ControlLineStrip, line: str, action: str) -> tuple[list[bool], float]:
    seen: list[bool] = []
    done = threading.Event()

    def poll() -> None:
        while not done.is_set():
            port = strip.port
            if port is not None:
                seen.append(port.cts if line == "RTS" else port.dsr)
            time.sleep(0.005)

    watcher = threading.Thread(target=poll)
    watcher.start()
    started = time.monotonic()
    getattr(strip, action)()
    elapsed = time.monotonic() - started
    done.set()
    watcher.join()
    port = strip.port
    if port is not None:  # the level after the action has returned
        seen.append(port.cts if line == "RTS" else port.dsr)
    return seen, elapsed


def test_rts_pulse_for_desensitize() -> None:
    strip = ControlLineStrip("loop://", desensitize_line="RTS", pulse_ms=120)
    assert "ready" in strip.test()
    seen, elapsed = watch(strip, "RTS", "desensitize")
    assert elapsed >= 0.12
    assert True in seen and seen[-1] is False
    assert strip.port is not None and strip.port.rts is False
    strip.close()


def test_dtr_pulse_for_resensitize_active_low() -> None:
    strip = ControlLineStrip("loop://", desensitize_line=None, resensitize_line="DTR", pulse_ms=80,
                             active_high=False)
    strip.test()
    seen, elapsed = watch(strip, "DTR", "resensitize")
    assert elapsed >= 0.08
    assert False in seen and seen[-1] is True
    # No desensitize line: nothing happens, quickly.
    seen, elapsed = watch(strip, "DTR", "desensitize")
    assert elapsed < 0.05 and all(seen)
    strip.close()


def test_pty_has_no_control_lines(tmp_path: Path) -> None:
    port = PtyPort(link=tmp_path / "strip")
    try:
        strip = ControlLineStrip(port.path, pulse_ms=10)
        with pytest.raises(StripError, match="has no RTS control line"):
            strip.desensitize()
        assert strip.status.state.value == "error"
    finally:
        port.close()


def test_missing_port_and_bad_settings(tmp_path: Path) -> None:
    with pytest.raises(StripError, match="cannot be used"):
        ControlLineStrip(str(tmp_path / "none")).desensitize()
    with pytest.raises(ValueError):
        ControlLineStrip("loop://", desensitize_line="CTS")
    with pytest.raises(ValueError):
        ControlLineStrip("loop://", pulse_ms=0)
