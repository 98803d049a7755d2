"""Barcode sanity checks and the mod-10 (Luhn) check digit of 14-digit library numbering.

The common numbering is 14 digits: 2 (patron) or 3 (item), a 4-digit institution code, an
8-digit serial and a Luhn check digit. Other barcodes are accepted as they are.
"""

from __future__ import annotations

from desk.circulation.notices import CirculationRefused

MAX_BARCODE_LENGTH = 64


def luhn_check_digit(body: str) -> int:
    """The Luhn check digit for the digits ``body`` (the check digit itself excluded)."""
    total = 0
    for position, char in enumerate(reversed(body)):
        digit = int(char)
        if position % 2 == 0:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return (10 - total % 10) % 10


def with_check_digit(body: str) -> str:
    return body + str(luhn_check_digit(body))


def is_library_number(code: str) -> bool:
    return len(code) == 14 and code.isdigit() and code[0] in "23"


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
        if luhn_check_digit(cleaned[:-1]) != int(cleaned[-1]):
            raise CirculationRefused.one("barcode_check_digit", barcode=cleaned)
    return cleaned
