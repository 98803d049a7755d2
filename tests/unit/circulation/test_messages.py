"""The wording of notices in Traditional Chinese: names, never internal codes or ids."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desk import wording
from desk.circulation import CirculationRefused, Override
from desk.circulation.charges import charge_detail
from desk.circulation.fine_details import FineDetail
from tests.support.small_library import Desk


@pytest.fixture
def chinese() -> Iterator[None]:
    wording.set_language("zh_TW")
    yield
    wording.set_language("en")


def test_an_approval_names_what_the_supervisor_approved(desk: Desk, chinese: None) -> None:
    result = desk.main.checkout("P004", "B001", override=Override(
        {"patron_expired"}, desk.boss, "下週換證"))
    overridden = next(n for n in result.warnings if n.code == "overridden")
    assert overridden.message == "主管 張主任 核可：借書證已過期。"
    assert "patron_expired" not in overridden.message


def test_a_code_that_cannot_be_approved_is_named(desk: Desk, chinese: None) -> None:
    with pytest.raises(CirculationRefused) as refused:
        desk.main.checkout("P004", "B001", override=Override(
            {"patron_expired", "item_checked_out"}, desk.boss, "test"))
    assert refused.value.reasons[0].message == "已借出不可由主管核可。"


def test_a_book_already_lent_to_this_patron_says_renew_in_chinese(desk: Desk, chinese: None) -> None:
    desk.main.checkout("P001", "B001")
    with pytest.raises(CirculationRefused) as refused:
        desk.main.checkout("P001", "B001")
    assert refused.value.reasons[0].message == "館藏 B001 已借出給此讀者：請改為續借。"


def test_a_filled_hold_shows_no_hold_id(desk: Desk, chinese: None) -> None:
    desk.main.checkout("P001", "B100")
    hold_id = desk.main.place_hold("P002", "B100")
    desk.main.checkin("B100")                          # trapped for P002
    result = desk.main.checkout("P002", "B100")
    filled = next(n for n in result.warnings if n.code == "hold_filled")
    assert filled.message == "此讀者的預約書已取書。" and str(hold_id) not in filled.message


def test_an_overdue_fine_is_told_again_in_the_desk_language(chinese: None) -> None:
    stored = ("B001 書名 1: 18 day(s) late, due 2026-11-06 23:59, returned 2026-11-24 10:00"
              " (capped)")
    fine = FineDetail(units=18, unit="day", rate=None, due="2026-11-06 23:59",
                      returned="2026-11-24 10:00", capped=True)
    assert charge_detail("overdue", stored, fine=fine) == (
        "逾期 18 天：應還 2026-11-06 23:59，歸還 2026-11-24 10:00（已達上限）")
    assert charge_detail("lost_compensation", "B001 書名 1: price") == "B001 書名 1"
    assert charge_detail("ill_fee", "館際 2 冊") == "館際 2 冊"
