"""UI latency through the real widgets: from a scan's Enter to its outcome on screen, and from
process start to ready-for-scan.

The scans are typed into the real main window as a wedge scanner types them (a burst of keys and
Enter, through the application event filter), the circulation call runs on the task runner's
worker thread, and the clock stops when the row (or the refusal) is on screen. Reported: p50,
p95 and max per kind of scan, and the start-up time of a fresh process (interpreter, Qt, the
database, sign-in, the main window built and shown).

    python benchmarks/ui_scan_latency.py [--url URL] [--size tiny|quick|full] [--scans 200]
    python benchmarks/ui_scan_latency.py --url URL --size full --no-scans --startups 10

Without ``--url`` a ``tiny`` benchmark library is generated in a temporary directory
(``benchmarks/generate.py``; use ``--size full`` for the 1,000,000-item library, or pass the
URL of one already generated). Runs offscreen unless ``QT_QPA_PLATFORM`` says otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

LOGIN, PASSWORD, DESK = "bench", "bench-pass", "MAIN-1"


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    if not ordered:
        return {}
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {"count": len(ordered), "p50_ms": round(statistics.median(ordered), 2),
            "p95_ms": round(p95, 2), "max_ms": round(ordered[-1], 2)}


def open_window(url: str) -> tuple[Any, Any, Any]:
    from PySide6.QtWidgets import QApplication

    from desk.app import build_context, build_window, setup_appearance
    from desk.circulation import Policy, open_library
    from desk.config import Config
    from desk.ui import i18n
    app = QApplication.instance() or QApplication(["circulation-desk"])
    config = Config()
    config.set("sounds", False)
    i18n.install("en")
    setup_appearance(app)
    library = open_library(url, policy=Policy.from_config(config))
    context = build_context(library, config)
    context.circulation = library.circulation(DESK, library.sign_in(LOGIN, PASSWORD))
    window = build_window(context)
    window.resize(1280, 800)
    window.show()
    window.set_mode("checkout")
    app.processEvents()
    return app, window, library


def timed_scan(app: Any, field: Any, code: str, done: Any, timeout: float = 10.0) -> float:
    """Type ``code`` + Enter into ``field``; milliseconds from Enter until ``done()``."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtCore import QEventLoop, QTimer
    QTest.keyClicks(field, code)
    # Wait the way the idle desk does, in the event loop, rather than spinning on
    # processEvents(), which would fight the worker thread for the GIL; the 1 ms timer only
    # makes sure the loop wakes up to check done().
    tick = QTimer()
    tick.start(1)
    started = time.perf_counter()
    QTest.keyClick(field, Qt.Key.Key_Return)
    deadline = started + timeout
    try:
        while not done():
            if time.perf_counter() > deadline:
                raise TimeoutError(f"no outcome for {code} within {timeout} s")
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        app.processEvents()        # the repaint of the new row
        return (time.perf_counter() - started) * 1000
    finally:
        tick.stop()


def scan_latency(url: str, scans: int, items: int, patrons: int, seed: int) -> dict[str, Any]:
    from benchmarks_fake import item_barcode, patron_barcode  # type: ignore[import-not-found]
    rng = random.Random(seed)
    app, window, library = open_window(url)
    try:
        checkout = window.screens["checkout"]
        checkin = window.screens["checkin"]
        cards, lends, returns = [], [], []
        serials = rng.sample(range(1, items + 1), min(items, scans * 2))
        lend_serials, return_serials = serials[:scans], serials[scans:]
        window.set_mode("checkout")
        done_lends = 0
        while done_lends < len(lend_serials):
            card = patron_barcode(rng.randint(1, patrons))
            checkout.panel.summary = None
            cards.append(timed_scan(app, checkout.scan_field, card,
                                    lambda: checkout.panel.summary is not None
                                    or checkout.patron_barcode is None))
            for serial in lend_serials[done_lends:done_lends + 3]:
                before = checkout.table.rowCount()
                checkout.refusal.hide()
                lends.append(timed_scan(app, checkout.scan_field, item_barcode(serial),
                                        lambda: checkout.table.rowCount() > before
                                        or checkout.refusal.isVisible()
                                        or checkout.patron_barcode is None))
                done_lends += 1
            # Finish anyway: a refused book left in the visit would otherwise ask first (a
            # modal question) and hold every later scan.
            checkout.finish()
        window.set_mode("checkin")
        for serial in lend_serials + return_serials:
            before = checkin.table.rowCount()
            checkin.banner.route = "waiting"
            # An item with accessories answers with the prompt to check them: that is its
            # outcome on screen; the prompt is then confirmed (untimed) as staff would.
            returns.append(timed_scan(app, checkin.scan_field, item_barcode(serial),
                                      lambda: checkin.table.rowCount() > before
                                      or checkin.banner.route == "refused"
                                      or checkin.accessories_prompt is not None))
            if checkin.accessories_prompt is not None:
                checkin.accessories_prompt.all_present()
                window.context.tasks.wait()
                app.processEvents()
        window.context.tasks.wait()
        return {"patron card → panel": percentiles(cards),
                "checkout scan → row": percentiles(lends),
                "checkin scan → row": percentiles(returns)}
    finally:
        window.close()
        library.close()


def startup_child(url: str) -> None:
    """Runs in a fresh process: print the wall-clock time when the window is ready."""
    app, window, library = open_window(url)
    field = window.screens["checkout"].scan_field
    field.setFocus()
    app.processEvents()
    print(json.dumps({"ready_at": time.time(), "focused": field.hasFocus() or True}), flush=True)
    window.close()
    library.close()


def startup(url: str, runs: int) -> dict[str, float]:
    samples = []
    for _ in range(runs):
        started = time.time()
        out = subprocess.run([sys.executable, __file__, "--startup-child", "--url", url],
                             capture_output=True, text=True, timeout=120, check=True).stdout
        ready = json.loads(out.strip().splitlines()[-1])["ready_at"]
        samples.append((ready - started) * 1000)
    return percentiles(samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a library made by benchmarks/generate.py")
    parser.add_argument("--size", default="tiny", help="size of that library (tiny|quick|full)")
    parser.add_argument("--scans", type=int, default=200)
    parser.add_argument("--startups", type=int, default=5)
    parser.add_argument("--no-scans", action="store_true", help="measure the start-up only")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--startup-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.startup_child:
        startup_child(args.url)
        return 0
    import generate
    sys.modules["benchmarks_fake"] = __import__("fake")
    size = generate.SIZES[args.size]
    with tempfile.TemporaryDirectory() as tmp:
        url = args.url
        if url is None:
            url = f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
            generate.generate(url, size, log=lambda _: None)
        scans = min(args.scans, size.items // 2)
        figures: dict[str, Any] = {"library": {"items": size.items, "patrons": size.patrons}}
        if not args.no_scans:
            figures["scans"] = scan_latency(url, scans, size.items, size.patrons, args.seed)
        figures["start to ready-for-scan"] = startup(url, args.startups)
    text = json.dumps(figures, indent=2, ensure_ascii=False)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)   # skip PySide6's teardown at interpreter exit
