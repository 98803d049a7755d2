"""Fuzzing the delivery API's boundary with Hypothesis on SQLite and PostgreSQL, as
test_boundary_fuzz does for the other operations: requests, pulls, failures, refunds and the
pull list with valid values mixed with wrong types, huge numbers, control characters, long
text and None end in success or in a refusal with a message that changes nothing but its own
audit row, and a call with an argument of the wrong kind is never accepted."""

from __future__ import annotations

import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.boundary_inputs import (ACCEPTED, REFUSED, Boundary, classify, is_barcode,
                                           is_id, is_text, mixed)
from tests.support.small_library import Desk

EXAMPLES = int(os.environ.get("DESK_FUZZ_EXAMPLES", "10"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=False,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow, HealthCheck.data_too_large])


def is_barcodes(v: Any) -> bool:
    return isinstance(v, list) and 0 < len(v) <= 20 and all(is_barcode(x) for x in v)


def boundaries(d: Desk) -> dict[str, Boundary]:
    law, main = d.law, d.main
    patron = mixed("P001", "P002", "P003")
    item = mixed("B001", "B002", "L001", "R001")
    pickup = mixed("LAW", "MAIN", "NOWHERE")
    method = mixed("cash", "easycard")
    specs: dict[str, tuple[Any, ...]] = {
        "request_delivery": (
            {"p": patron, "i": item, "l": pickup, "m": method},
            lambda p, i, l, m: law.request_delivery(p, i, pickup_location=l, method=m),
            {"p": is_barcode, "i": is_barcode, "l": lambda v: is_text(v, 32),
             "m": lambda v: v in ("cash", "easycard")}),
        "request_deliveries": (
            {"p": patron, "i": mixed(["B001", "B002"], ["B003"], ["B004", "L001"], []),
             "l": pickup},
            lambda p, i, l: law.request_deliveries(p, i, pickup_location=l, method="cash"),
            {"p": is_barcode, "i": is_barcodes, "l": lambda v: is_text(v, 32)}),
        "pull_delivery": ({"i": item}, lambda i: main.pull_delivery(i), {"i": is_barcode}),
        "fail_delivery": ({"r": mixed(1, 2), "w": mixed("not on the shelf", "")},
                          lambda r, w: main.fail_delivery(r, w),
                          {"r": is_id, "w": lambda v: is_text(v) and v.strip() != ""}),
        "refund_delivery": ({"r": mixed(1, 2)}, lambda r: law.refund_delivery(r), {"r": is_id}),
        "pull_list": ({"l": mixed(None, "MAIN", "LAW")}, lambda l: main.pull_list(l),
                      {"l": lambda v: v is None or is_text(v, 32)}),
    }
    return {name: Boundary(*spec) for name, spec in specs.items()}


@pytest.mark.parametrize("name", ["request_delivery", "request_deliveries", "pull_delivery",
                                  "fail_delivery", "refund_delivery", "pull_list"])
def test_delivery_boundaries(any_desk: Desk, name: str) -> None:
    # something to pull, fail and refund: requests 1 (B005) and 2 (B006), 2 not supplied
    any_desk.law.request_delivery("P002", "B005", pickup_location="LAW", method="cash")
    second, _ = any_desk.law.request_delivery("P002", "B006", pickup_location="LAW",
                                              method="cash")
    any_desk.main.fail_delivery(second, "lost")
    boundary = boundaries(any_desk)[name]

    @FUZZ
    @given(data=st.data())
    def fuzz(data: st.DataObject) -> None:
        args = {key: data.draw(strategy, label=key)
                for key, strategy in boundary.strategies.items()}
        outcome = classify(any_desk.library, boundary, args)
        assert outcome.kind in (ACCEPTED, REFUSED), outcome.detail
    fuzz()
