"""Command line: ``python -m desk`` opens the desk; ``demo`` builds the demo library;
``import patrons|items FILE.csv`` imports a CSV file; ``offline import|export`` replays or
exports offline circulation; ``backup`` and ``restore FILE`` back the library up and bring a
backup back; ``audit verify`` checks the audit log's hash chain; ``db upgrade|grant`` migrates
and grants the desks' PostgreSQL role; ``searches sweep`` applies the deadlines of
missing-book searches and withdrawn-area retrievals; ``sip2 serve|add-terminal`` serves
self-check machines. One module per command (``desk_window``, ``demo``, ``import_csv``,
``offline``, ``backup``, ``restore``, ``audit``, ``db``, ``notices``, ``searches``, ``sip2``);
this module parses and dispatches.

Exit codes: 0 done, 1 refused or failed (the message says why), 2 bad usage or settings.
User errors print a message, never a traceback, in the desk's language (the ``language``
setting: ``desk.cli.language``).
"""

from __future__ import annotations

import argparse

from sqlalchemy.exc import SQLAlchemyError

from desk.cli import (audit, backup, db, demo, desk_window, import_csv, notices, offline, privacy,
                      restore, searches, sip2)
from desk.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, err, resolve_url
from desk.cli.demo import wipe
from desk.config import ConfigError
from desk.database_urls import LibraryUnavailable

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "UsageError", "resolve_url", "run", "wipe"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m desk", description="Circulation Desk: the library circulation counter.",
        epilog="Without a command the desk window opens; its own options (--language, "
               "--self-test, --database) are passed on to it.")
    parser.add_argument("--url", help="database URL (default: the settings' database_url, "
                                      "else the embedded SQLite file)")
    parser.add_argument("--desk", help="desk code, e.g. MAIN-1 (default: the settings' desk)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in (demo, import_csv, offline, backup, restore, audit, db, privacy, notices,
                    searches, sip2):
        command.add_parser(commands)
    return parser


def run(argv: list[str]) -> int:
    """Run ``python -m desk`` with ``argv`` (without the program name); the exit code."""
    extra: list[str] = []
    try:
        if desk_window.names_a_command(argv):
            args = _parser().parse_args(argv)
        else:
            args, extra = desk_window.parse(argv)
            args.command = None
    except SystemExit as exit_:
        return int(exit_.code or 0)
    from desk.cli import language
    from desk.wording import text
    if args.command is not None:    # the window chooses its language itself
        language.use()
    try:
        if args.command is None:
            return desk_window.run(args, extra)
        return int(args.handler(args))
    except UsageError as exc:
        err(text("cli_error", message=exc))
        return EXIT_USAGE
    except ConfigError as exc:
        for problem in exc.problems:
            err(text("cli_settings_error", problem=problem))
        return EXIT_USAGE
    except LibraryUnavailable as exc:
        err(text("cli_error", message=exc))
        return EXIT_FAILED if exc.read_only else EXIT_USAGE
    except SQLAlchemyError as exc:
        from desk.models.database import permission_denied  # only when it failed: see demo.run
        if permission_denied(exc):
            err(text("cli_error", message=text(
                "db_permission_denied", what=str(exc.orig).splitlines()[0])))
            return EXIT_FAILED
        err(text("cli_error", message=text("cli_db_unusable", kind=exc.__class__.__name__,
                                           detail=str(exc).splitlines()[0])))
        return EXIT_FAILED
    except KeyboardInterrupt:
        err(text("cli_interrupted"))
        return 130
