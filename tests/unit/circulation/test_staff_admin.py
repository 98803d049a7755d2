"""Staff administration (issue 13, finding 2; DESIGN.md section 9): admins only (an issued
admin as ``by=``), the first admin of an empty library without, audited without passwords, a
password policy outside the demo, refusals instead of database errors."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from desk.circulation import AuthenticationFailed, CirculationRefused, Library
from desk.circulation.passwords import common_passwords, weakness
from desk.circulation.queries.staff import StaffRow, staff_list
from desk.models import AuditEvent, StaffUser
from desk.models.marks import DEMO, set_mark
from tests.support.small_library import PASSWORDS, Desk


def _codes(call) -> list[str]:  # noqa: ANN001
    with pytest.raises(CirculationRefused) as refused:
        call()
    return refused.value.codes


def _staff_count(library: Library) -> int:
    with library.sessions() as s:
        return s.scalar(select(func.count()).select_from(StaffUser)) or 0


@pytest.fixture
def admin(any_desk: Desk) -> StaffUser:
    return any_desk.library.sign_in("admin", PASSWORDS["admin"])


def test_a_clerk_or_supervisor_cannot_add_staff(any_desk: Desk, admin: StaffUser) -> None:
    before = _staff_count(any_desk.library)
    lib = any_desk.library
    assert _codes(lambda: lib.add_staff("mallory", "M", "admin", "a-long-passphrase",
                                        by=any_desk.clerk)) == ["admin_required"]
    assert _codes(lambda: lib.add_staff("mallory", "M", "admin", "a-long-passphrase",
                                        by=any_desk.boss)) == ["admin_required"]
    assert _codes(lambda: lib.add_staff("mallory", "M", "admin", "a-long-passphrase")) == [
        "admin_required"]  # no by= once the library has staff
    assert _codes(lambda: lib.add_staff("mallory", "M", "admin", "a-long-passphrase",
                                        by=StaffUser(id=admin.id))) == [
        "approval_not_authenticated"]
    assert _staff_count(lib) == before
    lib.add_staff("amy", "Amy Chen", "staff", "a-long-passphrase", by=admin)
    assert lib.sign_in("amy", "a-long-passphrase").role == "staff"


@pytest.mark.parametrize("password,why", [
    ("a", "short"), ("1234567", "short"), ("newclerk", "login"), ("NEWCLERK", "login"),
    ("password", "common"), ("12345678", "common"), ("Password1", "common"),
    ("qwertyuiop", "common"), ("iloveyou1", "common"),
])
def test_weak_passwords_are_refused(desk: Desk, password: str, why: str) -> None:
    admin = desk.library.sign_in("admin", PASSWORDS["admin"])
    assert weakness(password, "newclerk") == why
    with pytest.raises(CirculationRefused) as refused:
        desk.library.add_staff("newclerk", "New", "staff", password, by=admin)
    assert refused.value.codes == ["weak_password"]
    assert refused.value.reasons[0].params["rule"] == why
    if why != "login":  # "newclerk" is not the clerk's login
        assert _codes(lambda: desk.library.set_staff_password("clerk", password, by=admin)) == [
            "weak_password"]
    assert len(common_passwords()) >= 4000


def test_the_demo_library_keeps_its_easy_passwords(desk: Desk) -> None:
    with desk.library.sessions() as s, s.begin():
        set_mark(s, DEMO, "2026-11-02", desk.library.now())
    admin = desk.library.sign_in("admin", PASSWORDS["admin"])
    desk.library.add_staff("guest", "Guest", "staff", "guest", by=admin)
    assert desk.library.sign_in("guest", "guest").login == "guest"


def test_first_admin_rule(any_library: Library) -> None:
    assert _codes(lambda: any_library.add_staff("clerk", "Clerk", "staff",
                                                "a-long-passphrase")) == ["first_staff_admin"]
    assert _staff_count(any_library) == 0
    any_library.add_staff("root", "Admin", "admin", "a-long-passphrase")
    assert _codes(lambda: any_library.add_staff("root2", "Admin 2", "admin",
                                                "a-long-passphrase")) == ["admin_required"]
    with any_library.sessions() as s:
        outcomes = [e.outcome for e in s.scalars(select(AuditEvent).where(
            AuditEvent.action == "staff_added").order_by(AuditEvent.id))]
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "staff_added",
                                                   AuditEvent.outcome == "done")).one()
    assert outcomes == ["refused", "done", "refused"]
    assert event.staff_id is None and event.detail == {"login": "root", "role": "admin"}


def test_duplicate_and_malformed_logins_are_refusals(any_desk: Desk, admin: StaffUser) -> None:
    lib = any_desk.library
    assert _codes(lambda: lib.add_staff("clerk", "Again", "staff", "a-long-passphrase",
                                        by=admin)) == ["staff_login_taken"]
    for login in ("", "   ", "two words", "x" * 65, "tab\there", None, 5):
        assert _codes(lambda: lib.add_staff(login, "N", "staff", "a-long-passphrase",
                                            by=admin)) == ["staff_login_invalid"], login
    assert _codes(lambda: lib.add_staff("n1", "", "staff", "a-long-passphrase",
                                        by=admin)) == ["staff_name_invalid"]
    assert _codes(lambda: lib.add_staff("n1", "bell\x07", "staff", "a-long-passphrase",
                                        by=admin)) == ["staff_name_invalid"]
    assert _codes(lambda: lib.add_staff("n1", "N", "king", "a-long-passphrase",
                                        by=admin)) == ["staff_role_unknown"]
    assert _codes(lambda: lib.add_staff("n1", "N", "staff", "x" * 201,
                                        by=admin)) == ["password_invalid"]


def test_admin_sets_passwords_disables_and_changes_roles(any_desk: Desk, admin: StaffUser) -> None:
    lib = any_desk.library
    lib.set_staff_password("clerk", "brand-new-secret", by=admin)
    with pytest.raises(AuthenticationFailed):
        lib.sign_in("clerk", PASSWORDS["clerk"])
    assert lib.sign_in("clerk", "brand-new-secret").login == "clerk"
    lib.set_staff_role("clerk", "supervisor", by=admin)
    assert lib.authorize("clerk", "brand-new-secret").role == "supervisor"
    lib.disable_staff("clerk", by=admin)
    with pytest.raises(AuthenticationFailed):
        lib.sign_in("clerk", "brand-new-secret")
    lib.enable_staff("clerk", by=admin)
    assert lib.sign_in("clerk", "brand-new-secret").active
    assert staff_list(lib) == [StaffRow("admin", "系統管理者", "admin", True),
                               StaffRow("boss", "張主任", "supervisor", True),
                               StaffRow("clerk", "林館員", "supervisor", True)]
    for call in (lambda: lib.set_staff_password("clerk", "another-secret1", by=any_desk.boss),
                 lambda: lib.disable_staff("clerk", by=any_desk.boss),
                 lambda: lib.set_staff_role("boss", "admin", by=any_desk.boss)):
        assert _codes(call) == ["admin_required"]
    assert _codes(lambda: lib.disable_staff("nobody", by=admin)) == ["staff_not_found"]
    with lib.sessions() as s:
        events = [(e.action, e.outcome, e.staff_id, (e.detail or {}).get("login")) for e in
                  s.scalars(select(AuditEvent).where(AuditEvent.action.like("staff_%"))
                            .order_by(AuditEvent.id))][-8:]
        dumped = " ".join(str((e.detail, e.reason)) for e in s.scalars(select(AuditEvent)))
    assert events[:4] == [("staff_password_set", "done", admin.id, "clerk"),
                          ("staff_role_set", "done", admin.id, "clerk"),
                          ("staff_disabled", "done", admin.id, "clerk"),
                          ("staff_enabled", "done", admin.id, "clerk")]
    assert [e[1] for e in events[4:]] == ["refused"] * 4
    assert "brand-new-secret" not in dumped and "$argon2" not in dumped


def test_the_last_admin_stays(desk: Desk) -> None:
    admin = desk.library.sign_in("admin", PASSWORDS["admin"])
    assert _codes(lambda: desk.library.disable_staff("admin", by=admin)) == ["last_admin"]
    assert _codes(lambda: desk.library.set_staff_role("admin", "staff", by=admin)) == [
        "last_admin"]
    desk.library.set_staff_role("boss", "admin", by=admin)
    desk.library.disable_staff("admin", by=admin)
    assert _codes(lambda: desk.library.enable_staff("admin", by=admin)) == ["admin_required"]


def test_staff_change_their_own_password_with_the_old_one(desk: Desk) -> None:
    lib, clerk = desk.library, desk.clerk
    assert _codes(lambda: lib.set_staff_password("clerk", "my-new-secret", by=clerk)) == [
        "old_password_required"]
    assert _codes(lambda: lib.set_staff_password("clerk", "my-new-secret", by=clerk,
                                                 old="guess")) == ["old_password_wrong"]
    assert _codes(lambda: lib.set_staff_password("boss", "my-new-secret", by=clerk,
                                                 old=PASSWORDS["clerk"])) == ["admin_required"]
    lib.set_staff_password("clerk", "my-new-secret", by=clerk, old=PASSWORDS["clerk"])
    assert lib.sign_in("clerk", "my-new-secret").login == "clerk"


printable = st.text(st.characters(codec="utf-8"), max_size=70)


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(login=st.one_of(printable, st.none(), st.integers(min_value=-2**70, max_value=2**70)),
       name=st.one_of(printable, st.none()), role=st.one_of(st.sampled_from(
           ["staff", "supervisor", "admin"]), printable, st.none()),
       password=st.one_of(st.text(max_size=30), st.none(), st.binary(max_size=10)))
def test_add_staff_with_anything_is_a_refusal_or_an_account(any_desk: Desk, login: object,
                                                            name: object, role: object,
                                                            password: object) -> None:
    lib = any_desk.library
    admin = lib.sign_in("admin", PASSWORDS["admin"])
    before = _staff_count(lib)
    try:
        lib.add_staff(login, name, role, password, by=admin)  # type: ignore[arg-type]
    except CirculationRefused as refused:
        assert str(refused) and _staff_count(lib) == before
    else:
        assert _staff_count(lib) == before + 1


def test_a_password_that_is_not_unicode_is_refused(desk: Desk) -> None:
    """A lone surrogate cannot be hashed (nor typed): ``password_invalid``, no account."""
    admin = desk.library.sign_in("admin", PASSWORDS["admin"])
    before = _staff_count(desk.library)
    assert _codes(lambda: desk.library.add_staff("newclerk", "New", "staff",
                                                 "long-enough-\ud800", by=admin)) == [
        "password_invalid"]
    assert _codes(lambda: desk.library.set_staff_password("clerk", "long-enough-\udfff",
                                                          by=admin)) == ["password_invalid"]
    assert _staff_count(desk.library) == before
