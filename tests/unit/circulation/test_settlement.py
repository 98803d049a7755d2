"""End-of-day settlement (SOP 5.7.4): expected against counted, per method; closed days lock."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import select

from desk.circulation import CirculationRefused
from desk.models import Charge, Payment
from tests.support.clock import FakeClock
from tests.support.small_library import Desk


def make_debt(desk: Desk, clock: FakeClock, patron: str, items: list[str]) -> None:
    for item in items:
        desk.main.checkout(patron, item)
    clock.advance(days=40)
    for item in items:
        desk.main.checkin(item)


def test_close_day_expected_counted_difference(any_desk: Desk, clock: FakeClock) -> None:
    make_debt(any_desk, clock, "P001", ["B001", "B002"])   # 2 x 50
    any_desk.main.pay("P001", 60, "cash")
    receipt = any_desk.main.pay("P001", 30, "easycard")
    any_desk.main.pay("P001", 10, "cash")
    any_desk.main.void_payment(receipt, "card declined", supervisor=any_desk.boss)
    with pytest.raises(CirculationRefused) as error:
        any_desk.main.close_day({"cash": 70}, supervisor=any_desk.clerk)
    assert error.value.codes == ["supervisor_required"]
    with pytest.raises(CirculationRefused) as error:   # a deficit needs a written note
        any_desk.main.close_day({"cash": 65, "easycard": 0}, supervisor=any_desk.boss)
    assert error.value.codes == ["note_required"]
    result = any_desk.main.close_day({"cash": 65, "easycard": 0}, supervisor=any_desk.boss,
                                     note="NT$5 short: change error")
    assert result.expected == {"cash": 70, "easycard": 0}
    assert result.counted == {"cash": 65, "easycard": 0}
    assert result.difference == {"cash": -5, "easycard": 0}
    assert result.voided == [receipt]


def test_closed_day_cannot_be_changed(desk: Desk, clock: FakeClock) -> None:
    make_debt(desk, clock, "P001", ["B001", "B002"])
    receipt = desk.main.pay("P001", 50, "cash")
    desk.main.close_day({"cash": 50}, supervisor=desk.boss)
    with pytest.raises(CirculationRefused) as error:
        desk.main.close_day({"cash": 50}, supervisor=desk.boss)
    assert error.value.codes == ["day_closed"]
    with pytest.raises(CirculationRefused) as error:
        desk.main.void_payment(receipt, "typo", supervisor=desk.boss)
    assert error.value.codes == ["day_closed"]
    late = desk.main.pay("P001", 50, "cash")  # taken after closing: the next day's takings
    with desk.library.sessions() as s:
        payment = s.scalars(select(Payment).where(Payment.receipt_no == late)).one()
        assert payment.business_date > clock.now.date()


def test_other_desks_are_not_in_this_desks_settlement(desk: Desk, clock: FakeClock) -> None:
    make_debt(desk, clock, "P001", ["B001", "B002"])
    desk.main.pay("P001", 40, "cash")
    desk.law.pay("P001", 25, "cash")
    assert desk.main.close_day({"cash": 40}, supervisor=desk.boss).expected["cash"] == 40
    assert desk.law.close_day({"cash": 25}, supervisor=desk.boss).expected["cash"] == 25


def test_totals_match_independent_sum_of_random_day(desk: Desk, clock: FakeClock) -> None:
    make_debt(desk, clock, "P003", [f"B{n:03d}" for n in range(1, 13)])
    rng = random.Random(7)
    independent = {"cash": 0, "easycard": 0}
    while desk.main.balance("P003") > 0:
        amount = min(rng.randint(1, 37), desk.main.balance("P003"))
        method = rng.choice(["cash", "easycard"])
        receipt = desk.main.pay("P003", amount, method)
        if rng.random() < 0.1:
            desk.main.void_payment(receipt, "test void", supervisor=desk.boss)
        else:
            independent[method] += amount
    result = desk.main.close_day(dict(independent), supervisor=desk.boss)
    assert result.expected == independent and set(result.difference.values()) == {0}


def test_bad_counts_refused(desk: Desk) -> None:
    for counted, code in [({"gold": 5}, "payment_method_unknown"),
                          ({"cash": -1}, "amount_negative")]:
        with pytest.raises(CirculationRefused) as error:
            desk.main.close_day(counted, supervisor=desk.boss)
        assert error.value.codes == [code]


def test_blind_count_by_denomination_less_the_float(desk: Desk, clock: FakeClock) -> None:
    from desk.circulation.queries.money import settlement_report
    make_debt(desk, clock, "P001", ["B001", "B002"])   # 2 x 50
    with pytest.raises(CirculationRefused) as error:
        desk.main.set_float(2000, supervisor=desk.clerk)
    assert error.value.codes == ["supervisor_required"]
    desk.main.set_float(2000, supervisor=desk.boss)
    desk.main.take_payment("P001", 65, "cash", tendered=100)
    desk.main.pay("P001", 35, "easycard")
    drawer = {1000: 2, 50: 1, 10: 1, 5: 1}             # NT$2,065: float + takings
    for bad, code in [({3: 1}, "denomination_invalid"), ({100: -1}, "denomination_invalid")]:
        with pytest.raises(CirculationRefused) as error:
            desk.main.close_day({"easycard": 35}, supervisor=desk.boss, denominations=bad)
        assert error.value.codes == [code]
    with pytest.raises(CirculationRefused) as error:
        desk.main.close_day({"cash": 60, "easycard": 35}, supervisor=desk.boss,
                            denominations=drawer)
    assert error.value.codes == ["count_mismatch"]
    result = desk.main.close_day({"easycard": 35}, supervisor=desk.boss, denominations=drawer)
    assert result.counted == {"cash": 65, "easycard": 35} and set(result.difference.values()) == {0}
    report = settlement_report(desk.library, result.id)
    assert (report.float_amount, report.drawer_cash) == (2000, 2065)
    assert report.denominations == drawer


def test_every_blind_count_is_recorded_before_the_expected_takings_are_shown(
        any_desk: Desk, clock: FakeClock) -> None:
    from desk.circulation.queries.money import open_day_report, settlement_report
    from desk.models import AuditEvent
    desk = any_desk
    make_debt(desk, clock, "P001", ["B001", "B002"])   # 2 x 50
    desk.main.set_float(1000, supervisor=desk.boss)
    desk.main.pay("P001", 60, "cash")
    desk.main.pay("P001", 40, "easycard")
    assert open_day_report(desk.library, "MAIN-1").counts == 0
    for counted, denominations, code in [({"gold": 1}, None, "payment_method_unknown"),
                                         ({"easycard": -4}, None, "amount_negative"),
                                         ({}, {3: 1}, "denomination_invalid")]:
        with pytest.raises(CirculationRefused) as error:
            desk.main.count_takings(counted, denominations=denominations)
        assert error.value.codes == [code]
    first = desk.main.count_takings({"easycard": 40}, denominations={1000: 1, 50: 1})
    assert first.settlement_id is None and first.counts == 1
    assert (first.drawer_cash, first.float_amount, first.denominations) == (
        1050, 1000, {1000: 1, 50: 1})
    assert {line.method: (line.expected, line.counted) for line in first.lines} == {
        "cash": (60, 50), "easycard": (40, 40)}
    clock.advance(minutes=3)
    second = desk.main.count_takings({"easycard": 40}, denominations={1000: 1, 50: 1, 10: 1})
    assert second.counts == 2 and second.total_difference == 0
    with desk.library.sessions() as s:
        counts = s.scalars(select(AuditEvent).where(AuditEvent.action == "blind_count")
                           .order_by(AuditEvent.id)).all()
        assert [(e.outcome, e.desk_code, e.staff_id) for e in counts] == (
            [("refused", "MAIN-1", desk.clerk.id)] * 3 + [("done", "MAIN-1", desk.clerk.id)] * 2)
        assert [e.detail["cash"] for e in counts[3:]] == [50, 60]
        assert counts[4].detail["denominations"] == {"1000": 1, "50": 1, "10": 1}
    closed = desk.main.close_day({"easycard": 40}, supervisor=desk.boss,
                                 denominations={1000: 1, 50: 1, 10: 1})
    assert settlement_report(desk.library, closed.id).counts == 2
    with pytest.raises(CirculationRefused) as error:   # the closed day takes no more counts
        desk.main.count_takings({"easycard": 40})
    assert error.value.codes == ["day_closed"]
    assert open_day_report(desk.library, "MAIN-1").counts == 0   # the next day starts afresh


def test_breakdowns_per_cashier_and_method(desk: Desk, clock: FakeClock) -> None:
    from desk.circulation.queries.money import settlement_report
    make_debt(desk, clock, "P001", ["B001", "B002"])
    as_boss = desk.library.circulation("MAIN-1", desk.boss)
    desk.main.pay("P001", 40, "cash")
    as_boss.pay("P001", 25, "easycard")
    result = desk.main.close_day({"cash": 40, "easycard": 20}, supervisor=desk.boss,
                                 note="EasyCard slip of NT$5 missing")
    report = settlement_report(desk.library, result.id)
    assert report.breakdowns["cashier"] == {"clerk": (1, 40), "boss": (1, 25)}
    assert report.breakdowns["method"] == {"cash": (1, 40), "easycard": (1, 25)}
    assert [(l.method, l.booked_as) for l in report.lines] == [("cash", "balanced"),
                                                               ("easycard", "deficit")]
    assert report.note == "EasyCard slip of NT$5 missing"


def test_generated_day_of_5000_over_3_desks(any_desk: Desk, clock: FakeClock) -> None:
    from benchmarks.money_day import generate_day
    from desk.circulation.queries.money import settlement_report
    desk = any_desk
    desk.library.add_desk("MAIN-2", "MAIN")
    day = clock.now.date()
    expected = generate_day(desk.library, day, 5000, desks=["MAIN-1", "MAIN-2", "LAW-1"],
                            seed=11, supervisor_login="boss")
    clock.set(day.year, day.month, day.day, 21)
    for code, totals in expected.items():
        circulation = desk.library.circulation(code, desk.clerk)
        result = circulation.close_day(dict(totals.by_method), supervisor=desk.boss)
        assert result.expected == {m: totals.by_method.get(m, 0) for m in ("cash", "easycard")}
        assert result.voided == totals.voided and result.waived == totals.waived
        report = settlement_report(desk.library, result.id)
        assert {k: a for k, (_, a) in report.breakdowns["cashier"].items()} == totals.by_cashier
        assert {k: a for k, (_, a) in report.breakdowns["fee"].items()} == totals.by_fee
        assert report.breakdowns["void"]["void"] == (len(totals.voided), totals.voided_amount)
        assert sum(c for c, _ in report.breakdowns["method"].values()) == totals.payments
    assert sum(t.payments + len(t.voided) for t in expected.values()) == 5000


def test_no_api_call_changes_a_closed_day(any_desk: Desk, clock: FakeClock) -> None:
    desk = any_desk
    from desk.circulation.queries.money import settlement_report
    make_debt(desk, clock, "P001", ["B001", "B002", "B003"])    # 3 x 50
    receipt = desk.main.pay("P001", 50, "cash")
    voided = desk.main.pay("P001", 10, "cash")
    desk.main.void_payment(voided, "typo", supervisor=desk.boss)
    with desk.library.sessions() as s:
        charge_id = s.scalars(select(Charge.id).order_by(Charge.id.desc())).first()
    desk.main.waive(charge_id, "book drop jammed", supervisor=desk.boss, amount=10)
    closed = desk.main.close_day({"cash": 50}, supervisor=desk.boss)
    before = settlement_report(desk.library, closed.id)
    refused = [
        lambda: desk.main.close_day({"cash": 50}, supervisor=desk.boss),
        lambda: desk.main.void_payment(receipt, "late void", supervisor=desk.boss),
        lambda: desk.main.void_payment(voided, "again", supervisor=desk.boss),
        lambda: desk.main.count_takings({"cash": 50}),
    ]
    for call in refused:
        with pytest.raises(CirculationRefused) as error:
            call()
        assert error.value.codes[0] in ("day_closed", "receipt_already_void")
    # everything else that touches money lands on the next business day
    desk.main.set_float(500, supervisor=desk.boss)
    desk.main.take_payment("P001", 20, "cash", tendered=20)
    desk.main.waive(charge_id, "another", supervisor=desk.boss, amount=5)
    desk.main.add_charge("P001", "adjustment", 5, supervisor=desk.boss, reason="fix")
    desk.main.correct_receipt(receipt, "refund", supervisor=desk.boss)
    assert settlement_report(desk.library, closed.id) == before
    with desk.library.sessions() as s:
        later = s.scalars(select(Payment).where(Payment.business_date > clock.now.date())).all()
        assert [p.amount for p in later] == [20]


def test_an_unclosed_day_is_swept_into_the_next_close(desk: Desk, clock: FakeClock) -> None:
    from desk.circulation.queries.money import settlement_report
    make_debt(desk, clock, "P001", ["B001", "B002"])
    desk.main.pay("P001", 30, "cash")                 # nobody closed this day
    clock.advance(days=1)
    void = desk.main.pay("P001", 20, "cash")
    desk.main.void_payment(void, "typo", supervisor=desk.boss)
    first = desk.main.close_day({"cash": 30}, supervisor=desk.boss)
    assert first.expected["cash"] == 30 and first.voided == [void]
    clock.advance(days=1)
    desk.main.pay("P001", 10, "cash")
    second = desk.main.close_day({"cash": 10}, supervisor=desk.boss)
    assert second.expected["cash"] == 10 and second.voided == []
    assert [v.receipt_no for v in settlement_report(desk.library, first.id).voids] == [void]
    assert settlement_report(desk.library, second.id).voids == []


def test_day_overview_and_history(desk: Desk, clock: FakeClock) -> None:
    from desk.circulation.queries.money import day_overview, settlement_history
    make_debt(desk, clock, "P001", ["B001", "B002"])
    clock.set(2026, 12, 12, 9, 30)
    desk.main.pay("P001", 30, "cash")
    clock.set(2026, 12, 12, 14, 5)
    desk.law.pay("P001", 20, "easycard")
    overview = day_overview(desk.library)
    assert overview.totals == {"cash": 30, "easycard": 20}
    assert overview.by_hour == {9: {"cash": 30}, 14: {"easycard": 20}}
    assert overview.open_desks == ["LAW-1", "MAIN-1"]
    desk.main.close_day({"cash": 30}, supervisor=desk.boss)
    overview = day_overview(desk.library)
    assert overview.open_desks == ["LAW-1"]
    assert [(d.desk, d.open_payments) for d in overview.desks] == [("LAW-1", 1), ("MAIN-1", 0)]
    clock.advance(days=1)
    desk.main.close_day({"cash": 0}, supervisor=desk.boss)
    history = settlement_history(desk.library)
    assert [(h.desk, h.business_date.isoformat(), h.expected) for h in history] == [
        ("MAIN-1", "2026-12-13", 0), ("MAIN-1", "2026-12-12", 30)]
    assert settlement_history(desk.library, desk="LAW-1") == []
