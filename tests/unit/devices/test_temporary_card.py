"""The temporary card slip of a replaced card (issue 15): its barcode is the new card, and a
real decoder (zxing-cpp) reads it from the printed ESC/POS slip and from the PDF."""

from __future__ import annotations

import subprocess
from datetime import date, datetime
from pathlib import Path

import zxingcpp
from PIL import Image

from desk import wording
from desk.devices.escpos_decode import Barcode, TextLine, decode
from desk.devices.escpos_preview import to_png_image
from desk.devices.printer.escpos_render import slip_to_escpos
from desk.devices.printer.pdf import slip_to_pdf
from desk.devices.slip_builders import temporary_card_slip
from desk.devices.slips import SlipKind

NEW_CARD = "21234000000422"


def slip():  # noqa: ANN201
    return temporary_card_slip(library=("國立政治大學圖書館", "Main Library"),
                               patron_name="陳小明", card=NEW_CARD, old_card="21234000000133",
                               expires=date(2027, 6, 30), when=datetime(2026, 11, 2, 10, 0),
                               desk="MAIN-1", staff="林館員")


def test_the_slip_says_what_it_is() -> None:
    made = slip()
    assert made.kind == SlipKind.CARD and made.barcode == NEW_CARD
    text = "\n".join(made.text_lines())
    assert "Temporary library card" in text and "****0133" in text and "2027-06-30" in text
    assert "21234000000133" not in text            # the old card only by its last digits


def test_escpos_barcode_decodes_to_the_new_card(tmp_path: Path) -> None:
    decoded = decode(slip_to_escpos(slip()))
    assert decoded.unknown == []
    assert [(b.symbology, b.data) for b in decoded.elements if isinstance(b, Barcode)] == [
        ("CODE128", NEW_CARD)]
    assert any("Card: " + NEW_CARD in e.text for e in decoded.elements
               if isinstance(e, TextLine))
    paper = to_png_image(decoded.elements)
    found = zxingcpp.read_barcodes(paper)
    assert [(r.format, r.text) for r in found] == [(zxingcpp.BarcodeFormat.Code128, NEW_CARD)]


def test_pdf_barcode_decodes_to_the_new_card(tmp_path: Path) -> None:
    pdf = tmp_path / "card.pdf"
    slip_to_pdf(slip(), pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "300", str(pdf), str(tmp_path / "page")],
                   check=True)
    (page,) = sorted(tmp_path.glob("page*.png"))
    found = zxingcpp.read_barcodes(Image.open(page))
    assert [(r.format, r.text) for r in found] == [(zxingcpp.BarcodeFormat.Code128, NEW_CARD)]


def test_the_slip_in_chinese() -> None:
    wording.set_language("zh_TW")
    try:
        text = "\n".join(slip().text_lines())
    finally:
        wording.set_language("en")
    assert "臨時借書證" in text and "原借書證已停用" in text
