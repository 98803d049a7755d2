"""Accessories at return (SOP 5.3.6): a CD, a charger or a map is handed over and taken back at
the counter, never through the book drop.

* ``notice`` adds the ``accessories`` notice naming them to a checkin, so every front end stops.
* ``hold_for_check`` routes a book-drop return with accessories to staff (flag
  ``accessories_check``); the staff's later counter checkin clears the flag and routes it.
* ``accessories_missing`` records what did not come back: the copy goes to staff (flag
  ``accessories_missing``, taken off the holds shelf when it was trapped), the problem register
  gets an entry, and a charge can follow through the fines screen.
* ``accessories_settled`` closes those entries (found, replaced or paid for): the copy
  circulates again.
"""

from __future__ import annotations

from sqlalchemy import select

from desk.circulation.context import OpContext
from desk.circulation.notices import CirculationRefused
from desk.circulation.results import AccessoriesMissingResult
from desk.circulation.return_rows import ReturnItem
from desk.models import Hold, Item, ProblemEntry
from desk.models.hold import TRAPPED_HOLD_STATUSES

CHECK_FLAG = "accessories_check"       # returned through the book drop: staff check first
MISSING_FLAG = "accessories_missing"   # something did not come back: staff settle it
MAX_MISSING = 200
MAX_NOTE = 1000


def notice(ctx: OpContext, item: Item | ReturnItem) -> None:
    """Name the item's accessories, for the counter to take them back."""
    if item.accessories:
        ctx.notice("accessories", accessories=item.accessories)


def _to_staff_here(ctx: OpContext, item: Item | ReturnItem) -> None:
    here = ctx.desk.location_id
    item.status = "available"
    item.current_location_id = here if item.location_id != here else None


def hold_for_check(ctx: OpContext, item: Item | ReturnItem) -> str:
    """A book-drop return with accessories: to staff, who check them at the counter."""
    if item.staff_flag in (None, CHECK_FLAG):
        item.staff_flag = CHECK_FLAG
    _to_staff_here(ctx, item)
    ctx.notice("accessories_bookdrop", accessories=item.accessories)
    return "staff"


def _clean(text: str | None, limit: int, code: str) -> str:
    cleaned = (text or "").strip()
    if len(cleaned) > limit or not cleaned.isprintable():
        raise CirculationRefused.one(code, limit=limit)
    return cleaned


def accessories_missing(ctx: OpContext, item_barcode: str, missing: str, *,
                        note: str | None = None) -> AccessoriesMissingResult:
    """Record accessories missing at the return of ``item_barcode`` (see the module docstring)."""
    what = _clean(missing, MAX_MISSING, "accessories_missing_text")
    if not what:
        raise CirculationRefused.one("accessories_missing_text", limit=MAX_MISSING)
    extra = _clean(note, MAX_NOTE, "note_too_long")
    item = ctx.item(item_barcode, lock=True)
    if not item.accessories:
        raise CirculationRefused.one("accessories_none_recorded", barcode=item.barcode)
    if item.status == "on_loan":
        raise CirculationRefused.one("item_checked_out", barcode=item.barcode, to="")
    released = None
    trapped = ctx.session.scalars(select(Hold).where(
        Hold.item_id == item.id, Hold.status.in_(TRAPPED_HOLD_STATUSES))).first()
    if trapped is not None:      # the copy does not go on the shelf: the hold goes back in line
        released = trapped.id
        if trapped.kind == "temporary":
            trapped.status = "cancelled"
            trapped.closed_at = ctx.now
        else:
            trapped.status = "pending"
            trapped.item_id = None
            trapped.waiting_since = None
            trapped.shelf_expires_at = None
    if item.status in ("on_holds_shelf", "in_transit", "holds_cleared", "available"):
        _to_staff_here(ctx, item)
    if item.staff_flag in (None, CHECK_FLAG):
        item.staff_flag = MISSING_FLAG
    entry = ProblemEntry(at=ctx.now, item_barcode=item.barcode, code=MISSING_FLAG,
                         desk_code=ctx.desk.code, staff_id=ctx.staff.id,
                         note=f"missing: {what}" + (f"; {extra}" if extra else ""))
    ctx.session.add(entry)
    ctx.session.flush()
    ctx.notice(MISSING_FLAG)
    return AccessoriesMissingResult(item_barcode=item.barcode, title=item.biblio.title,
                                    missing=what, problem_id=entry.id, hold_released=released,
                                    notices=list(ctx.notices))


def accessories_settled(ctx: OpContext, item_barcode: str, *, note: str | None = None) -> int:
    """Close the open missing-accessories entries of ``item_barcode`` (with ``note``) and let
    the copy circulate again; returns how many entries were closed."""
    extra = _clean(note, MAX_NOTE, "note_too_long")
    item = ctx.item(item_barcode, lock=True)
    entries = list(ctx.session.scalars(select(ProblemEntry).where(
        ProblemEntry.item_barcode == item.barcode, ProblemEntry.code == MISSING_FLAG,
        ProblemEntry.resolved_at.is_(None))))
    if not entries and item.staff_flag != MISSING_FLAG:
        raise CirculationRefused.one("accessories_not_missing", barcode=item.barcode)
    for entry in entries:
        entry.resolved_at = ctx.now
        if extra:
            entry.note = f"{entry.note}; settled: {extra}"
    if item.staff_flag == MISSING_FLAG:
        item.staff_flag = None
    return len(entries)
