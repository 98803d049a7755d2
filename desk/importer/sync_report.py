"""The change report of a semester sync (``--report FILE.csv``): one row per changed field
(line, barcode, added/updated, field, before, after), written as the changes are made through
the formula-safe CSV writer (``desk.receipts.csv_cells``) into a side file that takes the
report's name only when the sync has succeeded."""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType
from typing import TextIO

from desk.importer.update import PatronChange
from desk.receipts.csv_cells import SafeWriter

HEADER = ("line", "barcode", "change", "field", "before", "after")


class ChangeReport:
    """``with ChangeReport(path) as report: sync_patrons(..., report=report.add)``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.partial = path.with_name(path.name + ".partial")
        self._stream: TextIO | None = None
        self._writer: SafeWriter | None = None
        self.rows = 0

    def __enter__(self) -> "ChangeReport":
        self._stream = open(self.partial, "w", encoding="utf-8-sig", newline="")
        self._writer = SafeWriter(self._stream)
        self._writer.writerow(HEADER)
        return self

    def add(self, change: PatronChange) -> None:
        assert self._writer is not None
        for name, (before, after) in change.fields.items():
            self._writer.writerow((change.line, change.barcode, change.change, name,
                                   before or "", after or ""))
            self.rows += 1

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        assert self._stream is not None
        self._stream.close()
        if kind is None:
            os.replace(self.partial, self.path)
        else:
            self.partial.unlink(missing_ok=True)
