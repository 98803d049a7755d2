"""The receipt of a deposit paid back when a card is closed (issue 15): the amount, the
reason and the approving supervisor; the deposit's receipt number printed as a barcode that a
real decoder (zxing-cpp) reads from the ESC/POS slip."""

from __future__ import annotations

from datetime import datetime

import zxingcpp

from desk import wording
from desk.devices.escpos_decode import Barcode, decode
from desk.devices.escpos_preview import to_png_image
from desk.devices.printer.escpos_render import slip_to_escpos
from desk.devices.slip_builders import deposit_refund_slip
from desk.devices.slips import SlipKind

RECEIPT = "R-MAIN-1-000042"


def slip():  # noqa: ANN201
    return deposit_refund_slip(library=("國立政治大學圖書館", "Main Library"),
                               receipt_no=RECEIPT, patron_name="押金讀者",
                               card="21234000000422", refunded_minor=1000, currency="TWD",
                               method="Cash", reason="畢業離校", supervisor="張主任",
                               when=datetime(2026, 11, 2, 10, 0), desk="MAIN-1",
                               staff="林館員")


def test_the_slip_says_what_was_paid_back_and_who_approved_it() -> None:
    made = slip()
    assert made.kind == SlipKind.PAYMENT and made.barcode == RECEIPT
    text = "\n".join(made.text_lines())
    for expected in ("Deposit refund", RECEIPT, "NT$1,000", "Cash", "畢業離校", "張主任",
                     "****0422", "closed"):
        assert expected in text, expected
    assert "21234000000422" not in text            # the card only by its last digits


def test_the_receipt_number_decodes_from_the_printed_slip() -> None:
    decoded = decode(slip_to_escpos(slip()))
    assert decoded.unknown == []
    assert [(b.symbology, b.data) for b in decoded.elements if isinstance(b, Barcode)] == [
        ("CODE128", RECEIPT)]
    found = zxingcpp.read_barcodes(to_png_image(decoded.elements))
    assert [(r.format, r.text) for r in found] == [(zxingcpp.BarcodeFormat.Code128, RECEIPT)]


def test_the_slip_in_chinese() -> None:
    wording.set_language("zh_TW")
    try:
        text = "\n".join(slip().text_lines())
    finally:
        wording.set_language("en")
    assert "保證金退還收據" in text and "退還金額" in text and "核可主管" in text
