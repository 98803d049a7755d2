"""Writing checked patron and item records in ONE transaction (all or nothing).

The ``Library`` setup methods each commit on their own; a bulk import needs every record in a
single transaction, so this module writes the models directly, after ``desk.importer.validate``
has applied the same checks (barcode and check digit, references, lengths).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import exists, insert, literal, select
from sqlalchemy.orm import Session

from desk.circulation.catalogue import BiblioFinder
from desk.circulation.library import Library
from desk.models import AuditEvent, Item, Location, Patron, PatronMessage
from desk.models.base import UTCDateTime

BIBLIO_KEYS = ("author", "isbn", "publisher", "year", "foreign")
ITEM_KEYS = ("call_number", "accessories", "has_strip", "staff_flag", "loanable", "status",
             "parts")


FLUSH_EVERY = 1000


def _flush_every(session: Session, batch: list[Any], *, at: int = FLUSH_EVERY) -> None:
    """Write the batch (still inside the one transaction) and let the session forget it, so a
    500,000-line import does not keep 500,000 objects."""
    if len(batch) < at:
        return
    session.add_all(batch)
    session.flush()
    for written in batch:
        session.expunge(written)
    batch.clear()


def _location_ids(session: Session) -> dict[str, int]:
    return {code: id_ for id_, code in session.execute(select(Location.id, Location.code))}


def write_patrons(library: Library, records: Iterable[dict[str, Any]], *,
                  source: str = "import") -> int:
    """Add the patrons ``records`` (values as ``desk.importer.validate`` returns them, plus
    optionally ``blocked``, ``block_message`` and ``expires``) in one transaction."""
    now = library.now()
    count = 0
    with library.sessions() as session, session.begin():
        locations = _location_ids(session)
        batch: list[Any] = []
        for record in records:
            values = dict(record)
            home = values.pop("home_location", None)
            batch.append(Patron(
                barcode=values.pop("barcode"), name=values.pop("name"),
                category=values.pop("category"), expires_on=values.pop("expires", None),
                home_location_id=locations[home] if home else None, created_at=now,
                lifetime_loans=0, blocked=values.pop("blocked", False), **values))
            count += 1
            _flush_every(session, batch)
        _flush_every(session, batch, at=1)
        # A note in the file is a message shown at checkout until acknowledged, as any message.
        session.execute(insert(PatronMessage).from_select(
            ["patron_id", "text", "created_at"],
            select(Patron.id, Patron.message, literal(now, UTCDateTime())).where(
                Patron.created_at == now, Patron.message.is_not(None), Patron.message != "",
                ~exists().where(PatronMessage.patron_id == Patron.id))))
        session.add(AuditEvent(at=now, action="import_patrons", outcome="done",
                               detail={"count": count, "source": source}))
    return count


def write_items(library: Library, records: Iterable[dict[str, Any]], *,
                source: str = "import") -> int:
    """Add the items ``records`` in one transaction, sharing title records between copies."""
    now = library.now()
    count = 0
    with library.sessions() as session, session.begin():
        locations = _location_ids(session)
        biblios = BiblioFinder(session)
        batch: list[Any] = []
        for record in records:
            details = {k: v for k, v in record.items() if k in BIBLIO_KEYS}
            biblio = biblios.find(record["title"], details)
            batch.append(Item(
                barcode=record["barcode"], biblio=biblio, item_type=record["item_type"],
                location_id=locations[record["location"]], price=record.get("price", 0),
                **{k: v for k, v in record.items() if k in ITEM_KEYS}))
            count += 1
            _flush_every(session, batch)
        _flush_every(session, batch, at=1)
        session.add(AuditEvent(at=now, action="import_items", outcome="done",
                               detail={"count": count, "source": source}))
    return count
