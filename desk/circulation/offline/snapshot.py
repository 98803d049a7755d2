"""The last known copy of patrons, items, loans, holds, rules and calendars, for checking
offline checkouts.

``refresh_snapshot`` copies what the offline checks need from the library database into a
small local SQLite file (written to a temporary file and renamed into place, so a crash mid
refresh leaves the previous copy). ``Snapshot.check_checkout`` builds the same facts as the
online checkout reads (``desk.circulation.rules.facts``) from that copy and asks the same rules
(``desk.circulation.rules.eligibility``) — but what they refuse is only a warning: offline,
staff decide at the counter and the replay applies the rules again. When something cannot be
checked (no copy, a card or item not in the copy) it says so.
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
from sqlalchemy.orm import aliased

from desk.circulation.calendar import Calendar
from desk.circulation.library import Library
from desk.circulation.notices import Notice, notice

from desk.circulation.policy import Policy
from desk.circulation.rules import eligibility
from desk.circulation.rules.facts import ItemFacts, MessageFacts, PatronFacts, RuleFacts
from desk.models import (Biblio, Charge, CirculationRule, ClosedDay, Desk, Hold, Item, ItemType,
                         Loan, LoanClaim, Location, LostClaim, Patron, PatronCategory,
                         PatronMessage, ReplacedCard, StaffUser)
from desk.models.hold import ACTIVE_HOLD_STATUSES, TRAPPED_HOLD_STATUSES

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE patrons (barcode TEXT PRIMARY KEY, name TEXT, category TEXT, expires_on TEXT,
                      blocked INTEGER, block_message TEXT, open_loans INTEGER, overdue INTEGER,
                      owes INTEGER, message TEXT, lifetime_loans INTEGER, claim_deadline TEXT,
                      blocked_until TEXT, claims INTEGER);
CREATE TABLE categories (code TEXT PRIMARY KEY, max_items_total INTEGER,
                         lifetime_item_limit INTEGER, name TEXT);
CREATE TABLE items (barcode TEXT PRIMARY KEY, title TEXT, item_type TEXT, status TEXT,
                    loanable INTEGER, has_strip INTEGER, accessories TEXT, biblio_id INTEGER,
                    item_type_name TEXT, parts INTEGER);
CREATE TABLE loans (item TEXT, patron TEXT, item_type TEXT, due_ts REAL, claimed INTEGER);
CREATE INDEX loans_patron ON loans (patron);
CREATE INDEX loans_item ON loans (item);
CREATE TABLE holds (biblio_id INTEGER, patron TEXT, item TEXT, status TEXT);
CREATE INDEX holds_biblio ON holds (biblio_id);
CREATE TABLE rules (category TEXT, item_type TEXT, loan_days INTEGER, loan_hours INTEGER,
                    max_items INTEGER, held_loan_days INTEGER, renewals INTEGER,
                    renewal_days INTEGER, fine_per_day INTEGER, fine_cap INTEGER,
                    grace_days INTEGER, PRIMARY KEY (category, item_type));
CREATE TABLE closed_days (desk TEXT, day TEXT);
CREATE TABLE replaced_cards (barcode TEXT PRIMARY KEY, replaced_at TEXT);
CREATE TABLE messages (id INTEGER PRIMARY KEY, patron TEXT, text TEXT, author TEXT,
                       created_at TEXT);
CREATE INDEX messages_patron ON messages (patron);
"""


