"""Self-check terminals (``desk.sip2``): adding one, and signing one in.

A terminal is a staff account (argon2 password, lockout, audit: ``desk.circulation.signin``)
with a ``SipTerminal`` row binding it to a desk (its location, and the settlement its fees go
into) and naming its machine's text encoding. Its loans are the desk's loans, made by
``Circulation`` at that desk as that account, so the rules, refusals and audit are the desk's.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.circulation import passwords, signin, staff_admin
from desk.circulation import validation as valid
from desk.circulation.notices import CirculationRefused
from desk.circulation.store import Store
from desk.models import Desk, Location, SipTerminal, StaffUser
from desk.models.marks import DEMO, has_mark
from desk.models.terminal import TERMINAL_ENCODINGS


@dataclass(frozen=True)
class Terminal:
    """A signed-in terminal: its account (issued by the store, as a desk's staff is), the desk
    it works for and its machine's encoding."""

    staff: StaffUser
    login: str
    desk: str
    location: str
    encoding: str


def add_terminal(store: Store, login: object, password: object, *, desk: object,
                 encoding: object = "utf-8", by: object) -> int:
    """Add a terminal account bound to ``desk``; its staff id. ``by``: a signed-in
    administrator. Refused: a taken or malformed login, a weak password, an unknown desk
    (``desk_not_found``), an encoding other than utf-8 and big5."""
    desk_code = valid.code(desk, "desk")
    chosen = valid.choice(encoding, "encoding", TERMINAL_ENCODINGS)
    key = staff_admin.check_login(login)

    def work(session: Session, actor: StaffUser | None) -> int:
        if actor is None or actor.role != "admin":
            raise CirculationRefused.one("admin_required")
        desk_id = session.scalars(select(Desk.id).where(Desk.code == desk_code)).first()
        if desk_id is None:
            raise CirculationRefused.one("desk_not_found", code=desk_code)
        if session.scalars(select(StaffUser.id).where(StaffUser.login == key)).first():
            raise CirculationRefused.one("staff_login_taken", login=key)
        secret = passwords.check_password(password, key, enforce=not has_mark(session, DEMO))
        user = StaffUser(login=key, name=f"SIP2 {key}", role="staff", active=True,
                         password_hash=passwords.hash_password(secret))
        session.add(user)
        session.flush()
        session.add(SipTerminal(staff_id=user.id, desk_id=desk_id, encoding=chosen,
                                created_at=store.now()))
        return user.id
    # the staff accounts' transaction, audit and refusal audit (one module owns accounts)
    return staff_admin._change(store, "terminal_added", key, by, work,
                              detail=lambda: {"desk": desk_code, "encoding": chosen})


def sign_in_terminal(store: Store, login: object, password: object) -> Terminal:
    """Sign a terminal in (message 93): the lockout and audit of staff sign-ins apply; a
    staff account that is not a terminal is refused like a wrong password."""
    staff = signin.sign_in(store, login, password, action="sip_login", terminal=True)
    with store.read_sessions() as session:
        row = session.execute(
            select(SipTerminal.encoding, Desk.code, Location.code.label("location"))
            .join(Desk, SipTerminal.desk_id == Desk.id)
            .join(Location, Desk.location_id == Location.id)
            .where(SipTerminal.staff_id == staff.id)).one()
    return Terminal(staff=staff, login=staff.login, desk=row.code, location=row.location,
                    encoding=row.encoding)


__all__ = ["Terminal", "add_terminal", "sign_in_terminal"]
