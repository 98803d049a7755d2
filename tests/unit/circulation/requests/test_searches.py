"""Missing-book searches (SOP 5.11): request, found (held 10 days with a notice), not found
(missing with a notice), the deadline sweep, the search list; on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from desk.circulation import CirculationRefused
from desk.circulation.requests.searches import expire_searches, search_pull_entries
from desk.models import AuditEvent, Hold, Item, Location, PatronNotice, SearchRequest
from tests.support.clock import TAIPEI, FakeClock
from tests.support.small_library import Desk


def item_status(desk: Desk, barcode: str) -> str:
    with desk.library.sessions() as s:
        return s.scalars(select(Item.status).where(Item.barcode == barcode)).one()


def notices(desk: Desk) -> list[tuple[str, dict[str, str]]]:
    with desk.library.sessions() as s:
        return [(n.kind, json.loads(n.params))
                for n in s.scalars(select(PatronNotice).order_by(PatronNotice.id))]


def search(desk: Desk, request_id: int) -> SearchRequest:
    with desk.library.sessions() as s:
        row = s.get(SearchRequest, request_id)
        assert row is not None
        s.expunge(row)
        return row


def refused(call: object, *args: object, **kwargs: object) -> list[str]:
    with pytest.raises(CirculationRefused) as error:
        call(*args, **kwargs)  # type: ignore[operator]
    return error.value.codes


def test_default_reply_by_is_five_open_days(any_desk: Desk, clock: FakeClock) -> None:
    any_desk.library.set_closed_days("MAIN", [date(2026, 11, 7), date(2026, 11, 8)])
    request_id = any_desk.main.request_search("P001", "B001")
    # Monday 2 Nov + 5 open days, the weekend closed: Monday 9 Nov, end of day
    assert search(any_desk, request_id).reply_by == datetime(2026, 11, 9, 23, 59, tzinfo=TAIPEI)
    chosen = any_desk.main.request_search("P002", "B002", reply_by=date(2026, 11, 3))
    assert search(any_desk, chosen).reply_by == datetime(2026, 11, 3, 23, 59, tzinfo=TAIPEI)


def test_found_is_held_ten_days_with_a_notice(any_desk: Desk, clock: FakeClock) -> None:
    request_id = any_desk.main.request_search("P001", "B001")
    clock.advance(days=1)
    found = any_desk.main.search_found("B001")
    assert found.request_id == request_id and found.patron_barcode == "P001"
    assert found.held_until == datetime(2026, 11, 13, 23, 59, tzinfo=TAIPEI)
    assert item_status(any_desk, "B001") == "on_holds_shelf"
    row = search(any_desk, request_id)
    assert row.status == "found" and row.hold_id == found.hold_id
    assert notices(any_desk) == [("search_found", {"title": "書名 1", "location": "總圖",
                                                   "until": "2026-11-13"})]
    # held for that patron: another is refused, the patron borrows it (the hold fulfilled)
    assert refused(any_desk.main.checkout, "P002", "B001") == ["item_on_hold_for_other"]
    any_desk.main.checkout("P001", "B001")
    with any_desk.library.sessions() as s:
        assert s.get(Hold, found.hold_id).status == "fulfilled"  # type: ignore[union-attr]
    # the search is closed: scanning it again is not on the list
    assert refused(any_desk.main.search_found, "B001") == ["search_not_on_list"]


def test_not_found_by_staff_makes_the_item_missing(any_desk: Desk) -> None:
    request_id = any_desk.main.request_search("P001", "B001")
    assert any_desk.main.search_not_found(request_id) == "B001"
    assert item_status(any_desk, "B001") == "missing"
    assert search(any_desk, request_id).status == "not_found"
    assert notices(any_desk) == [("search_not_found", {"title": "書名 1"})]
    assert refused(any_desk.main.search_not_found, request_id) == ["search_not_open"]
    # a missing item cannot be searched for again, nor lent
    assert refused(any_desk.main.request_search, "P002", "B001") == ["search_item_not_available"]


def test_sweep_ends_searches_past_their_deadline(any_desk: Desk, clock: FakeClock) -> None:
    early = any_desk.main.request_search("P001", "B001", reply_by=date(2026, 11, 3))
    later = any_desk.main.request_search("P002", "B002")
    clock.set(2026, 11, 3, 23, 0)
    assert any_desk.main.expire_searches() == []
    clock.set(2026, 11, 4, 9)
    assert any_desk.main.expire_searches() == ["B001"]
    assert any_desk.main.expire_searches() == []          # once
    assert search(any_desk, early).status == "not_found"
    assert search(any_desk, later).status == "open"
    assert item_status(any_desk, "B001") == "missing" and item_status(any_desk, "B002") == "available"
    assert [kind for kind, _ in notices(any_desk)] == ["search_not_found"]
    with any_desk.library.sessions() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "expire_searches")
                          .order_by(AuditEvent.id.desc())).first()
        assert event is not None and event.detail == {"missing": []}


def test_library_level_sweep_for_the_cli(any_desk: Desk, clock: FakeClock) -> None:
    any_desk.main.request_search("P001", "B001", reply_by=date(2026, 11, 2))
    clock.set(2026, 11, 3)
    with any_desk.library.sessions.begin() as session:
        assert expire_searches(session, clock.now) == ["B001"]
    assert item_status(any_desk, "B001") == "missing"


def test_refusals_change_nothing(any_desk: Desk, clock: FakeClock) -> None:
    main = any_desk.main
    main.checkout("P002", "B003")
    assert refused(main.request_search, "P001", "B003") == ["search_item_not_available"]
    assert refused(main.request_search, "P001", "W001") == ["search_item_not_available"]
    assert refused(main.request_search, "P001", "L001") == ["request_other_location"]
    assert refused(main.request_search, "P001", "B001",
                   reply_by=date(2026, 11, 1)) == ["reply_by_in_past"]
    assert refused(main.request_search, "P001", "B001",
                   reply_by=date(2028, 1, 1)) == ["reply_by_too_far"]
    assert refused(main.request_search, "P004", "B001") == ["patron_expired"]
    assert refused(main.request_search, "P007", "B001") == ["patron_blocked"]
    assert refused(main.request_search, "NOBODY", "B001") == ["patron_not_found"]
    assert refused(main.request_search, "P001", "NOTHING") == ["item_not_found"]
    assert refused(main.request_search, "P001", "B001", reply_by="tomorrow") == ["argument_type"]
    assert refused(main.search_found, "B001") == ["search_not_on_list"]
    assert refused(main.search_not_found, 0) == ["number_out_of_range"]
    with any_desk.library.sessions() as s:
        assert s.scalars(select(SearchRequest)).all() == []
    first = main.request_search("P001", "B001")
    assert refused(main.request_search, "P002", "B001") == ["search_exists"]
    # the law library does not take or scan the main library's searches
    assert refused(any_desk.law.search_found, "B001") == ["search_not_on_list"]
    # the item was lent meanwhile (someone else found it): found is refused, nothing changes
    main.checkout("P002", "B001")
    assert refused(main.search_found, "B001") == ["item_status"]
    assert search(any_desk, first).status == "open"
    assert notices(any_desk) == []


def test_search_list_entries(any_desk: Desk, clock: FakeClock) -> None:
    any_desk.main.request_search("P001", "B002", reply_by=date(2026, 11, 3))
    any_desk.main.request_search("P002", "B001")
    any_desk.law.request_search("P001", "L001")
    clock.set(2026, 11, 4)
    with any_desk.library.sessions() as s:
        main_id = s.scalars(select(Location.id).where(Location.code == "MAIN")).one()
        entries = search_pull_entries(s, main_id, clock.now)
    assert [(e.kind, e.item_barcode, e.patron_barcode, e.overdue) for e in entries] == [
        ("search", "B002", "P001", True), ("search", "B001", "P002", False)]
    assert entries[0].location == "MAIN" and entries[0].title == "書名 2"
    assert entries[0].act_by == datetime(2026, 11, 3, 23, 59, tzinfo=TAIPEI)
    assert entries[1].act_by is not None and entries[1].act_by - clock.now > timedelta(days=1)


def test_refusal_is_audited(any_desk: Desk) -> None:
    refused(any_desk.main.request_search, "P001", "L001")
    with any_desk.library.sessions() as s:
        event = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert event is not None
        assert (event.action, event.outcome, event.codes) == (
            "request_search", "refused", "request_other_location")


def test_an_item_that_turned_up_is_not_made_missing(any_desk: Desk, clock: FakeClock) -> None:
    request_id = any_desk.main.request_search("P001", "B001", reply_by=date(2026, 11, 3))
    any_desk.main.checkout("P002", "B001")       # found by someone and lent at the counter
    assert refused(any_desk.main.search_not_found, request_id) == ["item_status"]
    clock.set(2026, 11, 4)
    assert any_desk.main.expire_searches() == []
    assert search(any_desk, request_id).status == "cancelled"
    assert item_status(any_desk, "B001") == "on_loan"
    assert notices(any_desk) == []
