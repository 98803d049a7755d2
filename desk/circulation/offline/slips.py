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


def check_slip_no(text: str, used: set[str]) -> str | None:
    value = text.strip()
    if not value:
        return "Enter the slip number printed on the form."
    if not BARCODE.match(value):
        return f"{value!r} is not a slip number (letters, digits and '-')."
    if value in used:
        return f"Slip {value} has been keyed in already."
    return None


def parse_kind(text: str) -> str | None:
    value = text.strip().lower()
    if value in ("checkout", "checkin"):
        return value
    return KIND_KEYS.get(value[:1]) if value else None


def check_barcode(text: str, what: str = "barcode") -> str | None:
    value = text.strip()
    if not BARCODE.match(value):
        return f"{value!r} is not a {what} (3-32 letters or digits)."
    return None


def parse_when(text: str, *, tz: ZoneInfo, now: datetime) -> datetime | str:
    """The slip's date and time (local), or an error message. A date alone means the end of
    that day's service (23:59: the latest the slip can have been written); a month and day
    without a year take the latest such day not after today."""
    value = " ".join(text.strip().split())
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
            return f"{value!r}: {error}."
        if moment > now:
            return f"{moment:%Y-%m-%d %H:%M} is in the future."
        return moment
    return f"{value!r}: write the date and time as 2026-11-02 14:30, 11-02 14:30 or 1102 1430."


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
            raise ValueError(f"Slip {slip.slip_no} has been keyed in already.")
        if slip.kind == "checkout" and not slip.patron:
            raise ValueError("A checkout slip needs the patron's card number.")
        if not slip.items:
            raise ValueError("A slip needs at least one item barcode.")
        if len(set(slip.items)) != len(slip.items):
            raise ValueError("The same item is twice on this slip.")
        new = slip.entries(self.desk, self.staff)
        for entry in new:
            self.journal.write(entry)
        self.entries += new
        return new
