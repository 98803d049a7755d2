"""Builds devices from plain settings (the ``[devices]`` tables of the settings file).

The whole config is a dict with up to four entries; each is a dict, or a string shortcut
(``"none"``, a port path/URL for the scanner and strip, a URL for the printer). Unknown keys are
refused (typos should not silently fall back to defaults). Every key below is optional unless
marked *required*.

``scanner``
    ``kind``: ``"serial"`` | ``"wedge"`` | ``"none"`` (default ``"none"``).
    Cleaning, both kinds: ``prefix`` (""), ``suffix`` (""), ``strip_codabar`` (true),
    ``strip_aim`` (false), ``check_digit`` (false: Luhn on 14-digit library numbers),
    ``min_length`` (1), ``max_length`` (64).
    serial: ``url`` *required* (``/dev/ttyACM0``, ``COM3``, ``loop://``, any pyserial URL),
    ``baud`` (9600), ``parity`` (``"N"``/``"E"``/``"O"``/``"M"``/``"S"``), ``bytesize`` (8),
    ``stopbits`` (1), ``terminator`` (``"CR"``/``"LF"``/``"CRLF"``), ``reconnect_interval`` (1.0 s).
    wedge: cleaning only; the UI's key filter detects the bursts and hands them to the hub.
``strip``
    ``kind``: ``"serial_command"`` | ``"control_line"`` | ``"none"`` | ``"dummy"``.
    serial_command: ``url`` *required*, ``baud`` (9600), ``parity`` ("N"),
    ``desensitize_command`` ("D\\r"), ``resensitize_command`` ("R\\r"), ``ack`` ("OK"),
    ``nak`` ("NG"; "" for none), ``timeout`` (1.0 s), ``retries`` (2).
    control_line: ``url`` *required*, ``desensitize_line`` ("RTS"), ``resensitize_line`` (""
    = none, or "RTS"/"DTR"), ``pulse_ms`` (200), ``active_high`` (true).
``rfid``
    ``kind``: ``"m810"`` (a 3M 810 ISO 15693 reader, ``desk.devices.rfid``) | ``"none"``.
    m810: ``url`` *required*, ``baud`` (19200), ``timeout`` (0.5 s), ``retries`` (2),
    ``poll_interval`` (0.1 s), ``afi_in_library`` (0x07), ``afi_on_loan`` (0xC2),
    ``country`` ("TW"), ``isil`` ("") written on new tags, ``reconnect_interval`` (1.0 s).
``printer``
    ``kind``: ``"escpos_serial"`` | ``"escpos_network"`` | ``"escpos_file"`` | ``"escpos_usb"`` |
    ``"escpos_win32raw"`` | ``"escpos_dummy"`` | ``"pdf"`` | ``"system"`` | ``"none"``.
    escpos_serial: ``url`` *required* (``COM3``, ``/dev/ttyUSB0``), ``baud`` (9600),
    ``timeout`` (1 s).
    escpos_network: ``host`` *required*, ``port`` (9100), ``timeout`` (5 s).
    escpos_file: ``path`` *required*. escpos_usb: ``vendor_id``, ``product_id`` *required*
    (e.g. "0x04b8"; needs pyusb).
    escpos_win32raw: ``printer_name`` *required*: a Windows printer queue (as in *Printers &
    scanners*, e.g. ``EPSON TM-T82III Receipt``) taking raw ESC/POS, through win32print (pywin32,
    Windows only; elsewhere the printer reports it cannot be used).
    All escpos kinds: ``width_dots`` (576), ``columns`` (48),
    ``cjk`` ("raster" or "big5"), ``font`` (CJK font file), ``drawer_pin`` (2 or 5),
    ``check_status`` (true: ask DLE EOT before printing).
    pdf: ``directory`` *required*, ``page`` ("roll80" or "a4").
    system: ``name`` (the system printer through Qt's print support; "" the default one),
    ``output_file``, ``roll`` (true).
    URL shortcuts: ``tcp://HOST:PORT``, ``file:///dev/usb/lp0``, ``serial:///dev/ttyUSB0`` (or a
    bare ``/dev/...`` path), ``serial:COM3`` (or a bare ``COM3``), ``win32raw:PRINTER NAME``,
    ``pdf:///path/to/dir``, ``system`` or ``system:PRINTER NAME``, ``none``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from desk.wording import devices as messages
from desk.wording import text as tr
from desk.devices.printer.base import NoPrinter, ReceiptPrinter
from desk.devices.scanner.cleaner import BarcodeCleaner
from desk.devices.scanner.serial_scanner import SerialScannerSettings
from desk.devices.strip.base import DummyStrip, NoStrip, SecurityStrip
from desk.devices.strip.control_line import ControlLineStrip
from desk.devices.strip.serial_command import SerialCommandStrip


class ConfigError(ValueError):
    """Device settings that cannot be used; the message is for the Settings page."""


CLEANER_KEYS = {"prefix", "suffix", "strip_codabar", "strip_aim", "check_digit", "min_length", "max_length"}
SCANNER_KEYS = {
    "serial": CLEANER_KEYS | {"url", "baud", "parity", "bytesize", "stopbits", "terminator", "reconnect_interval"},
    "wedge": CLEANER_KEYS,
    "none": CLEANER_KEYS,
}
STRIP_KEYS = {
    "serial_command": {"url", "baud", "parity", "desensitize_command", "resensitize_command", "ack", "nak",
                       "timeout", "retries"},
    "control_line": {"url", "desensitize_line", "resensitize_line", "pulse_ms", "active_high"},
    "none": set(), "dummy": set(),
}
RFID_KEYS = {
    "m810": {"url", "baud", "timeout", "retries", "poll_interval", "afi_in_library",
             "afi_on_loan", "country", "isil", "reconnect_interval"},
    "none": set(),
}
LAYOUT_KEYS = {"width_dots", "columns", "cjk", "font", "drawer_pin", "check_status"}
PRINTER_KEYS = {
    "escpos_serial": LAYOUT_KEYS | {"url", "baud", "timeout"},
    "escpos_network": LAYOUT_KEYS | {"host", "port", "timeout"},
    "escpos_file": LAYOUT_KEYS | {"path"},
    "escpos_usb": LAYOUT_KEYS | {"vendor_id", "product_id"},
    "escpos_win32raw": LAYOUT_KEYS | {"printer_name"},
    "escpos_dummy": LAYOUT_KEYS,
    "pdf": {"directory", "page"},
    "system": {"name", "output_file", "roll"},
    "none": set(),
}

# The keys a printer kind cannot do without, checked before anything is built (``check_printer``).
PRINTER_REQUIRED = {
    "escpos_serial": ("url",), "escpos_network": ("host",), "escpos_file": ("path",),
    "escpos_usb": ("vendor_id", "product_id"), "escpos_win32raw": ("printer_name",),
    "pdf": ("directory",),
}


@dataclass(frozen=True)
class RfidSpec:
    """The RFID pad's settings (``kind`` "none": no pad)."""

    kind: str = "none"
    url: str = ""
    baud: int = 19200
    timeout: float = 0.5
    retries: int = 2
    poll_interval: float = 0.1
    afi_in_library: int = 0x07
    afi_on_loan: int = 0xC2
    country: str = "TW"
    isil: str = ""
    reconnect_interval: float = 1.0

    def __post_init__(self) -> None:
        for name in ("afi_in_library", "afi_on_loan"):
            if not 0 <= getattr(self, name) <= 255:
                raise ValueError(f"{name} must be 0 to 255")
        if self.afi_in_library == self.afi_on_loan and self.kind != "none":
            raise ValueError("afi_in_library and afi_on_loan must differ")
        if self.timeout <= 0 or self.retries < 0 or self.poll_interval <= 0:
            raise ValueError("timeout and poll_interval must be positive, retries not negative")


