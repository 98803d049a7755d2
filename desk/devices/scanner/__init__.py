"""Barcode scanners: the pure cleaner, wedge burst classifier and the serial scanner.

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
from desk.devices.scanner.serial_scanner import (
    SerialScannerSettings,
    SerialScannerWorker,
)
from desk.devices.scanner.wedge import WedgeClassifier, WedgeDecision
from desk.numbering import (has_valid_check_digit, is_library_number, luhn_check_digit,
                            with_check_digit)

__all__ = [
    "BarcodeCleaner", "BarcodeKind", "CleanResult", "SerialScannerSettings", "SerialScannerWorker",
    "WedgeClassifier", "WedgeDecision", "barcode_kind", "has_valid_check_digit",
    "is_library_number", "luhn_check_digit", "strip_codabar_start_stop", "with_check_digit",
]
