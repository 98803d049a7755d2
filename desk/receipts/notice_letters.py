"""Printable notices for patrons without e-mail: one A4 page per notice in a PDF batch, with
the address block (name, card number, department) where a window envelope shows it, then the
date, the subject and the body in the patron's language. Chinese in the embedded CJK font
(``desk.devices.fonts``), so the text can be extracted and searched."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from desk.circulation.outbox.sender import Letter
from desk.devices.printer.pdf import register_cjk_font, wrap_width

SIZE = 11.0
LEAD = SIZE * 1.5
MARGIN = 25 * mm


def write_letters(path: Path, letters: list[Letter], *, tz: ZoneInfo,
                  library_name: str = "") -> Path:
    """Write ``letters`` to the PDF ``path`` (its folder made if needed); ``path``."""
    font = register_cjk_font()
    path.parent.mkdir(parents=True, exist_ok=True)
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setTitle("Notices / 讀者通知")
    width, height = A4
    inner = width - 2 * MARGIN
    for letter in letters:
        y = height - MARGIN
        if library_name:
            canvas.setFont(font, SIZE * 1.3)
            canvas.drawString(MARGIN, y, library_name)
        # the address block: 45 mm from the top, where a DL window envelope shows it
        y = height - 45 * mm
        canvas.setFont(font, SIZE * 1.1)
        for line in (letter.name, letter.barcode, letter.department or ""):
            if line:
                canvas.drawString(MARGIN, y, line)
                y -= LEAD
        y = height - 90 * mm
        canvas.setFont(font, SIZE)
        canvas.drawRightString(width - MARGIN, y,
                               f"{letter.created_at.astimezone(tz):%Y-%m-%d}")
        y -= 2 * LEAD
        canvas.setFont(font, SIZE * 1.2)
        for piece in wrap_width(letter.subject, font, SIZE * 1.2, inner):
            canvas.drawString(MARGIN, y, piece)
            y -= LEAD * 1.2
        y -= LEAD / 2
        canvas.setFont(font, SIZE)
        for paragraph in letter.body.split("\n"):
            for piece in wrap_width(paragraph, font, SIZE, inner) or [""]:
                if y < MARGIN:
                    canvas.showPage()
                    canvas.setFont(font, SIZE)
                    y = height - MARGIN
                canvas.drawString(MARGIN, y, piece)
                y -= LEAD
        canvas.showPage()
    canvas.save()
    return path


def batch_path(directory: Path, now: datetime, tz: ZoneInfo) -> Path:
    """A new file name for one run's batch: notices-YYYYMMDD-HHMMSS.pdf (a suffix if taken)."""
    stem = f"notices-{now.astimezone(tz):%Y%m%d-%H%M%S}"
    path = directory / f"{stem}.pdf"
    serial = 1
    while path.exists():
        serial += 1
        path = directory / f"{stem}-{serial}.pdf"
    return path


def notices_directory(config: Any) -> Path:
    """The ``notices_pdf_dir`` setting, else ``notices`` in the user data directory."""
    from desk.config import data_dir
    chosen = str(config.get("notices_pdf_dir") or "")
    return Path(chosen).expanduser() if chosen else data_dir() / "notices"


def letters_printer(directory: Path, clock: Callable[[], datetime], tz: ZoneInfo,
                    library_name: str = "") -> Callable[[list[Letter]], Path]:
    """What the sender calls with a run's letters: a new PDF batch in ``directory``."""
    def print_letters(letters: list[Letter]) -> Path:
        return write_letters(batch_path(directory, clock(), tz), letters, tz=tz,
                             library_name=library_name)
    return print_letters
