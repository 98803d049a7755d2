"""An overdue fine keeps its figures (units, rate, due, returned, cap) and is told from them, in
English or Traditional Chinese; the stored English sentence is a record, never read back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone

import pytest
from sqlalchemy import select, update

from desk import wording as messages
from desk.circulation.charges import charge_detail
from desk.circulation.queries.charges import patron_charges
from desk.circulation.queries import patron_summary
from desk.models import Charge
from tests.support.clock import FakeClock
from tests.support.small_library import Desk


@pytest.fixture
def chinese() -> Iterator[None]:
    messages.set_language("zh_TW")
    yield
    messages.set_language("en")


def _fine(desk: Desk) -> Charge:
    with desk.library.read_sessions() as session:
        charge = session.scalars(select(Charge).where(Charge.kind == "overdue")).one()
        session.expunge(charge)
        return charge


def test_a_returned_overdue_loan_stores_its_fine_figures(desk: Desk, clock: FakeClock) -> None:
    desk.main.checkout("P001", "B001")               # due 2026-12-02 23:59 (15:59 UTC)
    clock.set(2026, 12, 7)
    desk.main.checkin("B001")                        # 5 open days at NT$5
    charge = _fine(desk)
    assert (charge.fine_units, charge.fine_unit, charge.fine_rate, charge.fine_capped) == (
        5, "day", 5, False)
    assert charge.fine_due_at == datetime(2026, 12, 2, 15, 59, tzinfo=timezone.utc)
    assert charge.fine_returned_at == datetime(2026, 12, 7, 2, 0, tzinfo=timezone.utc)
    assert charge.amount == charge.fine_units * charge.fine_rate


def test_an_hourly_fine_stores_hours(desk: Desk, clock: FakeClock) -> None:
    desk.main.checkout("P001", "R001")               # a 2-hour reserve, due 12:00
    clock.advance(hours=4, minutes=30)
    desk.main.checkin("R001")
    charge = _fine(desk)
    assert (charge.fine_units, charge.fine_unit) == (3, "hour")


def test_the_fine_is_told_in_chinese_from_its_fields(desk: Desk, clock: FakeClock,
                                                     chinese: None) -> None:
    desk.main.checkout("P001", "B001")
    clock.set(2026, 12, 7)
    desk.main.checkin("B001")
    with desk.library.sessions() as session:         # the sentence is only a record
        session.execute(update(Charge).values(description="B001 書名 1: (old text)"))
    line = next(line for line in patron_charges(desk.library, "P001").lines)
    assert (line.late, line.late_unit, line.due, line.returned) == (
        5, "day", "2026-12-02 23:59", "2026-12-07 10:00")
    expected = "逾期 5 天：應還 2026-12-02 23:59，歸還 2026-12-07 10:00"
    assert charge_detail(line.kind, line.description, fine=line.fine) == expected
    row = patron_summary(desk.library, "P001").charges[0]
    assert charge_detail(row.kind, row.description, fine=row.fine) == expected


def test_the_fine_is_told_in_english_from_its_fields(desk: Desk, clock: FakeClock) -> None:
    desk.main.checkout("P001", "B001")
    clock.set(2026, 12, 7)
    desk.main.checkin("B001")
    line = patron_charges(desk.library, "P001").lines[0]
    assert charge_detail(line.kind, line.description, fine=line.fine) == (
        "5 day(s) late: due 2026-12-02 23:59, returned 2026-12-07 10:00")


def test_a_lost_item_charge_names_its_item_from_the_item(desk: Desk, clock: FakeClock) -> None:
    desk.main.checkout("P003", "B003")
    clock.set(2027, 2, 9)
    desk.main.declare_lost("B003")
    desk.main.settle_lost("B003", "payment")
    lines = {line.kind: line for line in patron_charges(desk.library, "P003").lines}
    price = lines["lost_compensation"]
    assert price.fine is None and price.late is None
    assert charge_detail(price.kind, price.description, item_barcode=price.item_barcode,
                         title=price.title) == charge_detail(price.kind, price.description)
    assert charge_detail(price.kind, price.description).startswith("B003 ")
