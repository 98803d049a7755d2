"""The last known copy of patrons, items, rules and calendars, for checking offline checkouts.

``refresh_snapshot`` copies what the offline checks need from the library database into a
small local SQLite file (written to a temporary file and renamed into place, so a crash mid
refresh leaves the previous copy). ``Snapshot.check_checkout`` then gives the due date and the
warnings an offline checkout should show — never a refusal: offline, staff decide at the
counter and the replay applies the rules again. When something cannot be checked (no copy, a
card or item not in the copy) it says so.
"""

from __future__ import annotations

import os
import sqlite3
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from desk.circulation.calendar import Calendar
from desk.circulation.library import Library
from desk.circulation.notices import Notice
from desk.circulation.offline.messages import notice
from desk.circulation.rules import loan_due
from desk.models import (Biblio, Charge, CirculationRule, ClosedDay, Desk, Item, Loan, Location,
                         Patron, PatronCategory)

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE patrons (barcode TEXT PRIMARY KEY, name TEXT, category TEXT, expires_on TEXT,
                      blocked INTEGER, block_message TEXT, open_loans INTEGER, overdue INTEGER,
                      owes INTEGER);
CREATE TABLE items (barcode TEXT PRIMARY KEY, title TEXT, item_type TEXT, status TEXT,
                    loanable INTEGER, has_strip INTEGER, accessories TEXT);
CREATE TABLE rules (category TEXT, item_type TEXT, loan_days INTEGER, loan_hours INTEGER,
                    max_items INTEGER, held_loan_days INTEGER, PRIMARY KEY (category, item_type));
