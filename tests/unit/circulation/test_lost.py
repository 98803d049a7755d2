"""Lost items (SOP 5.9): deadlines, settlement by replacement or payment, late charges, found."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from desk.circulation import CirculationRefused
from desk.circulation.lost import add_months
from desk.models import Charge, Item, LostClaim
from tests.support.clock import FakeClock
from tests.support.small_library import Desk


def charges(desk: Desk) -> dict[str, int]:
    with desk.library.sessions() as s:
        return {c.kind: c.amount for c in s.scalars(select(Charge))}


def claim(desk: Desk) -> LostClaim:
    with desk.library.sessions() as s:
        return s.scalars(select(LostClaim)).one()


def test_deadline_one_month_domestic_three_months_foreign(desk: Desk, clock: FakeClock) -> None:
    desk.main.checkout("P001", "B001")
    desk.main.checkout("P001", "F001")
    clock.set(2026, 11, 30)
    desk.main.declare_lost("B001")
    desk.main.declare_lost("F001")
    with desk.library.sessions() as s:
        deadlines = {c.item_id: c.deadline for c in s.scalars(select(LostClaim))}
        ids = dict(s.execute(select(Item.barcode, Item.id)).all())
    assert deadlines[ids["B001"]] == date(2026, 12, 30)
    assert deadlines[ids["F001"]] == date(2027, 2, 28)  # 30 Feb does not exist
    with pytest.raises(CirculationRefused) as error:
        desk.main.declare_lost("B001")
    assert error.value.codes == ["lost_claim_exists"]


def test_replacement_within_deadline_costs_handling_fee_only(desk: Desk, clock: FakeClock) -> None:
    desk.main.checkout("P001", "B001")   # due 2026-12-02
    clock.set(2026, 11, 20)
    desk.main.declare_lost("B001")
    clock.set(2026, 12, 10)               # past the due date, within the deadline
    desk.main.settle_lost("B001", "replacement")
    assert charges(desk) == {"lost_handling_fee": 100}
    assert claim(desk).status == "replaced"


def test_payment_after_deadline_adds_capped_late_charge(desk: Desk, clock: FakeClock) -> None:
    desk.main.checkout("P001", "B001")    # due 2026-12-02
    clock.set(2026, 12, 12)
    desk.main.declare_lost("B001")        # 10 days overdue at the claim: billed
    clock.set(2027, 1, 22)                # deadline 2027-01-12: 10 days late
    desk.main.settle_lost("B001", "payment")
    assert charges(desk) == {"billed_overdue": 50, "lost_compensation": 400, "lost_late": 50}
    clock.set(2028, 1, 1)
    desk.main.checkout("P003", "B002")
    desk.main.declare_lost("B002")
    clock.set(2029, 1, 1)                 # about 330 days past the deadline
    charge_ids = desk.main.settle_lost("B002", "replacement")
    with desk.library.sessions() as s:
        made = {c.kind: c.amount for c in s.scalars(select(Charge).where(Charge.id.in_(charge_ids)))}
    assert made == {"lost_handling_fee": 100, "lost_late": 1000}


def test_overdue_claim_past_deadline_blocks_borrowing(desk: Desk, clock: FakeClock) -> None:
    desk.main.checkout("P001", "B001")
    desk.main.declare_lost("B001")
    clock.set(2026, 12, 3)
    with pytest.raises(CirculationRefused) as error:
        desk.main.checkout("P001", "B002")
    assert "patron_lost_item_pending" in error.value.codes


def test_found_item_voids_claim_and_charges_real_fine(desk: Desk, clock: FakeClock) -> None:
    desk.main.checkout("P001", "B001")    # due 2026-12-02
    clock.set(2026, 12, 4)
    desk.main.declare_lost("B001")
    clock.set(2026, 12, 10)
    result = desk.main.checkin("B001")
    assert [n.code for n in result.notices] == ["lost_item_found", "fine_charged"]
    assert result.fine == 40 and claim(desk).status == "void"
    assert charges(desk) == {"overdue": 40}


@pytest.mark.parametrize("start,months,end", [
    (date(2026, 1, 31), 1, date(2026, 2, 28)), (date(2026, 11, 15), 3, date(2027, 2, 15)),
    (date(2024, 1, 31), 1, date(2024, 2, 29))])
def test_add_months(start: date, months: int, end: date) -> None:
    assert add_months(start, months) == end
