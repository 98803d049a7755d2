"""The columns of the patron and item import files, and how each value is checked.

A parser takes the cell text (already stripped; empty means "not given") and returns the value
to store, or raises ``ValueError`` with a message for the user. Lengths are the API's
(``desk.circulation.validation.TEXT_LIMITS``), and text with control characters is refused
there as by the API. References to categories,
locations and item types are checked against the database by ``desk.importer.validate``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from desk.circulation.checkin import STAFF_FLAGS
from desk.circulation.policy import CURRENCY_DECIMALS
from desk.circulation.validation import MAX_COLUMN_INTEGER, TEXT_LIMITS
from desk.wording import text as wording

Parser = Callable[[str], Any]
TRUE = ("1", "y", "yes", "true", "t", "是", "有")
FALSE = ("0", "n", "no", "false", "f", "否", "無")


@dataclass(frozen=True)
class Column:
    name: str
    doc: str
    required: bool = False
    max_length: int | None = None
    parse: Parser | None = None
    # 'category', 'location' or 'item_type': the value must exist in the database.
    reference: str | None = None


def parse_date(text: str) -> date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError(wording("csv_bad_date", value=text))
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(wording("csv_no_such_day", value=text)) from None


def parse_bool(text: str) -> bool:
    lowered = text.lower()
    if lowered in TRUE:
        return True
    if lowered in FALSE:
        return False
    raise ValueError(wording("csv_not_yes_no", value=text))


def parse_year(text: str) -> int:
    if not re.fullmatch(r"\d{4}", text) or not 1000 <= int(text) <= 2200:
        raise ValueError(wording("csv_bad_year", value=text))
    return int(text)


def parse_parts(text: str) -> int:
    if not re.fullmatch(r"\d{1,3}", text) or not 1 <= int(text) <= 255:
        raise ValueError(wording("csv_bad_parts", value=text))
    return int(text)


def parse_isbn(text: str) -> str:
    compact = text.replace("-", "").replace(" ", "")
    if not re.fullmatch(r"\d{9}[\dXx]|\d{13}", compact):
        raise ValueError(wording("csv_bad_isbn", value=text))
    return compact.upper()


def parse_email(text: str) -> str:
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text):
        raise ValueError(wording("csv_bad_email", value=text))
    return text


def parse_staff_flag(text: str) -> str:
    if text not in STAFF_FLAGS:
        raise ValueError(wording("csv_bad_staff_flag", value=text,
                                 flags=", ".join(STAFF_FLAGS)))
    return text


def money_parser(currency: str, maximum: int = MAX_COLUMN_INTEGER) -> Parser:
    """Amounts in the currency's major units (``350`` or ``NT$1,200`` for TWD, ``12.50`` for
    USD) to integer minor units, at most ``maximum`` (the ``max_amount`` setting)."""
    decimals = CURRENCY_DECIMALS.get(currency, 2)

    def parse(text: str) -> int:
        cleaned = re.sub(r"^(NT\$|\$|" + re.escape(currency) + r")\s*", "", text).replace(",", "")
        try:
            amount = Decimal(cleaned)
        except InvalidOperation:
            raise ValueError(wording("csv_price_not_number", value=text)) from None
        if not amount.is_finite() or amount < 0:
            raise ValueError(wording("csv_price_negative", value=text))
        minor = amount * (10 ** decimals)
        if minor != minor.to_integral_value():
            raise ValueError(wording("csv_price_decimals", value=text,
                                     decimals=decimals, currency=currency))
        if minor > min(maximum, MAX_COLUMN_INTEGER):
            raise ValueError(wording("csv_price_too_large", value=text))
        return int(minor)
    return parse


def patron_columns() -> tuple[Column, ...]:
    return (
        Column("barcode", "Card barcode; 14-digit library cards (2…) need a valid check digit.",
               required=True, max_length=64),
        Column("name", "Full name as shown to staff.", required=True,
               max_length=TEXT_LIMITS["name"]),
        Column("category", "Patron category code, e.g. student, faculty.", required=True,
               max_length=TEXT_LIMITS["category"], reference="category"),
        Column("expires", "Card expiry date, YYYY-MM-DD; empty: no expiry.", parse=parse_date),
        Column("email", "E-mail address.", max_length=TEXT_LIMITS["email"], parse=parse_email),
        Column("phone", "Phone number.", max_length=TEXT_LIMITS["phone"]),
        Column("department", "Department or affiliation.",
               max_length=TEXT_LIMITS["department"]),
        Column("home_location", "Location code of the patron's home library.",
               max_length=TEXT_LIMITS["home_location"],
               reference="location"),
        Column("message", "Note shown to staff at every checkout.",
               max_length=TEXT_LIMITS["message"]),
    )


def item_columns(currency: str, max_amount: int = MAX_COLUMN_INTEGER) -> tuple[Column, ...]:
    return (
        Column("barcode", "Item barcode; 14-digit library numbers (3…) need a valid check digit.",
               required=True, max_length=64),
        Column("title", "Title.", required=True, max_length=TEXT_LIMITS["title"]),
        Column("item_type", "Item type code, e.g. book, cd, reserve.", required=True,
               max_length=TEXT_LIMITS["item_type"], reference="item_type"),
        Column("location", "Home location code, e.g. MAIN.", required=True,
               max_length=TEXT_LIMITS["location"],
               reference="location"),
        Column("price", f"Price in {currency} (used for lost-item compensation); empty: 0.",
               parse=money_parser(currency, max_amount)),
        Column("author", "Author.", max_length=TEXT_LIMITS["author"]),
        Column("isbn", "ISBN-10 or ISBN-13; copies with one ISBN share a title record.",
               parse=parse_isbn),
        Column("publisher", "Publisher.", max_length=TEXT_LIMITS["publisher"]),
        Column("year", "Year of publication.", parse=parse_year),
        Column("foreign", "yes for a foreign publication (3 months to compensate a loss).",
               parse=parse_bool),
        Column("call_number", "Call number.", max_length=TEXT_LIMITS["call_number"]),
        Column("accessories", "Accessories handed over with the item, e.g. 1 CD-ROM.",
               max_length=TEXT_LIMITS["accessories"]),
        Column("has_strip", "no when the item has no security strip; empty: yes.",
               parse=parse_bool),
        Column("parts", "Pieces lent together, each with its own RFID tag (a book and 2 CDs: "
               "3); empty: 1.", parse=parse_parts),
        Column("staff_flag", f"Returns go to staff: {', '.join(STAFF_FLAGS)}.",
               parse=parse_staff_flag),
    )
