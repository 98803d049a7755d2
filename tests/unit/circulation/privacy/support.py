"""A loan history for the privacy tests, on the small library: old loans paid, owed and clean,
an open loan and a recent one, with a closed day of takings."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from desk.circulation import Library
from desk.circulation.queries.money import settlement_report
from desk.models import Charge, Item, Loan, Payment, Settlement, StaffUser
from tests.support.clock import FakeClock
from tests.support.small_library import PASSWORDS, Desk


def make_history(desk: Desk, clock: FakeClock) -> None:
    """B001 (P001, fine paid), B003 (P002, fine owed), B004 (P003, on time) returned 200+ days
    ago; B005 (P001) still out; B006 (P003) returned yesterday. The day of the payment is
    closed."""
    for patron, item in (("P001", "B001"), ("P002", "B003"), ("P003", "B004"),
                         ("P001", "B005")):
        desk.main.checkout(patron, item)
    clock.advance(days=40)
    for item in ("B001", "B003", "B004"):
        desk.main.checkin(item)
    desk.main.pay("P001", 50, "cash")
    desk.main.close_day({"cash": 50}, supervisor=desk.boss)
    clock.advance(days=200)
    desk.main.checkout("P003", "B006")
    clock.advance(days=1)
    desk.main.checkin("B006")


def admin(library: Library) -> StaffUser:
    return library.sign_in("admin", PASSWORDS["admin"])


def money(library: Library) -> dict[str, Any]:
    """Every sum the money reports rest on, and the loan counts."""
    with library.read_sessions() as session:
        settlements = list(session.scalars(select(Settlement.id).order_by(Settlement.id)))
        totals = session.execute(select(
            func.sum(Charge.amount), func.sum(Charge.paid), func.sum(Charge.waived),
            func.count(Charge.id))).one()
        per_patron = dict(session.execute(select(
            Charge.patron_id, func.sum(Charge.amount - Charge.paid - Charge.waived))
            .group_by(Charge.patron_id)).all())
        paid = session.execute(select(func.sum(Payment.amount), func.count())).one()
        loans = session.scalar(select(func.count()).select_from(Loan))
        per_item = dict(session.execute(select(Item.barcode, func.count(Loan.id))
                                        .join(Loan, Loan.item_id == Item.id)
                                        .group_by(Item.barcode)).all())
    reports = [settlement_report(library, sid) for sid in settlements]
    return {"charges": tuple(totals), "owed": per_patron, "payments": tuple(paid),
            "loans": loans, "per_item": per_item,
            "settlements": [(r.total_expected, r.total_counted, r.total_difference, r.breakdowns)
                            for r in reports]}


def loan_of(library: Library, item: str) -> Loan:
    with library.read_sessions() as session:
        loan = session.scalars(select(Loan).join(Item, Loan.item_id == Item.id)
                               .where(Item.barcode == item)
                               .order_by(Loan.id.desc())).first()
        assert loan is not None
        session.expunge(loan)
        return loan
