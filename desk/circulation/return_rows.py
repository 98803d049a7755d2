"""The rows a checkin reads and changes, as plain records instead of ORM objects.

Loading the item, its loan, borrower and hold as ORM objects cost more than the statement that
reads them (identity map, instance state, history); a checkin reads them as plain columns into
these records, changes a few attributes, and ``write_rows`` writes the changed columns with one
prepared Core UPDATE per row.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any, ClassVar, cast

from sqlalchemy import Table

from desk.circulation.context import OpContext
from desk.circulation.write_back import update_by_id
from desk.models import Hold, Item, Loan


@dataclass
class _Record:
    """A row's columns as read; ``changes`` compares them with what was read."""

    table: ClassVar[Table]
    id: int
    _read: dict[str, Any] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._read = {f.name: getattr(self, f.name) for f in fields(self)
                      if f.name in self.table.c and f.name != "id"}

    def changes(self) -> dict[str, Any]:
        """The columns set to another value since the row was read."""
        return {name: getattr(self, name) for name, was in self._read.items()
                if getattr(self, name) != was}


@dataclass(frozen=True)
class Title:
    """The item's title, where the ORM item has its ``biblio``."""

    title: str


@dataclass
class ReturnItem(_Record):
    """The columns of the item a checkin reads and may change."""

    table: ClassVar[Table] = cast(Table, Item.__table__)
    barcode: str
    biblio_id: int
    item_type: str
    location_id: int
    current_location_id: int | None
    status: str
    accessories: str | None
    has_strip: bool
    staff_flag: str | None
    biblio: Title


@dataclass
class ReturnLoan(_Record):
    """The columns of the open loan a checkin closes."""

    table: ClassVar[Table] = cast(Table, Loan.__table__)
    patron_id: int
    due_at: datetime
    hourly: bool
    returned_at: datetime | None
    return_desk_id: int | None
    out_at: datetime
    claimed_at: datetime | None
    origin: str                 # "reading": lent for reading against an ID kept at the desk


@dataclass(frozen=True)
class ReturnPatron:
    """The borrower, or the patron of the hold a returned item goes to (read, never written)."""

    id: int
    barcode: str
    name: str
    category: str


@dataclass
class ReturnHold(_Record):
    """The columns of the hold a returned item goes to."""

    table: ClassVar[Table] = cast(Table, Hold.__table__)
    patron_id: int
    item_id: int | None
    pickup_location_id: int
    status: str
    waiting_since: datetime | None
    shelf_expires_at: datetime | None
    kind: str


def write_rows(ctx: OpContext, *rows: _Record | None) -> None:
    """Write the changed columns of ``rows`` with one Core UPDATE each, then flush anything
    else this session has pending (a problem entry, a voided claim)."""
    connection = ctx.session.connection()
    for row in rows:
        if row is None:
            continue
        changed = row.changes()
        if changed:
            connection.execute(update_by_id(row.table, tuple(sorted(changed))),
                               {"row_id": row.id, **changed})
            row._read.update(changed)
    ctx.session.flush()
