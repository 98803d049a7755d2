"""Sign-in lockout and its audit (issue 13, finding 3; DESIGN.md section 9): 5 wrong passwords
for one login within 15 minutes lock it for 15 minutes by the library's clock, the right
password included; unknown logins alike; every failure audited; the count shared by every
desk (every ``Library`` object) on the database."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from desk.circulation import AuthenticationFailed, CirculationRefused, open_library
from desk.circulation.signin import LOCKOUT, MAX_FAILURES
from desk.models import AuditEvent, SignInAttempt
from tests.support.clock import FakeClock
from tests.support.small_library import PASSWORDS, Desk


def _wrong(desk: Desk, login: str, times: int, *, desk_code: str | None = None) -> list[str]:
    """Try ``times`` wrong passwords; what each attempt raised."""
    raised = []
    for _ in range(times):
        with pytest.raises((AuthenticationFailed, CirculationRefused)) as error:
            desk.library.sign_in(login, "not-the-password", desk=desk_code)
        raised.append(getattr(error.value, "codes", ["wrong"])[0])
    return raised


def _audit(desk: Desk) -> list[tuple[str, str | None, dict | None]]:
    with desk.library.sessions() as s:
        return [(e.action, e.codes, e.detail) for e in s.scalars(
            select(AuditEvent).where(AuditEvent.action.like("sign_in%"))
            .order_by(AuditEvent.id))]


def test_five_failures_lock_the_login_for_fifteen_minutes(any_desk: Desk, clock: FakeClock) -> None:
    assert _wrong(any_desk, "boss", MAX_FAILURES - 1) == ["wrong"] * 4
    clock.advance(minutes=3)
    assert _wrong(any_desk, "boss", 1) == ["sign_in_locked"]  # the fifth locks
    with pytest.raises(CirculationRefused) as locked:
        any_desk.library.sign_in("boss", PASSWORDS["boss"])     # the right one too
    assert locked.value.codes == ["sign_in_locked"]
    assert "15" in str(locked.value)
    clock.advance(minutes=14, seconds=59)
    with pytest.raises(CirculationRefused):
        any_desk.library.sign_in("boss", PASSWORDS["boss"])
    assert any_desk.library.sign_in_locked_until("boss") is not None
    clock.advance(seconds=2)                                     # 15 minutes after the fifth
    assert any_desk.library.sign_in("boss", PASSWORDS["boss"]).login == "boss"
    assert any_desk.library.sign_in_locked_until("boss") is None


def test_failures_spread_over_more_than_the_window_do_not_lock(desk: Desk,
                                                                clock: FakeClock) -> None:
    for _ in range(MAX_FAILURES * 2):
        assert _wrong(desk, "clerk", 1) == ["wrong"]
        clock.advance(minutes=4)   # never 5 within 15 minutes
    assert desk.library.sign_in("clerk", PASSWORDS["clerk"]).login == "clerk"


def test_a_success_starts_the_count_again(desk: Desk) -> None:
    _wrong(desk, "clerk", MAX_FAILURES - 1)
    desk.library.sign_in("clerk", PASSWORDS["clerk"])
    assert _wrong(desk, "clerk", MAX_FAILURES - 1) == ["wrong"] * 4
    desk.library.sign_in("clerk", PASSWORDS["clerk"])


def test_unknown_logins_are_locked_and_told_the_same(desk: Desk) -> None:
    assert _wrong(desk, "nobody", MAX_FAILURES + 1) == ["wrong"] * 4 + ["sign_in_locked"] * 2
    with pytest.raises(AuthenticationFailed) as unknown:
        desk.library.sign_in("somebody-else", "x")
    with pytest.raises(AuthenticationFailed) as wrong:
        desk.library.sign_in("clerk", "x")
    assert str(unknown.value) == str(wrong.value) == "Wrong login or password."


def test_the_lock_of_one_login_leaves_the_others(desk: Desk) -> None:
    _wrong(desk, "boss", MAX_FAILURES)
    assert desk.library.sign_in("clerk", PASSWORDS["clerk"]).login == "clerk"


def test_every_failure_and_the_lockout_are_audited_without_the_password(desk: Desk) -> None:
    _wrong(desk, "boss", MAX_FAILURES + 1, desk_code="MAIN-1")
    with pytest.raises(AuthenticationFailed):
        desk.library.sign_in("ghost", "pw")
    events = _audit(desk)
    failed = [e for e in events if e[0] == "sign_in_failed"]
    assert [e[1] for e in failed] == ["wrong_password"] * 5 + ["sign_in_locked", "unknown_login"]
    assert all(e[2]["login"] in ("boss", "ghost") for e in failed)
    assert [e[0] for e in events].count("sign_in_lockout") == 1
    with desk.library.sessions() as s:
        desks = {e.desk_code for e in s.scalars(select(AuditEvent).where(
            AuditEvent.action == "sign_in_failed", AuditEvent.detail.is_not(None)))
            if e.detail["login"] == "boss"}
        dumped = " ".join(str((e.detail, e.codes, e.reason)) for e in s.scalars(select(AuditEvent)))
    assert desks == {"MAIN-1"}
    assert "not-the-password" not in dumped and PASSWORDS["boss"] not in dumped


def test_desks_share_the_count(any_desk: Desk, clock: FakeClock) -> None:
    """Three failures at one desk and two at another (another process's ``Library``) lock."""
    other = open_library(any_desk.library.url, clock=clock)
    try:
        _wrong(any_desk, "boss", 3, desk_code="MAIN-1")
        for _ in range(2):
            with pytest.raises((AuthenticationFailed, CirculationRefused)):
                other.sign_in("boss", "wrong", desk="LAW-1")
        with pytest.raises(CirculationRefused) as locked:
            any_desk.library.sign_in("boss", PASSWORDS["boss"])
        assert locked.value.codes == ["sign_in_locked"]
        with any_desk.library.sessions() as s:
            outcomes = list(s.scalars(select(SignInAttempt.outcome).where(
                SignInAttempt.login == "boss").order_by(SignInAttempt.id)))
        assert outcomes[-3:] == ["failed", "locked_out", "refused_locked"]
    finally:
        other.close()


def test_lockout_length_is_fifteen_minutes() -> None:
    assert LOCKOUT.total_seconds() == 15 * 60 and MAX_FAILURES == 5


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(login=st.one_of(st.text(max_size=80), st.none(), st.integers(), st.binary(max_size=8)),
       password=st.one_of(st.text(max_size=40), st.none(), st.integers()))
def test_sign_in_with_anything_is_a_refusal_never_a_raw_exception(any_desk: Desk, login: object,
                                                                   password: object) -> None:
    try:
        any_desk.library.sign_in(login, password)  # type: ignore[arg-type]
    except (AuthenticationFailed, CirculationRefused) as refused:
        assert str(refused)
    else:
        pytest.fail(f"signed in with {login!r} / {password!r}")


@pytest.mark.parametrize("password", ["\ud800", "clerk-pass\udfff"])
def test_a_password_that_is_not_unicode_is_a_wrong_password(desk: Desk, password: str) -> None:
    """Found by benchmarks/boundaries.py: a lone surrogate reached argon2's encoding
    (UnicodeEncodeError) instead of being a wrong password, counted and audited."""
    with pytest.raises(AuthenticationFailed):
        desk.library.sign_in("clerk", password)
    assert _audit(desk)[-1][:2] == ("sign_in_failed", "wrong_password")
    assert desk.library.sign_in("clerk", PASSWORDS["clerk"]).login == "clerk"
