"""Generate one business day of fines and payments with bulk inserts, and sum it independently.

Used by ``benchmarks/close_day.py`` (50,000 transactions) and the settlement tests (5,000 over 3
desks). Each transaction is a charge of a random kind and a payment of all or part of it at a
random desk, by a random cashier, in a random method, at a random time of the day; about one
payment in twenty is voided and one charge in thirty is partly waived. The rows go in with
SQLAlchemy Core ``insert()`` executemany, like ``benchmarks/generate.py``; the expected totals
are summed here in Python, apart from the database, so a test can hold the settlement to them.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, insert, select, text

from desk.circulation import Library
from desk.models import (Charge, Desk, Patron, Payment, PaymentAllocation, ReceiptCounter,
                         StaffUser, Waiver)

KINDS = ("overdue", "overdue_renewal", "billed_overdue", "lost_compensation", "lost_handling_fee",
         "lost_late", "card_deposit", "ill_fee", "adjustment")
BATCH = 20_000


@dataclass
class DeskTotals:
    """What one desk took in, summed while generating (voids excluded from the takings)."""

    by_method: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    by_cashier: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    by_fee: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    voided: list[str] = field(default_factory=list)
    voided_amount: int = 0
    waived: int = 0
    payments: int = 0


def _ids(connection: Any, model: Any) -> int:
    return int(connection.execute(select(func.coalesce(func.max(model.id), 0))).scalar())


def generate_day(library: Library, day: date, transactions: int, *, desks: list[str],
                 methods: tuple[str, ...] = ("cash", "easycard"), seed: int = 1,
                 supervisor_login: str | None = None) -> dict[str, DeskTotals]:
    """Insert ``transactions`` payments (with their charges) on ``day`` over ``desks``."""
    rng = random.Random(seed)
    tz = library.policy.tz
    opening = datetime.combine(day, time(8, 0), tz)
    with library.engine.connect() as connection:
        desk_ids = dict(connection.execute(select(Desk.code, Desk.id)
                                           .where(Desk.code.in_(desks))).all())
        staff = list(connection.execute(select(StaffUser.id, StaffUser.login)
                                        .order_by(StaffUser.id)).all())
        approver = next((sid for sid, login in staff if login == supervisor_login), staff[0][0])
        patrons = list(connection.scalars(select(Patron.id)))
        charge_id, payment_id = _ids(connection, Charge), _ids(connection, Payment)
        allocation_id, waiver_id = _ids(connection, PaymentAllocation), _ids(connection, Waiver)
        counters = {code: int(connection.execute(select(ReceiptCounter.last_number).where(
            ReceiptCounter.desk_id == desk_ids[code], ReceiptCounter.year == day.year))
            .scalar() or 0) for code in desks}
        fresh = {code for code in desks if counters[code] == 0}
        totals = {code: DeskTotals() for code in desks}
        charges, payments, allocations, waivers = [], [], [], []
        for n in range(transactions):
            code = rng.choice(desks)
            desk_id, (cashier_id, cashier) = desk_ids[code], rng.choice(staff)
            kind = rng.choice(KINDS)
            amount = rng.randrange(5, 1000, 5)
            paid_now = amount if rng.random() < 0.7 else rng.randrange(1, amount)
            voided = rng.random() < 0.05
            waived = (amount - paid_now) // 2 if rng.random() < 1 / 30 and amount > paid_now else 0
            at = opening + timedelta(seconds=rng.randrange(13 * 3600))
            charge_id += 1
            charges.append({"id": charge_id, "patron_id": rng.choice(patrons), "kind": kind,
                            "amount": amount, "paid": 0 if voided else paid_now, "waived": waived,
                            "loan_id": None, "item_id": None, "created_at": at,
                            "description": f"generated {kind}", "desk_id": desk_id,
                            "staff_id": cashier_id})
            counters[code] += 1
            payment_id += 1
            receipt = f"{code}-{day.year}-{counters[code]:06d}"
            method = rng.choice(methods)
            payments.append({
                "id": payment_id, "receipt_no": receipt, "patron_id": charges[-1]["patron_id"],
                "desk_id": desk_id, "staff_id": cashier_id, "method": method, "amount": paid_now,
                "tendered": paid_now + rng.choice((0, 0, 5, 50, 100)) if method == "cash" else None,
                "paid_at": at, "business_date": day,
                "voided_at": at + timedelta(minutes=5) if voided else None,
                "voided_by_id": approver if voided else None,
                "void_reason": "generated void" if voided else None})
            allocation_id += 1
            allocations.append({"id": allocation_id, "payment_id": payment_id,
                                "charge_id": charge_id, "amount": paid_now})
            desk_totals = totals[code]
            if voided:
                desk_totals.voided.append(receipt)
                desk_totals.voided_amount += paid_now
            else:
                desk_totals.by_method[method] += paid_now
                desk_totals.by_cashier[cashier] += paid_now
                desk_totals.by_fee[kind] += paid_now
                desk_totals.payments += 1
            if waived:
                waiver_id += 1
                waivers.append({"id": waiver_id, "charge_id": charge_id, "amount": waived,
                                "reason": "generated waiver", "staff_id": cashier_id,
                                "supervisor_id": approver, "desk_id": desk_id,
                                "waived_at": at + timedelta(minutes=1), "business_date": day,
                                "settlement_id": None})
                desk_totals.waived += waived
        for model, rows in ((Charge, charges), (Payment, payments),
                            (PaymentAllocation, allocations), (Waiver, waivers)):
            for start in range(0, len(rows), BATCH):
                connection.execute(insert(model), rows[start:start + BATCH])
        for code in desks:
            if code in fresh:
                connection.execute(insert(ReceiptCounter), [{
                    "desk_id": desk_ids[code], "year": day.year, "last_number": counters[code]}])
            else:
                connection.execute(ReceiptCounter.__table__.update().where(
                    ReceiptCounter.desk_id == desk_ids[code], ReceiptCounter.year == day.year)
                    .values(last_number=counters[code]))
        if connection.dialect.name == "postgresql":   # explicit ids: move the sequences on
            for model in (Charge, Payment, PaymentAllocation, Waiver):
                table = model.__tablename__
                connection.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT coalesce(max(id), 1) FROM {table}))"))
            connection.commit()
            connection.execute(text("ANALYZE payments, payment_allocations, charges, waivers"))
        connection.commit()
    for desk_totals in totals.values():
        desk_totals.voided.sort()
    return totals
