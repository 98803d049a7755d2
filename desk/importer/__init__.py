"""CSV import of patrons and items (``python -m desk import patrons|items FILE.csv``).

The whole file is checked first; every bad line is reported with its number and reason, and a
file with any bad line changes nothing. A good file is written in one transaction. The columns
are documented in docs/import.md (and come from ``desk.importer.columns``). ``sync_patrons``
(``desk.importer.update``) is the semester sync: it updates the patrons already there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desk.circulation.library import Library
from desk.importer.reader import MAX_FILE_BYTES, LineError, read_csv
from desk.importer.validate import KINDS, Checked, checked_records, validate
from desk.importer.writer import write_items, write_patrons
from desk.importer.update import SyncFailed, SyncResult, sync_patrons
from desk.wording import text


class ImportFailed(Exception):
    """The file was refused; nothing was written. ``errors`` lists every problem."""

    def __init__(self, path: Path, errors: list[LineError]) -> None:
        self.path = path
        self.errors = errors
        super().__init__(text("csv_problems", path=path, count=len(errors)))


@dataclass(frozen=True)
class ImportResult:
    kind: str
    count: int


def check_file(library: Library, kind: str, path: Path, *,
               max_bytes: int = MAX_FILE_BYTES) -> Checked:
    """Read and check ``path`` without writing anything (``max_bytes``: the
    ``import_max_bytes`` setting)."""
    if kind not in KINDS:
        raise ValueError(f"unknown import kind {kind!r}: use one of {', '.join(KINDS)}")
    return validate(library, kind, read_csv(path, max_bytes=max_bytes))


def import_file(library: Library, kind: str, path: Path, *,
                max_bytes: int = MAX_FILE_BYTES) -> ImportResult:
    """Import ``path`` as ``kind`` ('patrons' or 'items'): all of it, or (``ImportFailed``)
    nothing. ``OSError`` when the file cannot be read. The file is read as a stream three
    times (problems, checks, writing), so memory does not grow with it."""
    if kind not in KINDS:
        raise ValueError(f"unknown import kind {kind!r}: use one of {', '.join(KINDS)}")
    csv_file = read_csv(path, max_bytes=max_bytes)
    checked = validate(library, kind, csv_file)
    if not checked.ok:
        raise ImportFailed(path, checked.errors)
    write = write_patrons if kind == "patrons" else write_items
    return ImportResult(kind, write(library, checked_records(library, kind, csv_file),
                                    source=path.name))


__all__ = ["Checked", "ImportFailed", "ImportResult", "KINDS", "LineError", "SyncFailed",
           "SyncResult", "check_file", "import_file", "sync_patrons", "write_items",
           "write_patrons"]
