"""A subject-access export (個資法 第 3 條, 第 10 條): everything the library holds on one
patron, as plain JSON-ready data.

The patron record (the photo as base64 JPEG), their loans (anonymised ones no longer name them
and are not included), the loans they collected as someone's proxy (without the other patron),
holds, charges, payments with their allocations, waivers, refunds, lost-item claims, the proxy
authorisations in both directions (the other person's name only), and the audit rows that name
their card. Nothing of any other patron. Staff are not named (desks are). Reading and the audit
row of the export (``privacy_export``) are one transaction.
"""

from __future__ import annotations

import base64
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from desk.circulation.notices import CirculationRefused
from desk.circulation.privacy.admin import require_admin
from desk.circulation.store import LibraryStore
from desk.models import (AuditEvent, Biblio, Charge, Desk, Hold, Item, Loan, Location, LostClaim,
                         Patron, PatronCategory, Payment, PaymentAllocation, Proxy, Waiver)
from desk.models.settlement import SettlementAdjustment

EXPORT_FORMAT = "circulation-desk-subject-access/1"


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _row(**values: Any) -> dict[str, Any]:
    return {key: _plain(value) for key, value in values.items()}


def export_patron(store: LibraryStore, barcode: str, *, by: object) -> dict[str, Any]:
    """Everything held on the patron with card ``barcode``; ``by`` a signed-in administrator.
    Refused (``CirculationRefused``): ``patron_not_found``, ``privacy_admin_required``,
    ``approval_not_authenticated``. The export is audited (``privacy_export``)."""
    if not isinstance(barcode, str) or not barcode.strip():
        raise CirculationRefused.one("patron_not_found", barcode=repr(barcode)[:40])
    code = barcode.strip()
    with store.sessions() as session, session.begin():
        actor = require_admin(store, session, by)
        patron = session.scalars(select(Patron).where(Patron.barcode == code)).first()
        if patron is None:
            raise CirculationRefused.one("patron_not_found", barcode=code[:64])
        data = _gather(store, session, patron)
        session.add(AuditEvent(at=store.now(), action="privacy_export", outcome="done",
                               staff_id=actor.id, patron_barcode=patron.barcode,
                               detail={"sections": {k: len(v) for k, v in data.items()
                                                    if isinstance(v, list)}}))
    return data


def _gather(store: LibraryStore, session: Session, patron: Patron) -> dict[str, Any]:
    desks = dict(session.execute(select(Desk.id, Desk.code)).all())
    locations = dict(session.execute(select(Location.id, Location.code)).all())
    category = session.get(PatronCategory, patron.category)
    return {
        "format": EXPORT_FORMAT,
        "exported_at": store.now().isoformat(),
        "currency": store.policy.currency,
        "patron": _row(
            barcode=patron.barcode, name=patron.name, category=patron.category,
            category_name=category.name if category else None, expires_on=patron.expires_on,
            email=patron.email, phone=patron.phone, department=patron.department,
            home_location=locations.get(patron.home_location_id or -1),
            blocked=patron.blocked, block_message=patron.block_message,
            message=patron.message, lifetime_loans=patron.lifetime_loans,
            created_at=patron.created_at,
            photo_jpeg_base64=base64.b64encode(patron.photo).decode("ascii")
            if patron.photo else None),
        "loans": _loans(session, Loan.patron_id == patron.id, desks),
        "loans_collected_as_proxy": _loans(session, Loan.proxy_id == patron.id, desks,
                                           as_proxy=True),
        "holds": _holds(session, patron, locations),
        "charges": [_row(id=c.id, kind=c.kind, amount=c.amount, paid=c.paid, waived=c.waived,
                         outstanding=c.outstanding, created_at=c.created_at,
                         description=c.description, item_barcode=item_barcode)
                    for c, item_barcode in session.execute(
                        select(Charge, Item.barcode).outerjoin(Item, Charge.item_id == Item.id)
                        .where(Charge.patron_id == patron.id).order_by(Charge.id))],
        "payments": _payments(session, patron, desks),
        "waivers": [_row(charge_id=w.charge_id, amount=w.amount, reason=w.reason,
                         waived_at=w.waived_at, desk=desks.get(w.desk_id))
                    for w in session.scalars(
                        select(Waiver).join(Charge, Waiver.charge_id == Charge.id)
                        .where(Charge.patron_id == patron.id).order_by(Waiver.id))],
        "refunds": [_row(receipt_no=a.receipt_no, method=a.method, amount=a.amount,
                         reason=a.reason, created_at=a.created_at, desk=desks.get(a.desk_id))
                    for a in session.scalars(
                        select(SettlementAdjustment)
                        .where(SettlementAdjustment.patron_id == patron.id)
                        .order_by(SettlementAdjustment.id))],
        "lost_claims": [_row(item_barcode=item_barcode, opened_at=claim.opened_at,
                             deadline=claim.deadline, status=claim.status,
                             closed_at=claim.closed_at)
                        for claim, item_barcode in session.execute(
                            select(LostClaim, Item.barcode)
                            .join(Item, LostClaim.item_id == Item.id)
                            .where(LostClaim.patron_id == patron.id)
                            .order_by(LostClaim.id))],
        "proxies": _proxies(session, patron),
        "audit": [_row(at=e.at, action=e.action, outcome=e.outcome, desk=e.desk_code,
                       item_barcode=e.item_barcode, codes=e.codes, reason=e.reason,
                       detail=e.detail)
                  for e in session.scalars(select(AuditEvent)
                                           .where(AuditEvent.patron_barcode == patron.barcode)
                                           .order_by(AuditEvent.id))],
    }