@dataclass(frozen=True)
class ScannerSpec:
    """What the hub needs to run the configured scanner (and clean wedge bursts)."""

    kind: str
    cleaner: BarcodeCleaner
    serial: SerialScannerSettings | None = None


def _section(device: str, value: Any, allowed: Mapping[str, set[str]]) -> tuple[str, dict[str, Any]]:
    if value is None:
        return "none", {}
    if isinstance(value, str):
        value = parse_url(device, value)
    if not isinstance(value, Mapping):
        raise ConfigError(tr(messages.CONFIG_INVALID, device=device, detail=repr(value)))
    options = dict(value)
    kind = str(options.pop("kind", "none"))
    if kind not in allowed:
        raise ConfigError(tr(messages.CONFIG_UNKNOWN_KIND, device=device, kind=kind,
                             expected=", ".join(sorted(allowed))))
    unknown = set(options) - allowed[kind]
    if unknown:
        raise ConfigError(tr(messages.CONFIG_BAD_VALUE, device=device, key=min(unknown),
                             detail="unknown setting"))
    return kind, options


def _required(device: str, options: Mapping[str, Any], key: str) -> Any:
    if options.get(key) in (None, ""):
        raise ConfigError(tr(messages.CONFIG_MISSING_KEY, device=device, key=key))
    return options[key]


