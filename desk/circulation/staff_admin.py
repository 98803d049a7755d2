"""Staff administration: adding staff, changing passwords, roles and the active flag.

Every change needs ``by=``, an administrator's staff object issued by this library from a
sign-in (``desk.circulation.issued``), re-read from the database (role and active flag as they
are now). The only exception is the first account of a library with no staff at all, which must
be an administrator and is added with ``by=None``. A staff member may change their own
password with ``by=`` themselves and the current password (``old=``).

Each change is written to the audit log (action, who: ``staff_id``, whom: ``detail.login``),
refusals too; no password or hash is ever written there. New passwords must pass the policy of
``desk.circulation.passwords`` except on the demo library. The last active administrator can
be neither disabled nor demoted (the library would have no one left to manage staff).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desk.circulation import passwords
from desk.circulation.notices import CirculationRefused
from desk.circulation.store import Store
from desk.models import AuditEvent, StaffUser
from desk.models.marks import DEMO, has_mark
from desk.models.staff import ROLES

LOGIN_LIMIT = 64
NAME_LIMIT = 200
T = TypeVar("T")


def add_staff(store: Store, login: object, name: object, role: object, password: object, *,
              by: object = None) -> int:
    """Add a staff account; its id."""
    key = check_login(login)
    def work(session: Session, actor: StaffUser | None) -> int:
        clean_name = check_name(name)
        clean_role = check_role(role)
        if actor is None:
            if session.scalar(select(func.count()).select_from(StaffUser)):
                raise CirculationRefused.one("admin_required")
            if clean_role != "admin":
                raise CirculationRefused.one("first_staff_admin")
        if session.scalars(select(StaffUser.id).where(StaffUser.login == key)).first():
            raise CirculationRefused.one("staff_login_taken", login=key)
        secret = passwords.check_password(password, key, enforce=not has_mark(session, DEMO))
        user = StaffUser(login=key, name=clean_name, role=clean_role, active=True,
                         password_hash=passwords.hash_password(secret))
        session.add(user)
        session.flush()
        return user.id
    return _change(store, "staff_added", key, by, work, first_allowed=True,
                   detail=lambda: {"role": role if isinstance(role, str) else None})


def set_staff_password(store: Store, login: object, new: object, *, by: object,
                       old: object = None) -> None:
    """Set ``login``'s password to ``new``: by an administrator, or by that staff member
    themselves giving their current password as ``old``."""
    key = check_login(login)

    def work(session: Session, actor: StaffUser | None) -> None:
        user = _user(session, key)
        assert actor is not None
        if actor.id == user.id:
            if not isinstance(old, str) or not old:
                raise CirculationRefused.one("old_password_required")
            if not passwords.verify(user.password_hash, old):
                raise CirculationRefused.one("old_password_wrong")
        elif actor.role != "admin":
            raise CirculationRefused.one("admin_required")
        secret = passwords.check_password(new, key, enforce=not has_mark(session, DEMO))
        user.password_hash = passwords.hash_password(secret)
    _change(store, "staff_password_set", key, by, work, self_allowed=True)


def set_staff_active(store: Store, login: object, active: bool, *, by: object) -> None:
    """Disable (``active=False``) or enable a staff account."""
    key = check_login(login)

    def work(session: Session, actor: StaffUser | None) -> None:
        user = _user(session, key)
        if not active and user.role == "admin" and user.active:
            _keep_an_admin(session, user)
        user.active = bool(active)
    _change(store, "staff_enabled" if active else "staff_disabled", key, by, work)


def set_staff_role(store: Store, login: object, role: object, *, by: object) -> None:
    """Change a staff account's role."""
    key = check_login(login)

    def work(session: Session, actor: StaffUser | None) -> None:
        clean_role = check_role(role)
        user = _user(session, key)
        if user.role == "admin" and clean_role != "admin" and user.active:
            _keep_an_admin(session, user)
        user.role = clean_role
    _change(store, "staff_role_set", key, by, work,
            detail=lambda: {"role": role if isinstance(role, str) else None})


