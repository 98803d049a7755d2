"""The pure rules of issue 15: a timed block lifts itself on its day, a claim stops the fine,
messages and the claims threshold as checkout notices."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from desk.circulation.calendar import Calendar
from desk.circulation.policy import Policy
from desk.circulation.rules import overdue_fine
from desk.circulation.rules.eligibility import block_in_force, patron_notices
from desk.circulation.rules.facts import MessageFacts, PatronFacts, RuleFacts
from tests.support.clock import TAIPEI

CALENDAR = Calendar(set(), TAIPEI)
RULE = RuleFacts(loan_days=30, loan_hours=None, max_items=3, held_loan_days=14,
                 fine_per_day=5, fine_cap=500)


def patron(**changes: object) -> PatronFacts:
    values: dict[str, object] = dict(
        barcode="P1", name="A", category="student", expires_on=None, blocked=False,
        block_message=None, message=None, overdue=0, balance=0, first_claim_deadline=None,
        open_loans=0, lifetime_loans=0, max_items_total=None, lifetime_item_limit=None)
    values.update(changes)
    return PatronFacts(**values)  # type: ignore[arg-type]


def test_a_timed_block_is_in_force_until_its_day() -> None:
    timed = patron(blocked=True, blocked_until=date(2026, 11, 5))
    assert block_in_force(timed, date(2026, 11, 4))
    assert not block_in_force(timed, date(2026, 11, 5))
    assert block_in_force(patron(blocked=True), date(2099, 1, 1))
    assert not block_in_force(patron(blocked=False, blocked_until=date(2099, 1, 1)),
                              date(2026, 1, 1))


def test_a_claim_stops_the_fine() -> None:
    due = datetime(2026, 11, 2, 23, 59, tzinfo=TAIPEI)
    claimed = due + timedelta(days=4)
    later = due + timedelta(days=40)
    assert overdue_fine(RULE, due, later, CALENDAR, hourly=False, stopped_at=claimed).amount == 20
    assert overdue_fine(RULE, due, later, CALENDAR, hourly=False).amount == 200
    # returned before the claim's time: the return counts
    assert overdue_fine(RULE, due, due + timedelta(days=2), CALENDAR, hourly=False,
                        stopped_at=claimed).amount == 10


def test_messages_and_the_claims_threshold_as_notices() -> None:
    at = datetime(2026, 11, 1, 18, 0, tzinfo=TAIPEI)
    facts = patron(messages=(MessageFacts(7, "請繳回舊證", "林館員", at),
                             MessageFacts(8, "舊註記", None, at)), claims=2)
    notices = patron_notices(facts, CALENDAR, Policy(claims_warning_threshold=2))
    assert [n.code for n in notices] == ["patron_message", "patron_message", "patron_claims"]
    assert notices[0].params["message_id"] == 7 and notices[0].params["date"] == "2026-11-01"
    assert notices[1].params["author"] == "(earlier note)"
    assert [n.code for n in patron_notices(facts, CALENDAR, Policy(claims_warning_threshold=3))
            ] == ["patron_message", "patron_message"]
    assert [n.code for n in patron_notices(patron(claims=50), CALENDAR,
                                           Policy(claims_warning_threshold=0))] == []
