"""Loan periods, due dates and overdue fines computed from a circulation rule and a calendar."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from desk.circulation.calendar import Calendar
from desk.models import CirculationRule

DEFAULT_HELD_LOAN_DAYS = 14


def loan_due(rule: CirculationRule, out_at: datetime, calendar: Calendar, *,
             others_waiting: bool = False) -> datetime:
    """When a loan made at ``out_at`` falls due.

    Hourly loans are exact. Day loans fall due at 23:59 of the due day, moved to the next open
    day; when others wait for the title the period is shortened (SOP 5.3.4)."""
    if rule.loan_hours is not None:
        return out_at + timedelta(hours=rule.loan_hours)
    days = rule.loan_days or 0
    if others_waiting:
        days = min(days, rule.held_loan_days or DEFAULT_HELD_LOAN_DAYS)
    due_day = calendar.next_open_on_or_after(calendar.local_date(out_at) + timedelta(days=days))
    return calendar.end_of_day(due_day)


def is_shortened(rule: CirculationRule) -> bool:
    """Whether waiting holds shorten this rule's loans at all."""
    return rule.loan_hours is None and (rule.loan_days or 0) > (
        rule.held_loan_days or DEFAULT_HELD_LOAN_DAYS)


def renewal_due(rule: CirculationRule, renewed_at: datetime, calendar: Calendar) -> datetime:
    """The new due date of a renewal: counted from the renewal day (SOP 5.4)."""
    due_day = calendar.next_open_on_or_after(
        calendar.local_date(renewed_at) + timedelta(days=rule.renewal_days))
    return calendar.end_of_day(due_day)


@dataclass(frozen=True)
class Fine:
    amount: int
    units: int          # days (open days) or hours late
    unit: str           # 'day' or 'hour'
    capped: bool = False


def overdue_fine(rule: CirculationRule, due_at: datetime, returned_at: datetime,
                 calendar: Calendar, *, hourly: bool) -> Fine:
    """The fine for returning at ``returned_at`` a loan due at ``due_at``.

    Day loans count open days after the due day up to the return day (closed days are free);
    within ``grace_days`` nothing is charged. Hourly loans count started hours."""
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
