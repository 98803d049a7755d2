"""Generate a large benchmark library quickly: 1,000,000 items, 200,000 patrons, 300,000 open
loans and 20,000 holds at full size, in minutes.

The database is created by ``open_library(url)`` (so the schema is the migrated one), the
reference data (locations, desks, staff, categories, rules, closed days) goes through the
``Library`` API, and the bulk tables are filled with SQLAlchemy Core ``insert()`` executemany
in large batches (COPY on PostgreSQL). Usage::

    python benchmarks/generate.py --url sqlite:////tmp/bench.sqlite [--size full|quick|tiny]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from itertools import cycle
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import fake  # noqa: E402
import library_setup  # noqa: E402
from sqlalchemy import Connection, Table, create_engine, func, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from desk.circulation import open_library  # noqa: E402
from desk.circulation.calendar import Calendar  # noqa: E402
from desk.models import (AuditEvent, Biblio, Charge, Hold, Item, Loan, Patron)  # noqa: E402
from desk.models import audit_chain  # noqa: E402

BATCH = 50_000
TZ_NAME = "Asia/Taipei"


@dataclass(frozen=True)
class Size:
    items: int
    patrons: int
    loans: int          # open loans, the heavy patrons' included
    holds: int          # active holds: a tenth waiting on the holds shelf, the rest pending
                        # on titles with no copy on the shelf (SOP 5.6.1.1)
    heavy_patrons: int  # research-project cards with ``heavy_loans`` open loans each
    heavy_loans: int
    history_patrons: int  # faculty cards with ``history_loans`` returned loans and none open
    history_loans: int

    @property
    def biblios(self) -> int:
        return max(self.items * 2 // 5, 1)

    @property
    def history(self) -> int:
        """Returned loans (the loan table of a library in use is mostly history)."""
        return self.loans


SIZES = {
    "full": Size(1_000_000, 200_000, 300_000, 20_000, 20, 500, 20, 5_000),
    "quick": Size(20_000, 4_000, 6_000, 400, 4, 500, 8, 1_000),
    "tiny": Size(2_000, 400, 600, 40, 1, 100, 1, 100),
}
# Share of each patron category among the ordinary patrons.
CATEGORY_MIX = [("student", 0.70), ("faculty", 0.08), ("staff", 0.07), ("alumni", 0.08),
                ("external", 0.04), ("consortium", 0.02), ("virtual", 0.01)]
ITEM_TYPE_MIX = [("book", 0.93), ("cd", 0.03), ("reserve", 0.02), ("periodical", 0.02)]
BORROWERS = ("student", "faculty", "staff", "alumni")


def _chunks(rows: Iterable[dict[str, Any]], size: int = BATCH) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _weighted(rng: random.Random, mix: list[tuple[str, float]], count: int) -> list[str]:
    return rng.choices([k for k, _ in mix], weights=[w for _, w in mix], k=count)


def reset_database(url: str) -> None:
    """Remove an existing benchmark database at ``url`` (SQLite file, or PostgreSQL schema)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database or "")
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        return
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


