"""Withdrawn-area retrieval (SOP 5.12): request, fetched (held for pickup with a notice), not
collected (back to the withdrawn area), non-loanable items lent for reading against an ID; on
SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy import select

from desk.circulation import CirculationRefused
from desk.circulation.requests.retrievals import retrieval_pull_entries
from desk.models import Hold, Item, Loan, Location, PatronNotice, RetrievalRequest
from tests.support.clock import TAIPEI, FakeClock
from tests.support.small_library import Desk


@pytest.fixture
def desk(any_desk: Desk) -> Desk:
    any_desk.library.add_item("W002", "善本書目", location="MAIN", staff_flag="withdrawn_area",
                              loanable=False, call_number="011.2 8743")
    any_desk.library.add_item("W003", "舊報合訂本", location="LAW", staff_flag="withdrawn_area")
    return any_desk


def item_status(desk: Desk, barcode: str) -> str:
    with desk.library.sessions() as s:
        return s.scalars(select(Item.status).where(Item.barcode == barcode)).one()


def request(desk: Desk, request_id: int) -> RetrievalRequest:
    with desk.library.sessions() as s:
        row = s.get(RetrievalRequest, request_id)
        assert row is not None
        s.expunge(row)
        return row


def refused(call: object, *args: object, **kwargs: object) -> list[str]:
    with pytest.raises(CirculationRefused) as error:
        call(*args, **kwargs)  # type: ignore[operator]
    return error.value.codes


def test_fetched_is_held_for_pickup_with_a_notice(desk: Desk, clock: FakeClock) -> None:
    desk.library.set_closed_days("MAIN", [date(2026, 11, 7), date(2026, 11, 8)])
    request_id = desk.main.request_retrieval("P001", "W001")
    assert request(desk, request_id).status == "open"
    ready = desk.main.retrieval_fetched("W001")
    # 7 open days from Monday 2 Nov, the weekend closed
    assert ready.held_until == datetime(2026, 11, 11, 23, 59, tzinfo=TAIPEI)
    assert ready.loanable and ready.patron_barcode == "P001"
    assert item_status(desk, "W001") == "on_holds_shelf"
    with desk.library.sessions() as s:
        assert [(n.kind, json.loads(n.params)) for n in s.scalars(select(PatronNotice))] == [
            ("retrieval_ready", {"title": "舊期刊", "location": "總圖", "until": "2026-11-11"})]
    desk.main.checkout("P001", "W001")
    assert refused(desk.main.request_retrieval, "P002", "W001") == ["item_status"]
    # once back, the next request closes the collected one (or the sweep does)
    desk.main.checkin("W001")
    desk.main.request_retrieval("P002", "W001")
    assert request(desk, request_id).status == "collected"


def test_not_collected_goes_back_to_the_withdrawn_area(desk: Desk, clock: FakeClock) -> None:
    request_id = desk.main.request_retrieval("P001", "W001")
    ready = desk.main.retrieval_fetched("W001")
    clock.set(2026, 11, 9, 23, 0)     # 7 open days from Monday 2 November
    assert desk.main.expire_retrievals() == []
    clock.set(2026, 11, 10, 9)
    assert desk.main.expire_retrievals() == ["W001"]
    assert desk.main.expire_retrievals() == []
    assert request(desk, request_id).status == "returned"
    assert item_status(desk, "W001") == "holds_cleared"
    with desk.library.sessions() as s:
        assert s.get(Hold, ready.hold_id).status == "expired"  # type: ignore[union-attr]
    # scanned back in: it goes to staff for the withdrawn area, and may be asked for again
    result = desk.main.checkin("W001")
    assert result.route == "staff"
    assert desk.main.request_retrieval("P002", "W001") > request_id


def test_shelf_clearing_first_closes_the_request(desk: Desk, clock: FakeClock) -> None:
    request_id = desk.main.request_retrieval("P001", "W001")
    desk.main.retrieval_fetched("W001")
    clock.set(2026, 11, 20)
    assert desk.main.clear_holds_shelf("MAIN").to_reshelve == ["W001"]
    assert desk.main.expire_retrievals() == []
    assert request(desk, request_id).status == "returned"


def test_non_loanable_item_is_lent_for_reading_against_an_id(desk: Desk,
                                                             clock: FakeClock) -> None:
    request_id = desk.main.request_retrieval("P001", "W002")
    ready = desk.main.retrieval_fetched("W002")
    assert not ready.loanable
    assert refused(desk.main.checkout, "P001", "W002") == ["item_not_loanable"]
    assert refused(desk.main.lend_for_reading, "W002", id_kept="  ") == ["text_empty"]
    loan = desk.main.lend_for_reading("W002", id_kept="學生證 110305001")
    assert loan.due_at == datetime(2026, 11, 2, 21, 30, tzinfo=TAIPEI)
    row = request(desk, request_id)
    assert (row.status, row.id_kept, row.loan_id) == ("lent", "學生證 110305001", loan.loan_id)
    assert item_status(desk, "W002") == "on_loan"
    with desk.library.sessions() as s:
        lent = s.get(Loan, loan.loan_id)
        assert lent is not None and lent.origin == "reading" and lent.hourly
    assert refused(desk.main.lend_for_reading, "W002", id_kept="x") == ["reading_not_waiting"]
    clock.set(2026, 11, 2, 20)
    assert desk.main.checkin("W002").route == "staff"


def test_reading_after_closing_is_due_at_the_end_of_the_day(desk: Desk,
                                                            clock: FakeClock) -> None:
    desk.main.request_retrieval("P001", "W002")
    desk.main.retrieval_fetched("W002")
    clock.set(2026, 11, 2, 22)
    loan = desk.main.lend_for_reading("W002", id_kept="身分證")
    assert loan.due_at == datetime(2026, 11, 2, 23, 59, tzinfo=TAIPEI)


def test_refusals_change_nothing(desk: Desk) -> None:
    main = desk.main
    assert refused(main.request_retrieval, "P001", "B001") == ["retrieval_not_withdrawn_area"]
    assert refused(main.request_retrieval, "P001", "W003") == ["request_other_location"]
    assert refused(main.request_retrieval, "P004", "W001") == ["patron_expired"]
    assert refused(main.retrieval_fetched, "W001") == ["retrieval_not_on_list"]
    assert refused(main.lend_for_reading, "W001", id_kept="x") == ["reading_not_waiting"]
    with desk.library.sessions() as s:
        assert s.scalars(select(RetrievalRequest)).all() == []
    main.request_retrieval("P001", "W001")
    assert refused(main.request_retrieval, "P002", "W001") == ["retrieval_exists"]
    assert refused(desk.law.retrieval_fetched, "W001") == ["retrieval_not_on_list"]
    main.retrieval_fetched("W001")
    assert refused(main.lend_for_reading, "W001", id_kept="x") == ["reading_item_loanable"]
    assert refused(main.request_retrieval, "P002", "W001") == ["retrieval_exists"]
    with desk.library.sessions() as s:
        assert s.scalars(select(PatronNotice.kind)).all() == ["retrieval_ready"]


def test_retrieval_list_entries(desk: Desk) -> None:
    desk.main.request_retrieval("P001", "W002")
    desk.main.request_retrieval("P002", "W001")
    desk.law.request_retrieval("P001", "W003")
    desk.main.retrieval_fetched("W001")
    with desk.library.sessions() as s:
        main_id = s.scalars(select(Location.id).where(Location.code == "MAIN")).one()
        entries = retrieval_pull_entries(s, main_id, desk.library.now())
    assert [(e.kind, e.item_barcode, e.patron_barcode, e.call_number, e.overdue)
            for e in entries] == [("retrieval", "W002", "P001", "011.2 8743", False)]


def test_a_reading_loan_checkin_says_to_hand_back_the_kept_id(desk: Desk,
                                                              clock: FakeClock) -> None:
    request_id = desk.main.request_retrieval("P001", "W002")
    desk.main.retrieval_fetched("W002")
    loan = desk.main.lend_for_reading("W002", id_kept="學生證 110305001")
    clock.advance(hours=2)
    returned = desk.main.checkin("W002")
    kept = [n for n in returned.notices if n.code == "reading_id_kept"]
    assert len(kept) == 1 and kept[0].params == {"id_kept": "學生證 110305001"}
    assert "hand the patron's ID" in kept[0].message and "學生證 110305001" in kept[0].message
    assert returned.loan_id == loan.loan_id and returned.route == "staff"
    row = request(desk, request_id)
    assert row.status == "lent" and row.closed_at is not None
    # only the reading loan's return says so: an ordinary loan's return does not
    desk.main.checkout("P001", "B001")
    assert all(n.code != "reading_id_kept" for n in desk.main.checkin("B001").notices)
    # nor a second scan of the book, now back
    assert all(n.code != "reading_id_kept" for n in desk.main.checkin("W002").notices)
