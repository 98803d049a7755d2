"""Offline and manual-slip transactions that a replay has dealt with.

One row per transaction id (the offline journal's desk code + uuid, a keyed-in slip's number
and item, a .koc line's fingerprint): the unique ``txn_id`` is what makes a replay idempotent,
and the row says what became of the transaction, who decided and why (the replay report).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk.models.base import Base

OUTCOMES = ("applied", "overridden", "discarded")


class OfflineTransaction(Base):
    __tablename__ = "offline_transactions"

    id: Mapped[int] = mapped_column(primary_key=True)
    txn_id: Mapped[str] = mapped_column(String(160), unique=True)
    replay_id: Mapped[str] = mapped_column(String(40), index=True)
    # 'offline' (the desk's journal), 'slip' (keyed in from paper), 'koc' (a Koha file)
    source: Mapped[str] = mapped_column(String(16))
    desk_code: Mapped[str] = mapped_column(String(32))
    slip_no: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    patron_barcode: Mapped[str | None] = mapped_column(String(64))
    item_barcode: Mapped[str] = mapped_column(String(64), index=True)
    occurred_at: Mapped[datetime]
    outcome: Mapped[str] = mapped_column(String(16))
    applied_at: Mapped[datetime]
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    supervisor_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    reason: Mapped[str | None] = mapped_column(Text)
    loan_id: Mapped[int | None] = mapped_column(ForeignKey("loans.id"))
    detail: Mapped[dict | None] = mapped_column(JSON)
