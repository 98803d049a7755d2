"""One validation layer for every argument that crosses the API boundary (DESIGN.md sections 5
and 9): the circulation facade, the setup API, the importer and the offline replay all check
their input here, before anything reaches the database.

Each check takes the value and the argument's name and returns the value as it is stored
(text stripped, amounts as ``int``), or raises ``InvalidArgument``: a ``CirculationRefused``
with a stable code and a message in the user's language, which is also a ``ValueError`` (what
the setup API raised already). Nothing here touches a session; no raw ``TypeError``,
``OverflowError`` or database error is left for a caller to meet.

The limits are the columns' own: text no longer than its column, whole numbers within the
range of the id columns (32-bit on PostgreSQL), amounts below the ``max_amount`` setting and never above what one
amount column holds on PostgreSQL (a 32-bit integer).
"""

from __future__ import annotations

import re

import unicodedata
from collections.abc import Collection, Iterable, Mapping
from datetime import date, datetime
from typing import Any

from desk import wording
from desk.circulation.barcodes import check_barcode
from desk.circulation.notices import CirculationRefused, Notice, Override

MAX_ID = 2 ** 63 - 1            # record ids are 64-bit at most (PostgreSQL bigint)
MAX_COLUMN_INTEGER = 2 ** 31 - 1  # amount and count columns are 32-bit on PostgreSQL
MAX_RECORD_ID = MAX_COLUMN_INTEGER  # so are the id columns (Integer primary keys)
# Whole numbers of a rule or category (days, hours, items, renewals): generous, but far from
# what would overflow a date calculation.
MAX_DAYS = 36_600                 # a hundred years
MAX_COUNT = 1_000_000

# The longest text each argument may be: the columns' lengths, and the importer's.
TEXT_LIMITS: dict[str, int] = {
    "name": 200, "title": 500, "author": 300, "publisher": 300, "call_number": 100,
    "accessories": 500, "email": 200, "phone": 64, "department": 200, "message": 2000,
    "block_message": 2000, "note": 2000, "reason": 2000, "description": 500, "missing": 500,
    "code": 32, "desk": 32, "location": 32, "pickup_location": 32, "home_location": 32,
    "patron_category": 32, "category": 32, "item_type": 32, "login": 64, "receipt_no": 40,
    "method": 24, "kind": 24, "isbn": 20, "staff_flag": 32, "status": 16, "how": 16,
    "form_no": 64, "text": 2000,
}
# Control characters allowed in text of several lines (notes, messages, reasons).
LINE_BREAKS = frozenset("\n\r\t")


class InvalidArgument(CirculationRefused, ValueError):
    """An argument of the wrong kind, out of range, too long or not printable. A refusal like
    any other (``reasons``, ``codes``), and a ``ValueError`` for the setup API's callers."""


def refuse(code: str, /, **params: Any) -> InvalidArgument:
    """The refusal ``code`` with ``params`` (``field`` is given as the argument's name)."""
    if "field" in params:
        params["field"] = wording.field_name(str(params["field"]))
    return InvalidArgument([Notice.make(code, **params)])


def shown(value: object) -> str:
    """A short, printable picture of a bad value for a message (a 1 MB text is not echoed)."""
    if isinstance(value, str):
        picture = repr(value[:24]) + ("…" if len(value) > 24 else "")
    else:
        picture = repr(value)
        if len(picture) > 40:
            picture = picture[:39] + "…"
    return picture if picture.isprintable() else ascii(picture)[:42]


def wrong_type(field: str, expected: str, value: object) -> InvalidArgument:
    return refuse("argument_type", field=field, expected=wording.expected_name(expected),
                  got=shown(value))


# --- text ---------------------------------------------------------------------------------------
def has_control_characters(text: str, *, multiline: bool = False) -> bool:
    """Whether ``text`` holds a control character (NUL, ESC, BEL, DEL, ...) or a lone surrogate;
    ``multiline`` allows line breaks and tabs."""
    for char in text:
        if unicodedata.category(char) in ("Cc", "Cs"):
            if not (multiline and char in LINE_BREAKS):
                return True
    return False


def text(value: object, field: str, *, limit: int | None = None, multiline: bool = False) -> str:
    """Required text: a ``str``, stripped, not empty, at most ``limit`` characters (default the
    field's ``TEXT_LIMITS``), without control characters or lone surrogates (the ideographic
    space and private-use characters, the 造字 of rare names, are text)."""
    found = optional_text(value, field, limit=limit, multiline=multiline)
    if found is None:
        raise refuse("text_empty", field=field)
    return found


def optional_text(value: object, field: str, *, limit: int | None = None,
                  multiline: bool = False) -> str | None:
    """Text that may be left out: ``None`` or blank gives ``None``; otherwise as ``text``."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise wrong_type(field, "text", value)
    most = limit if limit is not None else TEXT_LIMITS.get(field, 2000)
    if len(value) > most:
        raise refuse("text_too_long", field=field, length=len(value), limit=most)
    if has_control_characters(value, multiline=multiline):
        raise refuse("text_control_characters", field=field)
    stripped = value.strip()
    return stripped or None


def code(value: object, field: str = "code") -> str:
    """A short code (desk, location, category, item type, payment method), as ``text`` with
    the field's column length (32 characters unless ``TEXT_LIMITS`` says otherwise)."""
    return text(value, field, limit=TEXT_LIMITS.get(field, 32))


