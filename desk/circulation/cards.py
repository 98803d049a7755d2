"""Cards, blocks and messages at the counter (SOP 5.3, issue 15): replacing a lost or damaged
card, blocking (停權) with a message and unblocking with a reason, and the messages (訊息)
shown at checkout until acknowledged.

Each function runs inside one ``Circulation`` transaction, which audits it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.circulation import validation as valid
from desk.circulation.context import OpContext
from desk.circulation.notices import CirculationRefused
from desk.models import Item, Patron, PatronMessage, ReplacedCard, StaffUser


@dataclass(frozen=True)
class ReplacedCardResult:
    """A card replaced: what the temporary card slip prints."""

    patron_id: int
    name: str
    category: str
    barcode: str                # the new card
    old_barcode: str
    expires_on: date | None
    replaced_at: datetime


def _approval(ctx: OpContext, needed: bool, supervisor: StaffUser | None) -> None:
    """A supervisor's approval when the library's setting asks for one (recorded in the
    operation's audit row); a supervisor given when none is needed is recorded too."""
    if needed or supervisor is not None:
        ctx.supervisor = ctx.require_supervisor(supervisor)


def replace_card(ctx: OpContext, old: str, new: str) -> ReplacedCardResult:
    """Give the patron with card ``old`` the card ``new``. The patron keeps its record (loans,
    charges, holds, messages follow its id); ``old`` is refused from now on."""
    old_code, new_code = ctx.barcode(old), ctx.barcode(new)
    if old_code == new_code:
        raise CirculationRefused.one("card_same", barcode=new_code)
    patron = ctx.patron(old_code, lock=True)     # an already replaced card: card_replaced
    session = ctx.session
    taken = (session.scalars(select(Patron.id).where(Patron.barcode == new_code)).first()
             or session.scalars(select(ReplacedCard.id)
                                .where(ReplacedCard.barcode == new_code)).first()
             or session.scalars(select(Item.id).where(Item.barcode == new_code)).first())
    if taken is not None:
        raise valid.refuse("duplicate_code", field="new_barcode", code=new_code)
    session.add(ReplacedCard(barcode=old_code, patron_id=patron.id, new_barcode=new_code,
                             replaced_at=ctx.now, staff_id=ctx.staff.id))
    patron.barcode = new_code
    session.flush()
    return ReplacedCardResult(patron.id, patron.name, patron.category, new_code, old_code,
                              patron.expires_on, ctx.now)


def block_patron(ctx: OpContext, barcode: str, message: str, until: date | None,
                 supervisor: StaffUser | None) -> dict[str, object]:
    """Block the patron with ``message``; a timed block (``until``) lifts itself on that day.
    Returns the block as it was before (for the audit)."""
    _approval(ctx, ctx.policy.blocks_need_supervisor, supervisor)
    if until is not None and until <= ctx.today:
        raise CirculationRefused.one("block_until_past", day=until.isoformat())
    patron = ctx.patron(barcode, lock=True)
    before = _block_state(patron)
    patron.blocked, patron.block_message, patron.blocked_until = True, message, until
    ctx.session.flush()
    return before


def unblock_patron(ctx: OpContext, barcode: str, reason: str,
                   supervisor: StaffUser | None) -> dict[str, object]:
    """Lift the patron's block (``reason`` is audited); refused when no block is in force."""
    _approval(ctx, ctx.policy.blocks_need_supervisor, supervisor)
    patron = ctx.patron(barcode, lock=True)
    if not patron.blocked or (patron.blocked_until is not None
                              and patron.blocked_until <= ctx.today):
        raise CirculationRefused.one("patron_not_blocked", barcode=patron.barcode)
    before = _block_state(patron)
    patron.blocked, patron.block_message, patron.blocked_until = False, None, None
    ctx.session.flush()
    return before


def _block_state(patron: Patron) -> dict[str, object]:
    return {"blocked": patron.blocked, "block_message": patron.block_message,
            "blocked_until": patron.blocked_until.isoformat() if patron.blocked_until else None}


def add_message(ctx: OpContext, barcode: str, text: str) -> int:
    """A message on the patron's record by this staff member; returns its id."""
    patron = ctx.patron(barcode)
    return new_message(ctx, patron.id, text)


def new_message(ctx: OpContext, patron_id: int, text: str) -> int:
    message = PatronMessage(patron_id=patron_id, text=text, author_id=ctx.staff.id,
                            created_at=ctx.now)
    ctx.session.add(message)
    ctx.session.flush()
    return message.id


def acknowledge_message(ctx: OpContext, message_id: int) -> None:
    """The message was read out and dealt with: checkout no longer shows it."""
    message = ctx.session.get(PatronMessage, message_id, with_for_update=True)
    if message is None:
        raise CirculationRefused.one("message_not_found", message_id=message_id)
    if message.acknowledged_at is not None:
        raise CirculationRefused.one("message_acknowledged", message_id=message_id)
    message.acknowledged_at, message.acknowledged_by = ctx.now, ctx.staff.id
    ctx.session.flush()


def message_patron(session: Session, message_id: int) -> str | None:
    """The card of the patron a message belongs to (for the audit row), or None."""
    return session.scalars(select(Patron.barcode).join(
        PatronMessage, PatronMessage.patron_id == Patron.id)
        .where(PatronMessage.id == message_id)).first()


__all__ = ["ReplacedCardResult", "acknowledge_message", "add_message", "block_patron",
           "message_patron", "new_message", "replace_card", "unblock_patron"]
