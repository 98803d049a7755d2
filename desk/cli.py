"""Command line: ``python -m desk`` opens the desk; ``demo`` builds the demo library;
``import patrons|items FILE.csv`` imports a CSV file.

Exit codes: 0 done, 1 refused or failed (the message says why), 2 bad usage or settings.
User errors print a message, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad command-line use or settings (exit code 2)."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m desk", description="Circulation Desk: the library circulation counter.",
        epilog="Without a command the desk window opens; its own options (--language, "
               "--self-test, --database) are passed on to it.")
    parser.add_argument("--url", help="database URL (default: the settings' database_url, "
                                      "else the embedded SQLite file)")
    parser.add_argument("--desk", help="desk code, e.g. MAIN-1 (default: the settings' desk)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    url_help = argparse.SUPPRESS
    demo = commands.add_parser("demo", help="build the demo library",
                               description="Build the demo library: locations, desks, staff "
                                           "accounts, patrons, items and 90 days of circulation.")
    demo.add_argument("--url", default=argparse.SUPPRESS, help=url_help)
    demo.add_argument("--if-empty", action="store_true",
                      help="build only when the library is empty; otherwise leave it as it is")
    demo.add_argument("--force", action="store_true",
                      help="replace an existing library (deletes everything in it)")
    demo.add_argument("--patrons", type=int, default=500, help="number of patrons (500)")
    demo.add_argument("--items", type=int, default=5000, help="number of items (5000)")
    demo.add_argument("--seed", type=int, default=2026, help="random seed (2026)")
    imports = commands.add_parser("import", help="import patrons or items from a CSV file",
                                  description="Import a UTF-8 CSV file with a header row "
                                              "(columns: docs/import.md). The whole file is "
                                              "checked first; if any line is bad nothing is "
                                              "imported.")
    imports.add_argument("kind", choices=("patrons", "items"))
    imports.add_argument("file", type=Path)
    imports.add_argument("--url", default=argparse.SUPPRESS, help=url_help)
    from desk.offline_cli import add_offline_commands
    add_offline_commands(commands)
    return parser


def resolve_url(url: str | None) -> str:
    """The database URL: ``--url``, else the settings, else the embedded SQLite file."""
    from desk.config import Config, ConfigError, data_dir
    from desk.models.database import default_sqlite_url
    if not url:
        try:
            url = Config.load().get("database_url")
        except ConfigError as exc:
            raise UsageError(str(exc)) from None
    if not url:
        return default_sqlite_url(data_dir())
    try:
        make_url(url).get_dialect()
    except (ArgumentError, NoSuchModuleError) as exc:
        raise UsageError(f"not a database URL: {url!r} ({exc})") from None
    return url


def _policy():
    from desk.circulation.policy import Policy
    from desk.config import Config, ConfigError
    try:
        return Policy.from_config(Config.load())
    except (ConfigError, ValueError) as exc:
        raise UsageError(str(exc)) from None


def _out(text: str = "") -> None:
    print(text, flush=True)


def _err(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def wipe(url: str) -> None:
    """Delete the library at ``url``: the SQLite file, or every table of another database."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(parsed.database + suffix).unlink(missing_ok=True)
        return
    from sqlalchemy import text
    from desk.models import Base
    from desk.models.database import make_engine
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            Base.metadata.drop_all(connection)
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    finally:
        engine.dispose()