def optional_code(value: object, field: str) -> str | None:
    return None if value is None else code(value, field)


EMAIL = re.compile(r"[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\".]+")


def email_address(value: object) -> str | None:
    """An e-mail address notices can be sent to, or ``None`` (none given)."""
    found = optional_text(value, "email")
    if found is not None and not EMAIL.fullmatch(found):
        raise refuse("notice_address_invalid", address=shown(found))
    return found


def notice_language(value: object) -> str:
    """The language of a patron's notices: 'zh_TW' or 'en'."""
    if value not in wording.LANGUAGES:
        raise refuse("notice_language_unknown", value=shown(value))
    return str(value)


def staff_login(value: object) -> str:
    """A staff login as ``add_staff`` and sign-in store it (64 characters, printable)."""
    return code(value, "login")


def staff_name(value: object) -> str:
    """A staff member's name as ``add_staff`` stores it (200 characters, printable)."""
    return text(value, "name")


# --- contact details ----------------------------------------------------------------------------
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")
_PHONE_CHARACTERS = frozenset("0123456789 -+()#")


def optional_email(value: object, field: str = "email") -> str | None:
    """An e-mail address of the shape name@host.domain (``email_invalid``), lower-cased so the
    same address typed twice is found as a duplicate; blank gives ``None``."""
    found = optional_text(value, field)
    if found is None:
        return None
    if not _EMAIL.fullmatch(found):
        raise refuse("email_invalid", value=shown(found))
    return found.lower()


def optional_phone(value: object, field: str = "phone") -> str | None:
    """A phone number as the desk keeps it: digits, a leading ``+`` and an extension after
    ``#``, without the spaces, dashes and brackets people type (``phone_invalid``)."""
    found = optional_text(value, field)
    if found is None:
        return None
    digits = sum(char.isascii() and char.isdigit() for char in found)
    if set(found) - _PHONE_CHARACTERS or digits < 6 or "+" in found[1:]:
        raise refuse("phone_invalid", value=shown(found))
    return "".join(char for char in found if char not in " -()")


# --- barcodes -----------------------------------------------------------------------------------
def barcode(value: object, field: str = "barcode", *, check_digits: bool) -> str:
    """A scanned or typed barcode (``desk.circulation.barcodes``), stripped."""
    if not isinstance(value, str):
        raise wrong_type(field, "text", value)
    try:
        return check_barcode(value, check_digits=check_digits)
    except CirculationRefused as refused:
        raise InvalidArgument(refused.reasons) from None


def optional_barcode(value: object, field: str, *, check_digits: bool) -> str | None:
    return None if value is None else barcode(value, field, check_digits=check_digits)


# --- numbers and money -------------------------------------------------------------------------
def _whole(value: object, field: str, expected: str) -> int:
    # bool is an int to Python, and a float or Decimal that happens to be whole is still a
    # typing error at the counter: only a true int is an amount or a count.
    if isinstance(value, bool) or not isinstance(value, int):
        raise wrong_type(field, expected, value)
    return value


def whole_number(value: object, field: str, *, low: int = 0, high: int = MAX_COUNT) -> int:
    """A whole number from ``low`` to ``high`` (a count of days, items, renewals)."""
    number = _whole(value, field, "whole_number")
    if not low <= number <= high:
        raise refuse("number_out_of_range", field=field, low=low, high=high,
                     value=shown(number))
    return number


def optional_whole_number(value: object, field: str, *, low: int = 0,
                          high: int = MAX_COUNT) -> int | None:
    return None if value is None else whole_number(value, field, low=low, high=high)


def money(value: object, field: str, *, maximum: int, positive: bool = False) -> int:
    """An amount in minor units: an ``int`` (not a bool or float), not negative (more than zero
    with ``positive``), at most ``maximum`` (the ``max_amount`` setting)."""
    amount = _whole(value, field, "amount")
    if positive and amount <= 0:
        raise refuse("amount_not_positive", field=field, amount=shown(amount))
    if amount < 0:
        raise refuse("amount_negative", field=field, amount=shown(amount))
    most = min(maximum, MAX_COLUMN_INTEGER)
    if amount > most:
        raise refuse("amount_too_large", field=field, amount=shown(amount), limit=most)
    return amount


def optional_money(value: object, field: str, *, maximum: int,
                   positive: bool = False) -> int | None:
    return None if value is None else money(value, field, maximum=maximum, positive=positive)


def record_id(value: object, field: str) -> int:
    """A record number: an ``int`` (not a bool or float), from 1 up to what the id columns hold
    (32-bit integers: PostgreSQL refuses to even compare a larger number with one)."""
    number = _whole(value, field, "record_id")
    if not 1 <= number <= MAX_RECORD_ID:
        raise refuse("number_out_of_range", field=field, low=1, high=MAX_RECORD_ID,
                     value=shown(number))
    return number


