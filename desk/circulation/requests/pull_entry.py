"""One line of a location's pull list: something staff must fetch from the shelves.

Every request kind (holds to pull, deliveries, missing-book searches, withdrawn-area
retrievals) reports its open work as ``PullEntry`` rows; ``pull_list(location)`` merges them,
and the desk's pull list tab and the printable list show them sorted by call number.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal, NamedTuple

PullKind = Literal["hold", "delivery", "search", "retrieval"]
PULL_KINDS: tuple[PullKind, ...] = ("hold", "delivery", "search", "retrieval")


class PullEntry(NamedTuple):
    """What to fetch, for whom, and by when. A named tuple rather than a frozen dataclass: a
    busy location's list has thousands of rows, and a tuple is built three times faster."""

    kind: PullKind
    request_id: int          # the hold's id for kind "hold", else the request's id
    item_barcode: str
    title: str
    call_number: str
    location: str            # code of the location whose shelves hold the item
    patron_barcode: str
    requested_at: datetime
    act_by: datetime | None  # deadline for staff to act (None: no deadline)
    overdue: bool            # act_by has passed and the request is still open
    note: str = ""           # e.g. the pickup location of a delivery

    @property
    def sort_key(self) -> tuple[str, str]:
        """Shelf order: by call number, then barcode."""
        return (self.call_number, self.item_barcode)
