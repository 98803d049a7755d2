"""``python -m desk import patrons|items FILE.csv``: import a CSV file, all or nothing."""

from __future__ import annotations

import argparse
from pathlib import Path

from desk.cli.common import EXIT_FAILED, EXIT_OK, err, load_policy, out, resolve_url


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


def run(args: argparse.Namespace) -> int:
    # Imported when the command runs: every start of `python -m desk`, the desk window's too,
    # imports this module to build the parser, and should not pay for the circulation layer.
    from desk.circulation import open_library
    from desk.importer import ImportFailed, import_file
    path: Path = args.file
    if not path.is_file():
        err(f"{path}: no such file")
        return EXIT_FAILED
    from desk.config import Config
    max_bytes = Config.load().get("import_max_bytes")
    library = open_library(resolve_url(args.url), policy=load_policy(), create=args.create)
    try:
        result = import_file(library, args.kind, path, max_bytes=max_bytes)
    except ImportFailed as failed:
        for error in failed.errors:
            err(f"{path}: {error}")
        err(f"{path}: {len(failed.errors)} problem(s); nothing was imported.")
        return EXIT_FAILED
    except OSError as exc:
        err(f"{path}: cannot read the file: {exc.strerror or exc}")
        return EXIT_FAILED
    finally:
        library.close()
    out(f"Imported {result.count} {result.kind} from {path} into {library.url}.")
    return EXIT_OK
