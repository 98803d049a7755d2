"""Approvals and desk sessions bound to a real sign-in (issue 13, finding 1; DESIGN.md section
9 "Trust"): only a staff object this very library issued from ``sign_in``/``authorize`` is
accepted; one built by hand, loaded from the database, copied, unpickled or retargeted to
another id is refused with ``approval_not_authenticated`` and changes nothing."""

from __future__ import annotations

import copy
import gc
import pickle
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from desk.circulation import CirculationRefused, Override, open_library
from desk.models import AuditEvent, Charge, Loan, Payment, Settlement, StaffUser, Waiver
from tests.support.small_library import PASSWORDS, Desk


def _counts(desk: Desk) -> tuple[int, ...]:
    with desk.library.sessions() as s:
        return tuple(s.scalar(select(func.count()).select_from(model)) or 0
                     for model in (Loan, Payment, Waiver, Settlement))


def _owing_charge(desk: Desk) -> int:
    return desk.main.add_charge("P002", "ill_fee", 100, "inter-library fee")


def _forgeries(desk: Desk) -> dict[str, Any]:
    with desk.library.sessions() as s:
        loaded = s.scalars(select(StaffUser).where(StaffUser.login == "boss")).one()
        s.expunge(loaded)
    return {"hand_built": StaffUser(id=desk.boss.id),
            "hand_built_full": StaffUser(id=desk.boss.id, login="boss", name="張主任",
                                         role="supervisor", active=True),
            "loaded_from_db": loaded,
            "copied": copy.copy(desk.boss),
            "unpickled": pickle.loads(pickle.dumps(desk.boss))}


def _approvals(desk: Desk) -> dict[str, Callable[[Any], object]]:
    charge = _owing_charge(desk)
    receipt = desk.main.pay("P002", 50, "cash")
    desk.main.checkout("P001", "B001")
    desk.main.checkout("P001", "B002")
    desk.main.checkout("P001", "B003")
    return {
        "waive": lambda sup: desk.main.waive(charge, "goodwill", supervisor=sup),
        "void_payment": lambda sup: desk.main.void_payment(receipt, "wrong", supervisor=sup),
        "override": lambda sup: desk.main.checkout("P001", "B004", override=Override(
            {"patron_loan_limit"}, sup, "thesis deadline")),
        "close_day": lambda sup: desk.main.close_day({"cash": 50}, supervisor=sup,
                                                     note="counted before the void"),
        "set_float": lambda sup: desk.main.set_float(1000, supervisor=sup),
        "correct_receipt": lambda sup: desk.main.correct_receipt(receipt, "refund",
                                                                 supervisor=sup),
        "add_charge_adjustment": lambda sup: desk.main.add_charge(
            "P001", "adjustment", 10, "fix", supervisor=sup, reason="fix"),
    }


def test_a_staff_user_not_issued_by_sign_in_approves_nothing(any_desk: Desk) -> None:
    approvals = _approvals(any_desk)
    forgeries = _forgeries(any_desk)
    before = _counts(any_desk)
    for what, approve in approvals.items():
        for how, forged in forgeries.items():
            with pytest.raises(CirculationRefused) as refused:
                approve(forged)
            assert refused.value.codes == ["approval_not_authenticated"], (what, how)
            assert "boss" in str(refused.value) or how == "hand_built"
    assert _counts(any_desk) == before
    with any_desk.library.sessions() as s:
        named = s.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.supervisor_id == any_desk.boss.id))
        refusals = s.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.codes == "approval_not_authenticated"))
    assert named == 0  # the audit never names a supervisor who did not sign in
    assert refusals == len(approvals) * len(forgeries)


def test_the_issued_supervisor_approves(desk: Desk) -> None:
    """The same calls with the signed-in boss go through (the forgery test is not vacuous)."""
    approvals = _approvals(desk)
    for what in ("waive", "override", "set_float", "void_payment", "close_day"):
        approvals[what](desk.boss)
    with desk.library.sessions() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.supervisor_id == desk.boss.id)) == 5


def test_a_session_needs_an_issued_staff_object(any_desk: Desk) -> None:
    for how, forged in _forgeries(any_desk).items():
        with pytest.raises(CirculationRefused) as refused:
            any_desk.library.circulation("MAIN-1", forged)
        assert refused.value.codes == ["approval_not_authenticated"], how
    any_desk.library.circulation("MAIN-1", any_desk.clerk)


def test_an_issued_object_changed_to_another_id_is_refused(desk: Desk) -> None:
    clerk = desk.library.sign_in("clerk", PASSWORDS["clerk"])
    clerk.id = desk.boss.id
    with pytest.raises(CirculationRefused) as refused:
        desk.main.set_float(100, supervisor=clerk)
    assert refused.value.codes == ["approval_not_authenticated"]
    with pytest.raises(CirculationRefused):
        desk.library.circulation("MAIN-1", clerk)


def test_staff_issued_by_another_library_object_is_refused(desk: Desk) -> None:
    """Two ``Library`` objects on the same database: each accepts only its own."""
    other = open_library(desk.library.url, clock=desk.library.clock)
    try:
        boss_elsewhere = other.sign_in("boss", PASSWORDS["boss"])
        with pytest.raises(CirculationRefused) as refused:
            desk.main.set_float(100, supervisor=boss_elsewhere)
        assert refused.value.codes == ["approval_not_authenticated"]
        with pytest.raises(CirculationRefused):
            desk.library.circulation("MAIN-1", other.sign_in("clerk", PASSWORDS["clerk"]))
    finally:
        other.close()


def test_signed_out_staff_is_refused_and_the_registry_holds_weakly(desk: Desk) -> None:
    boss = desk.library.authorize("boss", PASSWORDS["boss"])
    desk.main.set_float(100, supervisor=boss)
    desk.library.sign_out(boss)
    with pytest.raises(CirculationRefused) as refused:
        desk.main.set_float(200, supervisor=boss)
    assert refused.value.codes == ["approval_not_authenticated"]
    issued = len(desk.library.store.issued)
    desk.library.sign_in("clerk", PASSWORDS["clerk"])  # kept by nobody
    gc.collect()
    assert len(desk.library.store.issued) == issued


def test_authorize_needs_a_supervisor(desk: Desk) -> None:
    with pytest.raises(CirculationRefused) as refused:
        desk.library.authorize("clerk", PASSWORDS["clerk"])
    assert refused.value.codes == ["supervisor_required"]
    with desk.library.sessions() as s:
        last = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    # the refused approval, not a successful one (the boundary benchmark found 'done' here)
    assert (last.action, last.outcome, last.codes) == ("authorize", "refused",
                                                       "supervisor_required")
    assert desk.library.authorize("boss", PASSWORDS["boss"]).login == "boss"


def test_a_disabled_supervisor_signed_in_earlier_approves_nothing(desk: Desk) -> None:
    admin = desk.library.sign_in("admin", PASSWORDS["admin"])
    desk.library.disable_staff("boss", by=admin)
    with pytest.raises(CirculationRefused) as refused:
        desk.main.set_float(100, supervisor=desk.boss)
    assert refused.value.codes == ["supervisor_required"]
