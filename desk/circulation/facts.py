"""Reading the facts a checkout decides on from the database (``desk.circulation.rules.facts``).

A checkout's facts come in one statement (``read_checkout``): the patron row, its category's
limits, its loan counts, balance and lost-item claims, and the item row, its type, its open loan
and the holds on its title as the patron sees them. A return and a renewal read the item, its
loan, the borrower and the holds concerned in one statement too (``read_return``,
``read_renewal``). Counts are taken as of ``now``, the moment the operation is judged at, which
a replayed slip sets to the slip's time.

On PostgreSQL the rows are locked by a statement of their own first (``lock_rows``): a
``SELECT ... FOR UPDATE`` that had to wait for another desk re-reads the locked rows but not
the rows joined to them or its subqueries, so a checkin waiting for a checkout of the same item
would see the item lent and no loan. The fact statement that follows takes a new snapshot, with
the other desk's commit in it. SQLite takes its write lock when the transaction begins.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Unpack

from sqlalchemy import (BindParameter, ColumnElement, Select, bindparam, exists, func, select,
                        true)
from sqlalchemy.orm import aliased

from desk.circulation.context import OpContext
from desk.circulation.notices import CirculationRefused
from desk.circulation.return_rows import (ReturnHold, ReturnItem, ReturnLoan, ReturnPatron,
                                          Title)
from desk.circulation.replaced import patron_missing
from desk.circulation.rules.facts import ItemFacts, MessageFacts, PatronFacts
from desk.models import (Biblio, Charge, Hold, Item, ItemType, Loan, LoanClaim, LostClaim, Patron,
                         PatronCategory, PatronMessage, StaffUser)
from desk.models.hold import ACTIVE_HOLD_STATUSES, TRAPPED_HOLD_STATUSES


@dataclass(frozen=True)
class PatronRow:
    """The patron's id (to write to) and the facts read with it."""

    id: int
    facts: PatronFacts
    pending_messages: int = 0       # messages not yet acknowledged (read into facts after)


@dataclass(frozen=True)
class ItemRow:
    """The item's id, the facts read with it, and the holds a loan would change."""

    id: int
    facts: ItemFacts
    own_hold_id: int | None         # the patron's hold this loan fills
    trapped_hold_id: int | None     # another patron's hold waiting with this item


def read_patron(ctx: OpContext, barcode: str, now: datetime, *, lock: bool = False) -> PatronRow:
    """The patron with ``barcode`` and its facts as of ``now``, in one statement."""
    code = ctx.barcode(barcode)
    row = _read_patron(ctx, "barcode", code, now, lock=lock)
    if row is None:
        raise patron_missing(ctx.session, code, ctx.desk_calendar.tz)
    return row


def patron_facts(ctx: OpContext, patron: Patron, now: datetime) -> PatronFacts:
    """The facts of a patron already loaded, as of ``now``."""
    ctx.session.flush()  # the facts are read past the ORM: let them see this session's writes
    row = _read_patron(ctx, "id", patron.id, now, lock=False)
    assert row is not None  # it was loaded in this session
    return row.facts


@functools.cache
def _lock_statement(patron: bool, item: bool) -> Select[Unpack[tuple[Any, ...]]]:
    """Lock the patron's row, the item's or both in one statement (both: a cross join of the
    two rows, as the checkout's own statement locks them)."""
    columns: list[Any] = []
    where: list[ColumnElement[bool]] = []
    if patron:
        columns.append(Patron.id)
        where.append(Patron.barcode == bindparam("patron"))
    if item:
        columns.append(Item.id)
        where.append(Item.barcode == bindparam("item"))
    query = select(*columns)
    if patron and item:
        query = query.select_from(Patron).join(Item, true())
    return query.where(*where).with_for_update()


def lock_rows(ctx: OpContext, *, patron: str | None = None, item: str | None = None) -> None:
    """On PostgreSQL, lock the patron's and the item's rows before their facts are read;
    elsewhere nothing (see the module's docstring)."""
    connection = ctx.session.connection()
    if connection.dialect.name != "postgresql":
        return
    connection.execute(_lock_statement(patron is not None, item is not None),
                       {"patron": patron, "item": item})


