"""Engines and migrations: the embedded SQLite file or any SQLAlchemy URL (PostgreSQL).

SQLite runs in WAL mode with ``synchronous=FULL``, foreign keys on, a busy timeout and reads
through a memory map (``SQLITE_MMAP_BYTES``), and
every writing transaction starts with ``BEGIN IMMEDIATE`` so two desks racing for one item
serialise instead of failing with "database is locked" at commit; read-only sessions (an engine
with the ``desk_read_only`` execution option) start a plain deferred ``BEGIN``. Alembic migrations are applied when a
database is opened.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError

from desk.database_urls import (LibraryUnavailable, check_sqlite_file, read_only_message,
                                sqlite_read_only, url_problem)

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SQLITE_BUSY_TIMEOUT_S = 30
READ_ONLY_OPTION = "desk_read_only"
# SQLite reads the file through a memory map of up to this size instead of a read() call per
# page: the pull list of the 1M-item library touches ~30,000 pages at random, and its queries
# took half again as long through read(). The map is the operating system's page cache, shared
# and dropped under memory pressure, not the process's own memory (it shows in its RSS).
SQLITE_MMAP_BYTES = 1 << 30


def sqlite_url(path: PurePath) -> str:
    """The URL of the SQLite file ``path``, built by SQLAlchemy rather than pasted into a string:
    a folder name with ``%``, ``#`` or ``?`` (or a Windows path, ``C:\\Users\\...``) still
    names that very file."""
    return URL.create("sqlite", database=str(path)).render_as_string(hide_password=False)


def default_sqlite_url(data_dir: PurePath) -> str:
    """The embedded database in the user data directory (``desk.config.data_dir``)."""
    return sqlite_url(data_dir / "library.sqlite")


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, emit BEGIN (the documented pysqlite recipe).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # Switching to WAL needs a lock; only the first connection to a new file does it.
        if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
        cursor.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Any) -> None:
        # Writers take the write lock at once, so racing desks queue instead of deadlocking;
        # readers (queries for the screens) must not block them.
        if connection.get_execution_options().get(READ_ONLY_OPTION):
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str) -> Engine:
    """An engine for ``url`` with the desk's connection settings."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True)


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite ``url`` (``None``: not SQLite, in memory, or an URI filename)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.query.get("uri") == "true":
        return None
    if not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def open_engine(url: str, *, create: bool | None = None) -> Engine:
    """An engine for the library at ``url``, refused (``LibraryUnavailable``) when the URL is
    not one the desk supports, when no library is there and ``create`` does not allow one
    (``desk.database_urls.check_sqlite_file``), or when the file is read-only."""
    problem = url_problem(url)
    if problem:
        raise LibraryUnavailable(problem)
    path = sqlite_path(url)
    if path is not None:
        check_sqlite_file(path, create=create)
        if path.exists() and sqlite_read_only(path):
            raise LibraryUnavailable(read_only_message(str(path)), read_only=True)
    return make_engine(url)


def is_read_only_error(error: DBAPIError) -> bool:
    """A driver error saying the database refuses writes (SQLite's "attempt to write a readonly
    database", PostgreSQL's read_only_sql_transaction, 25006)."""
    text = str(error.orig).lower()
    return ("readonly" in text or "read-only" in text or "read only" in text
            or getattr(error.orig, "sqlstate", None) == "25006")


def check_writable(engine: Engine) -> None:
    """``LibraryUnavailable(read_only=True)`` when the server takes no writes (a PostgreSQL
    standby, ``default_transaction_read_only``); SQLite files are checked by ``open_engine``."""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect() as connection:
        read_only = connection.execute(text("SHOW transaction_read_only")).scalar_one()
    if str(read_only).lower() == "on":
        raise LibraryUnavailable(read_only_message(
            engine.url.render_as_string(hide_password=True)), read_only=True)


def alembic_config(engine: Engine, *, timezone: str | None = None) -> "AlembicConfig":
    """``timezone``: the library's, for migrations that read local times written as text."""
    from alembic.config import Config as AlembicConfig  # imported late: slow, rarely needed

    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    config.attributes["timezone"] = timezone
    return config


_REVISION_LINE = re.compile(
    r"^(down_revision|revision)\s*(?::[^=]*)?=\s*(?:None|'([^']*)'|\"([^\"]*)\")\s*(?:#.*)?$",
    re.MULTILINE)


