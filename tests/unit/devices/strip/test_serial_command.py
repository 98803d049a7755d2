"""SerialCommandStrip against the strip simulator, on a real pseudo-terminal pair and on TCP
(``socket://127.0.0.1:PORT``, how the simulator runs on Windows)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desk.devices.sim.link import Link
from desk.devices.sim.pty_port import PtyPort
from desk.devices.sim.strip import StripSimulator
from desk.devices.sim.tcp_port import TcpPort
from desk.devices.status import DeviceState
from desk.devices.strip import SerialCommandStrip, StripError


@pytest.fixture(params=["pty", "tcp"])
def rig(tmp_path: Path, request: pytest.FixtureRequest
        ) -> Iterator[tuple[SerialCommandStrip, StripSimulator]]:
    port: Link = (PtyPort(link=tmp_path / "strip") if request.param == "pty"
                  else TcpPort("127.0.0.1", 0))
    sim = StripSimulator(port, desensitize_command="DS\r", resensitize_command="RS\r",
                         ack="ACK\r\n", nak="NAK\r\n")
    sim.start()
    strip = SerialCommandStrip(port.path, desensitize_command="DS\r", resensitize_command="RS\r",
                               ack="ACK", nak="NAK", timeout=0.3, retries=2)
    yield strip, sim
    strip.close()
    sim.stop()
    port.close()


def test_ack(rig) -> None:
    strip, sim = rig
    strip.desensitize()
    strip.resensitize()
    assert sim.actions == ["desensitize", "resensitize"]
    assert strip.status.state is DeviceState.CONNECTED
    assert "ready" in strip.test()


def test_timeout_after_all_retries(rig) -> None:
    strip, sim = rig
    sim.mode = "timeout"
    started = time.monotonic()
    with pytest.raises(StripError, match=r"did not answer within 0.3 s \(3 attempts\)"):
        strip.desensitize()
    assert time.monotonic() - started >= 0.9
    assert sim.actions == ["desensitize"] * 3
    assert strip.status.state is DeviceState.ERROR


def test_retry_succeeds_after_lost_commands(rig) -> None:
    strip, sim = rig
    sim.ignore_first = 2
    strip.resensitize()
    assert sim.actions == ["resensitize"] * 3
    assert strip.status.state is DeviceState.CONNECTED


def test_nak_is_a_failure_and_not_retried(rig) -> None:
    strip, sim = rig
    sim.mode = "fail"
    with pytest.raises(StripError, match="refused the command: NAK"):
        strip.desensitize()
    assert sim.actions == ["desensitize"]


def test_garbage_answer_reported(rig) -> None:
    strip, sim = rig
    sim.mode = "garbage"
    with pytest.raises(StripError, match="answered something unexpected"):
        strip.desensitize()


def test_port_gone_then_back(rig) -> None:
    strip, sim = rig
    strip.desensitize()
    sim.port.unplug()
    with pytest.raises(StripError, match="cannot be used"):
        strip.desensitize()
    assert strip.status.state is DeviceState.ERROR
    sim.port.replug()
    strip.desensitize()
    assert strip.status.state is DeviceState.CONNECTED
    assert sim.actions.count("desensitize") == 2


def test_missing_port(tmp_path: Path) -> None:
    strip = SerialCommandStrip(str(tmp_path / "nothing"), timeout=0.1, retries=0)
    with pytest.raises(StripError, match="cannot be used"):
        strip.test()
    with pytest.raises(StripError, match="cannot be used"):
        strip.desensitize()


def test_bad_settings() -> None:
    with pytest.raises(ValueError):
        SerialCommandStrip("loop://", ack="")
    with pytest.raises(ValueError):
        SerialCommandStrip("loop://", timeout=0)
