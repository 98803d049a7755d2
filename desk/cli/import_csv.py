"""``python -m desk import patrons|items FILE.csv``: import a CSV file, all or nothing.

``--update`` (patrons only, the semester sync of ``desk.importer.update``) updates the patrons
already in the library and adds the others, never deleting; ``--report FILE.csv`` lists every
change; ``--check`` checks the file (and, with ``--update``, counts what would change) without
writing anything.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from desk.cli.common import (EXIT_FAILED, EXIT_OK, UsageError, err, load_policy, out,
                             resolve_url, use_language)

if TYPE_CHECKING:
    from desk.circulation import Library


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``import`` to ``python -m desk``'s commands."""
    imports = commands.add_parser("import", help="import patrons or items from a CSV file",
                                  description="Import a UTF-8 CSV file with a header row "
                                              "(columns: docs/import.md). The whole file is "
                                              "checked first; if any line is bad nothing is "
                                              "imported.")
    imports.set_defaults(handler=run)
    imports.add_argument("kind", choices=("patrons", "items"))
    imports.add_argument("file", type=Path)
    imports.add_argument("--url", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    imports.add_argument("--create", action="store_true",
                         help="make a new library when there is none at the URL (otherwise a "
                              "missing or empty database file is refused)")
    imports.add_argument("--update", action="store_true",
                         help="patrons: update those already in the library (by barcode) and "
                              "add the others; nobody is deleted (the semester sync)")
    imports.add_argument("--check", action="store_true",
                         help="check the file (with --update: count the changes) and write "
                              "nothing")
    imports.add_argument("--report", type=Path, metavar="FILE.csv",
                         help="with --update: write every change (before and after) to this "
                              "CSV file")


def run(args: argparse.Namespace) -> int:
    # Imported when the command runs: every start of `python -m desk`, the desk window's too,
    # imports this module to build the parser, and should not pay for the circulation layer.
    from desk.circulation import open_library
    from desk.importer import ImportFailed, check_file, import_file
    from desk.wording import text
    path: Path = args.file
    if args.update and args.kind != "patrons":
        raise UsageError(text("cli_update_patrons_only"))
    if args.report is not None and not args.update:
        raise UsageError(text("cli_report_needs_update"))
    if not path.is_file():
        err(text("cli_no_such_file", path=path))
        return EXIT_FAILED
    from desk.config import Config
    max_bytes = Config.load().get("import_max_bytes")
    library = open_library(resolve_url(args.url), policy=load_policy(), create=args.create)
    try:
        if args.update:
            return _sync(library, path, max_bytes=max_bytes, check=args.check,
                         report=args.report)
        if args.check:
            checked = check_file(library, args.kind, path, max_bytes=max_bytes)
            if not checked.ok:
                raise ImportFailed(path, checked.errors)
            out(text("csv_checked", path=path, count=checked.count,
                     kind=text(f"csv_kind_{args.kind}")))
            return EXIT_OK
        result = import_file(library, args.kind, path, max_bytes=max_bytes)
    except ImportFailed as failed:
        for error in failed.errors:
            err(f"{path}: {error}")
        err(text("csv_problems", path=path, count=len(failed.errors)))
        return EXIT_FAILED
    except OSError as exc:
        err(text("csv_unreadable", path=path, detail=exc.strerror or exc))
        return EXIT_FAILED
    finally:
        library.close()
    out(text("csv_imported", count=result.count, kind=text(f"csv_kind_{result.kind}"),
             path=path, url=library.url))
    return EXIT_OK


def _sync(library: Library, path: Path, *, max_bytes: int, check: bool,
          report: Path | None) -> int:
    from desk.importer.sync_report import ChangeReport
    from desk.importer.update import SyncFailed, sync_patrons
    from desk.wording import text
    use_language()
    try:
        if report is not None:
            with ChangeReport(report) as changes:
                result = sync_patrons(library, path, max_bytes=max_bytes, check_only=check,
                                      report=changes.add)
        else:
            result = sync_patrons(library, path, max_bytes=max_bytes, check_only=check)
    except SyncFailed as failed:
        for error in failed.errors:
            err(f"{path}: {error}")
        err(str(failed))
        return EXIT_FAILED
    except OSError as exc:
        if report is not None and str(exc.filename or "").startswith(str(report)):
            err(text("privacy_out_failed", path=report, detail=exc.strerror or str(exc)))
            return EXIT_FAILED
        raise
    counts = {"path": path, "updated": result.updated, "added": result.added,
              "unchanged": result.unchanged}
    if check:
        out(text("sync_checked", **counts))
    elif result.changed:
        out(text("sync_summary", **counts))
    else:
        out(text("sync_nothing_changed", path=path, unchanged=result.unchanged))
    if report is not None:
        out(text("sync_report_written", path=report))
    return EXIT_OK
