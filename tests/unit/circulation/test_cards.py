"""Cards, blocks and messages (issue 15): a replaced card is refused everywhere, timed blocks
lift themselves, messages show at checkout until acknowledged; on SQLite and PostgreSQL."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from desk.circulation import CirculationRefused, Override, Policy, open_library
from desk.circulation.offline.apply import ReplayCirculation
from desk.circulation.offline.desk import OfflineDesk
from desk.circulation.offline.journal import Journal
from desk.circulation.offline.replay import REFUSED, Replay
from desk.circulation.offline.snapshot import Snapshot, refresh_snapshot
from desk.circulation.queries import patron_history, patron_summary
from desk.circulation.queries.cards import (BlockRow, patron_block, patron_claims,
                                            patron_messages, replaced_cards)
from desk.models import AuditEvent, Charge, Hold, Loan, Patron, PatronMessage, ReplacedCard
from tests.support import db_state, small_library
from tests.support.clock import TAIPEI, FakeClock
from tests.support.small_library import Desk
from tests.unit.circulation.offline.conftest import entry


def codes(call) -> list[str]:  # noqa: ANN001
    with pytest.raises(CirculationRefused) as error:
        call()
    return error.value.codes


def unchanged(desk: Desk, call) -> CirculationRefused:  # noqa: ANN001
    """``call`` is refused with a message, changes no row and audits only its refusal."""
    before, audit_before = db_state.rows(desk.library), db_state.audit(desk.library)
    with pytest.raises(CirculationRefused) as error:
        call()
    assert str(error.value).strip()
    assert db_state.rows(desk.library) == before
    new_audit = db_state.audit(desk.library)[len(audit_before):]
    assert [outcome for _, _, outcome in new_audit] == ["refused"]
    return error.value


def audited(desk: Desk, action: str) -> list[AuditEvent]:
    with desk.library.read_sessions() as session:
        return list(session.scalars(select(AuditEvent).where(
            AuditEvent.action == action, AuditEvent.outcome != "refused")))


# --- replacing a card ---------------------------------------------------------------------------
def test_old_card_refused_with_its_date_and_history_stays(any_desk: Desk,
                                                          clock: FakeClock) -> None:
    desk = any_desk
    desk.main.checkout("P001", "B001")
    desk.main.checkout("P001", "B002")
    desk.main.place_hold("P001", "B100")
    desk.main.checkout("P002", "B100")
    clock.advance(days=40)
    desk.main.checkin("B002")                      # a fine on the old card
    clock.set(2026, 12, 20)
    result = desk.main.replace_card("P001", "P901")
    assert (result.barcode, result.old_barcode, result.name) == ("P901", "P001", "陳小明")

    with pytest.raises(CirculationRefused) as error:
        desk.main.checkout("P001", "B003")
    assert error.value.codes == ["card_replaced"]
    assert not error.value.reasons[0].overridable
    assert "2026-12-20" in error.value.reasons[0].message
    # an override cannot lend on it either
    with pytest.raises(CirculationRefused) as error:
        desk.main.checkout("P001", "B003", override=Override(
            {"card_replaced"}, desk.boss, "try"))
    assert error.value.codes == ["card_replaced"]
    assert codes(lambda: desk.main.pay("P001", 5, "cash")) == ["card_replaced"]
    assert codes(lambda: desk.main.replace_card("P001", "P902")) == ["card_replaced"]
    assert codes(lambda: patron_summary(desk.library, "P001")) == ["card_replaced"]

    with desk.library.read_sessions() as session:
        patron = session.scalars(select(Patron).where(Patron.barcode == "P901")).one()
        assert {loan.patron_id for loan in session.scalars(select(Loan))
                if loan.item_id} >= {patron.id}
        assert session.scalars(select(Charge.patron_id)).all() == [patron.id]
        assert session.scalars(select(Hold.patron_id)).all() == [patron.id]
    summary = patron_summary(desk.library, "P901")
    assert [loan.item_barcode for loan in summary.loans] == ["B001"]
    assert summary.balance > 0
    history = patron_history(desk.library, "P901")
    assert {"checkout", "replace_card"} <= {event.action for event in history}
    (row,) = audited(desk, "replace_card")
    assert (row.patron_barcode, row.detail["new_barcode"]) == ("P001", "P901")
    # the new card is the same patron: refused for the patron's record, not for the card
    assert codes(lambda: desk.main.checkout("P901", "B003")) == [
        "patron_has_overdue", "patron_owes_fines"]


def test_a_new_card_already_in_use_is_refused_and_nothing_changes(any_desk: Desk) -> None:
    desk = any_desk
    desk.main.replace_card("P001", "P901")
    for new in ("P002", "P001", "B001"):                # a patron's, a replaced one, an item's
        refused = unchanged(desk, lambda: desk.main.replace_card("P901", new))
        assert refused.codes == ["duplicate_code"]
    assert unchanged(desk, lambda: desk.main.replace_card("P901", "P901")).codes == ["card_same"]
    assert unchanged(desk, lambda: desk.main.replace_card("P999", "P950")).codes == [
        "patron_not_found"]
    assert unchanged(desk, lambda: desk.main.replace_card("P901", " ")).codes
    with pytest.raises(ValueError):
        desk.library.add_patron("P001", "新讀者", "student")   # a replaced card is not reused


def test_old_card_refused_by_the_offline_desk(desk: Desk, tmp_path: Path,
                                              clock: FakeClock) -> None:
    desk.main.replace_card("P001", "P901")
    refresh_snapshot(desk.library, tmp_path / "snap.sqlite")
    offline = OfflineDesk(Journal(tmp_path / "journal.jsonl", "MAIN-1"), clock=clock, tz=TAIPEI,
                          staff="clerk", snapshot=Snapshot(tmp_path / "snap.sqlite"))
    with pytest.raises(CirculationRefused) as error:
        offline.checkout("P001", "B001")
    assert error.value.codes == ["card_replaced"]
    assert not (tmp_path / "journal.jsonl").exists() or \
        (tmp_path / "journal.jsonl").read_text().count("checkout") == 0
    assert offline.checkout("P901", "B001").patron_name == "陳小明"


def test_old_card_refused_in_the_manual_slip_replay(desk: Desk, clock: FakeClock) -> None:
    desk.main.replace_card("P001", "P901")
    clock.advance(hours=2)
    replay = Replay(ReplayCirculation(desk.library, "MAIN-1", desk.clerk),
                    [entry("checkout", "B001", clock.now.replace(hour=11), "P001",
                           source="slip")])
    (line,) = replay.run()
    assert line.status == REFUSED
    assert [n.code for n in line.notices] == ["card_replaced"]
    with desk.library.read_sessions() as session:
        assert session.scalars(select(Loan)).all() == []


# --- blocks -------------------------------------------------------------------------------------
def test_a_timed_block_lifts_itself(any_desk: Desk, clock: FakeClock) -> None:
    desk = any_desk
    desk.main.block_patron("P001", "證件待查", until=date(2026, 11, 5))
    with pytest.raises(CirculationRefused) as error:
        desk.main.checkout("P001", "B001")
    assert error.value.codes == ["patron_blocked"]
    assert "證件待查" in error.value.reasons[0].message
    assert "2026-11-05" in error.value.reasons[0].message
    clock.set(2026, 11, 4, 23, 58)
    assert codes(lambda: desk.main.checkout("P001", "B001")) == ["patron_blocked"]
    clock.set(2026, 11, 5, 0, 1)                  # no job ran: the rule reads the date
    assert desk.main.checkout("P001", "B001").loan_id
    assert patron_summary(desk.library, "P001").block_reasons == []
    (row,) = audited(desk, "block_patron")
    assert row.detail["until"] == "2026-11-05" and row.staff_id is not None


def test_unblock_with_a_reason(any_desk: Desk) -> None:
    desk = any_desk
    assert codes(lambda: desk.main.checkout("P007", "B001")) == ["patron_blocked"]
    assert unchanged(desk, lambda: desk.main.unblock_patron("P007", "  ")).codes == [
        "text_empty"]
    desk.main.unblock_patron("P007", "證件已尋回")
    assert desk.main.checkout("P007", "B001").loan_id
    (row,) = audited(desk, "unblock_patron")
    assert row.detail["reason"] == "證件已尋回"
    assert row.detail["before"]["block_message"] == "證件遺失"
    assert unchanged(desk, lambda: desk.main.unblock_patron("P007", "again")).codes == [
        "patron_not_blocked"]


def test_block_bad_input_saves_nothing(any_desk: Desk) -> None:
    desk = any_desk
    assert unchanged(desk, lambda: desk.main.block_patron("P001", "")).codes == ["text_empty"]
    assert unchanged(desk, lambda: desk.main.block_patron(
        "P001", "x", until=date(2026, 11, 2))).codes == ["block_until_past"]
    assert unchanged(desk, lambda: desk.main.block_patron(
        "P001", "x", until="tomorrow")).codes == ["argument_type"]  # type: ignore[arg-type]
    assert unchanged(desk, lambda: desk.main.block_patron("P404", "x")).codes == [
        "patron_not_found"]


@pytest.fixture
def strict_desk(small_library_template, tmp_path: Path,  # noqa: ANN001
                clock: FakeClock) -> Iterator[Desk]:
    """The small library with ``blocks_need_supervisor`` and ``claims_need_supervisor`` on."""
    path = tmp_path / "strict.sqlite"
    shutil.copyfile(small_library_template.path, path)
    library = open_library(f"sqlite:///{path}", clock=clock, policy=Policy(
        blocks_need_supervisor=True, claims_need_supervisor=True))
    yield small_library.signed_in(library)
    library.close()


def test_blocks_need_a_supervisor_when_the_setting_says_so(strict_desk: Desk) -> None:
    desk = strict_desk
    assert unchanged(desk, lambda: desk.main.block_patron("P001", "x")).codes == [
        "supervisor_required"]
    assert unchanged(desk, lambda: desk.main.block_patron(
        "P001", "x", supervisor=desk.clerk)).codes == ["supervisor_required"]
    desk.main.block_patron("P001", "x", supervisor=desk.boss)
    desk.main.unblock_patron("P001", "ok", supervisor=desk.boss)
    assert [row.supervisor_id is not None for row in audited(desk, "block_patron")
            + audited(desk, "unblock_patron")] == [True, True]


# --- messages -----------------------------------------------------------------------------------
def test_messages_show_at_checkout_with_author_and_date_until_acknowledged(
        any_desk: Desk, clock: FakeClock) -> None:
    desk = any_desk
    first = desk.main.add_patron_message("P001", "請繳回舊證")
    clock.advance(days=1)
    desk.main.add_patron_message("P001", "電話已變更")
    result = desk.main.checkout("P001", "B001")
    shown = [n for n in result.warnings if n.code == "patron_message"]
    assert [n.params["message"] for n in shown] == ["請繳回舊證", "電話已變更"]
    assert shown[0].params["author"] == "林館員" and shown[0].params["date"] == "2026-11-02"
    assert "林館員" in shown[0].message and "2026-11-02" in shown[0].message
    desk.main.acknowledge_message(first)
    result = desk.main.checkout("P001", "B002")
    assert [n.params["message"] for n in result.warnings if n.code == "patron_message"] == [
        "電話已變更"]
    assert unchanged(desk, lambda: desk.main.acknowledge_message(first)).codes == [
        "message_acknowledged"]
    assert unchanged(desk, lambda: desk.main.acknowledge_message(99999)).codes == [
        "message_not_found"]
    assert unchanged(desk, lambda: desk.main.add_patron_message("P001", "\x1b")).codes == [
        "text_control_characters"]
    (row,) = audited(desk, "acknowledge_message")
    assert row.patron_barcode == "P001" and row.detail["message_id"] == first
    with desk.library.read_sessions() as session:
        acknowledged = session.get(PatronMessage, first)
        assert acknowledged is not None and acknowledged.acknowledged_by is not None


def test_offline_check_shows_the_messages_too(desk: Desk, tmp_path: Path,
                                              clock: FakeClock) -> None:
    desk.main.add_patron_message("P001", "請繳回舊證")
    refresh_snapshot(desk.library, tmp_path / "snap.sqlite")
    check = Snapshot(tmp_path / "snap.sqlite").check_checkout(
        "P001", "B001", clock.now, "MAIN-1", TAIPEI)
    assert [(n.code, n.params["message"]) for n in check.warnings] == [
        ("patron_message", "請繳回舊證")]


def test_replaced_card_rows_are_kept(desk: Desk) -> None:
    desk.main.replace_card("P001", "P901")
    with desk.library.read_sessions() as session:
        (row,) = session.scalars(select(ReplacedCard)).all()
        assert (row.barcode, row.new_barcode) == ("P001", "P901")


def test_a_new_card_failing_its_check_digit_is_refused(desk: Desk) -> None:
    desk.library.add_patron("21234000000422", "陳大明", "student")
    refused = unchanged(desk, lambda: desk.main.replace_card("21234000000422", "21234000000423"))
    assert refused.codes == ["barcode_check_digit"]


def test_the_queries_for_the_patron_screen(any_desk: Desk, clock: FakeClock) -> None:
    desk = any_desk
    first = desk.main.add_patron_message("P001", "請繳回舊證")
    desk.main.acknowledge_message(first)
    desk.main.add_patron_message("P001", "電話已變更")
    desk.main.block_patron("P001", "待查", until=date(2026, 11, 4))
    desk.main.checkout("P002", "B001")
    desk.main.claim_returned("B001", form_no="F-9")
    desk.main.replace_card("P001", "P901")
    assert [m.text for m in patron_messages(desk.library, "P901")] == ["電話已變更"]
    every = patron_messages(desk.library, "P901", acknowledged=True)
    assert [(m.text, m.acknowledged_by) for m in every] == [("請繳回舊證", "林館員"),
                                                           ("電話已變更", None)]
    assert patron_block(desk.library, "P901") == BlockRow(True, "待查", date(2026, 11, 4), True)
    clock.set(2026, 11, 4)
    assert not patron_block(desk.library, "P901").in_force
    (claim,) = patron_claims(desk.library, "P002")
    assert (claim.kind, claim.form_no, claim.item_barcode, claim.resolved_at) == (
        "returned", "F-9", "B001", None)
    assert [r.barcode for r in replaced_cards(desk.library, "P901")] == ["P001"]
    summary = patron_summary(desk.library, "P002")
    assert summary.claims_count == 1
    assert "F-9" in summary.messages[0].text
