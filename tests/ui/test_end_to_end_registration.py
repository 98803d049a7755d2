"""End to end (SOP 5.3.3): on the real desk under Xvfb an unknown card scanned at checkout asks
"No such patron — register?", Enter opens the New patron dialog with the card filled in, the
clerk types the name and saves with Ctrl+S, and the checkout goes on: the next scan lends a
book to the new patron. Keystrokes from the unknown card to the first loan: Enter, the name,
Ctrl+S, the book's scan."""

from __future__ import annotations

import time

import pytest

from desk.circulation import open_library
from desk.circulation.queries import patron_summary
from desk.circulation.queries.registration import patron_record
from tests.support import small_library
from tests.ui.real_desk import (display, quit_desk, sign_in_as_clerk, start_desk, stopped_output,
                                wait_for_window, wait_until, wedge, xdotool)

__all__ = ["display"]                  # the Xvfb fixture


def _registered(library, card: str) -> bool:  # noqa: ANN001
    try:
        patron_record(library, card)
    except Exception:  # noqa: BLE001 - not there yet
        return False
    return True


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_an_unknown_card_is_registered_at_checkout_and_borrows(tmp_path, display):
    url = f"sqlite:///{tmp_path / 'library.sqlite'}"
    library = open_library(url)
    small_library.build(library)
    app = start_desk(display, url, tmp_path / "data", tmp_path / "settings.toml")
    try:
        main = sign_in_as_clerk(display)
        time.sleep(0.5)
        started = time.monotonic()
        wedge(display, "N900")                          # nobody has this card
        question = wait_for_window(display, "No such patron")
        xdotool(display, "windowfocus", "--sync", question)
        xdotool(display, "key", "Return")               # Enter: register
        form = wait_for_window(display, "New patron")
        xdotool(display, "windowfocus", "--sync", form)
        time.sleep(0.5)                                 # the categories are read
        xdotool(display, "type", "--delay", "40", "Reader Nine")
        xdotool(display, "key", "ctrl+s")
        wait_until(lambda: _registered(library, "N900"))
        time.sleep(0.8)                                 # the checkout takes the new patron
        wedge(display, "B001")
        wait_until(lambda: [loan.item_barcode for loan in patron_summary(library, "N900").loans]
                   == ["B001"])
        elapsed = time.monotonic() - started
        record = patron_record(library, "N900")
        assert record.name == "Reader Nine" and record.category == "consortium"
        print(f"unknown card to first loan: {elapsed:.1f} s (with the test's pauses)")
        xdotool(display, "windowfocus", "--sync", main)
        quit_desk(display, app)
    finally:
        output = stopped_output(app)
        library.close()
    assert "Traceback" not in output, output
