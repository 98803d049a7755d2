"""Patron categories, item types and the circulation rule matrix (category x item type)."""

from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desk.models.base import Base


class PatronCategory(Base):
    __tablename__ = "patron_categories"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # Virtual inter-library cards lend at most this many items over the card's whole life.
    lifetime_item_limit: Mapped[int | None] = mapped_column(Integer, default=None)
    # A new card of this category may borrow for this many days (virtual cards: 3).
    card_valid_days: Mapped[int | None] = mapped_column(Integer, default=None)
    # Total loans of all item types together; None: only the per-type limits apply.
    max_items_total: Mapped[int | None] = mapped_column(Integer, default=None)
    # Registration (SOP 5.3.3), declared per category (``desk.circulation.registration``):
    # the card's term in days (a new card's default expiry, and what an extension adds);
    term_days: Mapped[int | None] = mapped_column(Integer, default=None)
    # what registering needs: 'check' (the school's registration or employment checked, who
    # and when recorded), 'guarantee' (a guarantor in good standing or a deposit), or NULL;
    registration: Mapped[str | None] = mapped_column(String(16), default=None)
    # the deposit taken instead of a guarantor (minor units);
    deposit: Mapped[int | None] = mapped_column(Integer, default=None)
    # and the details a registration must give, comma-separated (e.g. "email,phone").
    required_fields: Mapped[str | None] = mapped_column(String(200), default=None)


class ItemType(Base):
    __tablename__ = "item_types"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class CirculationRule(Base):
    __tablename__ = "circulation_rules"
    __table_args__ = (
        UniqueConstraint("patron_category", "item_type"),
        CheckConstraint("(loan_days IS NULL) <> (loan_hours IS NULL)", name="one_loan_unit"),
        CheckConstraint("fine_per_day >= 0 AND (fine_cap IS NULL OR fine_cap >= 0)",
                        name="money_not_negative"),
        CheckConstraint("max_items >= 0 AND renewals >= 0 AND grace_days >= 0", name="counts"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    patron_category: Mapped[str] = mapped_column(ForeignKey("patron_categories.code"))
    item_type: Mapped[str] = mapped_column(ForeignKey("item_types.code"))
    loan_days: Mapped[int | None] = mapped_column(Integer)
    loan_hours: Mapped[int | None] = mapped_column(Integer)
    max_items: Mapped[int] = mapped_column(Integer)
    renewals: Mapped[int] = mapped_column(Integer)
    renewal_days: Mapped[int] = mapped_column(Integer)
    # Per day for day loans, per started hour for hourly loans.
    fine_per_day: Mapped[int] = mapped_column(Integer)
    fine_cap: Mapped[int | None] = mapped_column(Integer)
    grace_days: Mapped[int] = mapped_column(Integer, default=0)
    holds_allowed: Mapped[bool] = mapped_column(Boolean, default=True)
    # Loan period when other patrons wait for the title (SOP 5.3.4); None: min(loan_days, 14).
    held_loan_days: Mapped[int | None] = mapped_column(Integer)
