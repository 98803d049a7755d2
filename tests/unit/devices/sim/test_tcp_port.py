"""The simulators' TCP transport: addresses, one desk at a time, unplugging on the same port."""

from __future__ import annotations

import socket

import pytest
import serial

from desk.devices.sim.tcp_port import TcpPort, parse_address


@pytest.mark.parametrize(("text", "address"), [
    ("9100", ("127.0.0.1", 9100)), ("0.0.0.0:7000", ("0.0.0.0", 7000)),
    ("[::1]:0", ("::1", 0)), (":5000", ("127.0.0.1", 5000)),
])
def test_addresses(text: str, address: tuple[str, int]) -> None:
    assert parse_address(text) == address


@pytest.mark.parametrize("text", ["", "host:", "host:port", "1:65536", "9100:x", "-1"])
def test_bad_addresses(text: str) -> None:
    with pytest.raises(ValueError, match="not a TCP port"):
        parse_address(text)


def test_bytes_both_ways_through_pyserial_socket_url() -> None:
    port = TcpPort("127.0.0.1", 0)
    try:
        assert port.path == f"socket://127.0.0.1:{port.port}" and port.port > 0
        desk = serial.serial_for_url(port.path, timeout=2)
        try:
            port.write(b"31234000000016\r")
            assert desk.read(15) == b"31234000000016\r"
            desk.write(b"D\r")
            assert port.read(2) == b"D\r"
        finally:
            desk.close()
        assert port.read(1) == b""            # the desk hung up
        assert not port.connected
    finally:
        port.close()


def test_writing_with_no_desk_connected_fails_clearly() -> None:
    port = TcpPort("127.0.0.1", 0, write_wait=0.1)
    try:
        with pytest.raises(OSError, match="no desk connected"):
            port.write(b"x\r")
        assert port.read(0.05) == b""
    finally:
        port.close()


def test_a_new_desk_replaces_the_old_one() -> None:
    port = TcpPort("127.0.0.1", 0)
    try:
        first = socket.create_connection(("127.0.0.1", port.port), timeout=2)
        assert port.wait_for_desk(2)
        second = socket.create_connection(("127.0.0.1", port.port), timeout=2)
        with first, second:
            assert first.recv(1) == b""            # the first one is dropped ...
            port.write(b"ok")
            assert second.recv(2) == b"ok"         # ... the second one is served
    finally:
        port.close()


def test_unplug_refuses_the_desk_and_replug_serves_the_same_port() -> None:
    port = TcpPort("127.0.0.1", 0)
    number = port.port
    try:
        desk = socket.create_connection(("127.0.0.1", number), timeout=2)
        assert port.wait_for_desk(2)
        port.unplug()
        with desk:
            assert desk.recv(1) == b""
        assert not port.plugged
        with pytest.raises(OSError, match="unplugged"):
            port.write(b"x")
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", number), timeout=2)
        port.replug()
        assert port.port == number and port.plugged
        with socket.create_connection(("127.0.0.1", number), timeout=2) as again:
            port.write(b"back")
            assert again.recv(4) == b"back"
    finally:
        port.close()
