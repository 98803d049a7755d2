"""A small, fully known library that the rule tests build on.

Locations MAIN (總圖) and LAW (法學分館), desks MAIN-1 and LAW-1, staff ``clerk`` and supervisor
``boss`` (added by the administrator ``admin``); categories student, faculty, consortium (no
renewals, no holds) and virtual (5 items in its lifetime); item types book, cd (accessories) and
reserve (2-hour loans).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desk.circulation import Circulation, Library
from desk.models import StaffUser

PASSWORDS = {"clerk": "clerk-pass", "boss": "boss-pass", "admin": "admin-pass"}


@dataclass
class Desk:
    library: Library
    clerk: StaffUser
    boss: StaffUser
    main: Circulation
    law: Circulation


def add_staff(library: Library) -> None:
    """The administrator first (a library's first account), then ``clerk`` and ``boss``."""
    library.add_staff("admin", "系統管理者", "admin", PASSWORDS["admin"])
    admin = library.sign_in("admin", PASSWORDS["admin"])
    library.add_staff("clerk", "林館員", "staff", PASSWORDS["clerk"], by=admin)
    library.add_staff("boss", "張主任", "supervisor", PASSWORDS["boss"], by=admin)
    library.sign_out(admin)


def signed_in(library: Library) -> Desk:
    """``clerk`` and ``boss`` signed in to ``library`` (an already built small library) and
    the clerk's sessions at MAIN-1 and LAW-1."""
    clerk = library.sign_in("clerk", PASSWORDS["clerk"])
    boss = library.sign_in("boss", PASSWORDS["boss"])
    return Desk(library, clerk, boss, library.circulation("MAIN-1", clerk),
                library.circulation("LAW-1", clerk))


def build(library: Library) -> Desk:
    library.add_location("MAIN", "總圖")
    library.add_location("LAW", "法學分館")
    library.add_desk("MAIN-1", "MAIN")
    library.add_desk("LAW-1", "LAW")
    add_staff(library)
    for category in ("student", "faculty"):
        library.add_category(category)
    library.add_category("consortium", "Consortium card")
    library.add_category("virtual", "Virtual card", lifetime_item_limit=5, card_valid_days=3)
    library.set_rule("student", "book", loan_days=30, max_items=3, renewals=2, renewal_days=30,
                     fine_per_day=5, fine_cap=500, held_loan_days=14)
    library.set_rule("faculty", "book", loan_days=90, max_items=50, renewals=3, renewal_days=60,
                     fine_per_day=5, grace_days=2)
    library.set_rule("student", "cd", loan_days=7, max_items=2, renewals=1, renewal_days=7,
                     fine_per_day=10)
    library.set_rule("student", "reserve", loan_hours=2, max_items=1, renewals=0,
                     renewal_days=0, fine_per_day=20)
    library.set_rule("consortium", "book", loan_days=14, max_items=5, renewals=0,
                     renewal_days=0, fine_per_day=5, holds_allowed=False)
    library.set_rule("virtual", "book", loan_days=21, max_items=5, renewals=0, renewal_days=0,
                     fine_per_day=5, holds_allowed=False)
    library.add_patron("P001", "陳小明", "student", expires=date(2027, 6, 30))
    library.add_patron("P002", "王大同", "student", expires=date(2027, 6, 30))
    library.add_patron("P003", "Prof. Lee", "faculty")
    library.add_patron("P004", "李過期", "student", expires=date(2026, 1, 31))
    library.add_patron("P005", "consortium card 1", "consortium")
    library.add_patron("P006", "virtual card", "virtual")
    library.add_patron("P007", "趙停權", "student", blocked=True, block_message="證件遺失")
    for n in range(1, 13):
        library.add_item(f"B{n:03d}", f"書名 {n}", location="MAIN", price=400)
    library.add_item("B100", "三國演義", location="MAIN", price=350, author="羅貫中")
    library.add_item("B101", "三國演義", location="MAIN", price=350, author="羅貫中")
    library.add_item("L001", "民法總則", location="LAW", price=600)
    library.add_item("F001", "Dune", location="MAIN", price=900, foreign=True)
    library.add_item("C001", "Python 入門", item_type="cd", location="MAIN",
                     accessories="1 CD-ROM")
    library.add_item("R001", "微積分 (course reserve)", item_type="reserve", location="MAIN")
    library.add_item("W001", "舊期刊", location="MAIN", staff_flag="withdrawn_area")
    return signed_in(library)
