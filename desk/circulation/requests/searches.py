"""Missing-book searches (圖書協尋, SOP 5.11): a patron asks for an item the catalogue shows
available that is not on the shelf; staff look for it every open day until the reply-by date
(default ``search_reply_open_days`` open days). Found: it is kept behind the desk for the
patron ``search_hold_days`` days and the patron is told (``search_found``). Not found by the
deadline (``expire_searches``, or staff say so): the item becomes ``missing`` (下落不明) and the
patron is told (``search_not_found``). The notices are queued in the event's transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.circulation.checkout import patron_block_reasons
from desk.circulation.context import OpContext
from desk.circulation.notices import CirculationRefused
from desk.circulation.outbox import queue_notice
from desk.circulation.requests.held import hold_and_tell
from desk.circulation.requests.pull_entry import PullEntry
from desk.models import Item, Location, Patron, SearchRequest
from desk.models.item import Biblio
from desk.wording import status_name

# The furthest reply-by date a patron may ask for: a year (a typing error, not a request).
MAX_REPLY_DAYS = 366


@dataclass(frozen=True)
class SearchFound:
    """A search ended found: who the item is kept for, and until when."""

    request_id: int
    hold_id: int
    item_barcode: str
    title: str
    patron_barcode: str
    patron_name: str
    held_until: datetime


def refuse_patron(ctx: OpContext, patron: Patron) -> None:
    """A request is refused to an expired or blocked card, as a hold is."""
    reasons = [r for r in patron_block_reasons(ctx, patron)
               if r.code in ("patron_expired", "patron_blocked")]
    if reasons:
        raise CirculationRefused(reasons)


def own_location(ctx: OpContext, item: Item) -> None:
    """Requests are handled by the item's own location (SOP 5.11.3: otherwise the patron is
    referred to it)."""
    if item.location_id != ctx.desk.location_id:
        raise CirculationRefused.one("request_other_location", barcode=item.barcode,
                                     location=ctx.location_name(item.location_id))


def reply_deadline(ctx: OpContext, item: Item, reply_by: date | None) -> datetime:
    """The end of the reply-by day: the patron's date, or ``search_reply_open_days`` open
    days of the item's location from today."""
    calendar = ctx.calendar(item.location_id)
    today = ctx.today
    if reply_by is None:
        return calendar.end_of_day(calendar.add_open_days(today, ctx.policy.search_reply_open_days))
    if reply_by < today:
        raise CirculationRefused.one("reply_by_in_past", date=reply_by.isoformat())
    if reply_by > today + timedelta(days=MAX_REPLY_DAYS):
        raise CirculationRefused.one("reply_by_too_far", date=reply_by.isoformat(),
                                     days=MAX_REPLY_DAYS)
    return calendar.end_of_day(reply_by)


def request_search(ctx: OpContext, patron_barcode: str, item_barcode: str,
                   reply_by: date | None) -> int:
    patron = ctx.patron(patron_barcode)
    item = ctx.item(item_barcode, lock=True)
    refuse_patron(ctx, patron)
    own_location(ctx, item)
    if item.status != "available" or item.staff_flag == "withdrawn_area":
        status = "withdrawn_area" if item.status == "available" else item.status
        raise CirculationRefused.one("search_item_not_available", barcode=item.barcode,
                                     status=status_name(status))
    deadline = reply_deadline(ctx, item, reply_by)
    existing = ctx.session.scalars(select(SearchRequest).where(
        SearchRequest.item_id == item.id, SearchRequest.status == "open")).first()
    if existing is not None:
        tz = ctx.desk_calendar.tz
        raise CirculationRefused.one("search_exists", barcode=item.barcode,
                                     request_id=existing.id,
                                     date=f"{existing.reply_by.astimezone(tz):%Y-%m-%d}")
    request = SearchRequest(patron_id=patron.id, item_id=item.id, location_id=item.location_id,
                            desk_id=ctx.desk.id, staff_id=ctx.staff.id, requested_at=ctx.now,
                            reply_by=deadline, status="open")
    ctx.session.add(request)
    ctx.session.flush()
    return request.id


def _open_search_of(ctx: OpContext, item: Item) -> SearchRequest:
    request = ctx.session.scalars(select(SearchRequest).where(
        SearchRequest.item_id == item.id, SearchRequest.status == "open",
        SearchRequest.location_id == ctx.desk.location_id)).first()
    if request is None:
        raise CirculationRefused.one("search_not_on_list", barcode=item.barcode)
    return request


