"""Barcode scanners: the pure cleaner, the scan intake every scan goes through (serial lines and
keyboard-wedge bursts alike) and the serial scanner.

The Qt wrapper lives in ``desk.devices.scanner.qt_scanner`` so that importing this package does
not need Qt.
"""

from desk.devices.scanner.cleaner import (
    BarcodeCleaner,
    BarcodeKind,
    CleanResult,
    barcode_kind,
    strip_codabar_start_stop,
)
from desk.devices.scanner.intake import ScanIntake
from desk.devices.scanner.serial_scanner import (
    SerialScannerSettings,
    SerialScannerWorker,
)
from desk.numbering import (has_valid_check_digit, is_library_number, luhn_check_digit,
                            with_check_digit)

__all__ = [
    "BarcodeCleaner", "BarcodeKind", "CleanResult", "ScanIntake", "SerialScannerSettings",
    "SerialScannerWorker", "barcode_kind", "has_valid_check_digit",
    "is_library_number", "luhn_check_digit", "strip_codabar_start_stop", "with_check_digit",
]
