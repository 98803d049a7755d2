"""Crash tests: a desk process is SIGKILLed at a random moment in a stream of checkouts and
checkins (and, on PostgreSQL, the server itself is stopped with ``-m immediate``); the database
is then intact: ``PRAGMA integrity_check`` is ok, no item is both available and on an open
loan, every on-loan item has exactly one open loan, every loan the desk reported committed is
there (and every return it reported), and no operation is half done."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from desk.circulation import open_library
from desk.models import AuditEvent, Item, Loan, Patron
from tests.integration.desks import build_shared_library
from tests.support.pg_server import pg_server_or_skip

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
KILLS = 6


class Child:
    """The crash_child desk process and the lines it has printed so far."""

    def __init__(self, url: str, seed: int) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.integration.crash_child", url, str(seed)], cwd=ROOT,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines: list[str] = []
        self.ready = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.endswith("\n"):  # a line cut short by the kill was never reported
                self.lines.append(line.strip())
                if line.startswith("READY"):
                    self.ready.set()
        self.ready.set()

    def wait_started(self) -> None:
        """Until the desk has committed its first operation (starting up takes a while on a
        busy machine; the random kill moment is counted from there)."""
        assert self.ready.wait(60), "the desk process did not start"
        deadline = time.monotonic() + 60
        while not any(line.startswith(("OUT", "IN")) for line in self.lines):
            assert self.process.poll() is None, self.process.stderr.read()  # type: ignore[union-attr]
            assert time.monotonic() < deadline, "the desk process committed nothing"
            time.sleep(0.01)

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(30)
        self._reader.join(30)
        self.process.stderr.close()  # type: ignore[union-attr]

    def committed(self) -> tuple[dict[int, str], dict[int, str]]:
        """(loans reported lent, loans reported returned): loan id -> item barcode."""
        lent: dict[int, str] = {}
        returned: dict[int, str] = {}
        for line in self.lines:
            kind, _, rest = line.partition(" ")
            if kind in ("OUT", "IN"):
                loan_id, item = rest.split()
                (lent if kind == "OUT" else returned)[int(loan_id)] = item
        return lent, returned

    def errors(self) -> list[str]:
        return [line for line in self.lines if line.startswith(("ERROR", "REFUSED"))]


def check_intact(url: str, lent: dict[int, str], returned: dict[int, str]) -> None:
    """Every invariant a crash must not break; ``lent``/``returned``: what was reported."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            if engine.dialect.name == "sqlite":
                assert connection.exec_driver_sql("PRAGMA integrity_check").scalars().all() == ["ok"]
                assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
            open_loans = dict(connection.execute(
                select(Loan.item_id, func.count()).where(Loan.returned_at.is_(None))
                .group_by(Loan.item_id)).all())
            status = dict(connection.execute(select(Item.id, Item.status)).all())
            assert all(count == 1 for count in open_loans.values())
            assert {i for i, s in status.items() if s == "on_loan"} == set(open_loans)
            assert not [i for i in open_loans if status[i] == "available"]
            loans = {row.id: row for row in connection.execute(
                select(Loan.id, Loan.returned_at, Item.barcode).join(Item, Loan.item_id == Item.id))}
            for loan_id, item in lent.items():
                assert loan_id in loans and loans[loan_id].barcode == item, (loan_id, item)
            for loan_id, item in returned.items():
                assert loans[loan_id].returned_at is not None, (loan_id, item)
            # No half-done checkout: each loan counted once on its patron's card, and audited.
            lifetime = dict(connection.execute(select(Patron.id, Patron.lifetime_loans)).all())
            per_patron = dict(connection.execute(
                select(Loan.patron_id, func.count()).group_by(Loan.patron_id)).all())
            assert {p: n for p, n in lifetime.items() if n} == per_patron
            audited = connection.scalar(select(func.count()).select_from(AuditEvent).where(
                AuditEvent.action == "checkout", AuditEvent.outcome == "done"))
            assert audited == len(loans)
            checkins = connection.scalar(select(func.count()).select_from(AuditEvent).where(
                AuditEvent.action == "checkin", AuditEvent.outcome == "done"))
            assert checkins == sum(1 for row in loans.values() if row.returned_at is not None)
    finally:
        engine.dispose()


def _setup(url: str) -> None:
    library = open_library(url)
    build_shared_library(library, desks=1, patrons=10, items=150)
    library.close()


def test_killing_a_desk_mid_stream_loses_nothing(any_url: str) -> None:
    _setup(any_url)
    rng = random.Random()
    lent: dict[int, str] = {}
    returned: dict[int, str] = {}
    for kill in range(KILLS):
        child = Child(any_url, seed=rng.randrange(10**6))
        child.wait_started()
        time.sleep(rng.uniform(0.0, 1.2))
        child.kill()
        assert not child.errors(), child.errors()
        new_lent, new_returned = child.committed()
        lent.update(new_lent)
        returned.update(new_returned)
        check_intact(any_url, lent, returned)
    assert returned, "no checkin was ever committed"



def test_postgres_server_crash_loses_no_committed_loan(pg_url: str) -> None:
    server = pg_server_or_skip()
    _setup(pg_url)
    rng = random.Random()
    lent: dict[int, str] = {}
    returned: dict[int, str] = {}
    for crash in range(2):
        child = Child(pg_url, seed=rng.randrange(10**6))
        child.wait_started()
        time.sleep(rng.uniform(0.0, 1.2))
        try:
            server.stop_immediately()
        finally:
            time.sleep(0.5)
            child.kill()
            server.start()
        new_lent, new_returned = child.committed()
        lent.update(new_lent)
        returned.update(new_returned)
        check_intact(pg_url, lent, returned)
