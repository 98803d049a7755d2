"""Security-strip units: serial commands, a pulsed control line, none, and a dummy for tests."""

from desk.devices.strip.base import DummyStrip, NoStrip, SecurityStrip, StripError
from desk.devices.strip.control_line import ControlLineStrip
from desk.devices.strip.serial_command import SerialCommandStrip

__all__ = ["ControlLineStrip", "DummyStrip", "NoStrip", "SecurityStrip", "SerialCommandStrip", "StripError"]