CREATE TABLE closed_days (desk TEXT, day TEXT);
CREATE TABLE categories (code TEXT PRIMARY KEY, name TEXT);
"""


def refresh_snapshot(library: Library, path: Path | str) -> int:
    """Copy the library's patrons, items, rules and closed days to ``path``; returns the number
    of patrons and items copied."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".new")
    temporary.unlink(missing_ok=True)
    now = library.now()
    with library.sessions() as session:
        open_loans = Counter(dict(session.execute(select(Loan.patron_id, func.count()).where(
            Loan.returned_at.is_(None)).group_by(Loan.patron_id)).all()))
        overdue = Counter(dict(session.execute(select(Loan.patron_id, func.count()).where(
            Loan.returned_at.is_(None), Loan.due_at < now).group_by(Loan.patron_id)).all()))
        owes = dict(session.execute(select(
            Charge.patron_id, func.sum(Charge.amount - Charge.paid - Charge.waived)).group_by(
            Charge.patron_id)).all())
        patrons = [(p.barcode, p.name, p.category, p.expires_on.isoformat() if p.expires_on else None,
                    int(p.blocked), p.block_message, open_loans[p.id], overdue[p.id],
                    int(owes.get(p.id) or 0)) for p in session.scalars(select(Patron))]
        items = list(session.execute(select(
            Item.barcode, Biblio.title, Item.item_type, Item.status, Item.loanable, Item.has_strip,
            Item.accessories).join(Biblio, Item.biblio_id == Biblio.id)).all())
        rules = [(r.patron_category, r.item_type, r.loan_days, r.loan_hours, r.max_items,
                  r.held_loan_days) for r in session.scalars(select(CirculationRule))]
        closed = [(desk_code, day.isoformat()) for desk_code, day in session.execute(
            select(Desk.code, ClosedDay.day).join(Location, Desk.location_id == Location.id)
            .join(ClosedDay, ClosedDay.location_id == Location.id)).all()]
        categories = list(session.execute(select(PatronCategory.code, PatronCategory.name)).all())
    connection = sqlite3.connect(temporary)
    try:
        connection.executescript(SCHEMA)
        connection.executemany("INSERT INTO patrons VALUES (?,?,?,?,?,?,?,?,?)", patrons)
        connection.executemany("INSERT INTO items VALUES (?,?,?,?,?,?,?)",
                               [tuple(row) for row in items])
        connection.executemany("INSERT INTO rules VALUES (?,?,?,?,?,?)", rules)
        connection.executemany("INSERT INTO closed_days VALUES (?,?)", closed)
        connection.executemany("INSERT INTO categories VALUES (?,?)",
                               [tuple(row) for row in categories])
        connection.executemany("INSERT INTO meta VALUES (?,?)", [
            ("refreshed_at", now.astimezone(timezone.utc).isoformat()),
            ("timezone", library.policy.timezone),
            ("max_outstanding_fines", str(library.policy.max_outstanding_fines))])
        connection.commit()
    finally:
        connection.close()
    with open(temporary, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    return len(patrons) + len(items)


@dataclass(frozen=True)
class SnapshotPatron:
    """A card as the local copy knows it (``category_name``: as online, the category's name)."""

    barcode: str
    name: str
    category: str
    category_name: str
    expires_on: date | None
    blocked: bool
    block_message: str | None
    open_loans: int
    overdue: int
    owes: int


@dataclass(frozen=True)
class OfflineCheck:
    due_at: datetime | None
    warnings: list[Notice]
    title: str = ""
    patron_name: str = ""
    has_strip: bool = True


class Snapshot:
    """Read side of the local copy (``None``-safe: ``Snapshot.open`` of a missing file)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        self._db.row_factory = sqlite3.Row
        meta = dict(self._db.execute("SELECT key, value FROM meta"))
        self.refreshed_at = datetime.fromisoformat(meta["refreshed_at"])
        self.max_outstanding_fines = int(meta.get("max_outstanding_fines", "0"))

    @classmethod
    def open(cls, path: Path | str) -> "Snapshot | None":
        try:
            return cls(path)
        except (sqlite3.Error, KeyError, ValueError):
            return None

    def close(self) -> None:
        self._db.close()

    def _row(self, table: str, barcode: str) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self._db.execute(f"SELECT * FROM {table} WHERE barcode = ?",
                                                   (barcode,)).fetchone()
        return row

    def patron(self, barcode: str) -> SnapshotPatron | None:
        """The card ``barcode`` as of the copy, or None when it is not in the copy."""
        row = self._row("patrons", barcode)
        if row is None:
            return None
        code = row["category"] or ""
        try:
            named = self._db.execute("SELECT name FROM categories WHERE code = ?",
                                     (code,)).fetchone()
        except sqlite3.OperationalError:       # a copy made before categories were copied
            named = None
        return SnapshotPatron(
            barcode=barcode, name=row["name"] or "", category=code,
            category_name=(named["name"] if named and named["name"] else code),
            expires_on=date.fromisoformat(row["expires_on"]) if row["expires_on"] else None,
            blocked=bool(row["blocked"]), block_message=row["block_message"],
            open_loans=int(row["open_loans"] or 0), overdue=int(row["overdue"] or 0),
            owes=int(row["owes"] or 0))

    def item_title(self, barcode: str) -> str:
        row = self._row("items", barcode)
        return row["title"] if row else ""

    def item_accessories(self, barcode: str) -> str | None:
        """The accessories handed out with ``barcode`` (None: none, or not in the copy)."""
        row = self._row("items", barcode)
        return (row["accessories"] or None) if row else None

    def check_checkout(self, patron: str, item: str, at: datetime, desk: str, tz: ZoneInfo,
                       lent_offline: int = 0) -> OfflineCheck:
        """Due date and warnings for lending ``item`` to ``patron`` at ``at`` (``lent_offline``:
        loans this patron has had offline since the copy was made)."""
        from desk.circulation.messages import status_name
        warnings: list[Notice] = []
        p, i = self._row("patrons", patron), self._row("items", item)
        if p is None:
            warnings.append(notice("offline_patron_unknown", barcode=patron))
        else:
            if p["expires_on"] and date.fromisoformat(p["expires_on"]) < at.astimezone(tz).date():
                warnings.append(Notice.make("patron_expired", expires=p["expires_on"]))
            if p["blocked"]:
                warnings.append(Notice.make("patron_blocked", message=p["block_message"] or ""))
            if p["overdue"]:
                warnings.append(Notice.make("patron_has_overdue", count=p["overdue"]))
            if p["owes"] > self.max_outstanding_fines:
                warnings.append(Notice.make("patron_owes_fines", amount=str(p["owes"])))
        if i is None:
            warnings.append(notice("offline_item_unknown", barcode=item))
        elif i["status"] not in ("available", "on_holds_shelf") or not i["loanable"]:
            warnings.append(Notice.make("item_status", barcode=item,
                                        status=status_name(i["status"])))
        due = None
        if p is not None and i is not None:
            rule = self._db.execute("SELECT * FROM rules WHERE category = ? AND item_type = ?",
                                    (p["category"], i["item_type"])).fetchone()
            if rule is None:
                warnings.append(Notice.make("item_not_loanable", barcode=item,
                                            detail=f"no rule for {p['category']}/{i['item_type']}"))
            else:
                if p["open_loans"] + lent_offline >= rule["max_items"]:
                    warnings.append(Notice.make("patron_loan_limit", item_type=i["item_type"],
                                                count=p["open_loans"] + lent_offline,
                                                limit=rule["max_items"]))
                days = {date.fromisoformat(d) for (d,) in self._db.execute(
                    "SELECT day FROM closed_days WHERE desk = ?", (desk,))}
                copied = CirculationRule(   # not added to any session: the rule as copied
                    patron_category=rule["category"], item_type=rule["item_type"],
                    loan_days=rule["loan_days"], loan_hours=rule["loan_hours"],
                    max_items=rule["max_items"], held_loan_days=rule["held_loan_days"])
                due = loan_due(copied, at, Calendar(days, tz))
        if i is not None and i["accessories"]:
            warnings.append(Notice.make("accessories", accessories=i["accessories"]))
        if at - self.refreshed_at > timedelta(days=1):
            warnings.append(notice("offline_unchecked", what=f"changes since {self.refreshed_at:%Y-%m-%d}"))
        return OfflineCheck(due, warnings, title=i["title"] if i else "",
                            patron_name=p["name"] if p else "",
                            has_strip=bool(i["has_strip"]) if i else True)
