"""Fuzzing the API boundary (issue 13, item 8) on SQLite and PostgreSQL: every desk operation
(every public method of ``Circulation``, with issues 15-18's card work, approvals and
requests), every setup call, sign-in, staff and terminal administration, with arguments
mixing valid values, wrong types, huge integers, floats, booleans, NaN, control characters,
very long text and None. Each call ends in success or in a
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
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desk.circulation import Circulation
from tests.support.boundary_inputs import (
    ACCEPTED, REFUSED, REQUEST_NAMES, SETUP_NAMES, STAFF_NAMES, Boundary, classify,
    desk_boundaries, request_boundaries, setup_boundaries, staff_boundaries)
from tests.support.small_library import Desk

EXAMPLES = int(os.environ.get("DESK_FUZZ_EXAMPLES", "10"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=False,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow, HealthCheck.data_too_large])
STATS: dict[str, Counter[str]] = {}


def _fuzz(desk: Desk, name: str, boundary: Boundary, data: st.DataObject) -> None:
    args = {key: data.draw(strategy, label=key) for key, strategy in boundary.strategies.items()}
    outcome = classify(desk.library, boundary, args)
    STATS.setdefault(name, Counter())["tried"] += 1
    STATS[name][outcome.kind] += 1
    assert outcome.kind in (ACCEPTED, REFUSED), outcome.detail


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
        _fuzz(any_desk, name, boundary, data)
    fuzz()


@pytest.mark.parametrize("name", REQUEST_NAMES)
def test_cards_approvals_and_requests(any_desk: Desk, name: str) -> None:
    """Issues 15-18: card work, supervisor approvals, deliveries, the pull list, searches,
    withdrawn-area retrievals and research-project books."""
    boundary = request_boundaries(any_desk)[name]

    @FUZZ
    @given(data=st.data())
    def fuzz(data: st.DataObject) -> None:
        _fuzz(any_desk, name, boundary, data)
    fuzz()


@pytest.mark.parametrize("name", SETUP_NAMES)
def test_setup_api(any_desk: Desk, name: str) -> None:
    boundary = setup_boundaries(any_desk)[name]

    @FUZZ
    @given(data=st.data())
    def fuzz(data: st.DataObject) -> None:
        _fuzz(any_desk, name, boundary, data)
    fuzz()


@pytest.mark.parametrize("name", STAFF_NAMES)
def test_sign_in_and_staff_administration(any_desk: Desk, name: str) -> None:
    boundary = staff_boundaries(any_desk)[name]

    @FUZZ
    @given(data=st.data())
    def fuzz(data: st.DataObject) -> None:
        _fuzz(any_desk, name, boundary, data)
    fuzz()


@pytest.fixture(autouse=True, scope="module")
def _report() -> Any:
    yield
    path = os.environ.get("DESK_FUZZ_REPORT")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps({name: dict(c) for name, c in STATS.items()}) + "\n")
