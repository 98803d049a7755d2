"""PDF slips on an 80 mm roll and A4: CJK text extracts, the Code 128 barcode decodes."""

from __future__ import annotations

import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from desk.devices.printer.pdf import PdfPrinter, slip_to_pdf
from desk.devices.slip_builders import hold_slip

HOLD = hold_slip(library=("國立臺灣大學圖書館", "Main Library"), patron_name="陳大明",
                 card="21234000000422", item_barcode="31234000000016",
                 title="紅樓夢：脂硯齋重評石頭記，一個需要換行才能印完的很長很長的書名",
                 pickup_location="總圖書館 1F", hold_until=date(2025, 3, 21),
                 when=datetime(2025, 3, 14, 9, 30))


def render(pdf: Path, out: Path) -> list[Image.Image]:
    subprocess.run(["pdftoppm", "-png", "-r", "300", str(pdf), str(out / "page")], check=True)
    return [Image.open(path) for path in sorted(out.glob("page*.png"))]


@pytest.mark.parametrize("page, size_mm", [("roll80", 80), ("a4", 210)])
def test_pdf_text_and_barcode(tmp_path: Path, page: str, size_mm: int) -> None:
    pdf = tmp_path / "slip.pdf"
    slip_to_pdf(HOLD, pdf, page)  # type: ignore[arg-type]
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    assert round(float(reader.pages[0].mediabox.width) / 72 * 25.4) == size_mm
    text = reader.pages[0].extract_text()
    for expected in ("國立臺灣大學圖書館", "陳○明", "****0422", "總圖書館", "紅樓夢", "2025-03-21"):
        assert expected in text
    assert "陳大明" not in text
    pages = render(pdf, tmp_path)
    found = zxingcpp.read_barcodes(pages[0])
    assert [(r.format, r.text) for r in found] == [(zxingcpp.BarcodeFormat.Code128, "31234000000016")]


def test_pdftotext_agrees(tmp_path: Path) -> None:
    pdf = tmp_path / "slip.pdf"
    slip_to_pdf(HOLD, pdf)
    out = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert "國立臺灣大學圖書館" in out and "Patron: 陳○明" in out


def test_pdf_printer_writes_files(tmp_path: Path) -> None:
    printer = PdfPrinter(tmp_path / "slips", page="a4")
    assert "ready" in printer.test()
    printer.print_slip(HOLD)
    printer.print_slip(HOLD)
    files = sorted((tmp_path / "slips").glob("*.pdf"))
    assert len(files) == 2 and printer.last_path == files[-1]
    assert files[0].name.startswith("20250314-093000-hold-")
    assert "紅樓夢" in PdfReader(files[0]).pages[0].extract_text()
    assert printer.status.state.value == "connected"


def test_bad_page() -> None:
    with pytest.raises(ValueError):
        PdfPrinter("/tmp", page="letter")  # type: ignore[arg-type]


def test_checkout_slip_pdf_prints_the_accessories(tmp_path: Path) -> None:
    from desk.devices.slip_builders import SlipItem, checkout_slip
    slip = checkout_slip(library="Library", patron_name="陳大明", card="21234000000422",
                         items=[SlipItem("31234000000016", "Python 入門", date(2025, 3, 28),
                                         accessories="附光碟1片")],
                         when=datetime(2025, 3, 14, 9, 30))
    pdf = tmp_path / "slip.pdf"
    slip_to_pdf(slip, pdf)
    text = PdfReader(pdf).pages[0].extract_text()
    assert "Accessories: 附光碟1片" in text
