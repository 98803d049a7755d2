"""Printable blank manual-circulation forms (SOP 5.8.2.2, 5.8.3.1): the manual checkout slip
(人工借書單) and the manual return slip (人工還書單), A4 or A5, one numbered form per page.

Each form carries its number as text and as a Code 128 barcode (so keying it in later is one
scan), boxes for the patron card (checkouts) and for item barcodes, the date and time, the due
date column (checkouts) and the staff signature. The number is what the key-in screen asks for.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO, Literal

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from desk.devices.printer.pdf import register_cjk_font

FormKind = Literal["checkout", "checkin"]
TITLES = {"checkout": ("人工借書單", "Manual checkout slip"),
          "checkin": ("人工還書單", "Manual return slip")}
PREFIX = {"checkout": "MC", "checkin": "MR"}
ITEM_ROWS = {"a4": 12, "a5": 6}


def form_number(kind: FormKind, number: int) -> str:
    return f"{PREFIX[kind]}-{number:06d}"


def blank_forms_pdf(target: str | Path | BinaryIO, kind: FormKind, *, first: int, count: int,
                    page: Literal["a4", "a5"] = "a4", library: str = "") -> list[str]:
    """Write ``count`` numbered blank forms starting at ``first``; returns their numbers."""
    if kind not in TITLES:
        raise ValueError(f"unknown form kind {kind!r}")
    if first < 1 or not 1 <= count <= 5000:
        raise ValueError("forms are numbered from 1, and 1 to 5000 at a time")
    font = register_cjk_font()
    size = A4 if page == "a4" else A5
    canvas = Canvas(str(target) if isinstance(target, Path) else target, pagesize=size)
    canvas.setTitle(f"{TITLES[kind][1]} {form_number(kind, first)}")
    numbers = []
    for number in range(first, first + count):
        numbers.append(form_number(kind, number))
        _draw_form(canvas, size, font, kind, numbers[-1], ITEM_ROWS[page], library)
        canvas.showPage()
    canvas.save()
    return numbers


def _draw_form(canvas: Canvas, size: tuple[float, float], font: str, kind: FormKind,
               number: str, rows: int, library: str) -> None:
    width, height = size
    margin = 14 * mm
    scale = 1.0 if width > 160 * mm else 0.8
    y = height - margin
    canvas.setFont(font, 16 * scale)
    zh, en = TITLES[kind]
    canvas.drawString(margin, y - 12, f"{library} {zh}".strip())
    canvas.setFont(font, 9 * scale)
    canvas.drawString(margin, y - 26, en + "  (SOP 5.8)")
    barcode = Code128(number, barWidth=0.33 * mm, barHeight=12 * mm, humanReadable=True)
    barcode.drawOn(canvas, width - margin - barcode.width, y - 18 * mm)
    canvas.setFont(font, 10 * scale)
    canvas.drawRightString(width - margin, y - 22 * mm, f"No. {number}")
    y -= 30 * mm

    def box(label: str, x: float, w: float, h: float = 10 * mm) -> None:
        canvas.setFont(font, 8 * scale)
        canvas.drawString(x, y + 1.5 * mm + h, label)
        canvas.rect(x, y, w, h)

    half = (width - 2 * margin - 6 * mm) / 2
    box("日期時間 Date and time", margin, half)
    box("承辦人 Staff", margin + half + 6 * mm, half)
    y -= 18 * mm
    if kind == "checkout":
        box("借書證號 Patron card (write or stick the barcode)", margin, width - 2 * margin)
        y -= 18 * mm
    canvas.setFont(font, 9 * scale)
    columns = [("#", 10 * mm), ("館藏條碼 Item barcode", 0)]
    if kind == "checkout":
        columns.append(("到期日 Due date", 38 * mm))
    fixed = sum(w for _, w in columns)
    columns[1] = (columns[1][0], width - 2 * margin - fixed)
    row_h = 9 * mm
    x = margin
    for label, w in columns:
        canvas.drawString(x + 1.5 * mm, y + 2 * mm, label)
        x += w
    for row in range(rows):
        y -= row_h
        x = margin
        for column, (_, w) in enumerate(columns):
            canvas.rect(x, y, w, row_h)
            if column == 0:
                canvas.drawString(x + 2 * mm, y + 3 * mm, str(row + 1))
            x += w
    y -= 12 * mm
    canvas.setFont(font, 8 * scale)
    notes = ("續借、預約及繳交滯還金暫停辦理；系統恢復後逐筆補登。" if kind == "checkout" else
             "逾期罰款請於系統恢復後到館繳交；因延遲輸入造成之罰款予以減免。")
    canvas.drawString(margin, y, notes)
