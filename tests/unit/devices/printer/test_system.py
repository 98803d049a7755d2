"""The system printer through Qt's print support: the slip's text and barcode on the page."""

from __future__ import annotations

import re
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from desk.devices.printer.base import PrinterError
from desk.devices.printer.system import SystemPrinter
from desk.devices.registry import build_printer
from desk.devices.slips import Slip, SlipKind, SlipLine
from desk.devices.status import DeviceState

SLIP = Slip(SlipKind.CHECKOUT, "借書收據 Checkout", header=("國立圖書館 Library",),
            lines=(SlipLine("讀者 Patron", "陳○明"), SlipLine("三國演義", "到期 2026-12-02")),
            barcode="30001000000010", footer=("請準時還書",),
            created_at=datetime(2026, 11, 2, 10, 0))


def test_slip_printed_to_a_pdf_file_keeps_text_and_barcode(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    target = tmp_path / "slip.pdf"
    printer = SystemPrinter(output_file=target)
    printer.print_slip(SLIP)
    # Qt places each glyph run on its own; whitespace between runs means nothing here.
    text = re.sub(r"\s+", "", "".join(page.extract_text() for page in PdfReader(target).pages))
    for expected in ("國立圖書館", "借書收據", "讀者Patron:陳○明", "三國演義", "2026-12-02",
                     "請準時還書"):
        assert expected in text
    subprocess.run(["pdftoppm", "-png", "-r", "300", "-f", "1", "-l", "1", str(target),
                    str(tmp_path / "page")], check=True)
    page = next(tmp_path.glob("page*.png"))
    found = [result.text for result in zxingcpp.read_barcodes(Image.open(page))]
    assert "30001000000010" in found
    assert printer.status.state == DeviceState.CONNECTED


def test_unknown_system_printer_is_a_clear_error(qapp) -> None:  # noqa: ANN001
    printer = build_printer("system:No Such Printer 42")
    with pytest.raises(PrinterError, match="No Such Printer 42"):
        printer.print_slip(SLIP)
    assert printer.status.state == DeviceState.ERROR
