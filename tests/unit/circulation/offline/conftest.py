"""Fixtures for the offline tests: a replay desk on the small library and entry builders."""

from __future__ import annotations

import itertools
from datetime import datetime

import pytest

from desk.circulation.offline.apply import ReplayCirculation
from desk.circulation.offline.journal import JournalEntry
from tests.support.clock import TAIPEI
from tests.support.small_library import Desk

_ids = itertools.count(1)


def at(day: int, hour: int = 10, minute: int = 0) -> datetime:
    """A moment in November 2026, Taipei time (2 November is a Monday)."""
    return datetime(2026, 11, day, hour, minute, tzinfo=TAIPEI)


def entry(kind: str, item: str, when: datetime, patron: str | None = None, *,
          desk: str = "MAIN-1", source: str = "offline", slip: str | None = None) -> JournalEntry:
    n = next(_ids)
    return JournalEntry(txn_id=f"{desk}:t{n}", slip_no=slip or f"{desk}-{n:05d}", at=when,
                        kind=kind, item=item, patron=patron, desk=desk, staff="clerk",
                        source=source)


@pytest.fixture
def replay_desk(desk: Desk) -> ReplayCirculation:
    return ReplayCirculation(desk.library, "MAIN-1", desk.clerk)
