"""Fuzzing the search and retrieval operations at the API boundary (the pattern of
tests/unit/circulation/test_boundary_fuzz.py) on SQLite and PostgreSQL: arguments mixing valid
values with wrong types, huge integers, floats, NaN, control characters, very long text and
None end in success or in a refusal with a message, never another exception; a refusal changes
nothing but its own audit row; an argument of the wrong kind is never accepted."""

from __future__ import annotations

import os
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.boundary_inputs import (ACCEPTED, REFUSED, Boundary, classify, is_barcode,
                                           is_date, is_id, is_opt, is_text, mixed)
from tests.support.small_library import Desk

EXAMPLES = int(os.environ.get("DESK_FUZZ_EXAMPLES", "10"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=False,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow, HealthCheck.data_too_large])
NAMES = ("request_search", "search_found", "search_not_found", "expire_searches",
         "request_retrieval", "retrieval_fetched", "lend_for_reading", "expire_retrievals",
         "cancel_search", "cancel_retrieval")


def boundaries(d: Desk) -> dict[str, Boundary]:
    m = d.main
    patron = mixed("P001", "P002", "P003")
    specs: dict[str, tuple[Any, ...]] = {
        "request_search": ({"p": patron, "i": mixed("B001", "B002"),
                            "r": mixed(None, date(2026, 11, 5))},
                           lambda p, i, r: m.request_search(p, i, reply_by=r),
                           {"p": is_barcode, "i": is_barcode, "r": is_opt(is_date)}),
        "search_found": ({"i": mixed("B001", "B004")}, lambda i: m.search_found(i),
                         {"i": is_barcode}),
        "search_not_found": ({"r": mixed(1, 2)}, lambda r: m.search_not_found(r),
                             {"r": is_id}),
        "expire_searches": ({}, lambda: m.expire_searches(), {}),
        "request_retrieval": ({"p": patron, "i": mixed("W001", "W002")},
                              lambda p, i: m.request_retrieval(p, i),
                              {"p": is_barcode, "i": is_barcode}),
        "retrieval_fetched": ({"i": mixed("W001", "W002")}, lambda i: m.retrieval_fetched(i),
                              {"i": is_barcode}),
        "lend_for_reading": ({"i": mixed("W002"), "k": mixed("學生證 110305001")},
                             lambda i, k: m.lend_for_reading(i, id_kept=k),
                             {"i": is_barcode,
                              "k": lambda v: is_text(v, 100) and v.strip() != ""}),
        "expire_retrievals": ({}, lambda: m.expire_retrievals(), {}),
        "cancel_search": ({"r": mixed(1, 2), "w": mixed("不需要了", "已自行購買")},
                          lambda r, w: m.cancel_search(r, w),
                          {"r": is_id, "w": lambda v: is_text(v, 500) and v.strip() != ""}),
        "cancel_retrieval": ({"r": mixed(1, 2), "w": mixed("不需要了")},
                             lambda r, w: m.cancel_retrieval(r, w),
                             {"r": is_id, "w": lambda v: is_text(v, 500) and v.strip() != ""}),
    }
    return {name: Boundary(*spec) for name, spec in specs.items()}


@pytest.mark.parametrize("name", NAMES)
def test_request_operations(any_desk: Desk, name: str) -> None:
    any_desk.library.add_item("W002", "善本書目", location="MAIN", staff_flag="withdrawn_area",
                              loanable=False)
    # something to act on: an open search (B004), fetched non-loanable W002
    any_desk.main.request_search("P003", "B004")
    any_desk.main.request_retrieval("P003", "W002")
    any_desk.main.retrieval_fetched("W002")
    boundary = boundaries(any_desk)[name]

    @FUZZ
    @given(data=st.data())
    def fuzz(data: st.DataObject) -> None:
        args = {key: data.draw(strategy, label=key)
                for key, strategy in boundary.strategies.items()}
        outcome = classify(any_desk.library, boundary, args)
        assert outcome.kind in (ACCEPTED, REFUSED), outcome.detail
    fuzz()
