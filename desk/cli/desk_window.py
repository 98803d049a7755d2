"""``python -m desk [--url URL] [--desk CODE] [desk options]``: open the desk window.

Without a command the desk window (``desk.app``) opens; its own options (``--language``,
``--self-test``, ``--database``) are passed on to it, ``--url`` as its ``--database``.
``--self-test`` opens the database, builds the main window offscreen and exits: the check of a
frozen build.
"""

from __future__ import annotations

import argparse
import os

from desk.cli.common import EXIT_FAILED, err


def names_a_command(argv: list[str]) -> bool:
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


def parse(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    """``--url`` and ``--desk``, and the rest for the desk window."""
    desk_options = argparse.ArgumentParser(prog="python -m desk", add_help=False)
    desk_options.add_argument("--url")
    desk_options.add_argument("--desk")
    return desk_options.parse_known_args(argv)


def run(args: argparse.Namespace, extra: list[str]) -> int:
    """Open the desk window (desk.app), passing ``--url`` on as its ``--database``."""
    argv = (["--database", args.url] if args.url else []) + (
        ["--desk", args.desk] if args.desk else []) + extra
    # Also through the environment, for anything that reads the settings on its own.
    if args.url:
        os.environ["DESK_DATABASE_URL"] = args.url
    if args.desk:
        os.environ["DESK_DESK"] = args.desk
    try:
        # Imported only now: the commands run without Qt, and PySide6 may be missing.
        from desk.app import main as app_main
    except ModuleNotFoundError as exc:
        if exc.name not in ("desk.app", "PySide6") and not (exc.name or "").startswith("PySide6"):
            raise
        err(f"The desk window is not available ({exc}). Build the demo library with "
            "'python -m desk demo'; see 'python -m desk --help'.")
        return EXIT_FAILED
    return app_main(argv)
