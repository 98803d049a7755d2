"""Command line: ``python -m desk`` opens the desk; sub-commands for demo data and imports."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from desk.cli import run
    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
