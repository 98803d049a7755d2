"""SIP2 value formats (desk.sip2.formats): dates, money in the library's currency, and messages
in the patron's language whatever the server's own language is."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from desk import wording
from desk.circulation.notices import Notice
from desk.sip2.formats import (notice_in, parse_sip_datetime, parse_sip_money, sip_datetime,
                               sip_money, text_in)

TAIPEI = ZoneInfo("Asia/Taipei")


def test_dates_are_18_characters_of_local_time() -> None:
    moment = datetime(2026, 12, 1, 2, 3, 4, tzinfo=timezone.utc)
    assert sip_datetime(moment, TAIPEI) == "20261201    100304"
    assert parse_sip_datetime("20261201    100304", TAIPEI) == moment
    assert parse_sip_datetime("20261201   Z020304", TAIPEI) == moment
    for bad in (" " * 18, "2026120", "20261301    100304", "abcdefghijklmnopqr"):
        assert parse_sip_datetime(bad, TAIPEI) is None


@pytest.mark.parametrize("text, currency, minor", [
    ("20", "TWD", 20), ("20.00", "TWD", 20), ("12.5", "USD", 1250), ("0.01", "USD", 1),
    ("20.5", "TWD", None), ("0", "TWD", None), ("-5", "TWD", None), ("abc", "TWD", None),
    ("NaN", "TWD", None), ("Infinity", "USD", None), ("1e12", "TWD", None), ("", "TWD", None),
])
def test_amounts_are_read_exactly_or_not_at_all(text: str, currency: str,
                                                minor: int | None) -> None:
    assert parse_sip_money(text, currency) == minor


def test_amounts_are_written_in_the_currencys_decimals() -> None:
    assert sip_money(150, "TWD") == "150" and sip_money(1250, "USD") == "12.50"


def test_messages_in_the_patrons_language_not_the_servers() -> None:
    wording.set_language("en")
    notice = Notice.make("patron_expired", expires="2026-01-31")
    assert notice.message == "The card expired on 2026-01-31."
    assert notice_in("zh_TW", notice) == "借書證已於 2026-01-31 到期。"
    assert notice_in("en", notice) == "The card expired on 2026-01-31."
    assert text_in("zh_TW", "sip_offline") == "圖書館系統暫停服務，請至櫃台辦理。"
    assert text_in("en", "sip_welcome", name="陳小明") == "Welcome, 陳小明."
    assert wording.language() == "en"          # the global choice is untouched


def test_words_inside_a_message_follow_the_patrons_language() -> None:
    wording.set_language("en")
    notice = Notice.make("item_status", barcode="B001", status=wording.status_name("in_transit"))
    assert notice_in("zh_TW", notice) == wording.CATALOGUE["item_status"][1].format(
        barcode="B001", status="轉送中")
    assert "in transit" in notice_in("en", notice)
    mine = Notice.make("item_checked_out", barcode="B001",
                       to=wording.text("loan_to_this_patron"))
    assert notice_in("zh_TW", mine) == "館藏 B001 已借出給此讀者：請改為續借。"
