"""The database's floor: the API checkout and checkin beside a raw ``sqlite3`` checkout and
checkin doing the same checks and writes, measured interleaved in one run.

    python benchmarks/floor.py                  # full 1M-item library under /tmp/desk-bench
    python benchmarks/floor.py --quick          # 20,000 items, 500 operations each
    python benchmarks/floor.py --reuse --label after --pg-url 'postgresql+psycopg://...'

The raw code (``RawDesk``) opens the file with the desk's PRAGMAs (WAL, ``synchronous=FULL``,
foreign keys, ``BEGIN IMMEDIATE``), reads the patron's and the item's facts in one statement
each, applies the same rules (the pure functions of ``desk.circulation.rules``), and writes the
loan, the item, the patron's lifetime counter and the audit row; its checkin closes the loan,
charges the fine, traps the next hold or routes the item, and audits. Statements per operation
are counted with a SQLAlchemy ``before_cursor_execute`` listener for the API and by the raw
code itself for the floor (``BEGIN`` included, ``COMMIT`` not, on both sides).

``--pg-url`` also measures the API checkout on PostgreSQL behind a TCP proxy that adds 0.5 ms
each way (``LatencyProxy``; the server listens on a Unix socket, the proxy on 127.0.0.1), the
round-trip cost a branch desk pays per statement. Figures go to
``benchmarks/results/floor-<size>[-<label>].json`` and ``.md``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import random
import socket
import sqlite3
import statistics
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import generate  # noqa: E402
import run  # noqa: E402
from library_setup import STAFF  # noqa: E402
from sqlalchemy import event  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from desk.circulation import Circulation, CirculationRefused, Library, open_library  # noqa: E402
from desk.circulation.calendar import Calendar  # noqa: E402
from desk.circulation.rules.due import loan_due  # noqa: E402
from desk.circulation.rules.fines import overdue_fine  # noqa: E402
from desk.models.hold import ACTIVE_HOLD_STATUSES, TRAPPED_HOLD_STATUSES  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"
WARMUP = 20
PROXY_DELAY_S = 0.0005


def _ts(moment: datetime) -> str:
    """How ``UTCDateTime`` stores a time in SQLite: naive UTC with microseconds."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")


