"""Cancelling a missing-book search or a withdrawn-area retrieval the patron no longer wants:
an open request just ends; a found or fetched one's hold ends and the book goes where an
uncollected one goes (the shelf by way of checkin, the withdrawn area); closed requests and
bad arguments are refused, changing nothing; every cancel is audited with its reason. On
SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desk.circulation import CirculationRefused
from desk.models import AuditEvent, Hold, Item, RetrievalRequest, SearchRequest
from desk.wording import set_language
from tests.support import db_state
from tests.support.clock import FakeClock
from tests.support.small_library import Desk


@pytest.fixture
def desk(any_desk: Desk) -> Desk:
    any_desk.library.add_item("W002", "善本書目", location="MAIN", staff_flag="withdrawn_area",
                              loanable=False)
    return any_desk


def item_status(desk: Desk, barcode: str) -> str:
    with desk.library.sessions() as s:
        return s.scalars(select(Item.status).where(Item.barcode == barcode)).one()


def hold_status(desk: Desk, hold_id: int) -> str:
    with desk.library.sessions() as s:
        hold = s.get(Hold, hold_id)
        assert hold is not None
        return hold.status


def refused(call: object, *args: object) -> CirculationRefused:
    with pytest.raises(CirculationRefused) as error:
        call(*args)  # type: ignore[operator]
    return error.value


def audits(desk: Desk, action: str) -> list[AuditEvent]:
    with desk.library.sessions() as s:
        rows = list(s.scalars(select(AuditEvent).where(AuditEvent.action == action)
                              .order_by(AuditEvent.id)))
        s.expunge_all()
        return rows


def test_an_open_search_simply_ends_cancelled(desk: Desk, clock: FakeClock) -> None:
    request_id = desk.main.request_search("P001", "B001")
    clock.advance(hours=2)
    done = desk.main.cancel_search(request_id, "  已自行購買  ")
    assert (done.kind, done.request_id, done.item_barcode, done.patron_barcode) == (
        "search", request_id, "B001", "P001")
    assert done.hold_id is None and done.put_back == "none"
    assert "nothing to move" in done.instruction
    assert item_status(desk, "B001") == "available"
    with desk.library.sessions() as s:
        row = s.get(SearchRequest, request_id)
        assert row is not None
        assert (row.status, row.cancel_reason, row.closed_by) == (
            "cancelled", "已自行購買", desk.main.staff_id)
        assert row.closed_at == clock()
    # off the search list: scanning the book no longer finds it; a new search may be made
    assert refused(desk.main.search_found, "B001").codes == ["search_not_on_list"]
    desk.main.request_search("P002", "B001")
    [audit] = audits(desk, "cancel_search")
    assert audit.outcome == "done" and audit.staff_id == desk.main.staff_id
    assert audit.detail == {"request_id": request_id, "reason": "已自行購買", "item": "B001",
                            "patron": "P001", "hold_id": None, "put_back": "none"}


def test_a_found_search_goes_off_the_holds_shelf_to_be_shelved(desk: Desk) -> None:
    request_id = desk.main.request_search("P001", "B001")
    desk.main.place_hold("P002", "B001")      # another patron waits for the title
    found = desk.main.search_found("B001")
    done = desk.main.cancel_search(request_id, "patron left town")
    assert done.hold_id == found.hold_id and done.put_back == "shelf"
    assert "off the holds shelf" in done.instruction and "checkin" in done.instruction
    assert hold_status(desk, found.hold_id) == "cancelled"
    assert item_status(desk, "B001") == "holds_cleared"
    # the patron's hold no longer keeps it: the book scanned at checkin goes to the next hold
    assert desk.main.checkin("B001").route == "holds_shelf"
    assert refused(desk.main.checkout, "P001", "B001").codes == ["item_on_hold_for_other"]
    assert audits(desk, "cancel_search")[0].detail["put_back"] == "shelf"  # type: ignore[index]


def test_a_found_search_with_no_other_hold_is_shelved_at_checkin(desk: Desk) -> None:
    request_id = desk.main.request_search("P001", "B001")
    desk.main.search_found("B001")
    desk.main.cancel_search(request_id, "不需要了")
    assert desk.main.checkin("B001").route == "shelve"
    assert item_status(desk, "B001") == "available"


def test_a_fetched_retrieval_goes_back_to_the_withdrawn_area(desk: Desk) -> None:
    request_id = desk.main.request_retrieval("P001", "W001")
    ready = desk.main.retrieval_fetched("W001")
    set_language("zh_TW")
    try:
        done = desk.main.cancel_retrieval(request_id, "讀者取消")
    finally:
        set_language("en")
    assert done.kind == "retrieval" and done.put_back == "withdrawn_area"
    assert done.hold_id == ready.hold_id
    assert "歸回撤架區" in done.instruction and "W001" in done.instruction
    assert hold_status(desk, ready.hold_id) == "cancelled"
    assert item_status(desk, "W001") == "holds_cleared"
    with desk.library.sessions() as s:
        row = s.get(RetrievalRequest, request_id)
        assert row is not None
        assert (row.status, row.cancel_reason, row.closed_by) == (
            "cancelled", "讀者取消", desk.main.staff_id)
    # scanned at checkin it goes to staff, as any withdrawn-area book; a new request may be made
    assert desk.main.checkin("W001").route == "staff"
    desk.main.request_retrieval("P002", "W001")


def test_an_open_retrieval_ends_without_moving_anything(desk: Desk) -> None:
    request_id = desk.main.request_retrieval("P001", "W001")
    done = desk.main.cancel_retrieval(request_id, "不需要了")
    assert done.put_back == "none" and done.hold_id is None
    assert item_status(desk, "W001") == "available"
    assert refused(desk.main.retrieval_fetched, "W001").codes == ["retrieval_not_on_list"]


def test_closed_requests_are_refused_naming_their_state(desk: Desk, clock: FakeClock) -> None:
    main = desk.main
    # search: found and collected, not found, cancelled
    collected = main.request_search("P001", "B001")
    main.search_found("B001")
    main.checkout("P001", "B001")
    unfound = main.request_search("P001", "B002")
    main.search_not_found(unfound)
    cancelled = main.request_search("P001", "B003")
    main.cancel_search(cancelled, "x")
    # retrieval: lent for reading, collected, cancelled
    lent = main.request_retrieval("P001", "W002")
    main.retrieval_fetched("W002")
    main.lend_for_reading("W002", id_kept="學生證 110305001")
    borrowed = main.request_retrieval("P002", "W001")
    main.retrieval_fetched("W001")
    main.checkout("P002", "W001")
    before = db_state.rows(desk.library)
    for call, request_id, state in (
            (main.cancel_search, collected, "found and collected"),
            (main.cancel_search, unfound, "not found"),
            (main.cancel_search, cancelled, "cancelled"),
            (main.cancel_retrieval, lent, "lent for reading in the library"),
            (main.cancel_retrieval, borrowed, "collected")):
        error = refused(call, request_id, "x")
        assert error.codes == ["request_closed"], (request_id, state)
        assert state in str(error) and str(request_id) in str(error)
    assert db_state.rows(desk.library) == before
    assert [a.outcome for a in audits(desk, "cancel_search")][-3:] == ["refused"] * 3


def test_a_found_search_cleared_from_the_shelf_is_closed(desk: Desk, clock: FakeClock) -> None:
    request_id = desk.main.request_search("P001", "B001")
    desk.main.search_found("B001")
    clock.advance(days=11)
    desk.main.clear_holds_shelf("MAIN")
    error = refused(desk.main.cancel_search, request_id, "x")
    assert error.codes == ["request_closed"] and "not collected in time" in str(error)


def test_a_held_book_is_cancelled_where_it_is_kept(desk: Desk) -> None:
    request_id = desk.main.request_search("P001", "B001")
    desk.main.search_found("B001")
    error = refused(desk.law.cancel_search, request_id, "x")
    assert error.codes == ["request_cancel_elsewhere"] and "總圖" in str(error)
    assert item_status(desk, "B001") == "on_holds_shelf"
    # an open one may be cancelled from any desk: nothing is to be moved
    other = desk.main.request_search("P001", "B002")
    assert desk.law.cancel_search(other, "x").put_back == "none"


def test_bad_ids_and_reasons_are_refused(desk: Desk) -> None:
    main = desk.main
    request_id = main.request_search("P001", "B001")
    retrieval = main.request_retrieval("P001", "W001")
    before = db_state.rows(desk.library)
    for call in (main.cancel_search, main.cancel_retrieval):
        assert refused(call, 9999, "x").codes == [
            "search_request_not_found" if call == main.cancel_search
            else "retrieval_request_not_found"]
        assert refused(call, 0, "x").codes == ["number_out_of_range"]
        assert refused(call, "1", "x").codes == ["argument_type"]
        assert refused(call, True, "x").codes == ["argument_type"]
    for reason in ("", "   ", None, "x" * 501, "bad\x00reason"):
        assert refused(main.cancel_search, request_id, reason).codes[0] in (
            "text_empty", "argument_type", "text_too_long", "text_control_characters"), reason
        assert refused(main.cancel_retrieval, retrieval, reason).codes
    # a search id is not a retrieval id: each kind looks in its own table
    assert refused(main.cancel_retrieval, request_id + 1000, "x").codes == [
        "retrieval_request_not_found"]
    assert db_state.rows(desk.library) == before
    refusals = [a for a in audits(desk, "cancel_search") if a.outcome == "refused"]
    assert len(refusals) == 9
    assert audits(desk, "cancel_retrieval")[0].codes == "retrieval_request_not_found"
