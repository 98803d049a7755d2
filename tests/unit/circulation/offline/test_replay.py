"""Replay of offline transactions: order, dates, idempotency, overrides, waivers, decisions."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from desk.circulation import CirculationRefused
from desk.circulation.offline.apply import ReplayCirculation
from desk.circulation.offline.replay import (APPLIED, DISCARDED, NEEDS_DECISION, REFUSED,
                                             SKIPPED, Replay)
from desk.models import AuditEvent, Charge, Item, Loan, OfflineTransaction, Waiver
from tests.support.clock import TAIPEI, FakeClock
from tests.support.small_library import Desk
from tests.unit.circulation.offline.conftest import at, entry


def _loan(desk: Desk, item: str) -> Loan | None:
    with desk.library.sessions() as session:
        loan = session.scalars(select(Loan).join(Item, Loan.item_id == Item.id).where(
            Item.barcode == item).order_by(Loan.id.desc())).first()
        if loan is not None:
            loan.patron  # noqa: B018 - loaded while the session is open
        return loan


def test_lines_apply_in_time_order_whatever_the_input_order(
        desk: Desk, replay_desk: ReplayCirculation, clock: FakeClock) -> None:
    clock.now = at(2, 16)
    entries = [entry("checkout", "B001", at(2, 12), "P002"),
               entry("checkin", "B001", at(2, 11)),
               entry("checkout", "B001", at(2, 10), "P001")]
    replay = Replay(replay_desk, entries)
    replay.run()
    assert [line.entry.at.hour for line in replay.lines] == [10, 11, 12]
    assert [line.status for line in replay.lines] == [APPLIED] * 3
    loan = _loan(desk, "B001")
    assert loan.returned_at is None and loan.origin == "offline"
    assert loan.patron.barcode == "P002"
    assert loan.out_at == at(2, 12)


def test_due_date_counts_from_the_slip_when_keyed_in_after_closing(
        desk: Desk, replay_desk: ReplayCirculation, clock: FakeClock) -> None:
    clock.now = at(4, 9)                    # keyed in two days later
    replay = Replay(replay_desk, [entry("checkout", "B001", at(2, 15), "P001", source="slip")])
    replay.run()
    line = replay.lines[0]
    assert line.status == APPLIED
    assert line.due_at == datetime(2026, 12, 2, 23, 59, tzinfo=TAIPEI)   # 30 days from the 2nd
    assert "due_moved" in [n.code for n in line.notices]
    loan = _loan(desk, "B001")
    assert loan.due_at == line.due_at and loan.out_at == at(2, 15)
    assert loan.origin == "manual_slip"


def test_a_due_date_written_on_the_slip_is_kept(
        desk: Desk, replay_desk: ReplayCirculation, clock: FakeClock) -> None:
    clock.now = at(3, 9)
    written = datetime(2026, 11, 30, 23, 59, tzinfo=TAIPEI)
    import dataclasses
    slip = dataclasses.replace(entry("checkout", "B001", at(2, 15), "P001"), due_at=written)
    Replay(replay_desk, [slip]).run()
    assert _loan(desk, "B001").due_at == written


def test_replaying_twice_applies_once(desk: Desk, replay_desk: ReplayCirculation,
                                      clock: FakeClock) -> None:
    clock.now = at(2, 16)
    entries = [entry("checkout", "B001", at(2, 10), "P001"),
               entry("checkout", "B002", at(2, 10, 5), "P001"),
               entry("checkin", "B002", at(2, 11))]
    first = Replay(replay_desk, entries + entries)     # the same journal given twice
    first.run()
    assert [line.status for line in first.lines] == [APPLIED] * 3
    second = Replay(replay_desk, entries)
    second.run()
    assert [line.status for line in second.lines] == [SKIPPED] * 3
    assert "Already applied" in second.lines[0].message
    with desk.library.sessions() as session:
        assert len(session.scalars(select(Loan)).all()) == 2
        assert len(session.scalars(select(OfflineTransaction)).all()) == 3


def test_refusals_a_supervisor_may_override_wait_for_a_decision(
        desk: Desk, replay_desk: ReplayCirculation, clock: FakeClock) -> None:
    clock.now = at(2, 16)
    entries = [entry("checkout", f"B00{n}", at(2, 10, n), "P001") for n in range(1, 6)]
    replay = Replay(replay_desk, entries)               # a student may borrow 3 books
    replay.run()
    assert [line.status for line in replay.lines] == [APPLIED] * 3 + [NEEDS_DECISION] * 2
    assert replay.lines[3].codes == ["patron_loan_limit"]
    with pytest.raises(CirculationRefused):
        replay.decide([4], apply=True, supervisor=desk.clerk, reason="outage")
    with pytest.raises(CirculationRefused):
        replay.decide([4], apply=True, supervisor=desk.boss, reason="  ")
    replay.decide([4], apply=True, supervisor=desk.boss, reason="manual slips, SOP 5.8.2.3.2")
    assert replay.lines[3].status == APPLIED and replay.lines[3].overridden
    assert replay.lines[4].status == NEEDS_DECISION
    replay.decide_all(apply=True, supervisor=desk.boss, reason="bulk: outage slips")
    assert [line.status for line in replay.lines] == [APPLIED] * 5
    with desk.library.sessions() as session:
        events = session.scalars(select(AuditEvent).where(
            AuditEvent.action == "checkout", AuditEvent.outcome == "overridden")).all()
        assert len(events) == 2
        assert {e.reason for e in events} == {"manual slips, SOP 5.8.2.3.2", "bulk: outage slips"}
        assert all(e.supervisor_id == desk.boss.id for e in events)
        rows = session.scalars(select(OfflineTransaction).where(
            OfflineTransaction.outcome == "overridden")).all()
        assert len(rows) == 2 and all(r.supervisor_id == desk.boss.id for r in rows)


def test_final_refusals_are_refused_and_retried_on_the_next_replay(
        desk: Desk, replay_desk: ReplayCirculation, clock: FakeClock) -> None:
    clock.now = at(2, 16)
    lost = entry("checkout", "X999", at(2, 10), "P001")
    replay = Replay(replay_desk, [lost])
    replay.run()
    assert replay.lines[0].status == REFUSED and replay.lines[0].codes == ["item_not_found"]
    desk.library.add_item("X999", "新書", location="MAIN")
    again = Replay(replay_desk, [lost])
    again.run()
    assert again.lines[0].status == APPLIED


def test_later_lines_of_an_item_wait_for_the_decision_on_an_earlier_one(
        desk: Desk, replay_desk: ReplayCirculation, clock: FakeClock) -> None:
    clock.now = at(2, 16)
    desk.main.checkout("P002", "B001")                 # P002 has B001 online already
    clock.now = at(2, 16, 5)
    entries = [entry("checkout", f"B00{n}", at(2, 10, n), "P001") for n in range(2, 5)]
    entries += [entry("checkout", "B005", at(2, 11), "P001"),
                entry("checkin", "B005", at(2, 12))]
    replay = Replay(replay_desk, entries)
    replay.run()
    statuses = [line.status for line in replay.lines]
    assert statuses == [APPLIED] * 3 + [NEEDS_DECISION, NEEDS_DECISION]
    assert replay.lines[4].waiting_for == 4
    replay.decide([4], apply=False, supervisor=desk.boss, reason="patron has enough books")
    assert replay.lines[3].status == DISCARDED
    # the return of a loan that was never made now shows up for its own decision
    assert replay.lines[4].codes == ["return_without_loan"]
    Replay(replay_desk, entries).run()
    with desk.library.sessions() as session:
        row = session.scalars(select(OfflineTransaction).where(
            OfflineTransaction.outcome == "discarded")).one()
        assert row.reason == "patron has enough books" and row.supervisor_id == desk.boss.id


def test_several_desks_are_merged_in_time_order(
        desk: Desk, replay_desk: ReplayCirculation, clock: FakeClock) -> None:
    clock.now = at(2, 17)
    main = [entry("checkout", "B001", at(2, 10), "P001", desk="MAIN-1"),
            entry("checkout", "B001", at(2, 14), "P002", desk="MAIN-1")]
    law = [entry("checkin", "B001", at(2, 12), desk="LAW-1")]
    alone = Replay(replay_desk, main)  # MAIN-1 alone: its 14:00 loan lacks LAW-1's return
    alone.run()
    assert [line.status for line in alone.lines] == [APPLIED, NEEDS_DECISION]
    assert alone.lines[1].codes == ["duplicate_item"]
    replay = Replay(replay_desk, main + law)
    replay.run()
    assert [line.entry.desk for line in replay.lines] == ["MAIN-1", "LAW-1", "MAIN-1"]
    assert [line.status for line in replay.lines] == [SKIPPED, APPLIED, APPLIED]
    fresh = ReplayCirculation(desk.library, "MAIN-1", desk.clerk)
    merged = Replay(fresh, [entry("checkout", "B002", at(2, 10), "P001", desk="MAIN-1"),
                            entry("checkin", "B002", at(2, 12), desk="LAW-1"),
                            entry("checkout", "B002", at(2, 14), "P002", desk="MAIN-1")])
    merged.run()
    assert [line.status for line in merged.lines] == [APPLIED] * 3
    assert _loan(desk, "B002").patron.barcode == "P002"


def test_returns_are_dated_from_the_slip_so_only_real_lateness_is_fined(
        desk: Desk, replay_desk: ReplayCirculation, clock: FakeClock) -> None:
    clock.now = at(2, 10)
    desk.main.checkout("P001", "B001")                 # due 2 December
    clock.set(2026, 12, 8, 9)                           # keyed in on the 8th
    replay = Replay(replay_desk, [entry("checkin", "B001", datetime(2026, 12, 2, 15, 0,
                                                                   tzinfo=TAIPEI))])
    replay.run()
    assert replay.lines[0].status == APPLIED and replay.lines[0].fine == 0
    with desk.library.sessions() as session:
        assert session.scalars(select(Charge)).all() == []


def test_a_fine_caused_only_by_late_keying_is_waived_with_its_reason(
        desk: Desk, replay_desk: ReplayCirculation, clock: FakeClock) -> None:
    clock.now = at(2, 10)
    desk.main.checkout("P001", "B001")                  # due 2 December, NT$5 a day
    desk.main.checkout("P002", "B002")
    clock.set(2026, 12, 8, 9)
    slips = [entry("checkin", "B001", datetime(2026, 12, 2, 15, 0, tzinfo=TAIPEI), slip="R-1"),
             entry("checkin", "B002", datetime(2026, 12, 4, 15, 0, tzinfo=TAIPEI), slip="R-2")]
    replay = Replay(replay_desk, slips, supervisor=desk.boss, returns_at_key_in=True)
    replay.run()
    on_time, late = replay.lines
    assert on_time.status == APPLIED and on_time.fine == 0 and on_time.waived == 30
    assert late.fine == 10 and late.waived == 20    # 2 days really late, 4 caused by keying
    with desk.library.sessions() as session:
        waivers = session.scalars(select(Waiver).order_by(Waiver.id)).all()
        assert [w.amount for w in waivers] == [30, 20]
        assert all("R-" in w.reason and "5.8.3.4" in w.reason for w in waivers)
        assert all(w.supervisor_id == desk.boss.id for w in waivers)
        assert session.scalars(select(AuditEvent).where(AuditEvent.action == "waive")).all()
    with pytest.raises(ValueError):
        Replay(replay_desk, slips, returns_at_key_in=True)


def test_an_old_outage_file_is_judged_as_of_each_slip_not_as_of_today(
        desk: Desk, replay_desk: ReplayCirculation, clock: FakeClock) -> None:
    """A .koc file keyed in months later: its second checkout is not held because the first
    loan, made by the same file, is overdue *today*; it was not overdue at the slip's time."""
    clock.now = datetime(2027, 3, 1, 9, 0, tzinfo=TAIPEI)
    replay = Replay(replay_desk, [entry("checkout", "B001", at(2, 10), "P001", source="koc"),
                                  entry("checkout", "B002", at(2, 10, 5), "P001", source="koc")])
    replay.run()
    assert [line.status for line in replay.lines] == [APPLIED, APPLIED]
    assert [line.codes for line in replay.lines] == [[], []]
    assert _loan(desk, "B002").out_at == at(2, 10, 5)


