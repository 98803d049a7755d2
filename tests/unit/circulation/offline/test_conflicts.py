"""Every conflict kind is shown for a decision, never applied blindly nor dropped."""

from __future__ import annotations

from sqlalchemy import select

from desk.circulation.offline.apply import ReplayCirculation
from desk.circulation.offline.replay import APPLIED, DISCARDED, NEEDS_DECISION, SKIPPED, Replay
from desk.models import Item, Loan, OfflineTransaction, Patron, ProblemEntry
from tests.support.clock import FakeClock
from tests.support.small_library import Desk
from tests.unit.circulation.offline.conftest import at, entry


def _run(replay_desk: ReplayCirculation, *entries) -> Replay:  # noqa: ANN002
    replay = Replay(replay_desk, entries)
    replay.run()
    return replay


def test_return_of_an_item_never_lent(desk: Desk, replay_desk: ReplayCirculation,
                                      clock: FakeClock) -> None:
    clock.now = at(2, 16)
    replay = _run(replay_desk, entry("checkin", "B001", at(2, 11)))
    line = replay.lines[0]
    assert line.status == NEEDS_DECISION and line.codes == ["return_without_loan"]
    assert "B001" in line.message
    replay.decide([1], apply=True, supervisor=desk.boss, reason="shelve it, log the problem")
    assert line.status == APPLIED
    with desk.library.sessions() as session:
        assert session.scalars(select(ProblemEntry.item_barcode)).all() == ["B001"]


def test_two_slips_lending_one_item(desk: Desk, replay_desk: ReplayCirculation,
                                    clock: FakeClock) -> None:
    clock.now = at(2, 16)
    replay = _run(replay_desk, entry("checkout", "B001", at(2, 10), "P001", slip="S-1"),
                  entry("checkout", "B001", at(2, 10, 30), "P002", slip="S-2"))
    first, second = replay.lines
    assert first.status == APPLIED
    assert second.status == NEEDS_DECISION and second.codes == ["duplicate_item"]
    assert "S-1" in second.message and "S-2" in second.message
    replay.decide([2], apply=False, supervisor=desk.boss, reason="S-2 was written in error")
    assert second.status == DISCARDED


def test_two_return_slips_for_one_item(desk: Desk, replay_desk: ReplayCirculation,
                                       clock: FakeClock) -> None:
    clock.now = at(2, 9)
    desk.main.checkout("P001", "B001")
    clock.now = at(2, 16)
    replay = _run(replay_desk, entry("checkin", "B001", at(2, 10)),
                  entry("checkin", "B001", at(2, 11)))
    assert replay.lines[0].status == APPLIED
    assert set(replay.lines[1].codes) == {"duplicate_item", "return_without_loan"}


def test_slip_dated_in_the_future(desk: Desk, replay_desk: ReplayCirculation,
                                  clock: FakeClock) -> None:
    clock.now = at(2, 16)
    replay = _run(replay_desk, entry("checkout", "B001", at(12, 10), "P001"))
    line = replay.lines[0]
    assert line.status == NEEDS_DECISION and line.codes == ["slip_in_future"]
    with desk.library.sessions() as session:
        assert session.scalars(select(Loan)).all() == []
    replay.decide([1], apply=True, supervisor=desk.boss, reason="date miswritten: 2 Nov")
    assert line.status == APPLIED
    with desk.library.sessions() as session:
        loan = session.scalars(select(Loan)).one()
        assert loan.out_at == at(2, 16)                  # dated when it was keyed in


def test_checkout_overtaken_by_a_later_online_loan(desk: Desk, replay_desk: ReplayCirculation,
                                                   clock: FakeClock) -> None:
    clock.now = at(2, 12)
    desk.main.checkout("P002", "B001")                   # lent and returned online at noon
    desk.main.checkin("B001")
    clock.now = at(2, 16)
    replay = _run(replay_desk, entry("checkout", "B001", at(2, 10), "P001"))
    line = replay.lines[0]
    assert line.status == NEEDS_DECISION and line.codes == ["overtaken"]
    assert "12:00" in line.message


def test_return_overtaken_by_a_later_online_return_and_loan(
        desk: Desk, replay_desk: ReplayCirculation, clock: FakeClock) -> None:
    clock.now = at(2, 9)
    desk.main.checkout("P001", "B001")
    clock.now = at(2, 12)
    desk.main.checkin("B001")                            # returned online at noon ...
    clock.now = at(2, 13)
    desk.main.checkout("P002", "B001")                   # ... and lent again
    clock.now = at(2, 16)
    replay = _run(replay_desk, entry("checkin", "B001", at(2, 10)))
    line = replay.lines[0]
    assert line.status == NEEDS_DECISION and line.codes == ["overtaken"]
    replay.decide([1], apply=False, supervisor=desk.boss, reason="already handled online")
    with desk.library.sessions() as session:
        holder = session.scalars(select(Patron.barcode).join(Loan, Loan.patron_id == Patron.id)
                                 .join(Item, Loan.item_id == Item.id).where(
            Item.barcode == "B001", Loan.returned_at.is_(None))).one()
        assert holder == "P002"                       # P002's online loan is untouched


def test_checkout_overtaken_by_an_item_declared_lost(desk: Desk, replay_desk: ReplayCirculation,
                                                     clock: FakeClock) -> None:
    clock.now = at(2, 9)
    desk.main.checkout("P001", "B001")
    clock.now = at(2, 12)
    desk.main.declare_lost("B001")
    clock.now = at(2, 16)
    replay = _run(replay_desk, entry("checkin", "B001", at(2, 10)))
    assert replay.lines[0].codes == ["overtaken"]
    assert "lost" in replay.lines[0].message


def test_a_transaction_replayed_from_another_desk_overtakes_by_its_own_time(
        desk: Desk, replay_desk: ReplayCirculation, clock: FakeClock) -> None:
    clock.now = at(2, 16)
    law = entry("checkout", "B001", at(2, 14), "P002", desk="LAW-1")
    _run(replay_desk, law)
    clock.now = at(2, 17)
    late = _run(replay_desk, entry("checkout", "B001", at(2, 10), "P001", desk="MAIN-1"))
    assert late.lines[0].codes == ["overtaken"]
    again = _run(replay_desk, law, entry("checkin", "B001", at(2, 15), desk="LAW-1"))
    assert [line.status for line in again.lines] == [SKIPPED, APPLIED]


def test_nothing_needing_a_decision_is_recorded_as_done(
        desk: Desk, replay_desk: ReplayCirculation, clock: FakeClock) -> None:
    clock.now = at(2, 16)
    _run(replay_desk, entry("checkin", "B001", at(2, 11)), entry("checkout", "B001", at(9, 1), "P001"))
    with desk.library.sessions() as session:
        assert session.scalars(select(OfflineTransaction)).all() == []
