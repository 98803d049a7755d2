"""The desk signs out at once when its staff member's account is disabled elsewhere: the next
operation is refused with ``staff_inactive``, every screen is reset, the window shows the
signed-out page, and the sign-in dialog says why, in the desk's language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desk.circulation import Library, open_library
from desk.circulation.policy import Policy
from desk.models import Loan
from tests.support.clock import FakeClock
from tests.support.small_library import PASSWORDS, Desk
from tests.ui.conftest import scan


@pytest.fixture
def admin_desk(desk: Desk, clock: FakeClock) -> Iterator[Library]:
    """An administrator's desk PC: another library object on the same database file."""
    other = open_library(desk.library.url, clock=clock, policy=Policy())
    yield other
    other.close()


def _disable_clerk(other: Library) -> None:
    admin = other.sign_in("admin", PASSWORDS["admin"])
    other.disable_staff("clerk", by=admin)
    other.sign_out(admin)


def _scan_until_signed_out(qtbot, window) -> None:  # noqa: ANN001
    screen = window.screens["checkout"]
    scan(qtbot, screen.scan_field, "P001")
    qtbot.waitUntil(lambda: screen.current_patron() == "P001" or not window.is_signed_in)
    if window.is_signed_in:
        scan(qtbot, screen.scan_field, "B001")
    qtbot.waitUntil(lambda: not window.is_signed_in)
    qtbot.waitUntil(lambda: window.signin is not None and window.signin.isVisible())


def test_a_disabled_account_signs_the_desk_out_with_the_reason(qtbot, window, desk,
                                                                admin_desk) -> None:  # noqa: ANN001
    _disable_clerk(admin_desk)

    _scan_until_signed_out(qtbot, window)

    assert window.stack.currentWidget() is window.locked
    assert window.screens["checkout"].current_patron() is None      # the visit is gone
    error = window.signin.error
    assert error.isVisible()
    assert "The desk signed you out" in error.text() and "clerk is disabled" in error.text()
    with desk.library.read_sessions() as session:
        assert session.query(Loan).count() == 0                    # nothing was lent
    # the clerk's object no longer opens anything: it was signed out
    assert desk.library.issued_staff_id(desk.clerk) is None

    # somebody else signs in and the desk works again
    window.signin.login.setText("boss")
    window.signin.password.setText(PASSWORDS["boss"])
    window.signin.submit()
    qtbot.waitUntil(lambda: window.is_signed_in)
    screen = window.screens["checkout"]
    scan(qtbot, screen.scan_field, "P001")
    qtbot.waitUntil(lambda: screen.current_patron() == "P001")
    scan(qtbot, screen.scan_field, "B001")
    qtbot.waitUntil(lambda: screen.table.rowCount() == 1)


def test_the_reason_is_in_chinese_on_a_chinese_desk(qtbot, window, admin_desk) -> None:  # noqa: ANN001
    _disable_clerk(admin_desk)
    try:
        window.switch_language("zh_TW")
        _scan_until_signed_out(qtbot, window)
        text = window.signin.error.text()
        assert "帳號 clerk 已停用" in text and "登出" in text
        assert not any("a" <= c.lower() <= "z" for c in text.replace("clerk", ""))
    finally:
        window.switch_language("en")


def test_a_locked_desk_is_uncovered_and_signed_out(qtbot, window, admin_desk) -> None:  # noqa: ANN001
    window.idle_lock.timer.timeout.emit()
    assert window.idle_lock.locked
    _disable_clerk(admin_desk)
    window.context.tasks.run(window.context.circulation.balance, "P001")

    qtbot.waitUntil(lambda: not window.is_signed_in)
    assert not window.idle_lock.locked and window.idle_lock.cover is None
    assert window.signin is not None and "clerk is disabled" in window.signin.error.text()
