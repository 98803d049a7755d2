"""Where offline journals live, and reading replay sources (journals and .koc files) from disk.

Each desk journals into ``<data dir>/offline/journal-<desk>.jsonl``; keyed-in slips go to
``<data dir>/offline/slips-<desk>.jsonl`` (the same format, source ``slip``), so a crash while
keying in 200 slips loses none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from desk.circulation.library import Library
from desk.circulation.offline.journal import JournalEntry, read_journal
from desk.circulation.offline.koc import KocFile, read_koc
from desk.currencies import CURRENCY_DECIMALS
from desk.models import Item, Patron
from desk.wording import text as wording

KOC_MAX_BYTES = 100 * 1024 * 1024    # the koc_max_bytes setting's default


def offline_dir(data_dir: Path | None = None) -> Path:
    if data_dir is None:
        from desk.config import data_dir as default_data_dir
        data_dir = default_data_dir()
    return Path(data_dir) / "offline"


def journal_path(desk: str, data_dir: Path | None = None) -> Path:
    return offline_dir(data_dir) / f"journal-{_safe(desk)}.jsonl"


def slips_path(desk: str, data_dir: Path | None = None) -> Path:
    return offline_dir(data_dir) / f"slips-{_safe(desk)}.jsonl"


def _safe(desk: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in desk)


def known_checker(library: Library) -> Callable[[str, str], bool]:
    """``known(kind, code)``: does the patron card or item barcode exist?"""
    def known(kind: str, code: str) -> bool:
        model = Patron if kind == "patron" else Item
        with library.sessions() as session:
            return session.scalars(select(model.id).where(model.barcode == code)).first() is not None
    return known


def known_many_checker(library: Library) -> Callable[[str, set[str]], set[str]]:
    """``known_many(kind, codes)``: which of these patron cards or item barcodes exist (one
    query per few hundred codes)."""
    def known_many(kind: str, codes: set[str]) -> set[str]:
        model = Patron if kind == "patron" else Item
        found: set[str] = set()
        wanted = sorted(codes)
        with library.read_sessions() as session:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start:start + 500]
                found.update(session.scalars(select(model.barcode).where(
                    model.barcode.in_(chunk))))
        return found
    return known_many


@dataclass
class Sources:
    """Entries read from several files, and every problem found, by file and line."""

    entries: list[JournalEntry] = field(default_factory=list)
    problems: list[tuple[str, int, str]] = field(default_factory=list)
    line_of: dict[str, tuple[str, int]] = field(default_factory=dict)   # .koc lines
    seen: dict[str, tuple[str, int]] = field(default_factory=dict)      # every transaction


def read_sources(paths: list[Path], library: Library, *, desk: str = "KOC",
                 max_bytes: int = KOC_MAX_BYTES) -> Sources:
    """Journals (``.jsonl``) and Koha files (``.koc``), ready for one merged replay. A .koc
    file over ``max_bytes`` (the ``koc_max_bytes`` setting) is refused unread; one with no
    transaction is reported ("nothing to replay"); a transaction id met twice is reported and
    taken once."""
    found = Sources()
    decimals = CURRENCY_DECIMALS.get(library.policy.currency, 2)
    for path in paths:
        before = len(found.entries)
        if path.suffix.lower() == ".koc":
            size = path.stat().st_size
            if size > max_bytes:
                found.problems.append((str(path), 0, wording(
                    "koc_too_large", size=size, limit=max_bytes)))
                continue
            with open(path, "rb") as stream:
                koc: KocFile = read_koc(stream, tz=library.policy.tz, desk=desk,
                                        decimals=decimals,
                                        known_many=known_many_checker(library))
            _add(found, path, koc.entries, koc.line_of)
            found.problems += [(str(path), number, text) for number, text in koc.problems]
        else:
            journal = read_journal(path)
            _add(found, path, journal.entries, {})
            found.problems += [(str(path), number, text) for number, text in journal.bad_lines]
            found.problems += [(str(path), number, text) for number, text in journal.duplicates]
            if journal.torn_tail:
                found.problems.append((str(path), 0, wording("koc_torn")))
        if len(found.entries) == before and not any(p[0] == str(path) for p in found.problems):
            found.problems.append((str(path), 0, wording("koc_no_transactions")))
        elif len(found.entries) == before:
            found.problems.append((str(path), 0, wording("koc_no_good_line")))
    return found


def _add(found: Sources, path: Path, entries: list[JournalEntry],
         line_of: dict[str, int]) -> None:
    """Add one file's entries; a transaction already read (the same file given twice, a
    journal copied) is reported and taken once."""
    seen = found.seen
    for entry in entries:
        where = (str(path), line_of.get(entry.txn_id, 0))
        if entry.txn_id in seen:
            first_path, first_line = seen[entry.txn_id]
            found.problems.append((where[0], where[1], wording(
                "koc_duplicate", txn=entry.txn_id[:40], slip=entry.slip_no,
                where=first_path + (f":{first_line}" if first_line else ""))))
            continue
        seen[entry.txn_id] = where
        if entry.txn_id in line_of:
            found.line_of[entry.txn_id] = where
        found.entries.append(entry)
