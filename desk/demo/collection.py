"""Made-up but plausible patrons and items for the demo library (deterministic per seed)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from desk.circulation.barcodes import with_check_digit
from desk.demo import words
from desk.demo.setup import VIRTUAL_CARD_DAYS

INSTITUTION = "0001"
# Share of each category among the patrons (the rest are undergraduates).
CATEGORY_SHARES = (("graduate", 0.20), ("faculty", 0.10), ("staff", 0.07), ("alumni", 0.06),
                   ("external", 0.05), ("consortium", 0.04), ("virtual", 0.03))
SOC_DEPARTMENTS = {"經濟學系", "社會學系", "政治學系", "心理學系", "人類學系", "新聞研究所"}


def patron_barcode(serial: int) -> str:
    return with_check_digit(f"2{INSTITUTION}{serial:08d}")


def item_barcode(serial: int) -> str:
    return with_check_digit(f"3{INSTITUTION}{serial:08d}")


def isbn13(rng: random.Random, prefix: str) -> str:
    body = prefix + "".join(str(rng.randint(0, 9)) for _ in range(12 - len(prefix)))
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def _category_plan(count: int) -> list[str]:
    plan: list[str] = []
    for category, share in CATEGORY_SHARES:
        plan += [category] * max(1, round(count * share))
    plan += ["student"] * max(1, count - len(plan))
    return plan[:count]


def _surname_weights() -> tuple[list[str], list[float]]:
    names = list(dict.fromkeys(words.SURNAMES))
    others = [name for name in names if name not in words.COMMON_SURNAMES]
    rest = (100 - sum(words.COMMON_SURNAMES.values())) / len(others)
    return names, [words.COMMON_SURNAMES.get(name, rest) for name in names]


SURNAMES, SURNAME_WEIGHTS = _surname_weights()


def chinese_name(rng: random.Random) -> str:
    """A name as common as in Taiwan: one in nine is a 陳, one in twelve a 林."""
    given = rng.choice(words.GIVEN_CHARS)
    if rng.random() < 0.85:
        given += rng.choice(words.GIVEN_CHARS)
    return rng.choices(SURNAMES, SURNAME_WEIGHTS)[0] + given


def english_name(rng: random.Random) -> str:
    return f"{rng.choice(words.ENGLISH_FIRST)} {rng.choice(words.ENGLISH_LAST)}"


def _expiry(rng: random.Random, category: str, today: date) -> date | None:
    school_year = today.year if today < date(today.year, 7, 31) else today.year + 1
    if category == "student":
        return date(school_year + rng.randint(0, 3), 7, 31)
    if category == "graduate":
        return date(school_year + rng.randint(0, 2), 7, 31)
    if category in ("faculty", "staff"):
        return None if rng.random() < 0.6 else date(today.year + rng.randint(1, 5), 12, 31)
    if category == "alumni":
        return today + timedelta(days=rng.randint(30, 720))
    if category == "external":
        return today + timedelta(days=rng.randint(20, 365))
    if category == "consortium":
        return date(today.year, 12, 31)
    # Virtual cards: valid 3 days from approval, approved some time in the past 80 days.
    return today + timedelta(days=rng.randint(-80, VIRTUAL_CARD_DAYS))


def make_patrons(rng: random.Random, count: int, today: date) -> list[dict[str, Any]]:
    """Patron records in the form ``desk.importer.write_patrons`` takes."""
    patrons = []
    consortium_no = 0
    for serial, category in enumerate(_category_plan(count), start=1):
        foreign = rng.random() < (0.25 if category in ("faculty", "graduate") else 0.06)
        name = english_name(rng) if foreign else chinese_name(rng)
        department = rng.choice(words.STAFF_UNITS if category == "staff" else words.DEPARTMENTS)
        record: dict[str, Any] = dict(barcode=patron_barcode(serial), name=name, category=category,
                                      expires=_expiry(rng, category, today))
        if category == "consortium":
            consortium_no += 1
            partner = words.PARTNER_LIBRARIES[consortium_no % len(words.PARTNER_LIBRARIES)]
            record["name"] = f"館合證 {consortium_no:02d}（{partner}）"
            record["department"] = partner
        elif category == "virtual":
            record["department"] = rng.choice(words.PARTNER_LIBRARIES)
            record["message"] = "虛擬借書證：限借 5 冊，借期 21 天，不可續借及預約"
        elif category in ("alumni", "external"):
            record["phone"] = f"09{rng.randint(10, 99)}-{rng.randint(100, 999)}-{rng.randint(100, 999)}"
        else:
            record["department"] = department
            record["email"] = f"u{serial:06d}@example.edu.tw"
            if department == "法律學系":
                record["home_location"] = "LAW"
            elif department in SOC_DEPARTMENTS:
                record["home_location"] = "SOC"
            else:
                record["home_location"] = "MAIN"
        patrons.append(record)
    return patrons


def _call_number(rng: random.Random, english: bool, item_type: str) -> str:
    if english:
        klass = rng.choice(("QA", "QC", "QH", "HM", "HB", "JZ", "KF", "K", "PL", "BF", "N", "GE"))
        number = f"{klass}{rng.randint(1, 999)} .{rng.choice('ABCDEGHKLMNPRSTW')}{rng.randint(10, 99)} " \
                 f"{rng.randint(1995, 2025)}"
    else:
        number = f"{rng.randint(1, 999):03d}.{rng.randint(1, 99)} {rng.randint(1000, 9999)}"
    return ("R " if item_type == "reserve" else "") + number


def _title(rng: random.Random, location: str, english: bool) -> str:
    if english:
        pattern = rng.choice(words.EN_PATTERNS)
        return pattern.format(s=rng.choice(words.EN_SUBJECTS[location]),
                              t=rng.choice(words.EN_TOPICS), n=rng.randint(2, 9))
    pattern = rng.choice(words.ZH_PATTERNS)
    return pattern.format(s=rng.choice(words.ZH_SUBJECTS[location]), t=rng.choice(words.ZH_TOPICS),
                          n=rng.choice("二三四五六"))


def _biblio(rng: random.Random) -> dict[str, Any]:
    location = rng.choices(("MAIN", "SOC", "LAW"), weights=(60, 25, 15))[0]
    roll = rng.random()
    item_type = ("reserve" if roll < 0.04 else "cd" if roll < 0.08
                 else "project" if roll < 0.11 else "book")
    english = rng.random() < (0.7 if item_type == "project" else 0.3)
    if item_type == "reserve":
        location = "MAIN"
    biblio: dict[str, Any] = dict(
        title=_title(rng, location, english), item_type=item_type, location=location,
        author=english_name(rng) if english else chinese_name(rng),
        publisher=rng.choice(words.EN_PUBLISHERS if english else words.ZH_PUBLISHERS),
        year=rng.randint(1985, 2026), foreign=english,
        price=rng.randrange(800, 4000, 50) if english else rng.randrange(220, 900, 10),
    )
    if rng.random() < 0.8:
        biblio["isbn"] = isbn13(rng, rng.choice(("9780", "9781")) if english
                                else rng.choice(("978957", "978986", "978626")))
    return biblio


def make_items(rng: random.Random, count: int) -> list[dict[str, Any]]:
    """Item records in the form ``desk.importer.write_items`` takes; popular titles get two to
    four copies so that holds and shortened loans have something to work on."""
    items: list[dict[str, Any]] = []
    while len(items) < count:
        biblio = _biblio(rng)
        english = biblio["foreign"]
        copies = 1 if rng.random() < 0.85 else rng.randint(2, 4)
        call_number = _call_number(rng, english, biblio["item_type"])
        for copy in range(1, min(copies, count - len(items)) + 1):
            record = dict(biblio, barcode=item_barcode(len(items) + 1),
                          call_number=call_number + (f" c.{copy}" if copy > 1 else ""))
            if biblio["item_type"] == "cd":
                record["accessories"] = rng.choice(words.ACCESSORIES)
            roll = rng.random()
            if roll < 0.01:
                record["staff_flag"] = "withdrawn_area"
            elif roll < 0.015:
                record["staff_flag"] = "cataloguing"
            if rng.random() < 0.02:
                record["has_strip"] = False
            items.append(record)
    return items