_COM_PORT = re.compile(r"(?i)com\d{1,3}")


def parse_url(device: str, url: str) -> dict[str, Any]:
    """A settings string as a settings dict (see the module docstring)."""
    if url.strip().lower() in ("", "none", "off"):
        return {"kind": "none"}
    if device in ("scanner", "strip"):
        return {"kind": "serial" if device == "scanner" else "serial_command", "url": url}
    if device == "rfid":
        return {"kind": "m810", "url": url}
    parts = urlsplit(url)
    if parts.scheme == "tcp":
        return {"kind": "escpos_network", "host": parts.hostname or "", "port": parts.port or 9100}
    if parts.scheme == "file":
        return {"kind": "escpos_file", "path": parts.path}
    if parts.scheme == "pdf":
        return {"kind": "pdf", "directory": parts.path}
    if url.strip().lower() == "system":
        return {"kind": "system", "name": ""}
    if parts.scheme == "system":  # system:PRINTER NAME
        return {"kind": "system", "name": url.split(":", 1)[1].strip()}
    if parts.scheme == "win32raw":  # win32raw:PRINTER NAME (spaces and \\server\queue kept)
        return {"kind": "escpos_win32raw", "printer_name": url.split(":", 1)[1].strip()}
    if parts.scheme == "serial":      # serial:///dev/ttyUSB0, serial://COM3, serial:COM3
        port = (parts.netloc + parts.path) if parts.netloc else parts.path
        return {"kind": "escpos_serial", "url": port}
    if not parts.scheme and url.startswith("/"):
        return {"kind": "escpos_serial", "url": url}
    if _COM_PORT.fullmatch(url.strip()):   # a Windows port name alone
        return {"kind": "escpos_serial", "url": url.strip().upper()}
    raise ConfigError(tr(messages.CONFIG_BAD_VALUE, device=device, key="url", detail=url))


def build_cleaner(options: Mapping[str, Any]) -> BarcodeCleaner:
    """The scan cleaner of a scanner section (only its cleaning keys are read): what every scan,
    wedge burst or serial line, goes through."""
    try:
        return BarcodeCleaner(**{k: options[k] for k in CLEANER_KEYS if k in options})
    except (TypeError, ValueError) as error:
        raise ConfigError(tr(messages.CONFIG_INVALID, device="scanner", detail=error)) from error


def build_scanner(value: Any) -> ScannerSpec:
    kind, o = _section("scanner", value, SCANNER_KEYS)
    cleaner = build_cleaner(o)
    try:
        if kind == "serial":
            settings = SerialScannerSettings(
                url=str(_required("scanner", o, "url")), baud=int(o.get("baud", 9600)),
                parity=str(o.get("parity", "N")), bytesize=int(o.get("bytesize", 8)),
                stopbits=float(o.get("stopbits", 1)), terminator=str(o.get("terminator", "CR")),
                reconnect_interval=float(o.get("reconnect_interval", 1.0)), cleaner=cleaner)
            return ScannerSpec(kind, cleaner, serial=settings)
    except (TypeError, ValueError) as error:
        if isinstance(error, ConfigError):
            raise
        raise ConfigError(tr(messages.CONFIG_INVALID, device="scanner", detail=error)) from error
    return ScannerSpec(kind, cleaner)


def build_strip(value: Any) -> SecurityStrip:
    kind, o = _section("strip", value, STRIP_KEYS)
    try:
        if kind == "serial_command":
            return SerialCommandStrip(
                str(_required("strip", o, "url")), baud=int(o.get("baud", 9600)),
                desensitize_command=o.get("desensitize_command", "D\r"),
                resensitize_command=o.get("resensitize_command", "R\r"), ack=o.get("ack", "OK"),
                nak=o.get("nak", "NG"), timeout=float(o.get("timeout", 1.0)), retries=int(o.get("retries", 2)),
                parity=str(o.get("parity", "N")))
        if kind == "control_line":
            return ControlLineStrip(
                str(_required("strip", o, "url")), desensitize_line=o.get("desensitize_line", "RTS") or None,
                resensitize_line=o.get("resensitize_line") or None, pulse_ms=int(o.get("pulse_ms", 200)),
                active_high=bool(o.get("active_high", True)))
    except (TypeError, ValueError) as error:
        if isinstance(error, ConfigError):
            raise
        raise ConfigError(tr(messages.CONFIG_INVALID, device="strip", detail=error)) from error
    return DummyStrip() if kind == "dummy" else NoStrip()


