"""Payments taken while the same desk's day is being closed: each lands in exactly one
settlement (the closing day's, or the next day's), none is lost or counted twice."""

from __future__ import annotations

import threading

from desk.circulation import CirculationRefused
from desk.circulation.queries.money import settlement_report
from tests.support.clock import FakeClock
from tests.support.small_library import Desk


def test_payments_racing_a_close_land_in_one_settlement(any_desk: Desk, clock: FakeClock) -> None:
    desk = any_desk
    for item in ("B001", "B002", "B003"):
        desk.main.checkout("P001", item)
    clock.advance(days=40)
    for item in ("B001", "B002", "B003"):
        desk.main.checkin(item)                       # 3 x NT$50 owed
    owed = desk.main.balance("P001")
    paid: list[int] = []
    started = threading.Event()

    def cashier() -> None:
        till = desk.library.circulation("MAIN-1", desk.clerk)
        for n in range(40):
            try:
                till.pay("P001", 1, "cash")
            except CirculationRefused:
                continue
            paid.append(1)
            if n == 5:
                started.set()

    worker = threading.Thread(target=cashier)
    worker.start()
    assert started.wait(30)
    supervisor = desk.library.circulation("MAIN-1", desk.boss)
    first = supervisor.close_day({"cash": 0}, supervisor=desk.boss, note="closed mid-stream")
    worker.join(60)
    clock.advance(days=1)
    second = supervisor.close_day({"cash": 0}, supervisor=desk.boss, note="the rest")
    assert first.expected["cash"] + second.expected["cash"] == len(paid) == owed - \
        desk.main.balance("P001")
    assert first.expected["cash"] >= 6
    for settlement in (first, second):
        report = settlement_report(desk.library, settlement.id)
        assert report.breakdowns.get("method", {}).get("cash", (0, 0))[1] == \
            settlement.expected["cash"]
