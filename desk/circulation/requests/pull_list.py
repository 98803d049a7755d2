"""One location's pull list: what staff must fetch from its shelves, in shelf order.

Each kind of request reports its open work through a source, a function
``(session, location_id, now) -> list[PullEntry]``; ``SOURCES`` lists them, and
``pull_list`` merges what they return, sorted by call number. A new kind of request joins the
list with one more source in ``SOURCES``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from operator import attrgetter

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, aliased

from desk.circulation.requests.pull_entry import PullEntry
from desk.circulation.requests.retrievals import retrieval_pull_entries
from desk.circulation.requests.searches import search_pull_entries
from desk.models import Biblio, Hold, Item, Location, Patron
from desk.models.delivery import DeliveryRequest

PullSource = Callable[[Session, int, datetime], list[PullEntry]]


def holds_to_pull(session: Session, location_id: int, now: datetime) -> list[PullEntry]:
    """Pending holds whose title has an available copy on this location's shelves: one copy
    per hold, the oldest hold first (staff scan it in, and checkin traps it).

    The holds and copies are matched first, in a materialised CTE, and only the matches are
    joined to their patrons and titles: left to itself the planner joined the patron and the
    title of every pending hold of the library first, which cost ten times more. The holds are
    read in title order so that the copies' index is walked forwards, page after page, instead
    of being jumped about in (a third of the time on the 1M-item library)."""
    pairs = (select(Hold.id.label("hold_id"), Hold.biblio_id, Hold.placed_at, Hold.patron_id,
                    Item.barcode, Item.call_number)
             .select_from(Hold)
             .join(Item, (Item.biblio_id == Hold.biblio_id) & (Item.status == "available")
                   & (Item.location_id == location_id) & Item.loanable)
             .where(Hold.status == "pending",
                    ~exists().where(DeliveryRequest.item_id == Item.id,
                                    DeliveryRequest.status == "requested"))
             .cte("pairs").prefix_with("MATERIALIZED"))
    # Core on the session's connection: plain rows, without the ORM's result machinery
    rows = session.connection().execute(
        select(pairs.c.hold_id, pairs.c.placed_at, Patron.barcode, pairs.c.barcode,
               pairs.c.call_number, Biblio.title)
        .join(Patron, Patron.id == pairs.c.patron_id)
        .join(Biblio, Biblio.id == pairs.c.biblio_id)
        .order_by(pairs.c.biblio_id, pairs.c.placed_at, pairs.c.hold_id, pairs.c.barcode)).all()
    code = _code(session, location_id)
    entries: list[PullEntry] = []
    taken: set[str] = set()
    served: set[int] = set()
    for hold_id, placed_at, patron, barcode, call_number, title in rows:
        if hold_id in served or barcode in taken:
            continue
        served.add(hold_id)
        taken.add(barcode)
        entries.append(PullEntry(
            kind="hold", request_id=hold_id, item_barcode=barcode, title=title,
            call_number=call_number or "", location=code, patron_barcode=patron,
            requested_at=placed_at, act_by=None, overdue=False))
    return entries


def deliveries_to_pull(session: Session, location_id: int, now: datetime) -> list[PullEntry]:
    """Delivery requests for items of this location still to pull, overdue past ``act_by``."""
    pickup = aliased(Location)
    code = _code(session, location_id)
    rows = session.connection().execute(
        select(DeliveryRequest.id, DeliveryRequest.requested_at, DeliveryRequest.act_by,
               Item.barcode, Item.call_number, Biblio.title, Patron.barcode, pickup.name)
        .join(Item, Item.id == DeliveryRequest.item_id)
        .join(Biblio, Biblio.id == Item.biblio_id)
        .join(Patron, Patron.id == DeliveryRequest.patron_id)
        .join(pickup, pickup.id == DeliveryRequest.pickup_location_id)
        .where(DeliveryRequest.owning_location_id == location_id,
               DeliveryRequest.status == "requested")).all()
    return [PullEntry(kind="delivery", request_id=request_id, item_barcode=barcode, title=title,
                      call_number=call_number or "", location=code, patron_barcode=patron,
                      requested_at=requested_at, act_by=act_by, overdue=now > act_by,
                      note=pickup_name)
            for (request_id, requested_at, act_by, barcode, call_number, title, patron,
                 pickup_name) in rows]


def _code(session: Session, location_id: int) -> str:
    return session.get_one(Location, location_id).code


# PullEntry.sort_key, as a C-level key function: thousands of entries are sorted
_SHELF_ORDER = attrgetter("call_number", "item_barcode")

SOURCES: tuple[PullSource, ...] = (holds_to_pull, deliveries_to_pull, search_pull_entries,
                                   retrieval_pull_entries)


def pull_list(session: Session, location_id: int, now: datetime,
              sources: tuple[PullSource, ...] = SOURCES) -> list[PullEntry]:
    """Everything to fetch from the shelves of ``location_id``, sorted by call number."""
    entries = [entry for source in sources for entry in source(session, location_id, now)]
    return sorted(entries, key=_SHELF_ORDER)


__all__ = ["SOURCES", "PullSource", "deliveries_to_pull", "holds_to_pull", "pull_list"]
