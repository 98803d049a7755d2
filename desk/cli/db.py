"""``python -m desk db upgrade --url OWNER_URL`` and ``python -m desk db grant --url OWNER_URL
--role desk_app [--password-env VAR]``: the two PostgreSQL roles of a library.

The owner (the role that created the database) runs the migrations; the desks connect as an
app role that reads and writes circulation but may only INSERT and SELECT audit rows, so the
audit log cannot be rewritten or deleted from a desk (the server refuses). ``grant`` upgrades
the schema, creates or updates the role and grants it exactly that; ``upgrade`` migrates and
grants again to every app role already granted (so tables a migration adds reach them).
"""

from __future__ import annotations

import argparse
import os
import re
from typing import TYPE_CHECKING

from desk.cli.common import EXIT_OK, UsageError, out, resolve_url, use_language

if TYPE_CHECKING:
    from sqlalchemy import Engine

ROLE_NAME = re.compile(r"^[a-z][a-z0-9_]{0,62}$")


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``db`` to ``python -m desk``'s commands."""
    db = commands.add_parser("db", help="database schema and roles (run as the owner)",
                             description="Upgrade the schema and grant the desks' role, as the "
                                         "database owner.")
    db.set_defaults(handler=run)
    actions = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    upgrade = actions.add_parser("upgrade", help="bring the schema to the newest revision")
    upgrade.add_argument("--url", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    grant = actions.add_parser("grant", help="create or update the desks' role (PostgreSQL)")
    grant.add_argument("--url", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    grant.add_argument("--role", default="desk_app", help="the desks' role (desk_app)")
    grant.add_argument("--password-env", metavar="VAR",
                       help="set the role's password from this environment variable")


def run(args: argparse.Namespace) -> int:
    from desk.models.database import make_engine
    from desk.models.roles import app_roles, grant_app_role
    from desk.wording import text
    use_language()
    url = resolve_url(args.url)
    engine = make_engine(url)
    try:
        if args.db_command == "upgrade":
            _upgrade(engine)
            if engine.dialect.name == "postgresql":
                for role in app_roles(engine):
                    grant_app_role(engine, role)
            out(text("db_upgraded", url=engine.url.render_as_string(),
                     revision=_revision(engine)))
            return EXIT_OK
        if engine.dialect.name != "postgresql":
            raise UsageError(text("db_grant_needs_postgresql"))
        if not ROLE_NAME.match(args.role):
            raise UsageError(text("db_grant_bad_role", role=args.role))
        password = None
        if args.password_env:
            password = os.environ.get(args.password_env)
            if not password or "\0" in password:
                raise UsageError(text("db_grant_no_password", var=args.password_env))
        _upgrade(engine)
        grant_app_role(engine, args.role, password=password)
        out(text("db_grant_done", role=args.role, url=engine.url.render_as_string()))
        return EXIT_OK
    finally:
        engine.dispose()


def _upgrade(engine: Engine) -> None:
    from desk.models.database import SchemaNotCurrent, upgrade
    try:
        upgrade(engine)
    except SchemaNotCurrent as exc:
        raise UsageError(str(exc)) from None


def _revision(engine: Engine) -> str:
    from sqlalchemy import text as sql
    with engine.connect() as connection:
        return ", ".join(row[0] for row in connection.execute(
            sql("SELECT version_num FROM alembic_version")))
