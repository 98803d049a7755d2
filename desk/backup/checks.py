"""What a copy of a library must pass before it is called a backup or swapped in by a restore:
a list of named checks, each reading the copy through a SQLAlchemy connection and comparing it
with the ``Snapshot`` its source had (row counts of every table and the schema revision).

``CHECKS`` is the list; each check returns None when the copy passes it, else a message; the
last is the audit log's hash chain (``desk.models.audit_chain.verify_chain``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from sqlalchemy import Connection, inspect, text as sql
from sqlalchemy.exc import DBAPIError

from desk.models.audit_chain import verify_chain
from desk.models.database import MIGRATIONS_DIR
from desk.wording import text

INTEGRITY_LINES_SHOWN = 3


@dataclass(frozen=True)
class Snapshot:
    """What a library held at one instant: its Alembic revision and the rows of each table."""

    revision: str | None
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class Check:
    """One named check of a copy against the snapshot of its source."""

    name: str
    run: Callable[[Connection, Snapshot], str | None]


def table_names(connection: Connection) -> list[str]:
    return sorted(inspect(connection).get_table_names())


def revision_of(connection: Connection) -> str | None:
    try:
        rows = connection.execute(sql("SELECT version_num FROM alembic_version")).all()
    except DBAPIError:
        return None
    return ",".join(sorted(row[0] for row in rows)) or None


def take_snapshot(connection: Connection) -> Snapshot:
    """The revision and the row count of every table, read in the connection's transaction."""
    counts = {}
    preparer = connection.dialect.identifier_preparer
    for name in table_names(connection):
        counts[name] = int(connection.execute(
            sql(f"SELECT count(*) FROM {preparer.quote(name)}")).scalar_one())
    return Snapshot(revision_of(connection), counts)


@cache
def known_revisions() -> frozenset[str]:
    """Every revision of the desk's migrations (a backup made by a newer desk has another)."""
    from alembic.script import ScriptDirectory  # slow to import; only backups need it
    return frozenset(script.revision for script in ScriptDirectory(str(MIGRATIONS_DIR))
                     .walk_revisions())


def check_integrity(connection: Connection, _expected: Snapshot) -> str | None:
    """SQLite's ``PRAGMA integrity_check`` (PostgreSQL has none to run)."""
    if connection.dialect.name != "sqlite":
        return None
    lines = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check").all()]
    if lines == ["ok"]:
        return None
    return text("backup_check_integrity", detail="; ".join(lines[:INTEGRITY_LINES_SHOWN]))


def check_revision(connection: Connection, expected: Snapshot) -> str | None:
    found = revision_of(connection)
    if found is None:
        return text("backup_check_not_a_library")
    if found != expected.revision:
        return text("backup_check_revision", found=found, expected=expected.revision or "-")
    if not set(found.split(",")) <= known_revisions():
        return text("backup_check_newer_revision", revision=found)
    return None


def check_counts(connection: Connection, expected: Snapshot) -> str | None:
    found = take_snapshot(connection).counts
    differences = [f"{name} {found.get(name, '-')}≠{rows}" for name, rows in
                   sorted(expected.counts.items()) if found.get(name) != rows]
    differences += [f"{name} {rows}≠-" for name, rows in sorted(found.items())
                    if name not in expected.counts]
    if differences:
        return text("backup_check_counts", detail=", ".join(differences))
    return None


def check_audit_chain(connection: Connection, _expected: Snapshot) -> str | None:
    """The audit log's hash chain is intact in the copy."""
    broken = verify_chain(connection)
    if broken is None:
        return None
    return text("backup_check_audit_chain", detail=broken.message)


CHECKS: list[Check] = [
    Check("integrity", check_integrity),
    Check("schema revision", check_revision),
    Check("row counts", check_counts),
    Check("audit chain intact", check_audit_chain),
]


def run_checks(connection: Connection, expected: Snapshot) -> list[str]:
    """The problems the copy has (empty: it passed every check)."""
    problems = []
    for check in CHECKS:
        try:
            problem = check.run(connection, expected)
        except DBAPIError as error:
            problem = text("backup_check_failed", check=check.name,
                           detail=str(error.orig).splitlines()[0] if error.orig else "")
        if problem is not None:
            problems.append(problem)
    return problems
