"""Item queries: the status of one item with its loan history, and search by barcode or title."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, func, select

from desk.wording import status_name
from desk.circulation.queries.common import (check_limit, contains, is_number, query_context,
                                             search_text, starts_with)
from desk.circulation.queries.cards import open_claim_text
from desk.circulation.queries.rows import ItemLoanRow, ItemRow, ItemStatus
from desk.models import Biblio, Hold, Item, ItemType, Loan, Location, Patron
from desk.models.hold import ACTIVE_HOLD_STATUSES

if TYPE_CHECKING:
    from desk.circulation.store import LibraryStore

HISTORY_LENGTH = 10


def item_status(library: "LibraryStore", barcode: str, *,
                history: int = HISTORY_LENGTH) -> ItemStatus:
    """The item with ``barcode``: status, home and current location, the borrower and due date
    when on loan, active holds on its title, and its newest ``history`` loans. Raises
    ``CirculationRefused`` (item_not_found, barcode_invalid)."""
    with library.read_sessions() as session:
        ctx = query_context(session, library, None)
        item = ctx.item(barcode)
        biblio = item.biblio
        open_loan = session.execute(
            select(Loan.due_at, Loan.hourly, Patron.barcode, Patron.name)
            .join(Patron, Loan.patron_id == Patron.id)
            .where(Loan.item_id == item.id, Loan.returned_at.is_(None))).first()
        holds_count = session.scalar(select(func.count()).select_from(Hold).where(
            Hold.biblio_id == item.biblio_id, Hold.status.in_(ACTIVE_HOLD_STATUSES))) or 0
        home = session.get(Location, item.location_id)
        item_type = session.get(ItemType, item.item_type)
        current = (library.location_name(session, item.current_location_id)
                   if item.current_location_id is not None else None)
        loans = [ItemLoanRow(patron_barcode=patron_barcode, patron_name=patron_name,
                             out_at=loan.out_at, due_at=loan.due_at, returned_at=loan.returned_at,
                             hourly=loan.hourly)
                 for loan, patron_barcode, patron_name in session.execute(
                     select(Loan, Patron.barcode, Patron.name)
                     .outerjoin(Patron, Loan.patron_id == Patron.id)
                     .where(Loan.item_id == item.id)
                     .order_by(Loan.out_at.desc(), Loan.id.desc()).limit(max(history, 0)))]
        return ItemStatus(
            barcode=item.barcode, title=biblio.title, author=biblio.author,
            call_number=item.call_number, item_type=item.item_type, status=item.status,
            status_name=status_name(item.status), location=home.name if home else "",
            current_location=current,
            due_at=open_loan.due_at if open_loan else None,
            borrower_barcode=open_loan.barcode if open_loan else None,
            borrower_name=open_loan.name if open_loan else None,
            holds_count=int(holds_count), accessories=item.accessories,
            has_strip=item.has_strip, history=loans, location_code=home.code if home else "",
            price=item.price, loanable=item.loanable, staff_flag=item.staff_flag,
            item_type_name=item_type.name if item_type else item.item_type,
            hourly=bool(open_loan and open_loan.hourly),
            overdue=bool(open_loan and open_loan.due_at < library.now()),
            claim=open_claim_text(session, item.id) if item.status == "claims_returned" else None,
            parts=item.parts or 1)


def find_items(library: "LibraryStore", text: str, limit: int = 50) -> list[ItemRow]:
    """Items whose barcode starts with ``text`` or whose title contains it (ignoring case):
    exact barcode first, then barcode prefixes, title prefixes, title substrings."""
    needle = search_text(text)
    limit = check_limit(limit)
    if not needle:
        return []
    with library.read_sessions() as session:
        found: dict[int, ItemRow] = {}
        titles_seen: set[int] = set()
        names: dict[int, str] = {}

        def take(where: ColumnElement[bool], *, by_title: bool) -> None:
            if len(found) >= limit:
                return
            query = (select(Item.id, Item.barcode, Item.call_number, Item.status,
                            Item.location_id, Item.biblio_id, Biblio.title, Biblio.author))
            if by_title:
                # Search the titles first (its own index or scan), then their copies.
                titles = select(Biblio.id).where(where)
                if titles_seen:
                    titles = titles.where(Biblio.id.not_in(list(titles_seen)))
                biblio_ids = titles.order_by(Biblio.title, Biblio.id).limit(
                    limit - len(found)).scalar_subquery()
                query = query.join(Biblio, Item.biblio_id == Biblio.id).where(
                    Item.biblio_id.in_(biblio_ids)).order_by(Biblio.title, Biblio.id,
                                                             Item.barcode)
            else:
                query = query.join(Biblio, Item.biblio_id == Biblio.id).where(where).order_by(
                    Item.barcode)
            if found:
                query = query.where(Item.id.not_in(list(found)))
            for row in session.execute(query.limit(limit - len(found))):
                titles_seen.add(row.biblio_id)
                if row.location_id not in names:
                    names[row.location_id] = library.location_name(session, row.location_id)
                found[row.id] = ItemRow(barcode=row.barcode, title=row.title, author=row.author,
                                        call_number=row.call_number, status=row.status,
                                        status_name=status_name(row.status),
                                        location=names[row.location_id])

        for code in dict.fromkeys((needle, needle.upper())):
            take(Item.barcode == code, by_title=False)
        for code in dict.fromkeys((needle, needle.upper())):
            take(starts_with(session, Item.barcode, code), by_title=False)
        take(starts_with(session, Biblio.title, needle), by_title=True)
        if not is_number(needle):
            take(contains(session, Biblio.title, needle), by_title=True)
        return list(found.values())


__all__ = ["find_items", "item_status"]
