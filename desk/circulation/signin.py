"""Signing staff in: the password check, the lockout and the audit of every attempt.

After ``MAX_FAILURES`` wrong passwords for one login within ``FAILURE_WINDOW`` (by the
library's clock), the login is locked for ``LOCKOUT``: every attempt is then refused with
``sign_in_locked``, the right password included. The count lives in the database
(``sign_in_attempts``), so the desks of one library share it; a successful sign-in starts it
again. Logins that match nobody are counted and locked the same way, and every refusal says
"wrong login or password" (or "locked"), so nothing tells whether a login exists.

Every failure is audited as ``sign_in_failed`` (the login tried, the desk when known, and why:
``wrong_password``, ``unknown_login``, ``staff_inactive``, ``sign_in_locked``, or
``wrong_account_kind``: a self-check terminal's account at a desk, or a staff account through
SIP2); the failure
that starts a lockout also as ``sign_in_lockout``; a success as ``sign_in`` (or ``authorize``,
a supervisor's approval at the counter). An approval by staff who may not approve (right
password, wrong role) is audited as a refused ``authorize`` (``supervisor_required``), not as a
success. Passwords are never written anywhere.

The password is checked outside any write transaction (argon2 takes tens of milliseconds and
must not hold SQLite's write lock while other desks lend).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NoReturn

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk.circulation import passwords
from desk.circulation.notices import AuthenticationFailed, CirculationRefused
from desk.circulation.store import Store
from desk.models import AuditEvent, SignInAttempt, SipTerminal, StaffUser
from desk.models.signin import FAILED, LOCKED_OUT, SIGNED_IN
from desk.wording import text

MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
LOCKOUT = timedelta(minutes=15)
# An attempt refused because the login was locked: recorded, not counted towards a lockout.
REFUSED_LOCKED = "refused_locked"
# The right password for an approval by someone who may not approve: recorded, not counted.
REFUSED_ROLE = "refused_role"
LOGIN_LIMIT = 64


@dataclass(frozen=True)
class _Found:
    """What the read before the password check found."""

    locked_until: datetime | None
    user: StaffUser | None
    terminal: bool = False          # the user is a self-check terminal (``SipTerminal``)


def login_key(login: object) -> str:
    """The login as recorded and counted: a string, stripped, clipped to the column, with
    what no database column holds (NUL, lone surrogates) replaced."""
    if not isinstance(login, str):
        return ""
    clean = login.strip().replace("\x00", "\ufffd")
    return clean.encode("utf-8", "replace").decode("utf-8")[:LOGIN_LIMIT]


def _may_exist(login: object) -> bool:
    """Whether ``login`` could be a staff login at all (what is longer is nobody's)."""
    return isinstance(login, str) and 0 < len(login.strip()) <= LOGIN_LIMIT


def sign_in(store: Store, login: object, password: object, *, desk: str | None = None,
            action: str = "sign_in", supervisor_only: bool = False,
            terminal: bool = False) -> StaffUser:
    """The signed-in staff user, issued by ``store`` (see ``desk.circulation.issued``);
    ``terminal``: the sign-in of a self-check terminal (``desk.sip2``), which only a terminal's
    account passes, as only a staff account passes the others;
    ``AuthenticationFailed`` for a wrong login or password or an inactive user,
    ``CirculationRefused`` (``sign_in_locked``) while the login is locked, and
    (``supervisor_required``) for staff who are not a supervisor when ``supervisor_only``."""
    key = login_key(login)
    desk_code = desk[:32] if isinstance(desk, str) else None
    now = store.now()
    with store.read_sessions() as session:
        found = _read(session, key, now, lookup=_may_exist(login))
    if found.locked_until is not None:
        _record(store, key, now, REFUSED_LOCKED, desk_code, found.user, "sign_in_locked", action)
        raise _locked(found.locked_until, now)
    user = found.user
    if not passwords.verify(user.password_hash if user is not None else None, password):
        why = "wrong_password" if user is not None else "unknown_login"
        _failed(store, key, now, desk_code, user, why, action)
    if user is None or not isinstance(password, str):  # verify() matched neither
        _failed(store, key, now, desk_code, user, "unknown_login", action)
    if not user.active:
        _failed(store, key, now, desk_code, user, "staff_inactive", action)
    if found.terminal != terminal:
        _failed(store, key, now, desk_code, user, "wrong_account_kind", action)
    if supervisor_only and not user.is_supervisor:
        _record(store, key, now, REFUSED_ROLE, desk_code, user, "supervisor_required", action)
        raise CirculationRefused.one("supervisor_required", login=user.login)
    _record(store, key, now, SIGNED_IN, desk_code, user, None, action)
    if passwords.needs_rehash(user.password_hash):
        _rehash(store, user.id, password)
    return store.issued.issue(user)


def locked_until(store: Store, login: str) -> datetime | None:
    """Until when ``login`` is locked, or ``None``."""
    with store.read_sessions() as session:
        return _read(session, login_key(login), store.now()).locked_until


def _read(session: Session, key: str, now: datetime, *, lookup: bool = True) -> _Found:
    lockout = session.scalar(select(func.max(SignInAttempt.at)).where(
        SignInAttempt.login == key, SignInAttempt.outcome == LOCKED_OUT,
        SignInAttempt.at > now - LOCKOUT))
    user = (session.scalars(select(StaffUser).where(StaffUser.login == key)).first()
            if key and lookup else None)
    terminal = False
    if user is not None:
        session.expunge(user)
        terminal = session.scalar(select(SipTerminal.id).where(
            SipTerminal.staff_id == user.id)) is not None
    return _Found(lockout + LOCKOUT if lockout is not None else None, user, terminal)


def _failed(store: Store, key: str, now: datetime, desk_code: str | None,
            user: StaffUser | None, why: str, action: str) -> NoReturn:
    """Record a failure; raise ``sign_in_locked`` if it is the one that locks the login,
    else ``AuthenticationFailed``."""
    with store.sessions() as session, session.begin():
        # failures since the last success or lockout (by row order: a fake clock may give
        # them all one time) and within the window
        reset = session.scalar(select(func.max(SignInAttempt.id)).where(
            SignInAttempt.login == key, SignInAttempt.outcome.in_((SIGNED_IN, LOCKED_OUT))))
        earlier = session.scalar(select(func.count()).select_from(SignInAttempt).where(
            SignInAttempt.login == key, SignInAttempt.outcome == FAILED,
            SignInAttempt.id > (reset or 0), SignInAttempt.at > now - FAILURE_WINDOW)) or 0
        locks = earlier + 1 >= MAX_FAILURES
        _add(session, key, now, LOCKED_OUT if locks else FAILED, desk_code, user, why, action)
        if locks:
            session.add(AuditEvent(at=now, action="sign_in_lockout", outcome="done",
                                   staff_id=user.id if user else None, desk_code=desk_code,
                                   codes="sign_in_locked",
                                   detail={"login": key, "failures": earlier + 1,
                                           "until": (now + LOCKOUT).isoformat()}))
    if locks:
        raise _locked(now + LOCKOUT, now)
    raise AuthenticationFailed(text("sign_in_failed"))


def _record(store: Store, key: str, now: datetime, outcome: str, desk_code: str | None,
            user: StaffUser | None, why: str | None, action: str) -> None:
    with store.sessions() as session, session.begin():
        _add(session, key, now, outcome, desk_code, user, why, action)


def _add(session: Session, key: str, now: datetime, outcome: str, desk_code: str | None,
         user: StaffUser | None, why: str | None, action: str) -> None:
    session.add(SignInAttempt(login=key, at=now, outcome=outcome, desk_code=desk_code))
    staff_id = user.id if user is not None else None
    if outcome == SIGNED_IN:
        session.add(AuditEvent(at=now, action=action, outcome="done", staff_id=staff_id,
                               desk_code=desk_code, detail={"login": key}))
    elif outcome == REFUSED_ROLE:
        session.add(AuditEvent(at=now, action=action, outcome="refused", staff_id=staff_id,
                               desk_code=desk_code, codes=why, detail={"login": key}))
    else:
        session.add(AuditEvent(at=now, action="sign_in_failed", outcome="refused",
                               staff_id=staff_id, desk_code=desk_code, codes=why,
                               detail={"login": key, "for": action}))


def _locked(until: datetime, now: datetime) -> CirculationRefused:
    minutes = max(1, math.ceil((until - now).total_seconds() / 60))
    return CirculationRefused.one("sign_in_locked", minutes=minutes)


def _rehash(store: Store, staff_id: int, password: str) -> None:
    with store.sessions() as session, session.begin():
        session.get_one(StaffUser, staff_id).password_hash = passwords.hash_password(password)
    store.forget_cached()


__all__ = ["FAILURE_WINDOW", "LOCKOUT", "MAX_FAILURES", "locked_until", "login_key", "sign_in"]
