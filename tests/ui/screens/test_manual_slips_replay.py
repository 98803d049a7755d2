"""The Replay screen (progress, per-line results, override in bulk or by line) and the
manual-fallback receipt of an offline transaction."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import select

from desk.circulation.offline.desk import OfflineDesk
from desk.circulation.offline.journal import Journal
from desk.models import AuditEvent, Loan
from desk.ui.context import DeskContext
from desk.ui.screens.offline import ReplayScreen, fallback_receipt
from tests.support.clock import TAIPEI, FakeClock
from tests.support.small_library import PASSWORDS, Desk
from tests.ui.screens.conftest import show
from tests.unit.circulation.offline.conftest import at, entry


def _grant(qtbot, screen: ReplayScreen, reason: str) -> None:  # noqa: ANN001
    dialog = screen.dialog
    assert dialog is not None
    dialog.login.setText("boss")
    dialog.password.setText(PASSWORDS["boss"])
    dialog.reason.setPlainText(reason)
    dialog.submit()


def test_replay_shows_results_and_takes_bulk_and_line_decisions(
        qtbot, screen_context: DeskContext, desk: Desk, clock: FakeClock, settle) -> None:  # noqa: ANN001
    clock.now = at(2, 16)
    entries = [entry("checkout", f"B00{n}", at(2, 10, n), "P001") for n in range(1, 6)]
    entries.append(entry("checkin", "B009", at(2, 11)))           # never lent
    screen = show(qtbot, ReplayScreen(screen_context, sources=lambda: entries))
    assert not screen.apply_all.isEnabled()
    qtbot.mouseClick(screen.run_button, Qt.MouseButton.LeftButton)
    settle()
    assert screen.table.rowCount() == 6
    results = [screen.table.item(row, 6).text() for row in range(6)]
    assert results == ["applied"] * 3 + ["needs a decision"] * 3
    assert screen.progress.value() == screen.progress.maximum()
    assert "needing a decision 3" in screen.summary.text()
    # line by line: discard the return that has no loan
    assert "no loan" in screen.table.item(5, 7).text()
    screen.table.selectRow(5)
    screen.discard_selected.click()
    _grant(qtbot, screen, "no such loan: shelved")
    settle()
    assert screen.table.item(5, 6).text() == "not applied (decided)"
    assert "no such loan: shelved" in screen.table.item(5, 7).text()
    # in bulk: the two loans over the limit
    screen.apply_all.click()
    _grant(qtbot, screen, "outage slips, SOP 5.8.2.3.2")
    settle()
    assert [screen.table.item(row, 6).text() for row in range(6)] == (
        ["applied"] * 5 + ["not applied (decided)"])
    assert "張主任: outage slips" in screen.table.item(4, 7).text()
    statuses = [line.status for line in screen.replay.lines]
    assert statuses == ["applied"] * 5 + ["discarded"]
    assert not screen.apply_all.isEnabled()
    with desk.library.sessions() as session:
        assert len(session.scalars(select(Loan)).all()) == 5
        assert len(session.scalars(select(AuditEvent).where(
            AuditEvent.outcome == "overridden")).all()) == 2


def test_fallback_receipt_has_slip_number_date_item_and_due(tmp_path: Path,
                                                            clock: FakeClock) -> None:
    clock.now = at(2, 10)
    offline = OfflineDesk(Journal(tmp_path / "j.jsonl", "MAIN-1"), clock=clock, tz=TAIPEI)
    result = offline.checkout("P001", "B001")
    slip = fallback_receipt(result, library="總圖", desk="MAIN-1", staff="clerk", tz=TAIPEI)
    text = "\n".join(slip.text_lines())
    assert slip.barcode == result.slip_no and result.slip_no in text
    assert "B001" in text and "2026-11-02" in text
