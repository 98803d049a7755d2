"""The floor of ``floor.py``: a checkout and a checkin in plain ``sqlite3`` doing the same checks
and writes as the desk, with the desk's PRAGMAs (WAL, ``synchronous=FULL``, foreign keys,
``BEGIN IMMEDIATE``). It counts its own statements (``BEGIN`` included, ``COMMIT`` not)."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desk.circulation import Library  # noqa: E402
from desk.circulation.calendar import Calendar  # noqa: E402
from desk.circulation.rules.due import loan_due  # noqa: E402
from desk.circulation.rules.fines import overdue_fine  # noqa: E402
from desk.models.audit_chain import row_hash  # noqa: E402
from desk.models.hold import ACTIVE_HOLD_STATUSES, TRAPPED_HOLD_STATUSES  # noqa: E402


def _ts(moment: datetime) -> str:
    """How ``UTCDateTime`` stores a time in SQLite: naive UTC with microseconds."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")


def _parse_ts(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def _in(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


class Refused(Exception):
    """The raw desk's refusal (the benchmark picks work that is not refused)."""


# --- the floor: raw sqlite3 -------------------------------------------------------------------
PATRON_SQL = """
SELECT p.id, p.category, p.expires_on, p.blocked, p.lifetime_loans,
       c.max_items_total, c.lifetime_item_limit,
       (SELECT count(*) FROM loans l WHERE l.patron_id = p.id AND l.returned_at IS NULL
                                       AND l.due_at < ?),
       (SELECT coalesce(sum(ch.amount - ch.paid - ch.waived), 0) FROM charges ch
         WHERE ch.patron_id = p.id),
       (SELECT min(lc.deadline) FROM lost_claims lc WHERE lc.patron_id = p.id
                                                      AND lc.status = 'open'),
       (SELECT count(*) FROM loans l WHERE l.patron_id = p.id AND l.returned_at IS NULL)
  FROM patrons p LEFT JOIN patron_categories c ON c.code = p.category
 WHERE p.barcode = ?"""
ITEM_SQL = f"""
SELECT i.id, i.status, i.loanable, i.item_type, i.biblio_id,
       (SELECT l.patron_id FROM loans l WHERE l.item_id = i.id AND l.returned_at IS NULL),
       (SELECT h.id FROM holds h WHERE h.biblio_id = i.biblio_id AND h.item_id = i.id
           AND h.status IN {_in(TRAPPED_HOLD_STATUSES)} AND h.patron_id <> ?1
         ORDER BY h.placed_at, h.id LIMIT 1),
       EXISTS (SELECT 1 FROM holds h WHERE h.biblio_id = i.biblio_id AND h.status = 'pending'
                                      AND h.patron_id <> ?1),
       (SELECT h.id FROM holds h WHERE h.biblio_id = i.biblio_id
           AND h.status IN {_in(ACTIVE_HOLD_STATUSES)} AND h.patron_id = ?1
           AND (h.item_id IS NULL OR h.item_id = i.id) ORDER BY h.placed_at, h.id LIMIT 1)
  FROM items i WHERE i.barcode = ?2"""
SAME_TYPE_SQL = """
SELECT count(*) FROM loans l JOIN items i ON i.id = l.item_id
 WHERE l.patron_id = ? AND l.returned_at IS NULL AND i.item_type = ?"""
CHECKIN_SQL = """
SELECT i.id, i.status, i.staff_flag, i.location_id, i.item_type, i.accessories,
       l.id, l.due_at, l.hourly, p.id, p.category,
       (SELECT 1 FROM lost_claims lc WHERE lc.loan_id = l.id AND lc.status = 'open'),
       h.id, h.pickup_location_id, hp.name
  FROM items i
  LEFT JOIN loans l ON l.item_id = i.id AND l.returned_at IS NULL
  LEFT JOIN patrons p ON p.id = l.patron_id
  LEFT JOIN holds h ON h.id = coalesce(
       (SELECT t.id FROM holds t WHERE t.item_id = i.id AND t.status = 'in_transit' LIMIT 1),
       (SELECT n.id FROM holds n WHERE n.biblio_id = i.biblio_id AND n.status = 'pending'
         ORDER BY n.placed_at, n.id LIMIT 1))
  LEFT JOIN patrons hp ON hp.id = h.patron_id
 WHERE i.barcode = ?"""


class RawDesk:
    """A checkout and a checkin in plain ``sqlite3``: the same checks and writes as the desk."""

    def __init__(self, path: str, desk_code: str, staff_id: int, library: Library) -> None:
        self.db = sqlite3.connect(path, isolation_level=None, timeout=30)
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON",
                       "busy_timeout=30000"):
            self.db.execute(f"PRAGMA {pragma}")
        self.policy = library.policy
        self.staff_id = staff_id
        self.desk_code = desk_code
        self.desk_id, self.location_id = self.db.execute(
            "SELECT id, location_id FROM desks WHERE code = ?", (desk_code,)).fetchone()
        # Reference rows are read once, as the desk caches them.
        self.rules = {(r[0], r[1]): r[2:] for r in self.db.execute(
            "SELECT patron_category, item_type, loan_days, loan_hours, held_loan_days, "
            "renewal_days, max_items, grace_days, fine_per_day, fine_cap FROM circulation_rules")}
        closed = {date.fromisoformat(d) for (d,) in self.db.execute(
            "SELECT day FROM closed_days WHERE location_id = ?", (self.location_id,))}
        self.calendar = Calendar(closed, self.policy.tz)
        self.statements = 0

    def _x(self, sql: str, params: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        self.statements += 1
        return self.db.execute(sql, params)

    def _rule(self, category: str, item_type: str) -> Any:
        row = self.rules.get((category, item_type))
        if row is None:
            return None
        loan_days, loan_hours, held, renewal_days, max_items, grace, per_day, cap = row
        return argparse.Namespace(loan_days=loan_days, loan_hours=loan_hours,
                                  held_loan_days=held, renewal_days=renewal_days,
                                  max_items=max_items, grace_days=grace, fine_per_day=per_day,
                                  fine_cap=cap)

    def _audit(self, now: datetime, action: str, patron: str | None, item: str,
               detail: dict[str, Any]) -> None:
        # Chained as the desk chains it (issue 13): read the head, hash, insert, move the head.
        last_id, last_hash = self._x(
            "SELECT last_id, last_hash FROM audit_chain_head WHERE id = 1").fetchone()
        row = {"id": last_id + 1, "at": now, "action": action, "outcome": "done",
               "staff_id": self.staff_id, "desk_code": self.desk_code, "patron_barcode": patron,
               "item_barcode": item, "detail": detail}
        digest = row_hash(last_hash, row)
        self._x("INSERT INTO audit_events (id, at, action, outcome, staff_id, desk_code, "
                "patron_barcode, item_barcode, detail, prev_hash, row_hash) "
                "VALUES (?, ?, ?, 'done', ?, ?, ?, ?, ?, ?, ?)",
                (row["id"], _ts(now), action, self.staff_id, self.desk_code, patron, item,
                 json.dumps(detail), last_hash, digest))
        self._x("UPDATE audit_chain_head SET last_id = ?, last_hash = ?, "
                "row_count = row_count + 1 WHERE id = 1", (row["id"], digest))

    def checkout(self, patron_barcode: str, item_barcode: str) -> int:
        now = datetime.now(timezone.utc)
        self._x("BEGIN IMMEDIATE")
        try:
            loan_id = self._checkout(now, patron_barcode, item_barcode)
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")
        return loan_id

    def _checkout(self, now: datetime, patron_barcode: str, item_barcode: str) -> int:
        row = self._x(PATRON_SQL, (_ts(now), patron_barcode)).fetchone()
        if row is None:
            raise Refused("patron_not_found")
        (patron_id, category, expires_on, blocked, lifetime, max_total, lifetime_limit,
         overdue, balance, claim_deadline, open_loans) = row
        today = self.calendar.local_date(now)
        if expires_on is not None and date.fromisoformat(expires_on) < today:
            raise Refused("patron_expired")
        if blocked or overdue or balance > self.policy.max_outstanding_fines:
            raise Refused("patron_blocked_or_owing")
        if claim_deadline is not None and date.fromisoformat(claim_deadline) < today:
            raise Refused("lost_claim_overdue")
        if max_total is not None and open_loans >= max_total:
            raise Refused("max_items_total")
        if lifetime_limit is not None and lifetime >= lifetime_limit:
            raise Refused("lifetime_limit")
        item = self._x(ITEM_SQL, (patron_id, item_barcode)).fetchone()
        if item is None:
            raise Refused("item_not_found")
        item_id, status, loanable, item_type, _biblio, loan_patron, trapped, others, own_hold = item
        if loan_patron is not None:
            raise Refused("item_checked_out")
        if not loanable or status not in ("available", "on_holds_shelf") or trapped is not None:
            raise Refused("item_not_available")
        rule = self._rule(category, item_type)
        if rule is None:
            raise Refused("no_rule")
        if open_loans >= rule.max_items and self._x(
                SAME_TYPE_SQL, (patron_id, item_type)).fetchone()[0] >= rule.max_items:
            raise Refused("max_items")
        due_at = loan_due(rule, now, self.calendar, others_waiting=bool(others))
        loan_id = self._x(
            "INSERT INTO loans (item_id, patron_id, desk_id, staff_id, out_at, due_at, hourly, "
            "renewals, origin) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 'desk')",
            (item_id, patron_id, self.desk_id, self.staff_id, _ts(now), _ts(due_at),
             rule.loan_hours is not None)).lastrowid
        self._x("UPDATE items SET status = 'on_loan', current_location_id = NULL WHERE id = ?",
                (item_id,))
        self._x("UPDATE patrons SET lifetime_loans = lifetime_loans + 1 WHERE id = ?",
                (patron_id,))
        if own_hold is not None:
            self._x("UPDATE holds SET status = 'fulfilled', item_id = ?, closed_at = ? "
                    "WHERE id = ?", (item_id, _ts(now), own_hold))
        self._audit(now, "checkout", patron_barcode, item_barcode,
                    {"loan_id": loan_id, "due_at": due_at.isoformat()})
        assert loan_id is not None
        return loan_id

    def checkin(self, item_barcode: str) -> str:
        now = datetime.now(timezone.utc)
        self._x("BEGIN IMMEDIATE")
        try:
            route = self._checkin(now, item_barcode)
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")
        return route

    def _checkin(self, now: datetime, item_barcode: str) -> str:
        row = self._x(CHECKIN_SQL, (item_barcode,)).fetchone()
        if row is None:
            raise Refused("item_not_found")
        (item_id, status, staff_flag, home_id, item_type, _accessories, loan_id, due_at, hourly,
         patron_id, category, claim, hold_id, pickup_id, _hold_patron) = row
        fine = 0
        if loan_id is not None:
            self._x("UPDATE loans SET returned_at = ?, return_desk_id = ? WHERE id = ?",
                    (_ts(now), self.desk_id, loan_id))
            if claim is not None:
                self._x("UPDATE lost_claims SET status = 'void', closed_at = ? "
                        "WHERE loan_id = ? AND status = 'open'", (_ts(now), loan_id))
            rule = self._rule(category, item_type)
            due = _parse_ts(due_at)
            if rule is not None:
                charged = overdue_fine(rule, due, now, self.calendar, hourly=bool(hourly))
                fine = charged.amount
                if fine > 0:
                    self._x(
                        "INSERT INTO charges (patron_id, kind, amount, paid, waived, loan_id, "
                        "item_id, created_at, description, desk_id, staff_id, fine_units, "
                        "fine_unit, fine_rate, fine_due_at, fine_returned_at, fine_capped) "
                        "VALUES (?, 'overdue', ?, 0, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (patron_id, fine, loan_id, item_id, _ts(now),
                         f"{item_barcode}: {charged.units} {charged.unit}(s) late", self.desk_id,
                         self.staff_id, charged.units, charged.unit, rule.fine_per_day,
                         _ts(due), _ts(now), charged.capped))
        here = self.location_id
        if staff_flag is not None:
            route, new_status, current = "staff", "available", here if home_id != here else None
        elif hold_id is not None:
            if pickup_id == here:
                today = self.calendar.local_date(now)
                expires = self.calendar.end_of_day(self.calendar.add_open_days(
                    today, self.policy.holds_shelf_open_days))
                self._x("UPDATE holds SET item_id = ?, status = 'waiting', waiting_since = ?, "
                        "shelf_expires_at = ? WHERE id = ?",
                        (item_id, _ts(now), _ts(expires), hold_id))
                route, new_status, current = "holds_shelf", "on_holds_shelf", here
            else:
                self._x("UPDATE holds SET item_id = ?, status = 'in_transit' WHERE id = ?",
                        (item_id, hold_id))
                route, new_status, current = "transit", "in_transit", pickup_id
        elif home_id != here:
            route, new_status, current = "transit", "in_transit", home_id
        else:
            route, new_status, current = "shelve", "available", None
        self._x("UPDATE items SET status = ?, current_location_id = ? WHERE id = ?",
                (new_status, current, item_id))
        self._audit(now, "checkin", None, item_barcode,
                    {"route": route, "fine": fine, "loan_id": loan_id})
        return route

    def close(self) -> None:
        self.db.close()
