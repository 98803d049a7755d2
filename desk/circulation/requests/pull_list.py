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

from sqlalchemy import exists, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased

from desk.circulation.requests.pull_entry import PullEntry
from desk.circulation.requests.retrievals import retrieval_pull_entries
from desk.circulation.requests.searches import search_pull_entries
from desk.models import Biblio, Hold, Item, Location, Patron
from desk.models.delivery import DeliveryRequest
from desk.models.item import on_shelf
from desk.models.leading_join import LeadingJoin

PullSource = Callable[[Session, int, datetime], list[PullEntry]]


def holds_to_pull(session: Session, location_id: int, now: datetime) -> list[PullEntry]:
    """Pending holds whose title has an available copy on this location's shelves: one copy
    per hold, the oldest hold first (staff scan it in, and checkin traps it).

    Three reads. The library's pending holds are matched with the location's copies on the
    shelf from two indexes alone (``ix_holds_status_biblio``, ``ix_items_on_shelf``: both in
    title order, which PostgreSQL merges in one pass and SQLite looks up hold by hold); each
    hold gets its copy here; then the patrons' cards and the titles of those holds only are
    read by their keys. Joined in one statement, the planners cannot know how few holds have a
    copy on the shelf (SOP 5.6.1.1: a patron holds a title that is out) and read every patron
    and title in key order to merge them."""
    connection = session.connection()      # Core: plain rows, without the ORM's machinery
    pairs = connection.execute(
        select(Hold.id, Hold.biblio_id, Hold.patron_id, Hold.placed_at, Item.barcode,
               Item.call_number)
        # the holds first: a library never analysed would have SQLite read every copy on the
        # shelves first (170,000 at one location of the 1M library; 30 times slower)
        .select_from(LeadingJoin(Hold.__table__, Item.__table__,
                                 (Item.biblio_id == Hold.biblio_id)
                                 & (Item.location_id == location_id) & on_shelf()))
        .where(Hold.status == "pending",
               ~exists().where(DeliveryRequest.item_id == Item.id,
                               DeliveryRequest.status == "requested"))
        .order_by(Hold.biblio_id, Hold.placed_at, Hold.id, Item.barcode)).all()
    chosen = []
    taken: set[str] = set()
    served: set[int] = set()
    for hold_id, biblio_id, patron_id, placed_at, barcode, call_number in pairs:
        if hold_id in served or barcode in taken:
            continue
        served.add(hold_id)
        taken.add(barcode)
        chosen.append((hold_id, biblio_id, patron_id, placed_at, barcode, call_number))
    if not chosen:
        return []
    cards = _by_id(connection, Patron.id, Patron.barcode, {row[2] for row in chosen})
    titles = _by_id(connection, Biblio.id, Biblio.title, {row[1] for row in chosen})
    code = _code(session, location_id)
    return [PullEntry(kind="hold", request_id=hold_id, item_barcode=barcode,
                      title=titles[biblio_id], call_number=call_number or "", location=code,
                      patron_barcode=cards[patron_id], requested_at=placed_at, act_by=None,
                      overdue=False)
            for hold_id, biblio_id, patron_id, placed_at, barcode, call_number in chosen]


def _by_id(connection: Connection, key: InstrumentedAttribute[int],
           value: InstrumentedAttribute[str], ids: set[int]) -> dict[int, str]:
    """``value`` of the rows whose ``key`` is in ``ids``, read by key in slices that stay
    well under the databases' limits on bound parameters."""
    found: dict[int, str] = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), _KEYS_PER_READ):
        found.update(connection.execute(
            select(key, value).where(key.in_(ordered[start:start + _KEYS_PER_READ]))).all())
    return found


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


_KEYS_PER_READ = 5000
# PullEntry.sort_key, as a C-level key function: thousands of entries are sorted
_SHELF_ORDER = attrgetter("call_number", "item_barcode")

SOURCES: tuple[PullSource, ...] = (holds_to_pull, deliveries_to_pull, search_pull_entries,
                                   retrieval_pull_entries)


def without_parallel_workers(session: Session) -> None:
    """PostgreSQL plans the rest of this transaction without parallel workers: the sources
    read a few thousand rows by key or walk two indexes once, and starting workers for them
    cost more than it saved (7 ms of a search list's 8). Nothing on other databases."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL max_parallel_workers_per_gather = 0"))


def pull_list(session: Session, location_id: int, now: datetime,
              sources: tuple[PullSource, ...] = SOURCES) -> list[PullEntry]:
    """Everything to fetch from the shelves of ``location_id``, sorted by call number."""
    without_parallel_workers(session)
    entries = [entry for source in sources for entry in source(session, location_id, now)]
    return sorted(entries, key=_SHELF_ORDER)


__all__ = ["SOURCES", "PullSource", "deliveries_to_pull", "holds_to_pull", "pull_list",
           "without_parallel_workers"]
