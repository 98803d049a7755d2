"""Every fee kind end to end: made by its rule, shown with its origin, paid, receipted and totalled
by fee type at settlement; and what is not collectable yet (SOP 5.7.1)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desk import wording
from desk.circulation import CirculationRefused
from desk.circulation.charges import method_name
from desk.circulation.policy import Policy
from desk.circulation.queries.charges import patron_charges
from desk.circulation.queries.money import payment_receipt, settlement_report
from desk.models import Charge
from tests.support.clock import FakeClock
from tests.support.small_library import Desk


def codes(call) -> list[str]:  # noqa: ANN001
    with pytest.raises(CirculationRefused) as info:
        call()
    return info.value.codes


def test_every_fee_kind_end_to_end(desk: Desk, clock: FakeClock) -> None:
    main = desk.main
    main.checkout("P001", "B001")                 # due 2026-12-02 23:59
    main.checkout("P001", "B002")
    main.checkout("P003", "B003")                 # faculty: lost, paid after the deadline
    main.checkout("P003", "B004")                 # faculty: lost, replacement copy
    clock.set(2026, 12, 7)
    main.checkin("B001")                          # overdue: 5 days, NT$25
    main.renew("B002")                            # overdue_renewal: NT$25
    clock.set(2027, 2, 9)                         # faculty loans due 2027-01-31 (+2 grace)
    main.declare_lost("B003")
    main.declare_lost("B004")
    clock.set(2027, 3, 19)                        # deadline 2027-03-09: 10 days late
    main.settle_lost("B003", "payment")           # billed_overdue + lost_compensation + lost_late
    main.settle_lost("B004", "replacement")       # billed_overdue + lost_handling_fee + lost_late
    main.add_charge("P002", "card_deposit", 500, "external borrower card")
    main.add_charge("P002", "ill_fee", 20, "pickup from NCCU", item_barcode="L001")
    main.add_charge("P002", "adjustment", 15, supervisor=desk.boss, reason="fee missed on 3/1")

    owed = {p: patron_charges(desk.library, p) for p in ("P001", "P002", "P003")}
    kinds = {line.kind: line for view in owed.values() for line in view.lines}
    assert set(kinds) == {"overdue", "overdue_renewal", "billed_overdue", "lost_compensation",
                          "lost_handling_fee", "lost_late", "card_deposit", "ill_fee",
                          "adjustment"}
    overdue = kinds["overdue"]
    assert (overdue.item_barcode, overdue.late, overdue.late_unit) == ("B001", 5, "day")
    assert overdue.due == "2026-12-02 23:59" and overdue.returned == "2026-12-07 10:00"
    assert kinds["overdue_renewal"].returned == "2026-12-07 10:00"
    assert kinds["ill_fee"].item_barcode == "L001" and kinds["ill_fee"].amount == 20
    assert kinds["lost_compensation"].amount == 400 and kinds["lost_late"].amount == 50
    assert kinds["lost_handling_fee"].amount == 100
    assert kinds["adjustment"].description == "fee missed on 3/1"
    for patron, view in owed.items():
        assert view.balance == main.balance(patron) == sum(l.outstanding for l in view.lines)

    receipts = [main.take_payment(p, owed[p].balance, "cash") for p in owed]
    paid_kinds = {line.kind for r in receipts for line in payment_receipt(desk.library, r).lines}
    assert paid_kinds == set(kinds)
    result = main.close_day({"cash": sum(v.balance for v in owed.values())},
                            supervisor=desk.boss)
    by_fee = settlement_report(desk.library, result.id).breakdowns["fee"]
    with desk.library.sessions() as s:
        independent: dict[str, int] = {}
        for charge in s.scalars(select(Charge)):
            independent[charge.kind] = independent.get(charge.kind, 0) + charge.amount
    assert {kind: amount for kind, (_, amount) in by_fee.items()} == independent


def test_not_collectable_while_out(desk: Desk, clock: FakeClock) -> None:
    desk.main.checkout("P001", "B001")            # due 2026-12-02
    desk.main.checkout("P001", "B002")
    desk.main.checkout("P001", "F001")
    clock.set(2026, 12, 5)
    desk.main.declare_lost("F001")
    clock.set(2027, 1, 2, 9)                       # 31 days overdue
    view = patron_charges(desk.library, "P001")
    assert view.balance == 0 and view.lines == []
    bills = {bill.item_barcode: bill for bill in view.pending}
    assert bills["F001"].kind == "lost_claim" and bills["F001"].amount == 900
    assert str(bills["F001"].deadline) == "2027-03-05"
    assert bills["B001"].kind == "replacement_bill" and bills["B001"].amount == 400
    assert bills["B001"].days_overdue == 31 > Policy().long_overdue_days
    assert codes(lambda: desk.main.pay("P001", 5, "cash")) == ["payment_exceeds_balance"]
    clock.set(2026, 12, 10)                        # earlier: a fine still accruing
    accruing = {b.item_barcode: b for b in patron_charges(desk.library, "P001").pending}
    assert accruing["B001"].kind == "accruing" and accruing["B001"].amount == 40


def test_chinese_kind_names(desk: Desk, clock: FakeClock) -> None:
    desk.main.add_charge("P002", "ill_fee", 20)
    wording.set_language("zh_TW")
    assert patron_charges(desk.library, "P002").lines[0].kind_name == "館際服務費"


def test_add_charge_refusals_change_nothing(desk: Desk) -> None:
    main = desk.main
    assert codes(lambda: main.add_charge("P002", "overdue", 20)) == ["charge_kind_not_allowed"]
    assert codes(lambda: main.add_charge("P002", "ill_fee", 0)) == ["amount_not_positive"]
    assert codes(lambda: main.add_charge("P002", "adjustment", 10, supervisor=desk.clerk,
                                         reason="x")) == ["supervisor_required"]
    assert codes(lambda: main.add_charge("P002", "adjustment", 10, supervisor=desk.boss,
                                         reason=" ")) == ["reason_required"]
    assert codes(lambda: main.add_charge("NOPE", "ill_fee", 20)) == ["patron_not_found"]
    assert main.balance("P002") == 0


def test_payment_methods_read_in_the_desk_language() -> None:
    assert (method_name("cash"), method_name("easycard")) == ("Cash", "EasyCard")
    assert method_name("line_pay") == "line_pay"        # a configured method without a name
    wording.set_language("zh_TW")
    try:
        assert (method_name("cash"), method_name("easycard")) == ("現金", "悠遊卡")
    finally:
        wording.set_language("en")
