"""How long anonymising old loan history takes on a library in use, and that it keeps every
amount.

Builds the benchmark library (``generate.py``, default the quick size; ``--size full`` for the
1,000,000-item one with 700,000 loans, 400,000 of them returned), then times, through the
public API (``desk.circulation.privacy.purge_history``): the dry run (the count the desk's
confirmation shows), the purge itself (one UPDATE in one audited transaction, as an
administrator), and a second purge (nothing left to do). Before and after it sums the charges
(amount, paid, waived, owed per patron), the payments and the loans per item, and fails if
anything differs; it also checks that no open loan and no loan with money owed lost its patron.
Usage::

    python benchmarks/purge.py [--url sqlite:////tmp/desk-bench/purge.sqlite] [--size quick]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import generate  # noqa: E402
import library_setup  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from desk.circulation import Library, open_library  # noqa: E402
from desk.circulation.privacy import purge_history  # noqa: E402
from desk.models import Charge, Loan, Payment  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"


def money_and_counts(library: Library) -> dict[str, Any]:
    with library.read_sessions() as session:
        charges = session.execute(select(func.sum(Charge.amount), func.sum(Charge.paid),
                                         func.sum(Charge.waived), func.count())).one()
        owed = sorted(session.execute(select(
            Charge.patron_id, func.sum(Charge.amount - Charge.paid - Charge.waived))
            .group_by(Charge.patron_id)).all())
        payments = session.execute(select(func.sum(Payment.amount), func.count())).one()
        per_item = session.execute(select(func.count(), func.sum(Loan.item_id),
                                          func.count(Loan.returned_at))).one()
    return {"charges": [int(v or 0) for v in charges], "owed": [list(r) for r in owed],
            "payments": [int(v or 0) for v in payments], "loans": [int(v or 0) for v in per_item]}


def kept_whole(library: Library) -> int:
    """Open loans and loans with money owed that lost their patron: must be 0."""
    with library.read_sessions() as session:
        owed = select(Charge.loan_id).where(Charge.loan_id.is_not(None),
                                            Charge.amount > Charge.paid + Charge.waived)
        return int(session.scalar(select(func.count()).select_from(Loan).where(
            Loan.patron_id.is_(None),
            Loan.returned_at.is_(None) | Loan.id.in_(owed))) or 0)


def run(url: str, size: str, *, regenerate: bool = True) -> dict[str, Any]:
    made = generate.generate(url, generate.SIZES[size], replace=True, log=lambda _: None) \
        if regenerate else None
    frozen = datetime.now(timezone.utc)      # one cut-off for the dry run and both purges
    library = open_library(url, clock=lambda: frozen)
    try:
        login = "admin"
        admin = library.sign_in(login, library_setup.STAFF[login][2])
        with library.read_sessions() as session:
            loans = int(session.scalar(select(func.count()).select_from(Loan)) or 0)
            returned = int(session.scalar(select(func.count()).select_from(Loan).where(
                Loan.returned_at.is_not(None))) or 0)
        before = money_and_counts(library)
        started = time.perf_counter()
        counted = purge_history(library.store, dry_run=True)
        dry_s = time.perf_counter() - started
        started = time.perf_counter()
        result = purge_history(library.store, by=admin)
        purge_s = time.perf_counter() - started
        started = time.perf_counter()
        again = purge_history(library.store, by=admin)
        again_s = time.perf_counter() - started
        after = money_and_counts(library)
        broken = kept_whole(library)
    finally:
        library.close()
    differ = [name for name in before if before[name] != after[name]]
    if differ or broken or counted.anonymised != result.anonymised or again.anonymised:
        raise SystemExit(f"purge changed {differ or 'nothing'} of the money and counts; "
                         f"open or owed loans anonymised: {broken}; counted {counted.anonymised}, "
                         f"anonymised {result.anonymised}, then {again.anonymised}")
    backend = "postgresql" if url.startswith("postgresql") else "sqlite"
    return {
        "backend": backend, "size": size, "loans": loans, "returned": returned,
        "anonymised": result.anonymised, "kept_owed": result.kept_owed,
        "keep_days": result.keep_days, "dry_run_s": round(dry_s, 3),
        "purge_s": round(purge_s, 3), "second_purge_s": round(again_s, 3),
        "loans_per_s": round(result.anonymised / purge_s) if purge_s else None,
        "money_identical": True, "generated_s": made["seconds"] if made else None,
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="sqlite:////tmp/desk-bench/purge.sqlite")
    parser.add_argument("--size", choices=sorted(generate.SIZES), default="quick")
    parser.add_argument("--reuse", action="store_true",
                        help="purge the library generated last time (already purged: 0)")
    parser.add_argument("--out", type=Path, help="result JSON (default: results/purge-"
                                                 "<backend>-<size>.json)")
    args = parser.parse_args(argv)
    if args.url.startswith("sqlite:///"):
        Path(args.url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    figures = run(args.url, args.size, regenerate=not args.reuse)
    out = args.out or RESULTS / f"purge-{figures['backend']}-{args.size}.json"
    out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
