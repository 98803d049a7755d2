"""Delivery requests between locations (圖書代借, SOP 5.3.9): one row per item asked for at a
pickup desk, with the fee taken at once, the owning location's deadline to pull it, and what
became of it (pulled and on its way, not found, refunded).

Once pulled, the item travels under a hold of kind ``delivery`` (``hold_id``): checkin at the
pickup location traps it on the holds shelf, and the normal checkout lends it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desk.models.base import Base
from desk.models.hold import Hold
from desk.models.item import Item
from desk.models.location import Location
from desk.models.patron import Patron

# requested: on the owning location's pull list; pulled: on its way (its hold tells the rest);
# failed: not found or not supplied, the fee refundable until refund_until; refunded.
DELIVERY_STATUSES = ("requested", "pulled", "failed", "refunded")


class DeliveryRequest(Base):
    __tablename__ = "delivery_requests"
    __table_args__ = (
        CheckConstraint("status IN ('requested', 'pulled', 'failed', 'refunded')",
                        name="status"),
        CheckConstraint("fee >= 0", name="fee_not_negative"),
        CheckConstraint("pickup_location_id <> owning_location_id", name="other_location"),
        # the pull list of one location reads its open requests through this index
        Index("ix_delivery_requests_owning_status", "owning_location_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    patron_id: Mapped[int] = mapped_column(ForeignKey("patrons.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    owning_location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    pickup_location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    status: Mapped[str] = mapped_column(String(16), default="requested")
    fee: Mapped[int] = mapped_column(Integer)
    # the payment of the fee (a temporary receipt, F-K08-034) and the charge it paid
    receipt_no: Mapped[str] = mapped_column(String(40), index=True)
    charge_id: Mapped[int] = mapped_column(ForeignKey("charges.id"))
    desk_id: Mapped[int] = mapped_column(ForeignKey("desks.id"))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    requested_at: Mapped[datetime]
    # the owning location must pull it by then (2 open days, setting delivery_pull_open_days)
    act_by: Mapped[datetime]
    pulled_at: Mapped[datetime | None]
    hold_id: Mapped[int | None] = mapped_column(ForeignKey("holds.id"))
    failed_at: Mapped[datetime | None]
    fail_reason: Mapped[str | None] = mapped_column(Text)
    refund_until: Mapped[datetime | None]
    refunded_at: Mapped[datetime | None]
    refund_adjustment_id: Mapped[int | None] = mapped_column(
        ForeignKey("settlement_adjustments.id"))

    patron: Mapped[Patron] = relationship()
    item: Mapped[Item] = relationship()
    hold: Mapped[Hold | None] = relationship()
    pickup_location: Mapped[Location] = relationship(foreign_keys=[pickup_location_id])
    owning_location: Mapped[Location] = relationship(foreign_keys=[owning_location_id])


__all__ = ["DELIVERY_STATUSES", "DeliveryRequest"]
