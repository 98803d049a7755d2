"""End-of-day settlements: one desk-day closed by a supervisor, with its frozen totals.

A settlement is written once and never edited: its lines (expected and counted per payment
method), its breakdowns (per cashier, per fee type, per method) and the payments, waivers and
adjustments it took in. Corrections after closing are ``SettlementAdjustment`` rows booked on
a later, open day. ``DeskFloat`` is the starting cash of a desk's drawer, not part of the takings.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desk.models.base import Base


class Settlement(Base):
    __tablename__ = "settlements"
    __table_args__ = (UniqueConstraint("desk_id", "business_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    desk_id: Mapped[int] = mapped_column(ForeignKey("desks.id"))
    business_date: Mapped[date]
    closed_at: Mapped[datetime]
    supervisor_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    note: Mapped[str | None] = mapped_column(Text)
    # the desk's previous closed day: this settlement covers the payments of the business days
    # after it, up to ``business_date``
    opened_after: Mapped[date | None]
    # the drawer's starting cash, taken out of the counted cash before comparing
    float_amount: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # the cash in the drawer as counted (float included), and its count by denomination
    drawer_cash: Mapped[int | None] = mapped_column(Integer)
    denominations: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    lines: Mapped[list["SettlementLine"]] = relationship(back_populates="settlement")


class SettlementLine(Base):
    __tablename__ = "settlement_lines"
    __table_args__ = (UniqueConstraint("settlement_id", "method"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    settlement_id: Mapped[int] = mapped_column(ForeignKey("settlements.id"))
    method: Mapped[str] = mapped_column(String(24))
    expected: Mapped[int] = mapped_column(Integer)
    counted: Mapped[int] = mapped_column(Integer)

    settlement: Mapped[Settlement] = relationship(back_populates="lines")


class SettlementBreakdown(Base):
    """One frozen total of a settlement: by ``method``, ``cashier`` (login) or ``fee`` (charge kind)."""

    __tablename__ = "settlement_breakdowns"
    __table_args__ = (UniqueConstraint("settlement_id", "dimension", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    settlement_id: Mapped[int] = mapped_column(ForeignKey("settlements.id"), index=True)
    dimension: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(64))
    count: Mapped[int] = mapped_column(Integer)
    amount: Mapped[int] = mapped_column(Integer)


class SettlementAdjustment(Base):
    """A correction of a closed day, booked on an open day: a signed amount of one method
    (a refund of a closed day's receipt is negative), with a supervisor and a written reason."""

    __tablename__ = "settlement_adjustments"
    __table_args__ = (CheckConstraint("amount <> 0", name="amount_not_zero"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    desk_id: Mapped[int] = mapped_column(ForeignKey("desks.id"))
    business_date: Mapped[date] = mapped_column(index=True)
    method: Mapped[str] = mapped_column(String(24))
    amount: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    receipt_no: Mapped[str | None] = mapped_column(String(40))
    patron_id: Mapped[int | None] = mapped_column(ForeignKey("patrons.id"))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    supervisor_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    created_at: Mapped[datetime]
    settlement_id: Mapped[int | None] = mapped_column(ForeignKey("settlements.id"), index=True)


class DeskFloat(Base):
    """The starting cash (float) of one desk's drawer, set by a supervisor."""

    __tablename__ = "desk_floats"
    __table_args__ = (CheckConstraint("amount >= 0", name="amount_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    desk_id: Mapped[int] = mapped_column(ForeignKey("desks.id"), unique=True)
    amount: Mapped[int] = mapped_column(Integer)
    set_at: Mapped[datetime]
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
