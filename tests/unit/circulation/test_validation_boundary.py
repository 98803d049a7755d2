"""Issue 13, items 6, 8 and 14 on SQLite and PostgreSQL: wrong types, fractions, booleans,
integers past 2^63, control characters, 1 MB names and duplicate codes are refused with a
message at the API boundary (the desk facade and the setup API), and nothing changes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timezone

import pytest

from desk.circulation import CirculationRefused, Override
from desk.circulation.validation import InvalidArgument
from desk.wording import set_language
from tests.support import db_state
from tests.support.small_library import Desk

HUGE = 2 ** 63


def refused_without_change(desk: Desk, call: Callable[[], object], *,
                           setup: bool = False) -> CirculationRefused:
    """``call`` is refused with a message; no row changes; at most its own refusal is audited.
    ``setup``: the setup API, which may raise a plain ``ValueError`` (an unknown reference)."""
    before, audit_before = db_state.rows(desk.library), db_state.audit(desk.library)
    with pytest.raises((CirculationRefused, ValueError)) as error:
        call()
    assert str(error.value).strip()
    assert db_state.rows(desk.library) == before
    new_audit = db_state.audit(desk.library)[len(audit_before):]
    assert all(outcome == "refused" for _, _, outcome in new_audit) and len(new_audit) <= 1
    if setup:
        assert isinstance(error.value, ValueError), type(error.value)
    else:
        assert isinstance(error.value, CirculationRefused), type(error.value)
    return error.value  # type: ignore[return-value]


def owing(desk: Desk) -> int:
    """P001 owes a fine; the id of its charge."""
    desk.main.checkout("P001", "B001")
    desk.library.clock.advance(days=40)  # type: ignore[attr-defined]
    desk.main.checkin("B001")
    with desk.library.read_sessions() as session:
        from sqlalchemy import select
        from desk.models import Charge
        return session.scalars(select(Charge.id)).one()


def test_money_and_ids_must_be_whole_amounts_in_range(any_desk: Desk) -> None:
    desk, main, boss = any_desk, any_desk.main, any_desk.boss
    charge = owing(desk)
    for amount in (0.5, True, 1.5, float("nan"), "5", HUGE, 2 ** 31):
        refused_without_change(desk, lambda: main.waive(charge, "ok", supervisor=boss,
                                                        amount=amount))
        refused_without_change(desk, lambda: main.pay("P001", amount, "cash"))
        refused_without_change(desk, lambda: main.take_payment("P001", 5, "cash",
                                                               tendered=amount))
        refused_without_change(desk, lambda: main.add_charge("P002", "ill_fee", amount))
        refused_without_change(desk, lambda: main.set_float(amount, supervisor=boss))
        refused_without_change(desk, lambda: main.close_day({"cash": amount}, supervisor=boss))
    for charge_id in (1.5, True, HUGE, 0, -1, "1", None):
        refused_without_change(desk, lambda: main.waive(charge_id, "ok", supervisor=boss))
        refused_without_change(desk, lambda: main.take_payment("P001", 5, "cash",
                                                               charge_ids=[charge_id]))
        refused_without_change(desk, lambda: main.cancel_hold(charge_id))
    error = refused_without_change(desk, lambda: main.waive(charge, "ok", supervisor=boss,
                                                            amount=0.5))
    assert error.codes == ["argument_type"]
    assert "whole amount" in error.reasons[0].message and "0.5" in error.reasons[0].message
    # a whole amount is still waived (and only what is owed)
    assert main.waive(charge, "ok", supervisor=boss, amount=1) == 1


def test_add_charge_of_a_negative_amount_says_what_is_wrong(any_desk: Desk) -> None:
    error = refused_without_change(any_desk, lambda: any_desk.main.add_charge("P002", "ill_fee",
                                                                              -5))
    assert error.codes == ["amount_not_positive"]
    assert error.reasons[0].message == "The amount must be more than zero, not -5."
    assert "payment" not in error.reasons[0].message
    set_language("zh_TW")
    error = refused_without_change(any_desk, lambda: any_desk.main.add_charge("P002", "ill_fee",
                                                                              -5))
    assert error.reasons[0].message == "金額必須大於零，而非 -5。"


def test_wrong_types_and_control_characters_at_the_desk(any_desk: Desk) -> None:
    desk, main, boss = any_desk, any_desk.main, any_desk.boss
    charge = owing(desk)
    main.checkout("P003", "B002")
    calls: list[Callable[[], object]] = [
        lambda: main.checkin("B002", returned_at="2026-11-02T10:00"),         # type: ignore[arg-type]
        lambda: main.checkin("B002", returned_at=datetime(2026, 11, 2, 10)),  # naive
        lambda: main.checkin("B002", bookdrop="yes"),                         # type: ignore[arg-type]
        lambda: main.waive(charge, 5, supervisor=boss),                       # type: ignore[arg-type]
        lambda: main.waive(charge, "ok\x00", supervisor=boss),
        lambda: main.close_day(None, supervisor=boss),                        # type: ignore[arg-type]
        lambda: main.close_day({"cash": 0}, supervisor=boss, note="\x1b[2J"),
        lambda: main.checkout("P001\x00", "B003"),
        lambda: main.checkout("P001", "B003\x00"),
        lambda: main.checkout(5, "B003"),                                     # type: ignore[arg-type]
        lambda: main.checkout("P001", "B003", override="everything"),         # type: ignore[arg-type]
        lambda: main.checkout("P004", "B003", override=Override(["patron_expired"], boss,
                                                                "ok\x07")),
        lambda: main.renew(["B002"]),                                         # type: ignore[arg-type]
        lambda: main.place_hold("P002", "B002", pickup_location="M" * 10_000),
        lambda: main.clear_holds_shelf(None),                                 # type: ignore[arg-type]
        lambda: main.settle_lost("B002", "shrug"),
        lambda: main.accessories_missing("C001", "CD\x00"),
        lambda: main.add_charge("P002", "ill_fee", 20, "fee\x1b"),
        lambda: main.pay("P001", 5, ["cash"]),                                # type: ignore[arg-type]
        lambda: main.count_takings({"cash": -1}),
        lambda: main.count_takings({"cash": 0}, denominations={100.5: 1}),    # type: ignore[dict-item]
        lambda: main.balance("P001\x00"),
    ]
    for call in calls:
        refused_without_change(desk, call)


def test_a_nul_scanned_at_the_desk_is_refused_and_its_refusal_audited(any_desk: Desk) -> None:
    """Item 7: the refusal's own audit row must not fail on the garbage (PostgreSQL refuses
    NUL in text), so the audit says what was scanned, control characters as '?'."""
    error = refused_without_change(any_desk, lambda: any_desk.main.checkout("P001", "B0\x0001"))
    assert error.codes == ["barcode_invalid"]
    from sqlalchemy import select
    from desk.models import AuditEvent
    with any_desk.library.read_sessions() as session:
        last = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert last is not None and (last.outcome, last.item_barcode) == ("refused", "B0?01")


def test_the_setup_api_refuses_bad_arguments_and_duplicates(any_desk: Desk) -> None:
    lib = any_desk.library
    mega = "長" * 1_000_000
    calls: list[Callable[[], object]] = [
        lambda: lib.add_patron("P900", mega, "student"),
        lambda: lib.add_patron("P900", "陳\x1b大", "student"),
        lambda: lib.add_patron("P900", "X", "student", expires="2027-01-01"),
        lambda: lib.add_patron("P900", "X", "student", blocked="no"),
        lambda: lib.add_patron("P900", "X", "student", message="\x00"),
        lambda: lib.add_patron("P001", "X", "student"),                   # duplicate card
        lambda: lib.add_item("Z900", mega),
        lambda: lib.add_item("Z900", "T", status="bogus"),
        lambda: lib.add_item("Z900", "T", price=HUGE),
        lambda: lib.add_item("Z900", "T", price=1.5),                      # type: ignore[arg-type]
        lambda: lib.add_item("Z900", "T", price=True),
        lambda: lib.add_item("Z900", "T", year="1999"),
        lambda: lib.add_item("Z900", "T", author="A" * 301),
        lambda: lib.add_item("B001", "T"),                                 # duplicate barcode
        lambda: lib.add_location("MAIN", "again"),                         # duplicate code
        lambda: lib.add_location("NEW", mega),
        lambda: lib.add_location("N\x00", "New"),
        lambda: lib.add_desk("MAIN-1", "MAIN"),                            # duplicate code
        lambda: lib.add_desk("D" * 33, "MAIN"),
        lambda: lib.add_category("c\x07"),
        lambda: lib.add_category("adult", lifetime_item_limit=HUGE),
        lambda: lib.add_item_type(5),                                      # type: ignore[arg-type]
        lambda: lib.set_rule("student", "book", loan_days=HUGE, max_items=1, renewals=0,
                             renewal_days=0, fine_per_day=1),
        lambda: lib.set_rule("student", "book", loan_days=14, max_items=1, renewals=0,
                             renewal_days=0, fine_per_day=HUGE),
        lambda: lib.set_rule("student", "book", loan_days=14, max_items=1.5, renewals=0,
                             renewal_days=0, fine_per_day=1),
        lambda: lib.set_rule("student", "book", loan_days=14, max_items=1, renewals=0,
                             renewal_days=0, fine_per_day=1, holds_allowed="yes"),
        lambda: lib.set_closed_days("MAIN", [datetime(2026, 12, 25, tzinfo=timezone.utc)]),
        lambda: lib.set_closed_days("MAIN", "2026-12-25"),
        lambda: lib.add_proxy("P001", "P002", note="\x00"),
    ]
    for call in calls:
        error = refused_without_change(any_desk, call, setup=True)
        assert isinstance(error, InvalidArgument)   # a refusal with a code, and a ValueError
        assert len(str(error)) < 400              # a 1 MB name is not echoed back
    duplicate = refused_without_change(any_desk, lambda: lib.add_desk("MAIN-1", "MAIN"))
    assert duplicate.codes == ["duplicate_code"]
    assert str(duplicate) == "The desk code MAIN-1 exists already."
    assert lib.add_item("Z901", "  Fine  ", status="missing", year=1999) > 0
    lib.set_closed_days("MAIN", [date(2026, 12, 25)])


def test_invalid_argument_is_a_refusal_and_a_value_error() -> None:
    assert issubclass(InvalidArgument, CirculationRefused)
    assert issubclass(InvalidArgument, ValueError)