def read_checkout(ctx: OpContext, patron_barcode: str, item_barcode: str, now: datetime, *,
                  lock: bool = False) -> tuple[PatronRow, ItemRow]:
    """The patron and the item of a checkout with their facts as of ``now``, in one statement
    (and a second when the patron has enough loans to be at the item type's limit). A missing
    patron is reported before a missing or mistyped item, as the desk always has."""
    patron_code = ctx.barcode(patron_barcode)
    try:
        item_code = ctx.barcode(item_barcode)
    except CirculationRefused:
        read_patron(ctx, patron_code, now)
        raise
    if lock:
        lock_rows(ctx, patron=patron_code, item=item_code)
    row = ctx.session.connection().execute(_checkout_query(lock), {
        "key": patron_code, "item_barcode": item_code, "now": now}).one_or_none()
    if row is None:  # which of the two is missing: a refusal, so the second read is cheap
        read_patron(ctx, patron_code, now)
        raise CirculationRefused.one("item_not_found", barcode=item_code)
    patron = _with_messages(ctx, _patron_row(row[:_PATRON_WIDTH]))
    return patron, _item_row(ctx, row[_PATRON_WIDTH:], patron)


# The statements are built once (with bound parameters): building and hashing a statement of
# this size costs more than running it.
def _patron_columns() -> tuple[Any, ...]:
    open_loan = (Loan.patron_id == Patron.id) & Loan.returned_at.is_(None)
    now: BindParameter[datetime] = bindparam("now")
    return (
        Patron.id, Patron.barcode, Patron.name, Patron.category, Patron.expires_on,
        Patron.blocked, Patron.block_message, Patron.message, Patron.lifetime_loans,
        PatronCategory.max_items_total, PatronCategory.lifetime_item_limit,
        # A loan under a claim (returned / never borrowed) is disputed, not overdue.
        select(func.count()).select_from(Loan).where(open_loan, Loan.due_at < now,
                                                     Loan.claimed_at.is_(None))
        .scalar_subquery(),
        select(func.coalesce(func.sum(Charge.amount - Charge.paid - Charge.waived), 0))
        .where(Charge.patron_id == Patron.id).scalar_subquery(),
        select(func.min(LostClaim.deadline)).where(
            LostClaim.patron_id == Patron.id, LostClaim.status == "open").scalar_subquery(),
        select(func.count()).select_from(Loan).where(open_loan).scalar_subquery(),
        Patron.blocked_until,
        select(func.count()).select_from(PatronMessage).where(
            PatronMessage.patron_id == Patron.id, PatronMessage.acknowledged_at.is_(None))
        .scalar_subquery(),
        select(func.count()).select_from(LoanClaim).where(LoanClaim.patron_id == Patron.id)
        .scalar_subquery())


_PATRON_WIDTH = len(_patron_columns())


def _item_columns() -> tuple[Any, ...]:
    """The item's columns as the patron read in the same statement would borrow it."""
    patron_id = Patron.id
    title_hold = (Hold.biblio_id == Item.biblio_id) & Hold.status.in_(ACTIVE_HOLD_STATUSES)
    first_hold = select(Hold.id).order_by(Hold.placed_at, Hold.id).limit(1)
    borrower = aliased(Patron)  # not the patron of the checkout
    return (
        Item.id, Item.barcode, Biblio.title, Item.item_type, ItemType.name, Item.status,
        Item.loanable, Item.accessories, Item.has_strip, Item.parts,
        select(borrower.barcode).join(Loan, Loan.patron_id == borrower.id).where(
            Loan.item_id == Item.id, Loan.returned_at.is_(None)).limit(1).scalar_subquery(),
        first_hold.where(title_hold, Hold.item_id == Item.id,
                         Hold.status.in_(TRAPPED_HOLD_STATUSES),
                         Hold.patron_id != patron_id).scalar_subquery(),
        exists().where(title_hold, Hold.status == "pending", Hold.patron_id != patron_id),
        first_hold.where(title_hold, Hold.patron_id == patron_id,
                         Hold.item_id.is_(None) | (Hold.item_id == Item.id)).scalar_subquery())


@functools.cache
def _patron_query(by: str, lock: bool) -> Select[Unpack[tuple[Any, ...]]]:
    where: ColumnElement[bool] = (Patron.barcode == bindparam("key") if by == "barcode"
                                  else Patron.id == bindparam("key"))
    query = (select(*_patron_columns())
             .outerjoin(PatronCategory, PatronCategory.code == Patron.category)
             .where(where))
    if lock:
        query = query.with_for_update(of=Patron)
    return query


@functools.cache
def _checkout_query(lock: bool) -> Select[Unpack[tuple[Any, ...]]]:
    query = (select(*_patron_columns(), *_item_columns())
             .select_from(Patron)
             .outerjoin(PatronCategory, PatronCategory.code == Patron.category)
             .join(Item, Item.barcode == bindparam("item_barcode"))
             .join(Biblio, Biblio.id == Item.biblio_id)
             .outerjoin(ItemType, ItemType.code == Item.item_type)
             .where(Patron.barcode == bindparam("key")))
    if lock:
        query = query.with_for_update(of=(Patron, Item))
    return query


