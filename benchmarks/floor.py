"""The database's floor: the API checkout and checkin beside a raw ``sqlite3`` checkout and
checkin doing the same checks and writes, measured interleaved in one run.

    python benchmarks/floor.py                  # full 1M-item library under /tmp/desk-bench
    python benchmarks/floor.py --quick          # 20,000 items, 500 operations each
    python benchmarks/floor.py --reuse --label after --pg-url 'postgresql+psycopg://...'

The raw code (``RawDesk`` in ``raw_desk.py``) opens the file with the desk's PRAGMAs (WAL,
``synchronous=FULL``, foreign keys, ``BEGIN IMMEDIATE``), reads the patron's and the item's
facts in one statement each, applies the same rules (the pure functions of
``desk.circulation.rules``), and writes the loan, the item, the patron's lifetime counter and
the audit row; its checkin closes the loan, charges the fine, traps the next hold or routes the
item, and audits. Statements per operation are counted with a SQLAlchemy
``before_cursor_execute`` listener for the API and by the raw code itself for the floor
(``BEGIN`` included, ``COMMIT`` not, on both sides; psycopg sends PostgreSQL's ``BEGIN`` itself,
so it is not counted there).

``--pg-url`` also measures the API checkout on PostgreSQL behind a TCP proxy that adds 0.5 ms
each way (``latency_proxy.py``; the server listens on a Unix socket, the proxy on 127.0.0.1,
in a process of its own), the round-trip cost a branch desk pays per statement. Figures go to
``benchmarks/results/floor-<size>[-<label>].json`` and ``.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import generate  # noqa: E402
import run  # noqa: E402
from latency_proxy import PROXY_DELAY_S, proxy_process  # noqa: E402
from library_setup import STAFF  # noqa: E402
from raw_desk import RawDesk, Refused  # noqa: E402
from sqlalchemy import event  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from desk.circulation import Circulation, CirculationRefused, Library, open_library  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"
WARMUP = 20


# --- counting the API's statements ------------------------------------------------------------
class StatementCounter:
    """Counts the statements the API sends (``before_cursor_execute``)."""

    def __init__(self, library: Library) -> None:
        self.count = 0
        self.seen: list[str] = []
        self.keep = False

        @event.listens_for(library.engine, "before_cursor_execute")
        def counted(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
            self.count += 1
            if self.keep:
                self.seen.append(" ".join(statement.split())[:160])


def _stats(samples: list[float]) -> dict[str, float]:
    return run.stats(samples)


def _timed(call: Callable[[], Any]) -> tuple[float, bool]:
    started = time.perf_counter()
    try:
        call()
        refused = False
    except (CirculationRefused, Refused):
        refused = True
    return (time.perf_counter() - started) * 1000, refused


# --- the side-by-side run ---------------------------------------------------------------------
class Floor:
    def __init__(self, library: Library, path: str, ops: int, seed: int) -> None:
        self.library = library
        self.ops = ops
        self.rng = random.Random(seed)
        staff = library.sign_in("bench", STAFF["bench"][2])
        self.desk: Circulation = library.circulation("MAIN-1", staff)
        self.raw = RawDesk(path, "MAIN-1", staff.id, library)
        self.counter = StatementCounter(library)
        self.picker = run.Bench(library, ops, seed, None)

    def _api(self, call: Callable[[], Any]) -> tuple[float, bool, int]:
        before = self.counter.count
        ms, refused = _timed(call)
        return ms, refused, self.counter.count - before

    def _raw(self, call: Callable[[], Any]) -> tuple[float, bool, int]:
        before = self.raw.statements
        ms, refused = _timed(call)
        return ms, refused, self.raw.statements - before

    def side_by_side(self, name: str, api_calls: list[Callable[[], Any]],
                     raw_calls: list[Callable[[], Any]]) -> dict[str, Any]:
        """Alternate API and raw calls (which goes first alternates too), so both see the same
        machine load, cache state and WAL size."""
        api: list[tuple[float, bool, int]] = []
        raw: list[tuple[float, bool, int]] = []
        for k, (a, r) in enumerate(zip(api_calls, raw_calls)):
            if k % 2:
                api.append(self._api(a))
                raw.append(self._raw(r))
            else:
                raw.append(self._raw(r))
                api.append(self._api(a))
        figures: dict[str, Any] = {}
        for side, samples in (("api", api), ("raw", raw)):
            done = [s for s in samples if not s[1]]
            figures[side] = _stats([s[0] for s in done])
            figures[side]["refused"] = len(samples) - len(done)
            counts = [s[2] for s in done]
            figures[side]["statements_median"] = statistics.median(counts) if counts else 0
            figures[side]["statements_max"] = max(counts) if counts else 0
        if figures["api"]["n"] and figures["raw"]["n"]:
            figures["ratio_median"] = round(figures["api"]["median_ms"]
                                            / figures["raw"]["median_ms"], 2)
            figures["ratio_p95"] = round(figures["api"]["p95_ms"] / figures["raw"]["p95_ms"], 2)
        print(f"  {name:<9} api median={figures['api'].get('median_ms', 0):6.2f} ms "
              f"p95={figures['api'].get('p95_ms', 0):6.2f} ms "
              f"stmts={figures['api']['statements_median']:g} | raw median="
              f"{figures['raw'].get('median_ms', 0):6.2f} ms "
              f"p95={figures['raw'].get('p95_ms', 0):6.2f} ms "
              f"stmts={figures['raw']['statements_median']:g} | ratio "
              f"{figures.get('ratio_median', '?')} / {figures.get('ratio_p95', '?')}", flush=True)
        return figures

    def run(self) -> dict[str, Any]:
        n = self.ops
        items = self.picker.available_items(2 * n + 2 * WARMUP)
        patrons = self.picker.clean_patrons(n + WARMUP)
        returns = self.picker.open_loan_items(2 * n, heavy=False, renewable=False)
        if len(items) < 2 * n + 2 * WARMUP or len(patrons) < 2 or len(returns) < 2 * n:
            raise SystemExit("the library is too small or used up for this many operations")
        warm, items = items[:2 * WARMUP], items[2 * WARMUP:]
        for k, item in enumerate(warm):  # load caches, prepare statements, on both sides
            patron = patrons[k % WARMUP]
            if k % 2:
                self.desk.checkout(patron, item)
                self.desk.checkin(item)
            else:
                self.raw.checkout(patron, item)
                self.raw.checkin(item)
        patrons = patrons[WARMUP:]
        # A counter serves a patron for one to four books, then the next patron.
        pairs: list[tuple[str, str]] = []
        current = -1
        for item in items:
            if current < 0 or self.rng.random() < 0.4:
                current += 1
            pairs.append((patrons[current % len(patrons)], item))
        api_pairs, raw_pairs = pairs[0::2], pairs[1::2]
        results: dict[str, Any] = {}
        results["checkout"] = self.side_by_side(
            "checkout", [lambda p=p, i=i: self.desk.checkout(p, i) for p, i in api_pairs],
            [lambda p=p, i=i: self.raw.checkout(p, i) for p, i in raw_pairs])
        results["checkin"] = self.side_by_side(
            "checkin", [lambda i=i: self.desk.checkin(i) for i in returns[0::2]],
            [lambda i=i: self.raw.checkin(i) for i in returns[1::2]])
        results["checkin_new"] = self.side_by_side(
            "checkin*", [lambda i=i: self.desk.checkin(i) for _, i in api_pairs],
            [lambda i=i: self.raw.checkin(i) for _, i in raw_pairs])
        results["statements_seen"] = self.sample_statements(patrons, items)
        self.raw.close()
        return results

    def sample_statements(self, patrons: list[str], items: list[str]) -> dict[str, list[str]]:
        """The statements of one API checkout, renewal and checkin (for the report)."""
        item = self.picker.available_items(1)[0]
        seen: dict[str, list[str]] = {}
        for name, call in (("checkout", lambda: self.desk.checkout(patrons[0], item)),
                           ("renew", lambda: self.desk.renew(item)),
                           ("checkin", lambda: self.desk.checkin(item))):
            self.counter.keep, self.counter.seen = True, []
            _timed(call)
            self.counter.keep = False
            seen[name] = self.counter.seen
        return seen


# --- PostgreSQL behind a slow network -------------------------------------------------------
def _unix_socket(url: str) -> str:
    parsed = make_url(url)
    host = parsed.query.get("host")
    port = parsed.query.get("port") or parsed.port or 5432
    if not isinstance(host, str) or not host.startswith("/"):
        raise SystemExit("--pg-url must name the server's Unix socket directory (?host=/...)")
    return f"{host}/.s.PGSQL.{port}"


def postgresql(url: str, size: str, ops: int, reuse: bool, seed: int) -> dict[str, Any]:
    """The API checkout and checkin on PostgreSQL through the latency proxy."""
    side = run.sidecar(url)
    if not (reuse and side.exists()):
        print(f"generating a {size} library at {url}", flush=True)
        made = generate.generate(url, generate.SIZES[size], seed=seed, replace=True)
        side.parent.mkdir(parents=True, exist_ok=True)
        side.write_text(json.dumps(made, indent=2))
    with proxy_process(_unix_socket(url)) as port:
        parsed = make_url(url)
        proxied = parsed.set(host="127.0.0.1", port=port, query={}).render_as_string(
            hide_password=False)
        return _measure_postgresql(proxied, ops, seed)


def _measure_postgresql(url: str, ops: int, seed: int) -> dict[str, Any]:
    library = open_library(url)
    try:
        staff = library.sign_in("bench", STAFF["bench"][2])
        desk = library.circulation("MAIN-1", staff)
        counter = StatementCounter(library)
        picker = run.Bench(library, ops, seed, None)
        items = picker.available_items(ops + WARMUP)
        patrons = picker.clean_patrons(ops // 2 + WARMUP)
        for patron, item in zip(patrons[:WARMUP], items[:WARMUP]):
            desk.checkout(patron, item)
            desk.checkin(item)
        figures: dict[str, Any] = {"proxy_delay_ms_each_way": PROXY_DELAY_S * 1000}
        lent = items[WARMUP:]
        for name, calls in (
                ("checkout", [lambda k=k, i=i: desk.checkout(patrons[WARMUP + k // 2 % (
                    len(patrons) - WARMUP)], i) for k, i in enumerate(lent)]),
                ("checkin", [lambda i=i: desk.checkin(i) for i in lent])):
            samples = []
            counts = []
            for call in calls:
                before = counter.count
                ms, refused = _timed(call)
                if not refused:
                    samples.append(ms)
                    counts.append(counter.count - before)
            figures[name] = _stats(samples)
            figures[name]["refused"] = len(calls) - len(samples)
            figures[name]["statements_median"] = statistics.median(counts) if counts else 0
            print(f"  postgresql+proxy {name:<9} median={figures[name].get('median_ms', 0):6.2f}"
                  f" ms p95={figures[name].get('p95_ms', 0):6.2f} ms "
                  f"stmts={figures[name]['statements_median']:g}", flush=True)
        return figures
    finally:
        library.close()


def markdown(result: dict[str, Any]) -> str:
    lines = [f"### Floor: API vs raw sqlite3 ({result['size']} library, "
             f"{result['ops']} operations each, {result['label']}, measured "
             f"{result['measured_at'][:16]})", "",
             "| operation | API median | API p95 | raw median | raw p95 | ratio median | "
             "ratio p95 | statements API / raw |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for key, label in (("checkout", "checkout"), ("checkin", "checkin (existing loans)"),
                       ("checkin_new", "checkin (the loans just made)")):
        op = result["sqlite"][key]
        lines.append(f"| {label} | {op['api']['median_ms']:.2f} ms | {op['api']['p95_ms']:.2f} ms "
                     f"| {op['raw']['median_ms']:.2f} ms | {op['raw']['p95_ms']:.2f} ms "
                     f"| {op['ratio_median']:.2f} | {op['ratio_p95']:.2f} "
                     f"| {op['api']['statements_median']:g} / {op['raw']['statements_median']:g} |")
    seen = result["sqlite"].get("statements_seen", {})
    if seen:
        lines += ["", "Statements of one API operation: " + ", ".join(
            f"{name} {len(statements)}" for name, statements in seen.items()) + "."]
    pg = result.get("postgresql")
    if pg:
        lines += ["", f"PostgreSQL behind a proxy adding {pg['proxy_delay_ms_each_way']} ms each "
                  f"way: checkout median {pg['checkout']['median_ms']:.1f} ms, p95 "
                  f"{pg['checkout']['p95_ms']:.1f} ms ({pg['checkout']['statements_median']:g} "
                  f"statements); checkin median {pg['checkin']['median_ms']:.1f} ms, p95 "
                  f"{pg['checkin']['p95_ms']:.1f} ms ({pg['checkin']['statements_median']:g} "
                  "statements)."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="SQLite library URL (default: under /tmp/desk-bench)")
    parser.add_argument("--size", choices=sorted(generate.SIZES), default="full")
    parser.add_argument("--quick", action="store_true", help="--size quick --ops 500")
    parser.add_argument("--ops", type=int, default=2000, help="operations of each kind and side")
    parser.add_argument("--reuse", action="store_true", help="measure the library generated last")
    parser.add_argument("--pg-url", help="also measure PostgreSQL behind the latency proxy "
                        "(a database the benchmark may wipe; its server on a Unix socket)")
    parser.add_argument("--pg-size", choices=sorted(generate.SIZES), default="quick")
    parser.add_argument("--pg-ops", type=int, default=500)
    parser.add_argument("--label", default="", help="added to the result file name")
    parser.add_argument("--out", type=Path, help="result JSON (default benchmarks/results/...)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.quick:
        args.size, args.ops = "quick", min(args.ops, 500)
    url = args.url or run.default_url(args.size)
    if make_url(url).get_backend_name() != "sqlite":
        raise SystemExit("--url must be a SQLite file (the floor is raw sqlite3)")
    side = run.sidecar(url)
    if not (args.reuse and side.exists()):
        print(f"generating a {args.size} library at {url}", flush=True)
        made = generate.generate(url, generate.SIZES[args.size], seed=args.seed, replace=True)
        side.parent.mkdir(parents=True, exist_ok=True)
        side.write_text(json.dumps(made, indent=2))
    library = open_library(url)
    load_before = os.getloadavg()
    try:
        print(f"measuring {args.ops} operations of each kind, API and raw, interleaved", flush=True)
        sqlite_figures = Floor(library, make_url(url).database or "", args.ops, args.seed).run()
    finally:
        library.close()
    result: dict[str, Any] = {
        "size": args.size, "ops": args.ops, "label": args.label or "current",
        "measured_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "load_average_before": [round(x, 2) for x in load_before],
                    "load_average_after": [round(x, 2) for x in os.getloadavg()]},
        "sqlite": sqlite_figures}
    if args.pg_url:
        result["postgresql"] = postgresql(args.pg_url, args.pg_size, args.pg_ops, args.reuse,
                                          args.seed)
    name = f"floor-{args.size}" + (f"-{args.label}" if args.label else "")
    out = args.out or RESULTS / f"{name}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    summary = markdown(result)
    out.with_suffix(".md").write_text(summary)
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
