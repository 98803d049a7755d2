"""Sign-in attempts, kept for the lockout: every failed sign-in, every lockout and every
successful sign-in of a login, by the library's clock. Several desks share one database, so
they share the count (five wrong passwords spread over three desks lock the login too).

The audit log records the same events for people to read; this table is what the lockout
counts, indexed by login and time, and it holds logins that match no staff user as well."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from desk.models.base import Base

# what became of one attempt
FAILED, LOCKED_OUT, SIGNED_IN = "failed", "locked_out", "signed_in"
ATTEMPT_OUTCOMES = (FAILED, LOCKED_OUT, SIGNED_IN)


class SignInAttempt(Base):
    __tablename__ = "sign_in_attempts"
    __table_args__ = (Index("ix_sign_in_attempts_login_at", "login", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # the login as typed (clipped), whether or not a staff user has it
    login: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime]
    # FAILED (wrong password, unknown login or a locked login), LOCKED_OUT (this failure
    # started a lockout) or SIGNED_IN
    outcome: Mapped[str] = mapped_column(String(16))
    desk_code: Mapped[str | None] = mapped_column(String(32))


__all__ = ["ATTEMPT_OUTCOMES", "FAILED", "LOCKED_OUT", "SIGNED_IN", "SignInAttempt"]
