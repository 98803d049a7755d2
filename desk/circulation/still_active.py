"""Whether the staff member of an open desk session may still work, asked in every operation.

A desk session is opened only for an active staff member, but it stays open for a whole shift,
possibly on another desk PC than the administrator's who disables the account (the cached staff
row of ``desk.circulation.store`` never sees that). So every operation asks again, in its own
transaction, and is refused with ``staff_inactive`` once the account is disabled (or gone).

The question costs no round trip: every operation ends by chaining its audit row, which first
locks the audit chain's head (``audit_chain.lock_head``, one statement). The staff member's
``active`` flag is read in that same statement, as a primary-key subquery. A refusal there
rolls the whole operation back, and the refusal's own audit row (which locks the head too)
asks the same question, so an operation that the rules refused for another reason is also
shown as ``staff_inactive``. Only the active flag matters: roles are re-read where they are
needed (supervisor approvals, staff administration), and no desk operation depends on the role
of the staff member who opened the session.
"""

from __future__ import annotations

import functools
from typing import Any

from sqlalchemy import ColumnElement, Connection, select

from desk.circulation.notices import CirculationRefused
from desk.models import StaffUser, audit_chain
from desk.models.audit_chain import Head


@functools.lru_cache(maxsize=256)
def active_flag(staff_id: int) -> ColumnElement[bool]:
    """The staff member's ``active`` flag as a scalar subquery (NULL when the row is gone);
    built once per staff member (building it is most of what the question costs)."""
    return select(StaffUser.active).where(StaffUser.id == staff_id).scalar_subquery()


def inactive(login: str) -> CirculationRefused:
    """The refusal of an operation by a staff member who may no longer work."""
    return CirculationRefused.one("staff_inactive", login=login or "?")


def lock_head_if_active(connection: Connection, staff_id: int, login: str,
                        *also: ColumnElement[Any]) -> tuple[Head, tuple[Any, ...]]:
    """Lock the audit chain's head as ``audit_chain.lock_head`` does (``also``: more values in
    the same statement) and refuse with ``staff_inactive`` unless ``staff_id`` is active."""
    head, values = audit_chain.lock_head(connection, *also, active_flag(staff_id))
    if not values[-1]:
        raise inactive(login)
    return head, values[:-1]


def lock_head_reading_active(connection: Connection,
                             staff_id: int) -> tuple[Head, bool]:
    """Lock the audit chain's head and read whether ``staff_id`` is active (one statement):
    for writing a refusal's audit row, which is written either way."""
    head, (active,) = audit_chain.lock_head(connection, active_flag(staff_id))
    return head, bool(active)


__all__ = ["active_flag", "inactive", "lock_head_if_active", "lock_head_reading_active"]
