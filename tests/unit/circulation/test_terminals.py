"""Self-check terminals (desk.circulation.terminals): added by an administrator and bound to a
desk; they sign in with the staff lockout and audit, and only where they belong — a terminal's
account not at a desk, a staff account not through SIP2."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desk.circulation import AuthenticationFailed, CirculationRefused
from desk.circulation.library import Library
from desk.models import AuditEvent, SipTerminal
from tests.support import small_library

PASSWORD = "kiosk-pass-2026"


def _admin(library: Library):  # type: ignore[no-untyped-def]
    return library.sign_in("admin", small_library.PASSWORDS["admin"])


def test_a_terminal_signs_in_bound_to_its_desk(any_desk: small_library.Desk) -> None:
    library = any_desk.library
    library.add_terminal("kiosk1", PASSWORD, desk="LAW-1", encoding="big5", by=_admin(library))
    terminal = library.sign_in_terminal("kiosk1", PASSWORD)
    assert (terminal.login, terminal.desk, terminal.location, terminal.encoding) == \
        ("kiosk1", "LAW-1", "LAW", "big5")
    desk = library.circulation(terminal.desk, terminal.staff)
    assert desk.checkout("P001", "L001").loan_id
    with library.read_sessions() as session:
        row = session.scalars(select(AuditEvent).where(AuditEvent.action == "checkout")).one()
        assert row.staff_id == terminal.staff.id and row.desk_code == "LAW-1"
        added = session.scalars(select(AuditEvent).where(
            AuditEvent.action == "terminal_added")).one()
        assert added.detail == {"login": "kiosk1", "desk": "LAW-1", "encoding": "big5"}


def test_accounts_sign_in_only_where_they_belong(any_desk: small_library.Desk) -> None:
    library = any_desk.library
    library.add_terminal("kiosk1", PASSWORD, desk="MAIN-1", by=_admin(library))
    with pytest.raises(AuthenticationFailed):
        library.sign_in("kiosk1", PASSWORD)                    # not at a desk
    with pytest.raises(AuthenticationFailed):
        library.sign_in_terminal("clerk", small_library.PASSWORDS["clerk"])   # not by SIP2
    with pytest.raises(AuthenticationFailed):
        library.sign_in_terminal("kiosk1", "wrong password")
    with library.read_sessions() as session:
        why = session.scalars(select(AuditEvent.codes).where(
            AuditEvent.action == "sign_in_failed").order_by(AuditEvent.id)).all()
    assert why == ["wrong_account_kind", "wrong_account_kind", "wrong_password"]


def test_a_terminal_is_locked_out_like_staff(any_desk: small_library.Desk) -> None:
    library = any_desk.library
    library.add_terminal("kiosk1", PASSWORD, desk="MAIN-1", by=_admin(library))
    for _ in range(4):
        with pytest.raises(AuthenticationFailed):
            library.sign_in_terminal("kiosk1", "wrong")
    with pytest.raises(CirculationRefused) as locked:
        library.sign_in_terminal("kiosk1", "wrong")
    assert locked.value.codes == ["sign_in_locked"]
    with pytest.raises(CirculationRefused):
        library.sign_in_terminal("kiosk1", PASSWORD)


@pytest.mark.parametrize("change, code", [
    (dict(desk="NOPE-1"), "desk_not_found"),
    (dict(login="clerk"), "staff_login_taken"),
    (dict(password="123"), "weak_password"),
    (dict(encoding="latin-1"), "choice_unknown"),
])
def test_refused_terminals_change_nothing(any_desk: small_library.Desk,
                                          change: dict[str, str], code: str) -> None:
    library = any_desk.library
    arguments = dict(login="kiosk1", password=PASSWORD, desk="MAIN-1", encoding="utf-8")
    arguments.update(change)
    with pytest.raises(CirculationRefused) as refused:
        library.add_terminal(arguments.pop("login"), arguments.pop("password"),
                             by=_admin(library), **arguments)
    assert code in refused.value.codes
    with library.read_sessions() as session:
        assert session.scalars(select(SipTerminal)).all() == []


def test_only_an_administrator_adds_terminals(any_desk: small_library.Desk) -> None:
    with pytest.raises(CirculationRefused) as refused:
        any_desk.library.add_terminal("kiosk1", PASSWORD, desk="MAIN-1", by=any_desk.boss)
    assert refused.value.codes == ["admin_required"]