def refresh_snapshot(library: Library, path: Path | str) -> int:
    """Copy the library's patrons, items, open loans, holds, rules and closed days to ``path``;
    returns the number of patrons and items copied."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".new")
    temporary.unlink(missing_ok=True)
    now = library.now()
    with library.sessions() as session:
        open_loans = Counter(dict(session.execute(select(Loan.patron_id, func.count()).where(
            Loan.returned_at.is_(None)).group_by(Loan.patron_id)).all()))
        overdue = Counter(dict(session.execute(select(Loan.patron_id, func.count()).where(
            Loan.returned_at.is_(None), Loan.due_at < now, Loan.claimed_at.is_(None))
            .group_by(Loan.patron_id)).all()))
        made_claims = Counter(dict(session.execute(select(LoanClaim.patron_id, func.count())
                                                   .group_by(LoanClaim.patron_id)).all()))
        owes = dict(session.execute(select(
            Charge.patron_id, func.sum(Charge.amount - Charge.paid - Charge.waived)).group_by(
            Charge.patron_id)).all())
        claims = dict(session.execute(select(LostClaim.patron_id, func.min(LostClaim.deadline))
                                      .where(LostClaim.status == "open")
                                      .group_by(LostClaim.patron_id)).all())
        patrons = [(p.barcode, p.name, p.category,
                    p.expires_on.isoformat() if p.expires_on else None, int(p.blocked),
                    p.block_message, open_loans[p.id], overdue[p.id],
                    int(owes.get(p.id) or 0), p.message, p.lifetime_loans or 0,
                    claims[p.id].isoformat() if claims.get(p.id) else None,
                    p.blocked_until.isoformat() if p.blocked_until else None, made_claims[p.id])
                   for p in session.scalars(select(Patron))]
        replaced = [(code, at.isoformat()) for code, at in session.execute(
            select(ReplacedCard.barcode, ReplacedCard.replaced_at)).all()]
        messages = [(message_id, patron, body, author, at.isoformat())
                    for message_id, patron, body, author, at in session.execute(
                        select(PatronMessage.id, Patron.barcode, PatronMessage.text,
                               StaffUser.name, PatronMessage.created_at)
                        .join(Patron, Patron.id == PatronMessage.patron_id)
                        .outerjoin(StaffUser, StaffUser.id == PatronMessage.author_id)
                        .where(PatronMessage.acknowledged_at.is_(None))).all()]
        categories = list(session.execute(select(
            PatronCategory.code, PatronCategory.max_items_total,
            PatronCategory.lifetime_item_limit, PatronCategory.name)).all())
        items = list(session.execute(select(
            Item.barcode, Biblio.title, Item.item_type, Item.status, Item.loanable, Item.has_strip,
            Item.accessories, Item.biblio_id, ItemType.name, Item.parts)
            .join(Biblio, Item.biblio_id == Biblio.id)
            .outerjoin(ItemType, ItemType.code == Item.item_type)).all())
        loans = [(item, patron, item_type, due_at.timestamp(), int(claimed_at is not None))
                 for item, patron, item_type, due_at, claimed_at in session.execute(
                     select(Item.barcode, Patron.barcode, Item.item_type, Loan.due_at,
                            Loan.claimed_at)
                     .select_from(Loan).join(Item, Loan.item_id == Item.id)
                     .join(Patron, Loan.patron_id == Patron.id)
                     .where(Loan.returned_at.is_(None))).all()]
        held = aliased(Item)
        holds = list(session.execute(
            select(Hold.biblio_id, Patron.barcode, held.barcode, Hold.status)
            .select_from(Hold).join(Patron, Hold.patron_id == Patron.id)
            .outerjoin(held, Hold.item_id == held.id)
            .where(Hold.status.in_(ACTIVE_HOLD_STATUSES))).all())
        rules = [(r.patron_category, r.item_type, r.loan_days, r.loan_hours, r.max_items,
                  r.held_loan_days, r.renewals, r.renewal_days, r.fine_per_day, r.fine_cap,
                  r.grace_days) for r in session.scalars(select(CirculationRule))]
        closed = [(desk_code, day.isoformat()) for desk_code, day in session.execute(
            select(Desk.code, ClosedDay.day).join(Location, Desk.location_id == Location.id)
            .join(ClosedDay, ClosedDay.location_id == Location.id)).all()]
    connection = sqlite3.connect(temporary)
    try:
        connection.executescript(SCHEMA)
        connection.executemany("INSERT INTO patrons VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                               patrons)
        connection.executemany("INSERT INTO replaced_cards VALUES (?,?)", replaced)
        connection.executemany("INSERT INTO messages VALUES (?,?,?,?,?)", messages)
        connection.executemany("INSERT INTO categories VALUES (?,?,?,?)",
                               [tuple(row) for row in categories])
        connection.executemany("INSERT INTO items VALUES (?,?,?,?,?,?,?,?,?,?)",
                               [tuple(row) for row in items])
        connection.executemany("INSERT INTO loans VALUES (?,?,?,?,?)", loans)
        connection.executemany("INSERT INTO holds VALUES (?,?,?,?)", [tuple(row) for row in holds])
        connection.executemany("INSERT INTO rules VALUES (?,?,?,?,?,?,?,?,?,?,?)", rules)
        connection.executemany("INSERT INTO closed_days VALUES (?,?)", closed)
        connection.executemany("INSERT INTO meta VALUES (?,?)", [
            ("refreshed_at", now.astimezone(timezone.utc).isoformat()),
            ("timezone", library.policy.timezone),
            ("currency", library.policy.currency),
            ("max_outstanding_fines", str(library.policy.max_outstanding_fines)),
            ("claims_warning_threshold", str(library.policy.claims_warning_threshold))])
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
    decision: eligibility.CheckoutDecision | None = None   # what the online rules would say
    hourly: bool = False                                    # due at an exact time


class Snapshot:
    """Read side of the local copy (``None``-safe: ``Snapshot.open`` of a missing file)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        self._db.row_factory = sqlite3.Row
        self._meta = dict(self._db.execute("SELECT key, value FROM meta"))
        self.refreshed_at = datetime.fromisoformat(self._meta["refreshed_at"])
        self.max_outstanding_fines = int(self._meta.get("max_outstanding_fines", "0"))
        # A copy in an older layout cannot answer the checks: ``open`` then says there is none
        # (as for a missing file) until the next refresh replaces it.
        self._db.execute("SELECT due_ts, claimed FROM loans LIMIT 0")
        self._db.execute("SELECT barcode FROM replaced_cards LIMIT 0")

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

    # --- the facts, as the online checkout reads them -----------------------------------------
    def policy(self) -> Policy:
        """The policy values the rules need, as they were when the copy was made."""
        return Policy(timezone=self._meta["timezone"], currency=self._meta.get("currency", "TWD"),
                      max_outstanding_fines=self.max_outstanding_fines,
                      claims_warning_threshold=int(self._meta.get("claims_warning_threshold",
                                                                  "3")))

    def replaced_on(self, barcode: str) -> datetime | None:
        """When the card ``barcode`` was replaced, or None (not a replaced card in the copy)."""
        row = self._db.execute("SELECT replaced_at FROM replaced_cards WHERE barcode = ?",
                               (barcode,)).fetchone()
        return datetime.fromisoformat(row["replaced_at"]) if row else None

    def calendar(self, desk: str, tz: ZoneInfo) -> Calendar:
        days = {date.fromisoformat(d) for (d,) in self._db.execute(
            "SELECT day FROM closed_days WHERE desk = ?", (desk,))}
        return Calendar(days, tz)

    def patron_facts(self, barcode: str, at: datetime, lent_offline: int = 0) -> PatronFacts | None:
        """The patron's facts as of ``at`` (``lent_offline``: loans made offline since the copy)."""
        row = self._row("patrons", barcode)
        if row is None:
            return None
        overdue, open_loans = self._db.execute(
            "SELECT count(CASE WHEN due_ts < ? AND NOT claimed THEN 1 END), count(*) FROM loans "
            "WHERE patron = ?",
            (at.timestamp(), barcode)).fetchone()
        category = self._db.execute("SELECT * FROM categories WHERE code = ?",
                                    (row["category"],)).fetchone()
        return PatronFacts(
            barcode=barcode, name=row["name"] or "", category=row["category"],
            expires_on=_day(row["expires_on"]), blocked=bool(row["blocked"]),
            block_message=row["block_message"], message=row["message"], overdue=overdue,
            balance=int(row["owes"] or 0), first_claim_deadline=_day(row["claim_deadline"]),
            open_loans=open_loans + lent_offline, lifetime_loans=int(row["lifetime_loans"] or 0),
            max_items_total=category["max_items_total"] if category else None,
            lifetime_item_limit=category["lifetime_item_limit"] if category else None,
            blocked_until=_day(row["blocked_until"]), claims=int(row["claims"] or 0),
            messages=tuple(MessageFacts(m["id"], m["text"], m["author"],
                                        datetime.fromisoformat(m["created_at"]))
                           for m in self._db.execute(
                               "SELECT * FROM messages WHERE patron = ? ORDER BY created_at, id",
                               (barcode,))))

    def item_facts(self, barcode: str, patron: str, lent_offline: int = 0) -> ItemFacts | None:
        """The item's facts as ``patron`` would borrow it (``lent_offline``: loans the patron
        had offline since the copy, counted as of this item's type: their types are unknown)."""
        row = self._row("items", barcode)
        if row is None:
            return None
        loan = self._db.execute("SELECT patron FROM loans WHERE item = ? LIMIT 1",
                                (barcode,)).fetchone()
        trapped = self._db.execute(
            "SELECT 1 FROM holds WHERE item = ? AND status IN (?, ?) AND patron != ? LIMIT 1",
            (barcode, *TRAPPED_HOLD_STATUSES, patron)).fetchone()
        waiting = self._db.execute(
            "SELECT 1 FROM holds WHERE biblio_id = ? AND status = 'pending' AND patron != ? "
            "LIMIT 1", (row["biblio_id"], patron)).fetchone()
        (same_type,) = self._db.execute(
            "SELECT count(*) FROM loans WHERE patron = ? AND item_type = ?",
            (patron, row["item_type"])).fetchone()
        return ItemFacts(
            barcode=barcode, title=row["title"] or "", item_type=row["item_type"],
            item_type_name=row["item_type_name"] or row["item_type"], status=row["status"],
            loanable=bool(row["loanable"]), accessories=row["accessories"] or None,
            has_strip=bool(row["has_strip"]), loan_patron=loan["patron"] if loan else None,
            trapped_for_other=trapped is not None, others_waiting=waiting is not None,
            patron_loans_of_type=same_type + lent_offline,
            # a copy made before items had parts has no such column: one piece
            parts=int(row["parts"] or 1) if "parts" in row.keys() else 1)

    def rule_facts(self, category: str, item_type: str) -> RuleFacts | None:
        row = self._db.execute("SELECT * FROM rules WHERE category = ? AND item_type = ?",
                               (category, item_type)).fetchone()
        return RuleFacts.from_columns(dict(row)) if row is not None else None

    def check_checkout(self, patron: str, item: str, at: datetime, desk: str, tz: ZoneInfo,
                       lent_offline: int = 0, parts_seen: int | None = None) -> OfflineCheck:
        """Due date and warnings for lending ``item`` to ``patron`` at ``at`` (``lent_offline``:
        loans this patron has had offline since the copy was made; ``parts_seen``: the pieces
        an RFID pad read): what the online rules would refuse, then their warnings."""
        warnings: list[Notice] = []
        p = self.patron_facts(patron, at, lent_offline)
        i = self.item_facts(item, patron, lent_offline)
        if p is None:
            warnings.append(notice("offline_patron_unknown", barcode=patron))
        if i is None:
            warnings.append(notice("offline_item_unknown", barcode=item))
        calendar, policy = self.calendar(desk, tz), self.policy()
        decision, hourly = None, False
        if p is not None and i is not None:
            rule = self.rule_facts(p.category, i.item_type)
            decision = eligibility.decide_checkout(p, i, rule, now=at, calendar=calendar,
                                                   policy=policy, parts_seen=parts_seen)
            hourly = rule is not None and rule.loan_hours is not None
            warnings += ([decision.refusal] if decision.refusal else []) + decision.reasons
            warnings += decision.warnings
        elif p is not None:
            warnings += eligibility.patron_block_reasons(p, calendar.local_date(at), policy)
        elif i is not None:
            refusal = eligibility.item_state_refusal(i, patron)
            warnings += [refusal] if refusal is not None else []
            if i.accessories:
                warnings.append(Notice.make("accessories", accessories=i.accessories))
        if at - self.refreshed_at > timedelta(days=1):
            warnings.append(notice("offline_unchecked", what=f"changes since {self.refreshed_at:%Y-%m-%d}"))
        return OfflineCheck(decision.due_at if decision else None, warnings,
                            title=i.title if i else "", patron_name=p.name if p else "",
                            has_strip=i.has_strip if i else True, decision=decision,
                            hourly=hourly)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
