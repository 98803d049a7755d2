"""Loans. The schema itself allows at most one open loan per item (a partial unique index).

A returned loan older than the ``history_keep_days`` setting is anonymised
(``desk.circulation.privacy``): ``patron_id`` and ``proxy_id`` become NULL and ``anonymised_at``
says when; its dates, item, desks and staff stay, and so do its charges (money records).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desk.models.base import Base
from desk.models.item import Item
from desk.models.patron import Patron


class Loan(Base):
    __tablename__ = "loans"
    __table_args__ = (
        Index("uq_loans_open_item", "item_id", unique=True,
              sqlite_where=text("returned_at IS NULL"),
              postgresql_where=text("returned_at IS NULL")),
        # A patron's loans, history first by patron; with returned_at in the key the open
        # loans alone (returned_at IS NULL) are found without visiting a long history.
        Index("ix_loans_patron_returned", "patron_id", "returned_at"),
        Index("ix_loans_open_patron_due", "patron_id", "due_at",
              sqlite_where=text("returned_at IS NULL"),
              postgresql_where=text("returned_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    # NULL only for an anonymised loan (never an open one).
    patron_id: Mapped[int | None] = mapped_column(ForeignKey("patrons.id"))
    desk_id: Mapped[int] = mapped_column(ForeignKey("desks.id"))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    proxy_id: Mapped[int | None] = mapped_column(ForeignKey("patrons.id"))
    out_at: Mapped[datetime]
    due_at: Mapped[datetime]
    hourly: Mapped[bool] = mapped_column(Boolean, default=False)
    renewals: Mapped[int] = mapped_column(Integer, default=0)
    returned_at: Mapped[datetime | None]
    return_desk_id: Mapped[int | None] = mapped_column(ForeignKey("desks.id"))
    # A claim (returned / never borrowed, ``loan_claims``) stops the fine here.
    claimed_at: Mapped[datetime | None]
    # 'desk', 'manual_slip', 'offline', 'lost_claim' - how the loan was closed or opened.
    origin: Mapped[str] = mapped_column(String(16), default="desk")
    # When the patron link was removed (PDPA: loan history kept no longer than needed).
    anonymised_at: Mapped[datetime | None]

    item: Mapped[Item] = relationship(foreign_keys=[item_id])
    patron: Mapped[Patron | None] = relationship(foreign_keys=[patron_id])
