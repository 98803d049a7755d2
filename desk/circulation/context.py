"""The context one circulation operation runs in: its session, desk, staff, clock and rules.

Operations look patrons and items up, collect refusal reasons, and call ``enforce`` once, which
either lets them through (no reasons, or a valid supervisor override) or raises.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.circulation.barcodes import check_barcode
from desk.circulation.calendar import Calendar
from desk.circulation.replaced import patron_missing
from desk.wording import reason_name, reason_names
from desk.circulation.notices import OVERRIDABLE, CirculationRefused, Notice, Override
from desk.models import CirculationRule, Desk, Item, Location, Patron, StaffUser

if TYPE_CHECKING:
    from desk.circulation.policy import Policy
    from desk.circulation.store import LibraryStore


@dataclass
class OpContext:
    session: Session
    library: "LibraryStore"
    desk: Desk
    staff: StaffUser
    now: datetime
    notices: list[Notice] = field(default_factory=list)
    overridden: list[str] = field(default_factory=list)
    supervisor: StaffUser | None = None
    override_reason: str | None = None
    # Set by the service for an operation that may write its own audit row in its write
    # statement (one round trip less on PostgreSQL): the audit row's columns given its detail.
    # The operation sets ``audit_written`` when it did.
    audit_row: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    audit_written: bool = False

    @property
    def policy(self) -> Policy:
        return self.library.policy

    def calendar(self, location_id: int) -> Calendar:
        return self.library.calendar(self.session, location_id)

    @property
    def desk_calendar(self) -> Calendar:
        return self.calendar(self.desk.location_id)

    @property
    def today(self) -> date:
        return self.desk_calendar.local_date(self.now)

    def clock_after_lock(self) -> datetime:
        """Read the clock again now that the operation holds its row locks, and date its
        writes by that (never earlier than the time read before). Another desk's write of the
        same rows committed before the locks were granted is then dated earlier than this one,
        so a checkin is never dated before the checkout it closes (issue 13, item 5)."""
        self.now = max(self.now, self.library.now())
        return self.now

    def money(self, amount: int) -> str:
        return self.library.policy.money(amount)

    def notice(self, code: str, **params: object) -> Notice:
        made = Notice.make(code, **params)
        self.notices.append(made)
        return made

    # --- lookups ---------------------------------------------------------------------------
    def barcode(self, code: str) -> str:
        return check_barcode(code, check_digits=self.library.policy.check_digits)

    def patron(self, barcode: str, *, lock: bool = False) -> Patron:
        code = self.barcode(barcode)
        query = select(Patron).where(Patron.barcode == code)
        if lock:
            query = query.with_for_update()
        patron = self.session.scalars(query).one_or_none()
        if patron is None:
            raise patron_missing(self.session, code, self.desk_calendar.tz)
        return patron

    def item(self, barcode: str, *, lock: bool = False) -> Item:
        code = self.barcode(barcode)
        query = select(Item).where(Item.barcode == code)
        if lock:
            query = query.with_for_update(of=Item)
        item = self.session.scalars(query).one_or_none()
        if item is None:
            raise CirculationRefused.one("item_not_found", barcode=code)
        return item

    def location(self, code: str) -> Location:
        location = self.session.scalars(select(Location).where(Location.code == code)).one_or_none()
        if location is None:
            raise CirculationRefused.one("location_not_found", code=code)
        return location

    def location_name(self, location_id: int) -> str:
        return self.library.location_name(self.session, location_id)

    def rule(self, patron: Patron, item: Item) -> CirculationRule | None:
        return self.library.rule(self.session, patron.category, item.item_type)

    # --- supervisors and overrides ---------------------------------------------------------
    def require_supervisor(self, supervisor: object) -> StaffUser:
        """The supervisor as stored now (role and active flag re-read), or a refusal: a staff
        object this library did not issue from a sign-in is ``approval_not_authenticated``."""
        if supervisor is None:
            raise CirculationRefused.one("supervisor_required", login="?")
        staff_id = self.library.issued_staff_id(supervisor)
        if staff_id is None:
            raise CirculationRefused.one("approval_not_authenticated",
                                         login=_login_of(supervisor))
        fresh = self.session.get(StaffUser, staff_id)
        if fresh is None or not fresh.is_supervisor:
            raise CirculationRefused.one("supervisor_required", login=_login_of(supervisor))
        return fresh

    def require_approval(self, supervisor: object, reason: str | None) -> StaffUser:
        """``require_supervisor`` for what also needs a written reason (voids, waivers,
        corrections, adjustments)."""
        approver = self.require_supervisor(supervisor)
        if not (reason or "").strip():
            raise CirculationRefused.one("reason_required")
        return approver

    def enforce(self, reasons: list[Notice], override: Override | None) -> None:
        if not reasons:
            return
        if override is None:
            raise CirculationRefused(reasons)
        final = [r for r in reasons if not r.overridable]
        if final:
            raise CirculationRefused(final)
        codes = set(override.codes)
        not_allowed = sorted(codes - OVERRIDABLE)
        if not_allowed:
            raise CirculationRefused([Notice.make("not_overridable", code=reason_name(c))
                                      for c in not_allowed])
        missing = [r for r in reasons if r.code not in codes]
        if missing:
            raise CirculationRefused(missing)
        if not (override.reason or "").strip():
            raise CirculationRefused.one("reason_required")
        self.supervisor = self.require_supervisor(override.supervisor)
        self.override_reason = override.reason.strip()
        self.overridden.extend(r.code for r in reasons)
        self.notice("overridden", supervisor=self.supervisor.name,
                    codes=reason_names(r.code for r in reasons))



def _login_of(staff: object) -> str:
    login = getattr(staff, "login", None)
    return login[:64] if isinstance(login, str) and login else "?"
