"""How fast a location's pull list is read on the 1M-item library with 2,000 open requests on
it (target < 100 ms).

    python benchmarks/pull_list.py [--url URL] [--holds 500] [--deliveries 1000]
                                   [--searches 250] [--retrievals 250] [--runs 30]

Without ``--url`` the full library (``generate.py``: 1,000,000 items, 20,000 holds, the
pending ones on titles with no copy on the shelf, SOP 5.6.1.1) is generated at the current
schema into ``/tmp/desk-bench/pull_list.sqlite`` when that file is missing; a SQLite ``--url``
naming a missing file is generated the same way. MAIN's open requests are then topped up to
the numbers asked, each kind on titles of its own:

- ``--holds``: holds placed through the desk (``place_hold``) on titles with a copy on MAIN's
  shelves, the holds to pull;
- ``--deliveries``: delivery requests from MAIN to LAW, bulk-inserted with their fees, half of
  them past their 2 open days;
- ``--searches`` and ``--retrievals``: missing-book searches and withdrawn-area retrievals
  asked at MAIN-1 through the desk (``request_search``, ``request_retrieval``).

Then ``Circulation.pull_list("MAIN")`` (what the desk's Pull list tab calls) is timed
``--runs`` times, with the library's 18,000 pending holds matched against MAIN's shelves each
time. Prints JSON: the open requests and entries per kind, median, p95 and max in ms, this
process's CPU time per call (the machine's other work inflates the wall-clock figures), each
source's median and the load average before and after. The numbers only ever go up in one
database: use another ``--url`` for a smaller list.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_FILE = Path("/tmp/desk-bench/pull_list.sqlite")
KINDS = ("hold", "delivery", "search", "retrieval")


def _ensure_library(url: str) -> None:
    """Generate the full library at ``url`` when it is a SQLite file that is not there."""
    from desk.models.database import sqlite_path
    path = sqlite_path(url)
    if path is not None and not path.exists():
        from benchmarks import generate
        path.parent.mkdir(parents=True, exist_ok=True)
        generate.generate(url, generate.SIZES["full"], replace=True)


def _open_counts(library: Any, main: int) -> Counter[str]:
    from desk.circulation.requests.pull_list import pull_list
    with library.read_sessions() as session:
        return Counter(entry.kind for entry in pull_list(session, main, library.now()))


def _fresh_items(session: Any, main: int, count: int) -> list[tuple[int, str, int]]:
    """``count`` available loanable MAIN books (id, barcode, title id), one per title, on titles
    with no copy already asked for and no hold: every kind of request gets titles of its own,
    so that no request takes the copy another one is counted on."""
    from sqlalchemy import select, union

    from desk.models import DeliveryRequest, Hold, Item, RetrievalRequest, SearchRequest
    asked = union(select(DeliveryRequest.item_id), select(SearchRequest.item_id),
                  select(RetrievalRequest.item_id)).subquery()
    asked_titles = select(Item.biblio_id).where(Item.id.in_(select(asked.c[0])))
    held_titles = select(Hold.biblio_id)
    rows = session.execute(
        select(Item.id, Item.barcode, Item.biblio_id)
        .where(Item.location_id == main, Item.status == "available", Item.loanable,
               Item.item_type == "book", Item.staff_flag.is_(None),
               Item.biblio_id.not_in(asked_titles), Item.biblio_id.not_in(held_titles))
        .order_by(Item.id.desc()).limit(count * 3)).all()
    chosen: list[tuple[int, str, int]] = []
    titles: set[int] = set()
    for item_id, barcode, title in rows:
        if title not in titles:
            titles.add(title)
            chosen.append((item_id, barcode, title))
        if len(chosen) == count:
            break
    return chosen


def _patrons(session: Any, library: Any) -> list[str]:
    """Students in good standing: cards that are valid, not blocked and owe nothing."""
    from sqlalchemy import select

    from desk.models import Charge, Loan, Patron
    today = library.now().date()
    owing = select(Charge.patron_id).where(Charge.paid + Charge.waived < Charge.amount)
    late = select(Loan.patron_id).where(Loan.returned_at.is_(None),
                                        Loan.due_at < library.now())
    return list(session.scalars(
        select(Patron.barcode).where(Patron.category == "student", Patron.blocked.is_(False),
                                     Patron.expires_on > today, Patron.id.not_in(owing),
                                     Patron.id.not_in(late))
        .order_by(Patron.id).limit(5000)))


def _through_the_desk(ask: Any, items: list[tuple[int, str, int]], patrons: list[str]) -> int:
    """Ask ``ask(patron, item)`` for each item, the next patron when one is refused."""
    from desk.circulation import CirculationRefused
    done, who = 0, 0
    for _, barcode, _ in items:
        for _ in range(20):
            patron = patrons[who % len(patrons)]
            who += 1
            try:
                ask(patron, barcode)
            except CirculationRefused:
                continue
            done += 1
            break
    return done


def _insert_deliveries(session: Any, library: Any, main: int,
                       items: list[tuple[int, str, int]], patrons: list[str]) -> None:
    """Delivery requests for ``items`` to LAW, with their paid fees, half of them overdue."""
    from sqlalchemy import insert, select

    from desk.models import Charge, DeliveryRequest, Desk, Location, Patron, StaffUser
    law = session.scalars(select(Location.id).where(Location.code == "LAW")).one()
    desk = session.scalars(select(Desk.id).where(Desk.code == "LAW-1")).one()
    staff = session.scalars(select(StaffUser.id).where(StaffUser.login == "bench")).one()
    patron_ids = session.scalars(select(Patron.id).where(Patron.barcode.in_(patrons))).all()
    now = library.now()
    pairs = [(patron_ids[n % len(patron_ids)], item_id) for n, (item_id, _, _) in enumerate(items)]
    charges = [{"patron_id": patron, "kind": "delivery_fee", "amount": 20, "paid": 20,
                "waived": 0, "item_id": item, "created_at": now, "description": "bench",
                "desk_id": desk, "staff_id": staff} for patron, item in pairs]
    charge_ids = session.scalars(insert(Charge).returning(Charge.id), charges).all()
    start = int(session.scalar(select(DeliveryRequest.id).order_by(DeliveryRequest.id.desc())
                               .limit(1)) or 0)
    session.execute(insert(DeliveryRequest), [
        {"patron_id": patron, "item_id": item, "owning_location_id": main,
         "pickup_location_id": law, "status": "requested", "fee": 20,
         "receipt_no": f"BENCH-{start + n:06d}", "charge_id": charge, "desk_id": desk,
         "staff_id": staff, "requested_at": now - timedelta(days=n % 5),
         "act_by": now + timedelta(days=1 if n % 2 else -1)}
        for n, ((patron, item), charge) in enumerate(zip(pairs, charge_ids))])


def add_requests(url: str, wanted: dict[str, int]) -> dict[str, int]:
    """Top MAIN's open requests up to ``wanted`` (per kind); returns how many there are."""
    from sqlalchemy import select, update

    from benchmarks.library_setup import STAFF
    from desk.circulation import open_library
    from desk.circulation.requests.retrievals import WITHDRAWN_AREA
    from desk.models import Item, Location
    library = open_library(url)
    try:
        with library.read_sessions() as session:
            main = session.scalars(select(Location.id).where(Location.code == "MAIN")).one()
            patrons = _patrons(session, library)
        have = _open_counts(library, main)
        missing = {kind: max(wanted[kind] - have[kind], 0) for kind in KINDS}
        if not any(missing.values()):
            return {kind: have[kind] for kind in KINDS}
        with library.sessions() as session, session.begin():
            items = _fresh_items(session, main, sum(missing.values()))
            taken = {}
            for kind in KINDS:
                taken[kind], items = items[:missing[kind]], items[missing[kind]:]
            if taken["delivery"]:
                _insert_deliveries(session, library, main, taken["delivery"], patrons)
            if taken["retrieval"]:     # the withdrawn area's books are marked so in the record
                session.execute(update(Item).where(
                    Item.id.in_([item_id for item_id, _, _ in taken["retrieval"]]))
                    .values(staff_flag=WITHDRAWN_AREA))
        staff = library.sign_in("bench", STAFF["bench"][2])
        desk = library.circulation("MAIN-1", staff)
        _through_the_desk(desk.place_hold, taken["hold"], patrons)
        _through_the_desk(desk.request_search, taken["search"], patrons)
        _through_the_desk(desk.request_retrieval, taken["retrieval"], patrons)
        have = _open_counts(library, main)
        return {kind: have[kind] for kind in KINDS}
    finally:
        library.close()


