"""Checkin (SOP 5.5): fines, routes, transit, holds shelf, book drop, problem register."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from desk.circulation import CirculationRefused
from desk.models import Charge, Hold, Item, ProblemEntry
from tests.support.clock import TAIPEI, FakeClock
from tests.support.small_library import Desk


def item_status(desk: Desk, barcode: str) -> str:
    with desk.library.sessions() as s:
        return s.scalars(select(Item.status).where(Item.barcode == barcode)).one()


def test_on_time_return_shelves_without_fine(any_desk: Desk, clock: FakeClock) -> None:
    any_desk.main.checkout("P001", "B001")
    clock.advance(days=10)
    result = any_desk.main.checkin("B001")
    assert (result.route, result.fine, result.notices) == ("shelve", 0, [])
    assert result.patron_barcode == "P001" and item_status(any_desk, "B001") == "available"


def test_late_return_charges_fine_per_open_day(desk: Desk, clock: FakeClock) -> None:
    desk.library.set_closed_days("MAIN", [date(2026, 12, 5), date(2026, 12, 6)])
    desk.main.checkout("P001", "B001")  # due 2026-12-02
    clock.set(2026, 12, 9)
    result = desk.main.checkin("B001")
    assert result.fine == 5 * 5  # 3, 4, (5, 6 closed), 7, 8, 9
    assert [n.code for n in result.notices] == ["fine_charged"]
    with desk.library.sessions() as s:
        charge = s.scalars(select(Charge)).one()
        assert (charge.kind, charge.amount) == ("overdue", 25)
        assert "5 day(s) late" in charge.description


def test_fine_cap_and_grace_days(desk: Desk, clock: FakeClock) -> None:
    desk.main.checkout("P001", "B001")
    desk.main.checkout("P003", "B002")  # faculty: 90 days, 2 grace days
    clock.set(2027, 6, 1)
    assert desk.main.checkin("B001").fine == 500  # capped
    clock.set(2027, 1, 31)
    desk.main.checkout("P003", "B003")
    clock.set(2027, 5, 3)  # due 2027-05-01: 2 days late, within grace
    assert desk.main.checkin("B003").fine == 0


def test_hourly_loan_fine_per_started_hour(desk: Desk, clock: FakeClock) -> None:
    desk.main.checkout("P001", "R001")
    clock.advance(hours=3, minutes=10)
    assert desk.main.checkin("R001").fine == 2 * 20


def test_other_location_goes_in_transit(any_desk: Desk) -> None:
    any_desk.main.checkout("P001", "L001")
    result = any_desk.main.checkin("L001")
    assert (result.route, result.destination) == ("transit", "法學分館")
    assert [n.code for n in result.notices] == ["other_location"]
    assert item_status(any_desk, "L001") == "in_transit"
    arrival = any_desk.law.checkin("L001")
    assert arrival.route == "shelve" and item_status(any_desk, "L001") == "available"


def test_withdrawn_area_goes_to_staff(desk: Desk) -> None:
    desk.main.checkout("P001", "W001")
    result = desk.main.checkin("W001")
    assert result.route == "staff" and [n.code for n in result.notices] == ["withdrawn_area"]


def test_not_on_loan_is_logged_in_problem_register(any_desk: Desk) -> None:
    result = any_desk.main.checkin("B005")
    assert result.route == "shelve" and [n.code for n in result.notices] == ["not_on_loan"]
    with any_desk.library.sessions() as s:
        entry = s.scalars(select(ProblemEntry)).one()
        assert (entry.item_barcode, entry.code, entry.desk_code) == ("B005", "not_on_loan", "MAIN-1")


def test_return_fills_hold_and_goes_to_holds_shelf(any_desk: Desk, clock: FakeClock) -> None:
    any_desk.main.checkout("P001", "B100")
    hold_id = any_desk.main.place_hold("P002", "B100")
    result = any_desk.main.checkin("B100")
    assert (result.route, result.hold_id, result.hold_patron_barcode) == (
        "holds_shelf", hold_id, "P002")
    assert [n.code for n in result.notices] == ["hold_trapped"]
    # 7 open days from Monday 2 November 2026
    assert result.shelf_expires_at == datetime(2026, 11, 9, 23, 59, tzinfo=TAIPEI)
    assert item_status(any_desk, "B100") == "on_holds_shelf"
    # only the patron it waits for may take it
    with pytest.raises(CirculationRefused) as error:
        any_desk.main.checkout("P003", "B100")
    assert error.value.codes == ["item_on_hold_for_other"]
    loan = any_desk.main.checkout("P002", "B100")
    assert loan.hold_filled == hold_id
    with any_desk.library.sessions() as s:
        assert s.get(Hold, hold_id).status == "fulfilled"


def test_hold_for_other_pickup_location_goes_in_transit(desk: Desk) -> None:
    desk.main.checkout("P001", "B100")
    hold_id = desk.main.place_hold("P002", "B100", pickup_location="LAW")
    result = desk.main.checkin("B100")
    assert (result.route, result.destination) == ("transit", "法學分館")
    arrival = desk.law.checkin("B100")
    assert (arrival.route, arrival.hold_id) == ("holds_shelf", hold_id)


def test_book_drop_backdates_to_previous_open_day(desk: Desk, clock: FakeClock) -> None:
    desk.library.set_closed_days("MAIN", [date(2026, 12, 5), date(2026, 12, 6)])
    desk.main.checkout("P001", "B001")  # due Wed 2026-12-02
    clock.set(2026, 12, 7, 8, 30)  # Monday morning after a closed weekend
    assert desk.main.bookdrop_date() == date(2026, 12, 4)
    result = desk.main.checkin("B001", returned_at=desk.main.bookdrop_returned_at())
    assert result.fine == 2 * 5  # 3 and 4 December, not the weekend or today


def test_return_time_in_the_future_is_refused(desk: Desk, clock: FakeClock) -> None:
    desk.main.checkout("P001", "B001")
    with pytest.raises(CirculationRefused) as error:
        desk.main.checkin("B001", returned_at=datetime(2030, 1, 1, tzinfo=TAIPEI))
    assert error.value.codes == ["returned_at_in_future"]
    assert item_status(desk, "B001") == "on_loan"


def test_a_course_reserve_goes_back_to_the_reserve_shelf(any_desk: Desk) -> None:
    any_desk.main.checkout("P001", "R001")
    result = any_desk.main.checkin("R001")
    assert result.route == "shelve"
    assert [n.code for n in result.notices] == ["course_reserve_shelf"]
    any_desk.main.checkout("P001", "B001")
    assert any_desk.main.checkin("B001").notices == []      # the open stacks: nothing to say


def test_which_item_types_are_course_reserves_is_a_setting(tmp_path) -> None:  # noqa: ANN001
    from desk.circulation.policy import Policy
    from desk.config import Config
    path = tmp_path / "settings.toml"
    path.write_text('reserve_item_types = ["reserve", "overnight"]\n', encoding="utf-8")
    assert Policy.from_config(Config.load(path)).reserve_item_types == ("reserve", "overnight")
    path.write_text('reserve_item_types = ["reserve", "reserve"]\n', encoding="utf-8")
    with pytest.raises(Exception, match="item type codes"):
        Config.load(path)
