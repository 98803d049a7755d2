"""The slip panel's picture is what the configured printer prints: the ESC/POS raster at the
paper's width with long lines wrapped there, or the PDF page the PDF printer writes."""

from __future__ import annotations

from pathlib import Path

from desk.devices.escpos_decode import TextLine, decode
from desk.devices.printer.base import NoPrinter
from desk.devices.printer.escpos_printer import EscposPrinter
from desk.devices.printer.escpos_render import EscposLayout, slip_to_escpos
from desk.devices.printer.pdf import PdfPrinter
from desk.devices.slip_preview import escpos_image, preview, printer_facts
from desk.devices.slips import Slip, SlipKind, SlipLine

LONG = "Data Structures in Practice: A Thorough Introduction for Counter Staff"


def slip() -> Slip:
    return Slip(SlipKind.CHECKOUT, "借書單", ("圖書館 Library",),
                (SlipLine("30001000000226", LONG), SlipLine("到期日", "2027-01-31")),
                "30001000000226")


def test_the_escpos_picture_is_the_papers_width_and_wraps_long_lines() -> None:
    assert escpos_image(slip(), EscposLayout()).width == 576          # 80 mm at 203 dpi
    # 58 mm: the barcode's bars fit, its quiet zone is what the paper leaves of it.
    assert escpos_image(slip(), EscposLayout(width_dots=384, columns=32)).width == 384
    for layout in (EscposLayout(), EscposLayout(width_dots=384, columns=32)):
        # Decoded from the same bytes: the long title is on more than one printed line and no
        # printed text line is wider than the paper's columns.
        lines = [e for e in decode(slip_to_escpos(slip(), layout)).elements
                 if isinstance(e, TextLine)]
        assert all(len(line.text) <= layout.columns for line in lines)
        assert "Data Structures" in " ".join(line.text for line in lines)
        narrow = escpos_image(slip(), EscposLayout(width_dots=384, columns=32))
        assert narrow.height >= escpos_image(slip(), EscposLayout()).height


def test_the_facts_name_the_printer_and_the_pdf_folder(tmp_path: Path) -> None:
    from escpos.printer import Dummy
    escpos = EscposPrinter(Dummy(), EscposLayout(width_dots=384, columns=32),
                           description="tcp://10.0.0.9:9100")
    assert printer_facts(escpos).kind == "escpos"
    assert printer_facts(escpos).name == "tcp://10.0.0.9:9100"
    assert printer_facts(escpos).paper_mm == 58
    pdf = PdfPrinter(tmp_path / "slips")
    facts = printer_facts(pdf)
    assert facts.kind == "pdf" and facts.folder == tmp_path / "slips" and facts.paper_mm == 80
    drawn = preview(slip(), pdf)
    assert drawn.pdf is not None and drawn.pdf.startswith(b"%PDF") and drawn.image is None
    assert not (tmp_path / "slips").exists()            # a preview writes no file
    assert printer_facts(NoPrinter()).kind == "none"
    assert preview(slip(), None).image is not None
