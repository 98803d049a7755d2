"""The Manual slips key-in screen: keyboard only, field checks, running list, 200 slips fast."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt

from desk.circulation.offline.journal import read_journal
from desk.circulation.offline.slips import SlipBook
from desk.ui.context import DeskContext
from desk.ui.screens.manual_slips import ManualSlipsScreen
from tests.support.clock import FakeClock
from tests.ui.screens.conftest import Heard, show


def _screen(qtbot, context: DeskContext, tmp_path: Path) -> ManualSlipsScreen:  # noqa: ANN001
    book = SlipBook(tmp_path / "slips.jsonl", "MAIN-1", "clerk")
    return show(qtbot, ManualSlipsScreen(context, book=book))


def _key(qtbot, screen: ManualSlipsScreen, text: str) -> None:  # noqa: ANN001
    screen.entry.clear()
    qtbot.keyClicks(screen.entry, text)
    qtbot.keyClick(screen.entry, Qt.Key.Key_Return)


def test_a_checkout_slip_keyed_in_field_by_field(qtbot, screen_context: DeskContext, tmp_path: Path,  # noqa: ANN001
                                                 clock: FakeClock) -> None:
    clock.set(2026, 11, 3, 9)
    screen = _screen(qtbot, screen_context, tmp_path)
    for text in ("F-0001", "c", "P001", "B001", "B002", ""):
        _key(qtbot, screen, text)
    assert screen.step == "when"
    _key(qtbot, screen, "1102 1430")
    assert screen.step == "slip" and screen.table.rowCount() == 2
    assert screen.table.item(0, 3).text() == "B001"
    assert screen.table.item(1, 4).text() == "2026-11-02 14:30"
    entries = read_journal(tmp_path / "slips.jsonl").entries
    assert [(e.slip_no, e.kind, e.patron, e.item) for e in entries] == [
        ("F-0001", "checkout", "P001", "B001"), ("F-0001", "checkout", "P001", "B002")]


def test_each_field_is_checked_as_it_is_entered(qtbot, screen_context: DeskContext, tmp_path: Path,  # noqa: ANN001
                                                heard: Heard, clock: FakeClock) -> None:
    clock.set(2026, 11, 3, 9)
    screen = _screen(qtbot, screen_context, tmp_path)
    _key(qtbot, screen, "")
    assert screen.step == "slip" and screen.error.text()
    _key(qtbot, screen, "R-1")
    _key(qtbot, screen, "x")
    assert screen.step == "kind" and "C" in screen.error.text()
    _key(qtbot, screen, "r")
    assert screen.step == "items"                         # a return slip has no patron
    _key(qtbot, screen, "")
    assert screen.step == "items" and screen.error.text()
    _key(qtbot, screen, "B 1")
    assert "not an item barcode" in screen.error.text()
    _key(qtbot, screen, "B003")
    _key(qtbot, screen, "B003")
    assert "already" in screen.error.text()
    _key(qtbot, screen, "")
    _key(qtbot, screen, "2026-12-01 10:00")
    assert "future" in screen.error.text() and screen.step == "when"
    _key(qtbot, screen, "11-02 16:00")
    assert screen.step == "slip" and screen.table.rowCount() == 1
    _key(qtbot, screen, "R-1")
    assert "already" in screen.error.text()
    assert heard.sound.count("error.manual_slip") >= 6


def test_scans_fill_the_field_being_asked(qtbot, screen_context: DeskContext, tmp_path: Path,  # noqa: ANN001
                                          clock: FakeClock) -> None:
    clock.set(2026, 11, 3, 9)
    screen = _screen(qtbot, screen_context, tmp_path)
    _key(qtbot, screen, "F-9")
    _key(qtbot, screen, "c")
    screen.handle_scan("P002")
    screen.handle_scan("B007")
    assert screen.draft.patron == "P002" and screen.draft.items == ["B007"]
    qtbot.keyClick(screen.entry, Qt.Key.Key_Escape)
    assert screen.step == "slip" and screen.draft.items == []


def test_two_hundred_slips_are_quick(qtbot, screen_context: DeskContext, tmp_path: Path,  # noqa: ANN001
                                     clock: FakeClock) -> None:
    clock.set(2026, 11, 3, 9)
    screen = _screen(qtbot, screen_context, tmp_path)
    started = time.perf_counter()
    _key(qtbot, screen, "S-1")
    _key(qtbot, screen, "c")
    _key(qtbot, screen, "P001")
    _key(qtbot, screen, "B001")
    _key(qtbot, screen, "")
    _key(qtbot, screen, "1102 1000")
    for n in range(2, 201):
        _key(qtbot, screen, f"S-{n}")
        qtbot.keyClick(screen.entry, Qt.Key.Key_Return)   # same type as the last slip
        _key(qtbot, screen, f"P{n % 7 + 1:03d}")
        _key(qtbot, screen, f"B{n:03d}")
        _key(qtbot, screen, "")
        qtbot.keyClick(screen.entry, Qt.Key.Key_Return)   # same date as the last slip
    elapsed = time.perf_counter() - started
    assert screen.table.rowCount() == 200
    assert len(read_journal(tmp_path / "slips.jsonl").entries) == 200
    assert elapsed < 60, f"keying 200 slips took {elapsed:.1f} s"


def test_a_slip_book_open_in_another_desk_program_is_said_and_nothing_can_be_keyed(
        qtbot, screen_context: DeskContext, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """Two desk programs with one desk code: the second's screen says so instead of failing to
    build, and takes no slip (it would number slips the first one numbers too)."""
    import subprocess
    import sys

    from desk.circulation.offline.files import slips_path

    monkeypatch.setenv("DESK_DATA_DIR", str(tmp_path))
    path = slips_path(screen_context.circulation.desk_code)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from desk.circulation.offline.slips import SlipBook; "
         f"book = SlipBook({str(path)!r}, 'MAIN-1'); print('open', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        screen = show(qtbot, ManualSlipsScreen(screen_context))
        assert screen.book is None
        assert not screen.entry.isEnabled()
        assert "another desk program" in screen.error.text() and str(path) in screen.error.text()
        screen.handle_scan("S0001")
        assert screen.step == "slip"
        assert read_journal(path).entries == []
    finally:
        holder.communicate("", timeout=10)


def test_the_screen_counts_what_is_keyed_and_not_replayed_and_says_how_to_replay(
        qtbot, screen_context: DeskContext, tmp_path: Path, clock: FakeClock,  # noqa: ANN001
        settle) -> None:
    from desk.circulation.offline.replay import Replay, ReplayCirculation
    clock.set(2026, 11, 3, 9)
    screen = _screen(qtbot, screen_context, tmp_path)
    screen.activate()
    settle()
    assert screen.pending.text() == "Every keyed slip has been replayed."
    for text in ("F-0001", "c", "P001", "B001", "B002", "", "1102 1430"):
        _key(qtbot, screen, text)
    settle()
    assert screen.pending.text() == ("2 keyed line(s) not replayed yet: replay them with "
                                     "Ctrl+R (Replay).")
    circulation = screen_context.circulation
    Replay(ReplayCirculation(circulation.library, circulation.desk_code, circulation.staff),
           list(screen.book.entries)).run()
    screen.activate()
    settle()
    assert screen.pending.text() == "Every keyed slip has been replayed."
