"""Disputes (SOP 5.10): claims returned / never borrowed stop the fine at the claim, show on the
item and the patron's record, warn at checkout past a threshold, and a checkin resolves them;
on SQLite and PostgreSQL."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from desk.circulation import CirculationRefused, Policy, open_library
from desk.circulation.queries import item_status, patron_summary
from desk.circulation.queries.charges import patron_charges
from desk.models import AuditEvent, Charge, Item, LoanClaim, PatronMessage
from tests.support import db_state, small_library
from tests.support.clock import FakeClock
from tests.support.small_library import Desk


def unchanged(desk: Desk, call) -> CirculationRefused:  # noqa: ANN001
    before, audit_before = db_state.rows(desk.library), db_state.audit(desk.library)
    with pytest.raises(CirculationRefused) as error:
        call()
    assert str(error.value).strip()
    assert db_state.rows(desk.library) == before
    assert [o for _, _, o in db_state.audit(desk.library)[len(audit_before):]] == ["refused"]
    return error.value


def status_of(desk: Desk, barcode: str) -> str:
    with desk.library.read_sessions() as session:
        return session.scalars(select(Item.status).where(Item.barcode == barcode)).one()


def test_fines_stop_at_the_claim_and_checkin_resolves_it(any_desk: Desk,
                                                         clock: FakeClock) -> None:
    desk = any_desk
    desk.main.checkout("P001", "B001")            # due 2026-12-02 (30 days), NT$5 a day
    clock.set(2026, 12, 12)                       # 10 days late
    claim_id = desk.main.claim_returned("B001", form_no="F-045-0012")
    assert status_of(desk, "B001") == "claims_returned"
    summary = patron_summary(desk.library, "P001")
    assert summary.overdue_count == 1 and summary.accruing_fines == 50
    assert summary.block_reasons == []            # disputed, not overdue, while it lasts
    clock.set(2027, 1, 20)                        # a month later: still NT$50
    assert patron_summary(desk.library, "P001").loans[0].accruing_fine == 50
    assert [b.amount for b in patron_charges(desk.library, "P001").pending] == [50]
    result = desk.main.checkin("B001")
    assert result.fine == 50
    resolved = [n for n in result.notices if n.code == "claim_resolved"]
    assert len(resolved) == 1 and "F-045-0012" in resolved[0].message
    assert status_of(desk, "B001") == "available"
    with desk.library.read_sessions() as session:
        claim = session.get(LoanClaim, claim_id)
        assert claim is not None and claim.resolved_at is not None and claim.kind == "returned"
        message = session.get(PatronMessage, claim.message_id)
        assert message is not None and "F-045-0012" in message.text
        assert message.acknowledged_at is not None      # the dispute is over
        assert session.scalars(select(Charge.amount)).all() == [50]
        row = session.scalars(select(AuditEvent).where(
            AuditEvent.action == "claim_returned")).one()
        assert row.detail["form_no"] == "F-045-0012" and row.item_barcode == "B001"


def test_the_patron_record_gets_a_message_with_the_form_number(any_desk: Desk) -> None:
    desk = any_desk
    desk.main.checkout("P001", "B001")
    desk.main.claim_never_borrowed("B001", form_no="F-045-0099")
    result = desk.main.checkout("P001", "B002")
    (shown,) = [n for n in result.warnings if n.code == "patron_message"]
    assert "F-045-0099" in shown.message and "B001" in shown.message
    assert "never borrowed" in shown.message
    status = item_status(desk.library, "B001")
    assert status.status == "claims_returned"


def test_a_claimed_loan_is_not_renewed(any_desk: Desk) -> None:
    desk = any_desk
    desk.main.checkout("P001", "B001")
    desk.main.claim_returned("B001", form_no="F1")
    assert unchanged(desk, lambda: desk.main.renew("B001")).codes == ["renewal_not_allowed"]


def test_threshold_warns_at_checkout(any_desk: Desk, clock: FakeClock) -> None:
    desk = any_desk
    for n, item in enumerate(["B001", "B002", "B003"], 1):
        desk.main.checkout("P003", item)
        desk.main.claim_returned(item, form_no=f"F{n}")
        result = desk.main.checkout("P003", f"B01{n - 1}")
        warned = [w for w in result.warnings if w.code == "patron_claims"]
        assert len(warned) == (1 if n >= 3 else 0)   # the default threshold is 3
    assert "3" in warned[0].message
    desk.main.checkin("B001")                        # resolved claims still count
    assert [w.code for w in desk.main.checkout("P003", "B004").warnings].count(
        "patron_claims") == 1


def test_claim_bad_input_saves_nothing(any_desk: Desk) -> None:
    desk = any_desk
    assert unchanged(desk, lambda: desk.main.claim_returned("B001", form_no="F1")).codes == [
        "item_not_on_loan"]
    desk.main.checkout("P001", "B001")
    assert unchanged(desk, lambda: desk.main.claim_returned("B001", form_no=" ")).codes == [
        "text_empty"]
    assert unchanged(desk, lambda: desk.main.claim_returned("B001", form_no="x" * 65)).codes == [
        "text_too_long"]
    assert unchanged(desk, lambda: desk.main.claim_returned("NOPE", form_no="F1")).codes == [
        "item_not_found"]
    desk.main.claim_returned("B001", form_no="F1")
    assert unchanged(desk, lambda: desk.main.claim_never_borrowed(
        "B001", form_no="F2")).codes == ["claim_exists"]
    desk.main.checkout("P001", "B002")
    desk.main.declare_lost("B002")
    assert unchanged(desk, lambda: desk.main.claim_returned("B002", form_no="F3")).codes == [
        "lost_claim_exists"]


@pytest.fixture
def strict_desk(small_library_template, tmp_path: Path,  # noqa: ANN001
                clock: FakeClock) -> Iterator[Desk]:
    path = tmp_path / "strict.sqlite"
    shutil.copyfile(small_library_template.path, path)
    library = open_library(f"sqlite:///{path}", clock=clock,
                           policy=Policy(claims_need_supervisor=True, claims_warning_threshold=1))
    yield small_library.signed_in(library)
    library.close()


def test_claims_need_a_supervisor_when_the_setting_says_so(strict_desk: Desk) -> None:
    desk = strict_desk
    desk.main.checkout("P001", "B001")
    assert unchanged(desk, lambda: desk.main.claim_returned("B001", form_no="F1")).codes == [
        "supervisor_required"]
    desk.main.claim_returned("B001", form_no="F1", supervisor=desk.boss)
    warned = [w.code for w in desk.main.checkout("P001", "B002").warnings]
    assert "patron_claims" in warned                # threshold 1
