"""Counting what a library holds, for the demo's closing summary and its tests."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from desk.circulation import Library
from desk.models import (Biblio, Charge, Hold, Item, Loan, Location, LostClaim, Patron, Payment,
                         Settlement, StaffUser)


def count_library(library: Library, now: datetime, *, quick: bool = False) -> dict[str, int]:
    """Numbers by name: what is in the library and what state its circulation is in."""
    with library.read_sessions() as session:
        def count(model, *where) -> int:
            return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)

        counts = {"locations": count(Location), "staff": count(StaffUser),
                  "patrons": count(Patron), "items": count(Item)}
        if quick:
            return counts
        open_loans = (Loan.returned_at.is_(None),)
        counts.update({
            "titles": count(Biblio),
            "loans": count(Loan),
            "open loans": count(Loan, *open_loans),
            "overdue loans": count(Loan, *open_loans, Loan.due_at < now),
            "hourly loans": count(Loan, Loan.hourly.is_(True)),
            "holds pending": count(Hold, Hold.status == "pending"),
            "holds in transit": count(Hold, Hold.status == "in_transit"),
            "holds waiting": count(Hold, Hold.status == "waiting", Hold.shelf_expires_at >= now),
            "holds expired on shelf": count(Hold, Hold.status == "waiting",
                                            Hold.shelf_expires_at < now),
            "holds fulfilled": count(Hold, Hold.status == "fulfilled"),
            "items in transit": count(Item, Item.status == "in_transit"),
            "charges": count(Charge),
            "charges unpaid": count(Charge, Charge.amount > Charge.paid + Charge.waived),
            "charges waived": count(Charge, Charge.waived > 0),
            "unpaid total": int(session.scalar(select(func.coalesce(func.sum(
                Charge.amount - Charge.paid - Charge.waived), 0))) or 0),
            "payments": count(Payment),
            "paid total": int(session.scalar(select(func.coalesce(func.sum(Payment.amount), 0)))
                              or 0),
            "settlements": count(Settlement),
            "lost claims open": count(LostClaim, LostClaim.status == "open"),
            "blocked patrons": count(Patron, Patron.blocked.is_(True)),
            "expired cards": count(Patron, Patron.expires_on < now.date()),
        })
        return counts
