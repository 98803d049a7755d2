"""The desk's search and retrieval lists and the item's request notes (SOP 5.12.3.1)."""

from __future__ import annotations

from datetime import date

import pytest

from desk import wording
from desk.circulation import CirculationRefused
from desk.circulation.queries.requests import item_request_notes, retrieval_list, search_list
from tests.support.clock import FakeClock
from tests.support.small_library import Desk


@pytest.fixture
def desk(any_desk: Desk) -> Desk:
    any_desk.library.add_item("W002", "善本書目", location="MAIN", staff_flag="withdrawn_area",
                              loanable=False)
    return any_desk


def test_search_list(desk: Desk, clock: FakeClock) -> None:
    desk.main.request_search("P001", "B002", reply_by=date(2026, 11, 3))
    desk.main.request_search("P002", "B001")
    desk.law.request_search("P001", "L001")
    clock.set(2026, 11, 4)
    rows = search_list(desk.library, "MAIN")
    assert [(r.item_barcode, r.patron_name, r.overdue) for r in rows] == [
        ("B002", "陳小明", True), ("B001", "王大同", False)]
    assert [r.item_barcode for r in search_list(desk.library, "LAW")] == ["L001"]
    with pytest.raises(CirculationRefused) as error:
        search_list(desk.library, "NOWHERE")
    assert error.value.codes == ["location_not_found"]


def test_retrieval_list_follows_each_request(desk: Desk, clock: FakeClock) -> None:
    desk.main.request_retrieval("P001", "W001")
    desk.main.request_retrieval("P002", "W002")
    assert [(r.item_barcode, r.status) for r in retrieval_list(desk.library, "MAIN")] == [
        ("W001", "open"), ("W002", "open")]
    desk.main.retrieval_fetched("W001")
    desk.main.retrieval_fetched("W002")
    desk.main.lend_for_reading("W002", id_kept="學生證")
    rows = {r.item_barcode: r for r in retrieval_list(desk.library, "MAIN")}
    assert rows["W001"].status == "fetched" and rows["W001"].held_until is not None
    assert rows["W002"].status == "lent" and rows["W002"].id_kept == "學生證"
    assert rows["W002"].due_at is not None and not rows["W002"].loanable
    # the patron borrows W001; W002 comes back: the ID is returned, the list is empty
    desk.main.checkout("P001", "W001")
    desk.main.checkin("W002")
    assert retrieval_list(desk.library, "MAIN") == []


def test_item_notes(desk: Desk, clock: FakeClock) -> None:
    assert item_request_notes(desk.library, "W001") == []
    desk.main.request_retrieval("P001", "W001")
    assert item_request_notes(desk.library, "W001") == []      # noted once fetched
    desk.main.retrieval_fetched("W001")
    wording.set_language("zh_TW")
    assert item_request_notes(desk.library, "W001") == ["撤架區取書申請/陳小明/2026-11-02"]
    wording.set_language("en")
    desk.main.request_search("P002", "B001")
    assert item_request_notes(desk.library, "B001") == [
        "Search request/王大同/2026-11-02, reply by 2026-11-07"]
    with pytest.raises(CirculationRefused) as error:
        item_request_notes(desk.library, "NOTHING")
    assert error.value.codes == ["item_not_found"]
