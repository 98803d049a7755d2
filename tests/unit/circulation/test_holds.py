"""Holds (SOP 5.6): placing, temporary holds, clearing the holds shelf per location."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from desk.circulation import CirculationRefused
from desk.circulation.holds import mask_name
from desk.models import Hold, Item
from tests.support.clock import FakeClock
from tests.support.small_library import Desk


def statuses(desk: Desk) -> dict[int, str]:
    with desk.library.sessions() as s:
        return {h.id: h.status for h in s.scalars(select(Hold))}


def item_status(desk: Desk, barcode: str) -> str:
    with desk.library.sessions() as s:
        return s.scalars(select(Item.status).where(Item.barcode == barcode)).one()


def test_hold_refusals(desk: Desk) -> None:
    desk.main.checkout("P001", "B001")
    for patron, code in [("P005", "holds_not_allowed"), ("P004", "patron_expired"),
                         ("P001", "hold_on_own_loan")]:
        with pytest.raises(CirculationRefused) as error:
            desk.main.place_hold(patron, "B001")
        assert error.value.codes == [code]
    desk.main.place_hold("P002", "B001")
    with pytest.raises(CirculationRefused) as error:
        desk.main.place_hold("P002", "B001")
    assert error.value.codes == ["hold_exists"]
    with pytest.raises(CirculationRefused) as error:
        desk.main.place_hold("P003", "B001", pickup_location="NOWHERE")
    assert error.value.codes == ["location_not_found"]


def test_clear_shelf_after_seven_open_days(any_desk: Desk, clock: FakeClock) -> None:
    any_desk.library.set_closed_days("MAIN", [date(2026, 11, 7), date(2026, 11, 8)])
    for item in ("B001", "B002", "B003"):
        any_desk.main.checkout("P003", item)
    first = any_desk.main.place_hold("P001", "B001")
    any_desk.main.place_hold("P002", "B001")   # next in line for B001
    any_desk.main.place_hold("P002", "B002")
    any_desk.main.place_hold("P001", "B003", pickup_location="LAW")
    any_desk.main.checkin("B001")
    any_desk.main.checkin("B002")
    # 7 open days from Mon 2 Nov, weekend closed: deadline Wed 11 Nov 23:59
    clock.set(2026, 11, 11, 20)
    assert any_desk.main.clear_holds_shelf("MAIN").expired == []
    clock.set(2026, 11, 12, 9)
    result = any_desk.main.clear_holds_shelf("MAIN")
    assert sorted(result.expired) == ["B001", "B002"]
    assert result.retrapped == ["B001"] and result.to_reshelve == ["B002"]
    assert statuses(any_desk)[first] == "expired"
    assert item_status(any_desk, "B001") == "on_holds_shelf"
    assert item_status(any_desk, "B002") == "holds_cleared"
    # staff scan the pulled book: back in circulation, no problem-register entry
    back = any_desk.main.checkin("B002")
    assert back.route == "shelve" and back.notices == []
    assert item_status(any_desk, "B002") == "available"


def test_temporary_hold_until_next_open_days_close(desk: Desk, clock: FakeClock) -> None:
    desk.library.set_closed_days("MAIN", [date(2026, 11, 3)])
    hold_id = desk.main.temporary_hold("P004", "B001")
    with desk.library.sessions() as s:
        hold = s.get(Hold, hold_id)
        assert hold.kind == "temporary"
        assert hold.shelf_expires_at.astimezone(clock.now.tzinfo).date() == date(2026, 11, 4)
    with pytest.raises(CirculationRefused):
        desk.main.checkout("P001", "B001")
    clock.set(2026, 11, 5)
    assert desk.main.clear_holds_shelf("MAIN").to_reshelve == ["B001"]


def test_cancel_hold_releases_the_copy(desk: Desk) -> None:
    desk.main.checkout("P001", "B001")
    hold_id = desk.main.place_hold("P002", "B001")
    desk.main.checkin("B001")
    desk.main.cancel_hold(hold_id)
    assert item_status(desk, "B001") == "holds_cleared"
    with pytest.raises(CirculationRefused) as error:
        desk.main.cancel_hold(hold_id)
    assert error.value.codes == ["hold_not_found"]


@pytest.mark.parametrize("name,masked", [("陳小明", "陳○明"), ("王明", "王○"),
                                         ("歐陽小華", "歐○○華"), ("A", "A")])
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked
