"""Balance queries shared by the checks and the payment screens."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk.models import Charge


def outstanding_balance(session: Session, patron_id: int) -> int:
    """What the patron owes now: every charge's amount less what was paid or waived."""
    return int(session.scalar(
        select(func.coalesce(func.sum(Charge.amount - Charge.paid - Charge.waived), 0))
        .where(Charge.patron_id == patron_id)) or 0)
