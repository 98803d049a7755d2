"""What a library holds, in a few lines: its last transaction (the newest audit event), its last
settlement and the counts of patrons, items, loans and payments. Said after a restore so the
librarian can see which day the restored library stops at."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, func, select

from desk.models import AuditEvent, Base, Desk, Item, Loan, Patron, Payment, Settlement
from desk.wording import text


@dataclass(frozen=True)
class LibrarySummary:
    last_event_at: datetime | None
    last_event: str
    last_settlement_at: datetime | None
    last_settlement_day: date | None
    last_settlement_desk: str
    patrons: int
    items: int
    loans: int
    open_loans: int
    payments: int

    def lines(self) -> list[str]:
        """The summary in the current language (times in UTC, as stored)."""
        def when(value: datetime | None) -> str:
            return value.strftime("%Y-%m-%d %H:%M UTC") if value else text("backup_never")
        settlement = (text("backup_settlement", day=self.last_settlement_day.isoformat(),
                           desk=self.last_settlement_desk, at=when(self.last_settlement_at))
                      if self.last_settlement_day else text("backup_never"))
        return [text("backup_last_transaction", at=when(self.last_event_at),
                     action=self.last_event or "-"),
                text("backup_last_settlement", settlement=settlement),
                text("backup_counts", patrons=self.patrons, items=self.items, loans=self.loans,
                     open_loans=self.open_loans, payments=self.payments)]


def summarize(connection: Connection) -> LibrarySummary:
    event = connection.execute(select(AuditEvent.at, AuditEvent.action)
                               .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
                               .limit(1)).first()
    settlement = connection.execute(
        select(Settlement.closed_at, Settlement.business_date, Desk.code)
        .join(Desk, Desk.id == Settlement.desk_id)
        .order_by(Settlement.closed_at.desc()).limit(1)).first()

    def count(model: type[Base]) -> int:
        return int(connection.execute(select(func.count()).select_from(model)).scalar_one())

    open_loans = int(connection.execute(select(func.count()).select_from(Loan)
                                        .where(Loan.returned_at.is_(None))).scalar_one())
    return LibrarySummary(
        last_event_at=event.at if event else None, last_event=event.action if event else "",
        last_settlement_at=settlement.closed_at if settlement else None,
        last_settlement_day=settlement.business_date if settlement else None,
        last_settlement_desk=settlement.code if settlement else "",
        patrons=count(Patron), items=count(Item), loans=count(Loan), open_loans=open_loans,
        payments=count(Payment))
