"""Overdue fines computed from a circulation rule and a calendar (pure)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from desk.circulation.calendar import Calendar


class FineRate(Protocol):
    """What the fine rules read of a rule: a ``CirculationRule`` row or ``RuleFacts``."""

    @property
    def grace_days(self) -> int: ...
    @property
    def fine_per_day(self) -> int: ...
    @property
    def fine_cap(self) -> int | None: ...


@dataclass(frozen=True)
class Fine:
    amount: int
    units: int          # days (open days) or hours late
    unit: str           # 'day' or 'hour'
    capped: bool = False


def overdue_fine(rule: FineRate, due_at: datetime, returned_at: datetime,
                 calendar: Calendar, *, hourly: bool, stopped_at: datetime | None = None) -> Fine:
    """The fine for returning at ``returned_at`` a loan due at ``due_at``.

    Day loans count open days after the due day up to the return day (closed days are free);
    within ``grace_days`` nothing is charged. Hourly loans count started hours. ``stopped_at``:
    the loan stopped accruing then (a claim, SOP 5.10), so a later return costs no more."""
    if stopped_at is not None and stopped_at < returned_at:
        returned_at = stopped_at
    if returned_at <= due_at:
        return Fine(0, 0, "hour" if hourly else "day")
    if hourly:
        units = math.ceil((returned_at - due_at).total_seconds() / 3600)
        unit = "hour"
    else:
        units = calendar.open_days_between(calendar.local_date(due_at),
                                           calendar.local_date(returned_at))
        unit = "day"
    if units <= rule.grace_days:
        return Fine(0, units, unit)
    amount = units * rule.fine_per_day
    if rule.fine_cap is not None and amount > rule.fine_cap:
        return Fine(rule.fine_cap, units, unit, capped=True)
    return Fine(amount, units, unit)


def open_days_late(due_at: datetime, on: date, calendar: Calendar) -> int:
    return calendar.open_days_between(calendar.local_date(due_at), on)
