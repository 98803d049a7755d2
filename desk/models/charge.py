"""Charges (fines and fees), payments with their receipt numbers, allocations and waivers.

Amounts are integer minor units and can never be negative (check constraints).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (Boolean, CheckConstraint, ForeignKey, Index, Integer, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desk.models.base import Base

CHARGE_KINDS = (
    "overdue",             # fine charged when an overdue item is returned
    "overdue_renewal",     # fine charged when an overdue item is renewed at the desk
    "billed_overdue",      # overdue fine of a lost item, billed when its claim is settled
    "lost_compensation",   # the price of a lost item, paid instead of a replacement copy
    "lost_handling_fee",   # handling fee when a replacement copy is brought (NT$100)
    "lost_late",           # NT$5 a day past the compensation deadline, capped
    "card_deposit",        # deposit for a library card (external borrowers)
    "ill_fee",             # inter-library pickup service fee (NT$20 per item)
    "delivery_fee",        # delivery from another location (SOP 5.3.9, NT$20 per item)
    "adjustment",          # a correction booked into a later, open day
)


class Charge(Base):
    __tablename__ = "charges"
    __table_args__ = (
        CheckConstraint("amount >= 0 AND paid >= 0 AND waived >= 0 AND paid + waived <= amount",
                        name="money"),
        CheckConstraint("fine_unit IS NULL OR fine_unit IN ('day', 'hour')", name="fine_unit"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    patron_id: Mapped[int] = mapped_column(ForeignKey("patrons.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    amount: Mapped[int] = mapped_column(Integer)
    paid: Mapped[int] = mapped_column(Integer, default=0)
    waived: Mapped[int] = mapped_column(Integer, default=0)
    loan_id: Mapped[int | None] = mapped_column(ForeignKey("loans.id"))
    # indexed: recreating the items table (an SQLite migration) checks every item's charges
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id"), index=True)
    created_at: Mapped[datetime]
    # e.g. "B001 Title: 12 day(s) late, due 2026-11-02 23:59, returned 2026-11-14 10:00" (a
    # record of what was charged, in English; screens tell a fine from the fields below)
    description: Mapped[str] = mapped_column(Text, default="")
    desk_id: Mapped[int | None] = mapped_column(ForeignKey("desks.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    # An overdue fine (kinds overdue, overdue_renewal, billed_overdue): how late, at what rate,
    # from which due date to which return, and whether the rule's cap cut it. NULL otherwise
    # (fine_rate also for fines older than these columns that reached the cap).
    fine_units: Mapped[int | None] = mapped_column(Integer)
    fine_unit: Mapped[str | None] = mapped_column(String(4))        # 'day' or 'hour'
    fine_rate: Mapped[int | None] = mapped_column(Integer)          # per day / hour, minor units
    fine_due_at: Mapped[datetime | None]
    fine_returned_at: Mapped[datetime | None]
    fine_capped: Mapped[bool | None] = mapped_column(Boolean)

    @property
    def outstanding(self) -> int:
        return self.amount - self.paid - self.waived


class Payment(Base):
    __tablename__ = "payments"
    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint("tendered IS NULL OR tendered >= amount", name="tendered_covers"),
        # A desk's payments of a run of business days: the settlement's scan. A payment belongs
        # to the first settlement of its desk on or after its business date (business dates of
        # new payments always come after the desk's last closed day), so closing a day writes
        # nothing to the payments themselves.
        Index("ix_payments_desk_day", "desk_id", "business_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    receipt_no: Mapped[str] = mapped_column(String(40), unique=True)
    patron_id: Mapped[int] = mapped_column(ForeignKey("patrons.id"), index=True)
    desk_id: Mapped[int] = mapped_column(ForeignKey("desks.id"))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    method: Mapped[str] = mapped_column(String(24))
    amount: Mapped[int] = mapped_column(Integer)
    # cash handed over (change = tendered - amount); None when not cash or not recorded
    tendered: Mapped[int | None] = mapped_column(Integer)
    paid_at: Mapped[datetime]
    business_date: Mapped[date] = mapped_column(index=True)
    voided_at: Mapped[datetime | None]
    voided_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    void_reason: Mapped[str | None] = mapped_column(Text)

    allocations: Mapped[list["PaymentAllocation"]] = relationship(back_populates="payment")


class PaymentAllocation(Base):
    __tablename__ = "payment_allocations"
    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments.id"), index=True)
    charge_id: Mapped[int] = mapped_column(ForeignKey("charges.id"), index=True)
    amount: Mapped[int] = mapped_column(Integer)

    payment: Mapped[Payment] = relationship(back_populates="allocations")
    charge: Mapped[Charge] = relationship()


class Waiver(Base):
    __tablename__ = "waivers"
    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    charge_id: Mapped[int] = mapped_column(ForeignKey("charges.id"), index=True)
    amount: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    supervisor_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    desk_id: Mapped[int] = mapped_column(ForeignKey("desks.id"))
    waived_at: Mapped[datetime]
    business_date: Mapped[date] = mapped_column(index=True)
    settlement_id: Mapped[int | None] = mapped_column(ForeignKey("settlements.id"))


class ReceiptCounter(Base):
    """Gap-free receipt numbering per desk and year: incremented inside the payment's transaction."""

    __tablename__ = "receipt_counters"
    __table_args__ = (UniqueConstraint("desk_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    desk_id: Mapped[int] = mapped_column(ForeignKey("desks.id"))
    year: Mapped[int] = mapped_column(Integer)
    last_number: Mapped[int] = mapped_column(Integer, default=0)
