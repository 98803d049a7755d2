"""``python -m desk demo``: build the demo library (refusing to overwrite one unless told)."""

from __future__ import annotations

import argparse
from pathlib import Path

from sqlalchemy.engine import make_url

from desk.cli.common import EXIT_FAILED, EXIT_OK, UsageError, err, load_policy, out, resolve_url


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``demo`` to ``python -m desk``'s commands."""
    demo = commands.add_parser("demo", help="build the demo library",
                               description="Build the demo library: locations, desks, staff "
                                           "accounts, patrons, items and 90 days of circulation.")
    demo.set_defaults(handler=run)
    demo.add_argument("--url", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    demo.add_argument("--if-empty", action="store_true",
                      help="build only when the library is empty; otherwise leave it as it is")
    demo.add_argument("--force", action="store_true",
                      help="replace an existing library (deletes everything in it)")
    demo.add_argument("--patrons", type=int, default=500, help="number of patrons (500)")
    demo.add_argument("--items", type=int, default=5000, help="number of items (5000)")
    demo.add_argument("--seed", type=int, default=2026, help="random seed (2026)")


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


def run(args: argparse.Namespace) -> int:
    # Imported when the command runs: every start of `python -m desk`, the desk window's too,
    # imports this module to build the parser, and should not pay for the circulation layer.
    from desk.circulation import open_library
    from desk.demo import STAFF_ACCOUNTS, build_demo, is_empty
    if args.patrons < 1 or args.items < 1:
        raise UsageError("--patrons and --items must be positive")
    url = resolve_url(args.url)
    policy = load_policy()
    library = open_library(url, policy=policy, create=True)   # building one is the point
    try:
        empty = is_empty(library)
        shown = library.url
    finally:
        library.close()
    if not empty and args.if_empty:
        out(f"{shown} already holds a library; leaving it as it is.")
        return EXIT_OK
    if not empty:
        if not args.force:
            err(f"{shown} already holds a library; not overwriting it.\n"
                "Use 'python -m desk demo --force' to delete it and build the demo library.")
            return EXIT_FAILED
        out(f"Deleting the library at {shown} ...")
        wipe(url)
    out(f"Building the demo library at {shown} ({args.patrons} patrons, {args.items} items) ...")
    try:
        summary = build_demo(url, patrons=args.patrons, items=args.items, seed=args.seed,
                             policy=policy)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    out(f"Done in {summary.seconds:.1f} s.\n")
    for name, value in summary.counts.items():
        shown_value = policy.money(value) if name.endswith("total") else f"{value:,}"
        out(f"  {name:<24}{shown_value:>12}")
    out("\nStaff accounts (login / password):")
    for login, password, name, role, what in STAFF_ACCOUNTS:
        out(f"  {login:<8}/ {password:<8} {name} ({role}): {what}")
    out("\nDesks: MAIN-1, MAIN-2 (總圖書館), SOC-1 (社會科學資料中心), LAW-1 (法學分館).")
    out("Open the desk with: python -m desk")
    return EXIT_OK
