"""Koha offline circulation files (.koc): read them into replay entries, write the journal out.

The format (Koha's offline circulation tool)::

    Version=1.0<TAB>Generator=kocQt4<TAB>GeneratorVersion=0.2
    2026-11-02 10:00:00 123<TAB>issue<TAB>CARDNUMBER<TAB>BARCODE
    2026-11-02 10:05:00 456<TAB>return<TAB>BARCODE
    2026-11-02 10:06:00 789<TAB>payment<TAB>CARDNUMBER<TAB>AMOUNT

Timestamps are the library's local time with milliseconds after a space. Each bad line (wrong
column count, bad timestamp, a date outside the years 1970-2999, unknown action, bad amount,
binary junk, a line over 4,096 bytes; unknown barcodes when a ``known`` check is given) is
reported with its line number and the good lines are kept; a value quoted in a message is cut
to 60 characters. The file is read as a stream, line by line. A line's transaction id is a
fingerprint of its content, so importing one file twice applies it once.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import BinaryIO
from zoneinfo import ZoneInfo

from desk.circulation.offline.journal import MAX_YEAR, MIN_YEAR, JournalEntry
from desk.wording import text

VERSION = "1.0"
GENERATOR = "circulation-desk"
GENERATOR_VERSION = "0.1"
ACTIONS = {"issue": ("checkout", 2), "return": ("checkin", 1), "payment": ("payment", 2)}
ACTION_OF_KIND = {"checkout": "issue", "checkin": "return", "payment": "payment"}
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
MAX_LINE_BYTES = 4096         # a real line is under 100 bytes; longer is junk, not read whole
MAX_LISTED_PROBLEMS = 1000    # bad lines listed one by one; the rest are counted
SHOWN_CHARS = 60              # of a bad value quoted in a message (a 10 MB barcode is not echoed)
KNOWN_BATCH = 500             # lines whose barcodes are checked in one query


@dataclass
class KocFile:
    """What was read: the header's fields, the good lines as entries, the bad lines (the first
    ``MAX_LISTED_PROBLEMS`` listed, then one line counting the rest; ``bad_line_count`` is the
    whole number)."""

    header: dict[str, str] = field(default_factory=dict)
    entries: list[JournalEntry] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)
    line_of: dict[str, int] = field(default_factory=dict)   # txn id -> line number
    repeats: dict[str, int] = field(default_factory=dict)
    bad_line_count: int = 0
    lines_read: int = 0

    def bad(self, number: int, problem: str) -> None:
        self.bad_line_count += 1
        if self.bad_line_count <= MAX_LISTED_PROBLEMS:
            self.problems.append((number, problem))

    def finish(self) -> None:
        """Sort the problems by line and count the ones not listed."""
        self.problems.sort(key=lambda found: found[0])
        more = self.bad_line_count - MAX_LISTED_PROBLEMS
        if more > 0:
            self.problems.append((self.lines_read, text("koc_more_bad_lines", more=more)))


Known = Callable[[str, str], bool]
KnownMany = Callable[[str, set[str]], set[str]]


def parse_koc(data: bytes, *, tz: ZoneInfo, desk: str = "KOC", decimals: int = 0,
              known: Known | None = None, known_many: KnownMany | None = None) -> KocFile:
    """Read a .koc file held in memory (see ``read_koc``)."""
    return read_koc(io.BytesIO(data), tz=tz, desk=desk, decimals=decimals, known=known,
                    known_many=known_many)


def read_koc(stream: BinaryIO, *, tz: ZoneInfo, desk: str = "KOC", decimals: int = 0,
             known: Known | None = None, known_many: KnownMany | None = None) -> KocFile:
    """Read a .koc file line by line from ``stream``: memory holds one line (at most
    ``MAX_LINE_BYTES``; a longer one is a bad line, skipped without being kept) and the entries.
    ``decimals`` converts payment amounts to minor units; ``known(kind, code)`` (kind 'patron'
    or 'item') or, faster, ``known_many(kind, codes) -> the known ones`` lets unknown barcodes be
    reported as bad lines."""
    result = KocFile()
    checker = _KnownBatch(result, known, known_many)
    for number, raw in _lines(stream, result):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            result.bad(number, text("koc_binary"))
            continue
        if any(ord(ch) < 32 and ch != "\t" for ch in line) or "\x7f" in line:
            result.bad(number, text("koc_control"))
            continue
        if number == 1:
            if line.startswith("Version="):
                result.header = dict(part.split("=", 1) for part in line.split("\t") if "=" in part)
                if result.header.get("Version") != VERSION:
                    result.bad(1, text("koc_version",
                                       version=_cut(result.header.get('Version'))))
                continue
            result.bad(1, text("koc_no_header"))
        if not line.strip():
            continue
        problem = _parse_line(line, number, result, tz=tz, desk=desk, decimals=decimals,
                              checker=checker)
        if problem:
            result.bad(number, problem)
    checker.flush()
    result.finish()
    return result


def _lines(stream: BinaryIO, result: KocFile) -> Iterator[tuple[int, bytes]]:
    """(number, line without its end) for each line; a line over ``MAX_LINE_BYTES`` is read
    past in pieces and reported, never held whole."""
    number = 0
    while True:
        raw = stream.readline(MAX_LINE_BYTES + 2)
        if not raw:
            return
        number += 1
        result.lines_read = number
        if raw.endswith(b"\n") or len(raw) <= MAX_LINE_BYTES:
            raw = raw.rstrip(b"\n").rstrip(b"\r")
            if len(raw) <= MAX_LINE_BYTES:
                yield number, raw
                continue
        size = len(raw)
        while not raw.endswith(b"\n"):
            raw = stream.readline(1024 * 1024)
            if not raw:
                break
            size += len(raw)
        result.bad(number, text("koc_line_too_long", size=size, limit=MAX_LINE_BYTES))


class _KnownBatch:
    """Checks barcodes against the library in batches of ``KNOWN_BATCH`` lines (one query per
    kind per batch instead of one per line); a line with an unknown barcode is taken back out
    of the entries and reported."""

    def __init__(self, result: KocFile, known: Known | None, known_many: KnownMany | None) -> None:
        self.result = result
        self.known = known
        self.known_many = known_many
        self.waiting: list[tuple[int, JournalEntry]] = []

    @property
    def active(self) -> bool:
        return self.known is not None or self.known_many is not None

    def add(self, number: int, entry: JournalEntry) -> None:
        if not self.active:
            self._keep(number, entry)
            return
        self.waiting.append((number, entry))
        if len(self.waiting) >= KNOWN_BATCH:
            self.flush()

    def _keep(self, number: int, entry: JournalEntry) -> None:
        self.result.entries.append(entry)
        self.result.line_of[entry.txn_id] = number

    def _known(self, kind: str, codes: set[str]) -> set[str]:
        if self.known_many is not None:
            return self.known_many(kind, codes)
        assert self.known is not None
        return {code for code in codes if self.known(kind, code)}

    def flush(self) -> None:
        if not self.waiting:
            return
        patrons = self._known("patron", {e.patron for _, e in self.waiting if e.patron})
        items = self._known("item", {e.item for _, e in self.waiting if e.item})
        for number, entry in self.waiting:
            if entry.patron and entry.patron not in patrons:
                self.result.bad(number, text("koc_unknown_card",
                                             card=_cut(entry.patron, quote=False)))
            elif entry.item and entry.item not in items:
                self.result.bad(number, text("koc_unknown_barcode",
                                             barcode=_cut(entry.item, quote=False)))
            else:
                self._keep(number, entry)
        self.waiting = []


def _cut(value: object, *, quote: bool = True) -> str:
    """A value as a message shows it: at most ``SHOWN_CHARS`` characters of it."""
    text = repr(value) if quote else str(value)
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS - 3] + "..."


def _parse_line(line: str, number: int, result: KocFile, *, tz: ZoneInfo, desk: str,
                decimals: int, checker: _KnownBatch) -> str | None:
    columns = line.split("\t")
    if len(columns) < 2:
        return text("koc_column_count", found=len(columns))
    stamp, action, args = columns[0], columns[1].strip(), [c.strip() for c in columns[2:]]
    if action not in ACTIONS:
        return text("koc_unknown_action", action=_cut(action))
    kind, count = ACTIONS[action]
    if len(args) != count:
        return text("koc_action_columns", action=action, wanted=count + 2, found=len(columns))
    if any(not arg for arg in args):
        return text("koc_empty_column")
    at = parse_timestamp(stamp, tz)
    if at is None:
        return text("koc_bad_timestamp", stamp=_cut(stamp))
    if not MIN_YEAR <= at.year <= MAX_YEAR:
        return text("koc_date_range", day=f"{at:%Y-%m-%d}", low=MIN_YEAR, high=MAX_YEAR)
    patron = item = None
    amount = None
    if kind == "checkout":
        patron, item = args
    elif kind == "checkin":
        item = args[0]
    else:
        patron = args[0]
        amount = parse_amount(args[1], decimals)
        if amount is None:
            return text("koc_bad_amount", amount=_cut(args[1]))
    digest = hashlib.sha1(line.strip().encode("utf-8")).hexdigest()[:20]
    # An identical line repeated in the file is a second transaction (shown as a duplicate).
    seen = result.repeats[digest] = result.repeats.get(digest, 0) + 1
    entry = JournalEntry(txn_id=f"koc:{digest}" + (f"#{seen}" if seen > 1 else ""),
                         slip_no=f"KOC-{number}", at=at, kind=kind, item=item or "",
                         patron=patron, desk=desk, source="koc", amount=amount,
                         note=f"line {number}")
    checker.add(number, entry)
    return None


def parse_timestamp(text: str, tz: ZoneInfo) -> datetime | None:
    parts = text.strip().split(" ")
    if len(parts) not in (2, 3):
        return None
    try:
        moment = datetime.strptime(" ".join(parts[:2]), TIME_FORMAT)
    except ValueError:
        return None
    millis = 0
    if len(parts) == 3:
        if not (parts[2].isdigit() and len(parts[2]) <= 3):
            return None
        millis = int(parts[2])
    return moment.replace(microsecond=millis * 1000, tzinfo=tz)


def parse_amount(text: str, decimals: int) -> int | None:
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    minor = value * (10 ** decimals)
    if not value.is_finite() or minor != minor.to_integral_value() or minor <= 0:
        return None
    return int(minor)


def export_koc(entries: Iterable[JournalEntry], *, tz: ZoneInfo, decimals: int = 0) -> str:
    """The entries (in time order) as a .koc file."""
    out = [f"Version={VERSION}\tGenerator={GENERATOR}\tGeneratorVersion={GENERATOR_VERSION}"]
    for entry in sorted(entries, key=lambda e: (e.at, e.txn_id)):
        local = entry.at.astimezone(tz)
        stamp = f"{local:{TIME_FORMAT}} {local.microsecond // 1000:03d}"
        if entry.kind == "checkout":
            args = [entry.patron or "", entry.item]
        elif entry.kind == "checkin":
            args = [entry.item]
        else:
            amount = Decimal(entry.amount or 0) / (10 ** decimals)
            args = [entry.patron or "", f"{amount:.{decimals}f}"]
        out.append("\t".join([stamp, ACTION_OF_KIND[entry.kind], *args]))
    return "\n".join(out) + "\n"