def test_an_old_slip_still_sees_what_changed_since_as_a_conflict(
        desk: Desk, replay_desk: ReplayCirculation, clock: FakeClock) -> None:
    clock.now = at(20, 9)
    desk.main.checkout("P002", "B003")              # lent meanwhile at another desk
    clock.now = datetime(2027, 3, 1, 9, 0, tzinfo=TAIPEI)
    replay = Replay(replay_desk, [entry("checkout", "B001", at(2, 10), "P001", source="koc"),
                                  entry("checkout", "B003", at(2, 10, 5), "P001", source="koc")])
    replay.run()
    assert [line.status for line in replay.lines] == [APPLIED, NEEDS_DECISION]
    assert replay.lines[1].codes == ["overtaken"]


def test_a_slip_is_judged_against_the_record_at_its_time(
        desk: Desk, replay_desk: ReplayCirculation, clock: FakeClock) -> None:
    """An item already overdue at the slip's time still holds the slip for a decision."""
    clock.now = at(2, 9)
    desk.main.checkout("P001", "B001")             # due 2 December
    clock.now = datetime(2027, 3, 1, 9, 0, tzinfo=TAIPEI)
    replay = Replay(replay_desk, [entry("checkout", "B002", at(20, 10), "P001", source="koc")])
    replay.run()
    assert [line.status for line in replay.lines] == [APPLIED]
    late = Replay(replay_desk, [entry("checkout", "B005", datetime(2026, 12, 10, 10, 0,
                                                                   tzinfo=TAIPEI), "P001",
                                      source="koc")])
    late.run()
    assert late.lines[0].status == NEEDS_DECISION
    assert late.lines[0].codes == ["patron_has_overdue"]