def _loans(session: Session, which: Any, desks: dict[int, str], *,
           as_proxy: bool = False) -> list[dict[str, Any]]:
    rows = []
    for loan, item_barcode, title in session.execute(
            select(Loan, Item.barcode, Biblio.title).join(Item, Loan.item_id == Item.id)
            .join(Biblio, Item.biblio_id == Biblio.id).where(which)
            .order_by(Loan.out_at, Loan.id)):
        row = _row(item_barcode=item_barcode, title=title, out_at=loan.out_at,
                   due_at=loan.due_at, returned_at=loan.returned_at, desk=desks.get(loan.desk_id))
        if not as_proxy:
            row.update(_row(renewals=loan.renewals, hourly=loan.hourly, origin=loan.origin,
                            return_desk=desks.get(loan.return_desk_id or -1),
                            collected_by_proxy=loan.proxy_id is not None))
        rows.append(row)
    return rows


def _holds(session: Session, patron: Patron,
           locations: dict[int, str]) -> list[dict[str, Any]]:
    return [_row(title=title, item_barcode=item_barcode, kind=hold.kind, status=hold.status,
                 pickup_location=locations.get(hold.pickup_location_id),
                 placed_at=hold.placed_at, waiting_since=hold.waiting_since,
                 shelf_expires_at=hold.shelf_expires_at, closed_at=hold.closed_at)
            for hold, title, item_barcode in session.execute(
                select(Hold, Biblio.title, Item.barcode)
                .join(Biblio, Hold.biblio_id == Biblio.id)
                .outerjoin(Item, Hold.item_id == Item.id)
                .where(Hold.patron_id == patron.id).order_by(Hold.id))]


def _payments(session: Session, patron: Patron,
              desks: dict[int, str]) -> list[dict[str, Any]]:
    payments = list(session.scalars(select(Payment).where(Payment.patron_id == patron.id)
                                    .order_by(Payment.id)))
    allocations: dict[int, list[dict[str, Any]]] = {}
    if payments:
        for allocation in session.scalars(select(PaymentAllocation).where(
                PaymentAllocation.payment_id.in_([p.id for p in payments]))
                .order_by(PaymentAllocation.id)):
            allocations.setdefault(allocation.payment_id, []).append(
                {"charge_id": allocation.charge_id, "amount": allocation.amount})
    return [_row(receipt_no=p.receipt_no, method=p.method, amount=p.amount, tendered=p.tendered,
                 paid_at=p.paid_at, business_date=p.business_date, desk=desks.get(p.desk_id),
                 voided_at=p.voided_at, void_reason=p.void_reason,
                 allocations=allocations.get(p.id, []))
            for p in payments]


def _proxies(session: Session, patron: Patron) -> list[dict[str, Any]]:
    other = aliased(Patron)
    rows = []
    for proxy, name in session.execute(
            select(Proxy, other.name).join(other, other.id == Proxy.proxy_id)
            .where(Proxy.patron_id == patron.id).order_by(Proxy.id)):
        rows.append(_row(direction="may_borrow_for_me", name=name,
                         valid_until=proxy.valid_until, note=proxy.note))
    for proxy, name in session.execute(
            select(Proxy, other.name).join(other, other.id == Proxy.patron_id)
            .where(Proxy.proxy_id == patron.id).order_by(Proxy.id)):
        rows.append(_row(direction="i_may_borrow_for", name=name,
                         valid_until=proxy.valid_until, note=proxy.note))
    return rows


__all__ = ["EXPORT_FORMAT", "export_patron"]
