"""Concurrent desks renewing for and taking payments from the same patron: receipt numbers stay
gap-free and unique per desk, fines are charged once each, and balances add up; two desks
taking the whole balance at once charge it once. Written for PostgreSQL's row locks (each
desk a thread with its own connection), and run on SQLite too."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import func, select

from desk.circulation import Circulation, CirculationRefused, Library, open_library
from desk.models import Charge, Payment, PaymentAllocation
from desk.models.audit_chain import verify_chain
from tests.integration.desks import STAFF_PASSWORD, build_shared_library
from tests.support.clock import FakeClock

pytestmark = pytest.mark.slow

ITEMS = 40
PATRON = "P001"


def in_step(*workers: Callable[[int], Any], rounds: int) -> list[list[Any]]:
    """Run each worker ``rounds`` times in its own thread, all starting each round together.
    Returns each worker's results (a ``CirculationRefused`` is a result); other errors raise."""
    barrier = threading.Barrier(len(workers))
    results: list[list[Any]] = [[] for _ in workers]
    errors: list[BaseException] = []

    def loop(index: int) -> None:
        for round_no in range(rounds):
            try:
                barrier.wait(timeout=60)
                results[index].append(workers[index](round_no))
            except CirculationRefused as refused:
                results[index].append(refused)
            except BaseException as error:  # noqa: BLE001 - re-raised in the test thread
                errors.append(error)
                barrier.abort()
                return

    threads = [threading.Thread(target=loop, args=(n,)) for n in range(len(workers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    if errors:
        raise errors[0]
    assert not any(thread.is_alive() for thread in threads)
    return results


@pytest.fixture
def shared(any_url: str, clock: FakeClock) -> Iterator[tuple[Library, list[Circulation]]]:
    library = open_library(any_url, clock=clock)
    build_shared_library(library, desks=2, patrons=2, items=ITEMS)
    clerk = library.sign_in("clerk", STAFF_PASSWORD)
    # Two terminals at counter D1 (one receipt sequence) and one at D2.
    desks = [library.circulation("D1", clerk), library.circulation("D1", clerk),
             library.circulation("D2", clerk)]
    yield library, desks
    with library.sessions() as session:   # the desks racing kept one audit chain (issue 13)
        assert verify_chain(session) is None
    library.close()


def _totals(library: Library) -> tuple[int, int, int]:
    with library.sessions() as session:
        charged = session.scalar(select(func.coalesce(func.sum(Charge.amount), 0)))
        paid = session.scalar(select(func.coalesce(func.sum(Charge.paid), 0)))
        payments = session.scalar(select(func.coalesce(func.sum(Payment.amount), 0)))
        allocated = session.scalar(select(func.coalesce(func.sum(PaymentAllocation.amount), 0)))
    assert paid == payments == allocated
    return charged, paid, payments


def test_concurrent_renewals_and_payments_keep_receipts_and_balances(
        shared: tuple[Library, list[Circulation]], clock: FakeClock) -> None:
    library, (d1a, d1b, d2) = shared
    items = [f"I{n:04d}" for n in range(1, ITEMS + 1)]
    for item in items:
        d1a.checkout(PATRON, item)
    clock.advance(days=40)  # every loan is now 10 days overdue: NT$50 each when renewed

    half = ITEMS // 2
    renewed = in_step(lambda k: d1a.renew(items[k]), lambda k: d2.renew(items[half + k]),
                      rounds=half)
    fines = [result.fine for results in renewed for result in results]
    assert fines == [50] * ITEMS
    assert d1a.balance(PATRON) == 50 * ITEMS == _totals(library)[0]

    paid = in_step(lambda k: d1a.pay(PATRON, 30, "cash"), lambda k: d1b.pay(PATRON, 30, "easycard"),
                   lambda k: d2.pay(PATRON, 30, "cash"), rounds=10)
    receipts = [r for results in paid for r in results]
    assert not [r for r in receipts if isinstance(r, CirculationRefused)], receipts
    d1_receipts = sorted(paid[0] + paid[1])
    assert d1_receipts == [f"D1-2026-{n:06d}" for n in range(1, 21)]  # gap-free, none twice
    assert sorted(paid[2]) == [f"D2-2026-{n:06d}" for n in range(1, 11)]
    assert d2.balance(PATRON) == 50 * ITEMS - 30 * 30
    assert _totals(library) == (50 * ITEMS, 900, 900)


def test_two_desks_taking_the_whole_balance_at_once_take_it_once(
        shared: tuple[Library, list[Circulation]], clock: FakeClock) -> None:
    library, (d1a, _, d2) = shared
    for round_no in range(5):
        item = f"I{round_no + 1:04d}"
        d1a.checkout(PATRON, item)
        clock.advance(days=31)
        d1a.checkin(item)  # one day late: NT$5
        owed = d1a.balance(PATRON)
        assert owed == 5
        results = in_step(lambda k: d1a.pay(PATRON, owed, "cash"),
                          lambda k: d2.pay(PATRON, owed, "cash"), rounds=1)
        outcomes = [r[0] for r in results]
        refused = [r for r in outcomes if isinstance(r, CirculationRefused)]
        assert len(refused) == 1, outcomes
        assert refused[0].codes == ["payment_exceeds_balance"]
        assert d2.balance(PATRON) == 0
    assert _totals(library) == (25, 25, 25)
