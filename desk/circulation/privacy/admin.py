"""The administrator a privacy operation needs: a staff object this library issued from a
sign-in, re-read from the database (still active, still an admin)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from desk.circulation.notices import CirculationRefused
from desk.circulation.store import LibraryStore
from desk.models import StaffUser


def require_admin(store: LibraryStore, session: Session, by: object) -> StaffUser:
    """The administrator ``by`` as the database has them now; refused
    (``approval_not_authenticated``, ``privacy_admin_required``) otherwise."""
    staff_id = store.issued_staff_id(by)
    if staff_id is None:
        login = getattr(by, "login", None)
        raise CirculationRefused.one("approval_not_authenticated",
                                     login=login[:64] if isinstance(login, str) else "?")
    actor = session.get(StaffUser, staff_id)
    if actor is None or not actor.active or actor.role != "admin":
        raise CirculationRefused.one("privacy_admin_required")
    return actor
