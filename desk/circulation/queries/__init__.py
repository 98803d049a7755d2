"""Read-only queries for the screens: patron panel, searches, item status, holds shelf, history.

No Qt. Each function opens its own short session with ``library.read_sessions()`` and returns frozen
dataclasses (``desk.circulation.queries.rows``), never ORM objects, so a screen may call them
from a worker thread and keep the results. Lookups use the indexes (card and item barcodes,
open loans per patron, holds per pickup location); see tests/unit/circulation/test_queries.py
for the query plans they are held to.

The money views (``queries.money``: receipts, settlements, the day), a patron's charges
(``queries.charges``) and the balance (``queries.balance``) are imported from their own modules.
"""

from desk.circulation.queries.items import find_items, item_status
from desk.circulation.queries.patrons import find_patrons, patron_history, patron_summary
from desk.circulation.queries.rows import (ChargeRow, HistoryEvent, HoldRow, ItemLoanRow,
                                           ItemRow, ItemStatus, LoanRow, PatronRow,
                                           PatronSummary, ShelfHold)
from desk.circulation.queries.shelf import holds_shelf, locations

__all__ = [
    "ChargeRow", "HistoryEvent", "HoldRow", "ItemLoanRow", "ItemRow", "ItemStatus", "LoanRow",
    "PatronRow", "PatronSummary", "ShelfHold", "find_items", "find_patrons", "holds_shelf",
    "item_status", "locations", "patron_history", "patron_summary",
]
