"""Blank manual slip forms: A4 and A5, numbered, one per page, barcodes that really decode."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from desk.receipts.manual_forms import blank_forms_pdf


@pytest.mark.parametrize("page,width_mm", [("a4", 210), ("a5", 148)])
@pytest.mark.parametrize("kind,title", [("checkout", "人工借書單"), ("checkin", "人工還書單")])
def test_numbered_forms_with_decodable_barcodes(tmp_path: Path, page: str, width_mm: int,
                                                kind: str, title: str) -> None:
    pdf = tmp_path / "forms.pdf"
    numbers = blank_forms_pdf(pdf, kind, first=41, count=3, page=page, library="總圖")
    prefix = "MC" if kind == "checkout" else "MR"
    assert numbers == [f"{prefix}-000041", f"{prefix}-000042", f"{prefix}-000043"]
    reader = PdfReader(pdf)
    assert len(reader.pages) == 3
    assert round(float(reader.pages[0].mediabox.width) / 72 * 25.4) == width_mm
    for number, pdf_page in zip(numbers, reader.pages):
        text = pdf_page.extract_text()
        assert title in text and number in text
    subprocess.run(["pdftoppm", "-png", "-r", "200", "-f", "2", "-l", "2", str(pdf),
                    str(tmp_path / "page")], check=True)
    image = Image.open(next(tmp_path.glob("page*.png")))
    decoded = [r.text for r in zxingcpp.read_barcodes(image)]
    assert numbers[1] in decoded
    assert ("借書證號" in reader.pages[0].extract_text()) == (kind == "checkout")


def test_bad_requests_are_refused(tmp_path: Path) -> None:
    for kwargs in (dict(kind="renew", first=1, count=1), dict(kind="checkout", first=0, count=1),
                   dict(kind="checkout", first=1, count=0)):
        with pytest.raises(ValueError):
            blank_forms_pdf(tmp_path / "x.pdf", **kwargs)
    assert not (tmp_path / "x.pdf").exists()
