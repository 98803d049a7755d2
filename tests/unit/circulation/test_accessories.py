"""Accessories at return (SOP 5.3.6): handed back at the counter, never through the book drop.

A checkin of an item with accessories carries the ``accessories`` notice naming them; the desk
records accessories missing at return (to staff, problem register, audit); a book-drop return of
such an item goes to staff for the check instead of the shelf.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from desk.circulation import CirculationRefused
from desk.circulation.offline.desk import FailoverDesk, OfflineDesk
from desk.circulation.offline.journal import Journal
from desk.circulation.offline.snapshot import Snapshot, refresh_snapshot
from desk.models import AuditEvent, Hold, Item, Loan, ProblemEntry
from tests.support.clock import TAIPEI, FakeClock
from tests.support.small_library import Desk


def item_row(desk: Desk, barcode: str) -> tuple[str, str | None]:
    with desk.library.sessions() as s:
        item = s.scalars(select(Item).where(Item.barcode == barcode)).one()
        return item.status, item.staff_flag


def problems(desk: Desk) -> list[tuple[str, str, str]]:
    with desk.library.sessions() as s:
        return [(p.item_barcode, p.code, p.note)
                for p in s.scalars(select(ProblemEntry).order_by(ProblemEntry.id))]


def test_a_checkin_names_the_accessories(any_desk: Desk) -> None:
    any_desk.main.checkout("P001", "C001")
    any_desk.main.checkout("P001", "B001")
    result = any_desk.main.checkin("C001")
    assert result.route == "shelve"
    assert [n.code for n in result.notices] == ["accessories"]
    assert "1 CD-ROM" in result.notices[0].message
    assert result.accessories == "1 CD-ROM"
    plain = any_desk.main.checkin("B001")
    assert plain.accessories is None and plain.notices == []


def test_accessories_missing_goes_to_staff_with_a_register_entry_and_audit(
        any_desk: Desk) -> None:
    any_desk.main.checkout("P001", "C001")
    any_desk.main.checkin("C001")
    done = any_desk.main.accessories_missing("C001", " 1 CD-ROM ", note="case came back empty")
    assert done.item_barcode == "C001" and done.missing == "1 CD-ROM"
    assert [n.code for n in done.notices] == ["accessories_missing"]
    assert item_row(any_desk, "C001") == ("available", "accessories_missing")
    [(barcode, code, note)] = problems(any_desk)
    assert (barcode, code) == ("C001", "accessories_missing")
    assert "1 CD-ROM" in note and "case came back empty" in note
    with any_desk.library.sessions() as s:
        event = s.scalars(select(AuditEvent).where(
            AuditEvent.action == "accessories_missing")).one()
        assert (event.outcome, event.item_barcode) == ("done", "C001")
        assert event.detail["missing"] == "1 CD-ROM"
    # Lent again (staff's decision), it comes back to staff until the case is settled.
    any_desk.main.checkout("P002", "C001")
    again = any_desk.main.checkin("C001")
    assert again.route == "staff"
    assert "accessories_missing" in [n.code for n in again.notices]


def test_accessories_missing_takes_a_trapped_copy_off_the_holds_shelf(desk: Desk) -> None:
    desk.main.checkout("P001", "C001")
    desk.main.place_hold("P002", "C001")
    assert desk.main.checkin("C001").route == "holds_shelf"
    done = desk.main.accessories_missing("C001", "1 CD-ROM")
    assert done.hold_released is not None
    assert item_row(desk, "C001") == ("available", "accessories_missing")
    with desk.library.sessions() as s:
        hold = s.scalars(select(Hold)).one()
        assert (hold.status, hold.item_id, hold.shelf_expires_at) == ("pending", None, None)


@pytest.mark.parametrize(("barcode", "missing", "code"), [
    ("ZZ99", "1 CD-ROM", "item_not_found"),
    ("C001", "   ", "accessories_missing_text"),
    ("C001", "x" * 201, "accessories_missing_text"),
    ("B001", "a charger", "accessories_none_recorded"),
])
def test_bad_input_is_refused_and_changes_nothing(desk: Desk, barcode: str, missing: str,
                                                  code: str) -> None:
    with pytest.raises(CirculationRefused) as refused:
        desk.main.accessories_missing(barcode, missing)
    assert refused.value.codes == [code]
    assert str(refused.value)                       # a clear message, not the code
    assert code not in str(refused.value)
    assert problems(desk) == []
    assert item_row(desk, "C001") == ("available", None)


def test_accessories_missing_of_an_item_on_loan_is_refused(desk: Desk) -> None:
    desk.main.checkout("P001", "C001")
    with pytest.raises(CirculationRefused) as refused:
        desk.main.accessories_missing("C001", "1 CD-ROM")
    assert refused.value.codes == ["item_checked_out"]
    assert problems(desk) == [] and item_row(desk, "C001") == ("on_loan", None)


def test_a_long_note_is_refused(desk: Desk) -> None:
    desk.main.checkout("P001", "C001")
    desk.main.checkin("C001")
    with pytest.raises(CirculationRefused) as refused:
        desk.main.accessories_missing("C001", "1 CD-ROM", note="n" * 1001)
    assert refused.value.codes == ["note_too_long"]
    assert problems(desk) == []


def test_book_drop_return_with_accessories_goes_to_staff(any_desk: Desk,
                                                         clock: FakeClock) -> None:
    any_desk.main.checkout("P001", "C001")
    any_desk.main.place_hold("P002", "C001")
    clock.advance(days=1)
    returned_at = any_desk.main.bookdrop_returned_at()
    result = any_desk.main.checkin("C001", returned_at=returned_at, bookdrop=True)
    assert result.route == "staff" and result.hold_id is None
    codes = [n.code for n in result.notices]
    assert "accessories_bookdrop" in codes and "hold_trapped" not in codes
    assert "1 CD-ROM" in result.notices[codes.index("accessories_bookdrop")].message
    with any_desk.library.sessions() as s:
        loan = s.scalars(select(Loan)).one()
        assert loan.returned_at is not None                 # the return is recorded
    assert item_row(any_desk, "C001") == ("available", "accessories_check")
    # Staff check the accessories at the counter: a checkin that routes it as usual, with
    # the accessories named and no "was not on loan" noise.
    counter = any_desk.main.checkin("C001")
    assert counter.route == "holds_shelf"
    codes = [n.code for n in counter.notices]
    assert "accessories" in codes and "not_on_loan" not in codes
    assert item_row(any_desk, "C001") == ("on_holds_shelf", None)
    assert problems(any_desk) == []


def test_book_drop_return_without_accessories_is_routed_as_usual(desk: Desk) -> None:
    desk.main.checkout("P001", "B001")
    result = desk.main.checkin("B001", returned_at=desk.main.bookdrop_returned_at(),
                               bookdrop=True)
    assert (result.route, result.notices) == ("shelve", [])
    assert item_row(desk, "B001") == ("available", None)


def test_hold_notices_mask_the_name(desk: Desk) -> None:
    desk.main.checkout("P001", "B002")
    desk.main.place_hold("P003", "B002")               # Prof. Lee
    result = desk.main.checkin("B002")
    assert result.route == "holds_shelf"
    assert result.hold_patron_shown == "P○○○○○○○e"
    for notice in result.notices:
        assert "Prof. Lee" not in notice.message
    assert any("P○○○○○○○e" in n.message for n in result.notices)
    again = desk.main.checkin("B002")                  # already on the holds shelf
    assert [n.code for n in again.notices] == ["already_on_holds_shelf"]
    assert "Prof. Lee" not in again.notices[0].message
    desk.main.checkout("P001", "B003")
    desk.main.place_hold("P002", "B003", pickup_location="LAW")
    transit = desk.main.checkin("B003")
    assert transit.route == "transit"
    assert all("王大同" not in n.message for n in transit.notices)
    assert any("王○同" in n.message for n in transit.notices)


def test_the_offline_desk_names_the_accessories(desk: Desk, tmp_path: Path,
                                                clock: FakeClock) -> None:
    desk.main.checkout("P001", "C001")
    refresh_snapshot(desk.library, tmp_path / "snap.sqlite")
    offline = OfflineDesk(Journal(tmp_path / "journal.jsonl", "MAIN-1"), clock=clock, tz=TAIPEI,
                          staff="clerk", snapshot=Snapshot(tmp_path / "snap.sqlite"))
    result = offline.checkin("C001")
    assert [n.code for n in result.notices] == ["accessories"]
    assert result.accessories == "1 CD-ROM"
    assert offline.checkin("B001").accessories is None
    drop = offline.checkin("C001", returned_at=clock(), bookdrop=True)   # accepted offline too
    assert drop.offline
    failover = FailoverDesk(desk.main, offline)
    failover.go_offline("test")
    with pytest.raises(CirculationRefused) as refused:
        failover.accessories_missing("C001", "1 CD-ROM")
    assert refused.value.codes == ["offline_suspended"]
    assert problems(desk) == []


def test_accessories_missing_text_is_clear_in_both_languages(desk: Desk) -> None:
    from desk import wording
    desk.main.checkout("P001", "C001")
    desk.main.checkin("C001")
    wording.set_language("zh_TW")
    try:
        done = desk.main.accessories_missing("C001", "光碟1片")
    finally:
        wording.set_language("en")
    assert "附件" in done.notices[0].message


def test_settling_missing_accessories_ends_the_staff_routing(desk: Desk) -> None:
    desk.main.checkout("P001", "C001")
    desk.main.checkin("C001")
    with pytest.raises(CirculationRefused) as refused:
        desk.main.accessories_settled("C001")            # nothing recorded yet
    assert refused.value.codes == ["accessories_not_missing"]
    desk.main.accessories_missing("C001", "1 CD-ROM")
    assert desk.main.accessories_settled("C001", note="patron brought the CD") == 1
    assert item_row(desk, "C001") == ("available", None)
    with desk.library.sessions() as s:
        entry = s.scalars(select(ProblemEntry)).one()
        assert entry.resolved_at is not None and "patron brought the CD" in entry.note
        assert [e.outcome for e in s.scalars(select(AuditEvent).where(
            AuditEvent.action == "accessories_settled").order_by(AuditEvent.id))] == [
            "refused", "done"]
    desk.main.checkout("P002", "C001")
    assert desk.main.checkin("C001").route == "shelve"


def test_a_book_drop_return_journalled_offline_replays_to_staff(desk: Desk,
                                                                clock: FakeClock) -> None:
    import dataclasses

    from desk.circulation.offline.apply import ReplayCirculation
    from desk.circulation.offline.replay import APPLIED, Replay
    from tests.unit.circulation.offline.conftest import at, entry
    clock.now = at(2, 10)
    desk.main.checkout("P001", "C001")
    clock.now = at(3, 10)
    drop = dataclasses.replace(entry("checkin", "C001", at(3, 9)), note="bookdrop")
    replay = Replay(ReplayCirculation(desk.library, "MAIN-1", desk.clerk), [drop])
    replay.run()
    assert replay.lines[0].status == APPLIED
    assert item_row(desk, "C001") == ("available", "accessories_check")
