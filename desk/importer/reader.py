"""Reading an import file: UTF-8 (with or without a byte-order mark) CSV with a header row,
streamed line by line so memory does not grow with the file.

``read_csv`` reads the file once to find its problems (bad lines, by number) without keeping its
records; ``CsvFile.records`` reads it again, from the start, each time it is iterated. Every
record comes back with the line number it starts on, so a bad record can be reported the way the
user sees the file in an editor. Bytes that are not UTF-8 are reported per line (files saved as
Big5 by older spreadsheet programs are the usual cause) instead of failing the file. A file over
the size limit (the ``import_max_bytes`` setting) is refused unread; a line over
``MAX_LINE_BYTES`` is reported and not held whole; after ``MAX_LISTED_ERRORS`` problems the rest
are counted, not listed.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from desk.wording import text

MAX_FILE_BYTES = 200 * 1024 * 1024     # the import_max_bytes setting's default
MAX_LINE_BYTES = 64 * 1024             # a patron or item line is a few hundred bytes
MAX_LISTED_ERRORS = 1000
csv.field_size_limit(MAX_LINE_BYTES)
BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class LineError:
    """One problem of an import file: the line it is on (1 is the header) and why."""

    line: int
    message: str

    def __str__(self) -> str:
        return text("csv_line", line=self.line, message=self.message) if self.line \
            else self.message


class Records:
    """The records of a CSV file (line number, values by column), read from the file anew at
    each iteration."""

    def __init__(self, path: Path, header_width: int) -> None:
        self.path = path
        self.header_width = header_width

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        if self.header_width == 0:
            return
        with open(self.path, "rb") as stream:
            scan = _Scan(stream, None)
            header = scan.header()
            for line, row in scan.rows():
                if len(row) == len(header or []):
                    yield line, dict(zip(header or [], (cell.strip() for cell in row)))


@dataclass
class CsvFile:
    """The header, the records (re-read from the file when iterated) and the problems found.
    ``error_count`` counts every problem, ``errors`` lists the first ``MAX_LISTED_ERRORS``."""

    header: list[str]
    records: Records | list[tuple[int, dict[str, str]]] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)
    bad_lines: set[int] = field(default_factory=set)
    record_count: int = 0
    error_count: int = 0

    def add_error(self, line: int, message: str) -> None:
        self.error_count += 1
        self.bad_lines.add(line)
        if self.error_count <= MAX_LISTED_ERRORS:
            self.errors.append(LineError(line, message))


class _Scan:
    """One pass over the file: decoded lines (each checked for UTF-8 and length) fed to
    ``csv.reader``; problems go to ``found`` (``None``: a later pass, already reported)."""

    def __init__(self, stream: BinaryIO, found: CsvFile | None) -> None:
        self.stream = stream
        self.found = found
        self.reader = csv.reader(self._lines(), strict=True)
        self.nul = False

    def _error(self, line: int, message: str) -> None:
        if self.found is not None:
            self.found.add_error(line, message)

    def _lines(self) -> Iterator[str]:
        number = 0
        while True:
            raw = self.stream.readline(MAX_LINE_BYTES + 1)
            if not raw:
                return
            number += 1
            if number == 1 and raw.startswith(BOM):
                raw = raw[len(BOM):]
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                size = len(raw)
                while not raw.endswith(b"\n"):
                    raw = self.stream.readline(1024 * 1024)
                    if not raw:
                        break
                    size += len(raw)
                self._error(number, text("csv_line_too_long", size=size, limit=MAX_LINE_BYTES))
                yield "\n"      # keeps the line numbers of csv.reader right
                continue
            if b"\x00" in raw:
                self.nul = True
                return
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                self._error(number, text("csv_not_utf8", byte=f"{raw[exc.start]:02X}",
                                         column=exc.start + 1))
                yield raw.decode("utf-8", errors="replace")

    def header(self) -> list[str] | None:
        try:
            row = next(self.reader, None)
        except csv.Error as exc:
            self._error(1, text("csv_header", detail=exc))
            return None
        if row is None or not any(cell.strip() for cell in row):
            return None
        return [cell.strip().lower() for cell in row]

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        start = self.reader.line_num + 1
        while True:
            try:
                row = next(self.reader)
            except StopIteration:
                return
            except csv.Error as exc:
                self._error(start, text("csv_not_csv", detail=exc))
                return
            line, start = start, self.reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue  # blank lines are allowed (spreadsheets add them at the end)
            yield line, row


def read_csv(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> CsvFile:
    """Check ``path`` line by line (its records are read again from ``records``); raises
    ``OSError`` when it cannot be read at all."""
    size = path.stat().st_size
    if size > max_bytes:
        return CsvFile([], errors=[LineError(0, text("csv_too_large", path=path, size=size,
                                                     limit=max_bytes))])
    found = CsvFile([])
    with open(path, "rb") as stream:
        scan = _Scan(stream, found)
        header = scan.header()
        if header is None and not scan.nul:
            if not found.errors:
                found.add_error(1, text("csv_empty"))
            return found
        if not scan.nul:
            for line, row in scan.rows():
                if len(row) != len(header or []):
                    found.add_error(line, text(
                        "csv_field_count_fewer" if len(row) < len(header or [])
                        else "csv_field_count_more", found=len(row), wanted=len(header or [])))
                    continue
                found.record_count += 1
    if scan.nul:
        return CsvFile([], errors=[LineError(0, text("csv_nul", path=path))])
    found.header = header or []
    found.records = Records(path, len(found.header))
    found.errors.sort(key=lambda error: error.line)
    return found
