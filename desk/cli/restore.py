"""``python -m desk restore FILE [--url URL] [--force]``: bring a backup back.

The backup is checked first (a damaged, truncated or foreign file is refused and nothing
changes). A library that holds data is replaced only with ``--force`` and an administrator's
sign-in (``DESK_ADMIN_LOGIN`` / ``DESK_ADMIN_PASSWORD``, or asked on a terminal); the library it
replaces is kept beside it. Every desk using the library must be closed first (a running desk is
detected and the restore refused). Says what the restored library holds.
Exit codes as in ``desk.cli``: 0 restored, 1 refused or failed, 2 bad usage.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from desk.cli.common import EXIT_FAILED, EXIT_OK, err, out, resolve_url


def add_parser(
        subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """Add the ``restore`` command to ``python -m desk``'s sub-commands."""
    parser = subparsers.add_parser(
        "restore", help="restore the library from a backup",
        description="Restore a backup made by 'python -m desk backup' into the library "
                    "(close every desk using it first).")
    parser.add_argument("file", type=Path, metavar="FILE", help="a .sqlite or .pgdump backup")
    parser.add_argument("--url", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    parser.add_argument("--force", action="store_true",
                        help="replace a library that holds data (needs an administrator)")
    parser.set_defaults(handler=run)
    return parser


class Refused(Exception):
    """The restore is not allowed; the message says why."""


def _admin_credentials() -> tuple[str, str]:
    from desk.wording import text
    login = os.environ.get("DESK_ADMIN_LOGIN")
    password = os.environ.get("DESK_ADMIN_PASSWORD")
    if login is not None and password is not None:
        return login, password
    if not sys.stdin.isatty():
        raise Refused(text("restore_no_credentials"))
    login = login or input("Administrator login: ").strip()
    return login, password if password is not None else getpass.getpass(f"Password for {login}: ")


def _require_admin(url: str) -> None:
    """An administrator of the library being replaced must sign in."""
    from desk.circulation import AuthenticationFailed, open_library
    from desk.wording import text
    login, password = _admin_credentials()
    library = open_library(url)
    try:
        try:
            user = library.sign_in(login, password)
        except AuthenticationFailed:
            raise Refused(text("restore_sign_in_failed")) from None
    finally:
        library.close()
    if user.role != "admin":
        raise Refused(text("restore_not_admin", login=login))


def run(args: argparse.Namespace) -> int:
    from desk.backup import BackupError, holds_data, inspect_backup, restore
    from desk.wording import text
    url = resolve_url(getattr(args, "url", None))
    try:
        expected = inspect_backup(args.file, url)
        if holds_data(url):
            if not args.force:
                raise Refused(text("restore_holds_data", target=_target_name(url)))
            _require_admin(url)
        result = restore(args.file, url, expected)
    except BackupError as error:
        err(f"error: {error.message}")
        return EXIT_FAILED
    except Refused as refused:
        err(f"error: {refused}")
        return EXIT_FAILED
    out(text("restore_done", path=args.file, target=result.target))
    if result.kept:
        out(text("restore_kept", kept=result.kept))
    for line in result.summary.lines():
        out(line)
    return EXIT_OK


def _target_name(url: str) -> str:
    from sqlalchemy.engine import make_url
    parsed = make_url(url)
    return str(parsed.database) if parsed.get_backend_name() == "sqlite" else \
        parsed.render_as_string(hide_password=True)
