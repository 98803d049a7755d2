"""The notice outbox: every message to a patron (hold ready, reminders, overdue, request
results), written in the same transaction as the event that causes it and delivered later by
``python -m desk notices send`` (e-mail, or a printed notice for a patron without e-mail).

The Message-ID is made when the notice is queued, so a notice sent again after a crash between
the SMTP transaction and marking it sent carries the same Message-ID (the receiving servers and
mail programs drop the duplicate). ``dedupe_key`` makes the generated notices (courtesy and
overdue reminders) idempotent: one per loan and stage, whoever generates them and how often.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk.models.base import Base

PENDING, CLAIMED, SENDING = "pending", "claimed", "sending"
SENT, FAILED, PRINTED = "sent", "failed", "printed"
# pending -> claimed (by one sender, in a batch) -> sending (its SMTP transaction is under
# way) -> sent; or failed (5xx, a bad address), or printed (no e-mail address)
NOTICE_STATES = (PENDING, CLAIMED, SENDING, SENT, FAILED, PRINTED)


class PatronNotice(Base):
    __tablename__ = "patron_notices"
    __table_args__ = (
        CheckConstraint(
            "state IN ('pending', 'claimed', 'sending', 'sent', 'failed', 'printed')", name="state"),
        Index("ix_patron_notices_state_next", "state", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    patron_id: Mapped[int] = mapped_column(ForeignKey("patrons.id"), index=True)
    # the template (desk.wording.patron_notices): hold_ready, courtesy, overdue_1, ...
    kind: Mapped[str] = mapped_column(String(32))
    # 'en' or 'zh_TW': the patron's language when the notice was queued
    language: Mapped[str] = mapped_column(String(8))
    # the template's parameters, as JSON
    params: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    state: Mapped[str] = mapped_column(String(16), default=PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # pending: not before this (back-off); claimed, sending: the sender's claim lasts until this
    next_attempt_at: Mapped[datetime]
    last_error: Mapped[str | None] = mapped_column(Text)
    message_id: Mapped[str] = mapped_column(String(255), unique=True)
    sent_at: Mapped[datetime | None]
    # generated notices: e.g. 'overdue_7:loan:42' (at most one row per key)
    dedupe_key: Mapped[str | None] = mapped_column(String(80), unique=True)
    # the sender holding a claimed or sending notice: host and process id
    claimed_by: Mapped[str | None] = mapped_column(String(120))


__all__ = ["CLAIMED", "FAILED", "NOTICE_STATES", "PENDING", "PRINTED", "PatronNotice", "SENDING", "SENT"]
