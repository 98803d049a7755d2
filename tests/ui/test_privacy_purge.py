"""Maintenance ▸ Anonymise old loan history (issue 15): administrators only, a confirmation
showing how many loans, the work off the GUI thread, the result in the status bar."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QMessageBox

from desk.ui.mainwindow import MainWindow
from tests.support.clock import FakeClock
from tests.support.small_library import PASSWORDS, Desk
from tests.unit.circulation.privacy.support import loan_of, make_history


def _as_admin(window: MainWindow, desk: Desk) -> None:
    admin = desk.library.sign_in("admin", PASSWORDS["admin"])
    window.signed_in(desk.library.circulation("MAIN-1", admin))


def _question(qtbot, window: MainWindow) -> QMessageBox:  # noqa: ANN001
    qtbot.waitUntil(lambda: window.history_purge.question is not None, timeout=10000)
    question = window.history_purge.question
    assert question is not None and question.isVisible()
    return question


def test_only_an_administrator_sees_and_runs_it(qtbot, window: MainWindow, desk: Desk,
                                                clock: FakeClock) -> None:
    make_history(desk, clock)
    assert not window.maintenance_menu.menuAction().isVisible()
    window.history_purge.start()
    assert "Only an administrator" in window.status_text.text()
    assert window.history_purge.question is None
    _as_admin(window, desk)
    assert window.maintenance_menu.menuAction().isVisible() and window.purge_action.isVisible()


def test_confirmed_purge_runs_off_the_gui_thread_and_says_how_many(
        qtbot, window: MainWindow, desk: Desk, clock: FakeClock, monkeypatch) -> None:  # noqa: ANN001
    make_history(desk, clock)
    _as_admin(window, desk)
    threads: list[str] = []
    import desk.ui.privacy_purge as module
    real = module.purge_history

    def watched(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)
    monkeypatch.setattr(module, "purge_history", watched)

    window.purge_action.trigger()
    question = _question(qtbot, window)
    assert "2 loan(s) returned before" in question.text() and "1 old loan(s)" in question.text()
    assert loan_of(desk.library, "B001").patron_id is not None        # asked, not done yet
    [anonymise] = [b for b in question.buttons()
                   if question.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole]
    anonymise.click()
    qtbot.waitUntil(lambda: "Anonymised 2 loan(s)" in window.status_text.text(), timeout=10000)
    assert loan_of(desk.library, "B001").patron_id is None
    assert len(threads) == 2 and threading.main_thread().name not in threads


def test_cancel_changes_nothing(qtbot, window: MainWindow, desk: Desk,
                                clock: FakeClock) -> None:
    make_history(desk, clock)
    _as_admin(window, desk)
    window.purge_action.trigger()
    question = _question(qtbot, window)
    question.reject()
    qtbot.waitUntil(lambda: window.history_purge.question is None)
    window.history_purge.runner.wait()
    assert loan_of(desk.library, "B001").patron_id is not None
