"""The offline journal: durable appends, slip numbers, torn last lines and damaged lines."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from desk.circulation.offline.journal import Journal, JournalEntry, read_journal

T0 = datetime(2026, 11, 2, 10, 0, tzinfo=ZoneInfo("Asia/Taipei"))


def test_entries_read_back_in_order(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j.jsonl", "MAIN-1")
    first = journal.append("checkout", "B001", at=T0, patron="P001", staff="clerk", due_at=T0)
    second = journal.append("checkin", "B002", at=T0)
    found = read_journal(tmp_path / "j.jsonl")
    assert found.entries == [first, second]
    assert found.bad_lines == [] and found.torn_tail == b""
    assert first.slip_no == "MAIN-1-00001" and second.slip_no == "MAIN-1-00002"
    assert first.txn_id.startswith("MAIN-1:") and first.txn_id != second.txn_id
    assert found.entries[0].at == T0 and found.entries[0].due_at == T0


def test_slip_numbers_continue_after_reopening(tmp_path: Path) -> None:
    Journal(tmp_path / "j.jsonl", "D").append("checkin", "B001", at=T0)
    again = Journal(tmp_path / "j.jsonl", "D").append("checkin", "B002", at=T0)
    assert again.slip_no == "D-00002"


def test_torn_last_line_is_tolerated_and_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    journal = Journal(path, "D")
    kept = journal.append("checkin", "B001", at=T0)
    with open(path, "ab") as handle:
        handle.write(b'{"txn_id":"D:x","slip_no":"D-00002","at":"2026-11')
    found = read_journal(path)
    assert found.entries == [kept]
    assert found.torn_tail.startswith(b'{"txn_id":"D:x"')
    reopened = Journal(path, "D")
    later = reopened.append("checkin", "B003", at=T0)
    assert read_journal(path).entries == [kept, later]
    assert later.slip_no == "D-00002"
    assert b"D:x" in (tmp_path / "j.jsonl.torn").read_bytes()


def test_whole_last_entry_without_newline_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    entry = JournalEntry(txn_id="D:1", slip_no="D-00001", at=T0, kind="checkin", item="B001")
    path.write_text(entry.to_json())
    assert read_journal(path).entries == [entry]
    Journal(path, "D").append("checkin", "B002", at=T0)
    assert [e.item for e in read_journal(path).entries] == ["B001", "B002"]


def test_damaged_line_in_the_middle_is_reported_not_skipped(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    journal = Journal(path, "D")
    journal.append("checkin", "B001", at=T0)
    with open(path, "ab") as handle:
        handle.write(b"\x00\xff garbage\n")
    journal.append("checkin", "B002", at=T0)
    found = read_journal(path)
    assert [e.item for e in found.entries] == ["B001", "B002"]
    assert [number for number, _ in found.bad_lines] == [2]


@pytest.mark.parametrize("bad", [
    dict(kind="renew", item="B001"),
    dict(kind="checkout", item="B001"),            # no patron
    dict(kind="checkin", item=""),
])
def test_invalid_entries_are_refused(bad: dict) -> None:
    with pytest.raises(ValueError):
        JournalEntry(txn_id="x", slip_no="1", at=T0, **bad)


def test_naive_time_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="aware"):
        Journal(tmp_path / "j.jsonl", "D").append("checkin", "B1", at=datetime(2026, 1, 1))
    assert read_journal(tmp_path / "j.jsonl").entries == []
