"""Cancelling a missing-book search or a withdrawn-area retrieval the patron no longer wants.

A request still open simply ends ``cancelled`` (when, by whom, the reason kept); staff stop
looking for the book. A found search or a fetched retrieval keeps its book behind the desk
through a trapped hold: cancelling ends that hold and sends the book where an uncollected one
goes (``clear_holds_shelf``, ``expire_retrievals``): the item becomes ``holds_cleared``, a
search's book to be scanned at checkin and shelved (or trapped for the next hold), a
retrieval's back to the withdrawn area. The result says which, in the desk's language.
Closed requests are refused naming their state; a held book is cancelled only at the location
that keeps it, where staff can take it off the shelf."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeVar

from desk.circulation.context import OpContext
from desk.circulation.notices import CirculationRefused
from desk.circulation.requests.retrievals import settle
from desk.models import Hold, Item, Patron, RetrievalRequest, SearchRequest
from desk.wording import pick, text
from desk.wording.searches import (CLOSED_SEARCH_NAMES, REQUEST_KIND_NAMES,
                                   RETRIEVAL_STATUS_NAMES, SEARCH_STATUS_NAMES)

RequestKind = Literal["search", "retrieval"]
# Where the book goes now: nowhere (it was never taken off the shelf), the shelf (scanned at
# checkin first), the withdrawn area.
PutBack = Literal["none", "shelf", "withdrawn_area"]


@dataclass(frozen=True)
class RequestCancelled:
    """A search or retrieval ended ``cancelled``. ``hold_id``: the hold that kept the book
    behind the desk, now cancelled (None when the request was still open); ``put_back``: where
    the book goes; ``instruction``: what staff do with it, in the desk's language."""

    kind: RequestKind
    request_id: int
    item_barcode: str
    title: str
    patron_barcode: str
    patron_name: str
    hold_id: int | None
    put_back: PutBack
    instruction: str


def _waiting_hold(ctx: OpContext, hold_id: int | None) -> Hold | None:
    hold = ctx.session.get(Hold, hold_id, with_for_update=True) if hold_id else None
    return hold if hold is not None and hold.status == "waiting" else None


def _release(ctx: OpContext, hold: Hold, item: Item, location_id: int) -> None:
    """End the hold that kept ``item`` behind the desk; the item is to be taken off the
    holds shelf (``holds_cleared``), as an uncollected one is."""
    if location_id != ctx.desk.location_id:
        raise CirculationRefused.one("request_cancel_elsewhere", barcode=item.barcode,
                                     location=ctx.location_name(location_id))
    hold.status = "cancelled"
    hold.closed_at = ctx.now
    if item.status == "on_holds_shelf":
        item.status = "holds_cleared"


def _result(ctx: OpContext, kind: RequestKind, request_id: int, item: Item, patron_id: int,
            hold: Hold | None, put_back: PutBack) -> RequestCancelled:
    patron = ctx.session.get(Patron, patron_id)
    assert patron is not None  # a foreign key
    instruction = text(f"request_cancelled_{put_back}", barcode=item.barcode,
                       title=item.biblio.title)
    return RequestCancelled(kind=kind, request_id=request_id, item_barcode=item.barcode,
                            title=item.biblio.title, patron_barcode=patron.barcode,
                            patron_name=patron.name, hold_id=hold.id if hold else None,
                            put_back=put_back, instruction=instruction)


def _search_state(ctx: OpContext, request: SearchRequest) -> str:
    """The state of a closed search as the refusal names it (a found one: collected or not)."""
    if request.status == "found":
        hold = ctx.session.get(Hold, request.hold_id) if request.hold_id else None
        key = "found_collected" if hold is not None and hold.status == "fulfilled" \
            else "found_cleared"
        return pick(CLOSED_SEARCH_NAMES[key])
    return pick(SEARCH_STATUS_NAMES[request.status])


R = TypeVar("R", SearchRequest, RetrievalRequest)


def _locked(ctx: OpContext, model: type[R], request_id: int, missing: str) -> tuple[R, Item]:
    """The request and its item, both locked (``missing``: the refusal when there is none)."""
    request = ctx.session.get(model, request_id, with_for_update=True)
    if request is None:
        raise CirculationRefused.one(missing, request_id=request_id)
    item = ctx.session.get(Item, request.item_id, with_for_update=True)
    assert item is not None  # a foreign key
    ctx.clock_after_lock()
    return request, item


def cancel_search(ctx: OpContext, request_id: int, reason: str) -> RequestCancelled:
    request, item = _locked(ctx, SearchRequest, request_id, "search_request_not_found")
    hold = _waiting_hold(ctx, request.hold_id) if request.status == "found" else None
    if request.status != "open" and hold is None:
        raise CirculationRefused.one("request_closed", request_id=request_id,
                                     kind=pick(REQUEST_KIND_NAMES["search"]),
                                     state=_search_state(ctx, request))
    put_back: PutBack = "none"
    if hold is not None:
        _release(ctx, hold, item, request.location_id)
        put_back = "shelf"
    _close(ctx, request, reason)
    return _result(ctx, "search", request.id, item, request.patron_id, hold, put_back)


def cancel_retrieval(ctx: OpContext, request_id: int, reason: str) -> RequestCancelled:
    request, item = _locked(ctx, RetrievalRequest, request_id, "retrieval_request_not_found")
    settle(ctx.session, request, ctx.now)   # a hold collected or cleared meanwhile closes it
    hold = _waiting_hold(ctx, request.hold_id) if request.status == "fetched" else None
    if request.status not in ("open", "fetched") or (request.status == "fetched"
                                                     and hold is None):
        raise CirculationRefused.one("request_closed", request_id=request_id,
                                     kind=pick(REQUEST_KIND_NAMES["retrieval"]),
                                     state=pick(RETRIEVAL_STATUS_NAMES[request.status]))
    put_back: PutBack = "none"
    if hold is not None:
        _release(ctx, hold, item, request.location_id)
        put_back = "withdrawn_area"
    _close(ctx, request, reason)
    return _result(ctx, "retrieval", request.id, item, request.patron_id, hold, put_back)


def _close(ctx: OpContext, request: SearchRequest | RetrievalRequest, reason: str) -> None:
    request.status = "cancelled"
    request.closed_at = ctx.now
    request.closed_by = ctx.staff.id
    request.cancel_reason = reason


__all__ = ["PutBack", "RequestCancelled", "cancel_retrieval", "cancel_search"]
