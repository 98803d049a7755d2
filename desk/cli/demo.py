"""``python -m desk demo``: build the demo library (refusing to overwrite one unless told).

``--force`` over a library that is not the demo (no ``demo`` mark, not empty) needs an
administrator's sign-in first: login and password asked on a terminal, or given in
``DESK_ADMIN_LOGIN`` / ``DESK_ADMIN_PASSWORD`` for scripts; with neither it is refused. What is
deleted is printed, and recorded in the new library's audit log (``library_wiped``).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import make_url

from desk.cli.common import (EXIT_FAILED, EXIT_OK, UsageError, err, load_policy, out, resolve_url,
                             use_language)

if TYPE_CHECKING:
    from desk.circulation import Library


class WipeRefused(Exception):
    """No administrator approved deleting a library that is not the demo."""


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


def _contents(library: Library) -> dict[str, int]:
    """What a wipe deletes, by name (for the screen and the record)."""
    from sqlalchemy import func, select

    from desk.models import AuditEvent, Loan, Payment
    from desk.demo.summary import count_library
    counts = count_library(library, library.now(), quick=True)
    with library.read_sessions() as session:
        for name, model in (("loans", Loan), ("payments", Payment), ("audit rows", AuditEvent)):
            counts[name] = int(session.scalar(select(func.count()).select_from(model)) or 0)
    return counts


def _admin_sign_in(library: Library, shown: str) -> str:
    """The login of the administrator who approves the wipe; ``WipeRefused`` otherwise."""
    from desk.circulation import AuthenticationFailed, CirculationRefused
    from desk.wording import text
    login, password = os.environ.get("DESK_ADMIN_LOGIN"), os.environ.get("DESK_ADMIN_PASSWORD")
    if not (login and password is not None):
        if not sys.stdin.isatty():
            raise WipeRefused(text("demo_wipe_needs_admin", url=shown))
        err(text("demo_wipe_needs_admin", url=shown))
        login = input("Administrator login: ").strip()
        password = getpass.getpass("Password: ")
    try:
        staff = library.sign_in(login, password)
    except (AuthenticationFailed, CirculationRefused):
        raise WipeRefused(text("demo_wipe_sign_in_failed")) from None
    if staff.role != "admin":
        raise WipeRefused(text("demo_wipe_not_admin", login=login))
    return login


def _record_wipe(url: str, policy: Any, detail: dict[str, Any]) -> int:
    """Write the wipe into the new library's audit log; the row's id."""
    from desk.circulation import open_library
    from desk.models import AuditEvent
    library = open_library(url, policy=policy)
    try:
        with library.sessions() as session, session.begin():
            event = AuditEvent(at=library.now(), action="library_wiped", outcome="done",
                               reason="python -m desk demo --force", detail=detail)
            session.add(event)
        return event.id
    finally:
        library.close()


def run(args: argparse.Namespace) -> int:
    # Imported when the command runs: every start of `python -m desk`, the desk window's too,
    # imports this module to build the parser, and should not pay for the circulation layer.
    from desk.circulation import open_library
    from desk.demo import STAFF_ACCOUNTS, build_demo, is_empty
    from desk.models.marks import DEMO, has_mark
    from desk.wording import text
    if args.patrons < 1 or args.items < 1:
        raise UsageError("--patrons and --items must be positive")
    url = resolve_url(args.url)
    policy = load_policy()
    use_language()
    library = open_library(url, policy=policy, create=True)   # building one is the point
    wiped: dict[str, Any] | None = None
    try:
        empty = is_empty(library)
        shown = library.url
        if not empty and args.force and not args.if_empty:
            contents = _contents(library)
            with library.read_sessions() as session:
                demo = has_mark(session, DEMO)
            try:
                admin = None if demo else _admin_sign_in(library, shown)
            except WipeRefused as refused:
                err(str(refused))
                return EXIT_FAILED
            wiped = {"url": shown, "demo": demo, "approved_by": admin, "contents": contents}
    finally:
        library.close()
    if not empty and args.if_empty:
        out(f"{shown} already holds a library; leaving it as it is.")
        return EXIT_OK
    if not empty:
        if wiped is None:
            err(f"{shown} already holds a library; not overwriting it.\n"
                "Use 'python -m desk demo --force' to delete it and build the demo library.")
            return EXIT_FAILED
        what = ", ".join(f"{value:,} {name}" for name, value in wiped["contents"].items())
        out(text("demo_wiping_demo", url=shown, what=what) if wiped["demo"] else
            text("demo_wiping", url=shown, what=what, login=wiped["approved_by"]))
        wipe(url)
    out(f"Building the demo library at {shown} ({args.patrons} patrons, {args.items} items) ...")
    try:
        summary = build_demo(url, patrons=args.patrons, items=args.items, seed=args.seed,
                             policy=policy)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if wiped is not None:
        out(text("demo_wipe_recorded", row=_record_wipe(url, policy, wiped)))
    out(f"Done in {summary.seconds:.1f} s.\n")
    for name, value in summary.counts.items():
        shown_value = policy.money(value) if name.endswith("total") else f"{value:,}"
        out(f"  {name:<24}{shown_value:>12}")
    out("\nStaff accounts (login / password):")
    for login, password, name, role, what in STAFF_ACCOUNTS:
        out(f"  {login:<8}/ {password:<8} {name} ({role}): {what}")
    out("\nDesks: MAIN-1, MAIN-2 (總圖書館), SOC-1 (社會科學資料中心), LAW-1 (法學分館).")
    if args.url is None:
        folder = demo_slip_printer()
        if folder is not None:
            out(f"Slips are saved as PDF files in {folder} (setting printer_device).")
    out("Open the desk with: python -m desk")
    return EXIT_OK


def demo_slip_printer() -> Path | None:
    """A new user's demo desk prints its slips as PDF files into a folder, so slips appear
    somewhere: set when no printer is configured yet (a configured one is left alone).
    Returns the folder, or None when a printer was already set."""
    from desk.config import Config, data_dir
    config = Config.load()
    if config.get("printer_device") != "none":
        return None
    folder = data_dir() / "slips"
    folder.mkdir(parents=True, exist_ok=True)
    config.set("printer_device", "pdf:///" + folder.as_posix().lstrip("/"))
    config.save()
    return folder
