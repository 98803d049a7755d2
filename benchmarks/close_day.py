"""How long a supervisor waits for the end-of-day settlement of a busy desk.

Builds the benchmark library (``generate.py``, default the quick size; ``--size full`` for the
1,000,000-item one), then, for each of ``--days`` consecutive business days, bulk-inserts a day
of ``--transactions`` payments at desk MAIN-1 (``money_day.py``: charges of every kind, partial
payments, voids, waivers) and times ``Circulation.close_day`` through the public API: one
audited transaction that totals the day per method, cashier and fee type, freezes the
breakdowns and locks the day. The totals are checked against the independently summed ones.
Usage::

    python benchmarks/close_day.py [--url sqlite:////tmp/desk-bench/close_day.sqlite]
        [--size quick] [--transactions 50000] [--days 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import generate  # noqa: E402
import library_setup  # noqa: E402
from money_day import generate_day  # noqa: E402

from desk.circulation import open_library  # noqa: E402

LIMIT_S = 1.0
RESULTS = Path(__file__).resolve().parent / "results"


def run(url: str, size: str, transactions: int, days: int) -> dict:
    generate.generate(url, generate.SIZES[size], replace=True, log=lambda _: None)
    first = date.today() + timedelta(days=1)
    moment = {"now": None}
    library = open_library(url, clock=lambda: moment["now"])
    tz = library.policy.tz
    _, _, boss_password = library_setup.STAFF["boss"]
    _, _, bench_password = library_setup.STAFF["bench"]
    boss = library.sign_in("boss", boss_password)
    clerk = library.sign_in("bench", bench_password)
    timings = []
    try:
        for n in range(days):
            day = first + timedelta(days=n)
            moment["now"] = datetime(day.year, day.month, day.day, 21, 30, tzinfo=tz)
            started = time.perf_counter()
            totals = generate_day(library, day, transactions, desks=["MAIN-1"], seed=n + 1,
                                  supervisor_login="boss")["MAIN-1"]
            generated = time.perf_counter() - started
            circulation = library.circulation("MAIN-1", clerk)
            started = time.perf_counter()
            result = circulation.close_day(dict(totals.by_method), supervisor=boss)
            seconds = time.perf_counter() - started
            if result.expected != {m: totals.by_method.get(m, 0) for m in result.expected}:
                raise SystemExit(f"settlement totals differ: {result.expected} {totals.by_method}")
            timings.append(seconds)
            print(f"day {day}: {transactions:,} transactions generated in {generated:.1f} s, "
                  f"closed in {seconds * 1000:.0f} ms ({len(result.voided):,} voids)")
    finally:
        library.close()
    return {"url": url.split("?")[0], "size": size, "transactions": transactions,
            "close_day_seconds": [round(t, 3) for t in timings],
            "median_seconds": round(statistics.median(timings), 3),
            "max_seconds": round(max(timings), 3), "limit_seconds": LIMIT_S,
            "measured": datetime.now().isoformat(timespec="seconds")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="sqlite:////tmp/desk-bench/close_day.sqlite")
    parser.add_argument("--size", choices=sorted(generate.SIZES), default="quick")
    parser.add_argument("--transactions", type=int, default=50_000)
    parser.add_argument("--days", type=int, default=3)
    args = parser.parse_args(argv)
    stats = run(args.url, args.size, args.transactions, args.days)
    print(json.dumps(stats, indent=2))
    backend = "postgresql" if args.url.startswith("postgresql") else "sqlite"
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"close_day-{backend}-{args.size}.json").write_text(json.dumps(stats, indent=2))
    ok = stats["max_seconds"] < LIMIT_S
    print(f"close_day of {args.transactions:,} transactions: max {stats['max_seconds']:.3f} s "
          f"({'under' if ok else 'OVER'} the {LIMIT_S:.0f} s limit)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
