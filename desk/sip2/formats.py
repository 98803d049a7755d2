"""How SIP2 writes values: dates (18 characters, local time), money (decimal, in the
library's currency), the yes/no flags, language codes, and screen messages in the patron's
language (``text_in``: the catalogue of ``desk.wording`` without its one global language,
since one server talks to patrons of both languages at once)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from desk.circulation.notices import Notice
from desk.currencies import CURRENCY_DECIMALS
from desk.wording import CATALOGUE
from desk.wording.circulation import STATUS_NAMES

# SIP2 language codes (2.00 specification): 001 English, 019 Chinese, 027 Taiwanese.
SIP_LANGUAGES = {"001": "en", "019": "zh_TW", "027": "zh_TW"}
LANGUAGE_CODES = {"en": "001", "zh_TW": "027"}
BLANK_DATE = " " * 18


def sip_datetime(moment: datetime, tz: ZoneInfo) -> str:
    """``YYYYMMDDZZZZHHMMSS`` in the library's local time (zone blank: local)."""
    return moment.astimezone(tz).strftime("%Y%m%d    %H%M%S")


def parse_sip_datetime(value: str, tz: ZoneInfo) -> datetime | None:
    """The moment an 18-character SIP2 date names (local time, or ``   Z`` for UTC); None
    when it is blank or not a date."""
    if len(value) != 18 or not value.strip():
        return None
    try:
        day = datetime.strptime(value[:8] + value[12:], "%Y%m%d%H%M%S")
    except ValueError:
        return None
    zone = ZoneInfo("UTC") if value[8:12].strip() == "Z" else tz
    return day.replace(tzinfo=zone)


def yes_no(flag: bool) -> str:
    return "Y" if flag else "N"


def sip_money(amount: int, currency: str) -> str:
    """Minor units as a decimal amount: 2050 TWD cents-free -> "2050", 1250 USD -> "12.50"."""
    decimals = CURRENCY_DECIMALS.get(currency, 2)
    if decimals == 0:
        return str(amount)
    return f"{Decimal(amount).scaleb(-decimals):.{decimals}f}"


def parse_sip_money(value: str, currency: str) -> int | None:
    """A decimal amount as minor units; None when it is not a positive amount the currency
    can hold exactly."""
    try:
        number = Decimal(value.strip())
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or number <= 0:
        return None
    minor = number.scaleb(CURRENCY_DECIMALS.get(currency, 2))
    if minor != minor.to_integral_value() or minor > 2_147_483_647:
        return None
    return int(minor)


def text_in(language: str, code: str, /, **params: Any) -> str:
    """The catalogue's message ``code`` in ``language`` ('en' or 'zh_TW')."""
    pair = CATALOGUE.get(code)
    if pair is None:
        return code
    template = pair[1] if language == "zh_TW" else pair[0]
    try:
        return template.format(**params) if params else template
    except (KeyError, IndexError, ValueError):
        return template


def notice_in(language: str, notice: Notice) -> str:
    """A refusal or notice in ``language`` (its parameters were kept when it was made; those
    that are words of the catalogue — an item status, "to this patron" — were made in the
    server's language and are put in ``language`` too)."""
    if notice.code in CATALOGUE and (notice.params or "{" not in CATALOGUE[notice.code][0]):
        params = {key: _word_in(language, value) for key, value in notice.params.items()}
        return text_in(language, notice.code, **params)
    return notice.message


def _words() -> dict[str, tuple[str, str]]:
    """Every parameterless wording, by its English and by its Chinese text."""
    if not _WORDS:
        for pair in [*STATUS_NAMES.values(), *CATALOGUE.values()]:
            if "{" not in pair[0] and pair[0].strip():
                _WORDS.setdefault(pair[0], pair)
                _WORDS.setdefault(pair[1], pair)
    return _WORDS


def _word_in(language: str, value: Any) -> Any:
    pair = _words().get(value) if isinstance(value, str) else None
    if pair is None:
        return value
    return pair[1] if language == "zh_TW" else pair[0]


_WORDS: dict[str, tuple[str, str]] = {}


__all__ = ["BLANK_DATE", "LANGUAGE_CODES", "SIP_LANGUAGES", "notice_in", "parse_sip_datetime",
           "parse_sip_money", "sip_datetime", "sip_money", "text_in", "yes_no"]
