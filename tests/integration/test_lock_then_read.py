"""A checkin that waits for another desk's checkout of the same item sees that checkout's loan.

On PostgreSQL a ``SELECT ... FOR UPDATE`` that waited for a lock re-reads the locked row but
not the rows joined to it: the checkin saw the item lent and no open loan, answered "not on
loan" and left the loan open. The rows are now locked by a statement of their own, and the
facts read after (``desk.circulation.facts.lock_rows``). Made deterministic: the checkout,
holding its locks, starts the checkin and gives it time to block before it commits."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from desk.circulation import open_library
from desk.circulation.context import OpContext
from desk.models import Loan
from tests.support import small_library


def test_a_checkin_waiting_for_a_checkout_closes_its_loan(any_url: str,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    library = open_library(any_url)
    try:
        built = small_library.build(library)
        other = library.circulation("LAW-1", built.clerk)
        results: list[object] = []

        def return_it() -> None:
            try:
                results.append(built.main.checkin("B001"))
            except BaseException as error:  # noqa: BLE001 - reported by the test
                results.append(error)

        returner = threading.Thread(target=return_it)
        lender_thread: list[int] = []
        original = OpContext.clock_after_lock

        def start_the_return_while_locked(ctx: OpContext):  # noqa: ANN202
            if lender_thread == [threading.get_ident()]:
                lender_thread.clear()
                returner.start()
                returner.join(1.0)          # blocks on the item's lock (or the write lock)
            return original(ctx)

        monkeypatch.setattr(OpContext, "clock_after_lock", start_the_return_while_locked)
        lender_thread.append(threading.get_ident())
        other.checkout("P003", "B001")
        returner.join(30)
        assert not returner.is_alive() and len(results) == 1
        result = results[0]
        assert not isinstance(result, BaseException), result
        assert result.loan_id is not None
        assert "not_on_loan" not in [n.code for n in result.notices]
        with library.read_sessions() as session:
            open_loans = session.scalars(select(Loan.id).where(Loan.returned_at.is_(None))).all()
        assert open_loans == []
    finally:
        library.close()