# --- checks ----------------------------------------------------------------------------------
def check_login(login: object) -> str:
    """The login, stripped; ``staff_login_invalid`` unless it is 1-64 printable characters
    without spaces."""
    if isinstance(login, str):
        key = login.strip()
        if 0 < len(key) <= LOGIN_LIMIT and all(_printable(c) and not c.isspace() for c in key):
            return key
    raise CirculationRefused.one("staff_login_invalid", limit=LOGIN_LIMIT)


def check_name(name: object) -> str:
    if isinstance(name, str):
        clean = name.strip()
        if 0 < len(clean) <= NAME_LIMIT and all(_printable(c) for c in clean):
            return clean
    raise CirculationRefused.one("staff_name_invalid", limit=NAME_LIMIT)


def check_role(role: object) -> str:
    if isinstance(role, str) and role in ROLES:
        return role
    shown = role if isinstance(role, str) else type(role).__name__
    raise CirculationRefused.one("staff_role_unknown", role=repr(shown[:40]))


def _printable(char: str) -> bool:
    # control, format, surrogate, unassigned and private-use characters are refused
    return unicodedata.category(char)[0] != "C" or char == " "


def _user(session: Session, login: str) -> StaffUser:
    user = session.scalars(select(StaffUser).where(StaffUser.login == login)).first()
    if user is None:
        raise CirculationRefused.one("staff_not_found", login=login)
    return user


def _keep_an_admin(session: Session, leaving: StaffUser) -> None:
    others = session.scalar(select(func.count()).select_from(StaffUser).where(
        StaffUser.role == "admin", StaffUser.active.is_(True), StaffUser.id != leaving.id))
    if not others:
        raise CirculationRefused.one("last_admin", login=leaving.login)


def _actor(store: Store, session: Session, by: object, *, first_allowed: bool,
           self_allowed: bool) -> StaffUser | None:
    """The acting staff member re-read, or a refusal; ``None`` only for a first admin."""
    if by is None:
        if first_allowed:
            return None
        raise CirculationRefused.one("admin_required")
    staff_id = store.issued_staff_id(by)
    if staff_id is None:
        login = getattr(by, "login", None)
        raise CirculationRefused.one("approval_not_authenticated",
                                     login=login[:64] if isinstance(login, str) else "?")
    actor = session.get(StaffUser, staff_id)
    if actor is None or not actor.active:
        raise CirculationRefused.one("admin_required")
    if actor.role != "admin" and not self_allowed:
        raise CirculationRefused.one("admin_required")
    return actor


def _change(store: Store, action: str, login: str, by: object,
            work: Callable[[Session, StaffUser | None], T], *, first_allowed: bool = False,
            self_allowed: bool = False,
            detail: Callable[[], dict[str, Any]] | None = None) -> T:
    """Run ``work`` as ``by`` in one transaction with its audit row; audit a refusal."""
    now = store.now()
    extra = {"login": login, **(detail() if detail else {})}
    actor_id: int | None = None
    try:
        with store.sessions() as session, session.begin():
            actor = _actor(store, session, by, first_allowed=first_allowed,
                           self_allowed=self_allowed)
            actor_id = actor.id if actor is not None else None
            result = work(session, actor)
            session.add(AuditEvent(at=now, action=action, outcome="done", staff_id=actor_id,
                                   detail=extra))
    except IntegrityError:
        # another desk added the same login between our check and our insert
        refused = CirculationRefused.one("staff_login_taken", login=login)
        _audit_refusal(store, action, now, actor_id, extra, refused)
        raise refused from None
    except CirculationRefused as refused:
        _audit_refusal(store, action, now, actor_id, extra, refused)
        raise
    store.forget_cached()
    return result


def _audit_refusal(store: Store, action: str, now: Any, actor_id: int | None,
                   detail: dict[str, Any], refused: CirculationRefused) -> None:
    with store.sessions() as session, session.begin():
        session.add(AuditEvent(at=now, action=action, outcome="refused", staff_id=actor_id,
                               codes=",".join(refused.codes)[:400], detail=detail))


__all__ = ["add_staff", "check_login", "check_name", "check_role", "set_staff_active",
           "set_staff_password", "set_staff_role"]
