"""Simulators for every device, usable in-process (threads, for tests) or from the command line.

``python -m desk.devices.sim scanner|strip|printer`` (see ``__main__``). Serial devices run on a
pseudo-terminal pair (``PtyPort``); the printer also listens on TCP.
"""

from desk.devices.sim.printer import Job, PrinterSimulator
from desk.devices.sim.pty_port import PtyPort
from desk.devices.sim.scanner import ScannerSimulator
from desk.devices.sim.strip import StripSimulator

__all__ = ["Job", "PrinterSimulator", "PtyPort", "ScannerSimulator", "StripSimulator"]
