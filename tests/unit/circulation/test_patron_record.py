"""The patron screen's queries: returned loans paged by keyset (no row twice, none lost, also
when returns share a time), the messages on the record, unknown cards. SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from desk.circulation import CirculationRefused
from desk.circulation.queries.patron_record import (MESSAGE_SOURCES, PatronMessage, loan_history,
                                                    patron_messages, patron_proxies)
from tests.support.clock import FakeClock
from tests.support.small_library import Desk


def test_history_pages_cover_every_return_once(any_desk: Desk, clock: FakeClock) -> None:
    returned = []
    for n in range(1, 8):
        barcode = f"B{n:03d}"
        any_desk.main.checkout("P003", barcode)
        clock.advance(hours=1)
        any_desk.main.checkin(barcode)
        returned.append(barcode)
    for barcode in ("B008", "B009", "B010"):    # B008, B009 returned at the very same moment
        any_desk.main.checkout("P003", barcode)
    clock.advance(days=100)
    any_desk.main.checkin("B008")
    any_desk.main.checkin("B009")
    first = loan_history(any_desk.library, "P003", limit=3)
    assert first.total == 9
    assert [loan.item_barcode for loan in first.loans] == ["B009", "B008", "B007"]
    assert first.loans[0].late and not first.loans[2].late
    seen = [loan.item_barcode for loan in first.loans]
    page = first
    while page.after is not None:
        page = loan_history(any_desk.library, "P003", after=page.after, limit=3)
        assert page.total is None
        seen += [loan.item_barcode for loan in page.loans]
    assert seen == ["B009", "B008", *reversed(returned)]


def test_no_history_and_an_unknown_card(any_desk: Desk) -> None:
    page = loan_history(any_desk.library, "P002")
    assert (page.loans, page.after, page.total) == ([], None, 0)
    for query in (loan_history, patron_messages, patron_proxies):
        with pytest.raises(CirculationRefused) as error:
            query(any_desk.library, "P999")
        assert error.value.codes == ["patron_not_found"]


def test_messages_come_from_every_source(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    assert patron_messages(desk.library, "P007") == [PatronMessage("block", "證件遺失")]
    assert patron_messages(desk.library, "P001") == []
    extra = PatronMessage("claim", "claims returned, form 12")
    monkeypatch.setattr("desk.circulation.queries.patron_record.MESSAGE_SOURCES",
                        [*MESSAGE_SOURCES, lambda _session, _patron: [extra]])
    assert patron_messages(desk.library, "P001") == [extra]
