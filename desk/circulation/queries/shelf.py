"""The holds shelf of one location: who is waiting for what, and until when."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from desk.circulation.holds import mask_name
from desk.circulation.queries.common import query_context
from desk.circulation.queries.rows import ShelfHold
from desk.models import Biblio, Hold, Item, Location, Patron

if TYPE_CHECKING:
    from desk.circulation.store import LibraryStore


def holds_shelf(library: "LibraryStore", location_code: str) -> list[ShelfHold]:
    """The holds waiting on the holds shelf at ``location_code``, soonest deadline first, each
    with the patron's name, masked name and card's last four characters (for the hold slip and
    the shelf label) and whether it has expired. Raises ``CirculationRefused``
    (location_not_found)."""
    with library.read_sessions() as session:
        ctx = query_context(session, library, None)
        location = ctx.location(location_code)
        rows = session.execute(
            select(Hold, Patron.barcode, Patron.name, Biblio.title, Item.barcode,
                   Item.call_number)
            .join(Patron, Hold.patron_id == Patron.id)
            .join(Biblio, Hold.biblio_id == Biblio.id)
            .outerjoin(Item, Hold.item_id == Item.id)
            .where(Hold.pickup_location_id == location.id, Hold.status == "waiting")
            .order_by(Hold.shelf_expires_at, Hold.id))
        return [ShelfHold(hold_id=hold.id, patron_barcode=patron_barcode, patron_name=name,
                          masked_name=mask_name(name), card_last4=patron_barcode[-4:],
                          title=title, item_barcode=item_barcode, call_number=call_number,
                          waiting_since=hold.waiting_since,
                          shelf_expires_at=hold.shelf_expires_at,
                          expired=hold.shelf_expires_at is not None
                          and hold.shelf_expires_at < ctx.now, kind=hold.kind)
                for hold, patron_barcode, name, title, item_barcode, call_number in rows]


def locations(library: "LibraryStore") -> list[tuple[str, str]]:
    """(code, name) of every location, by code: the choices of a location picker."""
    with library.read_sessions() as session:
        return [(code, name) for code, name in session.execute(
            select(Location.code, Location.name).order_by(Location.code))]


__all__ = ["holds_shelf", "locations"]
