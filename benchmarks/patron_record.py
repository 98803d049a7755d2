"""How fast the patron's own screen opens for a patron with a long history.

    python benchmarks/patron_record.py [--url URL] [--history 20000] [--others 100000]
                                       [--items 2000]

Builds a library (reference data through the ``Library`` API, 2,000 items and 200 patrons
through it too), then bulk-inserts ``--history`` returned loans and 20 open ones for one patron
and ``--others`` returned loans spread over the other patrons. Measures, median of 30 runs:
``load_record`` (what the screen reads when it opens: the summary, the first history page,
messages, proxies), a history page deep in the list (keyset, after row 10,000), and the real
``PatronRecordView`` (offscreen) from ``open()`` to its tables filled. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RUNS = 30


def build(url: str, history: int, others: int, items: int = 2000) -> None:
    from sqlalchemy import insert, select

    from benchmarks.library_setup import build as build_reference
    from desk.circulation import open_library
    from desk.models import Desk, Item, Loan, Patron, StaffUser
    library = open_library(url)
    today = library.local_today()
    build_reference(library, today)
    for n in range(items):
        library.add_item(f"I{n:06d}", f"書名 {n}", location="MAIN", price=300)
    for n in range(200):
        library.add_patron(f"P{n:05d}", f"讀者 {n}", "faculty", expires=today + timedelta(days=400))
    now = library.now()
    with library.sessions() as session, session.begin():
        items = session.scalars(select(Item.id).order_by(Item.id)).all()
        patrons = session.scalars(select(Patron.id).order_by(Patron.id)).all()
        desk = session.scalars(select(Desk.id).where(Desk.code == "MAIN-1")).one()
        staff = session.scalars(select(StaffUser.id).where(StaffUser.login == "bench")).one()
        heavy, rest = patrons[0], patrons[1:]

        def loan(patron: int, item: int, days_ago: float, returned: bool) -> dict[str, object]:
            out = now - timedelta(days=days_ago)
            return {"item_id": item, "patron_id": patron, "desk_id": desk, "staff_id": staff,
                    "out_at": out, "due_at": out + timedelta(days=90), "hourly": False,
                    "renewals": 0, "origin": "desk",
                    "returned_at": out + timedelta(days=20) if returned else None}
        rows = [loan(heavy, items[20 + n % (len(items) - 20)], 30 + n * 0.05, True)
                for n in range(history)]
        rows += [loan(rest[n % len(rest)], items[20 + n % (len(items) - 20)], 30 + n * 0.01, True)
                 for n in range(others)]
        rows += [loan(heavy, items[n], 5, False) for n in range(20)]
        for start in range(0, len(rows), 20000):
            session.execute(insert(Loan), rows[start:start + 20000])
    library.close()


def median_ms(work, runs: int = RUNS) -> float:  # noqa: ANN001
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        times.append((time.perf_counter() - began) * 1000)
    return round(statistics.median(times), 2)


def measure(url: str) -> dict[str, object]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desk.circulation import open_library
    from desk.circulation.queries.patron_record import loan_history
    from desk.config import Config
    from desk.ui.context import DeskContext
    from desk.ui.message import MessageBridge
    from desk.ui.screens.patron_record import PatronRecordView, load_record
    from desk.ui.slips import PreviewSlipSink
    from desk.ui.tasks import TaskRunner
    app = QApplication.instance() or QApplication([])
    library = open_library(url)
    figures: dict[str, object] = {}
    record = load_record(library, "P00000", "MAIN-1")
    figures["history_total"] = record.history.total
    figures["open_loans"] = len(record.summary.loans)
    figures["load_record_ms"] = median_ms(lambda: load_record(library, "P00000", "MAIN-1"))
    after = None
    for _ in range(100):                       # walk to row 10,000 (or the last page)
        page = loan_history(library, "P00000", after=after)
        if page.after is None:
            break
        after = page.after
    figures["history_page_after_10000_ms"] = median_ms(
        lambda: loan_history(library, "P00000", after=after))
    figures["history_first_page_ms"] = median_ms(lambda: loan_history(library, "P00000"))
    staff = library.sign_in("bench", "bench-pass")
    messages = MessageBridge()
    tasks = TaskRunner(messages)
    context = DeskContext(library=library, circulation=library.circulation("MAIN-1", staff),
                          config=Config(path=Path(tempfile.mkdtemp()) / "settings.toml"),
                          messages=messages, tasks=tasks, slips=PreviewSlipSink())
    view = PatronRecordView(context, "patron_search")
    view.resize(1200, 800)
    view.show()
    done: list[str] = []
    view.loaded.connect(done.append)

    def open_view() -> None:
        count = len(done)
        view.open("P00000")
        while len(done) == count:
            app.processEvents()
            time.sleep(0.0005)
    figures["screen_open_ms"] = median_ms(open_view, 15)
    figures["history_rows_shown"] = view.history_table.rowCount()
    tasks.wait()
    library.close()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url")
    parser.add_argument("--history", type=int, default=20000)
    parser.add_argument("--others", type=int, default=100000)
    parser.add_argument("--items", type=int, default=2000, help="at least 21")
    args = parser.parse_args(argv)
    url = args.url or f"sqlite:///{tempfile.mkdtemp()}/patron-record.sqlite"
    began = time.perf_counter()
    build(url, args.history, args.others, args.items)
    figures = {"backend": url.split(":")[0], "history": args.history, "others": args.others,
               "build_s": round(time.perf_counter() - began, 1), **measure(url)}
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)
