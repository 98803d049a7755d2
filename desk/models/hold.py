"""Holds (title level) and the holds shelf."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desk.models.base import Base
from desk.models.item import Biblio, Item
from desk.models.patron import Patron

HOLD_STATUSES = ("pending", "in_transit", "waiting", "fulfilled", "cancelled", "expired")
# A hold still in play: waiting for a copy, on its way to the pickup shelf, or on it.
ACTIVE_HOLD_STATUSES = ("pending", "in_transit", "waiting")
# A hold with a copy set aside for it (in transit to, or on, the holds shelf).
TRAPPED_HOLD_STATUSES = ("waiting", "in_transit")


class Hold(Base):
    __tablename__ = "holds"
    __table_args__ = (
        CheckConstraint(
            "status IN ('pending', 'in_transit', 'waiting', 'fulfilled', 'cancelled', 'expired')",
            name="status"),
        CheckConstraint("kind IN ('normal', 'temporary', 'delivery')", name="kind"),
        Index("ix_holds_biblio_status", "biblio_id", "status"),
        Index("ix_holds_pickup_status", "pickup_location_id", "status"),
        # the pending holds in title order with their date, id and patron, from the index alone
        # (matched against the copies on a location's shelves for its pull list)
        Index("ix_holds_status_biblio", "status", "biblio_id", "placed_at", "id", "patron_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    patron_id: Mapped[int] = mapped_column(ForeignKey("patrons.id"), index=True)
    biblio_id: Mapped[int] = mapped_column(ForeignKey("biblios.id"))
    # The copy trapped for the patron (set when it goes to the holds shelf or to transit).
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id"), index=True)
    pickup_location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    # 'delivery': a delivered item (SOP 5.3.9) kept for the patron who asked for it
    kind: Mapped[str] = mapped_column(String(16), default="normal")
    status: Mapped[str] = mapped_column(String(16), default="pending")
    placed_at: Mapped[datetime]
    waiting_since: Mapped[datetime | None]
    # Last moment the patron may pick the item up from the shelf.
    shelf_expires_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]

    patron: Mapped[Patron] = relationship()
    biblio: Mapped[Biblio] = relationship()
    item: Mapped[Item | None] = relationship()
