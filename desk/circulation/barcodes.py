"""Barcode sanity checks and the mod-10 (Luhn) check digit of 14-digit library numbering.

The common numbering is 14 digits: 2 (patron) or 3 (item), a 4-digit institution code, an
8-digit serial and a Luhn check digit. Other barcodes are accepted as they are.
"""

from __future__ import annotations

from desk.circulation.notices import CirculationRefused
from desk.numbering import (has_valid_check_digit, is_library_number, luhn_check_digit,
                            with_check_digit)

MAX_BARCODE_LENGTH = 64


def check_barcode(code: str, *, check_digits: bool) -> str:
    """``code`` stripped, or ``CirculationRefused`` (barcode_invalid / barcode_check_digit)."""
    if not isinstance(code, str):
        raise CirculationRefused.one("barcode_invalid", detail=f"not text: {code!r}")
    cleaned = code.strip()
    if not cleaned:
        raise CirculationRefused.one("barcode_invalid", detail="empty")
    if len(cleaned) > MAX_BARCODE_LENGTH:
        raise CirculationRefused.one(
            "barcode_invalid", detail=f"{len(cleaned)} characters, at most {MAX_BARCODE_LENGTH}")
    if not (cleaned.isascii() and cleaned.isprintable()) or " " in cleaned:
        raise CirculationRefused.one("barcode_invalid", detail=f"unexpected characters in {cleaned!r}")
    if check_digits and is_library_number(cleaned):
        if not has_valid_check_digit(cleaned):
            raise CirculationRefused.one("barcode_check_digit", barcode=cleaned)
    return cleaned


__all__ = ["MAX_BARCODE_LENGTH", "check_barcode", "is_library_number", "luhn_check_digit",
           "with_check_digit"]
