"""One patron's requests for the patron screen's Requests tab (SQLite and PostgreSQL): every
kind, open first in meaning and newest first in order, with the date that matters next; a
closed request stays listed for a while; another patron's are not shown."""

from __future__ import annotations

import pytest

from desk.circulation import CirculationRefused
from desk.circulation.queries.patron_requests import RECENT_DAYS, patron_requests
from tests.support.clock import FakeClock
from tests.support.small_library import Desk


def test_every_kind_with_its_state_and_deadline(any_desk: Desk, clock: FakeClock) -> None:
    desk = any_desk
    desk.library.add_item("W002", "善本書目", location="MAIN", staff_flag="withdrawn_area")
    request_id, _receipt = desk.law.request_delivery("P001", "B001", pickup_location="LAW",
                                                     method="cash")
    clock.advance(minutes=1)
    search_id = desk.main.request_search("P001", "B002")
    clock.advance(minutes=1)
    retrieval_id = desk.main.request_retrieval("P001", "W002")
    desk.main.request_search("P002", "B100")
    rows = patron_requests(desk.library, "P001")
    assert [(r.kind, r.request_id, r.item_barcode, r.status, r.open) for r in rows] == [
        ("retrieval", retrieval_id, "W002", "open", True),
        ("search", search_id, "B002", "open", True),
        ("delivery", request_id, "B001", "requested", True)]
    delivery, search = rows[2], rows[1]
    assert delivery.deadline is not None and delivery.deadline > delivery.requested_at
    assert search.deadline is not None and search.deadline > search.requested_at
    assert " → " in delivery.where                       # from the owning to the pickup location

    found = desk.main.retrieval_fetched("W002")
    desk.main.search_not_found(search_id)
    rows = {r.kind: r for r in patron_requests(desk.library, "P001")}
    assert rows["retrieval"].status == "fetched"
    assert rows["retrieval"].deadline == found.held_until      # pick up by
    assert rows["search"].status == "not_found" and not rows["search"].open
    clock.advance(days=RECENT_DAYS + 1)
    assert "search" not in {r.kind for r in patron_requests(desk.library, "P001")}


def test_an_unknown_card_is_refused(any_desk: Desk) -> None:
    with pytest.raises(CirculationRefused) as refused:
        patron_requests(any_desk.library, "P999")
    assert refused.value.codes == ["patron_not_found"]


def test_a_found_search_waiting_behind_the_desk_is_open(any_desk: Desk,
                                                        clock: FakeClock) -> None:
    desk = any_desk
    search_id = desk.main.request_search("P001", "B002")
    found = desk.main.search_found("B002")
    [row] = patron_requests(desk.library, "P001")
    assert (row.request_id, row.status, row.open) == (search_id, "found", True)
    assert row.deadline == found.held_until                     # pick up by
    desk.main.cancel_search(search_id, "no longer wanted")
    [row] = patron_requests(desk.library, "P001")
    assert (row.status, row.open) == ("cancelled", False)
    # found and collected: closed
    other = desk.main.request_search("P001", "B003")
    desk.main.search_found("B003")
    desk.main.checkout("P001", "B003")
    rows = {r.request_id: r for r in patron_requests(desk.library, "P001")}
    assert rows[other].status == "found" and not rows[other].open
