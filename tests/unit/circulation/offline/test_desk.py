"""The offline desk, the local copy it checks against, the connection watcher and failover."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from desk.circulation import CheckinResult, CirculationRefused
from desk.circulation.offline.desk import (ConnectionWatcher, FailoverDesk, OfflineDesk,
                                           check_database)
from desk.circulation.offline.journal import Journal, read_journal
from desk.circulation.offline.snapshot import Snapshot, refresh_snapshot
from desk.models import StaffUser
from tests.support.clock import TAIPEI, FakeClock
from tests.support.small_library import Desk
from tests.unit.circulation.offline.conftest import at


@pytest.fixture
def offline(desk: Desk, tmp_path: Path, clock: FakeClock) -> OfflineDesk:
    clock.now = at(2, 9)
    desk.main.checkout("P002", "B010")
    refresh_snapshot(desk.library, tmp_path / "snap.sqlite")
    clock.now = at(2, 10)
    return OfflineDesk(Journal(tmp_path / "journal.jsonl", "MAIN-1"), clock=clock, tz=TAIPEI,
                       staff="clerk", snapshot=Snapshot(tmp_path / "snap.sqlite"))


def test_offline_checkout_is_journalled_with_slip_number_and_due_date(
        offline: OfflineDesk, tmp_path: Path) -> None:
    result = offline.checkout("P001", "B001")
    assert result.offline and result.slip_no == "MAIN-1-00001"
    assert result.due_at is not None and result.due_at.date().isoformat() == "2026-12-02"
    assert result.title == "書名 1" and result.patron_name == "陳小明"
    assert result.warnings == []
    back = read_journal(tmp_path / "journal.jsonl").entries
    assert [(e.kind, e.patron, e.item, e.slip_no) for e in back] == [
        ("checkout", "P001", "B001", "MAIN-1-00001")]
    assert back[0].due_at == result.due_at


def test_offline_checks_warn_never_refuse(offline: OfflineDesk) -> None:
    codes = lambda result: [w.code for w in result.warnings]  # noqa: E731
    assert codes(offline.checkout("P004", "B002")) == ["patron_expired"]
    assert codes(offline.checkout("P007", "B003")) == ["patron_blocked"]
    assert codes(offline.checkout("P001", "B010")) == ["item_checked_out"]  # as online
    assert codes(offline.checkout("P999", "NEW1")) == ["offline_patron_unknown",
                                                       "offline_item_unknown"]
    offline.checkout("P001", "B004")
    offline.checkout("P001", "B005")
    assert "patron_loan_limit" in codes(offline.checkout("P001", "B006"))  # counts offline loans
    assert len(offline.journal.read().entries) == 7


def test_without_a_local_copy_it_says_nothing_was_checked(tmp_path: Path, clock: FakeClock) -> None:
    desk = OfflineDesk(Journal(tmp_path / "j.jsonl", "D"), clock=clock, tz=TAIPEI)
    result = desk.checkout("P001", "B001")
    assert [w.code for w in result.warnings] == ["offline_no_snapshot"] and result.due_at is None
    assert Snapshot.open(tmp_path / "missing.sqlite") is None


def test_checkin_and_suspended_operations(offline: OfflineDesk) -> None:
    result = offline.checkin("B010")
    assert isinstance(result, CheckinResult) and result.offline
    assert result.title == "書名 10" and result.slip_no
    boss = StaffUser(login="boss", name="張主任", role="supervisor")
    for call in (lambda: offline.renew("B010"), lambda: offline.place_hold("P001", "B001"),
                 lambda: offline.pay("P001", 10, "cash"),
                 lambda: offline.close_day({}, supervisor=boss),
                 lambda: offline.set_patron_photo("P001", None),
                 lambda: offline.add_proxy("P001", "P002"), lambda: offline.end_proxy(1)):
        with pytest.raises(CirculationRefused) as refused:
            call()
        assert refused.value.codes == ["offline_suspended"]
        assert "5.8.1" in str(refused.value)
    assert len(offline.journal.read().entries) == 1


def test_bad_barcodes_are_refused_and_not_journalled(offline: OfflineDesk) -> None:
    for bad in ("", "  ", "B\x00001", "x" * 65):
        with pytest.raises(CirculationRefused):
            offline.checkin(bad)
    assert offline.journal.read().entries == []


def test_a_journal_that_cannot_be_written_is_refused(tmp_path: Path, clock: FakeClock) -> None:
    if os.geteuid() == 0:
        directory = tmp_path / "full"
        directory.mkdir()
        journal = Journal(directory / "j.jsonl", "D")
        (directory / "j.jsonl").mkdir()          # a directory where the file should be
    else:
        journal = Journal(tmp_path / "j.jsonl", "D")
        (tmp_path / "j.jsonl").touch(mode=0o400)
        os.chmod(tmp_path / "j.jsonl", 0o400)
    desk = OfflineDesk(journal, clock=clock, tz=TAIPEI)
    with pytest.raises(CirculationRefused) as refused:
        desk.checkin("B001")
    assert refused.value.codes == ["offline_journal_failed"]


def test_check_database_and_the_watcher(desk: Desk, sqlite_url: str, tmp_path: Path) -> None:
    assert check_database(sqlite_url)
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    moved = path.with_name("elsewhere.sqlite")
    changes: list[bool] = []
    watcher = ConnectionWatcher(lambda: check_database(sqlite_url), interval=0.05,
                                on_change=changes.append)
    os.rename(path, moved)
    assert not check_database(sqlite_url)
    assert not path.exists()                       # the check did not create an empty file
    changed = threading.Event()
    watcher.on_change = lambda online: (changes.append(online), changed.set())
    watcher.start()
    assert changed.wait(5)
    changed.clear()
    os.rename(moved, path)
    assert changed.wait(5)
    watcher.stop()
    assert changes == [False, True] and watcher.online
    assert not check_database("postgresql+psycopg://nobody@/none?host=/nonexistent&port=1")


def test_failover_switches_on_a_database_error(offline: OfflineDesk, desk: Desk) -> None:
    class Broken:
        def checkout(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            raise OperationalError("SELECT 1", {}, Exception("server closed the connection"))

    told: list[str] = []
    failover = FailoverDesk(desk.main, offline, on_offline=told.append)
    assert failover.desk_code == "MAIN-1" and failover.staff.login == "clerk"
    assert failover.checkout("P001", "B001").loan_id is not None       # online
    failover.online_desk = Broken()
    result = failover.checkout("P001", "B002")
    assert result.offline and failover.offline and "server closed" in told[0]
    assert failover.checkin("B001").offline                            # stays offline
    with pytest.raises(CirculationRefused):
        failover.renew("B001")
    failover.online_desk = desk.main
    failover.go_online()
    assert failover.checkin("B001").route == "shelve"


def test_an_unknown_card_still_hears_what_the_copy_knows_of_the_item(
        offline: OfflineDesk) -> None:
    result = offline.checkout("P999", "B010")              # lent online to P002
    assert [w.code for w in result.warnings] == ["offline_patron_unknown", "item_checked_out"]


def test_the_database_check_names_the_very_file_whatever_its_path(tmp_path) -> None:  # noqa: ANN001
    """A folder name with '#' or a space (or a Windows path) must not make the check open, or
    create, another file: the watcher would call a working database an outage."""
    from desk.circulation import open_library
    from desk.circulation.offline.desk import check_database
    folder = tmp_path / "館藏 #1 備份"
    folder.mkdir()
    url = f"sqlite:///{folder / 'library.sqlite'}"
    open_library(url).close()
    before = sorted(p.name for p in tmp_path.rglob("*"))
    assert check_database(url)
    assert not check_database(f"sqlite:///{folder / 'missing.sqlite'}")
    assert sorted(p.name for p in tmp_path.rglob("*")) == before     # nothing created
