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
from desk.circulation.offline.koc import KocFile, parse_koc
from desk.currencies import CURRENCY_DECIMALS
from desk.models import Item, Patron


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


@dataclass
class Sources:
    """Entries read from several files, and every problem found, by file and line."""

    entries: list[JournalEntry] = field(default_factory=list)
    problems: list[tuple[str, int, str]] = field(default_factory=list)
    line_of: dict[str, tuple[str, int]] = field(default_factory=dict)


def read_sources(paths: list[Path], library: Library, *, desk: str = "KOC") -> Sources:
    """Journals (``.jsonl``) and Koha files (``.koc``), ready for one merged replay."""
    found = Sources()
    decimals = CURRENCY_DECIMALS.get(library.policy.currency, 2)
    for path in paths:
        if path.suffix.lower() == ".koc":
            koc: KocFile = parse_koc(path.read_bytes(), tz=library.policy.tz, desk=desk,
                                     decimals=decimals, known=known_checker(library))
            found.entries += koc.entries
            found.problems += [(str(path), number, text) for number, text in koc.problems]
            found.line_of.update({txn: (str(path), n) for txn, n in koc.line_of.items()})
        else:
            journal = read_journal(path)
            found.entries += journal.entries
            found.problems += [(str(path), number, text) for number, text in journal.bad_lines]
            if journal.torn_tail:
                found.problems.append((str(path), 0, "torn last line (never confirmed)"))
    return found
