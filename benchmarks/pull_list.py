"""How fast a location's pull list is read with 2,000 open delivery requests on the 1M-item
library (target < 100 ms).

    python benchmarks/pull_list.py [--url URL] [--requests 2000] [--runs 30]

Without ``--url`` the full library (``generate.py``: 1,000,000 items, 20,000 holds) is
generated at the current schema into ``/tmp/desk-bench/pull_list.sqlite`` when that file is
missing. ``--requests`` delivery requests (half of them
past their 2 open days) for available books of MAIN are bulk-inserted with their fees, beside
the library's own pending holds; then ``Circulation.pull_list("MAIN")`` (what the desk's Pull
list tab calls) is timed ``--runs`` times. Prints JSON: median, p95 and max in ms, the entries
per kind, this process's CPU time per call (the machine's other work inflates the
wall-clock figures) and the load average before and after.
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_FILE = Path("/tmp/desk-bench/pull_list.sqlite")


def add_requests(url: str, count: int) -> int:
    """``count`` open delivery requests for available MAIN books, to be picked up at LAW;
    returns how many the library holds (none are added when enough are there already)."""
    from sqlalchemy import func, insert, select

    from desk.circulation import open_library
    from desk.models import Charge, DeliveryRequest, Desk, Item, Location, Patron, StaffUser
    library = open_library(url)
    try:
        with library.sessions() as session, session.begin():
            have = int(session.scalar(select(func.count()).select_from(DeliveryRequest).where(
                DeliveryRequest.status == "requested")) or 0)
            if have >= count:
                return have
            main = session.scalars(select(Location.id).where(Location.code == "MAIN")).one()
            law = session.scalars(select(Location.id).where(Location.code == "LAW")).one()
            desk = session.scalars(select(Desk.id).where(Desk.code == "LAW-1")).one()
            staff = session.scalars(select(StaffUser.id).where(StaffUser.login == "bench")).one()
            taken = select(DeliveryRequest.item_id)
            items = session.scalars(select(Item.id).where(
                Item.location_id == main, Item.status == "available", Item.loanable,
                Item.id.not_in(taken)).order_by(Item.id).limit(count - have)).all()
            patrons = session.scalars(select(Patron.id).order_by(Patron.id)
                                      .limit(len(items))).all()
            now = library.now()
            charges = [{"patron_id": patron, "kind": "delivery_fee", "amount": 20, "paid": 20,
                        "waived": 0, "item_id": item, "created_at": now, "description": "bench",
                        "desk_id": desk, "staff_id": staff}
                       for patron, item in zip(patrons, items)]
            charge_ids = session.scalars(insert(Charge).returning(Charge.id), charges).all()
            rows = [{"patron_id": patron, "item_id": item, "owning_location_id": main,
                     "pickup_location_id": law, "status": "requested", "fee": 20,
                     "receipt_no": f"BENCH-{n:06d}", "charge_id": charge, "desk_id": desk,
                     "staff_id": staff, "requested_at": now - timedelta(days=n % 5),
                     "act_by": now + timedelta(days=1 if n % 2 else -1)}
                    for n, (patron, item, charge) in enumerate(zip(patrons, items, charge_ids))]
            session.execute(insert(DeliveryRequest), rows)
            return have + len(rows)
    finally:
        library.close()


def measure(url: str, runs: int) -> dict[str, object]:
    from desk.circulation import open_library
    from benchmarks.library_setup import STAFF
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
        from desk.circulation.requests.pull_list import SOURCES
        from desk.models import Location
        from sqlalchemy import select
        sources: dict[str, float] = {}
        with library.read_sessions() as session:
            main = session.scalars(select(Location.id).where(Location.code == "MAIN")).one()
            for source in SOURCES:
                spent = []
                for _ in range(runs):
                    began = time.perf_counter()
                    source(session, main, library.now())
                    spent.append((time.perf_counter() - began) * 1000)
                sources[source.__name__] = round(statistics.median(spent), 1)
        return {"sources_median_ms": sources,"entries": dict(Counter(e.kind for e in entries)),
                "overdue": sum(1 for e in entries if e.overdue),
                "median_ms": round(statistics.median(times), 1),
                "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
                "max_ms": round(times[-1], 1), "cpu_median_ms": round(statistics.median(cpu), 1),
                "runs": runs, "load_average": [round(load_before, 2), round(load_after, 2)]}
    finally:
        library.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help=f"database URL (default: {DEFAULT_FILE}, generated "
                                      "when missing)")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args(argv)
    url = args.url
    if url is None:
        url = f"sqlite:///{DEFAULT_FILE}"
        if not DEFAULT_FILE.exists():
            from benchmarks import generate
            DEFAULT_FILE.parent.mkdir(parents=True, exist_ok=True)
            generate.generate(url, generate.SIZES["full"], replace=True)
    began = time.monotonic()
    requests = add_requests(url, args.requests)
    result = {"url": url.split("?")[0], "open_requests": requests,
              "setup_s": round(time.monotonic() - began, 1), **measure(url, args.runs)}
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
