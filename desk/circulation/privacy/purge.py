"""Anonymising old loan history: the loans returned more than ``history_keep_days`` days ago
lose their patron (``patron_id`` and ``proxy_id`` set to NULL, ``anonymised_at`` set).

What stays: the loan row with its dates, item, desks, staff and origin, so every count of loans
(per item, per day, per desk) is unchanged; the charges, payments, waivers, receipts and
settlements, which are money records kept whole (a charge still names its payer). What is never
anonymised: an open loan, a loan with a charge still owed, a loan of an open lost-item claim
(the patron must still be found when the item turns up). ``history_keep_days`` 0 keeps
everything.

One UPDATE in one transaction, with one audit row (counts, the cut-off, who). The audit log
itself, which is append-only and hash-chained, keeps its own rows naming patrons.
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
                  keep_days: int | None = None) -> PurgeResult:
    """Anonymise the loan history older than ``keep_days`` (default: the policy's
    ``history_keep_days``). ``by``: a signed-in administrator (not needed for ``dry_run``,
    which only counts); ``CirculationRefused`` otherwise."""
    days = store.policy.history_keep_days if keep_days is None else keep_days
    if not isinstance(days, int) or isinstance(days, bool) or days < 0:
        raise ValueError(f"keep_days must be a whole number of days, 0 or more: {days!r}")
    cutoff = cutoff_for(store, days)
    if dry_run:
        with store.read_sessions() as session:
            return _counted(session, days, cutoff)
    with store.sessions() as session, session.begin():
        actor = require_admin(store, session, by)
        if cutoff is None:
            anonymised, kept = 0, 0
        else:
            kept = int(session.scalar(select(func.count()).select_from(Loan).where(
                _old(cutoff), _owed())) or 0)
            done = cast(CursorResult[Any], session.execute(
                update(Loan).where(_old(cutoff), ~_owed())
                .values(patron_id=None, proxy_id=None, anonymised_at=store.now())
                .execution_options(synchronize_session=False)))
            anonymised = done.rowcount or 0
        event = AuditEvent(at=store.now(), action="privacy_purge", outcome="done",
                           staff_id=actor.id, detail={
                               "anonymised": anonymised, "kept_owed": kept, "keep_days": days,
                               "cutoff": cutoff.isoformat() if cutoff else None})
        session.add(event)
        session.flush()
        audit_id = event.id
    return PurgeResult(days, cutoff, anonymised, kept, False, audit_id)


def _counted(session: Session, days: int, cutoff: datetime | None) -> PurgeResult:
    if cutoff is None:
        return PurgeResult(days, None, 0, 0, True)
    count = select(func.count()).select_from(Loan)
    anonymised = int(session.scalar(count.where(_old(cutoff), ~_owed())) or 0)
    kept = int(session.scalar(count.where(_old(cutoff), _owed())) or 0)
    return PurgeResult(days, cutoff, anonymised, kept, True)
