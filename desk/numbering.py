"""The common 14-digit library barcode numbering and its mod-10 (Luhn) check digit.

2 (patron card) or 3 (item), a 4-digit institution code, an 8-digit serial, and a Luhn check digit
over the first 13 digits. Shared by the circulation layer (validating what staff scan) and the
devices (scanner check-digit option, printed Codabar labels): neither may import the other.
"""

from __future__ import annotations

LIBRARY_NUMBER_LENGTH = 14


def luhn_check_digit(body: str) -> int:
    """The Luhn (mod-10) check digit for the digits ``body`` (the check digit itself excluded)."""
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
    """``body`` (13 digits for a library number) followed by its Luhn check digit."""
    if not body.isdigit():
        raise ValueError(f"not all digits: {body!r}")
    return body + str(luhn_check_digit(body))


def is_library_number(code: str) -> bool:
    """True for the 14-digit numbering: 2 (patron) or 3 (item), then 13 more digits."""
    return len(code) == LIBRARY_NUMBER_LENGTH and code.isdigit() and code[0] in "23"


def has_valid_check_digit(code: str) -> bool:
    """Whether the last digit of ``code`` is the Luhn check digit of the others."""
    return code.isdigit() and len(code) >= 2 and luhn_check_digit(code[:-1]) == int(code[-1])
