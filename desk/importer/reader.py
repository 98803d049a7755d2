"""Reading an import file: UTF-8 (with or without a byte-order mark) CSV with a header row.

Every record comes back with the line number it starts on, so a bad record can be reported the
way the user sees the file in an editor. Bytes that are not UTF-8 are reported per line (files
saved as Big5 by older spreadsheet programs are the usual cause) instead of failing the file.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

MAX_FILE_BYTES = 200 * 1024 * 1024
csv.field_size_limit(1024 * 1024)


@dataclass(frozen=True)
class LineError:
    """One problem of an import file: the line it is on (1 is the header) and why."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass
class CsvFile:
    """The header, the records (line number, values by column) and the problems found."""

    header: list[str]
    records: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)
    bad_lines: set[int] = field(default_factory=set)


def _undecodable_lines(data: bytes) -> list[LineError]:
    errors = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            errors.append(LineError(number, (
                f"not UTF-8 (byte 0x{raw[exc.start]:02X} at column {exc.start + 1}); "
                "save the file as UTF-8 CSV (it may be Big5)")))
    return errors


def read_csv(path: Path) -> CsvFile:
    """Parse ``path``; raises ``OSError`` when it cannot be read at all."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return CsvFile([], errors=[LineError(0, f"{path}: {size:,} bytes, more than the "
                                                  f"{MAX_FILE_BYTES:,} an import takes")])
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    decode_errors = _undecodable_lines(data)
    text = data.decode("utf-8", errors="replace")
    if "\x00" in text:
        return CsvFile([], errors=[LineError(0, f"{path}: contains NUL bytes; not a text CSV file "
                                                  "(UTF-16 or a spreadsheet file?)")])
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        return CsvFile([], errors=decode_errors + [LineError(1, f"header: {exc}")])
    if header is None or not any(cell.strip() for cell in header):
        return CsvFile([], errors=decode_errors + [LineError(1, "the file is empty: "
                                                               "expected a header row")])
    result = CsvFile([cell.strip().lower() for cell in header], errors=list(decode_errors))
    result.bad_lines = {e.line for e in decode_errors}
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            result.errors.append(LineError(start, f"not valid CSV: {exc}"))
            result.bad_lines.add(start)
            break
        line, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue  # blank lines are allowed (spreadsheets add them at the end)
        if len(row) != len(result.header):
            result.errors.append(LineError(line, (
                f"{len(row)} fields, but the header has {len(result.header)}"
                + (" (a missing column or a missing comma?)" if len(row) < len(result.header)
                   else " (an unquoted comma in a value?)"))))
            result.bad_lines.add(line)
            continue
        result.records.append((line, dict(zip(result.header, (c.strip() for c in row)))))
    return result
