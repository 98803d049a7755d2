"""Paper manual slips keyed in after an outage (SOP 5.8.2.3.1, 5.8.3.3).

A ``ManualSlip`` is one paper form: its printed number, checkout or return, the patron's card
(checkouts), one or more item barcodes, and the date and time written on it. Each field is
checked as it is entered (``check_*``: an error message or ``None``). ``SlipBook`` keeps the
keyed-in slips in a local journal file (fsync'd per slip, source ``slip``) so a crash while
keying in a stack loses nothing; each item of a slip becomes one replay entry whose
transaction id comes from the slip (number, kind, item), so keying a slip twice is caught here
and replaying it twice applies it once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from desk.circulation.offline.journal import Journal, JournalEntry
from desk.wording import text

KIND_KEYS = {"c": "checkout", "o": "checkout", "1": "checkout", "借": "checkout",
             "r": "checkin", "i": "checkin", "2": "checkin", "還": "checkin"}
BARCODE = re.compile(r"^[A-Za-z0-9\-]{3,32}$")
WHEN_FORMATS = [
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})$"), "ymdhm"),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), "ymd"),
    (re.compile(r"^(\d{1,2})[-/](\d{1,2}) (\d{1,2}):(\d{2})$"), "mdhm"),
    (re.compile(r"^(\d{2})(\d{2}) (\d{2})(\d{2})$"), "mdhm"),
]


@dataclass(frozen=True)
class ManualSlip:
    slip_no: str
    kind: str
    patron: str | None
    items: tuple[str, ...]
    at: datetime
    due: date | None = None

    def entries(self, desk: str, staff: str) -> list[JournalEntry]:
        return [JournalEntry(txn_id=f"slip:{self.slip_no}:{self.kind}:{item}",
                             slip_no=self.slip_no, at=self.at, kind=self.kind, item=item,
                             patron=self.patron, desk=desk, staff=staff, source="slip")
                for item in self.items]


def check_slip_no(typed: str, used: set[str]) -> str | None:
    value = typed.strip()
    if not value:
        return text("slip_no_missing")
    if not BARCODE.match(value):
        return text("slip_no_invalid", value=value)
    if value in used:
        return text("slip_keyed_already", slip=value)
    return None


def parse_kind(typed: str) -> str | None:
    value = typed.strip().lower()
    if value in ("checkout", "checkin"):
        return value
    return KIND_KEYS.get(value[:1]) if value else None


def check_barcode(typed: str, what: str = "item") -> str | None:
    """An error message when ``typed`` cannot be a barcode; ``what`` is "card" or "item"."""
    value = typed.strip()
    if not BARCODE.match(value):
        return text("slip_card_invalid" if what == "card" else "slip_item_invalid", value=value)
    return None


def parse_when(typed: str, *, tz: ZoneInfo, now: datetime) -> datetime | str:
    """The slip's date and time (local), or an error message. A date alone means the end of
    that day's service (23:59: the latest the slip can have been written); a month and day
    without a year take the latest such day not after today."""
    value = " ".join(typed.strip().split())
    for pattern, shape in WHEN_FORMATS:
        found = pattern.match(value)
        if not found:
            continue
        numbers = [int(n) for n in found.groups()]
        local_now = now.astimezone(tz)
        if shape == "ymdhm":
            year, month, day, hour, minute = numbers
        elif shape == "ymd":
            (year, month, day), hour, minute = numbers, 23, 59
        else:
            month, day, hour, minute = numbers
            year = local_now.year
            if (month, day) > (local_now.month, local_now.day):
                year -= 1
        try:
            moment = datetime(year, month, day, hour, minute, tzinfo=tz)
        except ValueError as error:
            return text("slip_date_invalid", value=value, error=error)
        if moment > now:
            return text("slip_date_future", at=f"{moment:%Y-%m-%d %H:%M}")
        return moment
    return text("slip_date_unreadable", value=value)


class SlipBook:
    """The slips keyed in at one desk (kept in ``path``; read back after a restart)."""

    def __init__(self, path: Path | str, desk: str, staff: str = "") -> None:
        self.journal = Journal(path, desk)
        self.desk = desk
        self.staff = staff
        self.entries: list[JournalEntry] = list(self.journal.read().entries)

    @property
    def slip_numbers(self) -> set[str]:
        return {entry.slip_no for entry in self.entries}

    def add(self, slip: ManualSlip) -> list[JournalEntry]:
        """Write the slip (durably) and return its entries; a slip keyed in twice is refused."""
        if slip.slip_no in self.slip_numbers:
            raise ValueError(text("slip_keyed_already", slip=slip.slip_no))
        if slip.kind == "checkout" and not slip.patron:
            raise ValueError(text("slip_needs_card"))
        if not slip.items:
            raise ValueError(text("slip_needs_items"))
        if len(set(slip.items)) != len(slip.items):
            raise ValueError(text("slip_item_twice"))
        new = slip.entries(self.desk, self.staff)
        for entry in new:
            self.journal.write(entry)
        self.entries += new
        return new
