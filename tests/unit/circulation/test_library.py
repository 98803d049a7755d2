"""Setting a library up, staff sign-in, bad input to setup calls, audit and translations."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from desk.circulation import AuthenticationFailed, CirculationRefused, Library, set_language
from desk.models import AuditEvent, Item, Patron, StaffUser
from tests.support.small_library import Desk


def test_sign_in_and_argon2_hashes(desk: Desk) -> None:
    assert desk.library.sign_in("boss", "boss-pass").role == "supervisor"
    for login, password in [("boss", "wrong"), ("nobody", "boss-pass"), ("boss", "")]:
        with pytest.raises(AuthenticationFailed):
            desk.library.sign_in(login, password)
    with desk.library.sessions() as s:
        hashes = s.scalars(select(StaffUser.password_hash)).all()
    assert all(h.startswith("$argon2id$") for h in hashes)


def test_inactive_staff_cannot_sign_in_or_approve(desk: Desk) -> None:
    with desk.library.sessions() as s, s.begin():
        s.scalars(select(StaffUser).where(StaffUser.login == "boss")).one().active = False
    with pytest.raises(AuthenticationFailed):
        desk.library.sign_in("boss", "boss-pass")
    with pytest.raises(CirculationRefused) as error:
        desk.main.close_day({}, supervisor=desk.boss)
    assert error.value.codes == ["supervisor_required"]


@pytest.mark.parametrize("call,message", [
    (lambda lib: lib.add_patron("P900", "X", "astronaut"), "unknown patron category"),
    (lambda lib: lib.add_patron("P001", "X", "student"), "exists already"),
    (lambda lib: lib.add_patron("", "X", "student"), "empty"),
    (lambda lib: lib.add_patron("20001123456780", "X", "student"), "check digit"),
    (lambda lib: lib.add_item("Z1", "T", item_type="spaceship"), "unknown item type"),
    (lambda lib: lib.add_item("Z1", "T", location="MOON"), "unknown location"),
    (lambda lib: lib.add_item("Z1", "T", price=-1), "price"),
    (lambda lib: lib.add_item("書1", "T"), "unexpected characters"),
    (lambda lib: lib.set_rule("student", "book", max_items=1, renewals=0, renewal_days=0,
                              fine_per_day=1), "exactly one"),
    (lambda lib: lib.set_rule("student", "book", loan_days=-3, max_items=1, renewals=0,
                              renewal_days=0, fine_per_day=1), "from 0 to"),
])
def test_bad_setup_calls_raise_value_error_and_change_nothing(desk: Desk, call, message: str) -> None:  # noqa: ANN001
    with desk.library.sessions() as s:
        before = (s.scalar(select(func.count()).select_from(Patron)),
                  s.scalar(select(func.count()).select_from(Item)))
    with pytest.raises(ValueError, match=message):
        call(desk.library)
    with desk.library.sessions() as s:
        assert before == (s.scalar(select(func.count()).select_from(Patron)),
                          s.scalar(select(func.count()).select_from(Item)))


@pytest.mark.parametrize("barcode,code", [
    ("", "barcode_invalid"), ("x" * 200, "barcode_invalid"), ("圖書", "barcode_invalid"),
    ("30001000000019", "barcode_check_digit"), ("30001000000010", "item_not_found")])
def test_bad_item_barcodes_refused_with_precise_code(desk: Desk, barcode: str, code: str) -> None:
    for call in (lambda: desk.main.checkout("P001", barcode), lambda: desk.main.checkin(barcode),
                 lambda: desk.main.renew(barcode)):
        with pytest.raises(CirculationRefused) as error:
            call()
        assert error.value.codes == [code]


def test_copies_share_a_title_record(library: Library) -> None:
    library.add_location("MAIN", "Main")
    library.add_item_type("book")
    library.add_item("A1", "Dune", author="Herbert")
    library.add_item("A2", "Dune", author="Herbert")
    library.add_item("A3", "Dune", author="Someone else")
    library.add_item("A4", "Dune 2nd ed.", isbn="9780441013593")
    library.add_item("A5", "Dune (paperback)", isbn="9780441013593")
    with library.sessions() as s:
        biblios = dict(s.execute(select(Item.barcode, Item.biblio_id)).all())
    assert biblios["A1"] == biblios["A2"] != biblios["A3"]
    assert biblios["A4"] == biblios["A5"]


def test_every_operation_is_audited(desk: Desk) -> None:
    desk.main.checkout("P001", "B001")
    desk.main.renew("B001")
    desk.main.checkin("B001")
    with pytest.raises(CirculationRefused):
        desk.main.checkout("NOPE", "B001")
    with desk.library.sessions() as s:
        events = [(e.action, e.outcome, e.desk_code, e.staff_id)
                  for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))
                  if e.action not in ("staff_added", "sign_in")]  # the fixture's set-up
    assert events == [("checkout", "done", "MAIN-1", desk.clerk.id),
                      ("renew", "done", "MAIN-1", desk.clerk.id),
                      ("checkin", "done", "MAIN-1", desk.clerk.id),
                      ("checkout", "refused", "MAIN-1", desk.clerk.id)]


def test_messages_in_traditional_chinese(desk: Desk) -> None:
    set_language("zh_TW")
    with pytest.raises(CirculationRefused) as error:
        desk.main.checkout("P004", "B001")
    assert error.value.reasons[0].message == "借書證已於 2026-01-31 到期。"
    with pytest.raises(ValueError):
        set_language("fr")


def test_unknown_desk(desk: Desk) -> None:
    with pytest.raises(CirculationRefused) as error:
        desk.library.circulation("NOPE-9", desk.clerk)
    assert error.value.codes == ["desk_not_found"]


def test_closed_days_are_additive_and_idempotent(desk: Desk) -> None:
    desk.library.set_closed_days("MAIN", [date(2026, 12, 25)])
    desk.library.set_closed_days("MAIN", [date(2026, 12, 25), date(2026, 12, 26)])
    assert desk.library.previous_open_day("MAIN", date(2026, 12, 27)) == date(2026, 12, 24)
