"""Courtesy and overdue reminders: queued once per loan and stage, however often the step runs,
the latest stage only when several are reached at once, again after a renewal; and the
refusals of ``queue_notice`` (unknown kind, missing parameters). SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from desk.circulation.notices import CirculationRefused
from desk.circulation.outbox import queue_notice
from desk.circulation.outbox.reminders import queue_reminders, stage_of
from desk.circulation.policy import Policy
from desk.models import Patron, PatronNotice
from tests.support.clock import FakeClock
from tests.support.small_library import Desk


def _run(desk: Desk) -> int:
    library = desk.library
    with library.sessions.begin() as session:
        return queue_reminders(session, library.policy, library.now())


def _kinds(desk: Desk) -> list[tuple[str, dict[str, object]]]:
    with desk.library.sessions() as session:
        return [(n.kind, json.loads(n.params)) for n in
                session.scalars(select(PatronNotice).order_by(PatronNotice.id))]


def test_each_stage_is_queued_once(any_desk: Desk, clock: FakeClock) -> None:
    due = any_desk.main.checkout("P002", "B100").due_at
    assert due is not None
    assert _run(any_desk) == 0                     # weeks before due: nothing
    clock.now = due - timedelta(days=2)
    assert _run(any_desk) == 1
    assert _run(any_desk) == 0                     # the same run again: nothing new
    clock.now = due + timedelta(days=1, hours=1)
    assert _run(any_desk) == 1
    clock.now = due + timedelta(days=3)
    assert _run(any_desk) == 0                     # between stages
    clock.now = due + timedelta(days=7, hours=1)
    assert _run(any_desk) == 1 and _run(any_desk) == 0
    kinds = _kinds(any_desk)
    assert [(k, p["days"]) for k, p in kinds] == [("courtesy", 2), ("overdue", 1), ("overdue", 7)]
    assert kinds[0][1]["title"] == "三國演義"


def test_a_loan_found_late_at_several_stages_gets_the_latest_only(
        any_desk: Desk, clock: FakeClock) -> None:
    due = any_desk.main.checkout("P002", "B100").due_at
    assert due is not None
    clock.now = due + timedelta(days=20)
    assert _run(any_desk) == 1
    assert [(k, p["days"]) for k, p in _kinds(any_desk)] == [("overdue", 14)]


def test_a_returned_loan_is_not_reminded(any_desk: Desk, clock: FakeClock) -> None:
    due = any_desk.main.checkout("P002", "B100").due_at
    assert due is not None
    any_desk.main.checkin("B100")
    clock.now = due + timedelta(days=8)
    assert _run(any_desk) == 0


def test_stages_follow_the_settings() -> None:
    policy = Policy(notice_courtesy_days=0, notice_overdue_days=(30, 2))
    clock = FakeClock()
    due = clock.now
    assert stage_of(policy, due, due - timedelta(days=1)) is None        # no courtesy
    assert stage_of(policy, due, due + timedelta(days=1)) is None
    assert stage_of(policy, due, due + timedelta(days=2)) == ("overdue", 2)
    assert stage_of(policy, due, due + timedelta(days=31)) == ("overdue", 30)


def test_queue_notice_refuses_an_unknown_kind_or_missing_parameters(any_desk: Desk) -> None:
    library = any_desk.library
    with library.sessions.begin() as session:
        patron = session.scalars(select(Patron.id).where(Patron.barcode == "P002")).one()
        with pytest.raises(CirculationRefused) as unknown:
            queue_notice(session, patron, "birthday", {}, now=library.now())
        assert unknown.value.codes == ["notice_kind_unknown"]
        with pytest.raises(CirculationRefused) as missing:
            queue_notice(session, patron, "hold_ready", {"title": "x"}, now=library.now())
        assert missing.value.codes == ["notice_params_missing"]
        assert "location" in str(missing.value) and "until" in str(missing.value)
    assert _kinds(any_desk) == []


def test_a_patron_email_that_is_not_an_address_is_refused(any_desk: Desk) -> None:
    from desk.circulation.validation import InvalidArgument
    with pytest.raises(InvalidArgument) as refused:
        any_desk.library.add_patron("P900", "新讀者", "student", email="not-an-address")
    assert refused.value.codes == ["notice_address_invalid"]
    with pytest.raises(InvalidArgument):
        any_desk.library.add_patron("P900", "新讀者", "student", language="fr")
    any_desk.library.add_patron("P900", "New Reader", "student", email="new@example.edu.tw",
                                language="en")
    with any_desk.library.sessions() as session:
        patron = session.scalars(select(Patron).where(Patron.barcode == "P900")).one()
        assert (patron.email, patron.language) == ("new@example.edu.tw", "en")
        assert session.scalars(select(Patron.language).where(
            Patron.barcode == "P002")).one() == "zh_TW"
