"""Missing-book searches (圖書協尋, SOP 5.11) and withdrawn-area retrievals (撤架區取書, SOP
5.12): one row per patron's request for one item.

A search is ``open`` while staff look for the item every open day until ``reply_by``; it ends
``found`` (the item is held behind the desk for the patron: a trapped hold, ``hold_id``),
``not_found`` (by staff, or by the deadline sweep: the item becomes ``missing``) or
``cancelled`` (the patron no longer wants it: ``cancel_reason``). A retrieval is ``open`` until staff fetch the item from the withdrawn area; then
``fetched`` (held for pickup: ``hold_id``); then ``collected`` (the patron borrowed it),
``lent`` (a non-loanable item lent for reading in the library against an ID: ``id_kept``,
``loan_id``) or ``returned`` (back to the withdrawn area uncollected); or ``cancelled`` (``cancel_reason``). At
most one open (or fetched) request per item and kind.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from desk.models.base import Base

SEARCH_STATUSES = ("open", "found", "not_found", "cancelled")
RETRIEVAL_STATUSES = ("open", "fetched", "collected", "lent", "returned", "cancelled")


class SearchRequest(Base):
    """A patron's request to look for an item the catalogue shows available but that is not
    on the shelf (form F-K08-054)."""

    __tablename__ = "search_requests"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'found', 'not_found', 'cancelled')", name="status"),
        # one search at a time per item: a second request would send staff after it twice
        Index("uq_search_requests_open_item", "item_id", unique=True,
              sqlite_where=text("status = 'open'"), postgresql_where=text("status = 'open'")),
        Index("ix_search_requests_location_status", "location_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    patron_id: Mapped[int] = mapped_column(ForeignKey("patrons.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    # the location whose shelves are searched (the item's home)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    desk_id: Mapped[int] = mapped_column(ForeignKey("desks.id"))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    requested_at: Mapped[datetime]
    # the patron's reply-by date, as the end of that day (default: 5 open days)
    reply_by: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16), default="open")
    closed_at: Mapped[datetime | None]
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    # found: the hold that keeps the item behind the desk for the patron
    hold_id: Mapped[int | None] = mapped_column(ForeignKey("holds.id"))
    # cancelled: why the patron no longer wants it, as staff wrote it
    cancel_reason: Mapped[str | None] = mapped_column(String(500))


class RetrievalRequest(Base):
    """A patron's request for an item of the withdrawn area; once fetched, the item record is
    noted "撤架區取書申請/申請人/日期" (shown on the item status screen)."""

    __tablename__ = "retrieval_requests"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'fetched', 'collected', 'lent', 'returned', "
                        "'cancelled')", name="status"),
        Index("uq_retrieval_requests_open_item", "item_id", unique=True,
              sqlite_where=text("status IN ('open', 'fetched')"),
              postgresql_where=text("status IN ('open', 'fetched')")),
        Index("ix_retrieval_requests_location_status", "location_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    patron_id: Mapped[int] = mapped_column(ForeignKey("patrons.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    desk_id: Mapped[int] = mapped_column(ForeignKey("desks.id"))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    requested_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16), default="open")
    fetched_at: Mapped[datetime | None]
    fetched_by: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    # fetched: the hold that keeps the item on the pickup shelf until its deadline
    hold_id: Mapped[int | None] = mapped_column(ForeignKey("holds.id"))
    # lent for reading in the library: the ID document kept at the desk, and the loan
    id_kept: Mapped[str | None] = mapped_column(String(100))
    loan_id: Mapped[int | None] = mapped_column(ForeignKey("loans.id"))
    closed_at: Mapped[datetime | None]
    # cancelled: who ended it and why the patron no longer wants it
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    cancel_reason: Mapped[str | None] = mapped_column(String(500))


__all__ = ["RETRIEVAL_STATUSES", "SEARCH_STATUSES", "RetrievalRequest", "SearchRequest"]
