"""Several desks, each its own OS process with its own ``open_library`` on the same database,
check out the same item to different patrons at the same instant, round after round: each
round ends with exactly one loan and a clean ``item_checked_out`` refusal for every other desk,
never "database is locked" or any other error (SQLite ``BEGIN IMMEDIATE``; PostgreSQL row
locks)."""

from __future__ import annotations

import multiprocessing
import queue
from collections import defaultdict

import pytest
from sqlalchemy import func, select

from desk.circulation import open_library
from desk.models import AuditEvent, Item, Loan
from desk.models.audit_chain import verify_chain
from tests.integration.desks import build_shared_library, race_desk

pytestmark = pytest.mark.slow

DESKS = 3
ROUNDS = 40


def _run_race(url: str, desks: int, rounds: int) -> dict[str, list[tuple[str, str, object]]]:
    setup = open_library(url)
    build_shared_library(setup, desks=desks, patrons=desks, items=rounds)
    setup.close()
    items = [f"I{n:04d}" for n in range(1, rounds + 1)]
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(desks)
    results = context.Queue()
    processes = [context.Process(target=race_desk,
                                 args=(url, f"D{n}", f"P{n:03d}", items, barrier, results))
                 for n in range(1, desks + 1)]
    for process in processes:
        process.start()
    by_item: dict[str, list[tuple[str, str, object]]] = defaultdict(list)
    errors: list[str] = []
    try:
        for _ in range(desks * rounds):
            desk, item, outcome, detail = results.get(timeout=180)
            if outcome == "error":
                errors.append(f"{desk} {item}: {detail}")
                if item is None:
                    break
            by_item[item].append((desk, outcome, detail))
    except queue.Empty:
        errors.append("a desk process stopped answering")
    finally:
        for process in processes:
            process.join(timeout=60)
            if process.is_alive():
                process.kill()
    assert not errors, "\n".join(errors)
    assert all(process.exitcode == 0 for process in processes), [p.exitcode for p in processes]
    return by_item


def test_desks_racing_for_the_same_items_lend_each_exactly_once(any_url: str) -> None:
    by_item = _run_race(any_url, DESKS, ROUNDS)

    assert len(by_item) == ROUNDS
    winners: dict[str, tuple[str, int]] = {}
    for item, outcomes in by_item.items():
        assert len(outcomes) == DESKS, (item, outcomes)
        loans = [(desk, detail) for desk, outcome, detail in outcomes if outcome == "loan"]
        refused = [detail for _, outcome, detail in outcomes if outcome == "refused"]
        assert len(loans) == 1, (item, outcomes)
        assert refused == [["item_checked_out"]] * (DESKS - 1), (item, outcomes)
        winners[item] = loans[0]

    library = open_library(any_url)
    try:
        with library.sessions() as session:
            rows = session.execute(
                select(Item.barcode, Item.status, Loan.id, Loan.desk_id)
                .join(Loan, Loan.item_id == Item.id).where(Loan.returned_at.is_(None))).all()
            assert sorted(r.barcode for r in rows) == sorted(by_item)  # one open loan per item
            assert {r.barcode: r.id for r in rows} == {i: w[1] for i, w in winners.items()}
            assert {r.status for r in rows} == {"on_loan"}
            refusals = session.scalar(select(func.count()).select_from(AuditEvent).where(
                AuditEvent.action == "checkout", AuditEvent.outcome == "refused",
                AuditEvent.codes == "item_checked_out"))
            assert refusals == ROUNDS * (DESKS - 1)
            # Four processes appending at once kept one audit chain (issue 13).
            assert verify_chain(session) is None
    finally:
        library.close()
    # The races were real: more than one desk won some of them.
    assert len({desk for desk, _ in winners.values()}) > 1
