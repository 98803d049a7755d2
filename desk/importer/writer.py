"""Writing checked patron and item records in ONE transaction (all or nothing).

The ``Library`` setup methods each commit on their own; a bulk import needs every record in a
single transaction, so this module writes the models directly, after ``desk.importer.validate``
has applied the same checks (barcode and check digit, references, lengths).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.circulation.library import Library
from desk.models import AuditEvent, Biblio, Item, Location, Patron

BIBLIO_KEYS = ("author", "isbn", "publisher", "year", "foreign")
ITEM_KEYS = ("call_number", "accessories", "has_strip", "staff_flag", "loanable", "status")


class BiblioFinder:
    """Copies with the same ISBN, or the same title and author (no ISBN), share one record,
    found in the database or among the records of this import (as ``Library.add_item`` does)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.cache: dict[tuple[Any, ...], Biblio] = {}

    def find(self, title: str, details: dict[str, Any]) -> Biblio:
        isbn = details.get("isbn")
        key = ("isbn", isbn) if isbn else ("title", title, details.get("author"))
        if key in self.cache:
            return self.cache[key]
        if isbn:
            query = select(Biblio).where(Biblio.isbn == isbn)
        else:
            query = select(Biblio).where(Biblio.title == title,
                                         Biblio.author == details.get("author"),
                                         Biblio.isbn.is_(None))
        with self.session.no_autoflush:
            biblio = self.session.scalars(query.limit(1)).first()
        if biblio is None:
            biblio = Biblio(title=title, author=details.get("author"), isbn=isbn,
                            publisher=details.get("publisher"), year=details.get("year"),
                            foreign=bool(details.get("foreign", False)))
            self.session.add(biblio)
        self.cache[key] = biblio
        return biblio


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
        for record in records:
            values = dict(record)
            home = values.pop("home_location", None)
            session.add(Patron(
                barcode=values.pop("barcode"), name=values.pop("name"),
                category=values.pop("category"), expires_on=values.pop("expires", None),
                home_location_id=locations[home] if home else None, created_at=now,
                lifetime_loans=0, blocked=values.pop("blocked", False), **values))
            count += 1
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
        for record in records:
            details = {k: v for k, v in record.items() if k in BIBLIO_KEYS}
            biblio = biblios.find(record["title"], details)
            session.add(Item(
                barcode=record["barcode"], biblio=biblio, item_type=record["item_type"],
                location_id=locations[record["location"]], price=record.get("price", 0),
                **{k: v for k, v in record.items() if k in ITEM_KEYS}))
            count += 1
        session.add(AuditEvent(at=now, action="import_items", outcome="done",
                               detail={"count": count, "source": source}))
    return count
