"""The read-only queries on the small library: what they return, what they refuse, and that
they answer from the indexes (SQLite query plans)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
from sqlalchemy import event

from desk.circulation import CirculationRefused, Override
from desk.circulation.queries import (HistoryEvent, ItemStatus, PatronSummary, find_items,
                                      find_patrons, holds_shelf, item_status, locations,
                                      patron_history,
                                      patron_summary)
from tests.support.small_library import Desk

BIG_TABLES = ("patrons", "items", "loans", "holds", "charges", "biblios", "audit_events")


@contextmanager
def recorded_sql(library) -> Iterator[list[tuple[str, object]]]:
    statements: list[tuple[str, object]] = []

    def record(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    event.listen(library.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(library.engine, "before_cursor_execute", record)


def full_scans(library, statements: list[tuple[str, object]]) -> list[str]:
    """The plan lines that read a whole big table (SCAN, as opposed to an indexed SEARCH)."""
    scans = []
    with library.engine.connect() as connection:
        raw = connection.connection.driver_connection
        for statement, parameters in statements:
            for row in raw.execute("EXPLAIN QUERY PLAN " + statement, parameters or ()):
                detail = row[-1]
                if detail.startswith("SCAN") and any(
                        f"SCAN {table}" in detail for table in BIG_TABLES):
                    scans.append(f"{detail}  <-  {statement.split(chr(10))[0][:80]}")
    return scans


def test_patron_summary_counts_loans_holds_and_fines(desk: Desk, clock) -> None:
    lib = desk.library
    desk.main.checkout("P001", "B001")
    desk.main.checkout("P001", "C001")
    desk.main.place_hold("P001", "B100")
    desk.main.place_hold("P001", "L001", pickup_location="LAW")
    clock.advance(days=10)  # the CD (7 days) is overdue, the book (30 days) is not
    summary = patron_summary(lib, "P001")
    assert isinstance(summary, PatronSummary)
    assert (summary.barcode, summary.name, summary.category) == ("P001", "陳小明", "student")
    assert summary.expired is False and summary.blocked is False and summary.photo is None
    assert summary.loans_count == 2 and summary.overdue_count == 1
    assert [row.item_barcode for row in summary.loans] == ["C001", "B001"]  # by due date
    cd = summary.loans[0]
    assert cd.overdue and cd.title == "Python 入門" and cd.renewals == 0 and not cd.hourly
    # Due 2026-11-09 23:59, now 2026-11-12 10:00: three open days at NT$10.
    assert cd.accruing_fine == 30 and summary.accruing_fines == 30
    assert summary.holds_count == 2 and summary.waiting_holds_count == 0
    assert {(h.title, h.pickup_location, h.status) for h in summary.holds} == {
        ("三國演義", "總圖", "pending"), ("民法總則", "法學分館", "pending")}
    assert summary.balance == 0 and summary.charges == []
    assert [n.code for n in summary.block_reasons] == ["patron_has_overdue"]
    # The summary is a frozen snapshot.
    with pytest.raises(dataclasses.FrozenInstanceError):
        summary.name = "x"  # type: ignore[misc]


def test_patron_summary_shows_charges_and_checkout_refusals(desk: Desk, clock) -> None:
    desk.main.checkout("P002", "B002")
    clock.advance(days=35)
    desk.main.checkin("B002")  # 5 days late at NT$5
    summary = patron_summary(desk.library, "P002")
    assert summary.balance == 25 and summary.loans == [] and summary.accruing_fines == 0
    assert [(c.kind, c.amount, c.outstanding) for c in summary.charges] == [("overdue", 25, 25)]
    assert [n.code for n in summary.block_reasons] == ["patron_owes_fines"]
    desk.main.pay("P002", 25, "cash")
    summary = patron_summary(desk.library, "P002")
    assert summary.balance == 0 and summary.charges == [] and summary.block_reasons == []


def test_patron_summary_expired_and_blocked(desk: Desk) -> None:
    expired = patron_summary(desk.library, "P004")
    assert expired.expired and [n.code for n in expired.block_reasons] == ["patron_expired"]
    blocked = patron_summary(desk.library, "P007")
    assert blocked.blocked and blocked.block_message == "證件遺失"
    assert [n.code for n in blocked.block_reasons] == ["patron_blocked"]
    assert blocked.block_reasons[0].overridable


def test_patron_summary_photo_and_message(desk: Desk) -> None:
    desk.library.add_patron("P010", "Photo Person", "faculty", photo=b"\x89PNG-bytes",
                            message="Call the faculty office")
    summary = patron_summary(desk.library, "P010")
    assert summary.photo == b"\x89PNG-bytes" and summary.message == "Call the faculty office"


def test_patron_summary_unknown_patron_is_refused(desk: Desk) -> None:
    with pytest.raises(CirculationRefused) as refused:
        patron_summary(desk.library, "P999")
    assert refused.value.codes == ["patron_not_found"]
    with pytest.raises(CirculationRefused) as refused:
        patron_summary(desk.library, "   ")
    assert refused.value.codes == ["barcode_invalid"]


def test_patron_summary_unknown_desk_is_refused(desk: Desk) -> None:
    with pytest.raises(CirculationRefused) as refused:
        patron_summary(desk.library, "P001", desk="NOPE")
    assert refused.value.codes == ["desk_not_found"]


def test_find_patrons_by_card_prefix_and_name(desk: Desk) -> None:
    lib = desk.library
    assert [p.barcode for p in find_patrons(lib, "P00")] == [
        "P001", "P002", "P003", "P004", "P005", "P006", "P007"]
    assert [p.barcode for p in find_patrons(lib, "p003")] == ["P003"]  # typed in lower case
    assert [p.name for p in find_patrons(lib, "小明")] == ["陳小明"]
    assert [p.barcode for p in find_patrons(lib, "lee")] == ["P003"]  # case ignored
    hits = find_patrons(lib, "card")
    assert {p.barcode for p in hits} == {"P005", "P006"}
    assert {(p.category, p.category_name) for p in hits} == {("consortium", "Consortium card"),
                                                             ("virtual", "Virtual card")}
    assert find_patrons(lib, "P00", limit=2) == find_patrons(lib, "P00")[:2]
    row = find_patrons(lib, "P004")[0]
    assert row.expired and not row.blocked
    assert find_patrons(lib, "P007")[0].blocked
    assert find_patrons(lib, "") == [] and find_patrons(lib, "  ") == []
    assert find_patrons(lib, "%") == [] and find_patrons(lib, "_") == []  # wildcards are literal
    with pytest.raises(ValueError):
        find_patrons(lib, "P", limit=0)


def test_find_patrons_exact_card_comes_first(desk: Desk) -> None:
    desk.library.add_patron("P0010", "Someone P001", "student")
    assert [p.barcode for p in find_patrons(desk.library, "P001")] == ["P001", "P0010"]


def test_a_number_is_looked_up_as_a_card_not_inside_names(desk: Desk) -> None:
    desk.library.add_patron("123456", "Card Holder", "student")
    desk.library.add_patron("P0099", "Room 1234567 resident", "student")
    assert [p.barcode for p in find_patrons(desk.library, "123456")] == ["123456"]
    assert find_patrons(desk.library, "1234567") == []      # a number: names are not scanned
    assert [p.barcode for p in find_patrons(desk.library, "12345")] == ["123456", "P0099"]


def test_item_status_on_loan_with_history(desk: Desk, clock) -> None:
    lib = desk.library
    desk.main.checkout("P001", "B100")
    clock.advance(days=3)
    desk.main.checkin("B100")
    clock.advance(hours=1)
    loan = desk.main.checkout("P002", "B100")
    desk.main.place_hold("P003", "B101")
    status = item_status(lib, "B100")
    assert isinstance(status, ItemStatus)
    assert (status.title, status.author, status.status) == ("三國演義", "羅貫中", "on_loan")
    assert status.status_name == "on loan" and status.location == "總圖"
    assert status.location_code == "MAIN" and status.current_location is None
    assert status.due_at == loan.due_at
    assert (status.borrower_barcode, status.borrower_name) == ("P002", "王大同")
    assert status.holds_count == 1  # the title's hold, placed through the other copy
    assert [(h.patron_barcode, h.returned_at is None) for h in status.history] == [
        ("P002", True), ("P001", False)]


def test_item_status_in_transit_and_accessories(desk: Desk) -> None:
    desk.main.checkout("P001", "L001")
    desk.main.checkin("L001")  # a LAW item returned at MAIN goes in transit to LAW
    status = item_status(desk.library, "L001")
    assert status.status == "in_transit" and status.current_location == "法學分館"
    assert status.borrower_barcode is None and status.due_at is None
    cd = item_status(desk.library, "C001")
    assert cd.accessories == "1 CD-ROM" and cd.item_type == "cd" and cd.history == []


def test_item_status_unknown_item_is_refused(desk: Desk) -> None:
    with pytest.raises(CirculationRefused) as refused:
        item_status(desk.library, "X404")
    assert refused.value.codes == ["item_not_found"]


def test_find_items_by_barcode_and_title(desk: Desk) -> None:
    lib = desk.library
    assert [i.barcode for i in find_items(lib, "B10")] == ["B100", "B101"]
    assert [i.barcode for i in find_items(lib, "三國")] == ["B100", "B101"]
    assert [i.barcode for i in find_items(lib, "dune")] == ["F001"]  # case ignored
    assert [i.barcode for i in find_items(lib, "入門")] == ["C001"]
    assert [i.barcode for i in find_items(lib, "b001")][0] == "B001"
    assert find_items(lib, "f001")[0].location == "總圖"
    assert find_items(lib, "nothing like this") == [] and find_items(lib, "") == []


def test_a_number_is_looked_up_as_a_barcode_not_inside_titles(desk: Desk) -> None:
    desk.library.add_item("300180000012", "Report 300180000012 of the survey", location="MAIN")
    desk.library.add_item("3001800000129", "Another report", location="MAIN")
    found = find_items(desk.library, "300180000012")
    assert [i.barcode for i in found] == ["300180000012", "3001800000129"]  # barcodes only
    assert find_items(desk.library, "2024001") == []
    desk.library.add_item("X77", "Annual statistics 2024001", location="MAIN")
    assert find_items(desk.library, "2024001") == []    # six digits or more: not a title word
    assert [i.barcode for i in find_items(desk.library, "20240")] == ["X77"]


def test_holds_shelf_lists_waiting_holds_and_expiry(desk: Desk, clock) -> None:
    lib = desk.library
    desk.main.checkout("P002", "B100")
    desk.main.place_hold("P001", "B100")
    desk.main.checkin("B100")  # trapped for P001 on the MAIN holds shelf
    assert holds_shelf(lib, "LAW") == []
    [waiting] = holds_shelf(lib, "MAIN")
    assert (waiting.patron_barcode, waiting.patron_name, waiting.masked_name) == (
        "P001", "陳小明", "陳○明")
    assert waiting.card_last4 == "P001" and waiting.item_barcode == "B100"
    assert waiting.title == "三國演義" and not waiting.expired
    assert waiting.shelf_expires_at > waiting.waiting_since
    clock.now = waiting.shelf_expires_at + timedelta(minutes=1)
    assert holds_shelf(lib, "MAIN")[0].expired
    desk.main.clear_holds_shelf("MAIN")
    assert holds_shelf(lib, "MAIN") == []
    with pytest.raises(CirculationRefused) as refused:
        holds_shelf(lib, "NOWHERE")
    assert refused.value.codes == ["location_not_found"]


def test_patron_history_merges_audit_and_returns(desk: Desk, clock) -> None:
    lib = desk.library
    desk.main.checkout("P003", "B001")
    clock.advance(days=1)
    desk.main.checkin("B001")
    clock.advance(hours=1)
    with pytest.raises(CirculationRefused):
        desk.main.checkout("P004", "B002")  # expired card: refused, audited
    desk.main.checkout("P004", "B002", override=Override({"patron_expired"}, desk.boss,
                                                         "renewing the card today"))
    history = patron_history(lib, "P003")
    assert [(e.action, e.item_barcode) for e in history] == [
        ("return", "B001"), ("checkout", "B001")]
    assert all(isinstance(e, HistoryEvent) for e in history)
    assert history[1].staff_name == "林館員" and history[1].title == "書名 1"
    expired = patron_history(lib, "P004")
    assert [(e.action, e.outcome) for e in expired] == [
        ("checkout", "overridden"), ("checkout", "refused")]
    assert expired[0].reason == "renewing the card today"
    assert expired[1].codes == "patron_expired"
    assert len(patron_history(lib, "P003", limit=1)) == 1
    with pytest.raises(CirculationRefused):
        patron_history(lib, "P999")


def test_queries_answer_from_indexes(desk: Desk, clock) -> None:
    """Every lookup is an indexed SEARCH; only the name and title substring searches scan."""
    lib = desk.library
    desk.main.checkout("P001", "B100")
    desk.main.place_hold("P002", "B100")
    desk.main.checkin("B100")
    desk.main.checkout("P001", "B001")
    with recorded_sql(lib) as statements:
        patron_summary(lib, "P001")
        item_status(lib, "B100")
        holds_shelf(lib, "MAIN")
        patron_history(lib, "P001")
        find_patrons(lib, "P00", limit=3)   # enough card prefixes: no name search
        find_items(lib, "B00", limit=3)
    assert statements
    assert full_scans(lib, statements) == []


def test_substring_search_is_the_only_scan(desk: Desk) -> None:
    with recorded_sql(desk.library) as statements:
        find_patrons(desk.library, "小明")
    scans = full_scans(desk.library, statements)
    assert scans and all("SCAN patrons" in line for line in scans)


def test_queries_on_any_database(any_desk: Desk) -> None:
    lib = any_desk.library
    any_desk.main.checkout("P001", "B001")
    assert patron_summary(lib, "P001").loans_count == 1
    assert [p.barcode for p in find_patrons(lib, "P00", limit=2)] == ["P001", "P002"]
    assert [p.barcode for p in find_patrons(lib, "LEE")] == ["P003"]
    assert [i.barcode for i in find_items(lib, "三國")] == ["B100", "B101"]
    assert item_status(lib, "B001").borrower_barcode == "P001"
    assert holds_shelf(lib, "MAIN") == []
    assert patron_history(lib, "P001")[0].action == "checkout"


def test_locations_for_the_picker(desk: Desk) -> None:
    assert locations(desk.library) == [("LAW", "法學分館"), ("MAIN", "總圖")]


def test_a_typed_card_number_does_not_scan_names(desk: Desk) -> None:
    with recorded_sql(desk.library) as statements:
        assert find_patrons(desk.library, "2001800000") == []
    assert statements and full_scans(desk.library, statements) == []


def test_title_search_fills_up_with_substring_hits(desk: Desk) -> None:
    desk.library.add_item("X001", "書名大全", location="MAIN")
    hits = [i.barcode for i in find_items(desk.library, "書名")]
    # Title prefixes first ("書名 1".."書名 12" and "書名大全"), sorted by title.
    assert len(hits) == 13 and set(hits) == {f"B{n:03d}" for n in range(1, 13)} | {"X001"}
    assert [i.barcode for i in find_items(desk.library, "名 1")] == ["B001", "B010", "B011",
                                                                     "B012"]
