"""End to end, a stack of three books with one refused: the real desk (``python -m desk``) under
Xvfb, driven by wedge scans with ``xdotool``. The refused book's red row is seen on the screen
(a grab of the X display) and stays after the next scan; two loans reach the database; F12 asks
before finishing, Enter goes back to the visit, *Finish anyway* (Alt+F) prints the slip, which
lists the two loans only (read from the PDF the desk's PDF receipt printer writes)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PIL import ImageGrab
from pypdf import PdfReader

from desk.circulation import open_library
from desk.circulation.queries import patron_summary
from desk.config import Config
from desk.ui.screens.checkout import REFUSED_BACKGROUND
from tests.support import small_library
from tests.ui.real_desk import (display, quit_desk, sign_in_as_clerk, start_desk,
                                stopped_output, wait_for_window, wait_until, wedge, xdotool)

__all__ = ["display"]                  # the Xvfb fixture

QUESTION = "Books not lent"            # the title of the question F12 asks


def red_row_pixels(display: str) -> int:
    """How many pixels of the screen have a refused row's background."""
    red = REFUSED_BACKGROUND.getRgb()[:3]
    image = ImageGrab.grab(xdisplay=display).convert("RGB")
    return sum(count for count, colour in image.getcolors(1 << 24) if colour == red)


def checkout_slips(printed: Path) -> list[str]:
    """The text of every checkout slip the PDF receipt printer wrote."""
    return ["\n".join(page.extract_text() for page in PdfReader(path).pages)
            for path in sorted(printed.glob("*-checkout-*.pdf"))]


def question_shown(display: str) -> bool:
    return bool(xdotool(display, "search", "--onlyvisible", "--name", QUESTION, check=False))


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_a_stack_of_three_books_with_one_refused(tmp_path: Path, display: str) -> None:
    url = f"sqlite:///{tmp_path / 'library.sqlite'}"
    library = open_library(url)
    desk = small_library.build(library)
    desk.main.checkout("P002", "B003")              # already on loan: refused to P001
    printed = tmp_path / "slips"
    settings = Config(path=tmp_path / "settings.toml")
    settings.set("printer_device", f"pdf://{printed}")
    settings.save()
    app = start_desk(display, url, tmp_path / "data", settings.path)
    try:
        main = sign_in_as_clerk(display)
        time.sleep(0.5)
        wedge(display, "P001")
        time.sleep(0.8)
        wedge(display, "B001")
        wait_until(lambda: [loan.item_barcode for loan in patron_summary(library, "P001").loans]
                   == ["B001"])
        time.sleep(0.5)
        assert red_row_pixels(display) == 0
        wedge(display, "B003")                       # refused: already on loan to P002
        wait_until(lambda: red_row_pixels(display) > 2000)
        wedge(display, "B002")                       # the next book is lent, the red row stays
        wait_until(lambda: sorted(loan.item_barcode for loan in
                                  patron_summary(library, "P001").loans) == ["B001", "B002"])
        time.sleep(1.0)
        assert red_row_pixels(display) > 2000
        assert [loan.item_barcode for loan in patron_summary(library, "P002").loans] == ["B003"]

        xdotool(display, "key", "F12")               # Done: asks, because B003 was not lent
        question = wait_for_window(display, QUESTION)
        xdotool(display, "windowfocus", "--sync", question)
        xdotool(display, "key", "Return")            # the default: go back to the visit
        wait_until(lambda: not question_shown(display))
        time.sleep(0.5)
        assert checkout_slips(printed) == []             # the visit goes on: no slip yet
        assert red_row_pixels(display) > 2000

        xdotool(display, "windowfocus", "--sync", main)
        xdotool(display, "key", "F12")
        question = wait_for_window(display, QUESTION)
        xdotool(display, "windowfocus", "--sync", question)
        xdotool(display, "key", "alt+f")             # Finish anyway
        wait_until(lambda: len(checkout_slips(printed)) == 1)
        text = checkout_slips(printed)[0]
        assert "Item: B001" in text and "Item: B002" in text and "Items: 2" in text
        assert "B003" not in text
        wait_until(lambda: red_row_pixels(display) == 0)   # the next patron's empty list
        xdotool(display, "windowfocus", "--sync", main)
        quit_desk(display, app)
    finally:
        output = stopped_output(app)
        library.close()
    assert "Traceback" not in output, output
