"""The circulation rules as pure functions over plain facts: no session, no clock reads.

``facts`` holds the frozen dataclasses an operation reads (online from the database, offline
from the local copy), ``eligibility`` decides a checkout from them, ``due`` gives due dates and
``fines`` overdue fines. The online desk, the offline checks and the replay call the same ones.
"""

from desk.circulation.rules.due import DEFAULT_HELD_LOAN_DAYS, is_shortened, loan_due, renewal_due
from desk.circulation.rules.fines import Fine, open_days_late, overdue_fine

__all__ = ["DEFAULT_HELD_LOAN_DAYS", "Fine", "is_shortened", "loan_due", "open_days_late",
           "overdue_fine", "renewal_due"]
