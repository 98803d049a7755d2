"""The desk-session protocol: the online, offline and failover desks each define every
operation themselves (no ``__getattr__`` dispatch), and the offline desk refuses what it
cannot do with the "suspended while the system is down" refusal, changing nothing."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from desk.circulation import CirculationRefused, Circulation
from desk.circulation.offline.desk import FailoverDesk, OfflineDesk
from desk.circulation.offline.journal import Journal
from desk.circulation.session import DeskOperations, DeskSession
from desk.models import StaffUser
from tests.support.clock import TAIPEI, FakeClock

OPERATIONS = sorted(name for name, member in vars(DeskOperations).items()
                    if callable(member) and not name.startswith("_"))
IDENTITY = sorted(name for name, member in vars(DeskSession).items()
                  if isinstance(member, property))


def test_every_desk_defines_every_operation_itself() -> None:
    assert "checkout" in OPERATIONS and "renew" in OPERATIONS and len(OPERATIONS) >= 20
    for desk in (Circulation, OfflineDesk, FailoverDesk):
        assert not hasattr(desk, "__getattr__"), desk
        for name in OPERATIONS:
            assert callable(getattr(desk, name, None)), (desk, name)
            ours = inspect.signature(getattr(desk, name)).parameters
            declared = inspect.signature(getattr(DeskOperations, name)).parameters
            assert list(ours) == list(declared), (desk, name)
    assert IDENTITY == ["desk_code", "library", "location_code", "staff"]
    for name in IDENTITY:
        assert isinstance(getattr(FailoverDesk, name), property), name


def test_the_offline_desk_refuses_every_other_operation(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "journal.jsonl", "MAIN-1")
    offline = OfflineDesk(journal, clock=FakeClock(), tz=TAIPEI)
    boss = StaffUser(login="boss", name="張主任", role="supervisor")
    calls = {
        "accessories_missing": lambda: offline.accessories_missing("B001", "CD"),
        "accessories_settled": lambda: offline.accessories_settled("B001"),
        "renew": lambda: offline.renew("B001"),
        "place_hold": lambda: offline.place_hold("P001", "B001"),
        "temporary_hold": lambda: offline.temporary_hold("P001", "B001"),
        "cancel_hold": lambda: offline.cancel_hold(1),
        "clear_holds_shelf": lambda: offline.clear_holds_shelf("MAIN"),
        "balance": lambda: offline.balance("P001"),
        "pay": lambda: offline.pay("P001", 10, "cash"),
        "void_payment": lambda: offline.void_payment("R-1", "why", supervisor=boss),
        "waive": lambda: offline.waive(1, "why", supervisor=boss),
        "declare_lost": lambda: offline.declare_lost("B001"),
        "settle_lost": lambda: offline.settle_lost("B001", "paid"),
        "close_day": lambda: offline.close_day({}, supervisor=boss),
        "take_payment": lambda: offline.take_payment("P001", 10, "cash"),
        "add_charge": lambda: offline.add_charge("P001", "ill_fee", 10),
        "correct_receipt": lambda: offline.correct_receipt("R-1", "why", supervisor=boss),
        "count_takings": lambda: offline.count_takings({}),
        "set_float": lambda: offline.set_float(100, supervisor=boss),
        "bookdrop_date": lambda: offline.bookdrop_date(),
        "bookdrop_returned_at": lambda: offline.bookdrop_returned_at(),
        "register_patron": lambda: offline.register_patron("P900", "新讀者", "student"),
        "update_patron": lambda: offline.update_patron("P001", phone="0912345678"),
        "extend_patron": lambda: offline.extend_patron("P001"),
        "close_card": lambda: offline.close_card("P001"),
        "replace_card": lambda: offline.replace_card("P001", "P901"),
        "block_patron": lambda: offline.block_patron("P001", "why"),
        "unblock_patron": lambda: offline.unblock_patron("P001", "why"),
        "add_patron_message": lambda: offline.add_patron_message("P001", "note"),
        "acknowledge_message": lambda: offline.acknowledge_message(1),
        "claim_returned": lambda: offline.claim_returned("B001", form_no="F1"),
        "claim_never_borrowed": lambda: offline.claim_never_borrowed("B001", form_no="F1"),
        "set_patron_photo": lambda: offline.set_patron_photo("P001", None),
        "add_proxy": lambda: offline.add_proxy("P001", "P002"),
        "end_proxy": lambda: offline.end_proxy(1),
        "request_delivery": lambda: offline.request_delivery("P001", "L001",
                                                             pickup_location="MAIN",
                                                             method="cash"),
        "request_deliveries": lambda: offline.request_deliveries("P001", ["L001"],
                                                                 pickup_location="MAIN",
                                                                 method="cash"),
        "pull_delivery": lambda: offline.pull_delivery("B001"),
        "fail_delivery": lambda: offline.fail_delivery(1, "not found"),
        "refund_delivery": lambda: offline.refund_delivery(1),
        "pull_list": lambda: offline.pull_list(),
        "request_search": lambda: offline.request_search("P001", "B001"),
        "search_found": lambda: offline.search_found("B001"),
        "search_not_found": lambda: offline.search_not_found(1),
        "expire_searches": lambda: offline.expire_searches(),
        "project_books_ready": lambda: offline.project_books_ready("P001", ["B001"]),
        "request_retrieval": lambda: offline.request_retrieval("P001", "W001"),
        "retrieval_fetched": lambda: offline.retrieval_fetched("W001"),
        "lend_for_reading": lambda: offline.lend_for_reading("W001", id_kept="ID"),
        "expire_retrievals": lambda: offline.expire_retrievals(),
        "cancel_search": lambda: offline.cancel_search(1, "no longer wanted"),
        "cancel_retrieval": lambda: offline.cancel_retrieval(1, "no longer wanted"),
    }
    assert sorted([*calls, "checkin", "checkout"]) == OPERATIONS
    for name, call in calls.items():
        with pytest.raises(CirculationRefused) as refused:
            call()
        assert refused.value.codes == ["offline_suspended"], name
        assert "suspended while the system is down" in str(refused.value), name
    assert journal.read().entries == []
    assert offline.offline is True and Circulation.offline is False
