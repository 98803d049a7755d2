"""Keyed-in paper slips: field checks, durable slip book, one entry per item, no double keying."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from desk.circulation.offline.journal import read_journal
from desk.circulation.offline.slips import (ManualSlip, SlipBook, check_barcode, check_slip_no,
                                            parse_kind, parse_when)
from tests.support.clock import TAIPEI

NOW = datetime(2026, 11, 3, 9, 0, tzinfo=TAIPEI)


@pytest.mark.parametrize("text,expected", [
    ("2026-11-02 14:30", datetime(2026, 11, 2, 14, 30, tzinfo=TAIPEI)),
    ("11-02 14:30", datetime(2026, 11, 2, 14, 30, tzinfo=TAIPEI)),
    ("1102 1430", datetime(2026, 11, 2, 14, 30, tzinfo=TAIPEI)),
    ("12-31 10:00", datetime(2025, 12, 31, 10, 0, tzinfo=TAIPEI)),   # last year's
    ("2026-11-02", datetime(2026, 11, 2, 23, 59, tzinfo=TAIPEI)),
])
def test_dates_as_written_on_slips(text: str, expected: datetime) -> None:
    assert parse_when(text, tz=TAIPEI, now=NOW) == expected


@pytest.mark.parametrize("text", ["", "yesterday", "2026-13-02 10:00", "2026-11-04 10:00",
                                  "0230 1000"])
def test_bad_dates_get_a_message(text: str) -> None:
    assert isinstance(parse_when(text, tz=TAIPEI, now=NOW), str)


def test_field_checks() -> None:
    assert check_slip_no("", set()) and check_slip_no("M-1", {"M-1"})
    assert check_slip_no("M-2", {"M-1"}) is None
    assert check_barcode("B001") is None and check_barcode("B 1") and check_barcode("\x00ab")
    assert parse_kind("c") == "checkout" and parse_kind("R") == "checkin"
    assert parse_kind("還") == "checkin" and parse_kind("x") is None


def test_slip_book_keeps_slips_durably_and_refuses_keying_twice(tmp_path: Path) -> None:
    book = SlipBook(tmp_path / "slips.jsonl", "MAIN-1", "clerk")
    slip = ManualSlip("F-0001", "checkout", "P001", ("B001", "B002"),
                      datetime(2026, 11, 2, 14, 30, tzinfo=TAIPEI))
    entries = book.add(slip)
    assert [e.txn_id for e in entries] == ["slip:F-0001:checkout:B001", "slip:F-0001:checkout:B002"]
    assert all(e.source == "slip" and e.slip_no == "F-0001" for e in entries)
    with pytest.raises(ValueError, match="already"):
        book.add(slip)
    again = SlipBook(tmp_path / "slips.jsonl", "MAIN-1")
    assert again.entries == entries and "F-0001" in again.slip_numbers
    for bad in (ManualSlip("F-2", "checkout", None, ("B1",), slip.at),
                ManualSlip("F-3", "checkin", None, (), slip.at),
                ManualSlip("F-4", "checkin", None, ("B1", "B1"), slip.at)):
        with pytest.raises(ValueError):
            again.add(bad)
    assert len(read_journal(tmp_path / "slips.jsonl").entries) == 2
