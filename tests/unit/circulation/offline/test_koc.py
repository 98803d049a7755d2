"""Koha .koc files: parsing with line-numbered problems, replay of the good lines, export."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy import select

from desk.circulation.offline.apply import ReplayCirculation
from desk.circulation.offline.files import known_checker
from desk.circulation.offline.journal import Journal, read_journal
from desk.circulation.offline.koc import export_koc, parse_koc
from desk.circulation.offline.replay import APPLIED, SKIPPED, Replay
from desk.models import Loan, Payment
from tests.support.clock import FakeClock
from tests.support.small_library import Desk
from tests.unit.circulation.offline.conftest import at

TZ = ZoneInfo("Asia/Taipei")
HEADER = b"Version=1.0\tGenerator=kocQt4\tGeneratorVersion=0.2\n"
BAD_FILE = HEADER + (
    b"2026-11-02 10:00:00 123\tissue\tP001\tB001\n"          # 2 good
    b"2026-11-02 10:01:00 000\tissue\tP001\n"                # 3 wrong column count
    b"2026-11-02 25:01:00 000\treturn\tB002\n"               # 4 bad timestamp
    b"2026/11/02 10:01:00\treturn\tB002\n"                   # 5 bad timestamp
    b"2026-11-02 10:02:00 000\trenew\tB001\n"                # 6 unknown action
    b"2026-11-02 10:03:00 000\tissue\tP001\tNOPE42\n"        # 7 unknown barcode
    b"\x00\x01\xff\xfe\x89PNG\n"                             # 8 binary junk
    b"2026-11-02 10:04:00 500\tissue\tP002\tB002\n"          # 9 good
    b"2026-11-02 11:00:00 250\treturn\tB001\n"               # 10 good
    b"\n"                                                    # 11 blank: ignored
    b"2026-11-02 11:05:00 000\tissue\tP999\tB003\n"          # 12 unknown card
    b"2026-11-02 11:06:00 000\tpayment\tP001\tabc\n"         # 13 bad amount
    b"2026-11-02 11:07:00 000\treturn\tB003\textra\n"        # 14 wrong column count
)


def test_bad_lines_are_reported_with_their_numbers(desk: Desk) -> None:
    koc = parse_koc(BAD_FILE, tz=TZ, desk="MAIN-1", known=known_checker(desk.library))
    assert [number for number, _ in koc.problems] == [3, 4, 5, 6, 7, 8, 12, 13, 14]
    reasons = dict(koc.problems)
    assert "column" in reasons[3] and "timestamp" in reasons[4] and "action" in reasons[6]
    assert "NOPE42" in reasons[7] and "binary" in reasons[8] and "P999" in reasons[12]
    assert [koc.line_of[e.txn_id] for e in koc.entries] == [2, 9, 10]
    assert koc.header["Generator"] == "kocQt4"
    first = koc.entries[0]
    assert first.kind == "checkout" and first.patron == "P001" and first.item == "B001"
    assert first.at == at(2, 10).replace(microsecond=123000)


def test_good_lines_are_applied_once(desk: Desk, replay_desk: ReplayCirculation,
                                     clock: FakeClock) -> None:
    clock.now = at(2, 16)
    koc = parse_koc(BAD_FILE, tz=TZ, desk="MAIN-1", known=known_checker(desk.library))
    replay = Replay(replay_desk, koc.entries)
    replay.run()
    assert [line.status for line in replay.lines] == [APPLIED] * 3
    again = Replay(replay_desk, parse_koc(BAD_FILE, tz=TZ, desk="MAIN-1",
                                          known=known_checker(desk.library)).entries)
    again.run()
    assert [line.status for line in again.lines] == [SKIPPED] * 3
    with desk.library.sessions() as session:
        loans = session.scalars(select(Loan).order_by(Loan.id)).all()
        assert [(loan.returned_at is None) for loan in loans] == [False, True]


def test_missing_header_and_bad_version(desk: Desk) -> None:
    koc = parse_koc(b"2026-11-02 10:00:00 123\treturn\tB001\n", tz=TZ)
    assert koc.problems[0][0] == 1 and "header" in koc.problems[0][1]
    assert len(koc.entries) == 1
    koc = parse_koc(b"Version=9\tGenerator=x\n", tz=TZ)
    assert koc.problems == [(1, "unsupported version '9'")]


def test_payments_are_applied_with_a_receipt(desk: Desk, replay_desk: ReplayCirculation,
                                             clock: FakeClock) -> None:
    clock.now = at(2, 9)
    desk.main.checkout("P001", "B001")
    clock.set(2026, 12, 5, 10)
    desk.main.checkin("B001")                              # NT$15 fine
    clock.set(2026, 12, 5, 12)
    data = HEADER + b"2026-12-05 11:00:00 000\tpayment\tP001\t10\n"
    replay = Replay(replay_desk, parse_koc(data, tz=TZ).entries)
    replay.run()
    assert replay.lines[0].status == APPLIED and replay.lines[0].receipt_no
    with desk.library.sessions() as session:
        assert session.scalars(select(Payment.amount)).all() == [10]
    Replay(replay_desk, parse_koc(data, tz=TZ).entries).run()
    with desk.library.sessions() as session:
        assert session.scalars(select(Payment.amount)).all() == [10]


def test_journal_exports_to_koc_and_reads_back(tmp_path) -> None:  # noqa: ANN001
    journal = Journal(tmp_path / "j.jsonl", "MAIN-1")
    journal.append("checkout", "B001", at=at(2, 10).replace(microsecond=42000), patron="P001")
    journal.append("checkin", "B002", at=at(2, 9))
    text = export_koc(read_journal(tmp_path / "j.jsonl").entries, tz=TZ)
    lines = text.splitlines()
    assert lines[0].startswith("Version=1.0\tGenerator=")
    assert lines[1] == "2026-11-02 09:00:00 000\treturn\tB002"
    assert lines[2] == "2026-11-02 10:00:00 042\tissue\tP001\tB001"
    back = parse_koc(text.encode(), tz=TZ)
    assert back.problems == []
    assert [(e.kind, e.item, e.at) for e in back.entries] == [
        ("checkin", "B002", at(2, 9)), ("checkout", "B001", at(2, 10).replace(microsecond=42000))]


def test_identical_lines_are_two_transactions() -> None:
    line = b"2026-11-02 10:00:00 123\treturn\tB001\n"
    koc = parse_koc(HEADER + line + line, tz=TZ)
    assert len({e.txn_id for e in koc.entries}) == 2
