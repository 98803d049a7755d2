"""How dates and amounts read on screen and on slips (library time zone, library currency)."""

from __future__ import annotations

import re
from datetime import date, datetime, tzinfo

from desk.circulation import Library
from desk.config import Config


def local(library: Library, moment: datetime) -> datetime:
    return moment.astimezone(library.policy.tz)


def due_text(library: Library, due: datetime, *, hourly: bool) -> str:
    """'2026-03-01' for day loans and day deadlines, with the time for hourly loans (the loan
    says which: ``hourly``)."""
    when = local(library, due)
    return f"{when:%Y-%m-%d %H:%M}" if hourly else f"{when:%Y-%m-%d}"


def slip_time(tz: tzinfo, moment: datetime) -> datetime:
    """A moment as slips print it: the library's wall-clock time (naive; ``tz``: the
    library's time zone, ``Library.policy.tz``)."""
    return moment.astimezone(tz).replace(tzinfo=None)


def slip_due(tz: tzinfo, due: datetime | None, *, hourly: bool) -> date | datetime | None:
    """A due date as slips print it, online and offline: the day for day loans, the time too
    for hourly loans (as the loan says); None when not known yet (an offline checkout
    without a local copy)."""
    if due is None:
        return None
    when = slip_time(tz, due)
    return when if hourly else when.date()


def date_text(day: date | None) -> str:
    return "" if day is None else f"{day:%Y-%m-%d}"


def money(library: Library, amount: int) -> str:
    return library.policy.money(amount)


def is_patron_code(config: Config, code: str) -> bool:
    """A code that looks like a patron card by the ``patron_pattern`` setting."""
    try:
        return re.search(config.get("patron_pattern"), code) is not None
    except re.error:
        return False


def is_item_code(config: Config, code: str) -> bool:
    try:
        return re.search(config.get("item_pattern"), code) is not None
    except re.error:
        return False
