"""Loan periods and due dates computed from a circulation rule and a calendar (pure)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol

from desk.circulation.calendar import Calendar

DEFAULT_HELD_LOAN_DAYS = 14


class LoanPeriod(Protocol):
    """What the due-date rules read of a rule: a ``CirculationRule`` row or ``RuleFacts``."""

    @property
    def loan_days(self) -> int | None: ...
    @property
    def loan_hours(self) -> int | None: ...
    @property
    def held_loan_days(self) -> int | None: ...
    @property
    def renewal_days(self) -> int: ...


def loan_due(rule: LoanPeriod, out_at: datetime, calendar: Calendar, *,
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


def is_shortened(rule: LoanPeriod) -> bool:
    """Whether waiting holds shorten this rule's loans at all."""
    return rule.loan_hours is None and (rule.loan_days or 0) > (
        rule.held_loan_days or DEFAULT_HELD_LOAN_DAYS)


def renewal_due(rule: LoanPeriod, renewed_at: datetime, calendar: Calendar) -> datetime:
    """The new due date of a renewal: counted from the renewal day (SOP 5.4)."""
    due_day = calendar.next_open_on_or_after(
        calendar.local_date(renewed_at) + timedelta(days=rule.renewal_days))
    return calendar.end_of_day(due_day)
