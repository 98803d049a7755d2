"""End to end (SOP 5.3.9): on the real desk under Xvfb, at the pickup desk MAIN-1, the clerk
opens a patron (F4, the card scanned), opens the delivery request form (Ctrl+Shift+D), scans a
book of the law library and sends the form (Ctrl+Enter): the fee is paid on a temporary
receipt. The law library's desk pulls it from its pull list (the library API, as that desk
would); back at MAIN-1 the delivered book is checked in (F2), trapped for the patron on the
holds shelf for 3 open days, and lent by the normal checkout (F1)."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from desk.circulation import open_library
from desk.circulation.queries import item_status, patron_summary
from desk.models import DeliveryRequest, PatronNotice
from tests.support import small_library
from tests.ui.real_desk import (display, quit_desk, sign_in_as_clerk, start_desk, stopped_output,
                                wait_for_window, wait_until, wedge, xdotool)

__all__ = ["display"]                  # the Xvfb fixture


def _requests(library) -> list[DeliveryRequest]:  # noqa: ANN001
    with library.read_sessions() as session:
        return list(session.scalars(select(DeliveryRequest)))


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_a_delivery_from_request_to_pickup_on_the_real_desk(tmp_path, display):
    url = f"sqlite:///{tmp_path / 'library.sqlite'}"
    library = open_library(url)
    desk = small_library.build(library)
    app = start_desk(display, url, tmp_path / "data", tmp_path / "settings.toml")
    try:
        main = sign_in_as_clerk(display)
        time.sleep(0.5)
        xdotool(display, "key", "F4")                   # patron search
        time.sleep(0.5)
        wedge(display, "P001")
        time.sleep(1.0)                                 # the record opens
        xdotool(display, "key", "ctrl+shift+d")
        form = wait_for_window(display, "Delivery request")
        xdotool(display, "windowfocus", "--sync", form)
        time.sleep(0.8)                                 # the locations are read
        wedge(display, "L001")                          # a book of the law library
        time.sleep(0.5)
        xdotool(display, "key", "ctrl+Return")
        wait_until(lambda: len(_requests(library)) == 1)
        [request] = _requests(library)
        assert request.fee == 20 and request.receipt_no == "MAIN-1-2026-000001"
        # the law library's pull list shows it; its desk pulls it
        [entry] = desk.law.pull_list()
        assert entry.kind == "delivery" and entry.item_barcode == "L001"
        desk.law.pull_delivery("L001")
        assert item_status(library, "L001").status == "in_delivery"
        # delivered to MAIN: checked in at the pickup desk, trapped for the patron
        xdotool(display, "windowfocus", "--sync", main)
        xdotool(display, "key", "F2")
        time.sleep(0.5)
        wedge(display, "L001")
        wait_until(lambda: item_status(library, "L001").status == "on_holds_shelf")
        with library.read_sessions() as session:
            kinds = list(session.scalars(select(PatronNotice.kind)))
        assert kinds == ["delivery_arrived"]
        # the patron collects it: the normal checkout
        xdotool(display, "key", "F1")
        time.sleep(0.5)
        wedge(display, "P001")
        time.sleep(0.8)
        wedge(display, "L001")
        wait_until(lambda: [loan.item_barcode for loan in patron_summary(library, "P001").loans]
                   == ["L001"])
        xdotool(display, "key", "F12")
        quit_desk(display, app)
    finally:
        output = stopped_output(app)
        library.close()
    assert "Traceback" not in output, output
