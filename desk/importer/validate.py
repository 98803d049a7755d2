"""Checking a whole import file before anything is written.

Every bad record is reported with its line number and the reason; a file with any bad record is
refused as a whole, so nothing of it is half-applied. The records stream past (``validate``
keeps only each barcode's first line, to find repeats, and checks the database for barcodes
already there a few hundred at a time); ``checked_records`` streams the checked values again
for the writer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.circulation.barcodes import check_barcode
from desk.circulation.validation import has_control_characters
from desk.circulation.library import Library
from desk.circulation.notices import CirculationRefused
from desk.importer.columns import Column, item_columns, patron_columns
from desk.importer.reader import MAX_LISTED_ERRORS, CsvFile, LineError
from desk.models import Item, ItemType, Location, Patron, PatronCategory
from desk.wording import text

KINDS = ("patrons", "items")
IN_CHUNK = 500


@dataclass
class Checked:
    """How many records passed (``count``) and every problem found (``errors``: the first
    ``MAX_LISTED_ERRORS``; ``error_count``: all of them)."""

    kind: str
    count: int = 0
    errors: list[LineError] = field(default_factory=list)
    error_count: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def add_error(self, line: int, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_LISTED_ERRORS:
            self.errors.append(LineError(line, message))


def columns_for(kind: str, library: Library) -> tuple[Column, ...]:
    if kind == "patrons":
        return patron_columns()
    if kind == "items":
        return item_columns(library.policy.currency, library.policy.max_amount)
    raise ValueError(f"unknown import kind {kind!r}: use one of {KINDS}")


def _references(session: Session) -> dict[str, set[str]]:
    return {
        "category": set(session.scalars(select(PatronCategory.code))),
        "location": set(session.scalars(select(Location.code))),
        "item_type": set(session.scalars(select(ItemType.code))),
    }


def _existing_barcodes(session: Session, kind: str, barcodes: list[str]) -> set[str]:
    model = Patron if kind == "patrons" else Item
    found: set[str] = set()
    for start in range(0, len(barcodes), IN_CHUNK):
        chunk = barcodes[start:start + IN_CHUNK]
        found.update(session.scalars(select(model.barcode).where(model.barcode.in_(chunk))))
    return found


def _check_header(csv_file: CsvFile, columns: tuple[Column, ...]) -> list[LineError]:
    known = {c.name for c in columns}
    errors = []
    seen: set[str] = set()
    for name in csv_file.header:
        if name in seen:
            errors.append(LineError(1, text("csv_column_twice", name=name)))
        seen.add(name)
    unknown = [name for name in csv_file.header if name not in known]
    if unknown:
        errors.append(LineError(1, text("csv_unknown_columns",
                                        unknown=", ".join(map(repr, unknown)),
                                        columns=", ".join(c.name for c in columns))))
    missing = [c.name for c in columns if c.required and c.name not in csv_file.header]
    if missing:
        errors.append(LineError(1, text("csv_missing_columns", missing=", ".join(missing))))
    return errors


def _check_value(column: Column, cell: str, refs: dict[str, set[str]],
                 check_digits: bool) -> tuple[Any, str | None]:
    """(value, None) or (None, reason)."""
    if not cell:
        return None, (text("csv_missing_value", column=column.name) if column.required else None)
    if column.max_length is not None and len(cell) > column.max_length:
        return None, text("csv_too_long", column=column.name, length=len(cell),
                          limit=column.max_length)
    if has_control_characters(cell, multiline=column.name == "message"):
        return None, text("csv_control", column=column.name)
    if column.name == "barcode":
        try:
            return check_barcode(cell, check_digits=check_digits), None
        except CirculationRefused as refused:
            return None, text("csv_bad_barcode", barcode=cell[:40], reason=refused)
    if column.reference is not None and cell not in refs[column.reference]:
        known = ", ".join(sorted(refs[column.reference])) or text("csv_none_defined")
        return None, text("csv_unknown_code", label=text(f"csv_ref_{column.reference}"),
                          value=cell, known=known)
    if column.parse is not None:
        try:
            return column.parse(cell), None
        except ValueError as exc:
            return None, text("csv_bad_value", column=column.name, detail=exc)
    return cell, None


def check_record(columns: list[Column], record: dict[str, str], refs: dict[str, set[str]],
                 check_digits: bool) -> tuple[dict[str, Any], list[str]]:
    """The values of one record and the reasons it is bad (none: good)."""
    values: dict[str, Any] = {}
    reasons = []
    for column in columns:
        value, reason = _check_value(column, record[column.name], refs, check_digits)
        if reason:
            reasons.append(reason)
        elif value is not None:
            values[column.name] = value
    return values, reasons


def validate(library: Library, kind: str, csv_file: CsvFile) -> Checked:
    """Check every record of ``csv_file`` as ``kind`` ('patrons' or 'items')."""
    columns = columns_for(kind, library)
    checked = Checked(kind)
    for error in csv_file.errors:
        checked.add_error(error.line, error.message)
    checked.error_count = max(checked.error_count, csv_file.error_count)
    if not csv_file.header:
        return checked
    header_errors = _check_header(csv_file, columns)
    if header_errors:
        for error in header_errors:
            checked.add_error(error.line, error.message)
        return checked
    present = [c for c in columns if c.name in csv_file.header]
    noun = text("csv_noun_patron" if kind == "patrons" else "csv_noun_item")
    with library.read_sessions() as session:
        refs = _references(session)
        first_line: dict[str, int] = {}
        waiting: list[tuple[int, str]] = []     # good records whose barcode is not checked yet

        def check_waiting() -> None:
            in_db = _existing_barcodes(session, kind, [code for _, code in waiting])
            for line, code in waiting:
                if code in in_db:
                    checked.add_error(line, text("csv_already_there", noun=noun, code=code))
                else:
                    checked.count += 1
            waiting.clear()

        for line, record in csv_file.records:
            values, reasons = check_record(present, record, refs, library.policy.check_digits)
            barcode = values.get("barcode")
            if barcode is not None:
                if barcode in first_line:
                    reasons.append(text("csv_barcode_twice", barcode=barcode,
                                        line=first_line[barcode]))
                else:
                    first_line[barcode] = line
            if reasons:
                checked.add_error(line, "; ".join(reasons))
            elif line not in csv_file.bad_lines:
                waiting.append((line, values["barcode"]))
                if len(waiting) >= IN_CHUNK:
                    check_waiting()
        check_waiting()
    if not csv_file.record_count and not csv_file.errors:
        checked.add_error(0, text("csv_no_records"))
    checked.errors.sort(key=lambda e: e.line)
    more = checked.error_count - len(checked.errors)
    if more > 0:
        checked.errors.append(LineError(0, text("csv_more_problems", more=more)))
    return checked


def checked_records(library: Library, kind: str, csv_file: CsvFile) -> Iterator[dict[str, Any]]:
    """The values of every record of a file ``validate`` found good, read from it again (one
    record in memory at a time); ``ValueError`` if one has turned bad since (a location
    removed meanwhile), so the writer's transaction is rolled back."""
    present = [c for c in columns_for(kind, library) if c.name in csv_file.header]
    with library.read_sessions() as session:
        refs = _references(session)
    for line, record in csv_file.records:
        values, reasons = check_record(present, record, refs, library.policy.check_digits)
        if reasons:
            raise ValueError(f"line {line}: {'; '.join(reasons)}")
        yield values


# The semester sync (``desk.importer.update``) checks its header and references the same way.
check_header = _check_header
references = _references
