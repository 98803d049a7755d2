"""Every row of a library's tables, for tests that check "nothing changed" after a refusal."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from desk.circulation.library import Library
from desk.models import AuditEvent
from desk.models.audit import AuditChainHead
from desk.models.base import Base

AUDIT_TABLES = {AuditEvent.__tablename__, AuditChainHead.__tablename__}


def rows(library: Library) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of every table but the audit log (and its chain head), in primary-key order."""
    found: dict[str, list[tuple[Any, ...]]] = {}
    with library.read_sessions() as session:
        for table in Base.metadata.sorted_tables:
            if table.name in AUDIT_TABLES:
                continue
            query = select(table).order_by(*table.primary_key.columns)
            found[table.name] = [tuple(row) for row in session.execute(query)]
    return found


def audit(library: Library) -> list[tuple[int, str, str]]:
    """(id, action, outcome) of every audit row."""
    with library.read_sessions() as session:
        return [tuple(row) for row in session.execute(  # type: ignore[misc]
            select(AuditEvent.id, AuditEvent.action, AuditEvent.outcome).order_by(AuditEvent.id))]
