"""Helpers shared by the read-only queries: search clauses that use the indexes, and the
operation context the patron checks need."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import Session

from desk.circulation.context import OpContext
from desk.circulation.notices import CirculationRefused
from desk.models import Desk, Location

if TYPE_CHECKING:
    from desk.circulation.store import LibraryStore

# The highest code point: every string starting with a prefix sorts below prefix + this.
_TOP = "\U0010ffff"
MAX_SEARCH_LENGTH = 200
MAX_LIMIT = 500
# Six or more digits and nothing else is a card or item number being typed or scanned, never
# words of a name or title: such text skips the substring scan of names and titles.
NUMBER_DIGITS = 6


def search_text(text: str) -> str:
    """What the user typed, cleaned: stripped, at most ``MAX_SEARCH_LENGTH`` characters."""
    if not isinstance(text, str):
        raise TypeError(f"search text must be a string, not {type(text).__name__}")
    return text.strip()[:MAX_SEARCH_LENGTH]


def is_number(text: str) -> bool:
    """Is ``text`` a barcode number rather than words (see ``NUMBER_DIGITS``)?"""
    return text.isdigit() and len(text) >= NUMBER_DIGITS


def check_limit(limit: int) -> int:
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be a whole number from 1 to {MAX_LIMIT}, not {limit!r}")
    return limit


def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def starts_with(session: Session, column: Any, prefix: str) -> ColumnElement[bool]:
    """``column`` starts with ``prefix`` (case-sensitive), as a clause the column's b-tree index
    can answer. SQLite's planner only uses the index for a range (exact: it compares by code
    point); PostgreSQL uses it for LIKE itself, on columns in the "C" collation
    (``desk.models.base.searched_text``)."""
    like: ColumnElement[bool] = column.like(escape_like(prefix) + "%", escape="\\")
    if session.get_bind().dialect.name == "sqlite":
        return and_(column >= prefix, column < prefix + _TOP, like)
    return like


def contains(session: Session, column: Any, text: str) -> ColumnElement[bool]:
    """``column`` contains ``text``, ignoring the case of ASCII letters (a scan on SQLite, a
    trigram index on PostgreSQL for three characters or more: use after the indexed lookups).
    SQLite's own LIKE ignores ASCII case and is much faster than ``lower(x) LIKE``; PostgreSQL's
    ILIKE does the same on the "C" collation of searched columns; text without letters that
    have case needs no case folding anywhere."""
    pattern = "%" + escape_like(text) + "%"
    clause: ColumnElement[bool]
    if session.get_bind().dialect.name == "sqlite" or text.lower() == text.upper():
        clause = column.like(pattern, escape="\\")
    else:
        clause = column.ilike(pattern, escape="\\")
    return clause


def query_context(session: Session, library: "LibraryStore", desk: str | None) -> OpContext:
    """A read-only ``OpContext`` at ``desk`` (default: the first desk), for the checks the
    operations make; it is never committed. ``staff`` is not needed by the checks used here."""
    query = select(Desk).order_by(Desk.id)
    if desk is not None:
        query = select(Desk).where(Desk.code == desk)
    desk_row = session.scalars(query.limit(1)).first()
    if desk_row is None:
        if desk is not None:
            raise CirculationRefused.one("desk_not_found", code=desk)
        location_id = session.scalars(select(Location.id).order_by(Location.id).limit(1)).first()
        if location_id is None:
            raise CirculationRefused.one("location_not_found", code="?")
        desk_row = Desk(code="", location_id=location_id)   # transient, never added
    return OpContext(session=session, library=library, desk=desk_row, staff=None,  # type: ignore[arg-type]
                     now=library.now())
