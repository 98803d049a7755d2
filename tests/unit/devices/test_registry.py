"""Building devices from settings dicts and URL shortcuts; bad settings refused with a message."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk.devices.printer import EscposPrinter, NoPrinter, PdfPrinter
from desk.devices.registry import (
    ConfigError,
    build_printer,
    build_scanner,
    build_strip,
    parse_url,
)
from desk.devices.strip import ControlLineStrip, DummyStrip, NoStrip, SerialCommandStrip


def test_scanner_specs() -> None:
    spec = build_scanner({"kind": "serial", "url": "loop://", "baud": 19200, "terminator": "CRLF",
                          "prefix": "*", "check_digit": True})
    assert spec.serial is not None and spec.serial.baud == 19200 and spec.serial.terminator == "CRLF"
    assert spec.cleaner.prefix == "*" and spec.cleaner.check_digit and spec.serial.cleaner is spec.cleaner
    wedge = build_scanner({"kind": "wedge", "prefix": "%", "strip_aim": True})
    assert wedge.kind == "wedge" and wedge.serial is None
    assert wedge.cleaner.prefix == "%" and wedge.cleaner.strip_aim
    assert build_scanner(None).kind == "none" and build_scanner("none").kind == "none"
    assert build_scanner("/dev/ttyACM0").serial.url == "/dev/ttyACM0"  # type: ignore[union-attr]


def test_strips() -> None:
    strip = build_strip({"kind": "serial_command", "url": "loop://", "ack": "ACK", "retries": 0})
    assert isinstance(strip, SerialCommandStrip) and strip.ack == b"ACK" and strip.retries == 0
    line = build_strip({"kind": "control_line", "url": "loop://", "resensitize_line": "", "pulse_ms": 50})
    assert isinstance(line, ControlLineStrip) and line.lines == {"desensitize": "RTS", "resensitize": None}
    assert isinstance(build_strip({"kind": "none"}), NoStrip)
    assert isinstance(build_strip({"kind": "dummy"}), DummyStrip)


def test_printers(tmp_path: Path) -> None:
    network = build_printer({"kind": "escpos_network", "host": "10.0.0.5", "cjk": "big5", "drawer_pin": 5})
    assert isinstance(network, EscposPrinter) and network.description == "10.0.0.5:9100"
    assert network.layout.cjk == "big5" and network.drawer_pin == 5 and network.close_after_job
    assert isinstance(build_printer({"kind": "pdf", "directory": str(tmp_path), "page": "a4"}), PdfPrinter)
    assert isinstance(build_printer("none"), NoPrinter)
    assert isinstance(build_printer({"kind": "escpos_file", "path": str(tmp_path / "lp")}), EscposPrinter)


def test_url_shortcuts() -> None:
    assert parse_url("printer", "tcp://192.168.1.9:9101") == {"kind": "escpos_network", "host": "192.168.1.9",
                                                               "port": 9101}
    assert parse_url("printer", "file:///dev/usb/lp0") == {"kind": "escpos_file", "path": "/dev/usb/lp0"}
    assert parse_url("printer", "/dev/ttyUSB0") == {"kind": "escpos_serial", "url": "/dev/ttyUSB0"}
    assert parse_url("printer", "pdf:///var/slips") == {"kind": "pdf", "directory": "/var/slips"}
    assert parse_url("strip", "loop://") == {"kind": "serial_command", "url": "loop://"}
    with pytest.raises(ConfigError):
        parse_url("printer", "ftp://x")


@pytest.mark.parametrize("setting", ["serial://COM3", "serial:COM3", "COM3", "com3"])
def test_a_printer_on_a_windows_com_port(setting: str) -> None:
    assert parse_url("printer", setting) == {"kind": "escpos_serial", "url": "COM3"}


def test_a_serial_printer_url_keeps_its_path() -> None:
    assert parse_url("printer", "serial:///dev/ttyUSB0") == {"kind": "escpos_serial",
                                                             "url": "/dev/ttyUSB0"}
    with pytest.raises(ConfigError):
        parse_url("printer", "COM")           # not a port name


@pytest.mark.parametrize("build, config, fragment", [
    (build_scanner, {"kind": "bluetooth"}, "Unknown scanner kind 'bluetooth'"),
    (build_scanner, {"kind": "serial"}, "need 'url'"),
    (build_scanner, {"kind": "serial", "url": "loop://", "terminator": "ETX"}, "not valid"),
    (build_scanner, {"kind": "serial", "url": "loop://", "baudrate": 9600}, "'baudrate' is not valid"),
    (build_strip, {"kind": "control_line", "url": "loop://", "desensitize_line": "CTS"}, "not valid"),
    (build_strip, {"kind": "serial_command"}, "need 'url'"),
    (build_printer, {"kind": "escpos_network"}, "need 'host'"),
    (build_printer, {"kind": "escpos_network", "host": "x", "cjk": "gb2312"}, "not valid"),
    (build_printer, {"kind": "escpos_usb", "vendor_id": "0x04b8", "product_id": "0x0202"}, "pyusb"),
])
def test_bad_settings(build, config, fragment: str) -> None:
    with pytest.raises(ConfigError, match=fragment):
        build(config)
