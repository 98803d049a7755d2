"""Inputs for the boundary fuzz tests and for ``benchmarks/boundaries.py``, which counts what
they find: Hypothesis strategies that mix good values with garbage (wrong types, huge integers,
floats, NaN, control characters, very long text), each boundary's calls, and what each kind of
argument must be, written apart from the code under test. ``classify`` runs one call and says
what became of it: ``accepted``, ``refused`` (with a message, nothing changed but its own audit
rows), ``raw`` (any other exception, or a refusal without a clear message) or ``wrong`` (a bad
argument accepted, or a refusal that changed something).
"""

from __future__ import annotations

import string
import unicodedata
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from desk.circulation import AuthenticationFailed, CirculationRefused, Override
from desk.circulation.library import Library
from desk.circulation.passwords import MAX_LENGTH, MIN_LENGTH, common_passwords
from desk.circulation.policy import Policy
from desk.config import Config, ConfigError
from desk.configdata import BY_NAME
from desk.models import StaffUser
from desk.models.staff import ROLES
from tests.support import db_state
from tests.support.small_library import PASSWORDS, Desk

ACCEPTED, REFUSED, RAW, WRONG = "accepted", "refused", "raw", "wrong"
DESK_NAMES = (
    "checkout", "checkin", "renew", "place_hold", "cancel_hold", "pay", "take_payment", "waive",
    "add_charge", "set_float", "count_takings", "close_day", "declare_lost", "settle_lost",
    "accessories_missing", "void_payment", "balance", "checkout_override", "renew_override",
    "waive_approver", "accessories_settled", "temporary_hold", "clear_holds_shelf",
    "correct_receipt", "bookdrop_returned_at", "bookdrop_date", "register_patron",
    "update_patron", "extend_patron")
SETUP_NAMES = ("add_location", "add_desk", "add_patron", "add_item", "set_rule",
               "set_closed_days", "add_category", "add_item_type", "add_proxy")
STAFF_NAMES = ("sign_in", "authorize", "add_staff", "set_staff_password", "set_staff_role",
               "disable_staff", "enable_staff", "add_terminal")
TERMINAL_ENCODINGS = ("utf-8", "big5")

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
    """Text the desk must take: no control character but line breaks and tabs, no lone
    surrogate. Not ``str.isprintable``: that also refuses the ideographic space (U+3000) of
    Chinese names, private-use characters (the 造字 of rare names in Taiwanese systems) and
    characters newer than Python's Unicode tables, all of which a library's records hold."""
    return isinstance(v, str) and len(v) <= limit and all(
        c in "\n\r\t" or unicodedata.category(c) not in ("Cc", "Cs") for c in v)


