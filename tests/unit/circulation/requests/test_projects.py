"""Research-project books ready (SOP 5.3.8.1), on SQLite and PostgreSQL: the books kept on the
holds shelf for the teacher and one notice listing them; only that teacher may borrow them;
refusals (nothing scanned, a book twice, one not on the shelf, another location's, a blocked
card) keep nothing and send nothing."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from desk.circulation import CirculationRefused
from desk.models import Hold, Item, PatronNotice
from tests.support import db_state
from tests.support.small_library import Desk


def refused(call, *args, **kwargs) -> list[str]:  # noqa: ANN001
    with pytest.raises(CirculationRefused) as error:
        call(*args, **kwargs)
    return error.value.codes


def test_books_are_kept_for_the_teacher_and_one_notice_lists_them(any_desk: Desk) -> None:
    desk = any_desk
    ready = desk.main.project_books_ready("P003", ["B001", "B002"])
    assert ready.item_barcodes == ("B001", "B002") and len(ready.hold_ids) == 2
    with desk.library.read_sessions() as session:
        statuses = session.scalars(select(Item.status).where(
            Item.barcode.in_(["B001", "B002"]))).all()
        assert statuses == ["on_holds_shelf", "on_holds_shelf"]
        holds = session.scalars(select(Hold).where(Hold.id.in_(ready.hold_ids))).all()
        assert {h.status for h in holds} == {"waiting"}
        [notice] = session.scalars(select(PatronNotice)).all()
        assert notice.kind == "project_ready"
        params = json.loads(notice.params)
        assert all(title in params["title"] for title in ready.titles)
    assert "item_on_hold_for_other" in refused(desk.main.checkout, "P001", "B001")
    desk.main.checkout("P003", "B001")                  # the teacher borrows it


def test_refusals_keep_nothing(any_desk: Desk) -> None:
    desk = any_desk
    desk.main.checkout("P001", "B002")
    before = db_state.rows(desk.library)
    assert refused(desk.main.project_books_ready, "P003", []) == ["project_no_items"]
    assert refused(desk.main.project_books_ready, "P003",
                   ["B001", "B001"]) == ["project_duplicate_item"]
    assert refused(desk.main.project_books_ready, "P003", ["B001", "B002"]) == ["item_status"]
    assert refused(desk.main.project_books_ready, "P003",
                   ["L001"]) == ["request_other_location"]
    assert "patron_blocked" in refused(desk.main.project_books_ready, "P007", ["B001"])
    after = db_state.rows(desk.library)
    for table in ("audit_events", "audit_chain_head"):
        before.pop(table, None)
        after.pop(table, None)
    assert after == before
    with desk.library.read_sessions() as session:
        assert session.scalar(select(func.count()).select_from(PatronNotice)) == 0
