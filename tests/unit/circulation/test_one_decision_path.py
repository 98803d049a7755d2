"""The online checkout and the offline checks decide alike on every generated case.

Each example starts from a copy of the small library on a real SQLite file, gives patron P001
and others loans, charges, lost-item claims and holds, and a target item a status and a type;
then the local copy is made from it (as the offline desk's is) and the same checkout is asked
of both: the online refusal (codes and wording) or loan (due date) must equal the offline one.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update

from desk.circulation import CirculationRefused, Policy, open_library
from desk.circulation.offline.snapshot import Snapshot, refresh_snapshot
from desk.models import (Charge, Desk, Hold, Item, Loan, LostClaim, Patron, PatronCategory,
                         StaffUser)
from tests.support.clock import FakeClock
from tests.support.small_library import PASSWORDS

TARGETS = ["B001", "B002", "C001", "R001", "B100"]
OTHERS = ["B003", "B004", "B005", "B006", "B007", "C001", "R001", "B101"]
STATUSES = ["available", "on_holds_shelf", "lost", "missing", "withdrawn", "in_transit",
            "holds_cleared"]


@dataclass(frozen=True)
class Case:
    category: str
    expires_in: int | None          # days from today
    blocked: bool
    message: str | None
    lifetime_loans: int
    max_items_total: int | None
    loans: list[tuple[str, int]]    # P001's open loans: item, due in hours from now
    other_loans: list[str]          # P002's open loans
    charges: list[tuple[int, int]]  # amount, paid
    claim_in: int | None            # an open lost-item claim's deadline, days from today
    target: str
    status: str
    loanable: bool
    holds: list[tuple[str, str]]    # (patron, 'pending' | 'waiting') on the target's title
    max_fines: int


cases = st.builds(
    Case,
    category=st.sampled_from(["student", "student", "faculty", "consortium", "virtual"]),
    expires_in=st.none() | st.integers(-5, 10),
    blocked=st.sampled_from([False] * 4 + [True]),
    message=st.none() | st.just("請補證件"),
    lifetime_loans=st.integers(0, 6),
    max_items_total=st.none() | st.integers(0, 3),
    loans=st.lists(st.tuples(st.sampled_from(OTHERS), st.integers(-24, 400)), max_size=4,
                   unique_by=lambda loan: loan[0]),
    other_loans=st.lists(st.sampled_from(TARGETS), max_size=1),
    charges=st.lists(st.tuples(st.integers(1, 300), st.integers(0, 300)), max_size=2),
    claim_in=st.none() | st.none() | st.integers(-3, 3),
    target=st.sampled_from(TARGETS),
    status=st.sampled_from(["available"] * 8 + STATUSES),
    loanable=st.sampled_from([True] * 6 + [False]),
    holds=st.lists(st.tuples(st.sampled_from(["P001", "P002", "P003"]),
                             st.sampled_from(["pending", "waiting"])), max_size=3),
    max_fines=st.sampled_from([0, 100]),
)


def _set_up(session, case: Case, clock: FakeClock) -> None:  # noqa: ANN001
    now = clock.now
    today = now.date()
    ids = {p.barcode: p for p in session.scalars(select(Patron))}
    items = {i.barcode: i for i in session.scalars(select(Item))}
    desk = session.scalars(select(Desk).where(Desk.code == "MAIN-1")).one()
    staff = session.scalars(select(StaffUser).where(StaffUser.login == "clerk")).one()
    patron = ids["P001"]
    patron.category = case.category
    patron.expires_on = today + timedelta(days=case.expires_in) if case.expires_in is not None \
        else None
    patron.blocked, patron.block_message = case.blocked, "證件遺失" if case.blocked else None
    patron.message, patron.lifetime_loans = case.message, case.lifetime_loans
    session.execute(update(PatronCategory).where(PatronCategory.code == case.category)
                    .values(max_items_total=case.max_items_total))

    def lend(barcode: str, who: Patron, due_in_hours: int) -> Loan:
        item = items[barcode]
        item.status = "on_loan"
        loan = Loan(item_id=item.id, patron_id=who.id, desk_id=desk.id, staff_id=staff.id,
                    out_at=now - timedelta(days=20), due_at=now + timedelta(hours=due_in_hours))
        session.add(loan)
        session.flush()
        return loan

    made = [lend(barcode, patron, due) for barcode, due in case.loans]
    made += [lend(barcode, ids["P002"], 24) for barcode in case.other_loans
             if barcode not in dict(case.loans)]
    target = items[case.target]
    if not any(loan.item_id == target.id for loan in made):
        target.status = case.status
    target.loanable = case.loanable
    for amount, paid in case.charges:
        session.add(Charge(patron_id=patron.id, kind="overdue", amount=amount,
                           paid=min(paid, amount), created_at=now, description="test"))
    if case.claim_in is not None and made:
        session.add(LostClaim(loan_id=made[0].id, item_id=made[0].item_id, patron_id=patron.id,
                              opened_at=now, deadline=today + timedelta(days=case.claim_in)))
    for n, (who, status) in enumerate(case.holds):
        trapped = status == "waiting"
        session.add(Hold(patron_id=ids[who].id, biblio_id=target.biblio_id,
                         item_id=target.id if trapped else None,
                         pickup_location_id=desk.location_id, status=status,
                         placed_at=now - timedelta(days=10 - n),
                         waiting_since=now if trapped else None,
                         shelf_expires_at=now + timedelta(days=7) if trapped else None))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases)
def test_online_and_offline_decide_alike(case: Case, small_library_template,  # noqa: ANN001
                                         tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("case")
    shutil.copyfile(small_library_template.path, folder / "library.sqlite")
    clock = FakeClock()
    library = open_library(f"sqlite:///{folder / 'library.sqlite'}", clock=clock,
                           policy=Policy(max_outstanding_fines=case.max_fines))
    try:
        with library.sessions() as session, session.begin():
            _set_up(session, case, clock)
        refresh_snapshot(library, folder / "snapshot.sqlite")
        snapshot = Snapshot(folder / "snapshot.sqlite")
        offline = snapshot.check_checkout("P001", case.target, clock.now, "MAIN-1",
                                          library.policy.tz)
        snapshot.close()
        assert offline.decision is not None
        said_offline = [(n.code, n.message) for n in offline.decision.refusals]
        assert set(said_offline) <= {(n.code, n.message) for n in offline.warnings}
        desk = library.circulation("MAIN-1", library.sign_in("clerk", PASSWORDS["clerk"]))
        try:
            lent = desk.checkout("P001", case.target)
        except CirculationRefused as refused:
            event("refused: " + " ".join(refused.codes))
            assert [(n.code, n.message) for n in refused.reasons] == said_offline
        else:
            event("lent")
            assert said_offline == []
            assert lent.due_at == offline.due_at
            assert [n.code for n in lent.warnings if n.code != "hold_filled"] == [
                n.code for n in offline.decision.warnings]
    finally:
        library.close()


def test_the_offline_refusal_reads_as_the_online_one(desk, tmp_path: Path) -> None:  # noqa: ANN001
    """Money in particular: the fines refusal names the amount the same way (NT$1,200)."""
    with desk.library.sessions() as session, session.begin():
        patron = session.scalars(select(Patron).where(Patron.barcode == "P001")).one()
        session.add(Charge(patron_id=patron.id, kind="overdue", amount=1200, paid=0,
                           created_at=desk.library.now(), description="test"))
    refresh_snapshot(desk.library, tmp_path / "snapshot.sqlite")
    snapshot = Snapshot(tmp_path / "snapshot.sqlite")
    offline = snapshot.check_checkout("P001", "B001", desk.library.now(), "MAIN-1",
                                      desk.library.policy.tz)
    with pytest.raises(CirculationRefused) as refused:
        desk.main.checkout("P001", "B001")
    assert [n.message for n in offline.warnings] == [n.message for n in refused.value.reasons]
    assert "NT$1,200" in offline.warnings[0].message
