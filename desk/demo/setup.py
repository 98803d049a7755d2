"""The demo library's fixed parts: locations, desks, staff accounts, patron categories, item
types, the circulation rule matrix and the closed-day calendars."""

from __future__ import annotations

from datetime import date, timedelta

from desk.circulation.library import Library
from desk.models.marks import DEMO, set_mark

LOCATIONS = (("MAIN", "總圖書館"), ("SOC", "社會科學資料中心"), ("LAW", "法學分館"))
DESKS = (("MAIN-1", "MAIN"), ("MAIN-2", "MAIN"), ("SOC-1", "SOC"), ("LAW-1", "LAW"))
# (login, password, name, role, what for) -- printed by ``python -m desk demo``.
STAFF_ACCOUNTS = (
    ("clerk", "clerk", "林館員", "staff", "counter staff"),
    ("clerk2", "clerk2", "Amy Chen", "staff", "counter staff (second cashier)"),
    ("super", "super", "張主任", "supervisor", "supervisor: overrides, waivers, voids, closing the day"),
    ("admin", "admin", "系統管理者", "admin", "administrator"),
)
CATEGORIES = (
    ("faculty", "教職員 Faculty", None),
    ("staff", "職員 Staff", None),
    ("student", "大學部學生 Undergraduate", None),
    ("graduate", "研究生 Graduate student", None),
    ("alumni", "校友 Alumni", None),
    ("external", "校外人士 External borrower", None),
    ("consortium", "館合證 Consortium card", None),
    ("virtual", "虛擬借書證 Virtual card", 5),
)
VIRTUAL_CARD_DAYS = 3
# What registering at the desk needs (SOP 5.3.3): students and staff have their registration or
# employment checked; other borrowers bring a guarantor or a NT$1,000 deposit. (term in days,
# registration, deposit, required details)
REGISTRATION = {
    "faculty": (365, "check", None, ("department",)),
    "staff": (365, "check", None, ("department",)),
    "student": (180, "check", None, ("email",)),
    "graduate": (180, "check", None, ("email",)),
    "alumni": (365, "guarantee", 1000, ("phone",)),
    "external": (365, "guarantee", 1000, ("phone",)),
}
ITEM_TYPES = (("book", "圖書 Book"), ("cd", "視聽資料 Audio-visual (with accessories)"),
              ("reserve", "指定參考書 Course reserve"), ("project", "研究計畫圖書 Research project"))

# category: (book days, book items, renewals, renewal days) -- every other cell follows from it.
BOOK_RULES = {
    "faculty": (90, 50, 2, 90), "staff": (60, 20, 2, 60), "student": (30, 20, 2, 30),
    "graduate": (60, 30, 2, 60), "alumni": (30, 5, 1, 30), "external": (14, 3, 1, 14),
}
BOOK_FINE, BOOK_FINE_CAP = 5, 1000


def _rules(library: Library) -> None:
    for category, (days, items, renewals, renewal_days) in BOOK_RULES.items():
        library.set_rule(category, "book", loan_days=days, max_items=items, renewals=renewals,
                         renewal_days=renewal_days, fine_per_day=BOOK_FINE, fine_cap=BOOK_FINE_CAP,
                         held_loan_days=14)
        library.set_rule(category, "cd", loan_days=7, max_items=3, renewals=1, renewal_days=7,
                         fine_per_day=10, fine_cap=500)
        if category != "external":
            # Course reserves: 3 hours, NT$10 for each started hour late.
            library.set_rule(category, "reserve", loan_hours=3, max_items=2, renewals=0,
                             renewal_days=0, fine_per_day=10, fine_cap=300, holds_allowed=False)
    for category in ("faculty", "staff", "graduate"):
        # Research-project loans: 1 year, 2 renewals of 6 months.
        library.set_rule(category, "project", loan_days=365, max_items=100, renewals=2,
                         renewal_days=182, fine_per_day=BOOK_FINE, fine_cap=BOOK_FINE_CAP,
                         held_loan_days=30)
    # Inter-library cards (seeds 001 and 003): no renewals, no holds.
    library.set_rule("consortium", "book", loan_days=14, max_items=5, renewals=0, renewal_days=0,
                     fine_per_day=BOOK_FINE, fine_cap=BOOK_FINE_CAP, holds_allowed=False)
    library.set_rule("virtual", "book", loan_days=21, max_items=5, renewals=0, renewal_days=0,
                     fine_per_day=BOOK_FINE, fine_cap=BOOK_FINE_CAP, holds_allowed=False)


# National holidays (observed days off) of 2025-2027: New Year, Lunar New Year, 228, Children's
# and Tomb-Sweeping Day, Labour Day, Dragon Boat, Teachers' Day, Mid-Autumn, National Day,
# Retrocession Day, Constitution Day. The library closes on all of them.
NATIONAL_HOLIDAYS = tuple(date.fromisoformat(d) for d in (
    "2025-01-01", "2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31",
    "2025-02-28", "2025-04-03", "2025-04-04", "2025-05-01", "2025-05-30", "2025-09-29",
    "2025-10-06", "2025-10-10", "2025-10-24", "2025-12-25",
    "2026-01-01", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20",
    "2026-02-27", "2026-04-03", "2026-04-06", "2026-05-01", "2026-06-19", "2026-09-25",
    "2026-09-28", "2026-10-09", "2026-10-26", "2026-12-25",
    "2027-01-01", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11",
    "2027-03-01", "2027-04-05", "2027-04-06", "2027-05-01", "2027-06-09", "2027-09-15",
    "2027-09-28", "2027-10-11", "2027-10-25", "2027-12-24",
))


def closed_days(location: str, start: date, end: date) -> list[date]:
    """The main library closes on national holidays; the branches also on Sundays."""
    days = [d for d in NATIONAL_HOLIDAYS if start <= d <= end]
    if location != "MAIN":
        day = start
        while day <= end:
            if day.weekday() == 6:
                days.append(day)
            day += timedelta(days=1)
    return sorted(set(days))


def build_setup(library: Library, today: date) -> None:
    """Add everything but patrons, items and activity to an empty ``library``, marked as the
    demo first (its staff keep their easy passwords)."""
    with library.sessions() as session, session.begin():
        set_mark(session, DEMO, today.isoformat(), library.now())
    for code, name in LOCATIONS:
        library.add_location(code, name)
    for code, location in DESKS:
        library.add_desk(code, location)
    # The first account is the administrator (added without ``by=``); it adds the others.
    first = next(account for account in STAFF_ACCOUNTS if account[3] == "admin")
    library.add_staff(first[0], first[2], first[3], first[1])
    admin = library.sign_in(first[0], first[1])
    for login, password, name, role, _ in STAFF_ACCOUNTS:
        if login != first[0]:
            library.add_staff(login, name, role, password, by=admin)
    library.sign_out(admin)
    for code, name, lifetime in CATEGORIES:
        term, registration, deposit, required = REGISTRATION.get(code, (None, None, None, ()))
        library.add_category(code, name, lifetime_item_limit=lifetime, term_days=term,
                             registration=registration, deposit=deposit,
                             required_fields=required)
    for code, name in ITEM_TYPES:
        library.add_item_type(code, name)
    _rules(library)
    start, end = date(today.year - 1, 1, 1), date(today.year + 1, 12, 31)
    for code, _ in LOCATIONS:
        library.set_closed_days(code, closed_days(code, start, end))
