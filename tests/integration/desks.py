"""Helpers of the multi-process integration tests: a library several desks share, and the desk
processes themselves (started with multiprocessing 'spawn', so each is a fresh interpreter with
its own ``open_library`` on the same database)."""

from __future__ import annotations

import traceback
from typing import Any

from desk.circulation import CirculationRefused, Library, open_library

STAFF_PASSWORD = "desk-pass"
SUPERVISOR_PASSWORD = "boss-pass"
ADMIN_PASSWORD = "admin-pass"


def build_shared_library(library: Library, *, desks: int, patrons: int, items: int) -> None:
    """One location, ``desks`` desks D1.., patrons P001.. (student, no practical loan limit),
    items I0001.., staff ``clerk`` and supervisor ``boss`` (added by the administrator
    ``admin``)."""
    library.add_location("MAIN", "總圖")
    for n in range(1, desks + 1):
        library.add_desk(f"D{n}", "MAIN")
    library.add_staff("admin", "系統管理者", "admin", ADMIN_PASSWORD)
    admin = library.sign_in("admin", ADMIN_PASSWORD)
    library.add_staff("clerk", "林館員", "staff", STAFF_PASSWORD, by=admin)
    library.add_staff("boss", "張主任", "supervisor", SUPERVISOR_PASSWORD, by=admin)
    library.sign_out(admin)
    library.add_category("student")
    library.set_rule("student", "book", loan_days=30, max_items=10_000, renewals=1000,
                     renewal_days=30, fine_per_day=5)
    for n in range(1, patrons + 1):
        library.add_patron(f"P{n:03d}", f"讀者 {n}", "student")
    for n in range(1, items + 1):
        library.add_item(f"I{n:04d}", f"書名 {n}", location="MAIN", price=300)


def race_desk(url: str, desk: str, patron: str, items: list[str], barrier: Any,
              results: Any) -> None:
    """One desk: for each item, wait for every other desk, then check it out to ``patron``.
    Puts (desk, item, outcome, detail) on ``results``: outcome 'loan' (detail: loan id),
    'refused' (detail: the reason codes) or 'error' (detail: the traceback)."""
    try:
        library = open_library(url)
        circulation = library.circulation(desk, library.sign_in("clerk", STAFF_PASSWORD))
    except Exception:  # noqa: BLE001 - reported to the parent, which fails the test
        results.put((desk, None, "error", traceback.format_exc()))
        return
    try:
        for item in items:
            barrier.wait(timeout=120)
            try:
                loan = circulation.checkout(patron, item)
                results.put((desk, item, "loan", loan.loan_id))
            except CirculationRefused as refused:
                results.put((desk, item, "refused", refused.codes))
            except Exception:  # noqa: BLE001 - "database is locked" and the like
                results.put((desk, item, "error", traceback.format_exc()))
    finally:
        library.close()
