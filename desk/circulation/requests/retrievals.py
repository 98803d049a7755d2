"""Withdrawn-area retrieval (撤架區取書, SOP 5.12): a patron asks for an item kept in the
withdrawn area (its ``staff_flag`` is ``withdrawn_area``); staff fetch it from the retrieval
list, which notes the item record "撤架區取書申請/申請人/日期" (the request itself, shown on the
item status screen) and keeps it for the patron ``retrieval_pickup_open_days`` open days with a
``retrieval_ready`` notice. Not collected by then it goes back to the withdrawn area
(``expire_retrievals``). A non-loanable item is lent for reading in the library against an ID
kept at the desk, due back the same day at ``reading_due_time`` (SOP 5.12.5.1)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from desk.circulation.context import OpContext
from desk.circulation.notices import CirculationRefused
from desk.circulation.requests.held import hold_and_tell
from desk.circulation.requests.pull_entry import PullEntry
from desk.circulation.requests.reading_return import READING_ORIGIN
from desk.circulation.requests.searches import own_location, refuse_patron
from desk.models import Hold, Item, Loan, Location, Patron, RetrievalRequest
from desk.models.item import Biblio
from desk.wording import status_name

WITHDRAWN_AREA = "withdrawn_area"
OPEN_STATUSES = ("open", "fetched")


@dataclass(frozen=True)
class RetrievalReady:
    """An item fetched from the withdrawn area: kept for its patron until ``held_until``;
    ``loanable`` False: it is lent for reading in the library only (``lend_for_reading``)."""

    request_id: int
    hold_id: int
    item_barcode: str
    title: str
    patron_barcode: str
    patron_name: str
    held_until: datetime
    loanable: bool


@dataclass(frozen=True)
class ReadingLoan:
    """A non-loanable item lent for reading in the library against an ID."""

    loan_id: int
    request_id: int
    item_barcode: str
    patron_barcode: str
    due_at: datetime
    id_kept: str


def settle(session: Session, request: RetrievalRequest, now: datetime) -> None:
    """A fetched request whose hold ended some other way (the patron borrowed the item, or
    clearing the holds shelf expired it) is closed accordingly, so it stops blocking a new
    request for the item."""
    if request.status != "fetched" or request.hold_id is None:
        return
    hold = session.get(Hold, request.hold_id)
    if hold is None or hold.status == "waiting":
        return
    request.status = "collected" if hold.status == "fulfilled" else "returned"
    request.closed_at = now


def request_retrieval(ctx: OpContext, patron_barcode: str, item_barcode: str) -> int:
    patron = ctx.patron(patron_barcode)
    item = ctx.item(item_barcode, lock=True)
    refuse_patron(ctx, patron)
    own_location(ctx, item)
    if item.staff_flag != WITHDRAWN_AREA:
        raise CirculationRefused.one("retrieval_not_withdrawn_area", barcode=item.barcode)
    for existing in ctx.session.scalars(select(RetrievalRequest).where(
            RetrievalRequest.item_id == item.id,
            RetrievalRequest.status.in_(OPEN_STATUSES))):
        settle(ctx.session, existing, ctx.now)
        if existing.status in OPEN_STATUSES:
            raise CirculationRefused.one("retrieval_exists", barcode=item.barcode,
                                         request_id=existing.id)
    if item.status != "available":
        raise CirculationRefused.one("item_status", barcode=item.barcode,
                                     status=status_name(item.status))
    ctx.session.flush()   # a settled request is out of the unique index before the insert
    request = RetrievalRequest(patron_id=patron.id, item_id=item.id,
                               location_id=item.location_id, desk_id=ctx.desk.id,
                               staff_id=ctx.staff.id, requested_at=ctx.now, status="open")
    ctx.session.add(request)
    ctx.session.flush()
    return request.id


def retrieval_fetched(ctx: OpContext, item_barcode: str) -> RetrievalReady:
    """The item scanned from the retrieval list: held for its patron, who is told."""
    item = ctx.item(item_barcode, lock=True)
    request = ctx.session.scalars(select(RetrievalRequest).where(
        RetrievalRequest.item_id == item.id, RetrievalRequest.status == "open",
        RetrievalRequest.location_id == ctx.desk.location_id)).first()
    if request is None:
        raise CirculationRefused.one("retrieval_not_on_list", barcode=item.barcode)
    if item.status != "available":
        raise CirculationRefused.one("item_status", barcode=item.barcode,
                                     status=status_name(item.status))
    calendar = ctx.calendar(request.location_id)
    until = calendar.end_of_day(calendar.add_open_days(
        ctx.today, ctx.policy.retrieval_pickup_open_days))
    hold = hold_and_tell(ctx, item, request.patron_id, request.location_id, until,
                         "retrieval_ready")
    request.status = "fetched"
    request.fetched_at = ctx.now
    request.fetched_by = ctx.staff.id
    request.hold_id = hold.id
    patron = ctx.session.get(Patron, request.patron_id)
    assert patron is not None  # a foreign key
    return RetrievalReady(request_id=request.id, hold_id=hold.id, item_barcode=item.barcode,
                          title=item.biblio.title, patron_barcode=patron.barcode,
                          patron_name=patron.name, held_until=until, loanable=item.loanable)


def reading_due(ctx: OpContext) -> datetime:
    """Today at ``reading_due_time`` (the library's closing); the end of today when that has
    passed already."""
    calendar = ctx.desk_calendar
    hours, minutes = (int(part) for part in ctx.policy.reading_due_time.split(":"))
    due = datetime.combine(ctx.today, time(hours, minutes), tzinfo=calendar.tz)
    return due if due > ctx.now else calendar.end_of_day(ctx.today)


def lend_for_reading(ctx: OpContext, item_barcode: str, id_kept: str) -> ReadingLoan:
    """Lend a fetched non-loanable item to its patron for reading in the library, keeping
    ``id_kept`` (which ID) at the desk; due back today at closing."""
    item = ctx.item(item_barcode, lock=True)
    request = ctx.session.scalars(select(RetrievalRequest).where(
        RetrievalRequest.item_id == item.id, RetrievalRequest.status == "fetched")).first()
    hold = ctx.session.get(Hold, request.hold_id) if request and request.hold_id else None
    if request is None or hold is None or hold.status != "waiting" \
            or item.status != "on_holds_shelf":
        raise CirculationRefused.one("reading_not_waiting", barcode=item.barcode)
    if item.loanable:
        raise CirculationRefused.one("reading_item_loanable", barcode=item.barcode)
    due = reading_due(ctx)
    loan_id = ctx.session.execute(insert(Loan).returning(Loan.id), dict(
        item_id=item.id, patron_id=request.patron_id, desk_id=ctx.desk.id,
        staff_id=ctx.staff.id, out_at=ctx.now, due_at=due, hourly=True, renewals=0,
        origin=READING_ORIGIN)).scalar_one()
    item.status = "on_loan"
    item.current_location_id = None
    hold.status = "fulfilled"
    hold.closed_at = ctx.now
    request.status = "lent"
    request.id_kept = id_kept
    request.loan_id = loan_id
    request.closed_at = ctx.now
    patron = ctx.session.get(Patron, request.patron_id)
    assert patron is not None  # a foreign key
    return ReadingLoan(loan_id=loan_id, request_id=request.id, item_barcode=item.barcode,
                       patron_barcode=patron.barcode, due_at=due, id_kept=id_kept)


def expire_retrievals(session: Session, now: datetime, *,
                      location_id: int | None = None) -> list[str]:
    """Fetched items not collected by their deadline go back to the withdrawn area: the hold
    expires and the item is to be pulled and scanned (``holds_cleared``; a checkin sends a
    withdrawn-area item to staff). Requests whose hold ended otherwise are closed too. The
    barcodes of the items to take back."""
    query = (select(RetrievalRequest, Hold, Item)
             .join(Hold, RetrievalRequest.hold_id == Hold.id)
             .join(Item, RetrievalRequest.item_id == Item.id)
             .where(RetrievalRequest.status == "fetched")
             .order_by(RetrievalRequest.id).with_for_update(of=RetrievalRequest))
    if location_id is not None:
        query = query.where(RetrievalRequest.location_id == location_id)
    barcodes: list[str] = []
    for request, hold, item in session.execute(query).all():
        if hold.status != "waiting":
            settle(session, request, now)
            continue
        if hold.shelf_expires_at is None or hold.shelf_expires_at >= now:
            continue
        hold.status = "expired"
        hold.closed_at = now
        if item.status == "on_holds_shelf":
            item.status = "holds_cleared"
        request.status = "returned"
        request.closed_at = now
        barcodes.append(item.barcode)
    session.flush()
    return barcodes


def retrieval_pull_entries(session: Session, location_id: int,
                           now: datetime) -> list[PullEntry]:
    """What to fetch from ``location_id``'s withdrawn area: the open retrieval requests (no
    deadline of their own for staff; the oldest first)."""
    rows = session.execute(
        select(RetrievalRequest.id, RetrievalRequest.requested_at, Item.barcode,
               Item.call_number, Biblio.title, Patron.barcode.label("patron"))
        .join(Item, RetrievalRequest.item_id == Item.id)
        .join(Biblio, Item.biblio_id == Biblio.id)
        .join(Patron, RetrievalRequest.patron_id == Patron.id)
        .where(RetrievalRequest.location_id == location_id, RetrievalRequest.status == "open")
        .order_by(RetrievalRequest.requested_at, RetrievalRequest.id)).all()
    if not rows:
        return []
    code = session.scalars(select(Location.code).where(Location.id == location_id)).one()
    return [PullEntry(kind="retrieval", request_id=row.id, item_barcode=row.barcode,
                      title=row.title, call_number=row.call_number or "", location=code,
                      patron_barcode=row.patron, requested_at=row.requested_at, act_by=None,
                      overdue=False)
            for row in rows]


__all__ = ["ReadingLoan", "RetrievalReady", "expire_retrievals", "lend_for_reading",
           "request_retrieval", "retrieval_fetched", "retrieval_pull_entries"]
