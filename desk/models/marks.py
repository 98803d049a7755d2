"""Marks a library carries about itself: small named facts written once, e.g. ``demo`` (this
database was built by ``python -m desk demo``; the password policy and ``demo --force`` ask
it). One row per name."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from desk.models.base import Base

DEMO = "demo"


class LibraryMark(Base):
    __tablename__ = "library_marks"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200), default="")
    set_at: Mapped[datetime]


def set_mark(session: Session, name: str, value: str, at: datetime) -> None:
    """Write (or overwrite) the mark ``name``."""
    mark = session.get(LibraryMark, name)
    if mark is None:
        session.add(LibraryMark(name=name, value=value, set_at=at))
    else:
        mark.value, mark.set_at = value, at


def has_mark(session: Session, name: str) -> bool:
    return session.scalars(select(LibraryMark.name).where(LibraryMark.name == name)).first() is not None


__all__ = ["DEMO", "LibraryMark", "has_mark", "set_mark"]
