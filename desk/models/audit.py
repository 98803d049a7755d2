"""The audit log (who did what, where, when) and the desk's problem register."""

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