@cache
def head_revisions() -> frozenset[str] | None:
    """The newest migration(s), read from the ``revision`` / ``down_revision`` lines of the
    migration files; ``None`` when a file does not read plainly (a merge's tuple, a missing
    line), and then only Alembic can tell."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        if path.name.startswith(("__init__", ".#")):   # the files Alembic skips
            continue
        found = {name: quoted or double for name, quoted, double
                 in _REVISION_LINE.findall(path.read_text(encoding="utf-8"))}
        if not found.get("revision") or "down_revision" not in found:
            return None
        revisions.add(found["revision"])
        if found["down_revision"]:
            parents.add(found["down_revision"])
    return frozenset(revisions - parents) or None


def schema_is_current(engine: Engine) -> bool:
    """True when the database records exactly the newest migration(s): nothing to upgrade."""
    heads = head_revisions()
    if heads is None:
        return False
    try:
        with engine.connect() as connection:
            current = {row[0] for row in connection.execute(
                text("SELECT version_num FROM alembic_version"))}
    except DBAPIError:  # no alembic_version table yet: a new database
        return False
    return current == heads


class SchemaNotCurrent(RuntimeError):
    """The schema is behind and this connection may not migrate it (PostgreSQL: the desk's
    role, not the owner): the administrator runs ``python -m desk db upgrade`` as the owner."""

    def __init__(self, current: str, needed: str) -> None:
        from desk.wording import text
        super().__init__(text("db_schema_behind", current=current, needed=needed))


def permission_denied(error: BaseException) -> bool:
    """Whether ``error`` is the database refusing a privilege (PostgreSQL SQLSTATE 42501)."""
    return getattr(getattr(error, "orig", None), "sqlstate", None) == "42501"


def _current_revisions(engine: Engine) -> str:
    try:
        with engine.connect() as connection:
            found = sorted(row[0] for row in connection.execute(
                text("SELECT version_num FROM alembic_version")))
    except DBAPIError:
        found = []
    return ", ".join(found) or "none"


def _may_migrate(engine: Engine) -> bool:
    """False when PostgreSQL says this role does not own the schema's tables (the app role)."""
    if engine.dialect.name != "postgresql":
        return True
    with engine.connect() as connection:
        owns = connection.execute(text(
            "SELECT pg_has_role(current_user, c.relowner, 'USAGE') FROM pg_class c "
            "WHERE c.oid = to_regclass('alembic_version')")).scalar()
    return owns is None or bool(owns)   # None: a new database, whoever may create it


def refuse_a_newer_schema(engine: Engine, needed: str) -> None:
    """``LibraryUnavailable`` when the database records a migration this desk does not have:
    a newer desk upgraded the library (another desk of a PostgreSQL library, or a file copied
    back). Alembic would stop with a traceback ("Can't locate revision")."""
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    try:
        with engine.connect() as connection:
            current = [row[0] for row in connection.execute(
                text("SELECT version_num FROM alembic_version"))]
    except DBAPIError:      # no alembic_version table yet: a new database
        return
    scripts = ScriptDirectory.from_config(alembic_config(engine))
    for revision in current:
        try:
            scripts.get_revision(revision)
        except CommandError:
            from desk.wording import text as wording
            raise LibraryUnavailable(wording("db_schema_newer", current=revision[:40],
                                             needed=needed)) from None


def upgrade(engine: Engine, *, timezone: str | None = None) -> None:
    """Bring the database schema to the newest migration (``timezone``: the library's).
    Raises ``SchemaNotCurrent`` when the schema is behind and this role may not migrate it,
    ``LibraryUnavailable`` when it is ahead (made by a newer desk)."""
    # Loading Alembic and running it over every migration script costs about 0.15 s at each
    # start; a database already at the newest migration (the usual case) needs neither.
    if schema_is_current(engine):
        return
    needed = ", ".join(sorted(head_revisions() or ())) or "head"
    refuse_a_newer_schema(engine, needed)
    if not _may_migrate(engine):
        raise SchemaNotCurrent(_current_revisions(engine), needed)
    from alembic import command

    try:
        command.upgrade(alembic_config(engine, timezone=timezone), "head")
    except DBAPIError as error:
        if permission_denied(error):  # e.g. a new database the role may not create tables in
            raise SchemaNotCurrent(_current_revisions(engine), needed) from error
        raise


def declared_for(dialect: str) -> Callable[..., bool]:
    """Alembic's ``include_object`` for a database of ``dialect``: leaves out what the models
    declare for another database only (``Index(...).ddl_if(dialect="postgresql")``), so
    comparing the migrated schema with the models does not miss them on SQLite."""
    def include(obj: Any, _name: str | None, _type: str, reflected: bool, _other: Any) -> bool:
        only = getattr(obj, "_ddl_if", None)
        return reflected or only is None or only.dialect in (None, dialect)
    return include


def read_only(engine: Engine) -> Engine:
    """The same engine (same pool) for sessions that only read."""
    return engine.execution_options(**{READ_ONLY_OPTION: True})