def measure(url: str, runs: int) -> dict[str, object]:
    from sqlalchemy import select

    from benchmarks.library_setup import STAFF
    from desk.circulation import open_library
    from desk.circulation.requests.pull_list import SOURCES, without_parallel_workers
    from desk.models import Location
    library = open_library(url)
    try:
        staff = library.sign_in("bench", STAFF["bench"][2])
        desk = library.circulation("MAIN-1", staff)
        entries = desk.pull_list("MAIN")          # warm-up
        times, cpu = [], []
        load_before = os.getloadavg()[0]
        for _ in range(runs):
            began, began_cpu = time.perf_counter(), time.process_time()
            entries = desk.pull_list("MAIN")
            times.append((time.perf_counter() - began) * 1000)
            cpu.append((time.process_time() - began_cpu) * 1000)
        times.sort()
        load_after = os.getloadavg()[0]
        # each source on its own (wall clock, median), to see which part costs what
        sources: dict[str, float] = {}
        with library.read_sessions() as session:
            without_parallel_workers(session)        # as pull_list reads them
            main = session.scalars(select(Location.id).where(Location.code == "MAIN")).one()
            for source in SOURCES:
                spent = []
                for _ in range(runs):
                    began = time.perf_counter()
                    source(session, main, library.now())
                    spent.append((time.perf_counter() - began) * 1000)
                sources[source.__name__] = round(statistics.median(spent), 1)
        return {"entries": dict(Counter(e.kind for e in entries)), "total_entries": len(entries),
                "overdue": sum(1 for e in entries if e.overdue),
                "median_ms": round(statistics.median(times), 1),
                "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
                "max_ms": round(times[-1], 1), "cpu_median_ms": round(statistics.median(cpu), 1),
                "sources_median_ms": sources, "runs": runs,
                "load_average": [round(load_before, 2), round(load_after, 2)]}
    finally:
        library.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help=f"database URL (default: {DEFAULT_FILE}, generated "
                                      "when missing)")
    parser.add_argument("--holds", type=int, default=500, help="holds to pull at MAIN")
    parser.add_argument("--deliveries", type=int, default=1000)
    parser.add_argument("--searches", type=int, default=250)
    parser.add_argument("--retrievals", type=int, default=250)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args(argv)
    url = args.url or f"sqlite:///{DEFAULT_FILE}"
    _ensure_library(url)
    began = time.monotonic()
    requests = add_requests(url, {"hold": args.holds, "delivery": args.deliveries,
                                  "search": args.searches, "retrieval": args.retrievals})
    result = {"url": url.split("?")[0], "open_requests": requests,
              "total_open_requests": sum(requests.values()),
              "setup_s": round(time.monotonic() - began, 1), **measure(url, args.runs)}
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
