"""Bibliographic records (titles) and their items (copies)."""

from __future__ import annotations

from sqlalchemy import (Boolean, CheckConstraint, ColumnElement, ForeignKey, Index, Integer, String,
                        Text, and_, literal_column, text)
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
        # a location's copies on the shelf to lend, in title order with their barcode, call
        # number and id (matched with the pending holds for its pull list; the id too so that
        # PostgreSQL answers from the index alone: SQLite's rowid is in every index anyway). Partial: only the rows
        # the pull list wants, and planners then see how many there are (a full index on
        # status would tell them the average status, a few per cent, not available's 70 %).
        # Queries must spell the condition with literals (ON_SHELF) for it to be used.
        Index("ix_items_on_shelf", "location_id", "biblio_id", "barcode", "call_number", "id",
              sqlite_where=text("status = 'available' AND loanable = 1"),
              postgresql_where=text("status = 'available' AND loanable")),
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


def on_shelf() -> ColumnElement[bool]:
    """Copies on the shelf to lend: the rows of ``ix_items_on_shelf``, spelt with literals as
    its condition is (with a bound parameter for the status the databases could not tell that
    the partial index answers the query)."""
    return and_(Item.status == literal_column("'available'"), Item.loanable)
