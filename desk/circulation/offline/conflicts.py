"""What can stand in the way of applying an offline transaction blindly (DESIGN.md section 7).

Each check returns a ``Notice`` (a conflict to show for a decision) or ``None``:

* ``slip_in_future`` — the slip is dated after now (a wrong clock or a slip misdated by hand);
* ``overtaken`` — the item changed online after the slip: it was lent, returned or declared
  lost later than the slip's time (loans and lost claims are compared by their effective times,
  so transactions replayed from other desks count at the time they happened — the way
  Evergreen's offline processing lists them);
* ``return_without_loan`` — a return of an item that has no open loan;
* ``duplicate_item`` — two slips lend (or return) the same item with no return (or loan)
  between them (found by ``DuplicateTracker`` over the lines of one replay).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desk.circulation.notices import Notice, notice
from desk.circulation.offline.journal import JournalEntry
from desk.models import Item, Loan, LostClaim, OfflineTransaction
from desk.wording import language

if TYPE_CHECKING:
    from desk.circulation.store import LibraryStore

CHANGE_WORDS = {"lent": ("lent", "借出"), "returned": ("returned", "歸還"),
                "lost": ("declared lost", "報遺失")}


def in_future(entry: JournalEntry, now: datetime, tz: tzinfo) -> Notice | None:
    if entry.at > now:
        return notice("slip_in_future", slip=entry.slip_no,
                      at=f"{entry.at.astimezone(tz):%Y-%m-%d %H:%M}")
    return None


def overtaken(session: Session, entry: JournalEntry, tz: tzinfo) -> Notice | None:
    """The latest online change of the item after the slip's time, if any."""
    item_id = session.scalars(select(Item.id).where(Item.barcode == entry.item)).first()
    if item_id is None:
        return None
    changes: list[tuple[datetime, str]] = []
    for loan in session.scalars(select(Loan).where(
            Loan.item_id == item_id,
            or_(Loan.out_at > entry.at, Loan.returned_at > entry.at))):
        if loan.out_at > entry.at:
            changes.append((loan.out_at, "lent"))
        if loan.returned_at is not None and loan.returned_at > entry.at:
            changes.append((loan.returned_at, "returned"))
    for opened in session.scalars(select(LostClaim.opened_at).where(
            LostClaim.item_id == item_id, LostClaim.opened_at > entry.at)):
        changes.append((opened, "lost"))
    if not changes:
        return None
    at, change = max(changes)
    word = CHANGE_WORDS[change][1 if language() == "zh_TW" else 0]
    return notice("overtaken", item=entry.item, change=word,
                  at=f"{at.astimezone(tz):%Y-%m-%d %H:%M}")


def return_without_loan(session: Session, entry: JournalEntry) -> Notice | None:
    item = session.scalars(select(Item).where(Item.barcode == entry.item)).first()
    if item is None:
        return None  # the checkin itself refuses with item_not_found
    open_loan = session.scalars(select(Loan.id).where(
        Loan.item_id == item.id, Loan.returned_at.is_(None))).first()
    if open_loan is None and item.status not in ("lost",):
        return notice("return_without_loan", item=entry.item)
    return None


def not_applied(library: "LibraryStore", entries: list[JournalEntry]) -> list[JournalEntry]:
    """The entries no replay has applied yet (their transaction ids are not recorded): what
    the manual-slips screen counts as still to replay."""
    applied: set[str] = set()
    ids = [entry.txn_id for entry in entries]
    with library.read_sessions() as session:
        for start in range(0, len(ids), 500):
            applied.update(session.scalars(select(OfflineTransaction.txn_id).where(
                OfflineTransaction.txn_id.in_(ids[start:start + 500]))))
    return [entry for entry in entries if entry.txn_id not in applied]


def applied_before(session: Session, txn_id: str) -> OfflineTransaction | None:
    return session.scalars(select(OfflineTransaction).where(
        OfflineTransaction.txn_id == txn_id)).first()


@dataclass
class DuplicateTracker:
    """The last slip seen for each item in one replay, to find two loans (or two returns) of
    one item in a row."""

    last: dict[str, JournalEntry] = field(default_factory=dict)

    def check(self, entry: JournalEntry) -> Notice | None:
        previous = self.last.get(entry.item)
        if previous is None or previous.kind != entry.kind:
            return None
        return notice("duplicate_item", slip=entry.slip_no, other=previous.slip_no,
                      item=entry.item, kind=entry.kind)

    def seen(self, entry: JournalEntry) -> None:
        if entry.kind in ("checkout", "checkin"):
            self.last[entry.item] = entry

    def forget(self, entry: JournalEntry) -> None:
        if self.last.get(entry.item) is entry:
            del self.last[entry.item]
