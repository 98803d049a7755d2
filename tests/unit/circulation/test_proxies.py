"""Proxies (SOP 5.3.2): ``Circulation.add_proxy`` / ``end_proxy`` record and end an
authorisation, audited; checkout takes the proxy only while it is current. SQLite and
PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from desk.circulation import CirculationRefused
from desk.circulation.queries.patron_record import patron_proxies
from desk.models import AuditEvent
from tests.support import db_state
from tests.support.clock import FakeClock
from tests.support.small_library import Desk


def audit_tail(desk: Desk, n: int = 1) -> list[tuple[str, str, str | None, dict | None]]:
    with desk.library.read_sessions() as session:
        rows = session.execute(select(AuditEvent.action, AuditEvent.outcome, AuditEvent.codes,
                                      AuditEvent.detail)
                               .order_by(AuditEvent.id.desc()).limit(n)).all()
    return [tuple(row) for row in reversed(rows)]  # type: ignore[misc]


def test_register_lend_through_and_end_a_proxy(any_desk: Desk, clock: FakeClock) -> None:
    proxy_id = any_desk.main.add_proxy("P001", "P002", valid_until=date(2027, 1, 31),
                                       note="F-K08-033 no. 17")
    assert audit_tail(any_desk) == [("add_proxy", "done", None, {
        "proxy": "P002", "valid_until": "2027-01-31", "note": "F-K08-033 no. 17",
        "proxy_id": proxy_id})]
    rows = patron_proxies(any_desk.library, "P001")
    assert [(r.patron_barcode, r.proxy_barcode, r.valid_until, r.note) for r in rows] == [
        ("P001", "P002", date(2027, 1, 31), "F-K08-033 no. 17")]
    assert [r.proxy_id for r in patron_proxies(any_desk.library, "P002")] == [proxy_id]
    any_desk.main.checkout("P001", "B001", proxy_barcode="P002")
    any_desk.main.end_proxy(proxy_id)
    assert audit_tail(any_desk)[0][:2] == ("end_proxy", "done")
    assert audit_tail(any_desk)[0][3] == {"proxy_id": proxy_id, "patron": "P001",
                                          "proxy": "P002"}
    assert patron_proxies(any_desk.library, "P001") == []
    with pytest.raises(CirculationRefused) as error:
        any_desk.main.checkout("P001", "B002", proxy_barcode="P002")
    assert error.value.codes == ["proxy_not_authorised"]
    with pytest.raises(CirculationRefused) as error:
        any_desk.main.end_proxy(proxy_id)                 # already ended
    assert error.value.codes == ["proxy_not_found"]
    again = any_desk.main.add_proxy("P001", "P002")       # a new form: a new authorisation
    assert again != proxy_id
    assert [r.valid_until for r in patron_proxies(any_desk.library, "P001")] == [None]


@pytest.mark.parametrize("patron, proxy, until, code", [
    ("P001", "P001", None, "proxy_self"),
    ("P001", "P999", None, "patron_not_found"),
    ("P999", "P001", None, "patron_not_found"),
    ("P001", "P002", date(2020, 1, 1), "proxy_until_past"),
    ("P001", "P00 2", None, "barcode_invalid"),
])
def test_bad_proxies_are_refused_and_change_nothing(any_desk: Desk, patron: str, proxy: str,
                                                    until: date | None, code: str) -> None:
    before = db_state.rows(any_desk.library)
    with pytest.raises(CirculationRefused) as error:
        any_desk.main.add_proxy(patron, proxy, valid_until=until)
    assert error.value.codes == [code]
    assert db_state.rows(any_desk.library) == before
    assert audit_tail(any_desk)[0][:3] == ("add_proxy", "refused", code)


def test_a_second_current_authorisation_is_refused(desk: Desk) -> None:
    desk.main.add_proxy("P001", "P002")
    with pytest.raises(CirculationRefused) as error:
        desk.main.add_proxy("P001", "P002", valid_until=date(2027, 3, 1))
    assert error.value.codes == ["proxy_exists"]
    assert "王大同" in error.value.reasons[0].message


@pytest.mark.parametrize("bad", [0, -1, "3", 2**40, True])
def test_end_proxy_refuses_a_bad_id(desk: Desk, bad: object) -> None:
    with pytest.raises(CirculationRefused):
        desk.main.end_proxy(bad)  # type: ignore[arg-type]


def test_an_authorisation_past_its_date_is_not_listed(desk: Desk, clock: FakeClock) -> None:
    desk.main.add_proxy("P001", "P002", valid_until=clock().date())
    assert len(patron_proxies(desk.library, "P001")) == 1
    clock.advance(days=2)
    assert patron_proxies(desk.library, "P001") == []
