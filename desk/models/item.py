"""Bibliographic records (titles) and their items (copies)."""

from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desk.models.base import Base, searched_text
from desk.models.location import Location

ITEM_STATUSES = (
    "available", "on_loan", "on_holds_shelf", "in_transit", "holds_cleared",
    "lost", "missing", "withdrawn", "claims_returned", "in_delivery",
)


class Biblio(Base):
    __tablename__ = "biblios"
    __table_args__ = (
        # Titles containing the typed text, on PostgreSQL (see Patron).
        Index("ix_biblios_title_trgm", "title", postgresql_using="gin",
              postgresql_ops={"title": "gin_trgm_ops"}).ddl_if(dialect="postgresql"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(searched_text(500), index=True)
    author: Mapped[str | None] = mapped_column(String(300))
    isbn: Mapped[str | None] = mapped_column(String(20), index=True)
    publisher: Mapped[str | None] = mapped_column(String(300))
    year: Mapped[int | None] = mapped_column(Integer)
    # Foreign publications get 3 months to compensate a loss, domestic ones 1 (SOP 5.9.4.2).
    foreign: Mapped[bool] = mapped_column(Boolean, default=False)


class Item(Base):
    __tablename__ = "items"
    __table_args__ = (
        CheckConstraint("price >= 0", name="price_not_negative"),
        CheckConstraint("parts >= 1 AND parts <= 255", name="parts_in_set"),
        CheckConstraint(
            "status IN ('available', 'on_loan', 'on_holds_shelf', 'in_transit', "
            "'holds_cleared', 'lost', 'missing', 'withdrawn', 'claims_returned', 'in_delivery')",
            name="status"),
        # a location's available copies in title order with their barcode and call number,
        # read from the index alone (matched with the pending holds for its pull list)
        Index("ix_items_copies_on_shelf", "location_id", "status", "loanable", "biblio_id",
              "barcode", "call_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    barcode: Mapped[str] = mapped_column(searched_text(64), unique=True)
    biblio_id: Mapped[int] = mapped_column(ForeignKey("biblios.id"), index=True)
    item_type: Mapped[str] = mapped_column(ForeignKey("item_types.code"))
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    # Where the item is (or is heading) while not at home: transit destination, holds shelf.
    current_location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    call_number: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(16), default="available")
    price: Mapped[int] = mapped_column(Integer, default=0)
    accessories: Mapped[str | None] = mapped_column(Text)
    # Pieces that go out together (a book and its CD, a boxed set): an RFID checkout sees
    # every piece's tag and warns when one is missing (``set_incomplete``).
    parts: Mapped[int] = mapped_column(Integer, server_default="1")
    has_strip: Mapped[bool] = mapped_column(Boolean, default=True)
    # Returns go to staff rather than the shelf: 'withdrawn_area', 'cataloguing', 'transfer'.
    staff_flag: Mapped[str | None] = mapped_column(String(32))
    loanable: Mapped[bool] = mapped_column(Boolean, default=True)

    biblio: Mapped[Biblio] = relationship(lazy="joined", innerjoin=True)
    location: Mapped[Location] = relationship(foreign_keys=[location_id])
