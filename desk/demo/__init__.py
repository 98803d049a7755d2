"""The demo library (``python -m desk demo``): a Taiwanese university library with three
locations, four desks, staff accounts, the patron categories of the source documents and their
rules, national-holiday calendars, generated patrons and items, and ninety days of circulation
played through the circulation API so that every screen has real content.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import event

from desk.circulation import Library, Policy, open_library
from desk.demo.activity import DemoClock, Simulation, State
from desk.demo.collection import make_items, make_patrons
from desk.demo.scenarios import Cast, mark_patrons, plan
from desk.demo.setup import STAFF_ACCOUNTS, build_setup
from desk.demo.summary import count_library
from desk.importer import write_items, write_patrons

DAYS = 90
MIN_PATRONS, MIN_ITEMS = 60, 300
DEFAULT_PATRONS, DEFAULT_ITEMS, DEFAULT_SEED = 500, 5000, 2026


@dataclass
class DemoSummary:
    url: str
    seconds: float
    counts: dict[str, int]
    operations: dict[str, int] = field(default_factory=dict)


def build_demo(url: str, *, patrons: int = DEFAULT_PATRONS, items: int = DEFAULT_ITEMS,
               seed: int = DEFAULT_SEED, policy: Policy | None = None,
               now: datetime | None = None) -> DemoSummary:
    """Build the demo library in the EMPTY database at ``url``; ``now`` (default: the real
    time) is where the ninety days of activity end."""
    if patrons < MIN_PATRONS or items < MIN_ITEMS:
        raise ValueError(f"the demo needs at least {MIN_PATRONS} patrons and {MIN_ITEMS} items")
    started = time.monotonic()
    end = now or datetime.now(timezone.utc)
    policy = policy or Policy()
    today = end.astimezone(policy.tz).date()
    first_day = today - timedelta(days=DAYS)
    clock = DemoClock(datetime.combine(first_day, datetime.min.time(), tzinfo=policy.tz)
                      + timedelta(hours=8))
    library = open_library(url, clock=clock, policy=policy, create=True)
    _fast_writes(library)
    try:
        rng = random.Random(seed)
        build_setup(library, today)
        patron_records = make_patrons(rng, patrons, today)
        item_records = make_items(rng, items)
        cast = Cast(patron_records, item_records, today)
        mark_patrons(cast)
        write_patrons(library, patron_records, source="demo")
        write_items(library, item_records, source="demo")
        state = State(patrons={p["barcode"]: p for p in patron_records},
                      items={i["barcode"]: i for i in item_records})
        steps = plan(cast, state)
        simulation = Simulation(library, clock, rng, state, end)
        for offset in range(-DAYS, 1):
            day = today + timedelta(days=offset)
            todo = steps.get(offset, [])
            simulation.run_day(day, extra=lambda s, todo=todo: [step(s) for step in todo],
                               clear_shelves=day.weekday() == 0 and offset < -14)
        return DemoSummary(url=library.url, seconds=time.monotonic() - started,
                           counts=count_library(library, end),
                           operations=dict(sorted(state.counts.items())))
    finally:
        library.close()


def _fast_writes(library: Library) -> None:
    """A demo build that dies half-way is simply built again: on SQLite, skip the fsync of
    every commit while building (the desk itself keeps ``synchronous=FULL``)."""
    if library.engine.dialect.name != "sqlite":
        return
    library.engine.dispose()

    @event.listens_for(library.engine, "connect")
    def no_sync(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.close()


def is_empty(library: Library) -> bool:
    """Whether ``library`` has no locations, staff, patrons or items yet."""
    return not any(count_library(library, datetime.now(timezone.utc), quick=True).values())


__all__ = ["DEFAULT_ITEMS", "DEFAULT_PATRONS", "DEFAULT_SEED", "DemoSummary", "STAFF_ACCOUNTS",
           "build_demo", "is_empty"]