def _read_patron(ctx: OpContext, by: str, key: object, now: datetime, *,
                 lock: bool) -> PatronRow | None:
    row = ctx.session.connection().execute(_patron_query(by, lock),
                                           {"key": key, "now": now}).one_or_none()
    return None if row is None else _with_messages(ctx, _patron_row(tuple(row)))


_MESSAGES = (select(PatronMessage.id, PatronMessage.text, StaffUser.name,
                    PatronMessage.created_at)
             .outerjoin(StaffUser, StaffUser.id == PatronMessage.author_id)
             .where(PatronMessage.patron_id == bindparam("patron_id"),
                    PatronMessage.acknowledged_at.is_(None))
             .order_by(PatronMessage.created_at, PatronMessage.id))


def _with_messages(ctx: OpContext, row: PatronRow) -> PatronRow:
    """The patron's messages read into its facts: a statement of their own, only for a patron
    who has any not yet acknowledged (most have none)."""
    if not row.pending_messages:
        return row
    messages = tuple(MessageFacts(*values) for values in ctx.session.connection().execute(
        _MESSAGES, {"patron_id": row.id}))
    return PatronRow(row.id, dataclasses.replace(row.facts, messages=messages))


def _patron_row(values: tuple[Any, ...]) -> PatronRow:
    (patron_id, barcode, name, category, expires_on, blocked, block_message, message, lifetime,
     max_total, lifetime_limit, overdue, balance, claim_deadline, open_loans, blocked_until,
     pending_messages, claims) = values
    return PatronRow(patron_id, PatronFacts(
        barcode=barcode, name=name, category=category,
        expires_on=expires_on, blocked=bool(blocked),
        block_message=block_message, message=message, overdue=int(overdue or 0),
        balance=int(balance or 0), first_claim_deadline=claim_deadline,
        open_loans=int(open_loans or 0), lifetime_loans=lifetime or 0,
        max_items_total=max_total, lifetime_item_limit=lifetime_limit,
        blocked_until=blocked_until, claims=int(claims or 0)), int(pending_messages or 0))


_SAME_TYPE = (select(func.count()).select_from(Loan).join(Item, Loan.item_id == Item.id).where(
    Loan.patron_id == bindparam("patron_id"), Loan.returned_at.is_(None),
    Item.item_type == bindparam("item_type")))


def _item_row(ctx: OpContext, values: tuple[Any, ...], patron: PatronRow) -> ItemRow:
    (item_id, item_barcode, title, item_type, type_name, status, loanable, accessories,
     has_strip, parts, loan_patron, trapped_hold_id, others_waiting, own_hold_id) = values
    rule = ctx.library.rule(ctx.session, patron.facts.category, item_type)
    same_type = 0
    # The count per item type joins every open loan to its item (2-4 ms for a patron with
    # 500 loans), so it runs only when the patron could be at this type's limit at all.
    if rule is not None and patron.facts.open_loans >= rule.max_items:
        same_type = int(ctx.session.connection().scalar(
            _SAME_TYPE, {"patron_id": patron.id, "item_type": item_type}) or 0)
    return ItemRow(item_id, ItemFacts(
        barcode=item_barcode, title=title, item_type=item_type,
        item_type_name=type_name or item_type, status=status,
        loanable=bool(loanable), accessories=accessories,
        has_strip=bool(has_strip), loan_patron=loan_patron,
        trapped_for_other=trapped_hold_id is not None, others_waiting=bool(others_waiting),
        patron_loans_of_type=same_type, parts=int(parts or 1)), own_hold_id, trapped_hold_id)


@dataclass(frozen=True)
class ReturnRow:
    """An item being returned (locked), its open loan and borrower, and the rows a return may
    change: the loan's open lost-item claim, and the hold the item goes to (the one it is in
    transit for, else the first pending hold on its title) with that hold's patron. Plain
    records (``return_rows``), not ORM objects: a checkin writes them back with Core."""

    item: ReturnItem
    loan: ReturnLoan | None
    patron: ReturnPatron | None
    claim_id: int | None
    hold: ReturnHold | None
    hold_patron: ReturnPatron | None


_ITEM_COLUMNS = (Item.id, Item.barcode, Item.biblio_id, Item.item_type, Item.location_id,
                 Item.current_location_id, Item.status, Item.accessories, Item.has_strip,
                 Item.staff_flag)
_ITEM_NAMES = tuple(column.key for column in _ITEM_COLUMNS)
_LOAN_COLUMNS = (Loan.id, Loan.patron_id, Loan.due_at, Loan.hourly, Loan.returned_at,
                 Loan.return_desk_id, Loan.out_at, Loan.claimed_at, Loan.origin)
