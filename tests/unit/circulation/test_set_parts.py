"""Sets of pieces (``Item.parts``): an RFID checkout that counted fewer pieces than the item
has is refused with ``set_incomplete``, which a supervisor may override; a count is optional."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from desk.circulation import CirculationRefused, Override
from desk.circulation.offline.desk import OfflineDesk
from desk.circulation.offline.journal import Journal
from desk.circulation.offline.snapshot import Snapshot, refresh_snapshot
from desk.circulation.validation import InvalidArgument
from desk.models import Item, Loan
from tests.support.clock import TAIPEI, FakeClock
from tests.support.small_library import Desk


def loans(desk: Desk) -> int:
    with desk.library.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(Loan)) or 0)


def test_a_set_with_a_piece_missing_is_refused_until_overridden(any_desk: Desk) -> None:
    any_desk.library.add_item("S001", "Language course (book + 2 CDs)", location="MAIN",
                              parts=3)
    with pytest.raises(CirculationRefused) as refused:
        any_desk.main.checkout("P001", "S001", parts_seen=2)
    [reason] = refused.value.reasons
    assert (reason.code, reason.overridable) == ("set_incomplete", True)
    assert "3" in reason.message and "2" in reason.message
    assert loans(any_desk) == 0
    result = any_desk.main.checkout("P001", "S001", parts_seen=2, override=Override(
        {"set_incomplete"}, any_desk.boss, "CD 2 at the AV desk"))
    assert result.loan_id


@pytest.mark.parametrize("seen", [None, 3, 4])
def test_every_piece_or_no_count_lends(any_desk: Desk, seen: int | None) -> None:
    any_desk.library.add_item("S001", "Boxed set", location="MAIN", parts=3)
    assert any_desk.main.checkout("P001", "S001", parts_seen=seen).loan_id


def test_a_single_item_counted_once_lends(any_desk: Desk) -> None:
    assert any_desk.main.checkout("P001", "B001", parts_seen=1).loan_id
    with any_desk.library.sessions() as s:
        assert s.scalars(select(Item.parts).where(Item.barcode == "B001")).one() == 1


@pytest.mark.parametrize("parts", [0, 256, "3", True])
def test_bad_parts_are_refused(any_desk: Desk, parts: object) -> None:
    with pytest.raises((InvalidArgument, ValueError)):
        any_desk.library.add_item("S002", "Bad set", location="MAIN", parts=parts)


@pytest.mark.parametrize("seen", [-1, 256, "2", 1.5])
def test_bad_counts_are_refused_and_change_nothing(any_desk: Desk, seen: object) -> None:
    with pytest.raises((InvalidArgument, CirculationRefused, ValueError)):
        any_desk.main.checkout("P001", "B001", parts_seen=seen)  # type: ignore[arg-type]
    assert loans(any_desk) == 0


def test_the_offline_desk_warns_of_a_set_with_a_piece_missing(desk: Desk, tmp_path: Path,
                                                              clock: FakeClock) -> None:
    desk.library.add_item("S001", "Boxed set", location="MAIN", parts=3)
    refresh_snapshot(desk.library, tmp_path / "snap.sqlite")
    offline = OfflineDesk(Journal(tmp_path / "journal.jsonl", "MAIN-1"), clock=clock, tz=TAIPEI,
                          staff="clerk", snapshot=Snapshot(tmp_path / "snap.sqlite"))
    # offline lends and warns of what the online rules would refuse, the same decision
    result = offline.checkout("P001", "S001", parts_seen=2)
    assert "set_incomplete" in [n.code for n in result.warnings]
    assert "set_incomplete" not in [
        n.code for n in offline.checkout("P003", "B001", parts_seen=1).warnings]
