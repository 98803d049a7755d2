"""An open desk session stops when its staff member is disabled on another desk (another
``Library`` object on the same database: the staff-row cache of each process is its own), on
SQLite and PostgreSQL, and works again when the account is enabled again."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from desk.circulation import CirculationRefused, Library, Override, open_library
from desk.circulation.policy import Policy
from desk.models import AuditEvent, Item, Loan
from tests.support import small_library
from tests.support.clock import FakeClock
from tests.support.small_library import Desk


@pytest.fixture
def admin_desk(any_url: str, any_desk: Desk, clock: FakeClock) -> Iterator[Library]:
    """The administrator's desk PC: a second library object on the same database."""
    other = open_library(any_url, clock=clock, policy=Policy())
    yield other
    other.close()


def _disable(other: Library, login: str) -> None:
    admin = other.sign_in("admin", small_library.PASSWORDS["admin"])
    other.disable_staff(login, by=admin)
    other.sign_out(admin)


def _enable(other: Library, login: str) -> None:
    admin = other.sign_in("admin", small_library.PASSWORDS["admin"])
    other.enable_staff(login, by=admin)
    other.sign_out(admin)


def _refused_code(call: object) -> list[str]:
    assert callable(call)
    with pytest.raises(CirculationRefused) as refused:
        call()
    return refused.value.codes


def test_a_disabled_staff_members_open_session_is_refused_and_changes_nothing(
        any_desk: Desk, admin_desk: Library) -> None:
    main = any_desk.main
    main.checkout("P001", "B001")          # the session works, and its caches are warm
    _disable(admin_desk, "clerk")

    assert _refused_code(lambda: main.checkout("P002", "B002")) == ["staff_inactive"]
    with any_desk.library.read_sessions() as session:
        assert session.scalar(select(Item.status).where(Item.barcode == "B002")) == "available"
        assert len(session.scalars(select(Loan)).all()) == 1
        last = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert last is not None
    assert (last.action, last.outcome, last.codes) == ("checkout", "refused", "staff_inactive")

    # every kind of operation: writes, a write the rules would refuse anyway, and reads
    assert _refused_code(lambda: main.checkin("B001")) == ["staff_inactive"]
    assert _refused_code(lambda: main.renew("B001")) == ["staff_inactive"]
    assert _refused_code(lambda: main.pay("P001", 10, "cash")) == ["staff_inactive"]
    assert _refused_code(lambda: main.checkout("P001", "NO-SUCH")) == ["staff_inactive"]
    assert _refused_code(lambda: main.checkout("P\x00", "B003")) == ["staff_inactive"]
    assert _refused_code(lambda: main.balance("P001")) == ["staff_inactive"]
    assert _refused_code(lambda: main.pull_list()) == ["staff_inactive"]
    with any_desk.library.read_sessions() as session:
        loan = session.scalars(select(Loan)).one()
    assert loan.returned_at is None and loan.renewals == 0


def test_the_refusal_is_in_the_users_language(any_desk: Desk, admin_desk: Library) -> None:
    from desk import wording
    _disable(admin_desk, "clerk")
    wording.set_language("zh_TW")
    with pytest.raises(CirculationRefused) as refused:
        any_desk.main.checkout("P001", "B001")
    assert str(refused.value) == "帳號 clerk 已停用。"


def test_enabling_the_account_again_lets_the_same_session_work(
        any_desk: Desk, admin_desk: Library) -> None:
    _disable(admin_desk, "clerk")
    assert _refused_code(lambda: any_desk.main.checkout("P001", "B001")) == ["staff_inactive"]
    _enable(admin_desk, "clerk")

    assert any_desk.main.checkout("P001", "B001").loan_id
    assert any_desk.main.checkin("B001").route == "shelve"


def test_other_staff_members_sessions_are_not_touched(any_desk: Desk,
                                                      admin_desk: Library) -> None:
    boss_desk = any_desk.library.circulation("MAIN-1", any_desk.boss)
    _disable(admin_desk, "clerk")

    assert boss_desk.checkout("P001", "B001").loan_id
    assert _refused_code(lambda: any_desk.main.checkin("B001")) == ["staff_inactive"]


def test_a_supervisor_demoted_elsewhere_no_longer_approves(any_desk: Desk,
                                                           admin_desk: Library) -> None:
    """A role change reaches open sessions too: approvals re-read the approver's role."""
    admin = admin_desk.sign_in("admin", small_library.PASSWORDS["admin"])
    admin_desk.set_staff_role("boss", "staff", by=admin)
    override = Override(["patron_expired"], any_desk.boss, "renewal form seen")

    assert _refused_code(lambda: any_desk.main.checkout("P004", "B001", override=override)) \
        == ["supervisor_required"]
