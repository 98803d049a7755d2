"""Patrons: card, category, expiry, blocks, messages, proxies."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk.models.base import Base, searched_text


class Patron(Base):
    __tablename__ = "patrons"
    __table_args__ = (
        # Names containing the typed text, on PostgreSQL (SQLite scans: fast enough there).
        # Duplicate detection at registration: the same e-mail or phone number.
        Index("ix_patrons_email", "email"),
        Index("ix_patrons_phone", "phone"),
        Index("ix_patrons_name_trgm", "name", postgresql_using="gin",
              postgresql_ops={"name": "gin_trgm_ops"}).ddl_if(dialect="postgresql"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    barcode: Mapped[str] = mapped_column(searched_text(64), unique=True)
    name: Mapped[str] = mapped_column(searched_text(200), index=True)
    category: Mapped[str] = mapped_column(ForeignKey("patron_categories.code"))
    expires_on: Mapped[date | None]
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(64))
    # the language of notices to the patron: 'zh_TW' or 'en'
    language: Mapped[str] = mapped_column(String(8), server_default="zh_TW")
    department: Mapped[str | None] = mapped_column(String(200))
    photo: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    home_location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    blocked: Mapped[bool] = mapped_column(Boolean, default=False)
    block_message: Mapped[str | None] = mapped_column(Text)
    # A timed block lifts itself on this day (the checkout rule sees it as none from then on).
    blocked_until: Mapped[date | None]
    # The old single note (the SOP's "訊息 m"); migration 0011 copied it into patron_messages,
    # which the checkout shows now. Kept readable.
    message: Mapped[str | None] = mapped_column(Text)
    # Items lent over the card's whole life (virtual inter-library cards have a limit).
    lifetime_loans: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime]
    # Registration at the desk (SOP 5.3.3): the birth date (duplicates are name + birth date),
    # who checked a student's or staff member's registration and when, the guarantor or the
    # deposit's receipt of other categories, and when the card was closed (deposit refunded).
    birth_date: Mapped[date | None]
    # (staff_users.id and patrons.id, kept by the registration code: a foreign key added to
    # this table makes SQLite's migration copy it, which the tables referring to it forbid)
    registration_checked_by: Mapped[int | None] = mapped_column(Integer)
    registration_checked_at: Mapped[datetime | None]
    guarantor_id: Mapped[int | None] = mapped_column(Integer)
    deposit_receipt_no: Mapped[str | None] = mapped_column(String(40))
    closed_at: Mapped[datetime | None]


class Proxy(Base):
    """A recorded authorisation: ``proxy`` may borrow for ``patron`` (SOP 5.3.2)."""

    __tablename__ = "proxies"

    id: Mapped[int] = mapped_column(primary_key=True)
    patron_id: Mapped[int] = mapped_column(ForeignKey("patrons.id"), index=True)
    proxy_id: Mapped[int] = mapped_column(ForeignKey("patrons.id"))
    valid_until: Mapped[date | None]
    note: Mapped[str | None] = mapped_column(Text)
