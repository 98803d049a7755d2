"""The patron's own screen (F4 → Enter): what the tabs show beyond ``patron_summary`` (the
header, loans, holds and charges) — the returned-loan history a page at a time, the messages
on the record, and the proxy authorisations (SOP 5.3.2).

History is paged by keyset (the last row's return time and id), never by OFFSET, so page 200
of a patron with 20,000 returned loans costs what page 1 does: one statement over the index
``ix_loans_patron_returned``. Messages come from a list of sources (``MESSAGE_SOURCES``), one
function each, so a new kind of message (acknowledged messages, claims) is one more function.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from desk.circulation.notices import CirculationRefused
from desk.circulation.queries.common import check_limit
from desk.circulation.queries.cards import messages_of
from desk.models import Biblio, Item, Loan, Patron, Proxy
from desk.models import PatronMessage as MessageModel

if TYPE_CHECKING:
    from desk.circulation.store import LibraryStore

HISTORY_PAGE = 100


@dataclass(frozen=True)
class ReturnedLoan:
    loan_id: int
    item_barcode: str
    title: str
    out_at: datetime
    due_at: datetime
    returned_at: datetime
    renewals: int
    hourly: bool

    @property
    def late(self) -> bool:
        return self.returned_at > self.due_at


@dataclass(frozen=True)
class HistoryPage:
    """One page of returned loans, newest return first. ``after`` is the cursor of the next
    (older) page, ``None`` when this is the last; ``total`` is counted on the first page only
    (``None`` on later pages: the screen keeps the first page's figure)."""

    loans: list[ReturnedLoan]
    after: tuple[datetime, int] | None
    total: int | None


def _patron_id(session: Session, barcode: str) -> int:
    found = session.scalars(select(Patron.id).where(Patron.barcode == barcode)).first()
    if found is None:
        raise CirculationRefused.one("patron_not_found", barcode=barcode)
    return found


def loan_history(library: "LibraryStore", barcode: str, *,
                 after: tuple[datetime, int] | None = None,
                 limit: int = HISTORY_PAGE) -> HistoryPage:
    """The patron's returned loans, newest first, ``limit`` at a time; ``after`` is the
    previous page's ``HistoryPage.after``. One statement a page, the patron found by card inside
    it (the first page counts the history in a second). Raises ``CirculationRefused``
    (patron_not_found)."""
    limit = check_limit(limit)
    patron_id = select(Patron.id).where(Patron.barcode == barcode).scalar_subquery()
    with library.read_sessions() as session:
        query = (select(Loan.id, Item.barcode, Biblio.title, Loan.out_at, Loan.due_at,
                        Loan.returned_at, Loan.renewals, Loan.hourly)
                 .join(Item, Loan.item_id == Item.id).join(Biblio, Item.biblio_id == Biblio.id)
                 .where(Loan.patron_id == patron_id, Loan.returned_at.is_not(None)))
        if after is not None:
            at, loan_id = after
            # ``<= at`` bounds the index range; the OR then drops the rows already shown.
            query = query.where(Loan.returned_at <= at,
                                or_(Loan.returned_at < at,
                                    and_(Loan.returned_at == at, Loan.id < loan_id)))
        rows = session.execute(query.order_by(Loan.returned_at.desc(), Loan.id.desc())
                               .limit(limit + 1)).all()
        total = None
        if after is None:
            total = session.scalar(select(func.count()).select_from(Loan).where(
                Loan.patron_id == patron_id, Loan.returned_at.is_not(None)))
        if not rows:
            _patron_id(session, barcode)     # nothing returned, or no such patron?
    loans = [ReturnedLoan(loan_id=row[0], item_barcode=row[1], title=row[2], out_at=row[3],
                          due_at=row[4], returned_at=row[5], renewals=row[6], hourly=row[7])
             for row in rows[:limit] if row[5] is not None]      # as the query says
    more = len(rows) > limit
    return HistoryPage(loans=loans,
                       after=(loans[-1].returned_at, loans[-1].loan_id) if more else None,
                       total=total)


# --- messages ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class PatronMessage:
    """A message on the patron's record: ``kind`` says where it comes from (``message``: the
    note shown at every checkout; ``block``: why the patron is blocked)."""

    kind: str
    text: str
    author: str | None = None
    at: datetime | None = None


MessageSource = Callable[[Session, Patron], list[PatronMessage]]


def _record_messages(session: Session, patron: Patron) -> list[PatronMessage]:
    """The ``message`` and ``block_message`` columns of the patron's row."""
    found = []
    if patron.blocked:
        found.append(PatronMessage("block", patron.block_message or ""))
    if patron.message and patron.message not in _message_texts(session, patron):
        found.append(PatronMessage("message", patron.message))   # the note from before 0011
    return found


def _message_texts(session: Session, patron: Patron) -> set[str]:
    return set(session.scalars(select(MessageModel.text)
                               .where(MessageModel.patron_id == patron.id)))


def _desk_messages(session: Session, patron: Patron) -> list[PatronMessage]:
    """The messages staff added (``add_patron_message``), acknowledged ones too, with their
    author and date (``desk.circulation.queries.cards``)."""
    return [PatronMessage("message", row.text, row.author, row.created_at)
            for row in messages_of(session, patron.id, acknowledged=True)]


MESSAGE_SOURCES: list[MessageSource] = [_record_messages, _desk_messages]


def patron_messages(library: "LibraryStore", barcode: str) -> list[PatronMessage]:
    """Every message on the patron's record, from each of ``MESSAGE_SOURCES`` in turn.
    Raises ``CirculationRefused`` (patron_not_found)."""
    with library.read_sessions() as session:
        patron = session.scalars(select(Patron).where(Patron.barcode == barcode)).first()
        if patron is None:
            raise CirculationRefused.one("patron_not_found", barcode=barcode)
        return [message for source in MESSAGE_SOURCES for message in source(session, patron)]


# --- proxies ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ProxyRow:
    """A current authorisation: ``proxy`` may borrow for ``patron``."""

    proxy_id: int
    patron_barcode: str
    patron_name: str
    proxy_barcode: str
    proxy_name: str
    valid_until: date | None
    note: str | None


def patron_proxies(library: "LibraryStore", barcode: str) -> list[ProxyRow]:
    """The current authorisations naming the patron either way (who may borrow for them, and
    for whom they may borrow), in one statement; ended ones are left out."""
    principal, agent = aliased(Patron), aliased(Patron)
    today = library.local_today()
    with library.read_sessions() as session:
        _patron_id(session, barcode)
        rows = session.execute(
            select(Proxy.id, principal.barcode, principal.name, agent.barcode, agent.name,
                   Proxy.valid_until, Proxy.note)
            .join(principal, Proxy.patron_id == principal.id)
            .join(agent, Proxy.proxy_id == agent.id)
            .where(or_(principal.barcode == barcode, agent.barcode == barcode),
                   or_(Proxy.valid_until.is_(None), Proxy.valid_until >= today))
            .order_by(Proxy.id)).all()
    return [ProxyRow(*row) for row in rows]


__all__ = ["HISTORY_PAGE", "MESSAGE_SOURCES", "HistoryPage", "PatronMessage", "ProxyRow",
           "ReturnedLoan", "loan_history", "patron_messages", "patron_proxies"]
