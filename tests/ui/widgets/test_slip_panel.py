"""The *Last slip* panel shows the slip as the printer puts it on paper and says where slips
go: the receipt printer by name, the PDF folder, or that there is no printer."""

from __future__ import annotations

from pathlib import Path

from escpos.printer import Dummy

from desk.devices.printer.escpos_printer import EscposPrinter
from desk.devices.printer.escpos_render import EscposLayout
from desk.devices.printer.pdf import PdfPrinter
from desk.ui.slips import ScreenSlip
from desk.ui.widgets.slip_panel import SlipPanel

LONG = "Data Structures in Practice: A Thorough Introduction for Counter Staff"


def slip() -> ScreenSlip:
    return ScreenSlip("checkout", "借書單 Checkout", [f"30001000000226 {LONG}", "到期 2027-01-31"],
                      barcode="30001000000226")


def test_no_printer_the_slip_as_an_80_mm_printer_prints_it(qtbot, window) -> None:  # noqa: ANN001
    window.context.slips.print_slip(slip())
    panel = window.slip_view
    assert isinstance(panel, SlipPanel)
    assert "80 mm" in panel.printer_line.text() and "No receipt printer" in \
        panel.printer_line.text()
    pixmap = panel.picture.pixmap()
    assert not pixmap.isNull()
    assert pixmap.width() <= panel.scroll.viewport().width()      # fits, nothing runs off
    assert LONG in panel.toPlainText() and LONG in panel.picture.accessibleDescription()


def test_a_pdf_printer_shows_its_page_and_its_folder(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    panel = SlipPanel()
    qtbot.addWidget(panel)
    panel.resize(320, 600)
    panel.show()
    printer = PdfPrinter(tmp_path / "slips")
    panel.show_printer(printer)
    assert str(tmp_path / "slips") in panel.printer_line.text()
    panel.show_slip(slip(), printer, ("圖書館 Library",))
    pixmap = panel.picture.pixmap()
    assert not pixmap.isNull() and pixmap.width() <= panel.scroll.viewport().width()
    image = pixmap.toImage()
    dark = sum(1 for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)
               if image.pixelColor(x, y).lightness() < 128)
    assert dark > 50                                              # the page has print on it


def test_a_receipt_printer_is_named_with_its_paper(qtbot) -> None:  # noqa: ANN001
    panel = SlipPanel()
    qtbot.addWidget(panel)
    printer = EscposPrinter(Dummy(), EscposLayout(width_dots=384, columns=32),
                            description="tcp://10.0.0.9:9100")
    panel.show_slip(slip(), printer, ("圖書館 Library",))
    assert "tcp://10.0.0.9:9100" in panel.printer_line.text()
    assert "58 mm" in panel.printer_line.text()
    assert not panel.picture.pixmap().isNull()