def _parse_ts(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def _in(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


class Refused(Exception):
    """The raw desk's refusal (the benchmark picks work that is not refused)."""


# --- the floor: raw sqlite3 -------------------------------------------------------------------
PATRON_SQL = """
SELECT p.id, p.category, p.expires_on, p.blocked, p.lifetime_loans,
       c.max_items_total, c.lifetime_item_limit,
       (SELECT count(*) FROM loans l WHERE l.patron_id = p.id AND l.returned_at IS NULL
                                       AND l.due_at < ?),
       (SELECT coalesce(sum(ch.amount - ch.paid - ch.waived), 0) FROM charges ch
         WHERE ch.patron_id = p.id),
       (SELECT min(lc.deadline) FROM lost_claims lc WHERE lc.patron_id = p.id
                                                      AND lc.status = 'open'),
       (SELECT count(*) FROM loans l WHERE l.patron_id = p.id AND l.returned_at IS NULL)
  FROM patrons p LEFT JOIN patron_categories c ON c.code = p.category
 WHERE p.barcode = ?"""
ITEM_SQL = f"""
SELECT i.id, i.status, i.loanable, i.item_type, i.biblio_id,
       (SELECT l.patron_id FROM loans l WHERE l.item_id = i.id AND l.returned_at IS NULL),
       (SELECT h.id FROM holds h WHERE h.biblio_id = i.biblio_id AND h.item_id = i.id
           AND h.status IN {_in(TRAPPED_HOLD_STATUSES)} AND h.patron_id <> ?1
         ORDER BY h.placed_at, h.id LIMIT 1),
       EXISTS (SELECT 1 FROM holds h WHERE h.biblio_id = i.biblio_id AND h.status = 'pending'
                                      AND h.patron_id <> ?1),
       (SELECT h.id FROM holds h WHERE h.biblio_id = i.biblio_id
           AND h.status IN {_in(ACTIVE_HOLD_STATUSES)} AND h.patron_id = ?1
           AND (h.item_id IS NULL OR h.item_id = i.id) ORDER BY h.placed_at, h.id LIMIT 1)
  FROM items i WHERE i.barcode = ?2"""
SAME_TYPE_SQL = """
SELECT count(*) FROM loans l JOIN items i ON i.id = l.item_id
 WHERE l.patron_id = ? AND l.returned_at IS NULL AND i.item_type = ?"""
CHECKIN_SQL = """
SELECT i.id, i.status, i.staff_flag, i.location_id, i.item_type, i.accessories,
       l.id, l.due_at, l.hourly, p.id, p.category,
       (SELECT 1 FROM lost_claims lc WHERE lc.loan_id = l.id AND lc.status = 'open'),
       h.id, h.pickup_location_id, hp.name
  FROM items i
  LEFT JOIN loans l ON l.item_id = i.id AND l.returned_at IS NULL
  LEFT JOIN patrons p ON p.id = l.patron_id
  LEFT JOIN holds h ON h.id = coalesce(
       (SELECT t.id FROM holds t WHERE t.item_id = i.id AND t.status = 'in_transit' LIMIT 1),
       (SELECT n.id FROM holds n WHERE n.biblio_id = i.biblio_id AND n.status = 'pending'
         ORDER BY n.placed_at, n.id LIMIT 1))
  LEFT JOIN patrons hp ON hp.id = h.patron_id
 WHERE i.barcode = ?"""


class RawDesk:
    """A checkout and a checkin in plain ``sqlite3``: the same checks and writes as the desk."""

    def __init__(self, path: str, desk_code: str, staff_id: int, library: Library) -> None:
        self.db = sqlite3.connect(path, isolation_level=None, timeout=30)
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON",
                       "busy_timeout=30000"):
            self.db.execute(f"PRAGMA {pragma}")
        self.policy = library.policy
        self.staff_id = staff_id
        self.desk_code = desk_code
        self.desk_id, self.location_id = self.db.execute(
            "SELECT id, location_id FROM desks WHERE code = ?", (desk_code,)).fetchone()
        # Reference rows are read once, as the desk caches them.
        self.rules = {(r[0], r[1]): r[2:] for r in self.db.execute(
            "SELECT patron_category, item_type, loan_days, loan_hours, held_loan_days, "
            "renewal_days, max_items, grace_days, fine_per_day, fine_cap FROM circulation_rules")}
        closed = {date.fromisoformat(d) for (d,) in self.db.execute(
            "SELECT day FROM closed_days WHERE location_id = ?", (self.location_id,))}
        self.calendar = Calendar(closed, self.policy.tz)
        self.statements = 0

    def _x(self, sql: str, params: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        self.statements += 1
        return self.db.execute(sql, params)

    def _rule(self, category: str, item_type: str) -> Any:
        row = self.rules.get((category, item_type))
        if row is None:
            return None
        loan_days, loan_hours, held, renewal_days, max_items, grace, per_day, cap = row
        return argparse.Namespace(loan_days=loan_days, loan_hours=loan_hours,
                                  held_loan_days=held, renewal_days=renewal_days,
                                  max_items=max_items, grace_days=grace, fine_per_day=per_day,
                                  fine_cap=cap)

    def _audit(self, now: datetime, action: str, patron: str | None, item: str,
               detail: dict[str, Any]) -> None:
        self._x("INSERT INTO audit_events (at, action, outcome, staff_id, desk_code, "
                "patron_barcode, item_barcode, detail) VALUES (?, ?, 'done', ?, ?, ?, ?, ?)",
                (_ts(now), action, self.staff_id, self.desk_code, patron, item,
                 json.dumps(detail)))

    def checkout(self, patron_barcode: str, item_barcode: str) -> int:
        now = datetime.now(timezone.utc)
        self._x("BEGIN IMMEDIATE")
        try:
            loan_id = self._checkout(now, patron_barcode, item_barcode)
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")
        return loan_id

    def _checkout(self, now: datetime, patron_barcode: str, item_barcode: str) -> int:
        row = self._x(PATRON_SQL, (_ts(now), patron_barcode)).fetchone()
        if row is None:
            raise Refused("patron_not_found")
        (patron_id, category, expires_on, blocked, lifetime, max_total, lifetime_limit,
         overdue, balance, claim_deadline, open_loans) = row
        today = self.calendar.local_date(now)
        if expires_on is not None and date.fromisoformat(expires_on) < today:
            raise Refused("patron_expired")
        if blocked or overdue or balance > self.policy.max_outstanding_fines:
            raise Refused("patron_blocked_or_owing")
        if claim_deadline is not None and date.fromisoformat(claim_deadline) < today:
            raise Refused("lost_claim_overdue")
        if max_total is not None and open_loans >= max_total:
            raise Refused("max_items_total")
        if lifetime_limit is not None and lifetime >= lifetime_limit:
            raise Refused("lifetime_limit")
        item = self._x(ITEM_SQL, (patron_id, item_barcode)).fetchone()
        if item is None:
            raise Refused("item_not_found")
        item_id, status, loanable, item_type, _biblio, loan_patron, trapped, others, own_hold = item
        if loan_patron is not None:
            raise Refused("item_checked_out")
        if not loanable or status not in ("available", "on_holds_shelf") or trapped is not None:
            raise Refused("item_not_available")
        rule = self._rule(category, item_type)
        if rule is None:
            raise Refused("no_rule")
        if open_loans >= rule.max_items and self._x(
                SAME_TYPE_SQL, (patron_id, item_type)).fetchone()[0] >= rule.max_items:
            raise Refused("max_items")
        due_at = loan_due(rule, now, self.calendar, others_waiting=bool(others))
        loan_id = self._x(
            "INSERT INTO loans (item_id, patron_id, desk_id, staff_id, out_at, due_at, hourly, "
            "renewals, origin) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 'desk')",
            (item_id, patron_id, self.desk_id, self.staff_id, _ts(now), _ts(due_at),
             rule.loan_hours is not None)).lastrowid
        self._x("UPDATE items SET status = 'on_loan', current_location_id = NULL WHERE id = ?",
                (item_id,))
        self._x("UPDATE patrons SET lifetime_loans = lifetime_loans + 1 WHERE id = ?",
                (patron_id,))
        if own_hold is not None:
            self._x("UPDATE holds SET status = 'fulfilled', item_id = ?, closed_at = ? "
                    "WHERE id = ?", (item_id, _ts(now), own_hold))
        self._audit(now, "checkout", patron_barcode, item_barcode,
                    {"loan_id": loan_id, "due_at": due_at.isoformat()})
        assert loan_id is not None
        return loan_id

    def checkin(self, item_barcode: str) -> str:
        now = datetime.now(timezone.utc)
        self._x("BEGIN IMMEDIATE")
        try:
            route = self._checkin(now, item_barcode)
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")
        return route

    def _checkin(self, now: datetime, item_barcode: str) -> str:
        row = self._x(CHECKIN_SQL, (item_barcode,)).fetchone()
        if row is None:
            raise Refused("item_not_found")
        (item_id, status, staff_flag, home_id, item_type, _accessories, loan_id, due_at, hourly,
         patron_id, category, claim, hold_id, pickup_id, _hold_patron) = row
        fine = 0
        if loan_id is not None:
            self._x("UPDATE loans SET returned_at = ?, return_desk_id = ? WHERE id = ?",
                    (_ts(now), self.desk_id, loan_id))
            if claim is not None:
                self._x("UPDATE lost_claims SET status = 'void', closed_at = ? "
                        "WHERE loan_id = ? AND status = 'open'", (_ts(now), loan_id))
            rule = self._rule(category, item_type)
            due = _parse_ts(due_at)
            if rule is not None:
                charged = overdue_fine(rule, due, now, self.calendar, hourly=bool(hourly))
                fine = charged.amount
                if fine > 0:
                    self._x(
                        "INSERT INTO charges (patron_id, kind, amount, paid, waived, loan_id, "
                        "item_id, created_at, description, desk_id, staff_id, fine_units, "
                        "fine_unit, fine_rate, fine_due_at, fine_returned_at, fine_capped) "
                        "VALUES (?, 'overdue', ?, 0, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (patron_id, fine, loan_id, item_id, _ts(now),
                         f"{item_barcode}: {charged.units} {charged.unit}(s) late", self.desk_id,
                         self.staff_id, charged.units, charged.unit, rule.fine_per_day,
                         _ts(due), _ts(now), charged.capped))
        here = self.location_id
        if staff_flag is not None:
            route, new_status, current = "staff", "available", here if home_id != here else None
        elif hold_id is not None:
            if pickup_id == here:
                today = self.calendar.local_date(now)
                expires = self.calendar.end_of_day(self.calendar.add_open_days(
                    today, self.policy.holds_shelf_open_days))
                self._x("UPDATE holds SET item_id = ?, status = 'waiting', waiting_since = ?, "
                        "shelf_expires_at = ? WHERE id = ?",
                        (item_id, _ts(now), _ts(expires), hold_id))
                route, new_status, current = "holds_shelf", "on_holds_shelf", here
            else:
                self._x("UPDATE holds SET item_id = ?, status = 'in_transit' WHERE id = ?",
                        (item_id, hold_id))
                route, new_status, current = "transit", "in_transit", pickup_id
        elif home_id != here:
            route, new_status, current = "transit", "in_transit", home_id
        else:
            route, new_status, current = "shelve", "available", None
        self._x("UPDATE items SET status = ?, current_location_id = ? WHERE id = ?",
                (new_status, current, item_id))
        self._audit(now, "checkin", None, item_barcode,
                    {"route": route, "fine": fine, "loan_id": loan_id})
        return route

    def close(self) -> None:
        self.db.close()


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
              f"{figures['raw'].get('median_ms', 0):6.2f} ms p95={figures['raw'].get('p95_ms', 0):6.2f}"
              f" ms stmts={figures['raw']['statements_median']:g} | ratio "
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
class LatencyProxy:
    """Forwards TCP connections on 127.0.0.1 to a Unix socket, holding every chunk back
    ``delay`` seconds in each direction (a thread per direction keeps the order)."""

    def __init__(self, unix_path: str, delay: float = PROXY_DELAY_S) -> None:
        self.unix_path = unix_path
        self.delay = delay
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.port = self.server.getsockname()[1]
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.closed:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            upstream.connect(self.unix_path)
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket) -> None:
        try:
            while chunk := source.recv(65536):
                time.sleep(self.delay)
                target.sendall(chunk)
        except OSError:
            pass
        finally:
            for end in (source, target):
                try:
                    end.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self) -> None:
        self.closed = True
        self.server.close()


def _serve_proxy(unix_path: str, delay: float, report: Any) -> None:
    proxy = LatencyProxy(unix_path, delay)
    report.send(proxy.port)
    threading.Event().wait()


@contextmanager
def proxy_process(unix_path: str, delay: float = PROXY_DELAY_S) -> Iterator[int]:
    """A ``LatencyProxy`` in a process of its own, so its threads do not wait for the GIL of
    the process being measured (which would add latency a real network does not); yields the
    port."""
    parent, child = multiprocessing.Pipe()
    process = multiprocessing.get_context("fork").Process(
        target=_serve_proxy, args=(unix_path, delay, child), daemon=True)
    process.start()
    try:
        yield int(parent.recv())
    finally:
        process.terminate()
        process.join()


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
