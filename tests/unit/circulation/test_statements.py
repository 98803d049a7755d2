"""Statements per operation (issue 11, speed to the floor): each round trip to PostgreSQL is
latency at every branch desk, so the hot operations read their facts in at most two statements
and write without a unit-of-work flush of extra statements."""

from __future__ import annotations

import re

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from tests.support.clock import FakeClock
from tests.support.small_library import Desk


@contextmanager
def statements(desk: Desk) -> Iterator[list[str]]:
    """The SQL statements the library's engine sends inside the block (``BEGIN`` on SQLite
    included; psycopg sends PostgreSQL's ``BEGIN`` and every ``COMMIT`` without a cursor)."""
    seen: list[str] = []

    def counted(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(" ".join(statement.split()))

    event.listen(desk.library.engine, "before_cursor_execute", counted)
    try:
        yield seen
    finally:
        event.remove(desk.library.engine, "before_cursor_execute", counted)


# Reference rows, cached by the store: read once, then not again while the cache holds.
_REFERENCE = ("FROM locations ", "FROM circulation_rules", "FROM closed_days", "FROM desks ",
              "FROM staff_users ")


# PostgreSQL locks the patron's and item's rows by a statement of their own before reading
# their facts (``desk.circulation.facts.lock_rows``): a lock, not a read.
_ROW_LOCK = re.compile(r"SELECT (patrons\.id, items\.id AS \w+ FROM patrons JOIN items ON true|"
                       r"items\.id FROM items|patrons\.id FROM patrons) WHERE .* FOR UPDATE$")


def _reads(seen: list[str], *, reference: bool = False) -> list[str]:
    """The reads among ``seen`` (the data-modifying CTEs of a PostgreSQL checkout and audit row
    are writes; locking the audit chain's head is the chain's, and locking the rows before the
    read of their facts is a lock, neither a read of facts); without the reference rows unless
    ``reference``."""
    return [s for s in seen if s.startswith(("SELECT", "WITH"))
            and not s.startswith(("WITH lent_item", "WITH chain_head"))
            and "FROM audit_chain_head" not in s and not _ROW_LOCK.match(s)
            and (reference or not any(table in s for table in _REFERENCE))]


def _row_locks(desk: Desk) -> int:
    return 1 if desk.library.engine.dialect.name == "postgresql" else 0


def _chain_statements(desk: Desk) -> int:
    """What chaining the audit row adds (issue 13): locking the chain's head, then moving it
    (on PostgreSQL within the audit row's own statement)."""
    return 1 if desk.library.engine.dialect.name == "postgresql" else 2


def _measured(desk: Desk, operation: Callable[[], object]) -> list[str]:
    with statements(desk) as seen:
        operation()
    return seen


def test_checkout_renew_and_checkin_read_their_facts_in_one_statement(
        any_desk: Desk, clock: FakeClock) -> None:
    main = any_desk.main
    main.checkout("P002", "B002")   # warm the caches (rules, calendar, desk, staff)
    main.checkin("B002")

    checkout = _measured(any_desk, lambda: main.checkout("P001", "B001"))
    clock.advance(days=1)
    renew = _measured(any_desk, lambda: main.renew("B001"))
    checkin = _measured(any_desk, lambda: main.checkin("B001"))

    for name, seen in (("checkout", checkout), ("renew", renew), ("checkin", checkin)):
        assert len(_reads(seen, reference=True)) == 1, (name, seen)
    chain = _chain_statements(any_desk) + _row_locks(any_desk)
    assert len(checkout) <= 6 + chain, checkout     # BEGIN, facts, loan, item, patron, audit
    assert len(renew) <= 4 + chain, renew           # BEGIN, facts, loan, audit
    assert len(checkin) <= 5 + chain, checkin       # BEGIN, facts, loan, item, audit


def test_a_late_return_with_a_waiting_hold_still_reads_its_facts_once(
        any_desk: Desk, clock: FakeClock) -> None:
    main = any_desk.main
    main.checkout("P002", "B002")   # warm the caches
    main.checkin("B002")
    main.checkout("P001", "B100")
    main.place_hold("P002", "B101")  # the other copy is on the shelf: the hold stays pending
    clock.advance(days=60)

    checkin = _measured(any_desk, lambda: main.checkin("B100"))

    # the hold's pickup location's name is a reference row, read the first time only
    assert len(_reads(checkin)) == 1, checkin
    writes = [s.split()[0:3] for s in checkin if not s.startswith(("SELECT", "BEGIN"))]
    assert ["INSERT", "INTO", "charges"] in writes and ["UPDATE", "holds", "SET"] in writes
