"""End to end: the real desk (``python -m desk``) on a real X server (Xvfb), signed in and
driven with ``xdotool`` typing barcodes the way a keyboard-wedge scanner does (a fast burst and
Enter); then the database is checked."""

from __future__ import annotations

import time

import pytest

from desk.circulation import open_library
from desk.circulation.queries import item_status, patron_summary
from tests.support import small_library
from tests.ui.real_desk import (display, quit_desk, sign_in_as_clerk, start_desk, stopped_output,
                                wait_until, wedge, xdotool)

__all__ = ["display"]                  # the Xvfb fixture


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_wedge_scans_on_the_real_app_reach_the_database(tmp_path, display):
    url = f"sqlite:///{tmp_path / 'library.sqlite'}"
    library = open_library(url)
    small_library.build(library)
    app = start_desk(display, url, tmp_path / "data", tmp_path / "settings.toml")
    try:
        sign_in_as_clerk(display)
        time.sleep(0.5)
        wedge(display, "P001")
        time.sleep(0.8)
        wedge(display, "B001")
        wedge(display, "B002")
        wait_until(lambda: [loan.item_barcode for loan in patron_summary(library, "P001").loans]
                   == ["B001", "B002"])
        xdotool(display, "key", "F12")                 # Done: slip, next patron
        xdotool(display, "key", "F2")                  # Checkin
        time.sleep(0.5)
        wedge(display, "B001")
        wait_until(lambda: item_status(library, "B001").status == "available")
        assert item_status(library, "B002").status == "on_loan"
        # a person typing slowly in the checkin field is not a scan until Enter
        xdotool(display, "type", "--delay", "150", "B002")
        time.sleep(0.5)
        assert item_status(library, "B002").status == "on_loan"
        xdotool(display, "key", "Return")
        wait_until(lambda: item_status(library, "B002").status == "available")
        quit_desk(display, app)
    finally:
        output = stopped_output(app)
        library.close()
    assert "Traceback" not in output, output
