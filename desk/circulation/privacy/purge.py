"""Anonymising old loan history: the loans returned more than ``history_keep_days`` days ago
lose their patron (``patron_id`` and ``proxy_id`` set to NULL, ``anonymised_at`` set).

What stays: the loan row with its dates, item, desks, staff and origin, so every count of loans
(per item, per day, per desk) is unchanged; the charges, payments, waivers, receipts and
settlements, which are money records kept whole (a charge still names its payer). What is never
anonymised: an open loan, a loan with a charge still owed, a loan of an open lost-item claim
(the patron must still be found when the item turns up). ``history_keep_days`` 0 keeps
everything.

Batches of loan ids, each one UPDATE in one transaction with its audit row (counts, the
cut-off, who), so the desks' own writes are never held up for long. The audit log itself, which
is append-only and hash-chained, keeps its own rows naming patrons.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import ColumnElement, CursorResult, and_, func, or_, select, update
from sqlalchemy.orm import Session

from desk.circulation.privacy.admin import require_admin
from desk.circulation.store import LibraryStore
from desk.models import AuditEvent, Charge, Loan, LostClaim

# Loan ids per transaction: on the full benchmark library (700,000 loans) one batch holds
# SQLite's write lock for about a third of a second.
BATCH = 20_000


@dataclass(frozen=True)
class PurgeResult:
    """What a purge did (or, ``dry_run``, would do). ``anonymised``: loans that lost their
    patron; ``kept_owed``: loans old enough but kept (a charge still owed, an open lost claim);
    ``cutoff``: loans returned before it were taken (``None``: the setting keeps everything)."""

    keep_days: int
    cutoff: datetime | None
    anonymised: int
    kept_owed: int
    dry_run: bool
    audit_id: int | None = None


def _old(cutoff: datetime) -> ColumnElement[bool]:
    return and_(Loan.patron_id.is_not(None), Loan.returned_at.is_not(None),
                Loan.returned_at < cutoff)


def _owed() -> ColumnElement[bool]:
    # IN over a subquery that is not correlated: read once (SQLite builds an index of it), not
    # once per loan; charges.loan_id has no index of its own.
    owed = select(Charge.loan_id).where(Charge.loan_id.is_not(None),
                                        Charge.amount > Charge.paid + Charge.waived)
    claimed = select(LostClaim.loan_id).where(LostClaim.status == "open")
    return or_(Loan.id.in_(owed), Loan.id.in_(claimed))


def cutoff_for(store: LibraryStore, keep_days: int) -> datetime | None:
    return None if keep_days <= 0 else store.now() - timedelta(days=keep_days)


def purge_history(store: LibraryStore, *, by: object = None, dry_run: bool = False,
                  keep_days: int | None = None, batch: int = BATCH) -> PurgeResult:
    """Anonymise the loan history older than ``keep_days`` (default: the policy's
    ``history_keep_days``). ``by``: a signed-in administrator (not needed for ``dry_run``,
    which only counts); ``CirculationRefused`` otherwise.

    The loans are taken ``batch`` loan ids at a time, each batch one transaction with its own
    audit row (``privacy_purge``: the counts, the id range, the cut-off, who), so the desks'
    writes wait a fraction of a second at most (SQLite has one writer) and every committed batch
    is audited; a run that finds nothing writes one row saying so. ``audit_id``: the last row."""
    days = store.policy.history_keep_days if keep_days is None else keep_days
    if not isinstance(days, int) or isinstance(days, bool) or days < 0:
        raise ValueError(f"keep_days must be a whole number of days, 0 or more: {days!r}")
    if not isinstance(batch, int) or batch < 1:
        raise ValueError(f"batch must be a positive number of loans: {batch!r}")
    cutoff = cutoff_for(store, days)
    if dry_run:
        with store.read_sessions() as session:
            return _counted(session, days, cutoff)
    with store.read_sessions() as session:
        require_admin(store, session, by)
        low, high = (None, None) if cutoff is None else session.execute(
            select(func.min(Loan.id), func.max(Loan.id)).where(_old(cutoff))).one()
    anonymised = kept = 0
    audit_id: int | None = None
    if low is not None and high is not None and cutoff is not None:
        for first in range(low, high + 1, batch):
            ids = (first, min(first + batch - 1, high))
            done, owed, event_id = _purge_batch(store, by, cutoff, days, ids)
            anonymised, kept = anonymised + done, kept + owed
            audit_id = event_id or audit_id
    if audit_id is None:                       # nothing to do: the run is still recorded
        _, _, audit_id = _purge_batch(store, by, cutoff, days, None)
    return PurgeResult(days, cutoff, anonymised, kept, False, audit_id)


def _purge_batch(store: LibraryStore, by: object, cutoff: datetime | None, days: int,
                 ids: tuple[int, int] | None) -> tuple[int, int, int | None]:
    """One transaction: anonymise the old loans with ids in ``ids`` (``None``: none, only the
    audit row); (anonymised, kept owed, audit row id or ``None`` when the batch had nothing)."""
    with store.sessions() as session, session.begin():
        actor = require_admin(store, session, by)   # still an active administrator
        anonymised = kept = 0
        if ids is not None and cutoff is not None:
            in_batch = Loan.id.between(*ids)
            kept = int(session.scalar(select(func.count()).select_from(Loan).where(
                in_batch, _old(cutoff), _owed())) or 0)
            done = cast(CursorResult[Any], session.execute(
                update(Loan).where(in_batch, _old(cutoff), ~_owed())
                .values(patron_id=None, proxy_id=None, anonymised_at=store.now())
                .execution_options(synchronize_session=False)))
            anonymised = done.rowcount or 0
            if not anonymised and not kept:
                return 0, 0, None
        event = AuditEvent(at=store.now(), action="privacy_purge", outcome="done",
                           staff_id=actor.id, detail={
                               "anonymised": anonymised, "kept_owed": kept, "keep_days": days,
                               "cutoff": cutoff.isoformat() if cutoff else None,
                               "loan_ids": list(ids) if ids else None})
        session.add(event)
        session.flush()
        return anonymised, kept, event.id


def _counted(session: Session, days: int, cutoff: datetime | None) -> PurgeResult:
    if cutoff is None:
        return PurgeResult(days, None, 0, 0, True)
    count = select(func.count()).select_from(Loan)
    anonymised = int(session.scalar(count.where(_old(cutoff), ~_owed())) or 0)
    kept = int(session.scalar(count.where(_old(cutoff), _owed())) or 0)
    return PurgeResult(days, cutoff, anonymised, kept, True)
