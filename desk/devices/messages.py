"""Every message the device layer shows to people, in plain English, in one place.

The UI translates them later: it may install a translator with ``set_translator`` (for example
``lambda text: QCoreApplication.translate("devices", text)``); until then ``tr`` returns the
English text unchanged. Placeholders use ``str.format`` names and are filled *after* translation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_translator: Callable[[str], str] = lambda text: text


def set_translator(translator: Callable[[str], str] | None) -> None:
    """Use ``translator`` for every device message (``None`` restores English)."""
    global _translator
    _translator = translator if translator is not None else (lambda text: text)


def tr(message: str, **values: Any) -> str:
    """``message`` translated, then formatted with ``values``."""
    text = _translator(message)
    return text.format(**values) if values else text


# Device states, as shown in the status area.
STATE_CONNECTED = "Connected"
STATE_ERROR = "Error"
STATE_OFF = "Off"

# Scanner.
SCAN_EMPTY = "Empty scan."
SCAN_BINARY = "Unreadable bytes on the scanner line (line noise?): {detail}"
SCAN_NON_PRINTABLE = "Control characters in the scan (line noise?): {detail}"
SCAN_TOO_LONG = "Scan too long: {length} characters, at most {limit}."
SCAN_TOO_SHORT = "Scan too short: {length} characters, at least {limit}."
SCAN_BAD_CHARACTERS = "Unexpected characters in the scan: {detail}"
SCAN_CHECK_DIGIT = "Barcode {code} has a wrong check digit: misread, please scan again."
SCAN_NO_TERMINATOR = "{length} bytes without an end-of-line: scanner misconfigured or line noise."
SCANNER_OPENING = "Opening {port}"
SCANNER_LISTENING = "Listening on {port}"
SCANNER_PORT_GONE = "Scanner port {port} is gone ({detail}); retrying every {interval:g} s."
SCANNER_STOPPED = "Scanner stopped."
SCANNER_NONE = "No serial scanner configured."
SCANNER_WEDGE = "Keyboard-wedge scanner: scans are read wherever the cursor is."

# Security strip.
STRIP_NONE = "No security-strip unit configured."
STRIP_READY = "Strip unit ready on {port}"
STRIP_TIMEOUT = "The strip unit did not answer within {timeout:g} s ({attempts} attempts)."
STRIP_NAK = "The strip unit refused the command: {reply}"
STRIP_UNEXPECTED = "The strip unit answered something unexpected: {reply}"
STRIP_PORT_GONE = "The strip unit's port {port} cannot be used: {detail}"
STRIP_NO_CONTROL_LINE = "Port {port} has no {line} control line: {detail}"
STRIP_NOT_SUPPORTED = "This strip unit cannot {action}."
STRIP_DUMMY_FAILURE = "Simulated strip failure."
STRIP_DESENSITIZE = "desensitize"
STRIP_RESENSITIZE = "resensitize"

# Printer.
PRINTER_NONE = "No receipt printer configured."
PRINTER_READY = "Printer ready: {target}"
PRINTER_OFFLINE = "The printer cannot be reached: {detail}"
PRINTER_PAPER_OUT = "The printer is out of paper."
PRINTER_PAPER_LOW = "Printer paper is running low."
PRINTER_COVER_OPEN = "The printer cover is open."
PRINTER_STATUS_UNKNOWN = "This printer does not report its status."
PRINTER_QUEUED = "{count} slip(s) waiting to print: {detail}"
PRINTER_NO_DRAWER = "This printer has no cash drawer port."
PRINTER_NOTHING_TO_REPRINT = "No slip has been printed yet."
PRINTER_PDF_WRITTEN = "Slip saved as {path}"

# Configuration.
CONFIG_UNKNOWN_KIND = "Unknown {device} kind {kind!r}; expected one of: {expected}."
CONFIG_MISSING_KEY = "The {device} settings need {key!r}."
CONFIG_BAD_VALUE = "The {device} setting {key!r} is not valid: {detail}"
CONFIG_INVALID = "The {device} settings are not valid: {detail}"
DEVICE_UNKNOWN = "No device called {name!r}."
DEVICE_TEST_OK = "Test passed: {detail}"

# Slip labels.
SLIP_CHECKOUT = "Checkout"
SLIP_CHECKIN = "Checkin"
SLIP_PAYMENT = "Payment receipt"
SLIP_HOLD = "Hold"
SLIP_TRANSIT = "Transit"
SLIP_MANUAL = "Manual-circulation receipt"
SLIP_TEST = "Printer test"
SLIP_PATRON = "Patron"
SLIP_CARD = "Card"
SLIP_ITEM = "Item"
SLIP_TITLE = "Title"
SLIP_ACCESSORIES = "Accessories"
SLIP_DUE = "Due"
SLIP_RETURNED = "Returned"
SLIP_AMOUNT = "Amount"
SLIP_PAID = "Paid"
SLIP_METHOD = "Method"
SLIP_RECEIPT_NO = "Receipt no."
SLIP_REASON = "For"
SLIP_BALANCE = "Balance"
SLIP_PICKUP_AT = "Pick up at"
SLIP_HOLD_UNTIL = "Hold until"
SLIP_FROM = "From"
SLIP_TO = "To"
SLIP_SLIP_NO = "Slip no."
SLIP_DESK = "Desk"
SLIP_STAFF = "Staff"
SLIP_DATE = "Date"
SLIP_ITEMS_COUNT = "Items"
SLIP_FINE = "Fine"
SLIP_MANUAL_NOTE = "Recorded offline; it will be entered when the system is back."
