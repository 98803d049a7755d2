"""Measure checkout, checkin and renew latency through the real ``Circulation`` API on a large
generated library, plus database size and peak memory.

    python benchmarks/run.py                   # full size on SQLite under /tmp/desk-bench
    python benchmarks/run.py --quick           # 20,000 items, a smoke test in under a minute
    python benchmarks/run.py --url postgresql+psycopg://...  --size full

The library is generated first (``generate.py``) unless ``--reuse`` finds one. Figures go to
``benchmarks/results/<backend>[-<size>].json`` and a markdown summary next to it.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import random
import resource
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import generate  # noqa: E402
import report  # noqa: E402
from library_setup import STAFF  # noqa: E402
from sqlalchemy import exists, func, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from desk.circulation import Circulation, CirculationRefused, Library, open_library  # noqa: E402
from desk.models import Charge, Hold, Item, Loan, Patron  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"
WARMUP = 20


def stats(samples_ms: list[float]) -> dict[str, float]:
    """Median, p95, p99, mean and max of latencies in milliseconds."""
    if not samples_ms:
        return {"n": 0}
    cuts = statistics.quantiles(samples_ms, n=100, method="inclusive") if len(samples_ms) > 1 \
        else [samples_ms[0]] * 99
    return {"n": len(samples_ms), "median_ms": round(statistics.median(samples_ms), 2),
            "p95_ms": round(cuts[94], 2), "p99_ms": round(cuts[98], 2),
            "mean_ms": round(statistics.fmean(samples_ms), 2), "max_ms": round(max(samples_ms), 2)}


class Bench:
    def __init__(self, library: Library, ops: int, seed: int, profile_dir: Path | None) -> None:
        self.library = library
        self.ops = ops
        self.rng = random.Random(seed)
        self.profile_dir = profile_dir
        staff = library.sign_in("bench", STAFF["bench"][2])
        self.desk: Circulation = library.circulation("MAIN-1", staff)
        self.results: dict[str, Any] = {}

    # --- choosing the work (not timed) -----------------------------------------------------
    def _scalars(self, query: Any) -> list[Any]:
        with self.library.sessions() as session:
            return list(session.scalars(query))

    def available_items(self, count: int) -> list[str]:
        return self._scalars(select(Item.barcode).where(
            Item.status == "available", Item.item_type == "book", Item.loanable.is_(True),
            Item.staff_flag.is_(None)).order_by(func.random()).limit(count))

    def clean_patrons(self, count: int) -> list[str]:
        now = datetime.now(timezone.utc)
        return self._scalars(select(Patron.barcode).where(
            Patron.category.in_(("student", "faculty", "staff")), Patron.blocked.is_(False),
            Patron.expires_on > now.date() + timedelta(days=2),
            ~exists().where(Loan.patron_id == Patron.id, Loan.returned_at.is_(None),
                            Loan.due_at < now),
            ~exists().where(Charge.patron_id == Patron.id,
                            Charge.amount > Charge.paid + Charge.waived))
            .order_by(func.random()).limit(count))

    def history_patrons(self) -> list[str]:
        return self._scalars(select(Patron.barcode).where(Patron.email.like("history%"))
                             .order_by(Patron.id))

    def heavy_patrons(self) -> list[str]:
        return self._scalars(select(Patron.barcode).where(Patron.category == "project")
                             .order_by(Patron.id))

    def open_loan_items(self, count: int, *, heavy: bool = False, renewable: bool,
                        patrons: list[str] | None = None) -> list[str]:
        """Items on loan: to the given patrons, or to the 500-loan cards (``heavy``), or to
        anyone else."""
        now = datetime.now(timezone.utc)
        query = (select(Item.barcode).join(Loan, Loan.item_id == Item.id)
                 .join(Patron, Patron.id == Loan.patron_id)
                 .where(Loan.returned_at.is_(None)))
        if patrons is not None:
            query = query.where(Patron.barcode.in_(patrons))
        else:
            query = query.where(Patron.category == "project" if heavy
                                else Patron.category != "project")
        if renewable:
            query = query.where(
                Loan.renewals == 0, Loan.due_at > now + timedelta(days=1), Item.item_type == "book",
                Patron.category.in_(("student", "faculty", "staff", "project")),
                ~exists().where(Hold.biblio_id == Item.biblio_id, Hold.status == "pending"))
        return self._scalars(query.order_by(func.random()).limit(count))

    # --- timing ----------------------------------------------------------------------------
    def measure(self, name: str, calls: list[Callable[[], Any]]) -> None:
        latencies: list[float] = []
        cpu: list[float] = []
        refused: Counter[str] = Counter()
        profiler = cProfile.Profile() if self.profile_dir else None
        if profiler:
            profiler.enable()
        for call in calls:
            started, cpu_started = time.perf_counter(), time.process_time()
            try:
                call()
            except CirculationRefused as error:
                refused.update(error.codes)
            latencies.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
        if profiler:
            profiler.disable()
            self._dump_profile(name, profiler)
        figures = stats(latencies)
        figures["refused"] = dict(refused)
        # CPU time of this process per operation: the latency without the fsync waits and
        # without the time other processes on a shared machine took the CPU away.
        cpu_figures = stats(cpu)
        figures["cpu_median_ms"], figures["cpu_p95_ms"] = cpu_figures["median_ms"], cpu_figures["p95_ms"]
        self.results[name] = figures
        print(f"  {name:<16} n={figures['n']:>5} median={figures.get('median_ms', 0):7.2f} ms "
              f"p95={figures.get('p95_ms', 0):7.2f} ms p99={figures.get('p99_ms', 0):7.2f} ms "
              f"cpu median={figures['cpu_median_ms']:6.2f} ms"
              + (f" refused={dict(refused)}" if refused else ""), flush=True)

    def _dump_profile(self, name: str, profiler: cProfile.Profile) -> None:
        assert self.profile_dir is not None
        self.profile_dir.mkdir(parents=True, exist_ok=True)
        profiler.dump_stats(self.profile_dir / f"{name}.prof")
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(40)
        (self.profile_dir / f"{name}.txt").write_text(out.getvalue())

    # --- the scenarios ---------------------------------------------------------------------
    def run(self) -> dict[str, Any]:
        n, desk = self.ops, self.desk
        history = self.history_patrons()
        # Leftovers of an earlier run on this library (--reuse): the long-history cards must
        # start with no loans, or they reach the faculty loan limit.
        for item in self.open_loan_items(10**6, patrons=history, renewable=False):
            desk.checkin(item)
        items = self.available_items(3 * n + 2 * WARMUP)
        patrons = self.clean_patrons(n // 2 + WARMUP)
        heavy = self.heavy_patrons()
        checkin_items = self.open_loan_items(n, heavy=False, renewable=False)
        renew_items = [b for b in self.open_loan_items(n + len(checkin_items), heavy=False,
                                                       renewable=True)
                       if b not in set(checkin_items)][:n]
        heavy_renew_items = self.open_loan_items(n, heavy=True, renewable=True)
        if len(items) < 3 * n + 2 * WARMUP or not patrons or not heavy or not history:
            raise SystemExit("the library is too small or used up for this many operations: "
                             "regenerate it or pass a smaller --ops")
        warm, items = items[:2 * WARMUP], items[2 * WARMUP:]
        for patron, item in zip(patrons[:WARMUP], warm):  # load caches, prepare statements
            desk.checkout(patron, item)
            desk.checkin(item)
        patrons = patrons[WARMUP:]
        # A counter serves a patron for one to four books, then the next patron.
        pairs: list[tuple[str, str]] = []
        current = -1
        for item in items[:n]:
            if current < 0 or self.rng.random() < 0.4:
                current += 1
            pairs.append((patrons[current % len(patrons)], item))
        self.measure("checkout", [lambda p=p, i=i: desk.checkout(p, i) for p, i in pairs])
        self.measure("checkout_500", [lambda k=k, i=i: desk.checkout(heavy[k % len(heavy)], i)
                                      for k, i in enumerate(items[n:2 * n])])
        self.measure("checkout_history", [
            lambda k=k, i=i: desk.checkout(history[k % len(history)], i)
            for k, i in enumerate(items[2 * n:3 * n])])
        self.measure("renew", [lambda i=i: desk.renew(i) for i in renew_items])
        self.measure("renew_500", [lambda i=i: desk.renew(i) for i in heavy_renew_items])
        self.measure("checkin", [lambda i=i: desk.checkin(i) for i in checkin_items])
        self.measure("checkin_new", [lambda i=i: desk.checkin(i) for _, i in pairs])
        for item in items[n:3 * n]:  # untimed: leave the special cards as they were
            desk.checkin(item)
        return self.results


def database_size(library: Library) -> dict[str, int]:
    url = make_url(library.url)
    if url.get_backend_name() == "sqlite":
        path = Path(url.database or "")
        wal = Path(str(path) + "-wal")
        return {"file_bytes": path.stat().st_size, "wal_bytes": wal.stat().st_size if wal.exists() else 0}
    with library.engine.connect() as connection:
        return {"database_bytes": int(connection.scalar(
            text("SELECT pg_database_size(current_database())")))}


def default_url(size: str) -> str:
    return f"sqlite:////tmp/desk-bench/{'library' if size == 'full' else size}.sqlite"


def sidecar(url: str) -> Path:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return Path(f"{parsed.database}.generate.json")
    return Path("/tmp/desk-bench") / f"{parsed.get_backend_name()}-{parsed.database}.generate.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="database URL (default: a SQLite file under /tmp/desk-bench)")
    parser.add_argument("--size", choices=sorted(generate.SIZES), default="full")
    parser.add_argument("--quick", action="store_true", help="--size quick --ops 500")
    parser.add_argument("--ops", type=int, default=2000, help="operations of each kind (default 2000)")
    parser.add_argument("--reuse", action="store_true",
                        help="measure an already generated library instead of generating one")
    parser.add_argument("--out", type=Path, help="result JSON (default benchmarks/results/...)")
    parser.add_argument("--profile", type=Path, help="write cProfile output per operation here")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.quick:
        args.size, args.ops = "quick", min(args.ops, 500)
    url = args.url or default_url(args.size)
    side = sidecar(url)
    if args.reuse and side.exists():
        generated = json.loads(side.read_text())
    else:
        print(f"generating a {args.size} library at {url}", flush=True)
        generated = generate.generate(url, generate.SIZES[args.size], seed=args.seed, replace=True)
        side.parent.mkdir(parents=True, exist_ok=True)
        side.write_text(json.dumps(generated, indent=2))
    library = open_library(url)
    try:
        backend = library.engine.dialect.name
        print(f"measuring {args.ops} operations of each kind on {backend}", flush=True)
        load_before = os.getloadavg()
        operations = Bench(library, args.ops, args.seed, args.profile).run()
        load_after = os.getloadavg()
        size = database_size(library)
    finally:
        library.close()
    result = {
        "backend": backend, "size": args.size, "ops_per_kind": args.ops,
        "measured_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform(),
                    "load_average_before": [round(x, 2) for x in load_before],
                    "load_average_after": [round(x, 2) for x in load_after]},
        "generation": generated, "operations": operations, "database_size": size,
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    suffix = "" if args.size == "full" else f"-{args.size}"
    out = args.out or RESULTS / f"{backend}{suffix}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    summary = report.markdown(result)
    out.with_suffix(".md").write_text(summary)
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