def search_found(ctx: OpContext, item_barcode: str) -> SearchFound:
    """The item scanned from the search list: kept behind the desk for the patron."""
    item = ctx.item(item_barcode, lock=True)
    request = _open_search_of(ctx, item)
    if item.status != "available":
        raise CirculationRefused.one("item_status", barcode=item.barcode,
                                     status=status_name(item.status))
    calendar = ctx.calendar(request.location_id)
    until = calendar.end_of_day(ctx.today + timedelta(days=ctx.policy.search_hold_days))
    hold = hold_and_tell(ctx, item, request.patron_id, request.location_id, until,
                         "search_found")
    request.status = "found"
    request.closed_at = ctx.now
    request.closed_by = ctx.staff.id
    request.hold_id = hold.id
    patron = ctx.session.get(Patron, request.patron_id)
    assert patron is not None  # a foreign key
    return SearchFound(request_id=request.id, hold_id=hold.id, item_barcode=item.barcode,
                       title=item.biblio.title, patron_barcode=patron.barcode,
                       patron_name=patron.name, held_until=until)


def _not_found(session: Session, request: SearchRequest, item: Item, now: datetime,
               staff_id: int | None) -> None:
    """End ``request`` unfound: the item is recorded missing and the patron told. An item that
    turned up meanwhile (the catalogue no longer shows it available: lent at the counter, on
    the holds shelf, in transit) is not missing: the search is cancelled without a notice."""
    request.closed_at = now
    request.closed_by = staff_id
    if item.status != "available":
        request.status = "cancelled"
        return
    request.status = "not_found"
    item.status = "missing"
    queue_notice(session, request.patron_id, "search_not_found", {"title": item.biblio.title},
                 now=now)


def search_not_found(ctx: OpContext, request_id: int) -> str:
    """Staff end search ``request_id`` unfound (the "not found" key); the item's barcode. An
    item that turned up meanwhile is refused (``item_status``): it is not missing."""
    request = ctx.session.get(SearchRequest, request_id, with_for_update=True)
    if request is None or request.status != "open":
        raise CirculationRefused.one("search_not_open", request_id=request_id)
    item = ctx.session.get(Item, request.item_id, with_for_update=True)
    assert item is not None  # a foreign key
    if item.status != "available":
        raise CirculationRefused.one("item_status", barcode=item.barcode,
                                     status=status_name(item.status))
    _not_found(ctx.session, request, item, ctx.now, ctx.staff.id)
    return item.barcode


def expire_searches(session: Session, now: datetime, *, staff_id: int | None = None,
                    location_id: int | None = None) -> list[str]:
    """End every open search whose reply-by deadline has passed (of ``location_id``, or all):
    the items become missing and the patrons are told (an item that turned up meanwhile only
    ends its search). The barcodes of the items now missing."""
    query = (select(SearchRequest, Item).join(Item, SearchRequest.item_id == Item.id)
             .where(SearchRequest.status == "open", SearchRequest.reply_by < now)
             .order_by(SearchRequest.id).with_for_update(of=SearchRequest))
    if location_id is not None:
        query = query.where(SearchRequest.location_id == location_id)
    barcodes: list[str] = []
    for request, item in session.execute(query).all():
        _not_found(session, request, item, now, staff_id)
        if request.status == "not_found":
            barcodes.append(item.barcode)
    session.flush()
    return barcodes


def search_pull_entries(session: Session, location_id: int, now: datetime) -> list[PullEntry]:
    """The day's search list of ``location_id``: the open searches, oldest deadline first
    (the pull list sorts them by call number)."""
    rows = session.execute(
        select(SearchRequest.id, SearchRequest.requested_at, SearchRequest.reply_by,
               Item.barcode, Item.call_number, Biblio.title, Patron.barcode.label("patron"))
        .join(Item, SearchRequest.item_id == Item.id)
        .join(Biblio, Item.biblio_id == Biblio.id)
        .join(Patron, SearchRequest.patron_id == Patron.id)
        .where(SearchRequest.location_id == location_id, SearchRequest.status == "open")
        .order_by(SearchRequest.reply_by, SearchRequest.id)).all()
    if not rows:
        return []
    code = session.scalars(select(Location.code).where(Location.id == location_id)).one()
    return [PullEntry(kind="search", request_id=row.id, item_barcode=row.barcode,
                      title=row.title, call_number=row.call_number or "", location=code,
                      patron_barcode=row.patron, requested_at=row.requested_at,
                      act_by=row.reply_by, overdue=row.reply_by < now)
            for row in rows]


__all__ = ["SearchFound", "expire_searches", "request_search", "search_found",
           "search_not_found", "search_pull_entries"]
