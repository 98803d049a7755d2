"""Codabar library labels: check digit and start/stop added, decoded back by zxing-cpp."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from desk.devices.labels import codabar_code, codabar_png, labels_pdf, library_number
from desk.devices.scanner.cleaner import BarcodeCleaner
from desk.numbering import has_valid_check_digit


def test_check_digit_and_frame_added() -> None:
    number = library_number("3123400000001")
    assert len(number) == 14 and has_valid_check_digit(number)
    assert codabar_code("3123400000001") == f"A{number}B"
    assert codabar_code(number) == f"A{number}B"
    assert codabar_code("12-34") == "A12-34B"
    with pytest.raises(ValueError, match="check digit"):
        library_number(number[:-1] + str((int(number[-1]) + 1) % 10))
    with pytest.raises(ValueError):
        codabar_code("ABC")


@pytest.mark.parametrize("body", ["3123400000001", "2123400000042"])
def test_png_decodes_to_the_number(tmp_path: Path, body: str) -> None:
    data = codabar_png(body, tmp_path / "label.png")
    assert (tmp_path / "label.png").read_bytes() == data
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(data)))
    assert len(found) == 1 and found[0].format == zxingcpp.BarcodeFormat.Codabar
    cleaned = BarcodeCleaner(check_digit=True).clean(found[0].text)
    assert cleaned.ok and cleaned.code == library_number(body)


def test_label_sheet_pdf_decodes(tmp_path: Path) -> None:
    bodies = [f"31234{n:08d}" for n in range(1, 8)]
    pdf = tmp_path / "labels.pdf"
    labels_pdf(bodies, pdf, captions=["紅樓夢"] * 7, columns=3, rows=3)
    subprocess.run(["pdftoppm", "-png", "-r", "300", str(pdf), str(tmp_path / "p")], check=True)
    pages = sorted(tmp_path.glob("p*.png"))
    assert len(pages) == 1
    decoded = set()
    for page in pages:
        decoded |= {BarcodeCleaner().clean(r.text).code for r in zxingcpp.read_barcodes(Image.open(page))}
    assert decoded == {library_number(body) for body in bodies}