def record_ids(value: object, field: str) -> list[int]:
    """A list (or tuple) of record numbers."""
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
        raise wrong_type(field, "record_ids", value)
    return [record_id(one, field) for one in value]


def counted_money(value: object, field: str, *, methods: Collection[str],
                  maximum: int) -> dict[str, int]:
    """Amounts per payment method (``close_day``'s ``counted``): a dict from a configured
    method to an amount."""
    if not isinstance(value, Mapping):
        raise wrong_type(field, "amounts_by_method", value)
    counted: dict[str, int] = {}
    for method, amount in value.items():
        counted[payment_method(method, methods)] = money(amount, field, maximum=maximum)
    return counted


def denominations(value: object, field: str, *, maximum: int) -> dict[int, int] | None:
    """A cash count by banknote and coin: a dict from a face value (``int``, or its digits) to
    a count from 0 to ``maximum`` (which faces exist is the settlement's to check)."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise wrong_type(field, "amounts_by_method", value)
    for face, count in value.items():
        face_ok = (isinstance(face, int) and not isinstance(face, bool)) or (
            isinstance(face, str) and face.isascii() and face.isdigit() and len(face) < 10)
        count_ok = (isinstance(count, int) and not isinstance(count, bool)
                    and 0 <= count <= maximum)
        if not (face_ok and count_ok):
            raise refuse("denomination_invalid", detail=f"{shown(face)} x {shown(count)}")
    return dict(value)


# --- time ---------------------------------------------------------------------------------------
def aware_datetime(value: object, field: str) -> datetime:
    """A ``datetime`` with a time zone."""
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise wrong_type(field, "aware_datetime", value)
    return value


def optional_aware_datetime(value: object, field: str) -> datetime | None:
    return None if value is None else aware_datetime(value, field)


def a_date(value: object, field: str) -> date:
    """A calendar ``date`` (a ``datetime`` is not a date: which day would it be?)."""
    if not isinstance(value, date) or isinstance(value, datetime):
        raise wrong_type(field, "date", value)
    return value


def optional_date(value: object, field: str) -> date | None:
    return None if value is None else a_date(value, field)


def dates(value: object, field: str) -> list[date]:
    """Several dates (a list, tuple, set or other iterable that is not text)."""
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise wrong_type(field, "dates", value)
    return [a_date(day, field) for day in value]


# --- choices and flags --------------------------------------------------------------------------
def choice(value: object, field: str, choices: Collection[str]) -> str:
    """One of ``choices`` (an item status, a role, a payment method, a charge kind)."""
    if not isinstance(value, str):
        raise wrong_type(field, "text", value)
    if value not in choices:
        raise refuse("choice_unknown", field=field, choices=", ".join(sorted(choices)),
                     got=shown(value))
    return value


def payment_method(value: object, methods: Collection[str]) -> str:
    """A configured payment method (``payment_method_unknown`` otherwise)."""
    if not isinstance(value, str):
        raise wrong_type("method", "text", value)
    if value not in methods:
        raise refuse("payment_method_unknown", method=shown(value))
    return value


def payment_amount(value: object, *, maximum: int) -> int:
    """What a patron pays: more than zero (``payment_invalid_amount``), at most ``maximum``."""
    amount = _whole(value, "amount", "amount")
    if amount <= 0:
        raise refuse("payment_invalid_amount")
    return money(amount, "amount", maximum=maximum)


def optional_choice(value: object, field: str, choices: Collection[str]) -> str | None:
    return None if value is None else choice(value, field, choices)


def flag(value: object, field: str) -> bool:
    """``True`` or ``False`` (not 1, "yes" or None)."""
    if not isinstance(value, bool):
        raise wrong_type(field, "flag", value)
    return value


def override(value: object) -> Override | None:
    """``None`` or an ``Override`` whose codes are text and whose reason is printable text
    (the supervisor is checked by the operation, which knows who signed in)."""
    if value is None:
        return None
    if not isinstance(value, Override):
        raise wrong_type("override", "override", value)
    codes = value.codes
    if isinstance(codes, (str, bytes)) or not isinstance(codes, (list, tuple, set, frozenset)):
        raise wrong_type("override", "override", codes)
    for one in codes:
        code(one, "override")
    optional_text(value.reason, "reason", multiline=True)
    return value


__all__ = [
    "InvalidArgument", "MAX_COLUMN_INTEGER", "MAX_COUNT", "MAX_DAYS", "MAX_ID", "MAX_RECORD_ID",
    "TEXT_LIMITS",
    "a_date", "aware_datetime", "barcode", "choice", "code", "counted_money", "dates",
    "denominations", "flag", "has_control_characters", "money", "optional_aware_datetime",
    "optional_barcode", "optional_choice", "optional_code", "optional_date", "optional_email",
    "optional_money", "optional_phone",
    "optional_text", "optional_whole_number", "override", "payment_amount", "payment_method",
    "record_id", "record_ids", "refuse",
    "shown", "staff_login", "staff_name", "text", "whole_number", "wrong_type",
]
