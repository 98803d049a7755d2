"""Bibliographic records: which copies share a title, so a hold on the title is filled by any
copy. Used by ``Library.add_item`` and by the bulk importer alike."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.models import Biblio


class BiblioFinder:
    """Copies with the same ISBN, or the same title and author (no ISBN), share one record,
    found in the database or among the records this finder made in the same session."""

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
