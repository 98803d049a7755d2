"""A patron's messages, block and claims (issue 15), for the checkout panel and the patron's
own screen: ``patron_messages``, ``patron_block`` and ``patron_claims``. Plain rows, each query
in its own short read session. A replaced card is refused with ``card_replaced``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from desk.circulation.queries.common import query_context
from desk.models import Biblio, Item, LoanClaim, PatronMessage, ReplacedCard, StaffUser
from desk.wording import claim_kind_name

if TYPE_CHECKING:
    from desk.circulation.store import LibraryStore


@dataclass(frozen=True)
class MessageRow:
    """A message on the patron's record (``author`` None: the old single note)."""

    message_id: int
    text: str
    author: str | None
    created_at: datetime
    acknowledged_at: datetime | None = None
    acknowledged_by: str | None = None


@dataclass(frozen=True)
class BlockRow:
    """The patron's block: ``in_force`` is what the checkout rule sees today (a timed block
    has lifted itself on ``until``)."""

    blocked: bool
    message: str | None
    until: date | None
    in_force: bool


@dataclass(frozen=True)
class ClaimRow:
    """A claim (returned / never borrowed) the patron made, open or resolved."""

    claim_id: int
    kind: str
    kind_name: str
    form_no: str
    item_barcode: str
    title: str
    claimed_at: datetime
    resolved_at: datetime | None


@dataclass(frozen=True)
class ReplacedCardRow:
    barcode: str
    new_barcode: str
    replaced_at: datetime


def messages_of(session: Session, patron_id: int, *,
                acknowledged: bool = False) -> list[MessageRow]:
    """The patron's messages, oldest first: those not yet acknowledged (``acknowledged``:
    all of them)."""
    author, acker = aliased(StaffUser), aliased(StaffUser)
    query = (select(PatronMessage, author.name, acker.name)
             .outerjoin(author, author.id == PatronMessage.author_id)
             .outerjoin(acker, acker.id == PatronMessage.acknowledged_by)
             .where(PatronMessage.patron_id == patron_id)
             .order_by(PatronMessage.created_at, PatronMessage.id))
    if not acknowledged:
        query = query.where(PatronMessage.acknowledged_at.is_(None))
    return [MessageRow(m.id, m.text, by, m.created_at, m.acknowledged_at, acked)
            for m, by, acked in session.execute(query)]


def patron_messages(library: "LibraryStore", barcode: str, *,
                    acknowledged: bool = False) -> list[MessageRow]:
    """The messages on the record of the patron with card ``barcode`` (see ``messages_of``)."""
    with library.read_sessions() as session:
        patron = query_context(session, library, None).patron(barcode)
        return messages_of(session, patron.id, acknowledged=acknowledged)


def patron_block(library: "LibraryStore", barcode: str) -> BlockRow:
    with library.read_sessions() as session:
        ctx = query_context(session, library, None)
        patron = ctx.patron(barcode)
        until = patron.blocked_until
        return BlockRow(patron.blocked, patron.block_message, until,
                        patron.blocked and (until is None or ctx.today < until))


def patron_claims(library: "LibraryStore", barcode: str) -> list[ClaimRow]:
    """Every claim the patron made, newest first."""
    with library.read_sessions() as session:
        patron = query_context(session, library, None).patron(barcode)
        return [ClaimRow(c.id, c.kind, claim_kind_name(c.kind), c.form_no, item_barcode, title,
                         c.claimed_at, c.resolved_at)
                for c, item_barcode, title in session.execute(
                    select(LoanClaim, Item.barcode, Biblio.title)
                    .join(Item, Item.id == LoanClaim.item_id)
                    .join(Biblio, Biblio.id == Item.biblio_id)
                    .where(LoanClaim.patron_id == patron.id)
                    .order_by(LoanClaim.claimed_at.desc(), LoanClaim.id.desc()))]


def replaced_cards(library: "LibraryStore", barcode: str) -> list[ReplacedCardRow]:
    """The cards the patron had before this one, newest first."""
    with library.read_sessions() as session:
        patron = query_context(session, library, None).patron(barcode)
        return [ReplacedCardRow(r.barcode, r.new_barcode, r.replaced_at)
                for r in session.scalars(select(ReplacedCard)
                                         .where(ReplacedCard.patron_id == patron.id)
                                         .order_by(ReplacedCard.replaced_at.desc()))]


def open_claim_text(session: Session, item_id: int) -> str | None:
    """The open claim on an item as the item-status screen shows it, or None."""
    row = session.execute(select(LoanClaim.kind, LoanClaim.form_no, LoanClaim.claimed_at)
                          .where(LoanClaim.item_id == item_id, LoanClaim.resolved_at.is_(None))
                          .order_by(LoanClaim.id.desc()).limit(1)).first()
    if row is None:
        return None
    kind, form_no, claimed_at = row
    return f"{claim_kind_name(kind)} · {form_no} · {claimed_at.date().isoformat()}"


__all__ = ["BlockRow", "ClaimRow", "MessageRow", "ReplacedCardRow", "messages_of",
           "open_claim_text", "patron_block", "patron_claims", "patron_messages",
           "replaced_cards"]
