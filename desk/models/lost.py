"""Lost-item compensation claims (SOP 5.9)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desk.models.base import Base
from desk.models.loan import Loan


class LostClaim(Base):
    __tablename__ = "lost_claims"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'replaced', 'paid', 'void')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    loan_id: Mapped[int] = mapped_column(ForeignKey("loans.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    patron_id: Mapped[int] = mapped_column(ForeignKey("patrons.id"), index=True)
    opened_at: Mapped[datetime]
    deadline: Mapped[date]
    status: Mapped[str] = mapped_column(String(16), default="open")
    closed_at: Mapped[datetime | None]

    loan: Mapped[Loan] = relationship()
