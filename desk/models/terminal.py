"""Self-check terminals: the SIP2 accounts of self-check machines, book-return machines and
security gates (``desk.sip2``).

A terminal signs in like staff (its own staff account: argon2 password, lockout, audit), so
every loan it makes is audited under that account; this row says the account is a terminal,
which desk it works for (its location, and the settlement its fees go into) and how its
machine encodes text on the wire. A terminal account cannot sign in at a desk, nor a staff
account through SIP2."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from desk.models.base import Base

# How a terminal's machine encodes text on the wire (Python codec names).
TERMINAL_ENCODINGS = ("utf-8", "big5")


class SipTerminal(Base):
    __tablename__ = "sip_terminals"
    __table_args__ = (CheckConstraint("encoding IN ('utf-8', 'big5')", name="encoding"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"), unique=True)
    desk_id: Mapped[int] = mapped_column(ForeignKey("desks.id"), index=True)
    encoding: Mapped[str] = mapped_column(String(16), default="utf-8")
    created_at: Mapped[datetime]


__all__ = ["SipTerminal", "TERMINAL_ENCODINGS"]
