"""Writing CSV files that a spreadsheet opens safely: the one CSV writer every export uses.

A text cell starting with ``=``, ``+``, ``-``, ``@``, a TAB or a CR is read by Excel, LibreOffice
and Google Sheets as a formula (``=HYPERLINK(...)`` in a patron's name or a waiver's reason would
come out live in the settlement export). Such a cell is written with a leading ``'``, which the
spreadsheet shows as text and does not evaluate (OWASP's "CSV injection" advice).

Numbers are written as numbers and left alone: an ``int`` (or a ``float``) can only render as an
optional minus sign and digits, which no spreadsheet reads as a formula, and a negative amount
(a difference, a refund) must stay a number that sums. So the rule is by type: ``int``/``float``
cells are numbers; every other cell is text and is neutralised when it starts dangerously --
even text that looks like a negative number ("-5" typed in a reason is text, and stays text).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value`` as a CSV cell a spreadsheet will not evaluate."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class SafeWriter:
    """``csv.writer`` whose every cell goes through ``safe_cell``."""

    def __init__(self, stream: TextIO, **options: Any) -> None:
        self._writer = csv.writer(stream, **options)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([safe_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)
