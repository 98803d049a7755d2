"""The subject-access export (issue 15, privacy): everything held on one patron, nothing of any
other, for an administrator only, audited. SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from desk.circulation import CirculationRefused
from desk.circulation.privacy import EXPORT_FORMAT, export_patron, purge_history
from desk.models import AuditEvent
from tests.support.clock import FakeClock
from tests.support.small_library import Desk
from tests.unit.circulation.privacy.support import admin, make_history


def test_export_holds_the_patrons_data_and_nothing_of_others(any_desk: Desk,
                                                              clock: FakeClock) -> None:
    library = any_desk.library
    library.add_proxy("P001", "P003", note="母親代借")
    library.add_patron("P010", "周代理人", "student")
    library.add_proxy("P010", "P001")                 # P001 may borrow for P010
    any_desk.main.place_hold("P001", "B100")
    make_history(any_desk, clock)
    data = export_patron(library.store, "P001", by=admin(library))

    assert data["format"] == EXPORT_FORMAT and data["currency"] == "TWD"
    assert data["patron"]["barcode"] == "P001" and data["patron"]["name"] == "陳小明"
    assert data["patron"]["expires_on"] == "2027-06-30"
    assert [loan["item_barcode"] for loan in data["loans"]] == ["B001", "B005"]
    assert data["loans"][0]["returned_at"] is not None and data["loans"][1]["returned_at"] is None
    assert [(c["kind"], c["amount"], c["outstanding"]) for c in data["charges"]] == \
        [("overdue", 50, 0)]
    [payment] = data["payments"]
    assert payment["amount"] == 50 and payment["method"] == "cash"
    assert payment["allocations"] == [{"charge_id": data["charges"][0]["id"], "amount": 50}]
    assert [hold["status"] for hold in data["holds"]] == ["pending"]
    assert {(p["direction"], p["name"]) for p in data["proxies"]} == \
        {("may_borrow_for_me", "Prof. Lee"), ("i_may_borrow_for", "周代理人")}
    actions = [row["action"] for row in data["audit"]]
    assert actions.count("checkout") == 2 and "place_hold" in actions

    text = json.dumps(data, ensure_ascii=False)
    for other in ("P002", "王大同", "B003\", \"title\": \"書名 3\", \"out_at", "P003", "P010"):
        assert other not in text, other
    assert "B004" not in text and "B006" not in text      # other patrons' loans
    json.loads(text)                                        # plain JSON throughout

    with library.read_sessions() as session:
        event = session.scalars(select(AuditEvent).where(
            AuditEvent.action == "privacy_export")).one()
    assert event.patron_barcode == "P001" and event.detail["sections"]["loans"] == 2


def test_anonymised_loans_are_no_longer_the_patrons(any_desk: Desk, clock: FakeClock) -> None:
    library = any_desk.library
    make_history(any_desk, clock)
    purge_history(library.store, by=admin(library))
    data = export_patron(library.store, "P001", by=admin(library))
    assert [loan["item_barcode"] for loan in data["loans"]] == ["B005"]
    assert [c["amount"] for c in data["charges"]] == [50]        # the money record stays


def test_unknown_patron_and_non_admin_are_refused(any_desk: Desk, clock: FakeClock) -> None:
    library = any_desk.library
    for barcode, by, code in (("P999", admin(library), "patron_not_found"),
                              ("", admin(library), "patron_not_found"),
                              ("P001", any_desk.boss, "privacy_admin_required")):
        with pytest.raises(CirculationRefused) as refused:
            export_patron(library.store, barcode, by=by)
        assert refused.value.codes == [code]
    with library.read_sessions() as session:
        assert not session.scalars(select(AuditEvent).where(
            AuditEvent.action == "privacy_export")).first()
