"""The neutral slip model, its formatters and the slip builders."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desk.devices.slip_builders import (
    SlipCharge,
    SlipItem,
    checkin_slip,
    checkout_slip,
    hold_slip,
    manual_fallback_receipt,
    payment_receipt,
    transit_slip,
)
from desk.devices.slips import (
    Slip,
    SlipKind,
    SlipLine,
    display_width,
    format_money,
    mask_card,
    mask_name,
    wrap_columns,
)

WHEN = datetime(2025, 3, 14, 9, 30)
LIBRARY = ("國立臺灣大學圖書館", "Main Library")


@pytest.mark.parametrize("minor, currency, text", [
    (1000, "TWD", "NT$1,000"), (0, "TWD", "NT$0"), (-15, "TWD", "-NT$15"),
    (1250, "USD", "USD 12.50"), (5, "EUR", "EUR 0.05"), (1500, "JPY", "JPY 1,500"),
])
def test_format_money(minor: int, currency: str, text: str) -> None:
    assert format_money(minor, currency) == text


def test_format_money_refuses_floats() -> None:
    with pytest.raises(TypeError):
        format_money(12.5, "TWD")  # type: ignore[arg-type]


@pytest.mark.parametrize("name, masked", [
    ("陳大明", "陳○明"), ("王明", "王○"), ("歐陽小華", "歐○○華"), ("林", "林"), ("Ann", "A○n"), (" 陳大明 ", "陳○明"),
])
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


def test_mask_card() -> None:
    assert mask_card("21234000000422") == "****0422"
    assert mask_card("042") == "042"


def test_wrap_columns_counts_wide_characters_twice() -> None:
    assert display_width("紅樓夢ab") == 8
    assert wrap_columns("紅樓夢紅樓夢", 5) == ["紅樓", "夢紅", "樓夢"]
    assert wrap_columns("one two three four", 9) == ["one two", "three", "four"]


def test_json_round_trip() -> None:
    slip = Slip(SlipKind.HOLD, "Hold", LIBRARY, (SlipLine("Patron", "陳○明"), SlipLine("", "")),
                "31234000000016", ("footer",), WHEN)
    assert Slip.from_dict(slip.to_dict()) == slip


def test_checkout_slip() -> None:
    slip = checkout_slip(library=LIBRARY, patron_name="陳大明", card="21234000000422",
                         items=[SlipItem("31234000000016", "紅樓夢", date(2025, 3, 28)),
                                SlipItem("31234000000024", "", datetime(2025, 3, 28, 21, 0))],
                         when=WHEN, desk="Desk 1", staff="lin")
    text = slip.text_lines()
    assert slip.kind is SlipKind.CHECKOUT and slip.header == LIBRARY
    assert "Card: ****0422" in text and "21234000000422" not in "\n".join(text)
    assert "Due: 2025-03-28" in text and "Due: 2025-03-28 21:00" in text
    assert "Title: 紅樓夢" in text and "Items: 2" in text and "Desk: Desk 1" in text


def test_checkin_slip_with_fine() -> None:
    slip = checkin_slip(library="Library", items=[SlipItem("31234000000016", "A", WHEN, 30)], when=WHEN)
    assert "Fine: NT$30" in slip.text_lines() and "Returned: 2025-03-14 09:30" in slip.text_lines()


def test_payment_receipt() -> None:
    slip = payment_receipt(library="Library", receipt_no="R-2025-0001", patron_name="Ann Lee",
                           card="21234000000422", charges=[SlipCharge("Overdue 紅樓夢", 120)],
                           paid_minor=120, currency="TWD", method="cash", when=WHEN, balance_minor=0)
    text = slip.text_lines()
    assert slip.barcode == "R-2025-0001"
    assert "Overdue 紅樓夢: NT$120" in text and "Paid: NT$120" in text and "Balance: NT$0" in text


def test_hold_slip_masks_name_and_card() -> None:
    slip = hold_slip(library=LIBRARY, patron_name="陳大明", card="21234000000422",
                     item_barcode="31234000000016", title="紅樓夢", pickup_location="總圖 1F",
                     hold_until=date(2025, 3, 21), when=WHEN)
    joined = "\n".join(slip.text_lines())
    assert "Patron: 陳○明" in joined and "陳大明" not in joined
    assert "Card: ****0422" in joined and "2123400000" not in joined
    assert "Hold until: 2025-03-21" in joined and slip.barcode == "31234000000016"


def test_transit_and_manual_slips() -> None:
    transit = transit_slip(library="L", item_barcode="31234000000016", title="T", from_location="Main",
                           to_location="Law", when=WHEN, reason="hold")
    assert transit.text_lines()[3:5] == ["To: Law", "From: Main"] and transit.barcode == "31234000000016"
    manual = manual_fallback_receipt(library="L", slip_no="M-0007", action="Checkout", card="21234000000422",
                                     items=[SlipItem("31234000000016", due=date(2025, 3, 28))], when=WHEN)
    assert manual.barcode == "M-0007" and "Slip no.: M-0007" in manual.text_lines()
    assert manual.footer[0].startswith("Recorded offline")


def test_checkout_slip_lists_each_items_accessories() -> None:
    slip = checkout_slip(library=LIBRARY, patron_name="陳大明", card="21234000000422",
                         items=[SlipItem("31234000000016", "紅樓夢", date(2025, 3, 28),
                                         accessories="附光碟1片"),
                                SlipItem("31234000000024", "Dune", date(2025, 3, 28))],
                         when=WHEN)
    text = slip.text_lines()
    assert text.count("Accessories: 附光碟1片") == 1
    # under its own item: after that item's barcode, before the next item's
    assert text.index("Item: 31234000000016") < text.index("Accessories: 附光碟1片") \
        < text.index("Item: 31234000000024")
    assert sum(line.startswith("Accessories") for line in text) == 1     # none for Dune
