"""The audit log (who did what, where, when), the head of its hash chain, and the desk's
problem register.

Each audit row carries ``prev_hash`` (the row before it's ``row_hash``) and ``row_hash`` (SHA-256
over that and the row's own content); ``desk.models.audit_chain`` computes both as the row is
inserted and checks them (``verify_chain``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk.models.base import Base


class AuditEvent(Base):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    action: Mapped[str] = mapped_column(String(40))
    # 'done', 'refused' or 'overridden'
    outcome: Mapped[str] = mapped_column(String(16))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    supervisor_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    desk_code: Mapped[str | None] = mapped_column(String(32))
    patron_barcode: Mapped[str | None] = mapped_column(String(64), index=True)
    item_barcode: Mapped[str | None] = mapped_column(String(64), index=True)
    codes: Mapped[str | None] = mapped_column(String(400))
    reason: Mapped[str | None] = mapped_column(Text)
    detail: Mapped[dict | None] = mapped_column(JSON)
    # Hex SHA-256 (desk.models.audit_chain): NOT NULL, so a row added around the chain fails.
    prev_hash: Mapped[str] = mapped_column(String(64))
    row_hash: Mapped[str] = mapped_column(String(64))


class AuditChainHead(Base):
    """The end of the audit chain, one row (id 1): the last row's id and hash and the number of
    rows. Writers lock it (``SELECT ... FOR UPDATE``) to append, so two desks cannot fork the
    chain; ``verify_chain`` compares it with the log, so deleting the newest rows shows."""

    __tablename__ = "audit_chain_head"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last_id: Mapped[int]
    last_hash: Mapped[str] = mapped_column(String(64))
    row_count: Mapped[int]


class ProblemEntry(Base):
    """The counter's problem register (SOP 5.5.1.3.5): returns of items that were not on loan."""

    __tablename__ = "problem_register"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    item_barcode: Mapped[str] = mapped_column(String(64))
    code: Mapped[str] = mapped_column(String(40))
    desk_code: Mapped[str] = mapped_column(String(32))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    resolved_at: Mapped[datetime | None]
