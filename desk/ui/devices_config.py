"""The desk's device settings (``scanner_*``, ``strip_*``, ``rfid_*``, ``printer_*`` in
``desk.configdata``)
as the settings dict ``desk.devices.registry`` builds devices from, and the ``DeviceHub`` made
from them.

``hub_config(config)`` is the one place that translates settings into that dict; a value that
cannot be used raises ``desk.devices.registry.ConfigError`` with a message for staff.
``build_hub`` makes the hub the app runs (print queue in ``<data dir>/print-queue``); when the
settings are unusable it still returns a hub (every device off) and the error text, so the desk
starts and the status area says what is wrong.

``system`` (or ``system:NAME``) prints on the operating system's printer through Qt's print
support (``desk.devices.printer.system``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desk.config import Config
from desk.devices.registry import (ConfigError, build_cleaner, build_printer, build_rfid,
                                   build_scanner, build_strip, check_printer, parse_url)
from desk.devices.scanner.cleaner import BarcodeCleaner

DEVICE_SETTINGS = ("scanner_device", "scanner_baud", "scanner_terminator", "scanner_prefix",
                   "scanner_suffix", "scanner_strip_aim", "check_digits", "strip_device",
                   "strip_desensitize_command",
                   "strip_resensitize_command", "strip_ack", "strip_nak", "strip_timeout_ms",
                   "strip_retries", "strip_pulse_ms", "printer_device", "printer_cjk",
                   "slip_header", "rfid_device", "rfid_afi_in_library", "rfid_afi_on_loan",
                   "rfid_timeout_ms", "rfid_retries", "rfid_poll_ms", "rfid_country", "rfid_isil")
CONTROL_LINES = {"rts:": "RTS", "dtr:": "DTR"}


def unescape(text: str, name: str) -> str:
    """``D\\r`` as typed in the settings → ``D`` + carriage return."""
    try:
        return text.encode("latin-1", "backslashreplace").decode("unicode_escape")
    except UnicodeDecodeError as error:
        raise ConfigError(f"The strip setting {name!r} is not valid: {error}") from error


def cleaning_section(config: Config) -> dict[str, Any]:
    """The scan-cleaning settings, the same for every kind of scanner."""
    return {"prefix": config.get("scanner_prefix"), "suffix": config.get("scanner_suffix"),
            "strip_aim": bool(config.get("scanner_strip_aim")),
            "check_digit": bool(config.get("check_digits"))}


def scan_cleaner(config: Config) -> BarcodeCleaner:
    """The cleaner every scan goes through when no ``DeviceHub`` runs (the hub builds the same
    one from the same settings)."""
    return build_cleaner(cleaning_section(config))


def scanner_section(config: Config) -> dict[str, Any]:
    device = config.get("scanner_device").strip()
    cleaning = cleaning_section(config)
    if device.lower() in ("", "none", "off"):
        return {"kind": "none", **cleaning}
    if device.lower() == "wedge":
        return {"kind": "wedge", **cleaning}
    return {"kind": "serial", "url": device, "baud": config.get("scanner_baud"),
            "terminator": config.get("scanner_terminator"), **cleaning}


def strip_section(config: Config) -> dict[str, Any]:
    device = config.get("strip_device").strip()
    if device.lower() in ("", "none", "off"):
        return {"kind": "none"}
    if device.lower() == "dummy":
        return {"kind": "dummy"}
    line = CONTROL_LINES.get(device[:4].lower())
    if line is not None:
        return {"kind": "control_line", "url": device[4:], "desensitize_line": line,
                "resensitize_line": line, "pulse_ms": config.get("strip_pulse_ms")}
    return {"kind": "serial_command", "url": device,
            "desensitize_command": unescape(config.get("strip_desensitize_command"),
                                            "strip_desensitize_command"),
            "resensitize_command": unescape(config.get("strip_resensitize_command"),
                                            "strip_resensitize_command"),
            "ack": unescape(config.get("strip_ack"), "strip_ack"),
            "nak": unescape(config.get("strip_nak"), "strip_nak"),
            "timeout": config.get("strip_timeout_ms") / 1000.0,
            "retries": config.get("strip_retries")}


def rfid_section(config: Config) -> dict[str, Any]:
    device = config.get("rfid_device").strip()
    if device.lower() in ("", "none", "off"):
        return {"kind": "none"}
    return {"kind": "m810", "url": device, "timeout": config.get("rfid_timeout_ms") / 1000.0,
            "retries": config.get("rfid_retries"),
            "poll_interval": config.get("rfid_poll_ms") / 1000.0,
            "afi_in_library": config.get("rfid_afi_in_library"),
            "afi_on_loan": config.get("rfid_afi_on_loan"),
            "country": config.get("rfid_country"), "isil": config.get("rfid_isil")}


def printer_section(config: Config) -> dict[str, Any]:
    device = config.get("printer_device").strip()
    section = parse_url("printer", device)
    if section["kind"].startswith("escpos"):
        section["cjk"] = config.get("printer_cjk")
    return section


def hub_config(config: Config) -> dict[str, Any]:
    """The ``desk.devices`` settings dict for ``config`` (ConfigError when unusable)."""
    return {"scanner": scanner_section(config), "strip": strip_section(config),
            "printer": printer_section(config), "rfid": rfid_section(config)}


def devices_off(config: Config) -> dict[str, Any]:
    """Every device off, but wedge scans still cleaned by the settings (they need no port)."""
    return {"scanner": {"kind": "none", **cleaning_section(config)}}


def check(config: Config) -> None:
    """Raise ConfigError if the device settings of ``config`` cannot be used. Builds the
    scanner spec, parses the rest and checks the printer's required keys (``win32raw:`` with no
    queue); opens no port and loads no printer driver."""
    sections = hub_config(config)
    build_scanner(sections["scanner"])
    build_rfid(sections["rfid"])
    check_printer(sections["printer"])
    if sections["printer"]["kind"] in ("none", "pdf"):
        build_printer(sections["printer"])
    if sections["strip"]["kind"] in ("none", "dummy"):
        build_strip(sections["strip"])


def slip_library(config: Config) -> tuple[str, ...]:
    """The header lines of every slip."""
    return tuple(config.get("slip_header")) or ("Circulation Desk",)


def build_hub(config: Config, queue_dir: Path, parent: Any = None,
              retry_interval_ms: int = 5000) -> tuple[Any, str]:
    """The running ``DeviceHub`` (not started) and "" — or, with unusable settings, a hub with
    every device off and the error message. Waiting slips are retried every
    ``retry_interval_ms``."""
    from desk.devices.hub import DeviceHub
    error = ""
    options = {"library": slip_library(config), "retry_interval_ms": retry_interval_ms,
               "parent": parent}
    try:
        hub = DeviceHub(hub_config(config), queue_dir, **options)
    except ConfigError as problem:
        error = str(problem)
        hub = DeviceHub(devices_off(config), queue_dir, **options)
    return hub, error


def reconfigure(hub: Any, config: Config) -> str:
    """Apply changed device settings to the running hub; "" or the error (every device is
    then off, so a bad port never keeps the old one half-open)."""
    from desk.devices.hub import DeviceHub
    assert isinstance(hub, DeviceHub)
    hub.library = slip_library(config)
    try:
        hub.reconfigure(hub_config(config))
    except ConfigError as problem:
        hub.reconfigure(devices_off(config))
        return str(problem)
    return ""