def build_rfid(value: Any) -> RfidSpec:
    """The RFID pad's settings, checked (nothing opened)."""
    kind, o = _section("rfid", value, RFID_KEYS)
    if kind == "none":
        return RfidSpec()
    try:
        return RfidSpec(
            kind, url=str(_required("rfid", o, "url")), baud=int(o.get("baud", 19200)),
            timeout=float(o.get("timeout", 0.5)), retries=int(o.get("retries", 2)),
            poll_interval=float(o.get("poll_interval", 0.1)),
            afi_in_library=int(o.get("afi_in_library", 0x07)),
            afi_on_loan=int(o.get("afi_on_loan", 0xC2)), country=str(o.get("country", "TW")),
            isil=str(o.get("isil", "")),
            reconnect_interval=float(o.get("reconnect_interval", 1.0)))
    except ConfigError:
        raise
    except (TypeError, ValueError) as error:
        raise ConfigError(tr(messages.CONFIG_INVALID, device="rfid", detail=error)) from error


def check_printer(value: Any) -> None:
    """ConfigError if the printer settings name an unknown kind or key or lack a required key;
    builds nothing and loads no driver (python-escpos, QtPrintSupport)."""
    kind, options = _section("printer", value, PRINTER_KEYS)
    for key in PRINTER_REQUIRED.get(kind, ()):
        _required("printer", options, key)


def build_printer(value: Any) -> ReceiptPrinter:
    check_printer(value)
    kind, o = _section("printer", value, PRINTER_KEYS)
    try:
        if kind == "pdf":
            from desk.devices.printer.pdf import PdfPrinter  # reportlab: ~0.1 s, only when used
            return PdfPrinter(str(_required("printer", o, "directory")), page=o.get("page", "roll80"))
        if kind == "none":
            return NoPrinter()
        if kind == "system":
            from desk.devices.printer.system import SystemPrinter  # QtPrintSupport, when asked
            return SystemPrinter(str(o.get("name", "")), output_file=o.get("output_file"),
                                 roll=bool(o.get("roll", True)))
        # python-escpos loads its printer-capabilities YAML on import (~0.2 s): only when an
        # ESC/POS printer is configured, not at every start.
        from desk.devices.printer.escpos_printer import EscposPrinter, connect
        from desk.devices.printer.escpos_render import EscposLayout
        layout = EscposLayout(width_dots=int(o.get("width_dots", 576)), columns=int(o.get("columns", 48)),
                              cjk=o.get("cjk", "raster"), font_path=str(o.get("font", "")))
        if kind == "escpos_serial":
            url = str(_required("printer", o, "url"))
            connection = connect("serial", devfile=url, baudrate=int(o.get("baud", 9600)),
                                 timeout=float(o.get("timeout", 1)))
        elif kind == "escpos_network":
            host = str(_required("printer", o, "host"))
            url = f"{host}:{int(o.get('port', 9100))}"
            connection = connect("network", host=host, port=int(o.get("port", 9100)),
                                 timeout=float(o.get("timeout", 5)))
        elif kind == "escpos_file":
            url = str(_required("printer", o, "path"))
            connection = connect("file", devfile=url)
        elif kind == "escpos_win32raw":
            url = f"win32raw:{_required('printer', o, 'printer_name')}"
            connection = connect("win32raw", printer_name=o["printer_name"])
        elif kind == "escpos_usb":
            url = f"USB {_required('printer', o, 'vendor_id')}:{_required('printer', o, 'product_id')}"
            connection = connect("usb", vendor_id=o["vendor_id"], product_id=o["product_id"])
        else:
            url, connection = "dummy", connect("dummy")
        return EscposPrinter(connection, layout, drawer_pin=int(o.get("drawer_pin", 2)), description=url,
                             check_status=bool(o.get("check_status", True)))
    except ConfigError:
        raise
    except (TypeError, ValueError, RuntimeError) as error:
        raise ConfigError(tr(messages.CONFIG_INVALID, device="printer", detail=error)) from error
