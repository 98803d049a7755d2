"""The plain facts the circulation rules decide on, as frozen dataclasses.

Online they are read from the database (``desk.circulation.facts``), offline from the local
copy (``desk.circulation.offline.snapshot``); either way they are evaluated as of one moment,
``now``, which the reader was given — so a slip keyed in late is judged as of the slip's time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True)
class MessageFacts:
    """A message on the patron's record not yet acknowledged (author None: carried over from
    the old single message, which had none)."""

    id: int
    text: str
    author: str | None
    created_at: datetime


@dataclass(frozen=True)
class PatronFacts:
    """A patron's record as the checkout checks read it, as of ``now``."""

    barcode: str
    name: str
    category: str
    expires_on: date | None
    blocked: bool
    block_message: str | None
    message: str | None             # the old single note: shown as ``messages`` now
    overdue: int                    # open loans due before now
    balance: int                    # what is owed, in minor units
    first_claim_deadline: date | None   # earliest deadline of an open lost-item claim
    open_loans: int
    lifetime_loans: int
    max_items_total: int | None     # the category's limits
    lifetime_item_limit: int | None
    blocked_until: date | None = None   # a timed block lifts itself on this day
    messages: tuple[MessageFacts, ...] = ()  # not yet acknowledged, oldest first
    claims: int = 0                 # claims returned / never borrowed made, ever


@dataclass(frozen=True)
class ItemFacts:
    """An item as one patron would borrow it: its state, its loan and the holds on its title.

    ``patron_loans_of_type`` (this patron's open loans of the item's type) need only be exact
    when the patron has at least the rule's ``max_items`` loans in all; below that it cannot
    reach the limit and the online reader skips the count."""

    barcode: str
    title: str
    item_type: str
    item_type_name: str
    status: str
    loanable: bool
    accessories: str | None
    has_strip: bool
    loan_patron: str | None         # barcode of the patron with the open loan, if any
    trapped_for_other: bool         # a hold of another patron waits with this item
    others_waiting: bool            # others' holds on the title wait for any copy
    patron_loans_of_type: int
    parts: int = 1                  # pieces lent together (an RFID checkout counts their tags)


@dataclass(frozen=True)
class RuleFacts:
    """The circulation rule for one patron category and item type."""

    loan_days: int | None
    loan_hours: int | None
    max_items: int
    held_loan_days: int | None
    renewals: int = 0
    renewal_days: int = 0
    fine_per_day: int = 0
    fine_cap: int | None = None
    grace_days: int = 0

    @classmethod
    def of(cls, rule: object) -> "RuleFacts":
        """The facts of a ``CirculationRule`` row (or anything with its attributes)."""
        return cls(**{name: getattr(rule, name) for name in cls.__dataclass_fields__})

    @classmethod
    def from_columns(cls, row: Mapping[str, Any]) -> "RuleFacts":
        """The facts of a rule read as named columns (the offline copy's ``rules`` table)."""
        return cls(**{name: row[name] for name in cls.__dataclass_fields__})


@dataclass(frozen=True)
class LoanFacts:
    """An open loan as a renewal reads it."""

    due_at: datetime
    hourly: bool
    renewals: int
    others_waiting: bool            # others' holds on the title wait for any copy