class Generator:
    """Plans and writes the bulk rows of one library."""

    def __init__(self, size: Size, seed: int, now: datetime, ref: library_setup.Reference,
                 log: Callable[[str], None]) -> None:
        self.size = size
        self.rng = random.Random(seed)
        self.now = now
        self.ref = ref
        self.log = log
        from zoneinfo import ZoneInfo
        self.calendar = Calendar(ref.closed_days, ZoneInfo(TZ_NAME))
        self.locations = list(ref.location_ids.values())
        self.desks = list(ref.desk_ids.values())
        self.timings: dict[str, float] = {}
        self.counts: dict[str, int] = {}

    # --- planning -------------------------------------------------------------------------
    def plan(self) -> None:
        rng, size = self.rng, self.size
        self.item_types = _weighted(rng, ITEM_TYPE_MIX, size.items)
        self.item_location = [rng.choice(self.locations) for _ in range(size.items)]
        regular = size.patrons - size.heavy_patrons - size.history_patrons
        self.first_history = regular
        self.categories = (_weighted(rng, CATEGORY_MIX, regular) + ["faculty"] * size.history_patrons
                           + ["project"] * size.heavy_patrons)
        books = [i for i, kind in enumerate(self.item_types) if kind == "book"]
        rng.shuffle(books)
        self.loaned = books[:size.loans]
        waiting_count = size.holds // 10
        self.waiting_items = books[size.loans:size.loans + waiting_count]
        self.status = ["available"] * size.items
        for i in self.loaned:
            self.status[i] = "on_loan"
        for i in self.waiting_items:
            self.status[i] = "on_holds_shelf"
        rest = books[size.loans + waiting_count:]
        for i, status in zip(rest[:max(size.items // 250, 3)], cycle(("lost", "missing", "withdrawn"))):
            self.status[i] = status
        self.borrowers = [p for p in range(regular) if self.categories[p] in BORROWERS]

    # --- row streams ----------------------------------------------------------------------
    def biblio_rows(self) -> Iterator[dict[str, Any]]:
        rng = self.rng
        for b in range(self.size.biblios):
            foreign = rng.random() < 0.3
            yield {"id": b + 1, "title": fake.title(rng, foreign), "author": fake.author(rng, foreign),
                   "isbn": fake.isbn13(rng) if rng.random() < 0.6 else None,
                   "publisher": fake.publisher(rng), "year": rng.randint(1960, 2026),
                   "foreign": foreign}

    def item_rows(self) -> Iterator[dict[str, Any]]:
        rng, biblios = self.rng, self.size.biblios
        for i in range(self.size.items):
            kind, status, home = self.item_types[i], self.status[i], self.item_location[i]
            yield {"id": i + 1, "barcode": fake.item_barcode(i + 1), "biblio_id": i % biblios + 1,
                   "item_type": kind, "location_id": home,
                   "current_location_id": home if status == "on_holds_shelf" else None,
                   "call_number": fake.call_number(rng), "status": status,
                   "price": rng.randrange(200, 3000, 10),
                   "accessories": "1 CD-ROM" if kind == "cd" else None, "has_strip": True,
                   "staff_flag": "cataloguing" if rng.random() < 0.001 else None,
                   "loanable": kind != "periodical" or rng.random() < 0.5}

    def patron_rows(self) -> Iterator[dict[str, Any]]:
        rng, today = self.rng, self.now.date()
        for p in range(self.size.patrons):
            category = self.categories[p]
            special = p >= self.first_history  # the long-history and the 500-loan cards
            expired = not special and rng.random() < 0.03
            expires = today + timedelta(days=-rng.randint(1, 300) if expired else rng.randint(30, 1500))
            blocked = not special and rng.random() < 0.003
            yield {"id": p + 1, "barcode": fake.patron_barcode(p + 1), "name": fake.patron_name(rng),
                   "category": category, "expires_on": expires,
                   "email": f"{'history' if special and category == 'faculty' else 'user'}{p + 1}@example.edu.tw",
                   "phone": None,
                   "department": fake.department(rng), "home_location_id": rng.choice(self.locations),
                   "blocked": blocked, "block_message": "證件遺失" if blocked else None,
                   "message": "請歸還館際借書" if rng.random() < 0.002 else None,
                   "lifetime_loans": rng.randint(0, 200), "created_at": self.now - timedelta(days=rng.randint(30, 3000))}

    def _due(self, out_at: datetime, days: int) -> datetime:
        day = self.calendar.local_date(out_at) + timedelta(days=days)
        return self.calendar.end_of_day(self.calendar.next_open_on_or_after(day)).astimezone(timezone.utc)

    def loan_rows(self) -> Iterator[dict[str, Any]]:
        rng, size = self.rng, self.size
        regular = size.patrons - size.heavy_patrons
        owners: list[int] = []
        for h in range(size.heavy_patrons):
            owners += [regular + h] * size.heavy_loans
        owners += [rng.choice(self.borrowers) for _ in range(len(self.loaned) - len(owners))]
        self.open_loans: list[tuple[int, int, int]] = []  # (loan id, item index, patron index)
        loan_id = 0
        for item, patron in zip(self.loaned, owners):
            loan_id += 1
            category = self.categories[patron]
            overdue = category != "project" and rng.random() < 0.12
            days = library_setup.LOAN_DAYS[category]
            back = rng.uniform(days + 1, days + 200) if overdue else rng.uniform(0, min(days, 28))
            out_at = self.now - timedelta(days=back)
            self.open_loans.append((loan_id, item, patron))
            yield self._loan(loan_id, item, patron, out_at, self._due(out_at, days), None)
        for _ in range(size.history):  # returned loans of the past year
            loan_id += 1
            out_at = self.now - timedelta(days=rng.uniform(40, 400))
            yield self._loan(loan_id, rng.choice(self.loaned), rng.choice(self.borrowers), out_at,
                             self._due(out_at, 30), out_at + timedelta(days=rng.uniform(1, 40)))
        for h in range(size.history_patrons):  # years of borrowing, all returned
            for _ in range(size.history_loans):
                loan_id += 1
                out_at = self.now - timedelta(days=rng.uniform(40, 3000))
                yield self._loan(loan_id, rng.randrange(size.items), self.first_history + h, out_at,
                                 self._due(out_at, 90), out_at + timedelta(days=rng.uniform(1, 90)))

    def _loan(self, loan_id: int, item: int, patron: int, out_at: datetime, due_at: datetime,
              returned_at: datetime | None) -> dict[str, Any]:
        desk = self.rng.choice(self.desks)
        return {"id": loan_id, "item_id": item + 1, "patron_id": patron + 1, "desk_id": desk,
                "staff_id": self.ref.staff_id, "proxy_id": None, "out_at": out_at, "due_at": due_at,
                "hourly": False, "renewals": self.rng.choice((0, 0, 0, 1)), "returned_at": returned_at,
                "return_desk_id": desk if returned_at else None, "origin": "desk"}

    def hold_rows(self) -> Iterator[dict[str, Any]]:
        rng, biblios = self.rng, self.size.biblios
        seen: set[tuple[int, int]] = set()
        hold_id = 0
        for item in self.waiting_items:
            hold_id += 1
            patron = rng.choice(self.borrowers)
            seen.add((patron, item % biblios))
            since = self.now - timedelta(days=rng.uniform(0, 10))
            yield {"id": hold_id, "patron_id": patron + 1, "biblio_id": item % biblios + 1,
                   "item_id": item + 1, "pickup_location_id": self.item_location[item],
                   "kind": "normal", "status": "waiting", "placed_at": since - timedelta(days=20),
                   "waiting_since": since, "shelf_expires_at": since + timedelta(days=9),
                   "closed_at": None}
        # SOP 5.6.1.1: a patron holds a title that is out (on loan, on order, being
        # catalogued), not one with a copy on the shelf; so pending holds go to titles with no
        # available copy, and a location's holds to pull are only those its requests add
        shelved = {i % biblios for i, status in enumerate(self.status) if status == "available"}
        wanted = [loan for loan in self.open_loans if loan[1] % biblios not in shelved]
        while hold_id < self.size.holds:
            _, item, owner = rng.choice(wanted or self.open_loans)
            patron = rng.choice(self.borrowers)
            if patron == owner or (patron, item % biblios) in seen:
                continue
            seen.add((patron, item % biblios))
            hold_id += 1
            yield {"id": hold_id, "patron_id": patron + 1, "biblio_id": item % biblios + 1,
                   "item_id": None, "pickup_location_id": rng.choice(self.locations),
                   "kind": "normal", "status": "pending",
                   "placed_at": self.now - timedelta(days=rng.uniform(0, 30)),
                   "waiting_since": None, "shelf_expires_at": None, "closed_at": None}

    def charge_rows(self) -> Iterator[dict[str, Any]]:
        """Overdue fines of past returns: most paid, about one in five still owed."""
        rng = self.rng
        count = max(self.size.history // 50, 1)
        first_history = len(self.loaned) + 1
        for c in range(count):
            amount = rng.randrange(5, 500, 5)
            paid = 0 if rng.random() < 0.2 else amount
            yield {"id": c + 1, "patron_id": rng.choice(self.borrowers) + 1, "kind": "overdue",
                   "amount": amount, "paid": paid, "waived": 0,
                   "loan_id": first_history + rng.randrange(self.size.history), "item_id": None,
                   "created_at": self.now - timedelta(days=rng.uniform(1, 300)),
                   "description": f"{amount // 5} day(s) late", "desk_id": rng.choice(self.desks),
                   "staff_id": self.ref.staff_id}

    def audit_rows(self) -> Iterator[dict[str, Any]]:
        rng = self.rng
        for a in range(self.size.loans * 2):
            item, patron = rng.randrange(self.size.items), rng.randrange(self.size.patrons)
            yield {"at": self.now - timedelta(days=rng.uniform(0, 400)),
                   "action": rng.choice(("checkout", "checkin", "renew")), "outcome": "done",
                   "staff_id": self.ref.staff_id, "supervisor_id": None, "desk_code": "MAIN-1",
                   "patron_barcode": fake.patron_barcode(patron + 1),
                   "item_barcode": fake.item_barcode(item + 1), "codes": None, "reason": None,
                   "detail": {"loan_id": a + 1}}

    # --- writing --------------------------------------------------------------------------
    def write(self, connection: Connection, name: str, table: Table,
              rows: Iterable[dict[str, Any]]) -> None:
        started = time.perf_counter()
        count = 0
        for chunk in _chunks(rows):
            if connection.dialect.name == "postgresql":
                _copy(connection, table, chunk)
            else:
                connection.execute(table.insert(), chunk)
                connection.commit()
            count += len(chunk)
        self.timings[name] = round(time.perf_counter() - started, 2)
        self.counts[name] = count
        self.log(f"  {name}: {count:,} rows in {self.timings[name]:.1f} s")

    def write_all(self, connection: Connection) -> None:
        self.write(connection, "biblios", Biblio.__table__, self.biblio_rows())
        self.write(connection, "items", Item.__table__, self.item_rows())
        self.write(connection, "patrons", Patron.__table__, self.patron_rows())
        self.write(connection, "loans", Loan.__table__, self.loan_rows())
        self.write(connection, "holds", Hold.__table__, self.hold_rows())
        self.write(connection, "charges", Charge.__table__, self.charge_rows())
        self.write_audit(connection)

    def write_audit(self, connection: Connection) -> None:
        """The audit history, chained after whatever the setup API audited (issue 13): each
        chunk gets its ids and hashes, and the chain's head moves with it."""
        started = time.perf_counter()
        count = 0
        head, _ = audit_chain.lock_head(connection)
        connection.commit()
        table = AuditEvent.__table__
        for chunk in _chunks(self.audit_rows()):
            linked, head = audit_chain.link(head, chunk)
            connection.execute(audit_chain.ADVANCE_HEAD, audit_chain.head_params(head))
            if connection.dialect.name == "postgresql":
                connection.commit()
                _copy(connection, table, linked)
            else:
                connection.execute(table.insert(), linked)
                connection.commit()
            count += len(linked)
        self.timings["audit_events"] = round(time.perf_counter() - started, 2)
        self.counts["audit_events"] = count
        self.log(f"  audit_events: {count:,} rows in {self.timings['audit_events']:.1f} s")


def _copy_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).replace(tzinfo=None)  # stored as naive UTC
    if isinstance(value, dict):
        return json.dumps(value)
    return value


def _copy(connection: Connection, table: Table, chunk: list[dict[str, Any]]) -> None:
    """PostgreSQL: COPY is ten times faster than executemany for a bulk load."""
    columns = list(chunk[0])
    raw = connection.connection.driver_connection
    names = ", ".join(f'"{name}"' for name in columns)
    with raw.cursor() as cursor, cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
        for row in chunk:
            copy.write_row([_copy_value(row[name]) for name in columns])
    raw.commit()


def _fix_sequences(connection: Connection) -> None:
    """PostgreSQL: move each id sequence past the explicitly inserted ids."""
    for table in ("biblios", "items", "patrons", "loans", "holds", "charges", "audit_events"):
        connection.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT coalesce(max(id), 1) FROM {table}))"))
    connection.commit()


def generate(url: str, size: Size, *, seed: int = 1, replace: bool = False,
             log: Callable[[str], None] = print) -> dict[str, Any]:
    """Build the benchmark library at ``url``; returns what was made and how long it took."""
    started = time.perf_counter()
    if replace:
        reset_database(url)
    library = open_library(url)
    try:
        with library.sessions() as session:
            if session.scalar(select(func.count()).select_from(Item)):
                raise SystemExit(f"{library.url} already holds items: pass --replace to rebuild it")
        now = datetime.now(timezone.utc)
        ref = library_setup.build(library, now.date())
        generator = Generator(size, seed, now, ref, log)
        generator.plan()
        with library.engine.connect() as connection:
            generator.write_all(connection)
            if library.engine.dialect.name == "postgresql":
                _fix_sequences(connection)
                connection.execute(text("ANALYZE"))
                connection.commit()
        library.store.forget_cached()
    finally:
        library.close()
    seconds = round(time.perf_counter() - started, 1)
    log(f"generated in {seconds:.1f} s")
    return {"size": asdict(size), "seconds": seconds, "table_seconds": generator.timings,
            "rows": generator.counts, "seed": seed, "generated_at": now.isoformat(),
            "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="sqlite:////tmp/desk-bench/library.sqlite",
                        help="database URL (default: %(default)s)")
    parser.add_argument("--size", choices=sorted(SIZES), default="full")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--replace", action="store_true", help="delete an existing database first")
    args = parser.parse_args(argv)
    stats = generate(args.url, SIZES[args.size], seed=args.seed, replace=args.replace)
    print(json.dumps(stats, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
