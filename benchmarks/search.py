"""How fast the as-you-type searches answer: patron search (F4) and item search (F5).

Runs the queries the screens run (``find_patrons``, ``find_items``, 50 rows) on the generated
benchmark library (``run.py`` makes it; ``--reuse`` is implied: generate it first), for each
keystroke a clerk types: card-number prefixes and whole cards, a surname, surname + given name,
a given name alone (a substring: the index cannot help), English names letter by letter,
title prefixes and title words in the middle of titles, item-barcode prefixes, and text that
matches nothing (the worst case: every name or title is read). Prints a table and writes
``results/search-<backend>.json``.

    python benchmarks/search.py [--url sqlite:////tmp/desk-bench/library.sqlite] [--n 200]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import fake  # noqa: E402
from run import default_url  # noqa: E402

from sqlalchemy import func, select  # noqa: E402

from desk.circulation import open_library  # noqa: E402
from desk.circulation.library import Library  # noqa: E402
from desk.circulation.queries import find_items, find_patrons  # noqa: E402
from desk.models import Item, Patron  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"


def keystrokes(text: str) -> list[str]:
    """What the search box holds after each key of ``text``."""
    return [text[:n] for n in range(1, len(text) + 1)]


def patron_queries(rng: random.Random, patrons: int) -> dict[str, Callable[[], str]]:
    def card() -> str:
        return fake.patron_barcode(rng.randrange(1, patrons + 1))
    return {
        "card, typed key by key": lambda: rng.choice(keystrokes(card())),
        "card, scanned whole": card,
        "surname (1 character)": lambda: rng.choice(fake.SURNAMES),
        "full Chinese name": lambda: fake.zh_name(rng),
        "given name only (substring)": lambda: fake.zh_name(rng)[1:],
        "English name, typed key by key": lambda: rng.choice(keystrokes(fake.en_name(rng))),
        "no match": lambda: f"zq{rng.randrange(10**6)}x",
    }


def item_queries(rng: random.Random, items: int) -> dict[str, Callable[[], str]]:
    return {
        "item barcode, scanned whole": lambda: fake.item_barcode(rng.randrange(1, items + 1)),
        "item barcode, typed key by key": lambda: rng.choice(
            keystrokes(fake.item_barcode(rng.randrange(1, items + 1)))[4:]),
        "title prefix (Chinese)": lambda: rng.choice(fake.ZH_TOPICS)[:2],
        "title word inside the title": lambda: rng.choice(fake.ZH_SUFFIXES),
        "English title, typed key by key": lambda: rng.choice(
            keystrokes(f"{rng.choice(fake.EN_PREFIXES)} {rng.choice(fake.EN_TOPICS)}")[2:]),
        "no match": lambda: f"zq{rng.randrange(10**6)}x",
    }


def measure(library: Library, find: Callable[[Library, str], list], make: Callable[[], str],
            n: int) -> dict[str, float]:
    times, rows = [], []
    for _ in range(n):
        text = make()
        started = time.perf_counter()
        found = find(library, text)
        times.append((time.perf_counter() - started) * 1000)
        rows.append(len(found))
    times.sort()
    return {"n": n, "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[int(0.95 * (n - 1))], 1), "max_ms": round(times[-1], 1),
            "mean_rows": round(statistics.fmean(rows), 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=default_url("full"))
    parser.add_argument("--n", type=int, default=200, help="queries of each kind (default 200)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    library = open_library(args.url)
    try:
        with library.read_sessions() as session:
            patrons = session.scalar(select(func.count(Patron.id))) or 0
            items = session.scalar(select(func.count(Item.id))) or 0
        if not patrons or not items:
            print(f"{args.url} holds no library: generate it first (benchmarks/run.py)")
            return 1
        results: dict[str, dict[str, dict[str, float]]] = {"patrons": {}, "items": {}}
        for label, make in patron_queries(rng, patrons).items():
            results["patrons"][label] = measure(library, find_patrons, make, args.n)
        for label, make in item_queries(rng, items).items():
            results["items"][label] = measure(library, find_items, make, args.n)
        backend = library.engine.dialect.name
    finally:
        library.close()
    result = {"backend": backend, "patrons": patrons, "items": items,
              "measured_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "queries": results}
    out = args.out or RESULTS / f"search-{backend}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(f"{patrons:,} patrons, {items:,} items on {backend}\n")
    print("| search | query | median | p95 | max | rows (mean) |\n|---|---|---:|---:|---:|---:|")
    for screen, rows in results.items():
        for label, figures in rows.items():
            print(f"| {screen} | {label} | {figures['median_ms']} ms | {figures['p95_ms']} ms "
                  f"| {figures['max_ms']} ms | {figures['mean_rows']} |")
    print(f"\nwritten to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
