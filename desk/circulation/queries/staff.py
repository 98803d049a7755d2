"""The staff list of the Staff screen: every account with its role and active flag (never a
password hash)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from desk.models import StaffUser

if TYPE_CHECKING:
    from desk.circulation.store import LibraryStore


@dataclass(frozen=True)
class StaffRow:
    login: str
    name: str
    role: str
    active: bool


def staff_list(library: "LibraryStore") -> list[StaffRow]:
    """Every staff account, by login."""
    with library.read_sessions() as session:
        return [StaffRow(login, name, role, bool(active)) for login, name, role, active in
                session.execute(select(StaffUser.login, StaffUser.name, StaffUser.role,
                                       StaffUser.active).order_by(StaffUser.login))]


__all__ = ["StaffRow", "staff_list"]
