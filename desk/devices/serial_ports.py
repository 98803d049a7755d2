"""The serial ports this computer has, by the name pyserial opens them with (``COM3`` on
Windows, ``/dev/ttyUSB0`` on Linux), for the Devices settings to offer; lists them, opens none."""

from __future__ import annotations

from dataclasses import dataclass

from serial.tools import list_ports


@dataclass(frozen=True)
class SerialPort:
    name: str           # what goes in the setting: COM3, /dev/ttyUSB0
    description: str    # what the driver says it is, e.g. "USB-SERIAL CH340 (COM3)"


def available_ports() -> list[SerialPort]:
    """The ports ``serial.tools.list_ports.comports()`` finds, sorted by name; none on error
    (a machine whose port listing fails can still have any port typed in)."""
    try:
        found = list_ports.comports()
    except OSError:
        return []
    ports = {port.device: SerialPort(port.device, port.description or "") for port in found}
    return sorted(ports.values(), key=lambda port: port.name)
