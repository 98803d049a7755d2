"""The return of a reading loan (SOP 5.12.5.1): a non-loanable book fetched from the withdrawn
area was lent for reading in the library against an ID the patron left at the desk
(``lend_for_reading``). When the book is checked in, the checkin carries the notice
``reading_id_kept`` naming that ID, so staff hand it back; the request stays ``lent``, its
final state, and is closed if it is not already."""

from __future__ import annotations

import logging

from sqlalchemy import select

from desk.circulation.context import OpContext
from desk.models import RetrievalRequest

log = logging.getLogger(__name__)

# ``Loan.origin`` of a loan for reading in the library.
READING_ORIGIN = "reading"


def reading_returned(ctx: OpContext, loan_id: int) -> None:
    """The reading loan ``loan_id`` is back: the notice to hand back the ID kept for it."""
    # Not locked: the request is closed since the lending (cancel_retrieval, which locks it
    # before the item, refuses it), and locking it after the item could deadlock with that.
    request = ctx.session.scalars(
        select(RetrievalRequest).where(RetrievalRequest.loan_id == loan_id)).first()
    if request is None:
        # a reading loan is only ever made by lend_for_reading, with its request
        log.error("reading loan %s has no withdrawn-area request", loan_id)
        ctx.notice("reading_id_kept", id_kept="?")
        return
    ctx.notice("reading_id_kept", id_kept=request.id_kept or "?")
    if request.closed_at is None:
        request.closed_at = ctx.now
