"""Turns what a scanner sent into a barcode, or into a reason for refusing it. Pure Python.

The steps, in the order scanners add things: end-of-line characters trimmed; bytes that are not
printable ASCII refused (line noise, binary garbage, wrong baud rate); the configured prefix
stripped; an AIM symbology identifier (``]`` + code letter + modifier, e.g. ``]F0`` Codabar,
``]C0`` Code 128) stripped when enabled; the configured suffix stripped; Codabar start/stop
characters (A-D, or the alternates T N * E) stripped; length limits; and, when enabled, the
mod-10 (Luhn) check digit of 14-digit library numbers (first digit 2 patron / 3 item, then a
4-digit institution, an 8-digit serial and the check digit over the first 13 digits).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from desk.wording import devices as messages
from desk.wording import text as tr
from desk.numbering import has_valid_check_digit, is_library_number

CODABAR_DATA = frozenset("0123456789-$:/.+")
CODABAR_START_STOP = frozenset("ABCDTN*E")


class BarcodeKind(str, Enum):
    """What a 14-digit library number's first digit says it is."""

    PATRON = "patron"
    ITEM = "item"
    OTHER = "other"


def barcode_kind(code: str) -> BarcodeKind:
    """Patron card, item, or something else, by the library numbering pattern only."""
    if not is_library_number(code):
        return BarcodeKind.OTHER
    return BarcodeKind.PATRON if code[0] == "2" else BarcodeKind.ITEM


@dataclass(frozen=True)
class CleanResult:
    """A cleaned barcode (``code``) or why it was refused (``reason``); ``raw`` as received."""

    raw: str
    code: str = ""
    reason: str = ""
    ignored: bool = False

    @property
    def ok(self) -> bool:
        return not self.reason and not self.ignored and bool(self.code)


@dataclass(frozen=True)
class BarcodeCleaner:
    """Configurable cleaning of one scan line (see the module docstring for the steps)."""

    prefix: str = ""
    suffix: str = ""
    strip_codabar: bool = True
    strip_aim: bool = False
    check_digit: bool = False
    min_length: int = 1
    max_length: int = 64

    def clean(self, raw: bytes | str) -> CleanResult:
        """Clean one line; empty lines (a stray CR or LF) come back ``ignored``."""
        if isinstance(raw, bytes):
            try:
                text = raw.decode("ascii")
            except UnicodeDecodeError:
                shown = raw[:32].hex(" ")
                return CleanResult(raw=repr(raw), reason=tr(messages.SCAN_BINARY, detail=shown))
        else:
            text = raw
            if not text.isascii():
                return CleanResult(raw=text, reason=tr(messages.SCAN_BINARY, detail=repr(text[:32])))
        trimmed = text.strip("\r\n")
        if not trimmed.strip():
            return CleanResult(raw=text, ignored=True, reason=tr(messages.SCAN_EMPTY))
        if not trimmed.isprintable():
            return CleanResult(raw=text, reason=tr(messages.SCAN_NON_PRINTABLE, detail=repr(trimmed[:32])))
        code = trimmed.strip()
        if len(code) > self.max_length + len(self.prefix) + len(self.suffix) + 3 + 2:
            return self._too_long(text, code)
        if self.prefix and code.startswith(self.prefix):
            code = code[len(self.prefix):]
        if self.strip_aim and len(code) >= 3 and code[0] == "]" and code[1].isalpha():
            code = code[3:]
        if self.suffix and code.endswith(self.suffix):
            code = code[: -len(self.suffix)]
        if self.strip_codabar:
            code = strip_codabar_start_stop(code)
        if len(code) > self.max_length:
            return self._too_long(text, code)
        if len(code) < self.min_length:
            reason = tr(messages.SCAN_TOO_SHORT, length=len(code), limit=self.min_length)
            return CleanResult(raw=text, reason=reason)
        if any(char.isspace() for char in code):
            return CleanResult(raw=text, reason=tr(messages.SCAN_BAD_CHARACTERS, detail=repr(code)))
        if self.check_digit and is_library_number(code) and not has_valid_check_digit(code):
            return CleanResult(raw=text, reason=tr(messages.SCAN_CHECK_DIGIT, code=code))
        return CleanResult(raw=text, code=code)

    def _too_long(self, raw: str, code: str) -> CleanResult:
        reason = tr(messages.SCAN_TOO_LONG, length=len(code), limit=self.max_length)
        return CleanResult(raw=raw, reason=reason)


def strip_codabar_start_stop(code: str) -> str:
    """``A12345B`` -> ``12345``: only when both ends are start/stop characters around Codabar data."""
    if len(code) < 3:
        return code
    first, body, last = code[0].upper(), code[1:-1], code[-1].upper()
    if first in CODABAR_START_STOP and last in CODABAR_START_STOP and set(body) <= CODABAR_DATA:
        return body
    return code
