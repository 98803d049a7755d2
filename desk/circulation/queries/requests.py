"""The desk's lists of missing-book searches and withdrawn-area retrievals for one location,
and the request notes of one item ("撤架區取書申請/申請人/日期") for the item status screen.

No Qt; each function opens its own short read session and returns frozen rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import or_, select

from desk.circulation.queries.common import query_context
from desk.models import Biblio, Hold, Item, Loan, Patron, RetrievalRequest, SearchRequest
from desk.wording import pick, text
from desk.wording.searches import RETRIEVAL_STATUS_NAMES

if TYPE_CHECKING:
    from desk.circulation.store import LibraryStore


@dataclass(frozen=True)
class SearchRow:
    """One open search of the day's search list."""

    request_id: int
    item_barcode: str
    title: str
    call_number: str
    patron_barcode: str
    patron_name: str
    requested_at: datetime
    reply_by: datetime
    overdue: bool          # the reply-by deadline has passed (the sweep ends it)


@dataclass(frozen=True)
class RetrievalRow:
    """One retrieval still at the desk's hands: to fetch, waiting for pickup, or lent for
    reading with the patron's ID kept at the desk."""

    request_id: int
    item_barcode: str
    title: str
    call_number: str
    patron_barcode: str
    patron_name: str
    requested_at: datetime
    status: str
    status_name: str
    held_until: datetime | None
    loanable: bool
    id_kept: str | None
    due_at: datetime | None


def search_list(library: "LibraryStore", location_code: str) -> list[SearchRow]:
    """The open searches of ``location_code``, nearest deadline first."""
    with library.read_sessions() as session:
        ctx = query_context(session, library, None)
        location = ctx.location(location_code)
        rows = session.execute(
            select(SearchRequest, Item.barcode, Item.call_number, Biblio.title,
                   Patron.barcode, Patron.name)
            .join(Item, SearchRequest.item_id == Item.id)
            .join(Biblio, Item.biblio_id == Biblio.id)
            .join(Patron, SearchRequest.patron_id == Patron.id)
            .where(SearchRequest.location_id == location.id, SearchRequest.status == "open")
            .order_by(SearchRequest.reply_by, SearchRequest.id)).all()
        return [SearchRow(request_id=request.id, item_barcode=barcode, title=title,
                          call_number=call_number or "", patron_barcode=card, patron_name=name,
                          requested_at=request.requested_at, reply_by=request.reply_by,
                          overdue=request.reply_by < ctx.now)
                for request, barcode, call_number, title, card, name in rows]


def retrieval_list(library: "LibraryStore", location_code: str) -> list[RetrievalRow]:
    """The retrievals of ``location_code`` to fetch, waiting for pickup, or lent for reading
    and not yet back (their ID is at the desk), oldest request first."""
    with library.read_sessions() as session:
        ctx = query_context(session, library, None)
        location = ctx.location(location_code)
        rows = session.execute(
            select(RetrievalRequest, Item.barcode, Item.call_number, Item.loanable,
                   Biblio.title, Patron.barcode, Patron.name, Hold.shelf_expires_at,
                   Hold.status, Loan.due_at)
            .join(Item, RetrievalRequest.item_id == Item.id)
            .join(Biblio, Item.biblio_id == Biblio.id)
            .join(Patron, RetrievalRequest.patron_id == Patron.id)
            .outerjoin(Hold, RetrievalRequest.hold_id == Hold.id)
            .outerjoin(Loan, RetrievalRequest.loan_id == Loan.id)
            .where(RetrievalRequest.location_id == location.id,
                   or_(RetrievalRequest.status.in_(("open", "fetched")),
                       (RetrievalRequest.status == "lent") & Loan.returned_at.is_(None)))
            .order_by(RetrievalRequest.requested_at, RetrievalRequest.id)).all()
        found: list[RetrievalRow] = []
        for (request, barcode, call_number, loanable, title, card, name, until, hold_status,
             due_at) in rows:
            status = request.status
            if status == "fetched" and hold_status not in (None, "waiting"):
                continue      # collected or cleared from the shelf: no longer the desk's
            found.append(RetrievalRow(
                request_id=request.id, item_barcode=barcode, title=title,
                call_number=call_number or "", patron_barcode=card, patron_name=name,
                requested_at=request.requested_at, status=status,
                status_name=pick(RETRIEVAL_STATUS_NAMES[status]),
                held_until=until if status == "fetched" else None, loanable=bool(loanable),
                id_kept=request.id_kept, due_at=due_at if status == "lent" else None))
        return found


def item_request_notes(library: "LibraryStore", barcode: str) -> list[str]:
    """The notes the item's record carries for requests: every time it was fetched from the
    withdrawn area ("撤架區取書申請/申請人/日期", SOP 5.12.3.1), and an open search. Newest
    first. Raises ``CirculationRefused`` (item_not_found, barcode_invalid)."""
    with library.read_sessions() as session:
        ctx = query_context(session, library, None)
        item = ctx.item(barcode)
        tz = library.policy.tz
        notes: list[str] = []
        for request, name in session.execute(
                select(SearchRequest, Patron.name)
                .join(Patron, SearchRequest.patron_id == Patron.id)
                .where(SearchRequest.item_id == item.id, SearchRequest.status == "open")):
            notes.append(text("search_note", patron=name,
                              date=f"{request.requested_at.astimezone(tz):%Y-%m-%d}",
                              reply_by=f"{request.reply_by.astimezone(tz):%Y-%m-%d}"))
        for fetched_at, name in session.execute(
                select(RetrievalRequest.fetched_at, Patron.name)
                .join(Patron, RetrievalRequest.patron_id == Patron.id)
                .where(RetrievalRequest.item_id == item.id,
                       RetrievalRequest.fetched_at.is_not(None))
                .order_by(RetrievalRequest.fetched_at.desc(), RetrievalRequest.id.desc())):
            if fetched_at is None:
                continue
            notes.append(text("retrieval_note", patron=name,
                              date=f"{fetched_at.astimezone(tz):%Y-%m-%d}"))
        return notes


__all__ = ["RetrievalRow", "SearchRow", "item_request_notes", "retrieval_list", "search_list"]
