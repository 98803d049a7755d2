"""Keeping a found or fetched item behind the desk for one patron: a hold trapped on that
location's holds shelf with a deadline of its own, so checkout, the holds shelf screen and
clearing the shelf treat it as any other trapped hold (a checkout by that patron fulfils it,
anyone else is refused ``item_on_hold_for_other``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from desk.circulation.context import OpContext
from desk.circulation.outbox import queue_notice
from desk.models import Hold, Item


def hold_for(session: Session, item: Item, patron_id: int, location_id: int,
             now: datetime, until: datetime) -> Hold:
    """A waiting hold of ``patron_id`` on ``item`` at ``location_id`` until ``until``
    (flushed: it has its id); the item goes on that location's holds shelf."""
    hold = Hold(patron_id=patron_id, biblio_id=item.biblio_id, item_id=item.id,
                pickup_location_id=location_id, kind="normal", status="waiting",
                placed_at=now, waiting_since=now, shelf_expires_at=until)
    session.add(hold)
    item.status = "on_holds_shelf"
    item.current_location_id = location_id
    session.flush()
    return hold


def hold_and_tell(ctx: OpContext, item: Item, patron_id: int, location_id: int,
                  until: datetime, notice: str) -> Hold:
    """``hold_for``, and the patron's ``notice`` (a template taking the title, the place and
    the pick-up-by day) queued in the same transaction."""
    hold = hold_for(ctx.session, item, patron_id, location_id, ctx.now, until)
    tz = ctx.calendar(location_id).tz
    queue_notice(ctx.session, patron_id, notice,
                 {"title": item.biblio.title, "location": ctx.location_name(location_id),
                  "until": f"{until.astimezone(tz):%Y-%m-%d}"}, now=ctx.now)
    return hold
