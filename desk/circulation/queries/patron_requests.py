"""One patron's requests for the Requests tab of the patron's own screen: deliveries between
locations, missing-book searches and withdrawn-area retrievals, newest first — the open ones and
those closed in the last ``RECENT_DAYS`` days (older ones are in the activity log).

No Qt. One short read session; frozen rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Literal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from desk.circulation.barcodes import check_barcode
from desk.circulation.notices import CirculationRefused
from desk.models import Biblio, Hold, Item, Location, Patron
from desk.models.delivery import DeliveryRequest
from desk.models.searches import RetrievalRequest, SearchRequest

if TYPE_CHECKING:
    from desk.circulation.store import LibraryStore

RECENT_DAYS = 90
RequestKind = Literal["delivery", "search", "retrieval"]


@dataclass(frozen=True)
class PatronRequestRow:
    """One request: what, where, its state and the date that matters next (``deadline``:
    staff's act-by for an open request, the pickup deadline of one waiting on the shelf, the
    refund deadline of a failed delivery)."""

    kind: RequestKind
    request_id: int
    item_barcode: str
    title: str
    status: str
    requested_at: datetime
    deadline: datetime | None
    where: str              # delivery: "owning → pickup"; search/retrieval: the location
    open: bool


def _patron_id(library: "LibraryStore", session: Session, barcode: str) -> int:
    code = check_barcode(barcode, check_digits=library.policy.check_digits)
    found = session.scalars(select(Patron.id).where(Patron.barcode == code)).first()
    if found is None:
        raise CirculationRefused.one("patron_not_found", barcode=code)
    return found


def _deliveries(session: Session, patron_id: int, since: datetime) -> list[PatronRequestRow]:
    owning, pickup = aliased(Location), aliased(Location)
    rows = session.execute(
        select(DeliveryRequest, Item.barcode, Biblio.title, owning.name, pickup.name,
               Hold.shelf_expires_at)
        .join(Item, Item.id == DeliveryRequest.item_id)
        .join(Biblio, Biblio.id == Item.biblio_id)
        .join(owning, owning.id == DeliveryRequest.owning_location_id)
        .join(pickup, pickup.id == DeliveryRequest.pickup_location_id)
        .outerjoin(Hold, Hold.id == DeliveryRequest.hold_id)
        .where(DeliveryRequest.patron_id == patron_id,
               or_(DeliveryRequest.status.in_(("requested", "pulled")),
                   DeliveryRequest.requested_at >= since)))
    found = []
    for request, barcode, title, owning_name, pickup_name, shelf_until in rows:
        deadline = {"requested": request.act_by, "pulled": shelf_until,
                    "failed": request.refund_until}.get(request.status)
        found.append(PatronRequestRow(
            "delivery", request.id, barcode, title, request.status, request.requested_at,
            deadline, f"{owning_name} → {pickup_name}",
            request.status in ("requested", "pulled")))
    return found


def _searches(session: Session, patron_id: int, since: datetime) -> list[PatronRequestRow]:
    """A found search whose book still waits behind the desk is open: it may be cancelled."""
    rows = session.execute(
        select(SearchRequest, Item.barcode, Biblio.title, Location.name, Hold.shelf_expires_at,
               Hold.status)
        .join(Item, Item.id == SearchRequest.item_id)
        .join(Biblio, Biblio.id == Item.biblio_id)
        .join(Location, Location.id == SearchRequest.location_id)
        .outerjoin(Hold, Hold.id == SearchRequest.hold_id)
        .where(SearchRequest.patron_id == patron_id,
               or_(SearchRequest.status == "open", SearchRequest.requested_at >= since,
                   (SearchRequest.status == "found") & (Hold.status == "waiting"))))
    return [PatronRequestRow("search", request.id, barcode, title, request.status,
                             request.requested_at,
                             request.reply_by if request.status == "open" else shelf_until,
                             location, request.status == "open"
                             or (request.status == "found" and hold_status == "waiting"))
            for request, barcode, title, location, shelf_until, hold_status in rows]


def _retrievals(session: Session, patron_id: int, since: datetime) -> list[PatronRequestRow]:
    rows = session.execute(
        select(RetrievalRequest, Item.barcode, Biblio.title, Location.name,
               Hold.shelf_expires_at)
        .join(Item, Item.id == RetrievalRequest.item_id)
        .join(Biblio, Biblio.id == Item.biblio_id)
        .join(Location, Location.id == RetrievalRequest.location_id)
        .outerjoin(Hold, Hold.id == RetrievalRequest.hold_id)
        .where(RetrievalRequest.patron_id == patron_id,
               or_(RetrievalRequest.status.in_(("open", "fetched", "lent")),
                   RetrievalRequest.requested_at >= since)))
    return [PatronRequestRow("retrieval", request.id, barcode, title, request.status,
                             request.requested_at,
                             shelf_until if request.status == "fetched" else None, location,
                             request.status in ("open", "fetched", "lent"))
            for request, barcode, title, location, shelf_until in rows]


def patron_requests(library: "LibraryStore", barcode: str) -> list[PatronRequestRow]:
    """The patron's open requests and those of the last ``RECENT_DAYS`` days, newest first."""
    since = library.now() - timedelta(days=RECENT_DAYS)
    with library.read_sessions() as session:
        patron_id = _patron_id(library, session, barcode)
        rows = (_deliveries(session, patron_id, since) + _searches(session, patron_id, since)
                + _retrievals(session, patron_id, since))
    return sorted(rows, key=lambda row: (row.requested_at, row.request_id), reverse=True)


__all__ = ["RECENT_DAYS", "PatronRequestRow", "patron_requests"]
