"""Replay: offline journals, keyed-in slips and .koc lines applied in time order through the
circulation API, each line ending applied, needing a decision, or refused.

* Lines from every source and desk are merged and sorted by the time written on them.
* A line already applied (its transaction id is in ``offline_transactions``) is skipped, so
  replaying the same journal or slip twice applies it once.
* Conflicts (``desk.circulation.offline.conflicts``) and refusals a supervisor may override
  (loan limit, overdue items, unpaid fines: SOP 5.8.2.3.2) stop the line for a decision; later
  lines of the same item wait for it, so the item's history is applied in order.
* ``decide`` applies (overriding what is overridable, recorded in the audit log) or discards
  lines, one by one or in bulk; nothing is dropped without a decision.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from desk.circulation.notices import CirculationRefused, Notice, Override, notice
from desk.circulation.offline import conflicts
from desk.circulation.offline.apply import Decision, ReplayCirculation
from desk.circulation.offline.journal import JournalEntry
from desk.models import StaffUser

if TYPE_CHECKING:
    from desk.circulation.store import LibraryStore

APPLIED, NEEDS_DECISION, REFUSED = "applied", "needs_decision", "refused"
SKIPPED, DISCARDED = "skipped", "discarded"
STATUSES = (APPLIED, NEEDS_DECISION, REFUSED, SKIPPED, DISCARDED)
Progress = Callable[[int, int], None]


@dataclass
class ReplayLine:
    """One transaction of a replay and what became of it."""

    number: int
    entry: JournalEntry
    status: str = "pending"
    notices: list[Notice] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)     # what the decision is about
    waiting_for: int | None = None                     # an earlier line of the same item
    loan_id: int | None = None
    receipt_no: str | None = None
    due_at: datetime | None = None
    fine: int = 0
    waived: int = 0
    overridden: bool = False
    decided_by: str | None = None
    reason: str | None = None

    @property
    def message(self) -> str:
        return " ".join(n.message for n in self.notices)


class Replay:
    """One replay session at one desk (``circulation``) by one staff member.

    ``supervisor`` (optional) is who approves the automatic late-keying waivers. With
    ``returns_at_key_in`` returns are dated when keyed in, as a system that cannot backdate
    would (the SOP's own case); the fine the delay caused is then waived by ``supervisor``."""

    def __init__(self, circulation: ReplayCirculation, entries: Iterable[JournalEntry], *,
                 supervisor: StaffUser | None = None, returns_at_key_in: bool = False,
                 replay_id: str | None = None) -> None:
        if returns_at_key_in and supervisor is None:
            raise ValueError("dating returns at key-in needs a supervisor for the waivers")
        self.circulation = circulation
        self.supervisor = supervisor
        self.returns_at_key_in = returns_at_key_in
        self.replay_id = replay_id or uuid.uuid4().hex
        unique: dict[str, JournalEntry] = {}
        for entry in entries:
            unique.setdefault(entry.txn_id, entry)
        ordered = sorted(unique.values(), key=lambda e: (e.at, e.txn_id))
        self.lines = [ReplayLine(number, entry) for number, entry in enumerate(ordered, 1)]
        self._tracker = conflicts.DuplicateTracker()
        self._blocked: dict[str, int] = {}      # item barcode -> line number awaiting decision

    @property
    def library(self) -> LibraryStore:
        return self.circulation.library

    # --- running ----------------------------------------------------------------------------
    def run(self, progress: Progress | None = None) -> list[ReplayLine]:
        """Apply every line not yet dealt with, in time order."""
        todo = [line for line in self.lines if line.status == "pending"
                or (line.status == NEEDS_DECISION and line.waiting_for is not None)]
        for done, line in enumerate(todo, 1):
            self._process(line, None)
            if progress is not None:
                progress(done, len(todo))
        return self.lines

    def decide(self, numbers: Iterable[int], *, apply: bool, supervisor: StaffUser,
               reason: str, progress: Progress | None = None) -> list[ReplayLine]:
        """A supervisor's decision on lines needing one: apply them (past their conflicts,
        overriding overridable rules) or discard them. Then lines waiting for them go on."""
        if not (reason or "").strip():
            raise CirculationRefused.one("reason_required")
        if not getattr(supervisor, "is_supervisor", False):
            raise CirculationRefused.one("supervisor_required",
                                         login=getattr(supervisor, "login", "?"))
        wanted = set(numbers)
        chosen = [line for line in self.lines if line.number in wanted]
        for line in chosen:
            if line.status != NEEDS_DECISION:
                raise ValueError(f"line {line.number} does not need a decision ({line.status})")
        for line in sorted(chosen, key=lambda item: item.number):
            if line.waiting_for is not None:
                continue  # goes on by itself (``run``) once the line it waits for is decided
            self._release(line)
            decision = Decision(supervisor, reason.strip())
            if apply:
                self._process(line, decision)
            else:
                self.circulation.discard(line.entry, self.replay_id, decision)
                line.status, line.decided_by, line.reason = DISCARDED, supervisor.name, reason
                line.notices = [notice("discarded", reason=reason.strip())]
        return self.run(progress)

    def decide_all(self, *, apply: bool, supervisor: StaffUser, reason: str,
                   progress: Progress | None = None) -> list[ReplayLine]:
        """The bulk decision: every line needing one, including those that come up once the
        lines they waited for are decided."""
        while True:
            ready = [line.number for line in self.pending_decisions() if line.waiting_for is None]
            if not ready:
                return self.lines
            self.decide(ready, apply=apply, supervisor=supervisor, reason=reason,
                        progress=progress)

    def pending_decisions(self) -> list[ReplayLine]:
        return [line for line in self.lines if line.status == NEEDS_DECISION]

    def counts(self) -> dict[str, int]:
        counts = {status: 0 for status in STATUSES}
        for line in self.lines:
            counts[line.status] = counts.get(line.status, 0) + 1
        counts["overridden"] = sum(1 for line in self.lines if line.overridden)
        counts["waived"] = sum(line.waived for line in self.lines)
        return counts

    # --- one line -----------------------------------------------------------------------------
    def _release(self, line: ReplayLine) -> None:
        if line.entry.item and self._blocked.get(line.entry.item) == line.number:
            del self._blocked[line.entry.item]

    def _needs(self, line: ReplayLine, found: list[Notice], *, waiting: int | None = None) -> None:
        line.status, line.notices = NEEDS_DECISION, found
        line.codes = [n.code for n in found]
        line.waiting_for = waiting
        if line.entry.item:
            self._blocked.setdefault(line.entry.item, line.number)

    def _process(self, line: ReplayLine, decision: Decision | None) -> None:
        entry = line.entry
        blocker = self._blocked.get(entry.item) if entry.item else None
        if blocker is not None and blocker != line.number:
            self._needs(line, [notice("waits_for_line", line=blocker)], waiting=blocker)
            return
        with self.library.sessions() as session:
            earlier = conflicts.applied_before(session, entry.txn_id)
            if earlier is not None:
                tz = self.library.policy.tz
                line.status = SKIPPED
                line.notices = [notice("already_applied",
                                       at=f"{earlier.applied_at.astimezone(tz):%Y-%m-%d %H:%M}")]
                self._tracker.seen(entry)
                return
            now = self.library.now()
            found = [] if decision else self._conflicts(session, entry, now)
        if found:
            self._needs(line, found)
            return
        if decision is not None and entry.at > now:
            entry = dataclasses.replace(entry, at=now)  # decided: dated when keyed in
        self._apply(line, entry, decision)

    def _conflicts(self, session: Session, entry: JournalEntry,
                   now: datetime) -> list[Notice]:
        tz = self.library.policy.tz
        if entry.kind == "payment":
            found = conflicts.in_future(entry, now, tz)
            return [found] if found else []
        checks = [conflicts.in_future(entry, now, tz), self._tracker.check(entry),
                  conflicts.overtaken(session, entry, tz)]
        if entry.kind == "checkin":
            checks.append(conflicts.return_without_loan(session, entry))
        return [found for found in checks if found is not None]

    def _apply(self, line: ReplayLine, entry: JournalEntry, decision: Decision | None) -> None:
        try:
            self._call(line, entry, decision)
        except CirculationRefused as refused:
            if decision is not None and refused.overridable:
                override = Override(refused.codes, decision.supervisor, decision.reason)
                try:
                    self._call(line, entry, dataclasses.replace(decision, override=override))
                    return
                except CirculationRefused as again:
                    refused = again
            if refused.codes == ["item_checked_out"] and refused.reasons[0].params.get("to"):
                line.status, line.notices = SKIPPED, list(refused.reasons)  # already lent to
                self._tracker.seen(entry)                                   # this patron online
                return
            if refused.overridable and decision is None:
                self._needs(line, list(refused.reasons))
            else:
                line.status, line.notices = REFUSED, list(refused.reasons)
                line.codes = refused.codes
        except ValueError as error:  # e.g. a malformed barcode in a keyed-in slip
            line.status, line.codes = REFUSED, ["invalid"]
            line.notices = [Notice("invalid", False, str(error))]

    def _call(self, line: ReplayLine, entry: JournalEntry, decision: Decision | None) -> None:
        circulation = self.circulation
        if entry.kind == "checkout":
            lent = circulation.replay_checkout(entry, self.replay_id, decision=decision)
            line.loan_id, line.due_at, line.notices = lent.loan_id, lent.due_at, lent.warnings
        elif entry.kind == "payment":
            line.receipt_no = circulation.replay_payment(entry, self.replay_id, decision=decision)
            line.notices = []
        else:
            returned = circulation.replay_checkin(
                entry, self.replay_id, decision=decision, at_key_in=self.returns_at_key_in,
                waiver_by=self.supervisor)
            line.loan_id, line.fine = returned.loan_id, returned.fine
            line.notices = returned.notices
            line.waived = _waived_amount(returned.notices)
        line.status, line.codes = APPLIED, []
        line.overridden = any(n.code == "overridden" for n in line.notices) or decision is not None
        if decision is not None:
            line.decided_by, line.reason = decision.supervisor.name, decision.reason
        self._tracker.seen(entry)


def _waived_amount(notices: list[Notice]) -> int:
    for found in notices:
        if found.code == "late_keying_waived":
            return int(found.params.get("waived", 0))
    return 0
