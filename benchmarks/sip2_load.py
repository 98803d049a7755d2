"""Load on the SIP2 server: simulated self-check terminals, each repeating patron status (23)
-> checkout (11) -> checkin (09) against a real ``python -m desk sip2 serve`` process on the
1M-item library, for a fixed time; messages per second, latency per message type (median,
p95, p99) and errors (any reply that is not a success, any broken connection).

    python benchmarks/sip2_load.py --url sqlite:////tmp/desk-bench-sip2/library.sqlite
    python benchmarks/sip2_load.py --url 'postgresql+psycopg://...' --seconds 60
    python benchmarks/sip2_load.py --url ... --terminals 50 --seconds 10   # while developing

The library is the one ``generate.py`` builds (``run.py`` caches it under /tmp/desk-bench):
copy that file rather than pointing at it, since opening it here migrates it to this
branch's schema. Terminal accounts ``bench-kiosk-NN`` (at desk MAIN-1) are added when
missing; each terminal gets patrons who may borrow and available books of its own, so no
terminal waits for another's rows. Every loan made is returned, so the library can be
measured again. Figures go to ``benchmarks/results/sip2-<backend>.json`` and ``.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import socket
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from library_setup import STAFF  # noqa: E402
from run import Bench, stats  # noqa: E402
from sqlalchemy import exists, func, select  # noqa: E402

from desk.circulation import open_library  # noqa: E402
from desk.models import Hold, Item, Location, StaffUser  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).resolve().parent / "results"
PASSWORD = "bench-kiosk-pass-2026"
DATE = "20261201    101500"
PATRONS_PER_TERMINAL = 20
ITEMS_PER_TERMINAL = 40


def frame(text: str, sequence: int) -> bytes:
    data = (text + f"AY{sequence % 10}AZ").encode("utf-8")
    return data + f"{(-sum(data)) & 0xFFFF:04X}".encode("ascii") + b"\r"


def ensure_terminals(url: str, count: int) -> None:
    library = open_library(url)
    try:
        with library.read_sessions() as session:
            have = set(session.scalars(select(StaffUser.login).where(
                StaffUser.login.like("bench-kiosk-%"))))
        missing = [f"bench-kiosk-{n:02d}" for n in range(count)
                   if f"bench-kiosk-{n:02d}" not in have]
        if missing:
            admin = library.sign_in("admin", STAFF["admin"][2])
            for login in missing:
                library.add_terminal(login, PASSWORD, desk="MAIN-1", by=admin)
            library.sign_out(admin)
    finally:
        library.close()


def choose_work(url: str, terminals: int, seed: int) -> tuple[list[str], list[str]]:
    library = open_library(url)
    try:
        bench = Bench(library, 0, seed, None)
        patrons = bench.clean_patrons(terminals * PATRONS_PER_TERMINAL)
        # books of MAIN, the terminals' location: a return there puts them back on the shelf
        with library.read_sessions() as session:
            items = list(session.scalars(
                select(Item.barcode).join(Location, Location.id == Item.location_id)
                .where(Location.code == "MAIN", Item.status == "available",
                       Item.item_type == "book", Item.loanable.is_(True),
                       Item.staff_flag.is_(None), Item.accessories.is_(None),
                       ~exists().where(Hold.biblio_id == Item.biblio_id,
                                       Hold.status.in_(("pending", "waiting"))))
                .order_by(func.random()).limit(terminals * ITEMS_PER_TERMINAL)))
    finally:
        library.close()
    return patrons, items


class Terminal(threading.Thread):
    """One simulated self-check machine: logs in, then loops 23 -> 11 -> 09."""

    def __init__(self, number: int, address: tuple[str, int], patrons: list[str],
                 items: list[str], stop: threading.Event, seed: int, think: float,
                 ready: threading.Barrier) -> None:
        super().__init__(daemon=True)
        self.think, self.ready = think, ready
        self.number, self.address = number, address
        self.patrons, self.items = patrons, items
        self.stop = stop
        self.rng = random.Random(seed + number)
        self.latencies: dict[str, list[float]] = {"23": [], "11": [], "09": []}
        self.errors: list[str] = []
        self.sequence = 0
        self.open_loans: list[str] = []
        self.arrived = False

    def _exchange(self, sock: socket.socket, text: str) -> bytes:
        if self.think and text[:2] != "93":
            # a patron places the next book; spread so the machines do not march in step
            time.sleep(self.rng.uniform(0.5, 1.5) * self.think)
        self.sequence += 1
        data = frame(text, self.sequence)
        started = time.perf_counter()
        sock.sendall(data)
        reply = b""
        while not reply.endswith(b"\r"):
            chunk = sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed by the server")
            reply += chunk
        elapsed = (time.perf_counter() - started) * 1000
        code = text[:2]
        if code in self.latencies:
            self.latencies[code].append(elapsed)
        return reply

    def run(self) -> None:
        try:
            self._run()
        except (OSError, ConnectionError) as exc:
            self.errors.append(f"connection: {exc}")
        finally:
            if not self.arrived:          # never leave the others waiting at the start
                self.ready.wait()

    def _run(self) -> None:
        # 50 argon2 logins at once take a while on two busy cores: a long first timeout
        with socket.create_connection(self.address, timeout=300) as sock:
            login = self._exchange(sock, f"9300CNbench-kiosk-{self.number:02d}|CO{PASSWORD}|")
            self.arrived = True
            self.ready.wait()          # every machine signed in: the clock starts
            sock.settimeout(30)
            if not login.startswith(b"941"):
                self.errors.append(f"login: {login[:40]!r}")
                return
            while not self.stop.is_set():
                patron = self.rng.choice(self.patrons)
                item = self.rng.choice(self.items)
                status = self._exchange(sock, f"23000{DATE}AO|AA{patron}|AC|")
                if not status.startswith(b"24") or b"|BLY|" not in status:
                    self.errors.append(f"23 {patron}: {status[:60]!r}")
                    continue
                out = self._exchange(sock, f"11NN{DATE}{' ' * 18}AO|AA{patron}|AB{item}|AC|")
                if not out.startswith(b"121"):
                    self.errors.append(f"11 {patron} {item}: {out[:120]!r}")
                    continue
                self.open_loans.append(item)
                back = self._exchange(sock, f"09N{DATE}{' ' * 18}AP|AO|AB{item}|AC|")
                if not back.startswith(b"101"):
                    self.errors.append(f"09 {item}: {back[:120]!r}")
                    continue
                self.open_loans.remove(item)


def start_server(url: str, terminals: int, log_path: Path) -> tuple[subprocess.Popen[str], int]:
    env = {**os.environ, "DESK_SIP_MAX_CONNECTIONS": str(terminals + 10),
           "PYTHONPATH": str(ROOT), "DESK_CONFIG": str(log_path.with_suffix(".toml"))}
    process = subprocess.Popen(
        [sys.executable, "-m", "desk", "sip2", "serve", "--url", url, "--listen",
         "127.0.0.1:0"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
        stderr=open(log_path, "w"), text=True)
    assert process.stdout is not None
    line = process.stdout.readline()
    if "listening on" not in line:
        process.kill()
        raise SystemExit(f"the server did not start: {line!r}; see {log_path}")
    return process, int(line.split("listening on ", 1)[1].split()[0].rsplit(":", 1)[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="the generated library (a copy)")
    parser.add_argument("--terminals", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--think", type=float, default=1.0,
                        help="seconds between a terminal's messages, on average (a patron "
                             "scanning the next book; 0: as fast as the server answers)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="result JSON (default benchmarks/results/...)")
    args = parser.parse_args(argv)
    ensure_terminals(args.url, args.terminals)
    patrons, items = choose_work(args.url, args.terminals, args.seed)
    if len(patrons) < args.terminals or len(items) < args.terminals:
        raise SystemExit("too few patrons who may borrow or available books in this library")
    log_path = Path("/tmp") / f"sip2-load-{os.getpid()}.log"
    process, port = start_server(args.url, args.terminals, log_path)
    stop = threading.Event()
    ready = threading.Barrier(args.terminals + 1)
    per_patrons = max(1, len(patrons) // args.terminals)
    per_items = max(1, len(items) // args.terminals)
    terminals = [Terminal(n, ("127.0.0.1", port), patrons[n * per_patrons:(n + 1) * per_patrons],
                          items[n * per_items:(n + 1) * per_items], stop, args.seed,
                          args.think, ready)
                 for n in range(args.terminals)]
    for terminal in terminals:
        terminal.start()
    ready.wait(timeout=600)      # the logins (argon2, once a day on a real machine) are done
    load_before = os.getloadavg()
    started = time.perf_counter()
    time.sleep(args.seconds)
    stop.set()
    for terminal in terminals:
        terminal.join(timeout=60)
    elapsed = time.perf_counter() - started
    load_after = os.getloadavg()
    process.terminate()
    process.wait(timeout=30)
    leftover = [item for t in terminals for item in t.open_loans]
    if leftover:   # a loan whose return failed: returned here, so the library stays as it was
        library = open_library(args.url)
        try:
            staff = library.sign_in("bench", STAFF["bench"][2])
            desk = library.circulation("MAIN-1", staff)
            for item in leftover:
                desk.checkin(item)
        finally:
            library.close()
    by_type = {code: [ms for t in terminals for ms in t.latencies[code]]
               for code in ("23", "11", "09")}
    every = [ms for samples in by_type.values() for ms in samples]
    errors = [e for t in terminals for e in t.errors]
    backend = "postgresql" if args.url.startswith("postgresql") else "sqlite"
    result: dict[str, Any] = {
        "backend": backend, "terminals": args.terminals, "seconds": round(elapsed, 1),
        "think_seconds": args.think,
        "measured_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "messages": len(every), "messages_per_second": round(len(every) / elapsed, 1),
        "cycles": len(by_type["09"]), "errors": len(errors), "first_errors": errors[:10],
        "all": stats(every), "by_message": {code: stats(samples)
                                            for code, samples in by_type.items()},
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "load_average_before": [round(x, 2) for x in load_before],
                    "load_average_after": [round(x, 2) for x in load_after]},
        "server_log": str(log_path),
    }
    out = args.out or RESULTS / f"sip2-{backend}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    summary = markdown(result)
    out.with_suffix(".md").write_text(summary)
    print(summary)
    return 0 if not errors else 1


def markdown(result: dict[str, Any]) -> str:
    names = {"23": "patron status (23)", "11": "checkout (11)", "09": "checkin (09)"}
    rows = [f"| {names[code]} | {s.get('n', 0):,} | {s.get('median_ms', 0)} ms | "
            f"{s.get('p95_ms', 0)} ms | {s.get('p99_ms', 0)} ms | {s.get('max_ms', 0)} ms |"
            for code, s in result["by_message"].items()]
    every = result["all"]
    rows.append(f"| every message | {every.get('n', 0):,} | {every.get('median_ms', 0)} ms | "
                f"{every.get('p95_ms', 0)} ms | {every.get('p99_ms', 0)} ms | "
                f"{every.get('max_ms', 0)} ms |")
    load = result["machine"]
    return "\n".join([
        f"### SIP2 load, {result['backend']} ({result['measured_at'][:10]})", "",
        f"{result['terminals']} terminals (a message every {result['think_seconds']} s on "
        f"average each) for {result['seconds']} s: "
        f"{result['messages']:,} messages ({result['messages_per_second']} per second), "
        f"{result['cycles']:,} status-checkout-checkin cycles, {result['errors']} errors. "
        f"Load average {load['load_average_before'][0]} before, "
        f"{load['load_average_after'][0]} after.", "",
        "| message | n | median | p95 | p99 | max |", "|---|---:|---:|---:|---:|---:|",
        *rows, ""])


if __name__ == "__main__":
    sys.exit(main())
