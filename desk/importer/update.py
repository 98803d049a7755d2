"""The semester sync: ``python -m desk import patrons FILE.csv --update``.

Existing patrons (by barcode) take the values the file gives for their name, category, expiry,
e-mail, phone, department and home location; an empty cell leaves the field as it is (a sync
never erases); the ``message`` column (a staff note) is used for new patrons only. Barcodes not
in the library are added (they need a name and a category). Nobody is deleted. A second run of
the same file changes nothing and says so.

As the plain import: the whole file is checked first (every bad line by number; any bad line
refuses the file), it is streamed (the records are read again for each pass, 500 barcodes at a
time, so memory stays flat), and the writing is one transaction. The audit: one row per added or
changed patron (``sync_patron_added`` / ``sync_patron_updated``, naming the card, with the
fields before and after), so the patron's own history shows it and a 20,000-line file does not
make one huge row, plus one ``import_patrons_update`` row with the counts. A file that changes
nothing writes nothing. ``check_only`` (``--check``) does everything but write.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.circulation.library import Library
from desk.importer.columns import Column, patron_columns
from desk.importer.reader import MAX_FILE_BYTES, CsvFile, LineError, read_csv
from desk.importer.validate import IN_CHUNK, Checked, check_header, check_record, references
from desk.models import AuditEvent, Location, Patron
from desk.wording import text

# file column -> Patron attribute, for the fields a sync updates
UPDATED = {"name": "name", "category": "category", "expires": "expires_on", "email": "email",
           "phone": "phone", "department": "department", "home_location": "home_location_id"}


@dataclass(frozen=True)
class PatronChange:
    """One patron added or changed: ``fields`` maps each changed column to (before, after), as
    text (``None``: empty); for an added patron ``before`` is ``None`` throughout."""

    line: int
    barcode: str
    change: str                     # 'added' or 'updated'
    fields: dict[str, tuple[str | None, str | None]]


@dataclass
class SyncResult:
    path: Path
    updated: int = 0
    added: int = 0
    unchanged: int = 0
    checked_only: bool = False
    audit_id: int | None = None

    @property
    def changed(self) -> int:
        return self.updated + self.added


@dataclass
class _Checking:
    checked: Checked
    first_line: dict[str, int] = field(default_factory=dict)
    waiting: list[tuple[int, str, bool]] = field(default_factory=list)


class SyncFailed(Exception):
    """The file was refused; nothing was written. ``errors`` lists every problem."""

    def __init__(self, path: Path, errors: list[LineError]) -> None:
        self.path = path
        self.errors = errors
        super().__init__(text("sync_refused", path=path, count=len(errors)))


def sync_columns() -> tuple[Column, ...]:
    """The patron columns, with only the barcode required in the header (a file of
    ``barcode,expires`` extends cards); new patrons still need name and category."""
    return tuple(Column(c.name, c.doc, required=c.name == "barcode", max_length=c.max_length,
                        parse=c.parse, reference=c.reference) for c in patron_columns())


def _show(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def validate_sync(library: Library, csv_file: CsvFile) -> Checked:
    """Check every record for a sync: the plain import's checks, but a barcode already in the
    library is an update; a new barcode needs a name and a category."""
    checking = _Checking(Checked("patrons"))
    checked = checking.checked
    for error in csv_file.errors:
        checked.add_error(error.line, error.message)
    checked.error_count = max(checked.error_count, csv_file.error_count)
    if not csv_file.header:
        return checked
    columns = sync_columns()
    for error in check_header(csv_file, columns):
        checked.add_error(error.line, error.message)
    if checked.errors:
        return checked
    present = [c for c in columns if c.name in csv_file.header]
    with library.read_sessions() as session:
        refs = references(session)

        def check_waiting() -> None:
            codes = [code for _, code, _ in checking.waiting]
            known = set(session.scalars(select(Patron.barcode).where(Patron.barcode.in_(codes))))
            for line, code, complete in checking.waiting:
                if code not in known and not complete:
                    checked.add_error(line, text("sync_new_needs", barcode=code))
                else:
                    checked.count += 1
            checking.waiting.clear()

        for line, record in csv_file.records:
            values, reasons = check_record(present, record, refs, library.policy.check_digits)
            barcode = values.get("barcode")
            if barcode is not None:
                if barcode in checking.first_line:
                    reasons.append(text("csv_barcode_twice", barcode=barcode,
                                        line=checking.first_line[barcode]))
                else:
                    checking.first_line[barcode] = line
            if reasons:
                checked.add_error(line, "; ".join(reasons))
            elif line not in csv_file.bad_lines:
                checking.waiting.append((line, barcode, "name" in values and
                                         "category" in values))
                if len(checking.waiting) >= IN_CHUNK:
                    check_waiting()
        check_waiting()
    if not csv_file.record_count and not csv_file.errors:
        checked.add_error(0, text("csv_no_records"))
    checked.errors.sort(key=lambda e: e.line)
    more = checked.error_count - len(checked.errors)
    if more > 0:
        checked.errors.append(LineError(0, text("csv_more_problems", more=more)))
    return checked


def _records(library: Library, csv_file: CsvFile) -> Iterator[tuple[int, dict[str, Any]]]:
    present = [c for c in sync_columns() if c.name in csv_file.header]
    with library.read_sessions() as session:
        refs = references(session)
    for line, record in csv_file.records:
        values, reasons = check_record(present, record, refs, library.policy.check_digits)
        if reasons:      # the file changed since it was checked: roll the transaction back
            raise ValueError(f"line {line}: {'; '.join(reasons)}")
        yield line, values


def _chunks(records: Iterator[tuple[int, dict[str, Any]]]
            ) -> Iterator[list[tuple[int, dict[str, Any]]]]:
    chunk: list[tuple[int, dict[str, Any]]] = []
    for record in records:
        chunk.append(record)
        if len(chunk) >= IN_CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _apply_chunk(session: Session, chunk: list[tuple[int, dict[str, Any]]],
                 locations: dict[str, int], codes: dict[int, str], now: Any, source: str,
                 result: SyncResult, report: Callable[[PatronChange], None] | None,
                 write: bool, staff_id: int | None) -> None:
    existing = {p.barcode: p for p in session.scalars(select(Patron).where(
        Patron.barcode.in_([values["barcode"] for _, values in chunk])))}
    for line, values in chunk:
        barcode = values["barcode"]
        patron = existing.get(barcode)
        wanted = {column: (locations[value] if column == "home_location" else value)
                  for column, value in values.items() if column in UPDATED}
        if patron is None:
            shown = {column: (None, _show(value)) for column, value in values.items()
                     if column != "barcode"}
            change = PatronChange(line, barcode, "added", shown)
            result.added += 1
            if write:
                session.add(Patron(
                    barcode=barcode, name=values["name"], category=values["category"],
                    expires_on=values.get("expires"), email=values.get("email"),
                    phone=values.get("phone"), department=values.get("department"),
                    home_location_id=wanted.get("home_location"),
                    message=values.get("message"), created_at=now, lifetime_loans=0,
                    blocked=False))
        else:
            fields: dict[str, tuple[str | None, str | None]] = {}
            for column, value in wanted.items():
                before = getattr(patron, UPDATED[column])
                if before != value:
                    if column == "home_location":
                        fields[column] = (codes.get(before) if before else None,
                                          values[column])
                    else:
                        fields[column] = (_show(before), _show(value))
                    if write:
                        setattr(patron, UPDATED[column], value)
            if not fields:
                result.unchanged += 1
                continue
            change = PatronChange(line, barcode, "updated", fields)
            result.updated += 1
        if write:
            session.add(AuditEvent(
                at=now, action=f"sync_patron_{change.change}", outcome="done",
                staff_id=staff_id, patron_barcode=barcode,
                detail={"source": source, "line": line,
                        "before": {k: b for k, (b, _) in change.fields.items()},
                        "after": {k: a for k, (_, a) in change.fields.items()}}))
        if report is not None:
            report(change)


def sync_patrons(library: Library, path: Path, *, max_bytes: int = MAX_FILE_BYTES,
                 check_only: bool = False, report: Callable[[PatronChange], None] | None = None,
                 staff_id: int | None = None) -> SyncResult:
    """Update and add the patrons of ``path`` (see the module); ``SyncFailed`` (nothing
    written) for a bad file, ``OSError`` when it cannot be read. ``report`` is called with each
    change, in file order, as it is made (``check_only``: as it would be)."""
    csv_file = read_csv(path, max_bytes=max_bytes)
    checked = validate_sync(library, csv_file)
    if not checked.ok:
        raise SyncFailed(path, checked.errors)
    result = SyncResult(path, checked_only=check_only)
    now = library.now()
    source = path.name

    def walk(session: Session) -> None:
        locations = {code: id_ for id_, code in session.execute(
            select(Location.id, Location.code))}
        codes = {id_: code for code, id_ in locations.items()}
        for chunk in _chunks(_records(library, csv_file)):
            _apply_chunk(session, chunk, locations, codes, now, source, result, report,
                         not check_only, staff_id)
            if not check_only:
                session.flush()
            session.expunge_all()              # memory stays flat over a long file

    if check_only:
        with library.read_sessions() as session:      # closed without a commit
            walk(session)
        return result
    with library.sessions() as session, session.begin():
        walk(session)
        if result.changed:
            event = AuditEvent(at=now, action="import_patrons_update", outcome="done",
                               staff_id=staff_id,
                               detail={"source": source, "updated": result.updated,
                                       "added": result.added, "unchanged": result.unchanged})
            session.add(event)
            session.flush()
            result.audit_id = event.id
    return result


__all__ = ["PatronChange", "SyncFailed", "SyncResult", "sync_columns", "sync_patrons",
           "validate_sync"]
