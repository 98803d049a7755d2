"""Device settings → the desk.devices settings dict → a DeviceHub: every default builds, every
documented form of each device setting builds, and bad values are named."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from desk.config import Config
from desk.configdata import BY_NAME
from desk.devices.hub import DeviceHub
from desk.devices.registry import ConfigError, build_printer, build_scanner, build_strip
from desk.devices.status import DeviceState
from desk.ui.devices_config import DEVICE_SETTINGS, build_hub, check, hub_config


def test_every_device_setting_is_declared() -> None:
    for name in DEVICE_SETTINGS:
        assert name in BY_NAME, name


def test_the_defaults_build_a_hub(qtbot, tmp_path: Path) -> None:
    config = Config()
    assert hub_config(config) == {
        "scanner": {"kind": "wedge", "prefix": "", "suffix": "", "strip_aim": False,
                    "check_digit": True},
        "strip": {"kind": "none"}, "printer": {"kind": "none"}, "rfid": {"kind": "none"}}
    check(config)
    hub, error = build_hub(config, tmp_path / "queue")
    try:
        assert error == ""
        assert hub.status("scanner").state is DeviceState.CONNECTED      # the wedge
        assert hub.status("strip").state is DeviceState.OFF
        assert hub.status("printer").state is DeviceState.OFF
        assert hub.status("rfid").state is DeviceState.OFF
        assert hub.library == ("圖書館 Library",)
    finally:
        hub.shutdown()


@pytest.mark.parametrize("name,value,device,kind", [
    ("scanner_device", "none", "scanner", "none"),
    ("scanner_device", "/dev/ttyACM0", "scanner", "serial"),
    ("strip_device", "/dev/ttyUSB0", "strip", "serial_command"),
    ("strip_device", "rts:/dev/ttyS0", "strip", "control_line"),
    ("strip_device", "dtr:/dev/ttyS0", "strip", "control_line"),
    ("strip_device", "dummy", "strip", "dummy"),
    ("printer_device", "tcp://127.0.0.1:9100", "printer", "escpos_network"),
    ("printer_device", "serial:///dev/ttyUSB0", "printer", "escpos_serial"),
    ("printer_device", "file:///dev/usb/lp0", "printer", "escpos_file"),
    ("printer_device", "pdf:///tmp/slips", "printer", "pdf"),
    ("printer_device", "system", "printer", "system"),
    ("printer_device", "system:Counter HP", "printer", "system"),
    # Windows names (sys.platform patched in test_windows_names_of_every_device)
    ("scanner_device", "COM3", "scanner", "serial"),
    ("scanner_device", "socket://127.0.0.1:7000", "scanner", "serial"),
    ("strip_device", "rts:COM4", "strip", "control_line"),
    ("printer_device", "COM5", "printer", "escpos_serial"),
    ("printer_device", "serial:COM5", "printer", "escpos_serial"),
    ("printer_device", "win32raw:EPSON TM-T82III Receipt", "printer", "escpos_win32raw"),
])
def test_each_form_builds(name: str, value: str, device: str, kind: str) -> None:
    config = Config()
    config.set(name, value)
    section = hub_config(config)[device]
    assert section["kind"] == kind
    builder = {"scanner": build_scanner, "strip": build_strip, "printer": build_printer}[device]
    built = builder(section)                 # builds without opening any port
    close = getattr(built, "close", None)
    if close is not None:
        close()


def test_strip_commands_understand_escapes() -> None:
    config = Config()
    config.set("strip_device", "/dev/ttyUSB0")
    config.set("strip_desensitize_command", r"\x02DES\r\n")
    config.set("strip_timeout_ms", 250)
    section = hub_config(config)["strip"]
    assert section["desensitize_command"] == "\x02DES\r\n"
    assert section["resensitize_command"] == "R\r"
    assert section["timeout"] == 0.25
    assert hub_config(Config())["printer"] == {"kind": "none"}
    config.set("printer_device", "tcp://10.0.0.9:9100")
    assert hub_config(config)["printer"]["cjk"] == "raster"


def test_unusable_settings_are_named_and_leave_the_devices_off(qtbot, tmp_path: Path) -> None:
    config = Config()
    config.set("printer_device", "gopher://printer")
    with pytest.raises(ConfigError, match="printer"):
        check(config)
    hub, error = build_hub(config, tmp_path / "queue")
    try:
        assert "printer" in error
        assert isinstance(hub, DeviceHub)
        assert all(hub.status(d).state is DeviceState.OFF for d in ("strip", "printer"))
    finally:
        hub.shutdown()


def test_with_unusable_settings_wedge_scans_are_still_cleaned_by_the_settings(
        qtbot, tmp_path: Path) -> None:
    config = Config()
    config.set("printer_device", "gopher://printer")
    config.set("scanner_prefix", "*")
    hub, error = build_hub(config, tmp_path / "queue")
    try:
        assert "printer" in error and hub.status("scanner").state is DeviceState.OFF
        with qtbot.waitSignal(hub.scanned, timeout=2000) as blocker:
            hub.submit_wedge_scan("*A31234000000016B")
        assert blocker.args == ["31234000000016"]
        with qtbot.waitSignal(hub.scan_rejected, timeout=2000) as blocker:
            hub.submit_wedge_scan("*31234000000017")          # check_digits is on by default
        assert "31234000000017" in blocker.args[0]
    finally:
        hub.shutdown()


def test_windows_names_of_every_device(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    config = Config({"scanner_device": "COM3", "strip_device": "rts:COM4",
                     "printer_device": "win32raw:EPSON TM-T82III Receipt"})
    check(config)
    sections = hub_config(config)
    assert sections["scanner"]["url"] == "COM3"
    assert sections["strip"] == {"kind": "control_line", "url": "COM4", "desensitize_line": "RTS",
                                 "resensitize_line": "RTS", "pulse_ms": 200}
    assert sections["printer"] == {"kind": "escpos_win32raw", "cjk": "raster",
                                   "printer_name": "EPSON TM-T82III Receipt"}
    config.set("printer_device", "com5")
    assert hub_config(config)["printer"] == {"kind": "escpos_serial", "url": "COM5", "cjk": "raster"}
    config.set("printer_device", "win32raw:")
    with pytest.raises(ConfigError, match="printer_name"):
        check(config)


def test_the_rfid_settings_make_the_pad_section(tmp_path: Path) -> None:
    from desk.devices.registry import ConfigError, build_rfid
    config = Config(path=tmp_path / "settings.toml")
    config.set("rfid_device", "/dev/ttyUSB0")
    config.set("rfid_isil", "TW-NKUST")
    section = hub_config(config)["rfid"]
    assert section == {"kind": "m810", "url": "/dev/ttyUSB0", "timeout": 0.5, "retries": 2,
                       "poll_interval": 0.1, "afi_in_library": 0x07, "afi_on_loan": 0xC2,
                       "country": "TW", "isil": "TW-NKUST"}
    spec = build_rfid(section)
    assert (spec.kind, spec.afi_on_loan) == ("m810", 0xC2)
    check(config)
    config.set("rfid_afi_on_loan", 0x07)         # the same value both ways cannot work
    with pytest.raises(ConfigError):
        check(config)
    with pytest.raises(ConfigError):
        build_rfid({"kind": "m810"})              # no port
    with pytest.raises(ConfigError):
        build_rfid({"kind": "m810", "url": "x", "afi": 1})    # unknown key
