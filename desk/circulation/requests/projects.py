"""Research-project books ready (SOP 5.3.8.1): once the processing librarian has the books a
teacher ordered for a research project, they are kept behind the desk for the teacher — each a
hold trapped on this desk's holds shelf for the usual shelf days — and the teacher is e-mailed
(the ``project_ready`` notice) in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from desk.circulation.context import OpContext
from desk.circulation.holds import shelf_deadline
from desk.circulation.notices import CirculationRefused
from desk.circulation.outbox import queue_notice
from desk.circulation.requests.held import hold_for
from desk.circulation.requests.searches import refuse_patron
from desk.wording import status_name

MAX_ITEMS = 100


@dataclass(frozen=True)
class ProjectBooksReady:
    """The books kept for the teacher, until when, and the holds that keep them."""

    patron_barcode: str
    patron_name: str
    item_barcodes: tuple[str, ...]
    titles: tuple[str, ...]
    hold_ids: tuple[int, ...]
    held_until: datetime


def project_books_ready(ctx: OpContext, patron_barcode: str,
                        item_barcodes: list[str]) -> ProjectBooksReady:
    """Keep ``item_barcodes`` (available, on this desk's location's shelves) for the patron
    and queue one ``project_ready`` notice listing them. Nothing is kept when any is refused."""
    if not item_barcodes:
        raise CirculationRefused.one("project_no_items")
    if len(item_barcodes) > MAX_ITEMS:
        raise CirculationRefused.one("project_too_many", limit=MAX_ITEMS)
    patron = ctx.patron(patron_barcode, lock=True)
    refuse_patron(ctx, patron)
    location_id = ctx.desk.location_id
    until = shelf_deadline(ctx, location_id)
    items, seen = [], set()
    for barcode in item_barcodes:
        item = ctx.item(barcode, lock=True)
        if item.id in seen:
            raise CirculationRefused.one("project_duplicate_item", barcode=item.barcode)
        seen.add(item.id)
        if item.status != "available":
            raise CirculationRefused.one("item_status", barcode=item.barcode,
                                         status=status_name(item.status))
        if item.location_id != location_id:
            raise CirculationRefused.one("request_other_location", barcode=item.barcode,
                                         location=ctx.location_name(item.location_id))
        items.append(item)
    holds = [hold_for(ctx.session, item, patron.id, location_id, ctx.now, until)
             for item in items]
    titles = tuple(item.biblio.title for item in items)
    calendar = ctx.calendar(location_id)
    queue_notice(ctx.session, patron.id, "project_ready",
                 {"title": "\n  ".join(titles), "location": ctx.location_name(location_id),
                  "until": f"{until.astimezone(calendar.tz):%Y-%m-%d}"}, now=ctx.now)
    return ProjectBooksReady(patron.barcode, patron.name,
                             tuple(item.barcode for item in items), titles,
                             tuple(hold.id for hold in holds), until)


__all__ = ["MAX_ITEMS", "ProjectBooksReady", "project_books_ready"]
