"""Patron queries: the patron panel (``patron_summary``), as-you-type search and history."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, func, select

from desk.circulation.checkout import patron_block_reasons
from desk.circulation.fine_details import fine_detail
from desk.circulation.queries.balance import outstanding_balance
from desk.circulation.queries.cards import messages_of
from desk.circulation.queries.common import (check_limit, contains, is_number, query_context,
                                             search_text, starts_with)
from desk.circulation.queries.rows import (ChargeRow, HistoryEvent, HoldRow, LoanRow,
                                           PatronRow, PatronSummary)
from desk.circulation.rules import overdue_fine
from desk.models import (AuditEvent, Biblio, Charge, Hold, Item, Loan, LoanClaim, Location,
                         Patron,
                         PatronCategory, ReplacedCard, StaffUser)
from desk.models.hold import ACTIVE_HOLD_STATUSES

if TYPE_CHECKING:
    from desk.circulation.store import LibraryStore


def patron_summary(library: "LibraryStore", barcode: str, *, desk: str | None = None) -> PatronSummary:
    """The patron with card ``barcode`` as the patron panel shows it: counts, balance, open
    loans (by due date), active holds, outstanding charges, and the reasons checkout would
    refuse now. ``desk`` (default: the first desk) sets the calendar for dates and fines.
    Raises ``CirculationRefused`` (patron_not_found, barcode_invalid)."""
    with library.read_sessions() as session:
        ctx = query_context(session, library, desk)
        patron = ctx.patron(barcode)
        category = session.get(PatronCategory, patron.category)
        calendar = ctx.desk_calendar
        loans: list[LoanRow] = []
        accruing = 0
        open_loans = session.execute(
            select(Loan, Item.barcode, Item.item_type, Item.call_number, Biblio.title)
            .join(Item, Loan.item_id == Item.id).join(Biblio, Item.biblio_id == Biblio.id)
            .where(Loan.patron_id == patron.id, Loan.returned_at.is_(None))
            .order_by(Loan.due_at, Loan.id))
        for loan, item_barcode, item_type, call_number, title in open_loans:
            fine = 0
            if loan.due_at < ctx.now:
                rule = library.rule(session, patron.category, item_type)
                if rule is not None:
                    fine = overdue_fine(rule, loan.due_at, ctx.now, calendar,
                                        hourly=loan.hourly, stopped_at=loan.claimed_at).amount
            accruing += fine
            loans.append(LoanRow(item_barcode=item_barcode, title=title, out_at=loan.out_at,
                                 due_at=loan.due_at, overdue=loan.due_at < ctx.now,
                                 renewals=loan.renewals, hourly=loan.hourly,
                                 call_number=call_number, accruing_fine=fine))
        holds = [
            HoldRow(hold_id=hold.id, title=title, status=hold.status, pickup_location=pickup,
                    placed_at=hold.placed_at, shelf_expires_at=hold.shelf_expires_at,
                    item_barcode=item_barcode)
            for hold, title, pickup, item_barcode in session.execute(
                select(Hold, Biblio.title, Location.name, Item.barcode)
                .join(Biblio, Hold.biblio_id == Biblio.id)
                .join(Location, Hold.pickup_location_id == Location.id)
                .outerjoin(Item, Hold.item_id == Item.id)
                .where(Hold.patron_id == patron.id, Hold.status.in_(ACTIVE_HOLD_STATUSES))
                .order_by(Hold.placed_at, Hold.id))]
        charges = [
            ChargeRow(charge_id=c.id, kind=c.kind, description=c.description, amount=c.amount,
                      paid=c.paid, waived=c.waived, outstanding=c.outstanding,
                      created_at=c.created_at, fine=fine_detail(c, ctx.desk_calendar.tz))
            for c in session.scalars(
                select(Charge).where(Charge.patron_id == patron.id,
                                     Charge.amount > Charge.paid + Charge.waived)
                .order_by(Charge.created_at, Charge.id))]
        return PatronSummary(
            barcode=patron.barcode, name=patron.name, category=patron.category,
            category_name=category.name if category else patron.category,
            expires_on=patron.expires_on,
            expired=patron.expires_on is not None and patron.expires_on < ctx.today,
            photo=patron.photo, blocked=patron.blocked, block_message=patron.block_message,
            message=patron.message, loans_count=len(loans),
            overdue_count=sum(1 for loan in loans if loan.overdue),
            holds_count=len(holds),
            waiting_holds_count=sum(1 for hold in holds if hold.status == "waiting"),
            balance=outstanding_balance(session, patron.id), accruing_fines=accruing,
            loans=loans, holds=holds, charges=charges,
            block_reasons=patron_block_reasons(ctx, patron),
            department=patron.department, email=patron.email, phone=patron.phone,
            messages=messages_of(session, patron.id),
            claims_count=session.scalar(select(func.count()).select_from(LoanClaim).where(
                LoanClaim.patron_id == patron.id)) or 0,
            blocked_until=patron.blocked_until)


def find_patrons(library: "LibraryStore", text: str, limit: int = 50) -> list[PatronRow]:
    """Patrons whose card starts with ``text`` or whose name contains it (ignoring case), for
    as-you-type search: exact card first, then card prefixes, name prefixes, name substrings."""
    needle = search_text(text)
    limit = check_limit(limit)
    if not needle:
        return []
    with library.read_sessions() as session:
        today = library.local_today()
        found: dict[int, Patron] = {}

        def take(where: ColumnElement[bool], *order: Any) -> None:
            if len(found) >= limit:
                return
            query = select(Patron).where(where).order_by(*order)
            if found:
                query = query.where(Patron.id.not_in(list(found)))
            for patron in session.scalars(query.limit(limit - len(found))):
                found[patron.id] = patron

        for code in dict.fromkeys((needle, needle.upper())):
            take(Patron.barcode == code, Patron.barcode)
        for code in dict.fromkeys((needle, needle.upper())):
            take(starts_with(session, Patron.barcode, code), Patron.barcode)
        take(starts_with(session, Patron.name, needle), Patron.name, Patron.id)
        if not is_number(needle):
            take(contains(session, Patron.name, needle), Patron.name, Patron.id)
        categories = dict(session.execute(select(PatronCategory.code, PatronCategory.name)
                                          .where(PatronCategory.code.in_(
                                              {p.category for p in found.values()}))).all())
        return [PatronRow(barcode=p.barcode, name=p.name, category=p.category,
                          category_name=categories.get(p.category, p.category),
                          expires_on=p.expires_on,
                          expired=p.expires_on is not None and p.expires_on < today,
                          blocked=p.blocked, department=p.department)
                for p in found.values()]


def patron_history(library: "LibraryStore", barcode: str, limit: int = 50) -> list[HistoryEvent]:
    """The newest ``limit`` events of the patron: audit events naming the card (checkouts,
    renewals, holds, payments, refusals and overrides) merged with the returns of their loans
    (a checkin's audit event names only the item). Raises ``CirculationRefused``
    (patron_not_found)."""
    limit = check_limit(limit)
    with library.read_sessions() as session:
        ctx = query_context(session, library, None)
        patron = ctx.patron(barcode)
        # The history of the cards the patron had before (replace_card) is the patron's too.
        cards = [patron.barcode, *session.scalars(select(ReplacedCard.barcode).where(
            ReplacedCard.patron_id == patron.id))]
        events = list(session.execute(
            select(AuditEvent, StaffUser.name)
            .outerjoin(StaffUser, AuditEvent.staff_id == StaffUser.id)
            .where(AuditEvent.patron_barcode.in_(cards))
            .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit)))
        returns = list(session.execute(
            select(Loan.returned_at, Item.barcode, Biblio.title)
            .join(Item, Loan.item_id == Item.id).join(Biblio, Item.biblio_id == Biblio.id)
            .where(Loan.patron_id == patron.id, Loan.returned_at.is_not(None))
            .order_by(Loan.returned_at.desc()).limit(limit)))
        barcodes = {event.item_barcode for event, _ in events if event.item_barcode}
        titles = dict(session.execute(
            select(Item.barcode, Biblio.title).join(Biblio, Item.biblio_id == Biblio.id)
            .where(Item.barcode.in_(barcodes))).all()) if barcodes else {}
        history = [HistoryEvent(at=event.at, action=event.action, outcome=event.outcome,
                                item_barcode=event.item_barcode,
                                title=titles.get(event.item_barcode or ""),
                                desk_code=event.desk_code,
                                staff_name=staff_name, codes=event.codes, reason=event.reason,
                                detail=event.detail)
                   for event, staff_name in events]
        history += [HistoryEvent(at=returned_at, action="return", outcome="done",
                                 item_barcode=item_barcode, title=title, desk_code=None,
                                 staff_name=None, codes=None, reason=None)
                    for returned_at, item_barcode, title in returns
                    if returned_at is not None]             # as the query says
        history.sort(key=lambda event: event.at, reverse=True)
        return history[:limit]


__all__ = ["find_patrons", "patron_history", "patron_summary"]
