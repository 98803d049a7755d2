"""The hold-ready notice is written by the trap itself: none while the book travels, one when it
reaches the pickup shelf, none when the checkin is refused (same transaction), one for the next
patron when a shelf clearance retraps the copy."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from desk.circulation.notices import CirculationRefused
from desk.models import Patron, PatronNotice
from tests.support.clock import FakeClock
from tests.support.small_library import Desk


def _notices(desk: Desk) -> list[tuple[str, str, dict[str, object]]]:
    with desk.library.sessions() as session:
        return [(barcode, n.kind, json.loads(n.params)) for n, barcode in session.execute(
            select(PatronNotice, Patron.barcode).join(Patron, Patron.id == PatronNotice.patron_id)
            .order_by(PatronNotice.id))]


def test_a_hold_in_transit_is_announced_when_it_reaches_the_pickup_shelf(any_desk: Desk) -> None:
    any_desk.main.checkout("P001", "B100")
    any_desk.main.checkout("P001", "B101")
    any_desk.main.place_hold("P002", "B100", pickup_location="LAW")
    assert any_desk.main.checkin("B100").route == "transit"
    assert _notices(any_desk) == []
    assert any_desk.law.checkin("B100").route == "holds_shelf"
    ((patron, kind, params),) = _notices(any_desk)
    assert (patron, kind, params["title"]) == ("P002", "hold_ready", "三國演義")
    assert params["location"] != "" and len(str(params["until"])) == 10


def test_a_refused_checkin_queues_nothing(any_desk: Desk) -> None:
    any_desk.main.checkout("P001", "B100")
    any_desk.main.checkout("P001", "B101")
    any_desk.main.place_hold("P002", "B100")
    with pytest.raises(CirculationRefused):
        any_desk.main.checkin("B100", returned_at=datetime(2030, 1, 1).astimezone())
    assert _notices(any_desk) == []


def test_a_retrapped_copy_tells_the_next_patron(any_desk: Desk, clock: FakeClock) -> None:
    any_desk.main.checkout("P001", "B100")
    any_desk.main.checkout("P001", "B101")
    any_desk.main.place_hold("P002", "B100")
    any_desk.main.place_hold("P003", "B100")
    any_desk.main.checkin("B100")
    clock.advance(days=30)
    any_desk.main.clear_holds_shelf("MAIN")
    assert [(p, k) for p, k, _ in _notices(any_desk)] == [("P002", "hold_ready"),
                                                           ("P003", "hold_ready")]