def is_opt(check: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda v: v is None or check(v)


def is_aware(v: Any) -> bool:
    return isinstance(v, datetime) and v.tzinfo is not None


def is_date(v: Any) -> bool:
    return isinstance(v, date) and not isinstance(v, datetime)


def is_counted(v: Any) -> bool:
    return isinstance(v, dict) and all(k in ("cash", "easycard") and is_amount(a)
                                       for k, a in v.items())


def is_override(boss: StaffUser) -> Callable[[Any], bool]:
    """No override, or one approved by the supervisor who signed in, with text codes."""
    return lambda v: v is None or (
        isinstance(v, Override) and v.supervisor is boss and is_opt(is_text)(v.reason)
        and isinstance(v.codes, list) and all(is_text(c, 32) for c in v.codes))


def is_number(v: Any) -> bool:
    return type(v) is int and 0 <= v <= 1_000_000


@dataclass
class Boundary:
    """One boundary: a strategy per argument, the call, a check per argument (``True``: a value
    the call may accept), what a refusal may raise, the tables a refusal may still write to and
    the audit actions it may add (besides ``refused`` rows)."""

    strategies: dict[str, st.SearchStrategy[Any]]
    call: Callable[..., object]
    checks: dict[str, Callable[[Any], bool]]
    accept: tuple[type[BaseException], ...] = (CirculationRefused,)
    may_change: Collection[str] = ()
    audit_actions: Collection[str] = ()
    accepted_check: Callable[[dict[str, Any]], list[str]] | None = field(default=None)


def desk_boundaries(d: Desk) -> dict[str, Boundary]:
    """Every method of ``Circulation`` (the clerk's session at MAIN-1)."""
    m, boss = d.main, d.boss
    patron, item = mixed("P001", "P002", "P003"), mixed("B001", "B002", "B003", "C001")
    # an approval by the signed-in supervisor, the clerk, or a supervisor's record built by hand
    approver = st.sampled_from(["boss", "clerk", "forged"]).map(
        lambda who: {"boss": boss, "clerk": d.clerk, "forged": StaffUser(id=boss.id)}[who])
    override = st.one_of(st.none(), st.builds(
        Override, mixed(["patron_loan_limit"], ["item_checked_out", "patron_owes_fines"]),
        approver, mixed("approved at the counter")), garbage)
    specs: dict[str, tuple[Any, ...]] = {
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
        "checkout_override": ({"p": patron, "i": item, "o": override},
                              lambda p, i, o: m.checkout(p, i, override=o),
                              {"p": is_barcode, "i": is_barcode, "o": is_override(boss)}),
        "renew_override": ({"i": item, "o": override}, lambda i, o: m.renew(i, override=o),
                           {"i": is_barcode, "o": is_override(boss)}),
        "waive_approver": ({"c": mixed(1, 2), "s": approver},
                           lambda c, s: m.waive(c, "late keying", supervisor=s),
                           {"c": is_id, "s": lambda v: v is boss}),
        "accessories_settled": ({"i": mixed("C001"), "n": mixed(None, "all back")},
                                lambda i, n: m.accessories_settled(i, note=n),
                                {"i": is_barcode, "n": is_opt(is_text)}),
        "temporary_hold": ({"p": patron, "i": item}, lambda p, i: m.temporary_hold(p, i),
                           {"p": is_barcode, "i": is_barcode}),
        "clear_holds_shelf": ({"l": mixed("MAIN", "LAW")}, lambda l: m.clear_holds_shelf(l),
                              {"l": lambda v: is_text(v, 32)}),
        "correct_receipt": ({"r": mixed("MAIN-1-2026-000001"), "w": mixed("wrong amount"),
                             "s": approver},
                            lambda r, w, s: m.correct_receipt(r, w, supervisor=s),
                            {"r": lambda v: is_text(v, 40), "w": is_opt(is_text),
                             "s": lambda v: v is boss}),
        "bookdrop_returned_at": ({"d": mixed(None, date(2026, 2, 13))},
                                 lambda d: m.bookdrop_returned_at(d), {"d": is_opt(is_date)}),
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
        "bookdrop_date": ({}, lambda: m.bookdrop_date(), {}),
    }
    return {name: Boundary(*spec) for name, spec in specs.items()}


# --- issues 15 to 18: cards, approvals, deliveries, searches, retrievals, projects -------------
REQUEST_NAMES = (
    "register_deposit", "register_details", "update_details", "close_card", "replace_card",
    "block_patron", "unblock_patron", "add_patron_message", "acknowledge_message",
    "claim_returned", "claim_never_borrowed",
    "set_patron_photo", "add_proxy_at_desk", "end_proxy", "add_charge_adjustment",
    "set_float_approver", "request_delivery", "request_deliveries", "pull_delivery",
    "fail_delivery", "refund_delivery", "pull_list", "request_search", "search_found",
    "search_not_found", "expire_searches", "request_retrieval", "retrieval_fetched",
    "lend_for_reading", "expire_retrievals", "project_books_ready", "cancel_search",
    "cancel_retrieval")
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 60
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 60
PHOTO_LIMIT = 512 * 1024


@dataclass(frozen=True)
class Prepared:
    """What ``prepare_requests`` left for the calls to act on (their ids)."""

    messages: tuple[int, ...]
    proxies: tuple[int, ...]
    deliveries: tuple[int, ...]
    searches: tuple[int, ...]
    retrievals: tuple[int, ...]


def prepare_requests(d: Desk) -> Prepared:
    """The state the operations of issues 15-18 act on, on copies and cards the other
    boundaries leave alone: externals E200-E203 who paid a NT$1,000 deposit (a card to close
    with a refund), B007 and B008 lent to P003 (claims), a message on P001, a proxy of P001
    for P002, deliveries of B005 (open) and B006 (failed: refundable) to LAW, a search for
    B004, withdrawn-area W002 (not for loan) fetched for P003."""
    lib, m = d.library, d.main
    lib.add_category("external", "External borrower", term_days=365,
                     registration="guarantee", deposit=1000)
    lib.set_rule("external", "book", loan_days=14, max_items=3, renewals=1, renewal_days=14,
                 fine_per_day=5)
    for n in range(200, 204):
        m.register_patron(f"E{n}", "押金讀者", "external", deposit=1000, deposit_method="cash")
    for item in ("B007", "B008"):
        m.checkout("P003", item)
    messages = (m.add_patron_message("P001", "請補繳證件影本"),)
    proxies = (m.add_proxy("P001", "P002", note="form 12"),)
    first, _ = d.law.request_delivery("P002", "B005", pickup_location="LAW", method="cash")
    second, _ = d.law.request_delivery("P002", "B006", pickup_location="LAW", method="cash")
    m.fail_delivery(second, "not on the shelf")
    searches = (m.request_search("P003", "B004"),)
    lib.add_item("W002", "善本書目", location="MAIN", staff_flag="withdrawn_area",
                 loanable=False)
    retrievals = (m.request_retrieval("P003", "W002"),)
    m.retrieval_fetched("W002")
    return Prepared(messages, proxies, (first, second), searches, retrievals)


def is_barcodes(v: Any) -> bool:
    return isinstance(v, list) and 0 < len(v) <= 20 and all(is_barcode(x) for x in v)


def is_photo(v: Any) -> bool:
    return v is None or (isinstance(v, bytes) and v.startswith((JPEG[:3], PNG[:8]))
                         and len(v) <= PHOTO_LIMIT)


def is_flag(v: Any) -> bool:
    return type(v) is bool


def is_birth_date(v: Any) -> bool:
    """None or a day before the small library's clock (2026-11-02)."""
    return v is None or (is_date(v) and v <= date(2026, 11, 2))


def is_filled(limit: int = 2000) -> Callable[[Any], bool]:
    return lambda v: is_text(v, limit) and v.strip() != ""


def request_boundaries(d: Desk) -> dict[str, Boundary]:
    """The ``Circulation`` operations of issues 15-18 (cards and patrons at the counter,
    supervisor approvals, deliveries and the pull list, searches, withdrawn-area retrievals,
    research-project books), after ``prepare_requests``."""
    made = prepare_requests(d)
    m, law, boss = d.main, d.law, d.boss
    patron = mixed("P001", "P002", "P003")
    approver = st.sampled_from(["boss", "clerk", "forged", "none"]).map(
        lambda who: {"boss": boss, "clerk": d.clerk, "forged": StaffUser(id=boss.id),
                     "none": None}[who])
    approved = st.one_of(approver, garbage)
    is_approval: Callable[[Any], bool] = lambda v: v is None or v is boss  # noqa: E731
    is_method: Callable[[Any], bool] = lambda v: v in ("cash", "easycard")  # noqa: E731
    delivered = mixed("B001", "B002", "B005", "L001", "R001")
    pickup = mixed("LAW", "MAIN", "NOWHERE")
    specs: dict[str, tuple[Any, ...]] = {
        "register_deposit": (
            {"b": mixed("E300", "E301"), "g": mixed(None, "P003", "P999"),
             "dp": mixed(0, 1000, 500), "dm": mixed(None, "cash", "easycard")},
            lambda b, g, dp, dm: m.register_patron(b, "押金讀者", "external", guarantor=g,
                                                   deposit=dp, deposit_method=dm),
            {"b": is_barcode, "g": is_opt(is_barcode), "dp": is_amount,
             "dm": is_opt(is_method)}),
        "register_details": (
            {"b": mixed("F910", "F911"), "dep": mixed(None, "資訊科學系"),
             "bd": mixed(None, date(1990, 5, 1), date(2099, 1, 1)), "h": mixed(None, "LAW"),
             "rc": mixed(False, True), "cd": mixed(False, True), "ms": mixed(None, "新生")},
            lambda b, dep, bd, h, rc, cd, ms: m.register_patron(
                b, "新讀者", "faculty", department=dep, birth_date=bd, home_location=h,
                registration_checked=rc, confirm_duplicate=cd, message=ms),
            {"b": is_barcode, "dep": is_opt(lambda v: is_text(v, 200)), "bd": is_birth_date,
             "h": is_opt(lambda v: is_text(v, 32)), "rc": is_flag, "cd": is_flag,
             "ms": is_opt(is_text)}),
        "update_details": (
            {"p": patron, "n": mixed("陳小明", "陳 小明"), "c": mixed("student", "faculty"),
             "e": mixed(None, date(2027, 6, 30)), "bd": mixed(None, date(1990, 5, 1)),
             "cd": mixed(False, True)},
            lambda p, n, c, e, bd, cd: m.update_patron(p, name=n, category=c, expires=e,
                                                       birth_date=bd, confirm_duplicate=cd),
            {"p": is_barcode, "n": is_filled(200), "c": lambda v: is_text(v, 32),
             "e": is_opt(is_date), "bd": is_birth_date, "cd": is_flag}),
        "close_card": ({"p": mixed("E200", "E201", "P003", "P005"),
                        "r": mixed(None, "moving away"), "s": approved},
                       lambda p, r, s: m.close_card(p, r, supervisor=s),
                       {"p": is_barcode, "r": is_opt(is_text), "s": is_approval}),
        "replace_card": ({"o": mixed("P001", "P002", "E202"), "n": mixed("N001", "N002", "P003")},
                         lambda o, n: m.replace_card(o, n), {"o": is_barcode, "n": is_barcode}),
        "block_patron": ({"p": patron, "t": mixed("證件遺失"),
                          "u": mixed(None, date(2027, 1, 31)), "s": approved},
                         lambda p, t, u, s: m.block_patron(p, t, until=u, supervisor=s),
                         {"p": is_barcode, "t": is_filled(), "u": is_opt(is_date),
                          "s": is_approval}),
        "unblock_patron": ({"p": mixed("P007", "P001"), "r": mixed("證件已找到"),
                            "s": approved},
                           lambda p, r, s: m.unblock_patron(p, r, supervisor=s),
                           {"p": is_barcode, "r": is_filled(), "s": is_approval}),
        "add_patron_message": ({"p": patron, "t": mixed("請補繳證件影本")},
                               lambda p, t: m.add_patron_message(p, t),
                               {"p": is_barcode, "t": is_filled()}),
        "acknowledge_message": ({"i": mixed(*made.messages)},
                                lambda i: m.acknowledge_message(i), {"i": is_id}),
        "claim_returned": ({"i": mixed("B007", "B008", "B001"), "f": mixed("F-045-0012"),
                            "s": approved},
                           lambda i, f, s: m.claim_returned(i, form_no=f, supervisor=s),
                           {"i": is_barcode, "f": is_filled(), "s": is_approval}),
        "claim_never_borrowed": ({"i": mixed("B007", "B008", "B001"), "f": mixed("F-045-0013"),
                                  "s": approved},
                                 lambda i, f, s: m.claim_never_borrowed(i, form_no=f,
                                                                        supervisor=s),
                                 {"i": is_barcode, "f": is_filled(), "s": is_approval}),
        "set_patron_photo": ({"p": patron, "j": mixed(None, JPEG, PNG, b"GIF89a")},
                             lambda p, j: m.set_patron_photo(p, j),
                             {"p": is_barcode, "j": is_photo}),
        "add_proxy_at_desk": ({"p": mixed("P001"), "x": mixed("P002", "P003"),
                               "u": mixed(None, date(2027, 1, 31)), "n": mixed(None, "form 12")},
                              lambda p, x, u, n: m.add_proxy(p, x, valid_until=u, note=n),
                              {"p": is_barcode, "x": is_barcode, "u": is_opt(is_date),
                               "n": is_opt(is_text)}),
        "end_proxy": ({"i": mixed(*made.proxies)}, lambda i: m.end_proxy(i), {"i": is_id}),
        "add_charge_adjustment": ({"p": patron, "a": mixed(20), "r": mixed(None, "keyed twice"),
                                   "s": approved},
                                  lambda p, a, r, s: m.add_charge(p, "adjustment", a, "correction",
                                                                  supervisor=s, reason=r),
                                  {"p": is_barcode, "a": is_amount, "r": is_filled(),
                                   "s": lambda v: v is boss}),
        "set_float_approver": ({"a": mixed(500), "s": approved},
                               lambda a, s: m.set_float(a, supervisor=s),
                               {"a": is_amount, "s": lambda v: v is boss}),
        "request_delivery": (
            {"p": patron, "i": delivered, "l": pickup, "m": mixed("cash", "easycard")},
            lambda p, i, l, m: law.request_delivery(p, i, pickup_location=l, method=m),
            {"p": is_barcode, "i": is_barcode, "l": lambda v: is_text(v, 32),
             "m": is_method}),
        "request_deliveries": (
            {"p": patron, "i": mixed(["B001", "B002"], ["B003"], ["B009", "L001"], []),
             "l": pickup},
            lambda p, i, l: law.request_deliveries(p, i, pickup_location=l, method="cash"),
            {"p": is_barcode, "i": is_barcodes, "l": lambda v: is_text(v, 32)}),
        "pull_delivery": ({"i": delivered}, lambda i: m.pull_delivery(i), {"i": is_barcode}),
        "fail_delivery": ({"r": mixed(*made.deliveries), "w": mixed("not on the shelf", "")},
                          lambda r, w: m.fail_delivery(r, w), {"r": is_id, "w": is_filled()}),
        "refund_delivery": ({"r": mixed(*made.deliveries)}, lambda r: law.refund_delivery(r),
                            {"r": is_id}),
        "pull_list": ({"l": mixed(None, "MAIN", "LAW")}, lambda l: m.pull_list(l),
                      {"l": is_opt(lambda v: is_text(v, 32))}),
        "request_search": ({"p": patron, "i": mixed("B004", "B010"),
                            "r": mixed(None, date(2026, 11, 5))},
                           lambda p, i, r: m.request_search(p, i, reply_by=r),
                           {"p": is_barcode, "i": is_barcode, "r": is_opt(is_date)}),
        "search_found": ({"i": mixed("B004", "B010")}, lambda i: m.search_found(i),
                         {"i": is_barcode}),
        "search_not_found": ({"r": mixed(*made.searches)}, lambda r: m.search_not_found(r),
                             {"r": is_id}),
        "expire_searches": ({}, lambda: m.expire_searches(), {}),
        "request_retrieval": ({"p": patron, "i": mixed("W001", "W002")},
                              lambda p, i: m.request_retrieval(p, i),
                              {"p": is_barcode, "i": is_barcode}),
        "retrieval_fetched": ({"i": mixed("W001", "W002")}, lambda i: m.retrieval_fetched(i),
                              {"i": is_barcode}),
        "lend_for_reading": ({"i": mixed("W002", "W001"), "k": mixed("學生證 110305001")},
                             lambda i, k: m.lend_for_reading(i, id_kept=k),
                             {"i": is_barcode, "k": is_filled(100)}),
        "expire_retrievals": ({}, lambda: m.expire_retrievals(), {}),
        "project_books_ready": ({"p": mixed("P003", "P001"),
                                 "i": mixed(["B011"], ["B012", "B100"], [], ["L001"])},
                                lambda p, i: m.project_books_ready(p, i),
                                {"p": is_barcode, "i": is_barcodes}),
        "cancel_search": ({"r": mixed(*made.searches), "w": mixed("不需要了", "已自行購買")},
                          lambda r, w: m.cancel_search(r, w), {"r": is_id, "w": is_filled(500)}),
        "cancel_retrieval": ({"r": mixed(*made.retrievals), "w": mixed("不需要了")},
                             lambda r, w: m.cancel_retrieval(r, w),
                             {"r": is_id, "w": is_filled(500)}),
    }
    return {name: Boundary(*spec) for name, spec in specs.items()}


def setup_boundaries(d: Desk) -> dict[str, Boundary]:
    """The ``Library`` set-up calls (what the demo, the importer and scripts use)."""
    lib = d.library
    code = mixed("NEW1", "NEW2", "MAIN")
    specs: dict[str, tuple[Any, ...]] = {
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
        "add_item_type": ({"c": code, "n": mixed(None, "光碟")},
                          lambda c, n: lib.add_item_type(c, n),
                          {"c": lambda v: is_text(v, 32), "n": is_opt(lambda v: is_text(v, 200))}),
        "add_proxy": ({"p": mixed("P001"), "x": mixed("P002", "P003"),
                       "u": mixed(None, date(2027, 1, 31)), "n": mixed(None, "form 12")},
                      lambda p, x, u, n: lib.add_proxy(p, x, valid_until=u, note=n),
                      {"p": is_barcode, "x": is_barcode, "u": is_opt(is_date),
                       "n": is_opt(is_text)}),
    }
    return {name: Boundary(spec[0], spec[1], spec[2], accept=(CirculationRefused, ValueError))
            for name, spec in specs.items()}




# --- sign-in and staff administration --------------------------------------------------------
def is_login(v: Any) -> bool:
    return (isinstance(v, str) and 0 < len(v.strip()) <= 64
            and all(c.isprintable() and not c.isspace() for c in v.strip()))


def is_staff_name(v: Any) -> bool:
    return isinstance(v, str) and 0 < len(v.strip()) <= 200 and v.strip().isprintable()


def strong_for(login: Any, password: Any) -> bool:
    """The password policy (outside the demo library), written apart from the code."""
    return (isinstance(password, str) and MIN_LENGTH <= len(password) <= MAX_LENGTH
            and "\x00" not in password and isinstance(login, str)
            and password.strip().casefold() != login.strip().casefold()
            and password.casefold() not in common_passwords())


staff_text = st.text(st.characters(codec="utf-8"), max_size=70)


def staff_boundaries(d: Desk) -> dict[str, Boundary]:
    """Sign-in, approvals, staff administration and self-check terminals (``add_terminal``,
    what ``python -m desk sip2 add-terminal`` calls) by the administrator ``admin``. ``known``
    follows every password the calls set, so a sign-in with anything else is a wrong
    acceptance."""
    lib = d.library
    admin = lib.sign_in("admin", PASSWORDS["admin"])
    known: dict[str, set[str]] = {login: {password} for login, password in PASSWORDS.items()}
    login = st.one_of(st.sampled_from(["clerk", "boss", "admin", " clerk ", "nobody"]),
                      staff_text, garbage)
    password = st.one_of(st.sampled_from([*PASSWORDS.values(), "wrong-pass-1", "password"]),
                         st.text(max_size=30), garbage)
    new_password = st.one_of(st.sampled_from(["a-long-new-secret", "short", "password1",
                                              "clerk", "x" * 201]),
                             st.text(max_size=30), garbage)
    role = st.one_of(st.sampled_from(sorted(ROLES)), staff_text, garbage)

    def signed_in_with_known(args: dict[str, Any]) -> list[str]:
        key = args["l"].strip() if isinstance(args["l"], str) else None
        return [] if key in known and args["p"] in known[key] else ["l", "p"]

    def add(l: Any, n: Any, r: Any, p: Any) -> object:
        added = lib.add_staff(l, n, r, p, by=admin)
        known.setdefault(l.strip(), set()).add(p)
        return added

    def terminal(l: Any, p: Any, k: Any, e: Any) -> object:
        added = lib.add_terminal(l, p, desk=k, encoding=e, by=admin)
        known.setdefault(l.strip(), set()).add(p)
        return added

    def set_password(l: Any, p: Any) -> None:
        lib.set_staff_password(l, p, by=admin)
        known.setdefault(l.strip(), set()).add(p)

    sign_in_rows = ("sign_in_attempts",)
    sign_in_audit = ("sign_in_failed", "sign_in_lockout")
    return {
        "sign_in": Boundary({"l": login, "p": password}, lambda l, p: lib.sign_in(l, p), {},
                            (AuthenticationFailed, CirculationRefused), sign_in_rows,
                            sign_in_audit, signed_in_with_known),
        "authorize": Boundary({"l": login, "p": password}, lambda l, p: lib.authorize(l, p), {},
                              (AuthenticationFailed, CirculationRefused), sign_in_rows,
                              sign_in_audit, signed_in_with_known),
        "add_staff": Boundary({"l": login, "n": st.one_of(mixed("新館員"), staff_text),
                               "r": role, "p": new_password}, add,
                              {"l": is_login, "n": is_staff_name, "r": lambda v: v in ROLES},
                              accepted_check=lambda a: [] if strong_for(a["l"], a["p"])
                              else ["p"]),
        "set_staff_password": Boundary({"l": login, "p": new_password}, set_password,
                                       {"l": is_login},
                                       accepted_check=lambda a: [] if strong_for(a["l"], a["p"])
                                       else ["p"]),
        "set_staff_role": Boundary({"l": login, "r": role},
                                   lambda l, r: lib.set_staff_role(l, r, by=admin),
                                   {"l": is_login, "r": lambda v: v in ROLES}),
        "disable_staff": Boundary({"l": login}, lambda l: lib.disable_staff(l, by=admin),
                                  {"l": is_login}),
        "enable_staff": Boundary({"l": login}, lambda l: lib.enable_staff(l, by=admin),
                                 {"l": is_login}),
        "add_terminal": Boundary({"l": login, "p": new_password,
                                  "k": mixed("MAIN-1", "LAW-1", "NOWHERE"),
                                  "e": mixed(*TERMINAL_ENCODINGS, "latin-1")}, terminal,
                                 {"l": is_login, "k": lambda v: is_text(v, 32),
                                  "e": lambda v: v in TERMINAL_ENCODINGS},
                                 accepted_check=lambda a: [] if strong_for(a["l"], a["p"])
                                 else ["p"]),
    }


# --- settings, .koc lines, CSV cells ---------------------------------------------------------
toml_values = st.recursive(
    st.one_of(st.booleans(), st.integers(), st.floats(allow_nan=False),
              st.text(max_size=30), st.dates(), st.times(),
              st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30))),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(string.ascii_lowercase, min_size=1, max_size=5), children,
                      max_size=3),
    max_leaves=6)

