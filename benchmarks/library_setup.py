"""The reference data of the benchmark library, set up through the ``Library`` API.

Locations, desks, staff, patron categories, item types, the rule matrix and closed days are
few rows, so they go through the same setup calls a real library uses; only the bulk tables
(biblios, items, patrons, loans, holds, charges, audit history) are bulk-inserted by
``generate.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from desk.circulation import Library

LOCATIONS = {"MAIN": "總圖書館", "LAW": "法學分館", "MED": "醫學分館", "ENG": "工學分館"}
DESKS = {"MAIN-1": "MAIN", "MAIN-2": "MAIN", "LAW-1": "LAW", "MED-1": "MED", "ENG-1": "ENG"}
# The administrator first: it is the library's first account and adds the others.
STAFF = {"admin": ("系統管理者", "admin", "admin-pass"), "bench": ("林館員", "staff", "bench-pass"),
         "boss": ("張主任", "supervisor", "boss-pass")}
# Patron categories of the seeds, plus the research-project card whose holders keep hundreds
# of books out at once (the heavy borrowers of the benchmark).
CATEGORIES = {
    "faculty": "教師", "staff": "職員", "student": "學生", "alumni": "校友", "external": "校外人士",
    "consortium": "館際合作借書證", "virtual": "虛擬借書證", "project": "研究計畫",
}
ITEM_TYPES = {"book": "圖書", "cd": "光碟", "reserve": "指定參考書", "periodical": "期刊"}

# category -> (loan_days, max_items, renewals, renewal_days, holds_allowed)
BOOK_RULES = {
    "faculty": (90, 100, 3, 60, True),
    "staff": (30, 30, 2, 30, True),
    "student": (30, 30, 2, 30, True),
    "alumni": (30, 5, 1, 30, True),
    "external": (14, 3, 1, 14, True),
    "consortium": (14, 5, 0, 0, False),
    "virtual": (21, 5, 0, 0, False),
    "project": (365, 2000, 2, 180, True),
}
# The loan period the generator uses for existing loans of each category.
LOAN_DAYS = {code: rule[0] for code, rule in BOOK_RULES.items()}


@dataclass(frozen=True)
class Reference:
    """Ids the bulk generator needs."""

    location_ids: dict[str, int]
    desk_ids: dict[str, int]
    staff_id: int
    closed_days: set[date]


def closed_days(today: date) -> set[date]:
    """Sundays from 13 months back to 13 months ahead, and a New Year break each winter."""
    days: set[date] = set()
    day = today - timedelta(days=400)
    while day <= today + timedelta(days=400):
        if day.weekday() == 6 or (day.month == 1 and day.day <= 2) \
                or (day.month == 2 and 14 <= day.day <= 18):
            days.add(day)
        day += timedelta(days=1)
    return days


def build(library: Library, today: date) -> Reference:
    """Set up the reference data of an empty library; returns the ids the bulk load needs."""
    location_ids = {code: library.add_location(code, name) for code, name in LOCATIONS.items()}
    desk_ids = {code: library.add_desk(code, location) for code, location in DESKS.items()}
    first, *others = STAFF.items()
    staff_ids = {first[0]: library.add_staff(first[0], *first[1])}
    admin = library.sign_in(first[0], first[1][2])
    staff_ids.update({login: library.add_staff(login, name, role, password, by=admin)
                      for login, (name, role, password) in others})
    library.sign_out(admin)
    for code, name in CATEGORIES.items():
        library.add_category(code, name, lifetime_item_limit=5 if code == "virtual" else None)
    for code, name in ITEM_TYPES.items():
        library.add_item_type(code, name)
    for category, (days, max_items, renewals, renewal_days, holds) in BOOK_RULES.items():
        library.set_rule(category, "book", loan_days=days, max_items=max_items, renewals=renewals,
                         renewal_days=renewal_days, fine_per_day=5, fine_cap=1000,
                         holds_allowed=holds, held_loan_days=14 if days > 14 else None)
    for category in ("faculty", "staff", "student", "alumni"):
        library.set_rule(category, "cd", loan_days=7, max_items=3, renewals=1, renewal_days=7,
                         fine_per_day=10)
    for category in ("faculty", "staff", "student"):
        library.set_rule(category, "reserve", loan_hours=2, max_items=2, renewals=0,
                         renewal_days=0, fine_per_day=20)
    library.set_rule("faculty", "periodical", loan_days=7, max_items=10, renewals=0,
                     renewal_days=0, fine_per_day=10)
    closed = closed_days(today)
    for code in LOCATIONS:
        library.set_closed_days(code, closed)
    return Reference(location_ids, desk_ids, staff_ids["bench"], closed)