_PATRON_COLUMNS = (Patron.id, Patron.barcode, Patron.name, Patron.category)
_HOLD_COLUMNS = ("id", "patron_id", "item_id", "pickup_location_id", "status", "waiting_since",
                 "shelf_expires_at", "kind")
_HOLD_PATRON_COLUMNS = ("id", "barcode", "name", "category")


@functools.cache
def _return_query() -> Select[Unpack[tuple[Any, ...]]]:
    open_loan = (Loan.item_id == Item.id) & Loan.returned_at.is_(None)
    hold, hold_patron = aliased(Hold), aliased(Patron)
    next_hold = func.coalesce(
        select(Hold.id).where(Hold.item_id == Item.id, Hold.status == "in_transit")
        .order_by(Hold.id).limit(1).scalar_subquery(),
        select(Hold.id).where(Hold.biblio_id == Item.biblio_id, Hold.status == "pending")
        .order_by(Hold.placed_at, Hold.id).limit(1).scalar_subquery())
    return (select(
        *_ITEM_COLUMNS, Biblio.title, *_LOAN_COLUMNS, *_PATRON_COLUMNS,
        select(LostClaim.id).where(LostClaim.loan_id == Loan.id, LostClaim.status == "open")
        .order_by(LostClaim.id).limit(1).scalar_subquery(),
        *(getattr(hold, name) for name in _HOLD_COLUMNS),
        *(getattr(hold_patron, name) for name in _HOLD_PATRON_COLUMNS))
        .select_from(Item)
        .join(Biblio, Biblio.id == Item.biblio_id)
        .outerjoin(Loan, open_loan)
        .outerjoin(Patron, Patron.id == Loan.patron_id)
        .outerjoin(hold, hold.id == next_hold)
        .outerjoin(hold_patron, hold_patron.id == hold.patron_id)
        .where(Item.barcode == bindparam("barcode"))
        .with_for_update(of=Item))


def read_return(ctx: OpContext, barcode: str) -> ReturnRow:
    """The item with ``barcode``, locked, with what its return needs, in one statement."""
    code = ctx.barcode(barcode)
    lock_rows(ctx, item=code)
    row = ctx.session.connection().execute(_return_query(), {"barcode": code}).one_or_none()
    if row is None:
        raise CirculationRefused.one("item_not_found", barcode=code)
    at = len(_ITEM_COLUMNS)
    item = ReturnItem(**dict(zip(_ITEM_NAMES, row[:at])), biblio=Title(row[at]))
    at += 1
    loan_at, at = at, at + len(_LOAN_COLUMNS)
    loan = ReturnLoan(*row[loan_at:at]) if row[loan_at] is not None else None
    patron_at, at = at, at + len(_PATRON_COLUMNS)
    patron = ReturnPatron(*row[patron_at:at]) if row[patron_at] is not None else None
    claim_id = row[at]
    hold_at, at = at + 1, at + 1 + len(_HOLD_COLUMNS)
    hold = ReturnHold(*row[hold_at:at]) if row[hold_at] is not None else None
    holder = ReturnPatron(*row[at:]) if row[at] is not None else None
    return ReturnRow(item, loan, patron, claim_id, hold, holder)


@dataclass(frozen=True)
class RenewalRow:
    """An item on loan (locked), its open loan and borrower, and whether other patrons wait
    for its title."""

    item: Item
    loan: Loan | None
    patron: Patron | None
    others_waiting: bool


@functools.cache
def _renewal_query() -> Select[Unpack[tuple[Any, ...]]]:
    open_loan = (Loan.item_id == Item.id) & Loan.returned_at.is_(None)
    return (select(
        Item, Loan, Patron,
        exists().where(Hold.biblio_id == Item.biblio_id, Hold.status == "pending",
                       Hold.patron_id != Loan.patron_id))
        .outerjoin(Loan, open_loan)
        .outerjoin(Patron, Patron.id == Loan.patron_id)
        .where(Item.barcode == bindparam("barcode"))
        .with_for_update(of=Item))


def read_renewal(ctx: OpContext, barcode: str) -> RenewalRow:
    """The item with ``barcode``, locked, with what its renewal decides on, in one statement."""
    code = ctx.barcode(barcode)
    lock_rows(ctx, item=code)
    row = ctx.session.execute(_renewal_query(), {"barcode": code}).one_or_none()
    if row is None:
        raise CirculationRefused.one("item_not_found", barcode=code)
    item, loan, patron, others = row
    return RenewalRow(item, loan, patron, bool(others))