KOC_HEADER = b"Version=1.0\tGenerator=kocQt4\tGeneratorVersion=0.2\n"
koc_lines = st.one_of(
    st.binary(max_size=80),
    st.builds(lambda stamp, action, args: "\t".join([stamp, action, *args]).encode(),
              st.one_of(st.text(max_size=25),
                        st.datetimes().map(lambda d: f"{d:%Y-%m-%d %H:%M:%S} 000")),
              st.sampled_from(["issue", "return", "payment", "renew", ""]),
              st.lists(st.text(max_size=12), max_size=3)))


def csv_cell(code: Callable[[int], str]) -> st.SearchStrategy[str]:
    """A CSV cell: any short text, a value the columns know, or a barcode ``code(n)``."""
    return st.one_of(st.text(max_size=15),
                     st.sampled_from(["student", "faculty", "MAIN", "", "2027-01-01", "x@y.tw",
                                      "=HYPERLINK(\"http://x\")", "名\x1b[2J", "\x07"]),
                     st.builds(code, st.integers(1, 50)))


# --- one call, classified --------------------------------------------------------------------
@dataclass
class Outcome:
    kind: str           # ACCEPTED, REFUSED, RAW or WRONG
    detail: str = ""


def classify(library: Library, boundary: Boundary, args: dict[str, Any]) -> Outcome:
    """Call ``boundary`` with ``args`` on ``library`` and say what became of it."""
    before, audit_before = db_state.rows(library), db_state.audit(library)
    try:
        boundary.call(**args)
    except boundary.accept as refused:
        message = str(refused).strip()
        if not message or len(message) >= 1000:
            return Outcome(RAW, f"a refusal without a clear message: {message[:80]!r}")
        after = db_state.rows(library)
        changed = [table for table in after if after[table] != before.get(table)
                   and table not in boundary.may_change]
        if changed:
            return Outcome(WRONG, f"a refusal changed {changed}: {args!r:.300}")
        new = db_state.audit(library)[len(audit_before):]
        extra = [action for _, action, outcome in new
                 if outcome != "refused" and action not in boundary.audit_actions]
        if extra or len(new) > (2 if boundary.audit_actions else 1):
            return Outcome(WRONG, f"a refusal wrote audit rows {new!r:.200}")
        return Outcome(REFUSED, message[:200])
    except Exception as raw:    # noqa: BLE001 - counting them is the point
        return Outcome(RAW, f"{type(raw).__name__}: {str(raw)[:200]} with {args!r:.300}")
    wrong = [key for key, check in boundary.checks.items() if not check(args[key])]
    if boundary.accepted_check is not None:
        wrong += boundary.accepted_check(args)
    if wrong:
        return Outcome(WRONG, f"accepted a bad {sorted(set(wrong))}: {args!r:.300}")
    return Outcome(ACCEPTED)


