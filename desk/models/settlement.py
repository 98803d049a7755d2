"""End-of-day settlements: one desk-day closed by a supervisor."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
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
