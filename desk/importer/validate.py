"""Checking a whole import file before anything is written.

Every bad record is reported with its line number and the reason; a file with any bad record is
refused as a whole, so nothing of it is half-applied.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.circulation.barcodes import check_barcode
from desk.circulation.validation import has_control_characters
from desk.circulation.library import Library
from desk.circulation.notices import CirculationRefused
from desk.importer.columns import Column, item_columns, patron_columns
from desk.importer.reader import CsvFile, LineError
from desk.models import Item, ItemType, Location, Patron, PatronCategory

KINDS = ("patrons", "items")
IN_CHUNK = 500


@dataclass
class Checked:
    """The records that passed (line number, values) and every problem found."""

    kind: str
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


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
            errors.append(LineError(1, f"column {name!r} appears twice in the header"))
        seen.add(name)
    unknown = [name for name in csv_file.header if name not in known]
    if unknown:
        errors.append(LineError(1, f"unknown column(s) {', '.join(map(repr, unknown))}; "
                                   f"the columns are {', '.join(c.name for c in columns)}"))
    missing = [c.name for c in columns if c.required and c.name not in csv_file.header]
    if missing:
        errors.append(LineError(1, f"missing column(s) {', '.join(missing)}"))
    return errors


def _check_value(column: Column, text: str, refs: dict[str, set[str]],
                 check_digits: bool) -> tuple[Any, str | None]:
    """(value, None) or (None, reason)."""
    if not text:
        return None, (f"missing {column.name}" if column.required else None)
    if column.max_length is not None and len(text) > column.max_length:
        return None, f"{column.name} too long ({len(text)} characters, at most {column.max_length})"
    if has_control_characters(text, multiline=column.name == "message"):
        return None, (f"{column.name} contains control characters (such as NUL, ESC or BEL), "
                      "which are not allowed")
    if column.name == "barcode":
        try:
            return check_barcode(text, check_digits=check_digits), None
        except CirculationRefused as refused:
            return None, f"barcode {text[:40]!r}: {refused}"
    if column.reference is not None and text not in refs[column.reference]:
        known = ", ".join(sorted(refs[column.reference])) or "none defined yet"
        label = column.reference.replace("_", " ")
        return None, f"unknown {label} {text!r} (known: {known})"
    if column.parse is not None:
        try:
            return column.parse(text), None
        except ValueError as exc:
            return None, f"{column.name}: {exc}"
    return text, None


def validate(library: Library, kind: str, csv_file: CsvFile) -> Checked:
    """Check every record of ``csv_file`` as ``kind`` ('patrons' or 'items')."""
    columns = columns_for(kind, library)
    checked = Checked(kind, errors=list(csv_file.errors))
    if not csv_file.header:
        return checked
    header_errors = _check_header(csv_file, columns)
    if header_errors:
        checked.errors.extend(header_errors)
        return checked
    present = [c for c in columns if c.name in csv_file.header]
    with library.read_sessions() as session:
        refs = _references(session)
        first_line: dict[str, int] = {}
        for line, record in csv_file.records:
            values: dict[str, Any] = {}
            reasons = []
            for column in present:
                value, reason = _check_value(column, record[column.name], refs,
                                             library.policy.check_digits)
                if reason:
                    reasons.append(reason)
                elif value is not None:
                    values[column.name] = value
            barcode = values.get("barcode")
            if barcode is not None:
                if barcode in first_line:
                    reasons.append(f"barcode {barcode} is also on line {first_line[barcode]}")
                else:
                    first_line[barcode] = line
            if reasons:
                checked.errors.append(LineError(line, "; ".join(reasons)))
            elif line not in csv_file.bad_lines:
                checked.rows.append((line, values))
        in_db = _existing_barcodes(session, kind, [v["barcode"] for _, v in checked.rows])
    noun = "patron" if kind == "patrons" else "item"
    for line, values in checked.rows:
        if values["barcode"] in in_db:
            checked.errors.append(LineError(line, f"a {noun} with barcode {values['barcode']} "
                                                  "is already in the library"))
    if not csv_file.records and not csv_file.errors:
        checked.errors.append(LineError(0, "the file has a header but no records"))
    checked.errors.sort(key=lambda e: e.line)
    if checked.errors:
        checked.rows = [(line, v) for line, v in checked.rows
                        if v["barcode"] not in in_db]
    return checked
