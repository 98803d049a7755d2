"""Anonymising old loan history (issue 15, privacy): loans returned more than
``history_keep_days`` ago lose their patron; money, open loans and owed loans stay. SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desk.circulation import CirculationRefused, Library, Policy, open_library
from desk.circulation.privacy import purge_history
from desk.circulation.queries.items import item_status
from desk.models import AuditEvent, Charge, StaffUser
from tests.support.clock import FakeClock
from tests.support.small_library import Desk
from tests.unit.circulation.privacy.support import admin, loan_of, make_history, money


def test_purge_anonymises_old_loans_and_keeps_every_amount(any_desk: Desk,
                                                           clock: FakeClock) -> None:
    library = any_desk.library
    make_history(any_desk, clock)
    before = money(library)
    kept = {item: loan_of(library, item) for item in ("B001", "B003", "B004", "B005", "B006")}
    counted = purge_history(library.store, dry_run=True)
    assert (counted.anonymised, counted.kept_owed, counted.dry_run) == (2, 1, True)
    assert loan_of(library, "B001").patron_id is not None          # a dry run changes nothing

    result = purge_history(library.store, by=admin(library))
    assert (result.anonymised, result.kept_owed, result.keep_days) == (2, 1, 180)
    assert money(library) == before                 # charges, payments, settlements, counts

    for item in ("B001", "B004"):                   # paid fine / no fine: anonymised
        loan = loan_of(library, item)
        assert loan.patron_id is None and loan.proxy_id is None
        assert loan.anonymised_at == clock.now
        old = kept[item]
        assert (loan.out_at, loan.due_at, loan.returned_at, loan.item_id, loan.desk_id) == \
            (old.out_at, old.due_at, old.returned_at, old.item_id, old.desk_id)
    for item in ("B003", "B005", "B006"):           # owed, open, recent: untouched
        assert loan_of(library, item).patron_id == kept[item].patron_id is not None
        assert loan_of(library, item).anonymised_at is None
    with library.read_sessions() as session:        # the paid fine still names its payer
        fine = session.scalars(select(Charge).where(Charge.loan_id == kept["B001"].id)).one()
        assert fine.patron_id == kept["B001"].patron_id and fine.paid == fine.amount == 50
        event = session.scalars(select(AuditEvent).where(
            AuditEvent.action == "privacy_purge")).one()
    assert event.detail["anonymised"] == 2 and event.detail["kept_owed"] == 1
    assert event.id == result.audit_id
    assert event.staff_id is not None

    history = item_status(library, "B001").history
    assert [row.patron_barcode for row in history] == [None]
    assert any_desk.main.balance("P002") == 50       # still owed, still the patron's

    again = purge_history(library.store, by=admin(library))       # idempotent
    assert again.anonymised == 0 and again.kept_owed == 1


def test_paying_the_owed_fine_lets_the_next_purge_take_the_loan(any_desk: Desk,
                                                                clock: FakeClock) -> None:
    library = any_desk.library
    make_history(any_desk, clock)
    purge_history(library.store, by=admin(library))
    any_desk.main.pay("P002", 50, "cash")
    assert purge_history(library.store, by=admin(library)).anonymised == 1
    assert loan_of(library, "B003").patron_id is None


def test_only_an_issued_admin_may_purge(any_desk: Desk, clock: FakeClock) -> None:
    library = any_desk.library
    make_history(any_desk, clock)
    for by, code in ((any_desk.clerk, "privacy_admin_required"),
                     (any_desk.boss, "privacy_admin_required"),
                     (None, "approval_not_authenticated"),
                     (StaffUser(id=1, login="admin", name="x", role="admin", active=True,
                                password_hash="x"), "approval_not_authenticated")):
        with pytest.raises(CirculationRefused) as refused:
            purge_history(library.store, by=by)
        assert refused.value.codes == [code]
    assert loan_of(library, "B001").patron_id is not None


def test_keep_days_zero_keeps_everything(any_url: str, clock: FakeClock) -> None:
    from tests.support import small_library
    library = open_library(any_url, clock=clock, policy=Policy(history_keep_days=0))
    try:
        desk = small_library.build(library)
        make_history(desk, clock)
        result = purge_history(library.store, by=admin(library))
        assert (result.anonymised, result.cutoff) == (0, None)
        assert loan_of(library, "B001").patron_id is not None
        assert purge_history(library.store, by=admin(library), keep_days=1).anonymised == 2
        clock.advance(days=1, minutes=1)                # B006 was returned just now
        assert purge_history(library.store, by=admin(library), keep_days=1).anonymised == 1
    finally:
        library.close()


def test_bad_keep_days_is_refused(library: Library) -> None:
    for bad in (-1, True, "180"):
        with pytest.raises(ValueError):
            purge_history(library.store, keep_days=bad)  # type: ignore[arg-type]


def test_batches_commit_one_by_one_each_with_its_audit_row(any_desk: Desk,
                                                           clock: FakeClock) -> None:
    library = any_desk.library
    make_history(any_desk, clock)
    before = money(library)
    result = purge_history(library.store, by=admin(library), batch=1)
    assert (result.anonymised, result.kept_owed) == (2, 1)
    assert money(library) == before
    with library.read_sessions() as session:
        details = [event.detail for event in session.scalars(
            select(AuditEvent).where(AuditEvent.action == "privacy_purge")
            .order_by(AuditEvent.id))]
    # one row per batch that had an old loan: B001 and B004 anonymised, B003 kept (owed)
    assert sorted((d["anonymised"], d["kept_owed"]) for d in details) == [(0, 1), (1, 0), (1, 0)]
    assert all(d["loan_ids"][0] == d["loan_ids"][1] for d in details)
    assert result.audit_id is not None
    with pytest.raises(ValueError):
        purge_history(library.store, by=admin(library), batch=0)


def test_a_run_with_nothing_to_do_is_still_recorded(any_desk: Desk, clock: FakeClock) -> None:
    library = any_desk.library
    result = purge_history(library.store, by=admin(library))
    assert result.anonymised == 0 and result.audit_id is not None
    with library.read_sessions() as session:
        event = session.get(AuditEvent, result.audit_id)
        assert event is not None and event.action == "privacy_purge"
        assert event.detail["anonymised"] == 0 and event.detail["loan_ids"] is None
