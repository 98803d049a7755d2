"""Koha offline circulation files (.koc): read them into replay entries, write the journal out.

The format (Koha's offline circulation tool)::

    Version=1.0<TAB>Generator=kocQt4<TAB>GeneratorVersion=0.2
    2026-11-02 10:00:00 123<TAB>issue<TAB>CARDNUMBER<TAB>BARCODE
    2026-11-02 10:05:00 456<TAB>return<TAB>BARCODE
    2026-11-02 10:06:00 789<TAB>payment<TAB>CARDNUMBER<TAB>AMOUNT

Timestamps are the library's local time with milliseconds after a space. Each bad line (wrong
column count, bad timestamp, unknown action, bad amount, binary junk; unknown barcodes when a
``known`` check is given) is reported with its line number; the good lines are kept. A line's
transaction id is a fingerprint of its content, so importing one file twice applies it once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from desk.circulation.offline.journal import JournalEntry

VERSION = "1.0"
GENERATOR = "circulation-desk"
GENERATOR_VERSION = "0.1"
ACTIONS = {"issue": ("checkout", 2), "return": ("checkin", 1), "payment": ("payment", 2)}
ACTION_OF_KIND = {"checkout": "issue", "checkin": "return", "payment": "payment"}
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


@dataclass
class KocFile:
    """What was read: the header's fields, the good lines as entries, the bad lines."""

    header: dict[str, str] = field(default_factory=dict)
    entries: list[JournalEntry] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)
    line_of: dict[str, int] = field(default_factory=dict)   # txn id -> line number
    repeats: dict[str, int] = field(default_factory=dict)


def parse_koc(data: bytes, *, tz: ZoneInfo, desk: str = "KOC", decimals: int = 0,
              known: Callable[[str, str], bool] | None = None) -> KocFile:
    """Read a .koc file. ``decimals`` converts payment amounts to minor units; ``known(kind,
    code)`` (kind 'patron' or 'item') lets unknown barcodes be reported as bad lines."""
    result = KocFile()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for number, raw in enumerate(lines, start=1):
        raw = raw.rstrip(b"\r")
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            result.problems.append((number, "not text (binary junk)"))
            continue
        if any(ord(ch) < 32 and ch != "\t" for ch in line) or "\x7f" in line:
            result.problems.append((number, "control characters (binary junk)"))
            continue
        if number == 1:
            if line.startswith("Version="):
                result.header = dict(part.split("=", 1) for part in line.split("\t") if "=" in part)
                if result.header.get("Version") != VERSION:
                    result.problems.append((1, f"unsupported version {result.header.get('Version')!r}"))
                continue
            result.problems.append((1, "missing header line 'Version=1.0<TAB>Generator=...'"))
        if not line.strip():
            continue
        problem = _parse_line(line, number, result, tz=tz, desk=desk, decimals=decimals,
                              known=known)
        if problem:
            result.problems.append((number, problem))
    return result


def _parse_line(line: str, number: int, result: KocFile, *, tz: ZoneInfo, desk: str,
                decimals: int, known: Callable[[str, str], bool] | None) -> str | None:
    columns = line.split("\t")
    if len(columns) < 2:
        return f"wrong column count: {len(columns)}"
    stamp, action, args = columns[0], columns[1].strip(), [c.strip() for c in columns[2:]]
    if action not in ACTIONS:
        return f"unknown action {action!r}"
    kind, count = ACTIONS[action]
    if len(args) != count:
        return f"wrong column count: {action} takes {count + 2} columns, found {len(columns)}"
    if any(not arg for arg in args):
        return "empty column"
    at = parse_timestamp(stamp, tz)
    if at is None:
        return f"bad timestamp {stamp!r} (want YYYY-MM-DD HH:MM:SS mmm)"
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
            return f"bad amount {args[1]!r}"
    if known is not None:
        if patron is not None and not known("patron", patron):
            return f"unknown card number {patron}"
        if item is not None and not known("item", item):
            return f"unknown barcode {item}"
    digest = hashlib.sha1(line.strip().encode("utf-8")).hexdigest()[:20]
    # An identical line repeated in the file is a second transaction (shown as a duplicate).
    seen = result.repeats[digest] = result.repeats.get(digest, 0) + 1
    entry = JournalEntry(txn_id=f"koc:{digest}" + (f"#{seen}" if seen > 1 else ""), slip_no=f"KOC-{number}", at=at, kind=kind,
                         item=item or "", patron=patron, desk=desk, source="koc", amount=amount,
                         note=f"line {number}")
    result.entries.append(entry)
    result.line_of[entry.txn_id] = number
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
