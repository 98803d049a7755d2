"""The demo library: its size, its setup, and the mix of circulation the screens rely on."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from desk.circulation import Library, Policy, open_library
from desk.circulation.barcodes import luhn_check_digit
from desk.demo import STAFF_ACCOUNTS, DemoSummary, build_demo, is_empty
from desk.demo.scenarios import BLOCK_MESSAGE
from desk.models import CirculationRule, ClosedDay, Item, Location, Patron, PatronCategory

NOW = datetime(2026, 11, 24, 20, 30, tzinfo=ZoneInfo("Asia/Taipei"))


class FixedClock:
    def __call__(self) -> datetime:
        return NOW


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, DemoSummary]:
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'library.sqlite'}"
    return url, build_demo(url, patrons=90, items=400, seed=7, now=NOW)


@pytest.fixture
def demo_library(demo: tuple[str, DemoSummary]) -> Library:
    library = open_library(demo[0], clock=FixedClock(), policy=Policy())
    yield library
    library.close()


def test_sizes_and_setup(demo: tuple[str, DemoSummary], demo_library: Library) -> None:
    counts = demo[1].counts
    assert (counts["patrons"], counts["items"], counts["locations"]) == (90, 400, 3)
    assert counts["staff"] == len(STAFF_ACCOUNTS)
    assert demo_library.desks() == [("LAW-1", "LAW"), ("MAIN-1", "MAIN"), ("MAIN-2", "MAIN"),
                                    ("SOC-1", "SOC")]
    with demo_library.sessions() as session:
        names = dict(session.execute(select(Location.code, Location.name)).all())
        assert names["MAIN"] == "總圖書館" and names["LAW"] == "法學分館"
        categories = {c.code: c for c in session.scalars(select(PatronCategory))}
        assert set(categories) == {"faculty", "staff", "student", "graduate", "alumni",
                                   "external", "consortium", "virtual"}
        assert categories["virtual"].lifetime_item_limit == 5
        assert {p.category for p in session.scalars(select(Patron))} == set(categories)


def test_rules_follow_the_source_documents(demo_library: Library) -> None:
    with demo_library.sessions() as session:
        rules = {(r.patron_category, r.item_type): r for r in session.scalars(select(CirculationRule))}
    for category, days in (("consortium", 14), ("virtual", 21)):
        rule = rules[(category, "book")]
        assert (rule.loan_days, rule.max_items, rule.renewals, rule.holds_allowed) == (days, 5, 0, False)
    project = rules[("faculty", "project")]
    assert (project.loan_days, project.renewals, project.renewal_days) == (365, 2, 182)
    assert rules[("student", "reserve")].loan_hours == 3
    assert rules[("student", "book")].loan_days == 30 and rules[("faculty", "book")].loan_days == 90
    assert ("virtual", "project") not in rules


def test_calendar_closes_holidays_and_branch_sundays(demo_library: Library) -> None:
    with demo_library.sessions() as session:
        closed = {(code, day) for code, day in session.execute(
            select(Location.code, ClosedDay.day).join(ClosedDay.location))}
    for code in ("MAIN", "SOC", "LAW"):
        assert (code, date(2026, 10, 9)) in closed      # National Day, observed
        assert (code, date(2027, 2, 8)) in closed       # Lunar New Year
    assert ("SOC", date(2026, 11, 22)) in closed        # a Sunday
    assert ("MAIN", date(2026, 11, 22)) not in closed   # the main library opens on Sundays
    assert ("MAIN", date(2026, 11, 21)) not in closed   # and on Saturdays


def test_every_barcode_has_a_valid_check_digit(demo_library: Library) -> None:
    with demo_library.sessions() as session:
        for prefix, model in (("2", Patron), ("3", Item)):
            codes = list(session.scalars(select(model.barcode)))
            assert codes
            for code in codes:
                assert len(code) == 14 and code.isdigit() and code.startswith(prefix + "0001")
                assert luhn_check_digit(code[:-1]) == int(code[-1]), code


def test_the_circulation_mix(demo: tuple[str, DemoSummary]) -> None:
    counts = demo[1].counts
    assert counts["open loans"] > 10 and counts["overdue loans"] >= 2
    assert counts["hourly loans"] >= 2
    assert counts["holds pending"] >= 1 and counts["holds waiting"] >= 1
    assert counts["holds expired on shelf"] >= 1
    assert counts["charges unpaid"] >= 1 and counts["unpaid total"] > 0
    assert counts["payments"] >= 1 and counts["paid total"] > 0
    assert counts["charges waived"] == 1 and counts["settlements"] >= 1
    assert counts["lost claims open"] == 2
    assert counts["blocked patrons"] == 1 and counts["expired cards"] >= 1
    assert counts["items in transit"] >= 1


def test_titles_are_chinese_and_english(demo_library: Library) -> None:
    with demo_library.sessions() as session:
        items = list(session.scalars(select(Item)))
    chinese = [i for i in items if any("\u4e00" <= ch <= "\u9fff" for ch in i.biblio.title)]
    foreign = [i for i in items if i.biblio.foreign]
    assert len(chinese) > len(items) / 2 and len(foreign) > len(items) / 10
    assert any(i.accessories for i in items) and any(i.staff_flag for i in items)
    assert all(i.price > 0 and i.call_number for i in items)


def test_blocked_patron_is_refused_and_staff_can_sign_in(demo_library: Library) -> None:
    roles = {login: demo_library.sign_in(login, password).role
             for login, password, *_ in STAFF_ACCOUNTS}
    assert roles == {"clerk": "staff", "clerk2": "staff", "super": "supervisor", "admin": "admin"}
    with demo_library.sessions() as session:
        blocked = session.scalars(select(Patron).where(Patron.blocked.is_(True))).one()
        item = session.scalars(select(Item.barcode).where(Item.status == "available")).first()
    assert blocked.block_message == BLOCK_MESSAGE
    desk = demo_library.circulation("MAIN-1", demo_library.sign_in("clerk", "clerk"))
    from desk.circulation import CirculationRefused
    with pytest.raises(CirculationRefused) as refused:
        desk.checkout(blocked.barcode, item)
    assert "patron_blocked" in refused.value.codes


def test_clearing_the_holds_shelf_has_work(demo: tuple[str, DemoSummary], tmp_path: Path) -> None:
    copy = tmp_path / "copy.sqlite"
    copy.write_bytes(Path(demo[0].removeprefix("sqlite:///")).read_bytes())
    library = open_library(f"sqlite:///{copy}", clock=FixedClock(), policy=Policy())
    try:
        supervisor = library.sign_in("super", "super")
        result = library.circulation("MAIN-1", supervisor).clear_holds_shelf("MAIN")
        assert result.expired and result.retrapped
    finally:
        library.close()


def test_demo_needs_a_minimum_size(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least"):
        build_demo(f"sqlite:///{tmp_path / 'x.sqlite'}", patrons=5, items=10)


def test_is_empty(demo_library: Library, library: Library) -> None:
    assert not is_empty(demo_library)
    assert is_empty(library)


@pytest.mark.slow
def test_default_size_builds_in_under_a_minute(tmp_path: Path) -> None:
    summary = build_demo(f"sqlite:///{tmp_path / 'library.sqlite'}", now=NOW)
    assert (summary.counts["patrons"], summary.counts["items"]) == (500, 5000)
    assert summary.counts["open loans"] > 100 and summary.counts["holds expired on shelf"] >= 1
    assert summary.seconds < 60
