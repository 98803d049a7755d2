"""What a self-check machine asks about a patron that the patron panel does not show: the
patron's language (screen messages are in it) and the category's loan limit (the "too many
items charged" flag); and whether the database answers at all (SIP2 message 99)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select, text

from desk.circulation.facts import patron_facts
from desk.circulation.notices import Notice
from desk.circulation.queries.common import query_context
from desk.circulation.queries.patrons import patron_summary
from desk.circulation.queries.rows import PatronSummary
from desk.circulation.rules import eligibility
from desk.models import Item, Location, Patron, PatronCategory

if TYPE_CHECKING:
    from desk.circulation.store import LibraryStore


@dataclass(frozen=True)
class SelfCheckPatron:
    """The patron panel's summary, the patron's language and the category's loan limit."""

    summary: PatronSummary
    language: str                     # 'zh_TW' or 'en'
    max_items_total: int | None       # None: no limit for the category as a whole


def selfcheck_patron(library: "LibraryStore", barcode: str, *, desk: str) -> SelfCheckPatron:
    """The patron with card ``barcode`` as a self-check machine at ``desk`` sees it. Raises
    ``CirculationRefused`` (patron_not_found, card_replaced, barcode_invalid)."""
    summary = patron_summary(library, barcode, desk=desk)
    with library.read_sessions() as session:
        language, limit = session.execute(
            select(Patron.language, PatronCategory.max_items_total)
            .join(PatronCategory, Patron.category == PatronCategory.code)
            .where(Patron.barcode == summary.barcode)).one()
    return SelfCheckPatron(summary, language if language in ("zh_TW", "en") else "zh_TW", limit)


@dataclass(frozen=True)
class SelfCheckStatus:
    """A patron as SIP2's patron status (23) needs them: read in two statements (the patron,
    then the facts the checkout decides on), without the lists of the patron panel."""

    barcode: str
    name: str
    language: str
    balance: int
    loans: int
    block_reasons: list[Notice]
    max_items_total: int | None


def selfcheck_status(library: "LibraryStore", barcode: str, *, desk: str) -> SelfCheckStatus:
    """The patron with card ``barcode`` and why checkout would refuse them now, at ``desk``.
    Raises ``CirculationRefused`` (patron_not_found, card_replaced, barcode_invalid)."""
    with library.read_sessions() as session:
        ctx = query_context(session, library, desk)
        patron = ctx.patron(barcode)
        facts = patron_facts(ctx, patron, ctx.now)
        return SelfCheckStatus(
            barcode=patron.barcode, name=patron.name,
            language=patron.language if patron.language in ("zh_TW", "en") else "zh_TW",
            balance=facts.balance, loans=facts.open_loans,
            block_reasons=eligibility.patron_block_reasons(facts, ctx.today, library.policy),
            max_items_total=facts.max_items_total)


def patron_language(library: "LibraryStore", barcode: str) -> str | None:
    """The language of the patron with card ``barcode`` ('zh_TW' or 'en'), or None when no
    patron has it."""
    with library.read_sessions() as session:
        language = session.scalar(select(Patron.language).where(Patron.barcode == barcode))
    if language is None:
        return None
    return language if language in ("zh_TW", "en") else "zh_TW"


def item_home(library: "LibraryStore", barcode: str) -> str | None:
    """The code of the home location of the item with ``barcode``, or None."""
    with library.read_sessions() as session:
        return session.scalar(select(Location.code).join(Item, Item.location_id == Location.id)
                              .where(Item.barcode == barcode))


def database_answers(library: "LibraryStore") -> None:
    """Ask the database the cheapest question; a database error if it cannot answer."""
    with library.read_sessions() as session:
        session.execute(text("SELECT 1")).one()


__all__ = ["SelfCheckPatron", "SelfCheckStatus", "database_answers", "item_home",
           "patron_language", "selfcheck_patron", "selfcheck_status"]
