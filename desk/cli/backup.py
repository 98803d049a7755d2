"""``python -m desk backup [--url URL] [--to DIR]``: one checked backup of the library, then the
old ones rotated by the settings (``backup_keep_daily``, ``backup_keep_weekly``).

The folder is ``--to``, else the ``backup_dir`` setting, else ``backups`` in the user data
directory. Exit codes as in ``desk.cli``: 0 backed up, 1 refused or failed, 2 bad usage.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desk.cli.common import EXIT_FAILED, EXIT_OK, UsageError, err, out, resolve_url


def add_parser(
        subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """Add the ``backup`` command to ``python -m desk``'s sub-commands."""
    parser = subparsers.add_parser(
        "backup", help="back up the library database (checked, then rotated)",
        description="A consistent, checked copy of the library (SQLite: the online backup API; "
                    "PostgreSQL: pg_dump -Fc), named <library>-<YYYYmmdd-HHMMSS>.sqlite or "
                    ".pgdump, while desks keep working.")
    parser.add_argument("--url", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    parser.add_argument("--to", type=Path, metavar="DIR",
                        help="backup folder (default: the backup_dir setting)")
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace) -> int:
    from desk.backup import BackupError, run_backup
    from desk.backup.status import configured_directory
    from desk.config import Config, ConfigError
    from desk.wording import text
    try:
        config = Config.load()
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    url = resolve_url(getattr(args, "url", None))
    directory = args.to or configured_directory(config)
    try:
        result = run_backup(url, directory, keep_daily=config.get("backup_keep_daily"),
                            keep_weekly=config.get("backup_keep_weekly"))
    except BackupError as error:
        err(f"error: {error.message}")
        return EXIT_FAILED
    out(text("backup_done", path=result.path, size=f"{result.bytes / 1e6:.1f}",
             seconds=f"{result.seconds:.1f}", rows=result.snapshot.rows))
    if result.removed:
        out(text("backup_rotated", count=len(result.removed)))
    return EXIT_OK
