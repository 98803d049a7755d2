"""``python -m desk audit verify [--url URL]``: check the audit log's hash chain.

Exit 0 and one line (``intact, N rows, the last at ...``) when the chain holds; exit 1 naming
the first broken row (``desk.models.audit_chain.verify_chain``). It reads the database as it is
(no migration), so a backup copy can be checked too; the whole check is one read transaction (a
single snapshot: rows other desks add meanwhile are not mistaken for a break).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desk.cli.common import EXIT_FAILED, EXIT_OK, err, out, resolve_url, use_language


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``audit`` to ``python -m desk``'s commands."""
    audit = commands.add_parser("audit", help="check the audit log",
                                description="The audit log is append-only and tamper-evident: "
                                            "each row carries a hash of the one before.")
    audit.set_defaults(handler=run)
    actions = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = actions.add_parser("verify", help="check the hash chain; exit 1 naming the first "
                                               "broken row")
    verify.add_argument("--url", default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    from sqlalchemy import inspect
    from sqlalchemy.engine import make_url

    from desk.database_urls import check_sqlite_file
    from desk.models.audit_chain import check_chain
    from desk.models.database import head_revisions, make_engine, read_only, refuse_a_newer_schema
    from desk.wording import text
    use_language()
    url = resolve_url(args.url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        # as every command but the demo: a missing folder or file, an empty file (a share not
        # mounted, a truncated file) or a file that is not SQLite is refused before SQLite
        # opens it (opening writes a header into an empty file)
        check_sqlite_file(Path(parsed.database or ""), create=False)
    engine = make_engine(url)
    try:
        # a newer desk may chain its rows differently: its own verify is the one to trust
        refuse_a_newer_schema(engine, ", ".join(sorted(head_revisions() or ())) or "head")
        connection = read_only(engine).connect()
        if engine.dialect.name == "postgresql":
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
        with connection, connection.begin():
            if not inspect(connection).has_table("audit_chain_head"):
                err(text("audit_chain_no_table", url=parsed.render_as_string()))
                return EXIT_FAILED
            report = check_chain(connection)
    finally:
        engine.dispose()
    if report.broken is not None:
        err(report.message)
        return EXIT_FAILED
    out(report.message)
    return EXIT_OK