def classify_settings(path: Path, environ: Mapping[str, str], origin: str,
                      key: str) -> Outcome:
    """Load the settings file ``path`` with ``environ`` after ``key`` was given a value in one
    of them (``origin`` names where); refused is a ``ConfigError`` whose every message names
    ``origin``; accepted must be a known setting whose value has its type, passes its check and
    builds a ``Policy``."""
    try:
        config = Config.load(path, environ=environ)
    except ConfigError as error:
        if error.problems and all(p.startswith(f"{origin}: ") and len(p) < 1000
                                  for p in error.problems):
            return Outcome(REFUSED, error.problems[0][:200])
        return Outcome(RAW, f"unclear settings messages {error.problems!r:.300}")
    except Exception as raw:    # noqa: BLE001 - counting them is the point
        return Outcome(RAW, f"{type(raw).__name__}: {str(raw)[:200]}")
    setting = BY_NAME.get(key)
    if setting is None:
        return Outcome(WRONG, f"an unknown setting {key!r:.60} accepted")
    got = config.get(key)
    if not isinstance(got, setting.type) or (setting.check is not None
                                             and setting.check(got) is not None):
        return Outcome(WRONG, f"{key} = {got!r:.100} accepted")
    try:
        Policy.from_config(config)     # what every command builds next
    except Exception as raw:    # noqa: BLE001
        return Outcome(RAW, f"Policy.from_config: {type(raw).__name__}: {str(raw)[:200]}")
    return Outcome(ACCEPTED)
