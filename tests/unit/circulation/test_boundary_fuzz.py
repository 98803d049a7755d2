"""Fuzzing the API boundary (issue 13, item 8) on SQLite and PostgreSQL: every desk operation
and every setup call, with arguments mixing valid values, wrong types, huge integers, floats,
booleans, NaN, control characters, very long text and None. Each call ends in success or in a
refusal with a message (``CirculationRefused``, or ``ValueError`` from the setup API), never
another exception; a refusal changes nothing but its own audit row; and a call with an argument
of the wrong kind is never accepted.

``DESK_FUZZ_EXAMPLES`` sets the examples per boundary (default 10); ``DESK_FUZZ_REPORT`` names
a JSON file the counts (tried, refused, raw exceptions, wrong acceptances) are added to.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desk.circulation import CirculationRefused
from tests.support import db_state
from tests.support.small_library import Desk

EXAMPLES = int(os.environ.get("DESK_FUZZ_EXAMPLES", "10"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=False,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow, HealthCheck.data_too_large])
STATS: dict[str, Counter[str]] = {}

garbage = st.one_of(
    st.none(), st.booleans(), st.integers(-2 ** 70, 2 ** 70),
    st.sampled_from([2 ** 31, 2 ** 63 - 1, 2 ** 63, -1, 0, 1.5, 0.5]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["\x00", "B001\x00", "\x1b[2J", "\x07", "x" * 1_000_000, " ", "", "P001 ",
                     "長" * 300, "\ud800"]),
    st.binary(max_size=6), st.lists(st.integers(-3, 3), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(-5, 5), max_size=2),
    st.datetimes(), st.datetimes(timezones=st.just(timezone.utc)), st.dates(),
)


def mixed(*good: Any) -> st.SearchStrategy[Any]:
    return st.one_of(st.sampled_from(good), garbage)


# What each kind of argument must be, written apart from the code under test.
def is_barcode(v: Any) -> bool:
    return (isinstance(v, str) and 0 < len(v.strip()) <= 64 and v.strip().isascii()
            and v.strip().isprintable() and " " not in v.strip())


def is_amount(v: Any) -> bool:
    return type(v) is int and 0 <= v <= 100_000_000


def is_id(v: Any) -> bool:
    return type(v) is int and 0 < v < 2 ** 63


def is_text(v: Any, limit: int = 2000) -> bool:
    return isinstance(v, str) and len(v) <= limit and all(
        c.isprintable() or c in "\n\r\t" for c in v)


def is_opt(check: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda v: v is None or check(v)


def is_aware(v: Any) -> bool:
    return isinstance(v, datetime) and v.tzinfo is not None


def is_date(v: Any) -> bool:
    return isinstance(v, date) and not isinstance(v, datetime)


def is_counted(v: Any) -> bool:
    return isinstance(v, dict) and all(k in ("cash", "easycard") and is_amount(a)
                                       for k, a in v.items())


def is_number(v: Any) -> bool:
    return type(v) is int and 0 <= v <= 1_000_000


# boundary: (argument strategies, call, argument checks)
Boundary = tuple[dict[str, st.SearchStrategy[Any]], Callable[..., object], dict[str, Any]]


def desk_boundaries(d: Desk) -> dict[str, Boundary]:
    m, boss = d.main, d.boss
    patron, item = mixed("P001", "P002", "P003"), mixed("B001", "B002", "B003", "C001")
    return {
        "checkout": ({"p": patron, "i": item},
                     lambda p, i: m.checkout(p, i), {"p": is_barcode, "i": is_barcode}),
        "checkin": ({"i": item, "r": mixed(None), "b": mixed(False, True)},
                    lambda i, r, b: m.checkin(i, returned_at=r, bookdrop=b),
                    {"i": is_barcode, "r": is_opt(is_aware), "b": lambda v: type(v) is bool}),
        "renew": ({"i": item}, lambda i: m.renew(i), {"i": is_barcode}),
        "place_hold": ({"p": patron, "i": item, "l": mixed(None, "MAIN", "LAW")},
                       lambda p, i, l: m.place_hold(p, i, pickup_location=l),
                       {"p": is_barcode, "i": is_barcode, "l": is_opt(is_text)}),
        "cancel_hold": ({"h": mixed(1, 2)}, lambda h: m.cancel_hold(h), {"h": is_id}),
        "pay": ({"p": patron, "a": mixed(5, 50), "k": mixed("cash", "easycard")},
                lambda p, a, k: m.pay(p, a, k),
                {"p": is_barcode, "a": is_amount, "k": lambda v: v in ("cash", "easycard")}),
        "take_payment": ({"p": patron, "a": mixed(5), "t": mixed(None, 100),
                          "c": mixed(None, [1])},
                         lambda p, a, t, c: m.take_payment(p, a, "cash", tendered=t,
                                                           charge_ids=c),
                         {"p": is_barcode, "a": is_amount, "t": is_opt(is_amount),
                          "c": lambda v: v is None or (isinstance(v, list)
                                                       and all(is_id(x) for x in v))}),
        "waive": ({"c": mixed(1, 2), "r": mixed("late keying"), "a": mixed(None, 1)},
                  lambda c, r, a: m.waive(c, r, supervisor=boss, amount=a),
                  {"c": is_id, "r": is_opt(is_text), "a": is_opt(is_amount)}),
        "add_charge": ({"p": patron, "k": mixed("ill_fee", "card_deposit"), "a": mixed(20),
                        "t": mixed("", "fee")},
                       lambda p, k, a, t: m.add_charge(p, k, a, t),
                       {"p": is_barcode, "k": lambda v: isinstance(v, str), "a": is_amount,
                        "t": is_opt(lambda v: is_text(v, 500))}),
        "register_patron": ({"b": mixed("F900", "F901"), "n": mixed("新讀者"),
                             "c": mixed("faculty"), "e": mixed(None, "new@nccu.edu.tw"),
                             "ph": mixed(None, "0912 345 678")},
                            lambda b, n, c, e, ph: m.register_patron(b, n, c, email=e, phone=ph),
                            {"b": is_barcode, "n": lambda v: is_text(v, 200) and v.strip() != "",
                             "c": lambda v: isinstance(v, str),
                             "e": is_opt(lambda v: is_text(v, 200) and (not v.strip()
                                                                        or "@" in v)),
                             "ph": is_opt(lambda v: is_text(v, 64))}),
        "update_patron": ({"p": patron, "ph": mixed(None, "0912345678")},
                          lambda p, ph: m.update_patron(p, phone=ph),
                          {"p": is_barcode, "ph": is_opt(lambda v: is_text(v, 64))}),
        "extend_patron": ({"p": patron}, lambda p: m.extend_patron(p), {"p": is_barcode}),
        "set_float": ({"a": mixed(0, 500)}, lambda a: m.set_float(a, supervisor=boss),
                      {"a": is_amount}),
        "count_takings": ({"c": mixed({"cash": 0}, {})}, lambda c: m.count_takings(c),
                          {"c": is_counted}),
        "close_day": ({"c": mixed({"cash": 0}), "n": mixed(None, "short")},
                      lambda c, n: m.close_day(c, supervisor=boss, note=n),
                      {"c": is_counted, "n": is_opt(is_text)}),
        "declare_lost": ({"i": item}, lambda i: m.declare_lost(i), {"i": is_barcode}),
        "settle_lost": ({"i": item, "h": mixed("replacement", "payment")},
                        lambda i, h: m.settle_lost(i, h),
                        {"i": is_barcode, "h": lambda v: v in ("replacement", "payment")}),
        "accessories_missing": ({"i": mixed("C001"), "x": mixed("CD")},
                                lambda i, x: m.accessories_missing(i, x),
                                {"i": is_barcode, "x": is_opt(is_text)}),
        "void_payment": ({"r": mixed("MAIN-1-2026-000001"), "w": mixed("typo")},
                         lambda r, w: m.void_payment(r, w, supervisor=boss),
                         {"r": lambda v: is_text(v, 40), "w": is_opt(is_text)}),
        "balance": ({"p": patron}, lambda p: m.balance(p), {"p": is_barcode}),
    }


def setup_boundaries(d: Desk) -> dict[str, Boundary]:
    lib = d.library
    code = mixed("NEW1", "NEW2", "MAIN")
    return {
        "add_location": ({"c": code, "n": mixed("分館")}, lambda c, n: lib.add_location(c, n),
                         {"c": lambda v: is_text(v, 32), "n": lambda v: is_text(v, 200)}),
        "add_desk": ({"c": code, "l": mixed("MAIN")}, lambda c, l: lib.add_desk(c, l),
                     {"c": lambda v: is_text(v, 32), "l": lambda v: is_text(v, 32)}),
        "add_patron": ({"b": mixed("P901", "P902"), "n": mixed("王小明"), "e": mixed(None),
                        "m": mixed(None, "note")},
                       lambda b, n, e, m: lib.add_patron(b, n, "student", expires=e, message=m),
                       {"b": is_barcode, "n": lambda v: is_text(v, 200), "e": is_opt(is_date),
                        "m": is_opt(is_text)}),
        "add_item": ({"b": mixed("Z901", "Z902"), "t": mixed("書"), "p": mixed(0, 350),
                      "s": mixed("available", "missing"), "y": mixed(None, 1999)},
                     lambda b, t, p, s, y: lib.add_item(b, t, price=p, status=s, year=y),
                     {"b": is_barcode, "t": lambda v: is_text(v, 500), "p": is_amount,
                      "s": lambda v: v in ("available", "missing", "on_loan", "lost",
                                           "withdrawn", "in_transit", "on_holds_shelf",
                                           "holds_cleared"),
                      "y": is_opt(lambda v: type(v) is int and 0 <= v <= 9999)}),
        "set_rule": ({"d": mixed(14), "x": mixed(3), "f": mixed(5), "c": mixed(None, 100),
                      "h": mixed(True)},
                     lambda d, x, f, c, h: lib.set_rule("student", "cd", loan_days=d,
                                                        max_items=x, renewals=1,
                                                        renewal_days=7, fine_per_day=f,
                                                        fine_cap=c, holds_allowed=h),
                     {"d": lambda v: type(v) is int and 0 <= v <= 36_600, "x": is_number,
                      "f": is_amount, "c": is_opt(is_amount), "h": lambda v: type(v) is bool}),
        "set_closed_days": ({"l": mixed("MAIN"), "d": mixed([date(2026, 12, 25)])},
                            lambda l, d: lib.set_closed_days(l, d),
                            {"l": lambda v: is_text(v, 32),
                             "d": lambda v: isinstance(v, list) and all(is_date(x) for x in v)}),
        "add_category": ({"c": mixed("adult"), "n": mixed(None, "Adult"), "l": mixed(None, 5)},
                         lambda c, n, l: lib.add_category(c, n, lifetime_item_limit=l),
                         {"c": lambda v: is_text(v, 32), "n": is_opt(lambda v: is_text(v, 200)),
                          "l": is_opt(is_number)}),
    }


def _fuzz(desk: Desk, name: str, boundary: Boundary, data: st.DataObject,
          accept: tuple[type[BaseException], ...]) -> None:
    strategies, call, checks = boundary
    args = {key: data.draw(strategy, label=key) for key, strategy in strategies.items()}
    stats = STATS.setdefault(name, Counter())
    stats["tried"] += 1
    before, audit_before = db_state.rows(desk.library), db_state.audit(desk.library)
    try:
        call(**args)
    except accept as refused:
        stats["refused"] += 1
        assert str(refused).strip(), "a refusal without a message"
        assert len(str(refused)) < 1000, "a refusal echoing its input"
        assert db_state.rows(desk.library) == before, "a refusal changed rows"
        new = db_state.audit(desk.library)[len(audit_before):]
        assert len(new) <= 1 and all(outcome == "refused" for *_, outcome in new)
        return
    except Exception:
        stats["raw"] += 1
        raise
    wrong = [key for key, check in checks.items() if not check(args[key])]
    if wrong:
        stats["wrong_acceptances"] += 1
    assert not wrong, f"accepted a bad {wrong}: {args!r:.300}"


@pytest.mark.parametrize("name", [
    "checkout", "checkin", "renew", "place_hold", "cancel_hold", "pay", "take_payment", "waive",
    "add_charge", "set_float", "count_takings", "close_day", "declare_lost", "settle_lost",
    "accessories_missing", "void_payment", "balance", "register_patron", "update_patron",
    "extend_patron"])
def test_desk_operations(any_desk: Desk, name: str) -> None:
    boundary = desk_boundaries(any_desk)[name]

    @FUZZ
    @given(data=st.data())
    def fuzz(data: st.DataObject) -> None:
        _fuzz(any_desk, name, boundary, data, (CirculationRefused,))
    fuzz()


@pytest.mark.parametrize("name", ["add_location", "add_desk", "add_patron", "add_item",
                                  "set_rule", "set_closed_days", "add_category"])
def test_setup_api(any_desk: Desk, name: str) -> None:
    boundary = setup_boundaries(any_desk)[name]

    @FUZZ
    @given(data=st.data())
    def fuzz(data: st.DataObject) -> None:
        _fuzz(any_desk, name, boundary, data, (CirculationRefused, ValueError))
    fuzz()


@pytest.fixture(autouse=True, scope="module")
def _report() -> Any:
    yield
    path = os.environ.get("DESK_FUZZ_REPORT")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps({name: dict(c) for name, c in STATS.items()}) + "\n")
