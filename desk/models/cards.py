"""A patron's counter record beyond the card itself: replaced cards, messages (訊息) and
disputed loans (SOP 5.10: claims returned, claims never borrowed)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk.models.base import Base, searched_text

CLAIM_KINDS = ("returned", "never_borrowed")


class ReplacedCard(Base):
    """A card barcode a patron no longer uses: refused everywhere with ``card_replaced``."""

    __tablename__ = "replaced_cards"

    id: Mapped[int] = mapped_column(primary_key=True)
    barcode: Mapped[str] = mapped_column(searched_text(64), unique=True)
    patron_id: Mapped[int] = mapped_column(ForeignKey("patrons.id"), index=True)
    new_barcode: Mapped[str] = mapped_column(String(64))
    replaced_at: Mapped[datetime]
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))


class PatronMessage(Base):
    """A message on the patron's record, shown at checkout until acknowledged. ``author_id``
    is None for a message carried over from the old single ``patrons.message`` column."""

    __tablename__ = "patron_messages"
    __table_args__ = (
        Index("ix_patron_messages_patron_open", "patron_id", "acknowledged_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    patron_id: Mapped[int] = mapped_column(ForeignKey("patrons.id"))
    text: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    created_at: Mapped[datetime]
    acknowledged_at: Mapped[datetime | None]
    acknowledged_by: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))


class LoanClaim(Base):
    """A patron's claim on an open loan (returned / never borrowed) with the problem form's
    number (F-K08-045); the loan stops accruing fines at ``claimed_at``. A checkin of the item
    resolves it."""

    __tablename__ = "loan_claims"
    __table_args__ = (
        CheckConstraint("kind IN ('returned', 'never_borrowed')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    loan_id: Mapped[int] = mapped_column(ForeignKey("loans.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    patron_id: Mapped[int] = mapped_column(ForeignKey("patrons.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    form_no: Mapped[str] = mapped_column(String(64))
    claimed_at: Mapped[datetime]
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    message_id: Mapped[int | None] = mapped_column(ForeignKey("patron_messages.id"))
    resolved_at: Mapped[datetime | None]
