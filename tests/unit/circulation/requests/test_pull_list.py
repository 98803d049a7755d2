"""The per-location pull list, on SQLite and PostgreSQL: holds to pull and deliveries to send
from one location's shelves, in call-number order, overdue deliveries flagged, and a further
source (the searches and retrievals the lead adds) merged by one line."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from desk.circulation.requests import pull_list as pull_list_module
from desk.circulation.requests.pull_entry import PullEntry
from tests.support.clock import FakeClock
from tests.support.small_library import Desk


def test_overdue_requests_are_flagged_after_two_open_days(any_desk: Desk,
                                                          clock: FakeClock) -> None:
    any_desk.library.set_closed_days("MAIN", [date(2026, 11, 3)])
    any_desk.law.request_delivery("P001", "B001", pickup_location="LAW", method="cash")
    clock.set(2026, 11, 5, 23, 0)   # open days Wed 4 and Thu 5: still in time
    assert not any_desk.main.pull_list()[0].overdue
    clock.set(2026, 11, 6, 9, 0)
    [entry] = any_desk.main.pull_list()
    assert entry.overdue


def test_holds_to_pull_are_on_the_pull_list(any_desk: Desk) -> None:
    desk = any_desk
    desk.main.checkout("P003", "B100")      # one copy of 三國演義 out, B101 on the shelf
    hold = desk.main.place_hold("P001", "B100", pickup_location="LAW")
    entries = desk.main.pull_list()
    assert [(e.kind, e.request_id, e.item_barcode) for e in entries] == [("hold", hold, "B101")]
    assert desk.law.pull_list() == []
    desk.main.checkin("B101")               # scanned from the shelf: trapped, off the list
    assert desk.main.pull_list() == []


def test_sources_are_merged_in_call_number_order(any_desk: Desk, clock: FakeClock) -> None:
    desk = any_desk
    desk.library.add_item("B300", "Zoology", location="MAIN", call_number="590 Z1")
    desk.library.add_item("B301", "Algebra", location="MAIN", call_number="512 A1")
    desk.law.request_delivery("P001", "B300", pickup_location="LAW", method="cash")
    desk.law.request_delivery("P002", "B301", pickup_location="LAW", method="cash")

    def searches(session: Session, location_id: int, now: datetime) -> list[PullEntry]:
        return [PullEntry(kind="search", request_id=7, item_barcode="B302", title="Search me",
                          call_number="550 S1", location="MAIN", patron_barcode="P003",
                          requested_at=now, act_by=None, overdue=False)]

    with desk.library.read_sessions() as session:
        main = desk.main.location_id
        listed = pull_list_module.pull_list(session, main, clock.now,
                                            (*pull_list_module.SOURCES, searches))
    assert [(e.call_number, e.kind) for e in listed] == [
        ("512 A1", "delivery"), ("550 S1", "search"), ("590 Z1", "delivery")]
    assert [e.item_barcode for e in desk.main.pull_list()] == ["B301", "B300"]


def test_every_kind_of_request_is_on_the_pull_list(any_desk: Desk) -> None:
    """The wired sources: a hold, a delivery, a missing-book search and a withdrawn-area
    retrieval of MAIN's shelves on one list; confirming the search and the retrieval takes them
    off it."""
    desk = any_desk
    desk.library.add_item("W002", "善本書目", location="MAIN", staff_flag="withdrawn_area",
                          call_number="011.2 8743")
    desk.library.add_item("B300", "Zoology", location="MAIN", call_number="590 Z1")
    desk.main.checkout("P003", "B100")      # one copy of 三國演義 out, B101 on the shelf
    desk.main.place_hold("P001", "B100", pickup_location="LAW")
    desk.law.request_delivery("P001", "B300", pickup_location="LAW", method="cash")
    desk.main.request_search("P002", "B001")
    desk.main.request_retrieval("P002", "W002")
    kinds = {e.kind: e.item_barcode for e in desk.main.pull_list()}
    assert kinds == {"hold": "B101", "delivery": "B300", "search": "B001", "retrieval": "W002"}
    listed = [e.call_number for e in desk.main.pull_list()]
    assert listed == sorted(listed)
    desk.main.search_found("B001")
    desk.main.retrieval_fetched("W002")
    assert {e.kind for e in desk.main.pull_list()} == {"hold", "delivery"}


def test_each_hold_gets_a_copy_of_its_own_oldest_hold_first(any_desk: Desk,
                                                            clock: FakeClock) -> None:
    """Copies on MAIN's shelf to lend, one per hold in the order the holds were placed: not a
    copy that cannot be lent, not one promised to a delivery, not one at another location."""
    desk = any_desk
    for barcode, details in (("B400", {}), ("B401", {"loanable": False}), ("B402", {}),
                             ("B403", {})):
        desk.library.add_item(barcode, "水滸傳", location="MAIN", author="施耐庵",
                              call_number=f"857.46 {barcode}", **details)
    desk.library.add_item("B404", "水滸傳", location="LAW", author="施耐庵")
    desk.law.request_delivery("P002", "B403", pickup_location="LAW", method="cash")
    first = desk.main.place_hold("P003", "B400")
    clock.advance(minutes=5)
    second = desk.main.place_hold("P001", "B400")
    clock.advance(minutes=5)
    third = desk.main.place_hold("P002", "B400")    # no third copy to lend at MAIN
    holds = [(e.request_id, e.item_barcode, e.patron_barcode)
             for e in desk.main.pull_list() if e.kind == "hold"]
    assert sorted(holds) == [(first, "B400", "P003"), (second, "B402", "P001")]
    assert third not in {request for request, _, _ in holds}
    assert [e.item_barcode for e in desk.law.pull_list() if e.kind == "hold"] == ["B404"]


def test_holds_are_matched_from_the_holds_on_a_library_never_analysed(desk: Desk) -> None:
    """SQLite without statistics (a desk's file is never analysed) reads the pending holds first
    and looks their copies up in the shelf index, instead of reading every copy on the shelves
    (the 1M-item library: 170,000 copies at one location, 30 times slower)."""
    from sqlalchemy import event

    statements: list[tuple[str, object]] = []
    with desk.library.read_sessions() as session:
        connection = session.connection()
        connection.exec_driver_sql("DROP TABLE IF EXISTS sqlite_stat1")

        def seen(_conn: object, _cursor: object, statement: str, parameters: object,
                 _context: object, _many: bool) -> None:
            statements.append((statement, parameters))

        event.listen(connection, "before_cursor_execute", seen)
        pull_list_module.holds_to_pull(session, desk.main.location_id, desk.library.now())
        event.remove(connection, "before_cursor_execute", seen)
        statement, parameters = next((s, p) for s, p in statements if "CROSS JOIN" in s)
        plan = [row[3] for row in connection.exec_driver_sql(
            "EXPLAIN QUERY PLAN " + statement, parameters)]  # type: ignore[arg-type]
    scans = [step for step in plan if step.startswith(("SEARCH", "SCAN"))]
    assert scans[0].startswith("SEARCH holds USING COVERING INDEX ix_holds_status_biblio")
    assert scans[1].startswith("SEARCH items USING INDEX ix_items_on_shelf")
    assert "(location_id=? AND biblio_id=?)" in scans[1]


def test_the_list_is_read_without_parallel_workers_for_its_transaction_only(
        any_desk: Desk) -> None:
    """PostgreSQL: no parallel workers while the pull list is read, the server's own setting
    again in the next transaction; SQLite: nothing to do, nothing fails."""
    from sqlalchemy import text

    show = text("SHOW max_parallel_workers_per_gather")
    with any_desk.library.read_sessions() as session:
        postgres = session.get_bind().dialect.name == "postgresql"
        default = session.execute(show).scalar() if postgres else None
        pull_list_module.without_parallel_workers(session)
        if postgres:
            assert session.execute(show).scalar() == "0"
    if postgres:
        with any_desk.library.read_sessions() as session:
            assert session.execute(show).scalar() == default