def cmd_demo(args: argparse.Namespace) -> int:
    from desk.circulation import open_library
    from desk.demo import STAFF_ACCOUNTS, build_demo, is_empty
    if args.patrons < 1 or args.items < 1:
        raise UsageError("--patrons and --items must be positive")
    url = resolve_url(args.url)
    policy = _policy()
    library = open_library(url, policy=policy)
    try:
        empty = is_empty(library)
        shown = library.url
    finally:
        library.close()
    if not empty and args.if_empty:
        _out(f"{shown} already holds a library; leaving it as it is.")
        return EXIT_OK
    if not empty:
        if not args.force:
            _err(f"{shown} already holds a library; not overwriting it.\n"
                 "Use 'python -m desk demo --force' to delete it and build the demo library.")
            return EXIT_FAILED
        _out(f"Deleting the library at {shown} ...")
        wipe(url)
    _out(f"Building the demo library at {shown} ({args.patrons} patrons, {args.items} items) ...")
    try:
        summary = build_demo(url, patrons=args.patrons, items=args.items, seed=args.seed,
                             policy=policy)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    _out(f"Done in {summary.seconds:.1f} s.\n")
    for name, value in summary.counts.items():
        shown_value = policy.money(value) if name.endswith("total") else f"{value:,}"
        _out(f"  {name:<24}{shown_value:>12}")
    _out("\nStaff accounts (login / password):")
    for login, password, name, role, what in STAFF_ACCOUNTS:
        _out(f"  {login:<8}/ {password:<8} {name} ({role}): {what}")
    _out("\nDesks: MAIN-1, MAIN-2 (總圖書館), SOC-1 (社會科學資料中心), LAW-1 (法學分館).")
    _out("Open the desk with: python -m desk")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from desk.circulation import open_library
    from desk.importer import ImportFailed, import_file
    path: Path = args.file
    if not path.is_file():
        _err(f"{path}: no such file")
        return EXIT_FAILED
    library = open_library(resolve_url(args.url), policy=_policy())
    try:
        result = import_file(library, args.kind, path)
    except ImportFailed as failed:
        for error in failed.errors:
            _err(f"{path}: {error}")
        _err(f"{path}: {len(failed.errors)} problem(s); nothing was imported.")
        return EXIT_FAILED
    except OSError as exc:
        _err(f"{path}: cannot read the file: {exc.strerror or exc}")
        return EXIT_FAILED
    finally:
        library.close()
    _out(f"Imported {result.count} {result.kind} from {path} into {library.url}.")
    return EXIT_OK


def cmd_open_desk(args: argparse.Namespace, extra: list[str]) -> int:
    """Open the desk window (desk.app), passing ``--url`` on as its ``--database``."""
    argv = (["--database", args.url] if args.url else []) + (
        ["--desk", args.desk] if args.desk else []) + extra
    # Also through the environment, for anything that reads the settings on its own.
    if args.url:
        os.environ["DESK_DATABASE_URL"] = args.url
    if args.desk:
        os.environ["DESK_DESK"] = args.desk
    try:
        from desk.app import main as app_main
    except ModuleNotFoundError as exc:
        if exc.name not in ("desk.app", "PySide6") and not (exc.name or "").startswith("PySide6"):
            raise
        _err(f"The desk window is not available ({exc}). Build the demo library with "
             "'python -m desk demo'; see 'python -m desk --help'.")
        return EXIT_FAILED
    return app_main(argv)


def _names_a_command(argv: list[str]) -> bool:
    """Whether ``argv`` names a command (or asks for help) rather than opening the desk with
    options of the desk window. A word right after an option is taken as that option's value."""
    after_option = False
    for token in argv:
        if token in ("-h", "--help"):
            return True
        if token.startswith("-"):
            after_option = "=" not in token
            continue
        if not after_option:
            return True
        after_option = False
    return False


def run(argv: list[str]) -> int:
    parser = _parser()
    try:
        if _names_a_command(argv):
            args, extra = parser.parse_args(argv), []
        else:
            desk_options = argparse.ArgumentParser(prog="python -m desk", add_help=False)
            desk_options.add_argument("--url")
            desk_options.add_argument("--desk")
            args, extra = desk_options.parse_known_args(argv)
            args.command = None
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        if args.command == "demo":
            return cmd_demo(args)
        if args.command == "import":
            return cmd_import(args)
        if args.command == "offline":
            return args.handler(args)
        return cmd_open_desk(args, extra)
    except UsageError as exc:
        _err(f"error: {exc}")
        return EXIT_USAGE
    except SQLAlchemyError as exc:
        _err(f"error: the library database cannot be used: {exc.__class__.__name__}: "
             f"{str(exc).splitlines()[0]}")
        return EXIT_FAILED
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
