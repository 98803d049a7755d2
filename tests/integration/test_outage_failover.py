"""The database goes away in the middle of a stream of checkouts and returns: the desk goes
offline without losing one, and once the database is back the replay applies every offline
transaction exactly once.

PostgreSQL is stopped for real with ``pg_ctl -m immediate`` (only on a server this test run
started itself). The SQLite file is made unreachable by moving its directory away; SQLite keeps
already-open files usable after a rename, so the pooled connections are dropped (as a restart
or a pool recycle would) and the next connection fails to open the file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from desk.circulation import Library, Policy, open_library
from desk.circulation.offline.apply import ReplayCirculation
from desk.circulation.offline.desk import FailoverDesk, OfflineDesk, check_database
from desk.circulation.offline.journal import Journal, read_journal
from desk.circulation.offline.replay import APPLIED, SKIPPED, Replay
from desk.circulation.offline.snapshot import Snapshot, refresh_snapshot
from desk.models import Item, Loan, Patron
from tests.integration.desks import STAFF_PASSWORD, build_shared_library
from tests.support.pg_server import pg_server_or_skip

pytestmark = pytest.mark.slow
ITEMS = 30
CUT_AFTER = 10


def _stream(library: Library, url: str, tmp_path: Path, cut: Callable[[], None],
            restore: Callable[[], None]) -> None:
    build_shared_library(library, desks=1, patrons=3, items=ITEMS)
    clerk = library.sign_in("clerk", STAFF_PASSWORD)
    online = library.circulation("D1", clerk)
    refresh_snapshot(library, tmp_path / "snapshot.sqlite")
    journal = Journal(tmp_path / "offline" / "journal-D1.jsonl", "D1")
    offline = OfflineDesk(journal, clock=library.now, tz=library.policy.tz, staff="clerk",
                          snapshot=Snapshot(tmp_path / "snapshot.sqlite"))
    went_offline: list[str] = []
    desk = FailoverDesk(online, offline, on_offline=went_offline.append)

    answers = []
    expected_holder: dict[str, str | None] = {}
    for n in range(1, ITEMS + 1):
        if n == CUT_AFTER + 1:
            cut()
            assert not check_database(url)
        item, patron = f"I{n:04d}", f"P{n % 3 + 1:03d}"
        answers.append(desk.checkout(patron, item))
        expected_holder[item] = patron
        if n % 4 == 0:                                    # some returns too, online or not
            answers.append(desk.checkin(f"I{n - 1:04d}"))
            expected_holder[f"I{n - 1:04d}"] = None
    assert went_offline and desk.offline
    offline_answers = [a for a in answers if getattr(a, "offline", False)]
    assert len(offline_answers) > 15
    assert [a.slip_no for a in offline_answers] == [e.slip_no for e in read_journal(
        journal.path).entries]                            # every offline answer is journalled

    restore()
    library.engine.dispose()
    assert check_database(url)
    replayer = ReplayCirculation(library, "D1", clerk)
    replay = Replay(replayer, read_journal(journal.path).entries)
    replay.run()
    assert [(line.status, line.message) for line in replay.lines if line.status != APPLIED] == []
    again = Replay(replayer, read_journal(journal.path).entries)
    again.run()
    assert {line.status for line in again.lines} == {SKIPPED}

    with library.sessions() as session:
        holders = dict(session.execute(
            select(Item.barcode, Patron.barcode).join(Loan, Loan.item_id == Item.id)
            .join(Patron, Loan.patron_id == Patron.id).where(Loan.returned_at.is_(None))).all())
        loans = session.scalars(select(Loan)).all()
    assert holders == {item: who for item, who in expected_holder.items() if who}
    assert len(loans) == ITEMS                           # each item lent exactly once


def test_sqlite_file_unreachable_mid_stream(tmp_path: Path) -> None:
    home = tmp_path / "db"
    home.mkdir()
    url = f"sqlite:///{home / 'library.sqlite'}"
    library = open_library(url, policy=Policy())
    away = tmp_path / "moved-away"

    def cut() -> None:
        os.rename(home, away)
        if os.geteuid() != 0:
            os.chmod(away, 0)
        library.engine.dispose()

    def restore() -> None:
        os.chmod(away, 0o755)
        os.rename(away, home)

    try:
        _stream(library, url, tmp_path, cut, restore)
    finally:
        library.close()



def test_postgres_stopped_mid_stream(pg_url: str, tmp_path: Path) -> None:
    server = pg_server_or_skip()
    library = open_library(pg_url, policy=Policy())
    stopped = []

    def cut() -> None:
        server.stop_immediately()
        stopped.append(True)

    def restore() -> None:
        server.start()
        stopped.clear()

    try:
        _stream(library, pg_url, tmp_path, cut, restore)
    finally:
        if stopped:
            restore()
        library.close()
