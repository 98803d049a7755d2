"""Reading the facts a checkout decides on from the database (``desk.circulation.rules.facts``).

One statement per aggregate: ``read_patron`` (the patron row, its category's limits, its loan
counts, balance and lost-item claims), ``read_item`` (the item row, its type, its open loan and
the holds on its title as the patron sees them). Counts are taken as of ``now``, the moment
the operation is judged at, which a replayed slip sets to the slip's time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, exists, func, select

from desk.circulation.context import OpContext
from desk.circulation.notices import CirculationRefused
from desk.circulation.rules.facts import ItemFacts, PatronFacts
from desk.models import Charge, Hold, Item, ItemType, Loan, LostClaim, Patron, PatronCategory
from desk.models.hold import ACTIVE_HOLD_STATUSES, TRAPPED_HOLD_STATUSES

_OPEN_HOLD = ACTIVE_HOLD_STATUSES
_TRAPPED = TRAPPED_HOLD_STATUSES


@dataclass(frozen=True)
class PatronRow:
    """The patron as stored (to write to) and the facts read with it."""

    patron: Patron
    facts: PatronFacts


@dataclass(frozen=True)
class ItemRow:
    """The item as stored, the facts read with it, and the holds a loan would change."""

    item: Item
    facts: ItemFacts
    own_hold_id: int | None         # the patron's hold this loan fills
    trapped_hold_id: int | None     # another patron's hold waiting with this item


def read_patron(ctx: OpContext, barcode: str, now: datetime, *, lock: bool = False) -> PatronRow:
    """The patron with ``barcode`` and its facts as of ``now``, in one statement."""
    code = ctx.barcode(barcode)
    row = _read_patron(ctx, Patron.barcode == code, now, lock=lock)
    if row is None:
        raise CirculationRefused.one("patron_not_found", barcode=code)
    return row


def patron_facts(ctx: OpContext, patron: Patron, now: datetime) -> PatronFacts:
    """The facts of a patron already loaded, as of ``now``."""
    row = _read_patron(ctx, Patron.id == patron.id, now, lock=False)
    assert row is not None  # it was loaded in this session
    return row.facts


def _read_patron(ctx: OpContext, where: ColumnElement[bool], now: datetime, *,
                 lock: bool) -> PatronRow | None:
    open_loan = (Loan.patron_id == Patron.id) & Loan.returned_at.is_(None)
    query = (select(
        Patron, PatronCategory.max_items_total, PatronCategory.lifetime_item_limit,
        select(func.count()).select_from(Loan).where(open_loan, Loan.due_at < now)
        .scalar_subquery(),
        select(func.coalesce(func.sum(Charge.amount - Charge.paid - Charge.waived), 0))
        .where(Charge.patron_id == Patron.id).scalar_subquery(),
        select(func.min(LostClaim.deadline)).where(
            LostClaim.patron_id == Patron.id, LostClaim.status == "open").scalar_subquery(),
        select(func.count()).select_from(Loan).where(open_loan).scalar_subquery())
        .outerjoin(PatronCategory, PatronCategory.code == Patron.category)
        .where(where))
    if lock:
        query = query.with_for_update(of=Patron)
    row = ctx.session.execute(query).one_or_none()
    if row is None:
        return None
    patron, max_total, lifetime_limit, overdue, balance, claim_deadline, open_loans = row
    return PatronRow(patron, PatronFacts(
        barcode=patron.barcode, name=patron.name, category=patron.category,
        expires_on=patron.expires_on, blocked=bool(patron.blocked),
        block_message=patron.block_message, message=patron.message, overdue=int(overdue or 0),
        balance=int(balance or 0), first_claim_deadline=claim_deadline,
        open_loans=int(open_loans or 0), lifetime_loans=patron.lifetime_loans or 0,
        max_items_total=max_total, lifetime_item_limit=lifetime_limit))


def read_item(ctx: OpContext, barcode: str, patron: PatronRow, *,
              lock: bool = False) -> ItemRow:
    """The item with ``barcode`` and its facts as ``patron`` would borrow it, in one statement
    (and a second when the patron has enough loans to be at the item type's limit)."""
    code = ctx.barcode(barcode)
    patron_id = patron.patron.id
    title_hold = (Hold.biblio_id == Item.biblio_id) & Hold.status.in_(_OPEN_HOLD)
    first_hold = select(Hold.id).order_by(Hold.placed_at, Hold.id).limit(1)
    query = (select(
        Item, ItemType.name,
        select(Patron.barcode).join(Loan, Loan.patron_id == Patron.id).where(
            Loan.item_id == Item.id, Loan.returned_at.is_(None)).limit(1).scalar_subquery(),
        first_hold.where(title_hold, Hold.item_id == Item.id, Hold.status.in_(_TRAPPED),
                         Hold.patron_id != patron_id).scalar_subquery(),
        exists().where(title_hold, Hold.status == "pending", Hold.patron_id != patron_id),
        first_hold.where(title_hold, Hold.patron_id == patron_id,
                         Hold.item_id.is_(None) | (Hold.item_id == Item.id)).scalar_subquery())
        .outerjoin(ItemType, ItemType.code == Item.item_type)
        .where(Item.barcode == code))
    if lock:
        query = query.with_for_update(of=Item)
    row = ctx.session.execute(query).one_or_none()
    if row is None:
        raise CirculationRefused.one("item_not_found", barcode=code)
    item, type_name, loan_patron, trapped_hold_id, others_waiting, own_hold_id = row
    rule = ctx.library.rule(ctx.session, patron.facts.category, item.item_type)
    same_type = 0
    # The count per item type joins every open loan to its item (2-4 ms for a patron with
    # 500 loans), so it runs only when the patron could be at this type's limit at all.
    if rule is not None and patron.facts.open_loans >= rule.max_items:
        same_type = int(ctx.session.scalar(
            select(func.count()).select_from(Loan).join(Item, Loan.item_id == Item.id).where(
                Loan.patron_id == patron_id, Loan.returned_at.is_(None),
                Item.item_type == item.item_type)) or 0)
    return ItemRow(item, ItemFacts(
        barcode=item.barcode, title=item.biblio.title, item_type=item.item_type,
        item_type_name=type_name or item.item_type, status=item.status,
        loanable=bool(item.loanable), accessories=item.accessories,
        has_strip=bool(item.has_strip), loan_patron=loan_patron,
        trapped_for_other=trapped_hold_id is not None, others_waiting=bool(others_waiting),
        patron_loans_of_type=same_type), own_hold_id, trapped_hold_id)
